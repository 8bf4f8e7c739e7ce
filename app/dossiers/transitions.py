"""One transition of a dossier = one transaction: lock the row, run the engine, write the new
state, update its task rows, append its events.

The lock is an UPDATE of the dossier row issued as the transaction's first write, so it works
the same on PostgreSQL (row lock) and SQLite (the database write lock): two officers on the same
task, or an officer and a timer, are serialised, and the second one sees the first one's result.
The writes are a handful of statements (ARCHITECTURE.md §2): events and task rows go in as
single multi-row statements, and the engine says which task rows changed, so none is read back.
"""
from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import case, insert, select, update
from sqlalchemy.orm import joinedload, undefer

from engine.runtime import EngineError, NotWaiting, Outcome
from engine.statuses import PROCESSED, RECEIVED, STOPPED

from ..accounts.activation import activated
from ..agencies.models import Agency
from ..db import db, locked, on_sqlite
from ..localtime import local_time
from ..workflow.service import workflow
from . import fees, notices, results, stops, supplements
from .codes import issue_code
from .errors import Conflict
from .deadlines import processing_due, step_due
from .events import add_event, run as _run, write_events
from .messages import ERRORS, MESSAGE_NAMES
from ..users.models import User
from .models import Dossier, OpenTask

log = logging.getLogger(__name__)


def _eager():
    return joinedload(Dossier.procedure), joinedload(Dossier.agency), undefer(Dossier.workflow_state)


def _lock(select_statement, dossier_id_clause):
    return locked(select_statement.options(*_eager()), Dossier, dossier_id_clause, "version")


def lock_dossier(dossier_id: int) -> Dossier | None:
    return _lock(select(Dossier).where(Dossier.id == dossier_id), dossier_id).scalar_one_or_none()


def lock_task(task_id: str) -> tuple[Dossier, OpenTask] | None:
    """Lock the dossier a task belongs to and read both as they are once the lock is held.
    PostgreSQL, having waited for the lock, returns the locked dossier's row as it is now but a
    row joined to it as it was before the wait: the task is read again there, or two officers
    claiming it at once would both be told they hold it. SQLite takes its lock before reading."""
    owner = select(OpenTask.dossier_id).where(OpenTask.id == task_id).scalar_subquery()
    row = _lock(select(Dossier, OpenTask).join(OpenTask, OpenTask.dossier_id == Dossier.id)
                .where(OpenTask.id == task_id), owner).first()
    if row is None:
        return None
    dossier, task = row
    if not on_sqlite():
        task = db.session.execute(select(OpenTask).where(OpenTask.id == task_id)
                                  .execution_options(populate_existing=True)).scalar_one()
    return dossier, task


def deliver(dossier: Dossier, message: str, payload: dict, at: datetime, not_waiting=Conflict,
            handed_at: datetime | None = None, cleared: list[str] = ()) -> Outcome:
    """The engine's answer to `message` sent to the locked dossier's process: `not_waiting` (a
    Conflict) when the process does not wait for it, Conflict when the process fails on it.
    `handed_at`: when the tasks it opens reach their officers, if not at once (handover.py).
    `cleared`: the application's fields a supplement empties."""
    try:
        return workflow().engine.deliver_message(
            dossier.process_id, dossier.process_version, dossier.workflow_state, message, payload, at, handed_at,
            cleared)
    except NotWaiting as exc:
        raise not_waiting(ERRORS["not_waiting"].format(name=MESSAGE_NAMES.get(message, message))) from exc
    except EngineError as exc:
        raise Conflict(str(exc)) from exc


