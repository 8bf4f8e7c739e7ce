"""How much working time a dossier has left, in words a citizen reads."""
from __future__ import annotations

from datetime import datetime

from ..workflow.service import workflow
from .messages import MESSAGES

FINISHED = (3, 7, 8, 9, 10)  # refused, withdrawn, stopped, processed, returned


def current_due(dossier) -> datetime | None:
    """The due instant that matters now: the reception deadline until the dossier is received."""
    return dossier.due_at if dossier.received_at else dossier.reception_due_at


def time_left(dossier, at: datetime) -> str:
    due = current_due(dossier)
    if due is None or dossier.status in FINISHED:
        return ""
    calendar = workflow().calendar
    hours = calendar.working_hours_between(at, due)
    if hours <= 0:
        return MESSAGES["due_passed"]
    if hours < calendar.hours_per_day:
        return MESSAGES["hours_left"].format(hours=f"{hours:.1f}".rstrip("0").rstrip(".").replace(".", ","))
    return MESSAGES["days_left"].format(days=int(hours // calendar.hours_per_day))
