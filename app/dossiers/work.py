"""Officers' work on open tasks: list, claim, release, complete."""
from __future__ import annotations

from datetime import datetime

from flask import current_app
from sqlalchemy import or_, select

from engine.forms import load_form
from engine.runtime import EngineError, TaskNotReady

from ..db import db
from ..workflow.service import workflow
from .errors import Conflict, Forbidden, Invalid, NotFound
from .messages import ERRORS
from .models import Dossier, OpenTask
from .transitions import add_event, apply_outcome, lock_task, write_events


def inbox_query(user, mine_only: bool = False):
    """The open tasks an officer may work: their role (the lane) at their agency."""
    query = select(OpenTask).where(OpenTask.role == user.role, OpenTask.agency_id == user.agency_id,
                                   OpenTask.closed_at.is_(None))
    if mine_only:
        query = query.where(OpenTask.claimed_by_id == user.id)
    else:
        query = query.where(or_(OpenTask.claimed_by_id.is_(None), OpenTask.claimed_by_id == user.id))
    return query.order_by(OpenTask.due_at.is_(None), OpenTask.due_at, OpenTask.opened_at)


def _may_work(user, task: OpenTask) -> None:
    if task.role != user.role or task.agency_id != user.agency_id:
        raise Forbidden(ERRORS["not_your_task"])


def task_for(user, task_id: str) -> OpenTask:
    """An open task the officer may work (for reading it)."""
    task = db.session.get(OpenTask, task_id)
    if task is None:
        raise NotFound(ERRORS["unknown_task"])
    _may_work(user, task)
    if task.closed_at is not None:
        raise Conflict(ERRORS["task_gone"])
    return task


def _locked(user, task_id: str) -> tuple[Dossier, OpenTask]:
    """Lock the task's dossier (the transaction's first write), then check the task is still
    open, the officer's, and not claimed by someone else."""
    db.session.rollback()
    found = lock_task(task_id)
    if found is None:
        raise NotFound(ERRORS["unknown_task"])
    dossier, task = found
    _may_work(user, task)
    if task.closed_at is not None:
        raise Conflict(ERRORS["task_gone"])
    _check_claim(user, task)
    return dossier, task


def _check_claim(user, task: OpenTask) -> None:
    if task.claimed_by_id not in (None, user.id):
        raise Conflict(ERRORS["task_taken"].format(name=task.claimed_by.full_name))


def claim(user, task_id: str, at: datetime) -> OpenTask:
    dossier, task = _locked(user, task_id)
    if task.claimed_by_id is None:
        task.claimed_by_id, task.claimed_at = user.id, at
        write_events([add_event(dossier, at, "claimed", actor=user, node=(task.node_id, task.name),
                                name=task.name)])
    db.session.commit()
    return task


def release(user, task_id: str, at: datetime) -> OpenTask:
    dossier, task = _locked(user, task_id)
    if task.claimed_by_id == user.id:
        task.claimed_by_id = task.claimed_at = None
        write_events([add_event(dossier, at, "released", actor=user, node=(task.node_id, task.name),
                                name=task.name)])
    db.session.commit()
    return task


def complete(user, task_id: str, data, at: datetime) -> Dossier:
    dossier, task = _locked(user, task_id)
    if task.form:
        form = load_form(current_app.config["MOTCUA_FORMS_DIR"], task.form, task.ui_form)
        errors = form.validate(data)
        if errors:
            raise Invalid(ERRORS["invalid_form"], [e.as_dict() for e in errors])
    node = (task.node_id, task.name)
    try:
        outcome = workflow().engine.complete_task(
            dossier.process_id, dossier.process_version, dossier.workflow_state, task_id, data, at)
    except TaskNotReady as exc:
        raise Conflict(ERRORS["task_gone"]) from exc
    except EngineError as exc:
        raise Conflict(str(exc)) from exc
    event = add_event(dossier, at, "task_completed", actor=user, node=node, name=node[1], data=data)
    apply_outcome(dossier, outcome, at, actor=user, event=event)
    db.session.commit()
    return dossier
