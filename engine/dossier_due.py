"""A dossier's legal due instants, counted on the working calendar (DOMAIN.md §3): the desk's
time to receive it from submission, the statutory processing time from reception (restarted
by a full supplement), each pushed back by the working time the applicant took to pay.

Pure rules: the app keeps the instants in its rows (app/dossiers/), the scenario runner in
memory (engine/scenarios/appointment.py); both count them here, so they cannot disagree.
"""
from __future__ import annotations

from datetime import datetime, time, timedelta

from .calendar import WorkingCalendar

# A dossier received in person or by post (Decree 61/2018 Điều 20.1.b): the desk hands it on the
# same working day, or at the start of the next one when it is accepted after the cut-off.
PAPER_CHANNELS = ("counter", "postal")


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


def paper_handover(calendar: WorkingCalendar, at: datetime) -> datetime | None:
    """The next working morning when the desk passes a paper dossier on at `at`, after the
    province's cut-off (15:00); None before it (the steps it opens start at once)."""
    local = at.astimezone(calendar.tz)
    if local.time() < time.fromisoformat(calendar.profile.policy("paper_handover_cutoff", at)):
        return None
    next_day = datetime.combine(local.date() + timedelta(days=1), time(0), calendar.tz)
    return calendar.official_start(next_day)
