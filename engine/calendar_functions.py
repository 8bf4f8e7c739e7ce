"""The deadline functions diagrams call in timer expressions, time limits and scripts:
`working_hours(h)`, `working_days(n)`, `calendar_days(n)`, `official_start()`.

Each counts from the instant the expression is evaluated (the engine clock: when the timer or
task starts), or from an instant given as the second argument (a datetime or ISO 8601 text from
the dossier's data, e.g. `working_days(3, ngay_tiep_nhan)`).
"""
from __future__ import annotations

from datetime import datetime
from typing import Callable

from .calendar import WorkingCalendar

MESSAGES = {"instant": "mốc thời gian «{value}» không phải thời điểm ISO 8601 có múi giờ."}


def _instant(value, default: datetime) -> datetime:
    if value is None:
        return default
    try:
        instant = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        raise ValueError(MESSAGES["instant"].format(value=str(value)[:40])) from None
    if instant.tzinfo is None:
        raise ValueError(MESSAGES["instant"].format(value=str(value)[:40]))
    return instant


def deadline_functions(calendar: WorkingCalendar, now: datetime) -> dict[str, Callable]:
    def working_hours(hours, start=None):
        return calendar.add_working_hours(_instant(start, now), hours)

    def working_days(days, start=None):
        return calendar.add_working_days(_instant(start, now), days)

    def calendar_days(days, start=None):
        return calendar.add_calendar_days(_instant(start, now), days)

    def official_start(start=None):
        return calendar.official_start(_instant(start, now))

    return {"working_hours": working_hours, "working_days": working_days,
            "calendar_days": calendar_days, "official_start": official_start}
