"""Instants as people in the province read them: in its time zone, Vietnamese style."""
from __future__ import annotations

from datetime import date

from .clock import now
from .workflow.service import workflow


def local_time(value) -> str:
    """09:30 ngày 23/11/2026 (— for none)."""
    return value.astimezone(workflow().calendar.tz).strftime("%H:%M ngày %d/%m/%Y") if value else "—"


def local_date(value) -> str:
    return value.astimezone(workflow().calendar.tz).strftime("%d/%m/%Y") if value else "—"


def local_today(at=None) -> date:
    """The province's date at `at` (now by default): until 07:00 in Việt Nam, UTC is still yesterday."""
    return (at or now()).astimezone(workflow().calendar.tz).date()
