"""A dossier's history rows (append-only), written with the other writes of their transition."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import joinedload

from ..db import db
from .messages import ACTORS, EVENTS
from .models import DossierEvent, PostalItem


def run(statement, rows=None):
    """A Core statement on the session's connection: no ORM bookkeeping for rows the
    session does not hold (events, task rows, the lock)."""
    connection = db.session.connection()
    return connection.execute(statement, rows) if rows is not None else connection.execute(statement)


def add_event(dossier, at: datetime, kind: str, actor=None, node=None, **values) -> dict:
    """An event row, written by `write_events` (with the others of its transition)."""
    return {
        "dossier_id": dossier.id, "at": at, "kind": kind,
        "actor_id": actor.id if actor else None,
        "agency_id": actor.agency_id if actor is not None and actor.agency_id else None,
        "node_id": node[0] if node else None, "node_name": node[1] if node else None,
        "status_before": values.pop("status_before", None), "status_after": values.pop("status_after", None),
        "due_at": values.pop("due_at", None), "data": values.pop("data", None),
        "summary": EVENTS[kind].format(**values)[:500],
    }


def actor_words(event: DossierEvent) -> str:
    """Who the timeline says acted: their name, or for a dossier an officer entered at the
    counter or from the post, that the desk entered it (the applicant is named on the dossier)."""
    if event.actor is None:
        return ""
    if event.kind == "submitted" and event.actor.role != "citizen":
        return ACTORS["entered_by_desk"].format(name=event.actor.full_name)
    return event.actor.full_name


def write_events(events: list[dict]) -> None:
    if events:
        run(insert(DossierEvent.__table__), events)
        items = [{"dossier_id": e["dossier_id"], "number": number, "at": e["at"]}
                 for e in events if (number := postal_number(e["data"]))]
        if items:  # what the officers' search finds a dossier by (search.py)
            run(insert(PostalItem.__table__), items)


def postal_number(data) -> str | None:
    """The postal item number an event's data records («so_buu_gui»: the intake by post, a letter
    received by post, the result posted back), as searched: upper case, without spaces."""
    value = data.get("so_buu_gui") if isinstance(data, dict) else None
    number = "".join(value.split()).upper()[:40] if isinstance(value, str) else ""
    return number or None


# The system's own housekeeping on a dossier: officers see it, its applicant and the public do
# not, and the agency of whoever did it did not handle the dossier.
INTERNAL_KINDS = ("version_moved",)


def history(dossier_id: int, internal: bool = True, hidden: tuple[str, ...] = ()) -> list[DossierEvent]:
    """A dossier's events in order, with who acted and for which agency (the timeline);
    `internal` False: as its applicant sees it, without INTERNAL_KINDS; `hidden`: kinds left out
    (a consulted agency's officer: access.ISSUED_EVENTS)."""
    query = select(DossierEvent).where(DossierEvent.dossier_id == dossier_id)
    if not internal:
        query = query.where(DossierEvent.kind.not_in(INTERNAL_KINDS))
    if hidden:
        query = query.where(DossierEvent.kind.not_in(hidden))
    return list(db.session.execute(query.order_by(DossierEvent.id).options(
        joinedload(DossierEvent.actor), joinedload(DossierEvent.agency))).scalars())
