"""How an agency's open work is spread over its officers, for a leader (or an administrator) to
rebalance it: per officer, the open tasks they hold and how many are overdue, due today or due
within three working days, with the earliest due instant; per role, the tasks nobody has taken.

Two statements whatever the number of officers or tasks: the agency's active officers, and its
open tasks grouped by claimer and role. The due counts are the inbox's own due filters
(inbox.due_clause), so a count and the inbox page it links to always agree."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select

from engine.roles import LANE_ROLES

from ..accounts.activation import activated
from ..db import db
from ..users.models import OFFICER_ROLES, User
from . import inbox
from .models import OpenTask

DUE_COUNTS = ("qua-han", "hom-nay", "3-ngay")  # the inbox's due filters a row counts


@dataclass(frozen=True)
class Load:
    tasks: int = 0
    due: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DUE_COUNTS, 0))
    earliest_due: datetime | None = None

    def __add__(self, other: Load) -> Load:
        dues = [d for d in (self.earliest_due, other.earliest_due) if d is not None]
        return Load(self.tasks + other.tasks, {k: self.due[k] + other.due[k] for k in DUE_COUNTS},
                    min(dues, default=None))


@dataclass(frozen=True)
class Row:
    role: str
    load: Load
    officer_id: int | None = None  # None: the tasks of `role` nobody has claimed
    name: str | None = None
    stranded: bool = False  # unclaimed tasks of a role no active officer of the agency has


@dataclass(frozen=True)
class Workload:
    officers: list[Row]  # most overdue first, then most tasks
    unclaimed: list[Row]  # one per role with open tasks nobody holds
    total: Load


def officers(agency_id: int):
    """The agency's active officers (id, full_name, role, able: activated, so able to work), by name."""
    return db.session.execute(select(User.id, User.full_name, User.role, activated().label("able")).where(
        User.agency_id == agency_id, User.role.in_(OFFICER_ROLES), User.active.is_(True))
        .order_by(User.full_name, User.id)).all()


def loads_statement(agency_id: int, at: datetime):
    """(claimer, role, tasks, overdue, due today, due within 3 working days, earliest due) of the
    agency's open tasks. Every task's role is a lane role: naming them lets the partial index
    (role, agency, claimer, due) seek the agency's entries, where the agency alone would read the
    open tasks of the whole province."""
    due = [func.count().filter(inbox.due_clause(key, at)) for key in DUE_COUNTS]
    return (select(OpenTask.claimed_by_id, OpenTask.role, func.count(), *due, func.min(OpenTask.due_at))
            .where(OpenTask.role.in_(LANE_ROLES), OpenTask.agency_id == agency_id, OpenTask.closed_at.is_(None))
            .group_by(OpenTask.claimed_by_id, OpenTask.role))


def workload(agency_id: int, at: datetime) -> Workload:
    people = officers(agency_id)
    by_claimer: dict[int | None, dict[str, Load]] = {}
    for claimer, role, tasks, *counts, earliest in db.session.execute(loads_statement(agency_id, at)):
        by_claimer.setdefault(claimer, {})[role] = Load(tasks, dict(zip(DUE_COUNTS, counts)), earliest)
    # An officer holds only tasks of their role (work.assign checks it; a move or a deactivation
    # gives their claims back, work.release_claims); their row adds up every role all the same,
    # so that no task they hold could drop out of the counts.
    rows = [Row(role, sum(by_claimer.get(officer_id, {}).values(), Load()), officer_id, name)
            for officer_id, name, role, _ in people]
    rows.sort(key=lambda r: (-r.load.due["qua-han"], -r.load.tasks))  # stable: by name among equals
    unclaimed = by_claimer.get(None, {})
    staffed = {role for _, _, role, able in people if able}  # an account never activated takes nothing
    return Workload(rows, [Row(role, unclaimed[role], stranded=role not in staffed)
                           for role in LANE_ROLES if role in unclaimed],
                    sum((load for held in by_claimer.values() for load in held.values()), Load()))
