"""What the Ghi chú column of the control slip (Mẫu 05) says besides the step's name: the
decisions a step took that the hand-offs alone do not show (a supplement request, the full
supplement received, a refusal, an apology and its new date, a stop), each with its instant, from
the dossier's events, and placed on the row of the step that was open when it was taken."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_, select

from engine.statuses import REFUSED

from ..db import db
from ..localtime import local_time
from . import stops
from .handoffs import SUPPLIED, Handoff
from .messages import PRINTOUTS
from .models import Dossier, DossierEvent

NOTED = ("supplement_requested", SUPPLIED, "deadline_restarted", "apology", stops.KIND)


@dataclass(frozen=True)
class Note:
    at: datetime
    node_id: str | None  # the step that took the decision, when the event names it
    text: str


def notes(dossier: Dossier) -> list[Note]:
    events = db.session.execute(select(DossierEvent).where(
        DossierEvent.dossier_id == dossier.id,
        or_(DossierEvent.kind.in_(NOTED),
            and_(DossierEvent.kind == "task_completed", DossierEvent.status_after == REFUSED)))
        .order_by(DossierEvent.id)).scalars().all()
    found, requests = [], 0
    restarts = {e.at for e in events if e.kind == "deadline_restarted"}
    for event in events:
        if event.kind == SUPPLIED and event.at in restarts:
            continue  # the restart's note says it was received
        at = local_time(event.at)
        if event.kind == "supplement_requested":
            requests += 1
            text = PRINTOUTS["slip_supplement"].format(n=requests, at=at)
        elif event.kind == "apology":
            text = PRINTOUTS["slip_apology"].format(at=at, due=local_time(event.due_at))
        else:
            text = PRINTOUTS["slip_refused" if event.kind == "task_completed" else f"slip_{event.kind}"].format(at=at)
        found.append(Note(event.at, event.node_id, text))
    return found


def placed(found: list[Note], rows: list[Handoff], home: str | None = None) -> dict[int, list[str]]:
    """`row index -> its notes`: the row of the step that was open at the note's instant (the
    step the event names, when it names one; else, when several were open, the latest received
    of the agency resolving the dossier, `home`: an apology is its act, never a consulted
    agency's, whose step runs beside). None open then (a supplement received while an extra fee
    it asked for waited): the step the dossier went to next, which the supplement opened."""
    by_row: dict[int, list[str]] = {}
    for note in found:
        open_then = [i for i, row in enumerate(rows) if row.received_at <= note.at
                     and (row.finished_at is None or note.at <= row.finished_at)]
        named = [i for i in open_then if rows[i].node_id == note.node_id]
        own = [i for i in open_then if rows[i].agency == home]
        after = [i for i, row in enumerate(rows) if row.received_at > note.at][:1]
        chosen = (named or own or open_then or after or [len(rows) - 1])[-1] if rows else None
        if chosen is not None:
            by_row.setdefault(chosen, []).append(note.text)
    return by_row
