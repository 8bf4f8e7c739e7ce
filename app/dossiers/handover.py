"""When a paper dossier reaches the department that resolves it (Decree 61/2018 Điều 20.1.b):
the desk hands a dossier received in person or by post the same working day, or at the start of
the next working day when it accepts it after the province's cut-off (15:00). The steps it opens
count their time limits from that hand-over, and the control slip shows it."""
from __future__ import annotations

from datetime import datetime, time, timedelta

from ..workflow.service import workflow

PAPER_CHANNELS = ("counter", "postal")
DESK = "one_stop"


def handed_at(dossier, task, at: datetime) -> datetime | None:
    """The next working morning when the desk accepts a paper dossier after the cut-off; else None
    (the steps it opens start at once)."""
    if dossier.channel not in PAPER_CHANNELS or dossier.received_at is not None or task.role != DESK:
        return None
    return _after_cutoff(at)


def handed_after_fee(dossier, at: datetime) -> datetime | None:
    """A paper dossier waiting for its fee stays at the desk until it is paid: paid after the
    cut-off, it reaches the department the next working morning; else None."""
    return _after_cutoff(at) if dossier.channel in PAPER_CHANNELS else None


def _after_cutoff(at: datetime) -> datetime | None:
    calendar = workflow().calendar
    local = at.astimezone(calendar.tz)
    if local.time() < time.fromisoformat(calendar.profile.policy("paper_handover_cutoff", at)):
        return None
    next_day = datetime.combine(local.date() + timedelta(days=1), time(0), calendar.tz)
    return calendar.official_start(next_day)
