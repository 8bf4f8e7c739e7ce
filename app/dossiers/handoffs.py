"""The control slip (Phiếu kiểm soát quá trình giải quyết hồ sơ, Mẫu 05): one row per hand-off
of the dossier between steps, with the early / on-time / late verdict of each, computed from the
task rows the transitions kept (never from the workflow state) and, for who handed to whom, the
flows of the diagram version the dossier runs on."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from engine.roles import ROLE_LABELS
from engine.runtime import EngineError

from ..db import db
from .models import Dossier, DossierEvent, OpenTask
from ..workflow.service import workflow

SUPPLIED = "supplement_changes"  # the applicant's supplement, written at the instant it arrived


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


@dataclass(frozen=True)
class Transfer:
    """One hand-over of the dossier: `giver` (an index into the rows; None: the applicant) handed
    it to `taker`. A step after a parallel join is handed once by each branch that reached it."""
    giver: int | None
    taker: int


def transfers(dossier: Dossier, rows: list[Handoff], events: list[DossierEvent] | None = None) -> list[Transfer]:
    """Every hand-over into a step, in the order the steps were received; into one step, in the
    order its givers finished. A step opened again by the applicant's supplement (at once, or once
    an extra fee it asked for was paid) was handed by the applicant. `events`: the dossier's,
    when the caller has them (read otherwise)."""
    leads = _leads(dossier)
    if events is None:
        supplied = set(db.session.execute(select(DossierEvent.at).where(
            DossierEvent.dossier_id == dossier.id, DossierEvent.kind == SUPPLIED)).scalars())
    else:
        supplied = {event.at for event in events if event.kind == SUPPLIED}
    found = []
    for index in range(len(rows)):
        given = givers(rows, index, leads)
        latest = max((at for at in supplied if at <= rows[index].received_at), default=None)
        if latest is not None and all(rows[i].finished_at <= latest for i in given):
            given = []  # nothing was done between the supplement and this step: it brought the dossier
        found += [Transfer(i, index) for i in given] if given else [Transfer(None, index)]
    return found


def givers(rows: list[Handoff], index: int, leads=None) -> list[int]:
    """The rows whose completion handed the dossier to `rows[index]`, first finished first; empty
    when the dossier came from the applicant. `leads(node)`: the steps a step's diagram node leads
    to before any other step. With it, every step finished by then that leads here and has not
    handed the dossier on already (to a step received earlier: a loop ran again, an exclusive
    branch chose another way) is a giver, so each branch that meets at a join hands over once;
    parallel steps opened together share the one that opened them. Without it (or when nothing
    fits: a dossier moved to another diagram version), the step finished last."""
    received = rows[index].received_at
    done = [i for i, row in enumerate(rows[:index]) if row.finished_at is not None and row.verdict != "cancelled"
            and row.finished_at <= received]
    if leads is not None:
        def hands_to(i: int, k: int) -> bool:
            return rows[k].node_id in leads(rows[i].node_id)

        linked = [i for i in done if hands_to(i, index) and not any(
            rows[i].finished_at <= rows[k].received_at < received and hands_to(i, k)
            for k in range(i + 1, index))]
        if linked:
            return sorted(linked, key=lambda i: (rows[i].finished_at, i))
    return [max(done, key=lambda i: (rows[i].finished_at, i))] if done else []


def _leads(dossier: Dossier):
    """`node -> the human steps it leads to`, from the diagram version the dossier runs on (not
    from its workflow state), or None when that version cannot be read."""
    try:
        return workflow().engine.version(dossier.process_id, dossier.process_version).next_steps
    except EngineError:
        return None
