"""The task inbox page and the claim / release / assign buttons it carries."""
from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from sqlalchemy import select

from engine.roles import LANE_ROLES, ROLE_LABELS
from engine.statuses import LABELS as STATUS_LABELS, known as known_status

from ..agencies.models import Agency
from ..clock import now
from ..db import as_id, db
from ..dossiers import inbox, supervision, work
from ..dossiers.errors import DossierError
from ..web.session import login_required
from ..workflow import versions
from ..workflow.service import workflow
from .blueprint import STAFF, workspace
from .messages import ADMIN_TABS, CHANNELS, DUE_FILTERS, EMPTY, MESSAGES, ROLE_WORK, SUPERVISION, TABS


# Kept across tabs and pages.
FILTER_NAMES = ("q", "thu_tuc", "trang_thai", "han", "co_quan", "vai_tro", "nguoi_xu_ly")
VIEW_NAMES = ("tab", "trang", *FILTER_NAMES)


def view_args(values) -> dict[str, str]:
    """The inbox view (tab, page, filters) an address carries. A task opened from the inbox carries
    it, so going back (its link, Esc, after completing) lands on the view the officer left; only
    these names, and only into the inbox's own address: never a way to send anyone elsewhere."""
    return {k: v[:inbox.MAX_QUERY] for k, v in values.items() if k in VIEW_NAMES and v}


def _int(name: str, values=None) -> int | None:
    """A positive id typed in the address (or sent by a form); one no database column can hold
    is ignored like any other nonsense, never sent to the database."""
    return as_id((request.args if values is None else values).get(name, type=int))


def _agency_filter() -> int | None:
    """An administrator's agency: one there is not is said (the page shows every agency), never
    shown as an agency with no work."""
    asked = (request.args.get("co_quan") or "")[:32]
    agency_id = _int("co_quan")
    if asked and (agency_id is None or db.session.get(Agency, agency_id) is None):
        flash(MESSAGES["agency_unknown"].format(asked=asked, shown=MESSAGES["every_agency"]), "error")
        return None
    return agency_id


def _filters() -> inbox.Filters:
    args = request.args
    due = args.get("han")
    role = args.get("vai_tro")
    return inbox.Filters(procedure_id=_int("thu_tuc"), status=known_status(args.get("trang_thai", type=int)),
                         due=due if due in inbox.DUE_FILTERS else None, q=(args.get("q") or "")[:inbox.MAX_QUERY],
                         agency_id=_agency_filter() if g.user.role == "admin" else None,
                         role=role if g.user.role in inbox.SUPERVISORS and role in LANE_ROLES else None,
                         claimer_id=_int("nguoi_xu_ly") if g.user.role in inbox.SUPERVISORS else None)


def _claimers(tab: str, filters: inbox.Filters) -> list[tuple[int, str]]:
    """(id, name and role) of the officers a supervisor may narrow the group's tab to: a leader's
    agency's, or those of the agency an administrator chose (a province's every officer would
    make too long a list)."""
    if tab != "nhom" or g.user.role not in inbox.SUPERVISORS:
        return []
    agency_id = filters.agency_id if g.user.role == "admin" else g.user.agency_id
    return [(o.id, SUPERVISION["claimer_option"].format(name=o.full_name, role=ROLE_LABELS[o.role]))
            for o in (supervision.officers(agency_id) if agency_id else [])]


def _default_tab(counts: dict[str, int]) -> str:
    """My own work first; with none claimed, what waits for someone to take it."""
    if g.user.role == "admin":
        return "nhom"
    return "cua-toi" if counts["cua-toi"] or not counts["cho-nhan"] else "cho-nhan"


@workspace.get("")
@login_required(*STAFF)
def inbox_page():
    filters = _filters()
    at = now()
    counts = inbox.tab_counts(g.user, filters, at)
    tab = request.args.get("tab")
    tab = tab if tab in inbox.TABS else _default_tab(counts)
    page = inbox.page_of(g.user, tab, filters, at, request.args.get("trang", 1, type=int) or 1, counts[tab])
    kept = {k: v for k, v in view_args(request.args).items() if k in FILTER_NAMES}
    view = {"tab": tab, **({"trang": page.page} if page.page > 1 else {}), **kept}  # carried to each task
    tz = workflow().calendar.tz
    claimers = _claimers(tab, filters)
    return render_template(
        "workspace/inbox.html", tab=tab, tabs=ADMIN_TABS if g.user.role == "admin" else TABS, counts=counts,
        page=page, filters=filters, kept=kept, view=view, at=at, today=at.astimezone(tz).date(), tz=tz,
        procedures=inbox.procedures_offered(g.user, filters), statuses=STATUS_LABELS, due_filters=DUE_FILTERS,
        agencies=db.session.execute(select(Agency.id, Agency.name).order_by(Agency.name)).all()
        if g.user.role == "admin" else [],
        roles={code: ROLE_LABELS[code] for code in LANE_ROLES}, channels=CHANNELS, messages=MESSAGES,
        empty=EMPTY, role_work=ROLE_WORK, claimers=claimers, supervision=SUPERVISION,
        claimer=dict(claimers).get(filters.claimer_id),
        procedure_problems=versions.problems() if g.user.role == "admin" else [])


def _back(default: str):
    """Where a button's form asked to return (a path inside the one-stop system), else default."""
    target = request.form.get("next", "")
    return redirect(target if target.startswith("/mot-cua") and "//" not in target else default, 303)


def _act(action, done: str, **values):
    try:
        task = action()
    except DossierError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return _back(url_for("workspace.inbox_page"))
    values = {k: v(task) if callable(v) else v for k, v in values.items()}
    flash(MESSAGES[done].format(name=task.name, dossier=task.dossier.code or f"số {task.dossier_id}", **values))
    return _back(url_for("workspace.inbox_page"))


@workspace.post("/viec/<task_id>/nhan")
@login_required(*STAFF)
def claim(task_id: str):
    return _act(lambda: work.claim(g.user, task_id[:36], now()), "claimed")


@workspace.post("/viec/<task_id>/tra-lai")
@login_required(*STAFF)
def release(task_id: str):
    return _act(lambda: work.release(g.user, task_id[:36], now(), strict=True), "released")


@workspace.post("/viec/<task_id>/giao")
@login_required("leader", "admin")
def assign(task_id: str):
    assignee = _int("can_bo", request.form)
    if "can_bo" in request.form and not request.form["can_bo"].strip():  # the list's empty first choice
        flash(MESSAGES["assign_choose"], "error")
        return _back(url_for("workspace.inbox_page"))
    # The holder the page showed ("": nobody), so a task claimed meanwhile is not taken unseen.
    shown = request.form.get("nguoi_giu")
    shown = work.SHOWN_ANY if shown is None else _int("nguoi_giu", request.form)
    return _act(lambda: work.assign(g.user, task_id[:36], assignee, now(), shown), "assigned",
                assignee=lambda task: task.claimed_by.full_name)
