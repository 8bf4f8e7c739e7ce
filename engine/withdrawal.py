"""A citizen's request to withdraw a dossier carries its reason: what the portal, the desk, the API
and the scenario runner all accept (Decree 61 lets a citizen withdraw; the record says why)."""
from __future__ import annotations

from .visible import visible

MESSAGE = "rut_ho_so"  # the BPMN message a withdrawal is delivered as
MAX_REASON = 1000


def withdrawal_reason(text) -> str | None:
    """The reason as recorded (spaces collapsed), None when empty or too long."""
    reason = " ".join(visible(str(text or "")).split())
    return reason if 0 < len(reason) <= MAX_REASON else None
