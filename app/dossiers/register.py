"""The dossier register (Sổ theo dõi hồ sơ, Mẫu 06): the dossiers an agency received in a
period, with when each went to processing, got its result and was returned, and a note for what
the instants do not say (withdrawn, stopped, a due date moved by an apology), numbered by their
entry in the agency's book of the year. Five queries whatever the number of dossiers (the
agency/received index, three grouped look-ups, the count that numbers the first row; one more
where the period crosses a new year), for a page of the register on screen or the whole period
in print."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload

from engine.statuses import PROCESSED, RETURNED, STOPPED, WITHDRAWN

from .. import documents as doc
from ..catalogue.models import Procedure
from ..db import db
from ..localtime import local_time
from ..workflow.service import workflow
from .messages import PRINTOUTS
from .models import Dossier, DossierEvent, OpenTask

ENDED_NOTES = {WITHDRAWN: "note_withdrawn", STOPPED: "note_stopped"}  # a refused dossier was never received
# A printed register takes about 10 ms a row (each row has its QR code) and 7 rows a page: a
# period with more dossiers than this is printed in shorter periods, never cut short silently.
PRINT_MAX_ROWS = 1000


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=workflow().calendar.tz)


def _received(agency, start: date, end: date):
    return (Dossier.agency_id == agency.id, Dossier.received_at >= _local_midnight(start),
            Dossier.received_at < _local_midnight(end + timedelta(days=1)))


def book(received_at: datetime) -> int:
    """The register's book (Quyển số) a dossier is entered in: one a year, named by the year."""
    return received_at.astimezone(workflow().calendar.tz).year


def entry_number(agency_id: int, received_at: datetime, dossier_id: int) -> int:
    """A dossier's entry (Số thứ tự) in its agency's book of the year: how many dossiers the
    agency received that year up to it, in the order received (its id orders the same instant).
    Mẫu 01 prints it, Mẫu 06 numbers its rows with it; one count on the agency/received index."""
    since = _local_midnight(date(book(received_at), 1, 1))
    return db.session.execute(select(func.count()).select_from(Dossier).where(
        Dossier.agency_id == agency_id, Dossier.received_at >= since, Dossier.received_at <= received_at,
        or_(Dossier.received_at < received_at, Dossier.id <= dossier_id))).scalar()


def _entries(agency, dossiers: list[Dossier]) -> dict[int, int]:
    """Each listed dossier's entry in the year's book: counted for the first of each year, then
    one more per dossier, as they are listed in the order received."""
    entries, previous = {}, None
    for d in dossiers:
        if previous is not None and book(previous.received_at) == book(d.received_at):
            entries[d.id] = entries[previous.id] + 1
        else:
            entries[d.id] = entry_number(agency.id, d.received_at, d.id)
        previous = d
    return entries


def resolves_any(agency) -> bool:
    """Whether `agency` receives any procedure's dossiers (one only ever consulted does not)."""
    return db.session.execute(select(Procedure.id).where(Procedure.agency_id == agency.id).limit(1)).first() is not None


def register_count(agency, start: date, end: date) -> int:
    return db.session.execute(select(func.count()).select_from(Dossier).where(*_received(agency, start, end))).scalar()


def register_rows(agency, start: date, end: date, limit: int | None = None, offset: int = 0) -> list[doc.RegisterRow]:
    """The period's rows in the order received; `limit`/`offset`: one page of them."""
    dossiers = db.session.execute(select(Dossier).where(*_received(agency, start, end))
                                  .order_by(Dossier.received_at, Dossier.id).limit(limit).offset(offset)
                                  .options(joinedload(Dossier.procedure), joinedload(Dossier.owner))).scalars().all()
    ids = [d.id for d in dossiers]
    if not ids:
        return []
    transferred = dict(db.session.execute(select(OpenTask.dossier_id, func.min(OpenTask.opened_at)).where(
        OpenTask.dossier_id.in_(ids), OpenTask.role != "one_stop").group_by(OpenTask.dossier_id)).all())
    processed = dict(db.session.execute(select(DossierEvent.dossier_id, func.min(DossierEvent.at)).where(
        DossierEvent.dossier_id.in_(ids), DossierEvent.status_after == PROCESSED)
        .group_by(DossierEvent.dossier_id)).all())
    apologies = dict(db.session.execute(select(DossierEvent.dossier_id, DossierEvent.data).where(
        DossierEvent.dossier_id.in_(ids), DossierEvent.kind == "apology")).all())
    entries = _entries(agency, dossiers)
    return [doc.RegisterRow(entry=entries[d.id],
        dossier_id=d.id, code=d.code, procedure=d.procedure.name, applicant=d.applicant_name, received_at=d.received_at,
        due_at=d.due_at, contact=", ".join(v for v in (d.contact["address"], d.contact["phone"]) if v), resolving_agency=agency.name,
        transferred_at=transferred.get(d.id), result_at=processed.get(d.id),
        returned_at=d.finished_at if d.status == RETURNED else None, note=_note(d, apologies.get(d.id)))
        for d in dossiers]


def _note(dossier: Dossier, apology: dict | None) -> str:
    notes = []
    if apology and apology.get("previous_due_at"):
        notes.append(PRINTOUTS["note_apology"].format(due=local_time(datetime.fromisoformat(apology["previous_due_at"]))))
    if dossier.status in ENDED_NOTES and dossier.finished_at is not None:
        notes.append(PRINTOUTS[ENDED_NOTES[dossier.status]].format(at=local_time(dossier.finished_at)))
    return " ".join(notes)

