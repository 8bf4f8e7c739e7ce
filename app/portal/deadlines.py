"""How much working time a dossier has left, in words a citizen reads."""
from __future__ import annotations

from datetime import datetime

from ..dossiers.deadlines import APPLICANTS_TURN, FINISHED, current_due
from ..workflow.service import workflow
from .messages import MESSAGES


def time_left(dossier, at: datetime) -> str:
    if dossier.status in APPLICANTS_TURN:
        return MESSAGES["your_turn"][dossier.status]
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
