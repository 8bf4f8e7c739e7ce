"""When a paper dossier reaches the department that resolves it (Decree 61/2018 Điều 20.1.b):
the desk hands a dossier received in person or by post the same working day, or at the start of
the next working day when it accepts it after the province's cut-off (15:00). The steps it opens
count their time limits from that hand-over, and the control slip shows it."""
from __future__ import annotations

from datetime import datetime

from engine.dossier_due import PAPER_CHANNELS, paper_handover
from engine.roles import DESK

from ..workflow.service import workflow


def handed_at(dossier, task, at: datetime) -> datetime | None:
    """The next working morning when the desk accepts a paper dossier after the cut-off; else None
    (the steps it opens start at once)."""
    if dossier.channel not in PAPER_CHANNELS or dossier.received_at is not None or task.role != DESK:
        return None
    return paper_handover(workflow().calendar, at)


def handed_after_fee(dossier, at: datetime) -> datetime | None:
    """A paper dossier waiting for its fee stays at the desk until it is paid: paid after the
    cut-off, it reaches the department the next working morning; else None."""
    return paper_handover(workflow().calendar, at) if dossier.channel in PAPER_CHANNELS else None
