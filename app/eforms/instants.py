"""A form's date-time fields (`"format": "date-time"`): stored as RFC 3339 with the province's
offset, which timers read (`working_days(1, thoi_diem_hen)`, ANALYST.md QT-08); typed as people
type them (the phone's picker sends 2026-12-01T09:00, a keyboard 01/12/2026 09:00), in the
province's time."""
from __future__ import annotations

import re
from datetime import datetime

from ..workflow.service import workflow

_PICKED = re.compile(r"(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?")
_TYPED = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})[ T,]+(\d{1,2})[:hg](\d{2})")
PICKER_FORMAT = "%Y-%m-%dT%H:%M"


def _tz():
    return workflow().calendar.tz


def typed_instant(text: str) -> str | None:
    """The instant a person typed or picked, in the province's time, as stored; None when the
    text is no such instant (the form then says what is wrong, with what was typed)."""
    picked, typed = _PICKED.fullmatch(text), _TYPED.fullmatch(text)
    if picked:
        year, month, day, hour, minute, second = (int(p or 0) for p in picked.groups())
    elif typed:
        day, month, year, hour, minute = (int(p) for p in typed.groups())
        second = 0
    else:
        return None
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=_tz()).isoformat()
    except ValueError:
        return None


def stored_instant(value) -> datetime | None:
    """A stored value as an aware instant, None when it is not one."""
    try:
        parsed = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
    return parsed if parsed is not None and parsed.tzinfo is not None else None


def picker_value(value) -> str | None:
    """What the page's date-time picker shows for a stored value, in the province's time."""
    instant = stored_instant(value)
    return instant.astimezone(_tz()).strftime(PICKER_FORMAT) if instant else None
