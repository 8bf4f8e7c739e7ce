"""The legal due instant of a dossier, from its procedure's processing time and the calendar."""
from __future__ import annotations

from datetime import datetime

from ..workflow.service import workflow

FINISHED = (3, 7, 8, 9, 10)  # refused, withdrawn, stopped, processed, returned
APPLICANTS_TURN = (5, 6)  # supplement or payment requested: the agency's clock does not run


def processing_due(procedure, start: datetime) -> datetime:
    calendar = workflow().calendar
    amount, unit = procedure.processing_amount, procedure.processing_unit
    if unit == "working_hours":
        return calendar.add_working_hours(start, amount)
    if unit == "calendar_days":
        return calendar.add_calendar_days(start, int(amount))
    return calendar.add_working_days(start, amount)


def current_due(dossier) -> datetime | None:
    """The due instant that matters now: the reception deadline until the dossier is received;
    none while the applicant is asked for something (the time restarts or resumes after)."""
    if dossier.status in APPLICANTS_TURN:
        return None
    return dossier.due_at if dossier.received_at else dossier.reception_due_at


def is_overdue(dossier, at: datetime) -> bool:
    """Still on the agency's side and past its current due instant."""
    due = current_due(dossier)
    return dossier.status not in FINISHED and due is not None and due < at
