"""The written notice of a stop (status 8, Dừng xử lý): the transition in which an officer's
decision stops a dossier issues it, signed by that officer (in the shipped diagrams, the leader
approving the specialist's proposal), with the reason the applicant is owed in writing (Decree
61/2018 Điều 19). The reason is the decider's own `ly_do`; a leader who agrees without adding one
signs the proposal's, which the step's data still holds (the process data after the stop does
not: the error that ends the sub-process leaves its data behind)."""
from __future__ import annotations

from datetime import datetime

from ..workflow.service import workflow
from .events import add_event
from .reasons import STOP_NOTICE, reason_in

KIND = STOP_NOTICE


def reason_of(dossier, task_id: str, data: dict, state_before: str) -> str | None:
    """Why the completion of `task_id` with `data` stopped the dossier."""
    return reason_in(data) or reason_in(workflow().engine.task_data(
        dossier.process_id, dossier.process_version, state_before, task_id))


def notice(dossier, at: datetime, actor, reason: str | None) -> dict:
    return add_event(dossier, at, KIND, actor=actor, data={"ly_do": reason} if reason else {})
