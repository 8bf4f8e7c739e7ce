"""The legal due instant of a dossier, from its procedure's processing time and the calendar."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import update

from engine import dossier_due as due_rules
from engine.statuses import APPLICANTS_TURN, FINISHED

from ..db import db
from ..workflow.service import workflow
from .models import OpenTask


def processing_due(procedure, start: datetime) -> datetime:
    return due_rules.processing_due(workflow().calendar, procedure.processing_amount, procedure.processing_unit, start)


def reception_due(at: datetime) -> datetime:
    return due_rules.reception_due(workflow().calendar, at)


def current_due(dossier) -> datetime | None:
    """The due instant that matters now: the reception deadline until the dossier is received;
    none while the applicant is asked for something (the time restarts or resumes after)."""
    if dossier.status in APPLICANTS_TURN:
        return None
    return dossier.due_at if dossier.received_at else dossier.reception_due_at


def is_overdue(dossier, at: datetime) -> bool:
    """Still on the agency's side and past its current due instant."""
    due = current_due(dossier)
    return dossier.status not in FINISHED and due is not None and due < at


def step_due(own: datetime | None, dossier) -> datetime | None:
    """When an opening step is due: its own time limit, else the dossier's due instant (returning
    the result is due at the appointment the citizen was given), else none."""
    return own or dossier.due_at


def move_due(dossier, new_due: datetime) -> None:
    """Move the dossier's due instant (an apology, the statutory time restarted by a supplement,
    the time the applicant took to pay); its open steps that took it as theirs (step_due) move too."""
    previous, dossier.due_at = dossier.due_at, new_due
    if previous is not None and previous != new_due and dossier.id is not None:
        db.session.execute(update(OpenTask).where(OpenTask.dossier_id == dossier.id, OpenTask.closed_at.is_(None),
                                                  OpenTask.due_at == previous).values(due_at=new_due))
