"""A dossier's legal due instants, counted on the working calendar (DOMAIN.md §3): the desk's
time to receive it from submission, the statutory processing time from reception (restarted
by a full supplement), each pushed back by the working time the applicant took to pay.

Pure rules: the app keeps the instants in its rows (app/dossiers/), the scenario runner in
memory (engine/scenarios/appointment.py); both count them here, so they cannot disagree.
"""
from __future__ import annotations

from datetime import datetime

from .calendar import WorkingCalendar


def reception_due(calendar: WorkingCalendar, at: datetime) -> datetime:
    """When the desk must have received a dossier submitted (or fully supplemented) at `at`."""
    return calendar.add_working_hours(at, calendar.profile.policy("reception_working_hours", at))


def processing_due(calendar: WorkingCalendar, amount: float, unit: str, start: datetime) -> datetime:
    """The appointment for a processing time of `amount` `unit` (a catalogue entry's
    `processing_time`) counted from `start`."""
    if unit == "working_hours":
        return calendar.add_working_hours(start, amount)
    if unit == "calendar_days":
        return calendar.add_calendar_days(start, int(amount))
    return calendar.add_working_days(start, amount)


def after_wait(calendar: WorkingCalendar, due: datetime, waited_hours: float) -> datetime:
    """`due` moved by the working hours the applicant took (to pay a fee): not the agency's time."""
    return calendar.add_working_hours(due, waited_hours) if waited_hours > 0 else due
