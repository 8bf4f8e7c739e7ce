"""The task inbox as queries over the task projection (`open_tasks`), never the workflows; the
one definition behind the officers' inbox page and the API's /tasks.

Three tabs: the tasks claimed by (or assigned to) me, the unclaimed tasks of my role at my
agency, and every open task of my role at my agency; and the API's default, what I may take up
(mine and the unclaimed ones). An administrator sees every agency's tasks, narrowed by agency
and role; a leader lists another lane of their agency (whose tasks they assign), and a leader or
an administrator may narrow the group's tab to the tasks one officer holds (where the supervision
page's counts lead, supervision.py). Each tab reads one index of
`open_tasks` (see models.py): the filters narrow a range of it, and the order is the index's own
(due time)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import and_, func, or_, select

from ..catalogue.models import Procedure
from ..db import db
from ..users.models import User
from ..workflow.service import workflow
from . import search
from .models import Dossier, OpenTask

TABS = ("cua-toi", "cho-nhan", "nhom")
AVAILABLE = "co-the-nhan"  # not a tab of the page: mine and the unclaimed ones (the API's default)
DUE_FILTERS = ("qua-han", "hom-nay", "3-ngay", "khong-han")
PER_PAGE = 50
MAX_QUERY = search.MAX_QUERY
SUPERVISORS = ("leader", "admin")  # who may follow one officer's work (supervision.py)


@dataclass(frozen=True)
class Filters:
    procedure_id: int | None = None
    status: int | None = None
    due: str | None = None
    q: str = ""
    agency_id: int | None = None  # an administrator's choice
    role: str | None = None  # an administrator's choice; a leader's, among their agency's lanes
    claimer_id: int | None = None  # a supervisor's choice, in the group's tab: one officer's tasks


@dataclass(frozen=True)
class Page:
    rows: list
    total: int
    page: int
    pages: int


def _scope(user, tab: str, filters: Filters):
    """The WHERE of a tab, before the filters."""
    open_only = OpenTask.closed_at.is_(None)
    if tab == "cua-toi":
        return and_(OpenTask.claimed_by_id == user.id, open_only)
    # A leader following one officer sees that officer's tasks of every role, at their own agency only.
    supervised = tab == "nhom" and filters.claimer_id is not None and user.role in SUPERVISORS
    if user.role == "admin":
        clauses = [open_only]
        if filters.role:
            clauses.append(OpenTask.role == filters.role)
        if filters.agency_id:
            clauses.append(OpenTask.agency_id == filters.agency_id)
    elif supervised:
        clauses = [OpenTask.agency_id == user.agency_id, open_only]
        if filters.role:
            clauses.append(OpenTask.role == filters.role)
    else:
        # A leader assigns every task of their agency (work.may_assign): they may list another lane's.
        role = filters.role if filters.role and user.role in SUPERVISORS else user.role
        clauses = [OpenTask.role == role, OpenTask.agency_id == user.agency_id, open_only]
    if supervised:
        clauses.append(OpenTask.claimed_by_id == filters.claimer_id)
    if tab == "cho-nhan":
        clauses.append(OpenTask.claimed_by_id.is_(None))
    elif tab == AVAILABLE:
        clauses.append(or_(OpenTask.claimed_by_id.is_(None), OpenTask.claimed_by_id == user.id))
    return and_(*clauses)


def due_clause(due: str | None, at: datetime):
    """The condition of a due filter (DUE_FILTERS) at the instant `at`; None for no filter."""
    calendar = workflow().calendar
    if due == "qua-han":
        return OpenTask.due_at < at
    if due == "hom-nay":
        local = at.astimezone(calendar.tz)
        end = datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=calendar.tz)
        return and_(OpenTask.due_at >= at, OpenTask.due_at < end)
    if due == "3-ngay":
        return and_(OpenTask.due_at >= at, OpenTask.due_at <= calendar.add_working_days(at, 3))
    if due == "khong-han":
        return OpenTask.due_at.is_(None)
    return None


def _filtered(statement, user, tab: str, filters: Filters, at: datetime):
    statement = statement.where(_scope(user, tab, filters))
    if filters.procedure_id:
        statement = statement.where(OpenTask.procedure_id == filters.procedure_id)
    if filters.status:
        statement = statement.where(OpenTask.status == filters.status)
    due = due_clause(filters.due, at)
    if due is not None:
        statement = statement.where(due)
    found = search.clause(filters.q)
    if found is not None:
        statement = statement.join(Dossier, Dossier.id == OpenTask.dossier_id).where(found)
    return statement


# Due first (NULLS LAST is PostgreSQL's own order of an ascending index; SQLite sorts them).
ORDER = (OpenTask.due_at.asc().nulls_last(), OpenTask.opened_at, OpenTask.id)


def tasks_statement(user, tab: str, filters: Filters, at: datetime):
    """The tab's tasks as OpenTask rows, due first (for the API)."""
    return _filtered(select(OpenTask), user, tab, filters, at).order_by(*ORDER)


def rows_statement(user, tab: str, filters: Filters, at: datetime):
    """The tab's rows, due first; the columns the inbox page shows and nothing else."""
    claimer = User.__table__.alias("claimer")
    statement = select(
        OpenTask.id, OpenTask.name, OpenTask.status, OpenTask.due_at, OpenTask.opened_at, OpenTask.role, OpenTask.agency_id,
        OpenTask.claimed_by_id, claimer.c.full_name.label("claimed_by_name"), OpenTask.dossier_id,
        Dossier.code, Dossier.applicant_name, Dossier.channel, Dossier.due_at.label("dossier_due_at"),
        Procedure.name.label("procedure_name"))
    statement = _filtered(statement.select_from(OpenTask), user, tab, filters, at)
    if search.clause(filters.q) is None:
        statement = statement.join(Dossier, Dossier.id == OpenTask.dossier_id)
    return (statement.join(Procedure, Procedure.id == OpenTask.procedure_id)
            .outerjoin(claimer, claimer.c.id == OpenTask.claimed_by_id).order_by(*ORDER))


def count_statement(user, tab: str, filters: Filters, at: datetime):
    return _filtered(select(func.count()).select_from(OpenTask), user, tab, filters, at)


def tab_counts(user, filters: Filters, at: datetime) -> dict[str, int]:
    return {tab: db.session.execute(count_statement(user, tab, filters, at)).scalar_one() for tab in TABS}


def _page(statement, page: int, total: int, scalars: bool = False) -> Page:
    pages = max(-(-total // PER_PAGE), 1)
    page = min(max(page, 1), pages)
    rows = db.session.execute(statement.limit(PER_PAGE).offset((page - 1) * PER_PAGE))
    return Page(rows.scalars().all() if scalars else rows.all(), total, page, pages)


def page_of(user, tab: str, filters: Filters, at: datetime, page: int, total: int) -> Page:
    """One page of the tab with the inbox page's columns."""
    return _page(rows_statement(user, tab, filters, at), page, total)


def tasks_page(user, tab: str, filters: Filters, at: datetime, page: int, total: int, *options) -> Page:
    """One page of the tab as OpenTask rows, loaded with `options`."""
    return _page(tasks_statement(user, tab, filters, at).options(*options), page, total, scalars=True)


def procedures_offered(user, filters: Filters) -> list[tuple[int, str]]:
    """The procedures that have open tasks in the user's group, for the filter."""
    in_group = select(OpenTask.procedure_id).where(_scope(user, "nhom", filters)).distinct()
    query = select(Procedure.id, Procedure.name).where(Procedure.id.in_(in_group)).order_by(Procedure.name)
    return [tuple(r) for r in db.session.execute(query)]
