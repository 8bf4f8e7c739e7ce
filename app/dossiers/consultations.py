"""The dossiers an agency resolves that wait on another agency (liên thông): the open steps of
other agencies on them, most overdue first, for the resolving agency's leader to chase. The
resolving agency answers for the whole time limit, the consulted one only for its step, so the
first must see what the second is late with. Read through the partial index of open consulted
steps: few at any instant, whatever the province's volume."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import joinedload

from ..accounts.activation import able_to_work
from ..agencies.models import Agency
from ..catalogue.models import Procedure
from ..db import db
from ..users.models import User
from .models import Dossier, OpenTask

ROWS = 50  # a leader chases the most overdue; the count says how many more wait


@dataclass(frozen=True)
class Waiting:
    task: OpenTask  # the other agency's open step, with its dossier and agency loaded
    overdue: bool
    stranded: bool  # no officer of the step's role at that agency who can log in: nobody will take it


@dataclass(frozen=True)
class Waits:
    rows: list[Waiting]
    total: int
    overdue: int


def _open_consultations(agency_id: int):
    """The open consulted steps, read in the order of their partial index; the agency's a test of
    each step's dossier, never a walk over every dossier the agency ever resolved."""
    return select(OpenTask).where(
        OpenTask.consulted == True, OpenTask.closed_at.is_(None),  # noqa: E712 -- the index's own words
        select(Dossier.id).where(Dossier.id == OpenTask.dossier_id, Dossier.agency_id == agency_id).exists())


def rows_statement(agency_id: int):
    """The open steps of other agencies on the dossiers of `agency_id`, the earliest due first,
    those without a step time limit last."""
    return (_open_consultations(agency_id)
            # Only what the page shows: a dossier row carries its whole application and workflow state.
            .options(joinedload(OpenTask.dossier).load_only(Dossier.id, Dossier.code, Dossier.procedure_id)
                     .joinedload(Dossier.procedure).load_only(Procedure.id, Procedure.name),
                     joinedload(OpenTask.agency).load_only(Agency.id, Agency.name),
                     joinedload(OpenTask.claimed_by).load_only(User.id, User.full_name))
            .order_by(OpenTask.due_at.asc().nulls_last(), OpenTask.opened_at, OpenTask.dossier_id, OpenTask.node_id,
                      OpenTask.id).limit(ROWS))  # the index's own order; ties by dossier, not the random task id


def waits(agency_id: int, at: datetime) -> Waits:
    counted = _open_consultations(agency_id).with_only_columns(
        func.count(), func.count().filter(OpenTask.due_at < at))
    total, overdue = db.session.execute(counted).one()
    tasks = db.session.execute(rows_statement(agency_id)).scalars().all() if total else []
    staffed = _staffed({(t.agency_id, t.role) for t in tasks})
    return Waits([Waiting(t, t.due_at is not None and t.due_at < at, (t.agency_id, t.role) not in staffed)
                  for t in tasks], total, overdue)


def _staffed(pairs: set[tuple[int, str]]) -> set[tuple[int, str]]:
    """Which (agency, role) of `pairs` has an officer able to work."""
    if not pairs:
        return set()
    return set(db.session.execute(select(User.agency_id, User.role).distinct().where(
        tuple_(User.agency_id, User.role).in_(pairs), able_to_work())).all())