def apply_outcome(dossier: Dossier, outcome: Outcome, at: datetime, actor=None, event: dict | None = None,
                  completed_task: str | None = None, justification: str | None = None,
                  handed_at: datetime | None = None, stop_reason: str | None = None) -> None:
    """Write what the engine decided, with the legal effects of the statuses it reached.
    `event` is the caller's record of what caused the transition; it gets the status change.
    `completed_task`: the task `actor` completed (its row records who closed it).
    `handed_at`: when the tasks it opens reach their officers, if not at once (handover.py).
    `stop_reason`: why an officer's completion stopped the dossier (stops.py), for its notice."""
    with db.session.no_autoflush:  # the dossier row is written once, at commit
        before = dossier.status
        events = [event] if event is not None else []
        if supplements.is_new_request(dossier.waiting_messages, outcome):
            node = (event["node_id"], event["node_name"]) if event and event["node_id"] else None
            events.append(supplements.requested(dossier, at, actor, node, (event or {}).get("data"), justification))
        if fees.is_new_request(dossier.waiting_messages, outcome):
            events.append(fees.requested(dossier, at, actor, outcome.amount_due))
        dossier.amount_due = outcome.amount_due
        dossier.workflow_state = outcome.state
        dossier.process_version = outcome.version
        dossier.waiting_messages = outcome.waiting_messages
        dossier.next_timer_at = outcome.next_timer_at
        if RECEIVED in outcome.reached_statuses and dossier.code is None:
            events.append(_receive(dossier, at, actor))
        if PROCESSED in outcome.reached_statuses and before != PROCESSED and dossier.code:
            # The approval that ends processing signs the electronic result in the same transaction.
            events.append(_issue_result(dossier, outcome.data, at, actor, completed_task))
        finishing = outcome.completed and dossier.finished_at is None
        if finishing:
            dossier.finished_at = at
        for timer in outcome.fired_timers:
            events.append(add_event(dossier, at, "timer_fired", node=(timer.node_id, timer.name), name=timer.name))
            if timer.marks_late and not dossier.late:
                dossier.late = True
                events.append(add_event(dossier, at, "marked_late", node=(timer.node_id, timer.name),
                                        name=timer.name))
        if outcome.status is not None:
            dossier.status = outcome.status
        if dossier.status == STOPPED and before != STOPPED and actor is not None and actor.is_officer:
            events.append(stops.notice(dossier, at, actor, stop_reason))
        if finishing:  # the fees of a dossier ended unfinished are owed back, in this transaction
            from ..payments.refunds import owe_unfinished  # here: app.payments imports this module
            events.extend(owe_unfinished(dossier, at, actor))
        if event is not None:
            event["status_before"], event["status_after"] = before, dossier.status
        notices.queue_for(dossier, events, before, at)
        dossier.version += 1
        dossier.updated_at = at
        opened = _update_tasks(dossier, outcome, at, actor, completed_task, handed_at or at, events)
        still_open = outcome.previous_task_ids & {t.id for t in outcome.open_tasks}
        if dossier.status != before and still_open:  # the inbox shows and filters a step by its dossier's status
            _run(update(OpenTask.__table__).where(OpenTask.id.in_(still_open)).values(status=dossier.status))
        if opened and handed_at:
            events.append(add_event(dossier, at, "handed_next_day", due_at=handed_at,
                                    instant=local_time(handed_at)))
        write_events(events)


def _issue_result(dossier: Dossier, data: dict, at: datetime, actor, completed_task: str | None) -> dict:
    """The result, signed in the approving leader's name (QT-22), never the name of whoever moved
    the dossier on (a cashier recording a fee, a timer): a diagram checked before QT-53 said so
    may reach 9 that way. With no leader's approval on record it is left unsigned, said loudly."""
    signer = _approving_leader(dossier, actor, completed_task)
    if signer is not None:
        return results.issue(dossier, data, at, signer)
    log.error("dossier %s reached status 9 with no leader's approval on record (diagram %s v%s): result not "
              "issued; fix the diagram (QT-53) and issue the result by hand", dossier.id, dossier.process_id,
              dossier.process_version)
    return add_event(dossier, at, "result_not_issued", actor=actor)


def _approving_leader(dossier: Dossier, actor, completed_task: str | None):
    """The officer completing a leader's step now, else the leader who last completed one."""
    if completed_task and actor is not None and actor.is_officer and db.session.execute(
            select(OpenTask.role).where(OpenTask.id == completed_task)).scalar() == "leader":
        return actor
    return db.session.execute(
        select(User).join(OpenTask, OpenTask.closed_by_id == User.id)
        .where(OpenTask.dossier_id == dossier.id, OpenTask.role == "leader", OpenTask.closed_at.is_not(None))
        .order_by(OpenTask.closed_at.desc()).limit(1)).scalar()


