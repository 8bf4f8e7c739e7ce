"""The control slip (Phiếu kiểm soát quá trình giải quyết hồ sơ, Mẫu 05): one row per hand-off
of the dossier between steps, with the early / on-time / late verdict of each, computed from the
task rows the transitions kept (never from the workflow)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from engine.roles import ROLE_LABELS

from ..db import db
from .models import OpenTask
from ..workflow.service import workflow


@dataclass(frozen=True)
class Handoff:
    step: str
    node_id: str
    agency: str
    unit: str  # the role's label: Bộ phận Một cửa, Chuyên viên...
    officer: str | None
    received_at: datetime
    due_at: datetime | None
    finished_at: datetime | None
    verdict: str  # early | on_time | late | open | open_late | none | cancelled


def verdict(due: datetime | None, finished: datetime | None, at: datetime) -> str:
    """Early: done on an earlier day than due; on time: by the due instant; late: after it."""
    if due is None:
        return "none"
    if finished is None:
        return "open_late" if at > due else "open"
    if finished > due:
        return "late"
    tz = workflow().calendar.tz
    return "early" if finished.astimezone(tz).date() < due.astimezone(tz).date() else "on_time"


def handoffs(dossier_id: int, at: datetime) -> list[Handoff]:
    tasks = db.session.execute(
        select(OpenTask).where(OpenTask.dossier_id == dossier_id)
        # Parallel steps open at one instant: the diagram's element id orders them, not the random task id.
        .order_by(OpenTask.opened_at, OpenTask.node_id, OpenTask.id)
        .options(joinedload(OpenTask.agency), joinedload(OpenTask.claimed_by), joinedload(OpenTask.closed_by))
    ).scalars().all()
    rows = []
    for t in tasks:
        officer = t.closed_by or t.claimed_by
        # Closed with nobody completing it: cut short by a withdrawal or a stop, never worked.
        cancelled = t.closed_at is not None and t.closed_by_id is None
        rows.append(Handoff(t.name, t.node_id, t.agency.name, ROLE_LABELS.get(t.role, t.role),
                            officer.full_name if officer else None, _received(t), t.due_at, t.closed_at,
                            "cancelled" if cancelled else verdict(t.due_at, t.closed_at, at)))
    return sorted(rows, key=lambda row: row.received_at)  # stable: parallel steps keep the diagram's order


def _received(task: OpenTask) -> datetime:
    """A paper dossier accepted after the day's hand-over hour reaches the next step the next
    morning (its task opens then); a step worked on screen before that was received when worked."""
    return min(task.opened_at, task.closed_at) if task.closed_at is not None else task.opened_at


def giver(rows: list[Handoff], index: int) -> int | None:
    """The row whose completion handed the dossier to `rows[index]`: the step finished last at or
    before it was received (parallel steps opened together share the one that opened them), or
    None when the dossier came from the applicant."""
    received = rows[index].received_at
    done = [i for i, row in enumerate(rows[:index]) if row.finished_at is not None and row.verdict != "cancelled"
            and row.finished_at <= received]
    return max(done, key=lambda i: (rows[i].finished_at, i)) if done else None
