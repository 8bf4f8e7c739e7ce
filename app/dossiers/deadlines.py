"""The legal due instant of a dossier, from its procedure's processing time and the calendar."""
from __future__ import annotations

from datetime import datetime

from ..workflow.service import workflow


def processing_due(procedure, start: datetime) -> datetime:
    calendar = workflow().calendar
    amount, unit = procedure.processing_amount, procedure.processing_unit
    if unit == "working_hours":
        return calendar.add_working_hours(start, amount)
    if unit == "calendar_days":
        return calendar.add_calendar_days(start, int(amount))
    return calendar.add_working_days(start, amount)