def _receive(dossier: Dossier, at: datetime, actor) -> dict:
    dossier.code = issue_code(dossier.agency, at, workflow().calendar.tz)
    dossier.received_at = at
    dossier.due_at = processing_due(dossier.procedure, at)
    return add_event(dossier, at, "code_issued", actor=actor, code=dossier.code, due_at=dossier.due_at)


def _update_tasks(dossier: Dossier, outcome: Outcome, at: datetime, actor, completed_task: str | None,
                  opened_at: datetime, events: list[dict]) -> int:
    """Close and open task rows (adding to `events` what officers must hear); the number opened."""
    wanted = {t.id for t in outcome.open_tasks}
    closed = outcome.previous_task_ids - wanted
    if closed:
        closer = case((OpenTask.id == completed_task, actor.id), else_=None) if completed_task and actor else None
        table = OpenTask.__table__
        ended = _run(update(table).where(table.c.id.in_(closed)).values(closed_at=at, closed_by_id=closer)
                     .returning(table.c.id, table.c.node_id, table.c.name)).all()
        # A step the transition closed that nobody completed (a stop, a withdrawal, a timer that
        # cut it short): said on the timeline, so its officers and the slip know it ended unworked.
        events.extend(add_event(dossier, at, "task_cancelled", node=(node_id, name), name=name)
                      for task_id, node_id, name in ended if task_id != completed_task)
    new = [t for t in outcome.open_tasks if t.id not in outcome.previous_task_ids]
    if not new:
        return 0
    codes = {t.agency_code for t in new if t.agency_code}
    agencies = {code: agency_id for code, agency_id in db.session.execute(
        select(Agency.code, Agency.id).where(Agency.code.in_(codes)))} if codes else {}
    for task in new:  # a diagram naming an agency the province has not loaded: said where officers look
        if task.agency_code and task.agency_code not in agencies:
            log.warning("dossier %s: task %s names unknown agency %s; routed to the dossier's agency",
                        dossier.id, task.node_id, task.agency_code)
            events.append(add_event(dossier, at, "agency_unknown", node=(task.node_id, task.name), name=task.name,
                                    code=task.agency_code[:40]))
    rows = [{
        "id": t.id, "dossier_id": dossier.id, "procedure_id": dossier.procedure_id, "node_id": t.node_id, "name": t.name, "role": t.role or "",
        "agency_id": agencies.get(t.agency_code, dossier.agency_id), "form": t.form, "ui_form": t.ui_form,
        "status": dossier.status, "due_at": step_due(t.due_at, dossier), "opened_at": opened_at, "claimed_by_id": None,
        "claimed_at": None, "closed_at": None, "closed_by_id": None,
        "consulted": agencies.get(t.agency_code, dossier.agency_id) != dossier.agency_id} for t in new]
    _back_to_who_did_it(dossier, [(row, t) for row, t in zip(rows, new) if t.again], opened_at, events)
    _run(insert(OpenTask.__table__), rows)
    return len(new)


def _back_to_who_did_it(dossier: Dossier, again: list, at: datetime, events: list[dict]) -> None:
    """A step open again (sent back by the leader, a supplement arrived) goes to the officer who
    last completed it, who knows the dossier, when they still may work it (active, activated, its
    role and agency); else it waits for the group, as any new step. One statement, on a loop only."""
    if not again:
        return
    last = {}
    for node_id, user_id, name, role, agency_id in db.session.execute(
            select(OpenTask.node_id, User.id, User.full_name, User.role, User.agency_id)
            .join(User, User.id == OpenTask.closed_by_id)
            .where(OpenTask.dossier_id == dossier.id, OpenTask.node_id.in_({t.node_id for _, t in again}),
                   User.active.is_(True), activated())
            .order_by(OpenTask.closed_at)):
        last[node_id] = (user_id, name, role, agency_id)  # the latest closer wins
    for row, task in again:
        user_id, name, role, agency_id = last.get(task.node_id, (None, None, None, None))
        if user_id is None or (role, agency_id) != (row["role"], row["agency_id"]):
            continue
        row["claimed_by_id"], row["claimed_at"] = user_id, at
        events.append(add_event(dossier, at, "back_to_officer", node=(task.node_id, task.name), name=task.name,
                                officer=name))