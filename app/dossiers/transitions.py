"""One transition of a dossier = one transaction: lock the row, run the engine, write the new
state, replace the open-task rows, append the events.

The lock is an UPDATE of the dossier row issued as the transaction's first write, so it works
the same on PostgreSQL (row lock) and SQLite (the database write lock): two officers on the same
task, or an officer and a timer, are serialised, and the second one sees the first one's result.
"""
from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select, update

from engine.runtime import Outcome

from ..agencies.models import Agency
from ..db import db
from ..workflow.service import workflow
from .codes import issue_code
from .messages import EVENTS
from .models import Dossier, DossierEvent, OpenTask

log = logging.getLogger(__name__)
RECEIVED = 2  # reaching it issues the dossier code and the legal due instant


def lock_dossier(dossier_id: int) -> Dossier | None:
    db.session.execute(update(Dossier).where(Dossier.id == dossier_id).values(version=Dossier.version))
    return db.session.execute(
        select(Dossier).where(Dossier.id == dossier_id).execution_options(populate_existing=True)
    ).scalar_one_or_none()


def add_event(dossier: Dossier, at: datetime, kind: str, actor=None, node=None, **values) -> DossierEvent:
    event = DossierEvent(
        dossier_id=dossier.id, at=at, kind=kind,
        actor_id=actor.id if actor else None,
        agency_id=actor.agency_id if actor is not None and actor.agency_id else None,
        node_id=node[0] if node else None, node_name=node[1] if node else None,
        status_before=values.pop("status_before", None), status_after=values.pop("status_after", None),
        due_at=values.pop("due_at", None), data=values.pop("data", None),
        summary=EVENTS[kind].format(**values)[:500],
    )
    db.session.add(event)
    return event


def processing_due(procedure, start: datetime) -> datetime:
    calendar = workflow().calendar
    amount, unit = procedure.processing_amount, procedure.processing_unit
    if unit == "working_hours":
        return calendar.add_working_hours(start, amount)
    if unit == "calendar_days":
        return calendar.add_calendar_days(start, int(amount))
    return calendar.add_working_days(start, amount)


def apply_outcome(dossier: Dossier, outcome: Outcome, at: datetime, actor=None,
                  event: DossierEvent | None = None) -> None:
    """Write what the engine decided, with the legal effects of the statuses it reached.
    `event` is the caller's record of what caused the transition; it gets the status change."""
    before = dossier.status
    dossier.workflow_state = outcome.state
    dossier.process_version = outcome.version
    dossier.waiting_messages = outcome.waiting_messages
    dossier.next_timer_at = outcome.next_timer_at
    if RECEIVED in outcome.reached_statuses and dossier.code is None:
        _receive(dossier, at, actor)
    if outcome.completed and dossier.finished_at is None:
        dossier.finished_at = at
    for timer in outcome.fired_timers:
        add_event(dossier, at, "timer_fired", node=(timer.node_id, timer.name), name=timer.name)
        if timer.marks_late and not dossier.late:
            dossier.late = True
            add_event(dossier, at, "marked_late", node=(timer.node_id, timer.name), name=timer.name)
    if outcome.status is not None:
        dossier.status = outcome.status
    if event is not None:
        event.status_before, event.status_after = before, dossier.status
    _replace_open_tasks(dossier, outcome, at)
    dossier.version += 1
    dossier.updated_at = at


def _receive(dossier: Dossier, at: datetime, actor) -> None:
    calendar = workflow().calendar
    dossier.code = issue_code(dossier.agency, at, calendar.tz)
    dossier.received_at = at
    dossier.due_at = processing_due(dossier.procedure, at)
    add_event(dossier, at, "code_issued", actor=actor, code=dossier.code, due_at=dossier.due_at)


def _replace_open_tasks(dossier: Dossier, outcome: Outcome, at: datetime) -> None:
    existing = {t.id: t for t in db.session.execute(
        select(OpenTask).where(OpenTask.dossier_id == dossier.id, OpenTask.closed_at.is_(None))).scalars()}
    wanted = {t.id: t for t in outcome.open_tasks}
    for task_id, row in existing.items():
        if task_id not in wanted:
            row.closed_at = at
    codes = {t.agency_code for t in outcome.open_tasks if t.agency_code}
    agencies = {a.code: a.id for a in db.session.execute(
        select(Agency).where(Agency.code.in_(codes))).scalars()} if codes else {}
    for task in outcome.open_tasks:
        if task.id in existing:
            continue
        if task.agency_code and task.agency_code not in agencies:
            log.warning("dossier %s: task %s names unknown agency %s; routed to the dossier's agency",
                        dossier.id, task.node_id, task.agency_code)
        db.session.add(OpenTask(
            id=task.id, dossier_id=dossier.id, node_id=task.node_id, name=task.name,
            role=task.role or "", agency_id=agencies.get(task.agency_code, dossier.agency_id),
            form=task.form, ui_form=task.ui_form, status=task.status, due_at=task.due_at, opened_at=at,
        ))
