"""Officers' work on open tasks: claim, release, assign, complete."""
from __future__ import annotations

from datetime import datetime

from flask import current_app
from sqlalchemy import select

from engine.forms import load_form
from engine.roles import ROLE_LABELS
from engine.runtime import EngineError, TaskNotReady
from engine.statuses import LABELS as STATUS_LABELS, STOPPED

from ..accounts.activation import able_to_work, is_unclaimed
from ..db import db, on_sqlite
from ..users.models import User
from ..workflow.service import workflow
from . import handover, stops, supplements
from .access import may_read
from .errors import Conflict, Forbidden, Invalid, NotFound
from .events import add_event, write_events
from .files import step_source
from ..localtime import local_time
from .messages import ERRORS
from .models import Dossier, DossierEvent, OpenTask
from .printouts import RETURN_FIELD
from .submission import add_files
from .transitions import apply_outcome, lock_task


def may_see(user, task: OpenTask) -> bool:
    """Whether the officer may know the task exists: they may read its dossier (their agency's, or
    one their agency was consulted on); to anyone else it answers as if there were no such task."""
    return may_read(user, task.dossier)


def _refused(user, task: OpenTask, message: str) -> Forbidden | NotFound:
    """Forbidden with `message` for an officer who may see the task; NotFound for anyone else."""
    return Forbidden(message) if may_see(user, task) else NotFound(ERRORS["unknown_task"])


def _may_work(user, task: OpenTask) -> None:
    if task.role != user.role or task.agency_id != user.agency_id:
        raise _refused(user, task, ERRORS["not_your_task"])


def _gone(task: OpenTask, typed: bool = False) -> Conflict:
    """Why a task is no longer open, as the officer needs to hear it: who completed it, or the
    end of the dossier (withdrawn, stopped) that closed it with nobody completing it; `typed`:
    the officer sent the step's form, which is not kept."""
    after = ERRORS["typed_not_kept"] if typed else ""
    if task.closed_by_id is not None:
        closer = db.session.get(User, task.closed_by_id)
        return Conflict(ERRORS["task_done_by"].format(name=closer.full_name, at=local_time(task.closed_at)) + after)
    dossier = db.session.get(Dossier, task.dossier_id)
    if dossier is not None and dossier.finished_at is not None:
        return Conflict(ERRORS["task_ended"].format(status=STATUS_LABELS[dossier.status],
                                                    at=local_time(dossier.finished_at)) + after)
    return Conflict(ERRORS["task_gone"])


def task_for(user, task_id: str) -> OpenTask:
    """An open task the officer may open (for reading it): to work it, or to assign it."""
    task = db.session.get(OpenTask, task_id)
    if task is None:
        raise NotFound(ERRORS["unknown_task"])
    if not may_open(user, task):
        raise _refused(user, task, ERRORS["not_your_task"])
    if task.closed_at is not None:
        raise _gone(task)
    return task


def _lock(task_id: str) -> tuple[Dossier, OpenTask]:
    """Lock the task's dossier, the transaction's first write; NotFound for no such task."""
    db.session.rollback()
    found = lock_task(task_id)
    if found is None:
        raise NotFound(ERRORS["unknown_task"])
    return found


def _locked(user, task_id: str, typed: bool = False) -> tuple[Dossier, OpenTask]:
    """Lock the task's dossier, then check the task is still open, the officer's, and not
    claimed by someone else (`typed`: to complete it, _gone)."""
    dossier, task = _lock(task_id)
    _may_work(user, task)
    if task.closed_at is not None:
        raise _gone(task, typed)
    _check_claim(user, task, typed)
    return dossier, task


def _check_claim(user, task: OpenTask, typed: bool = False) -> None:
    """Conflict when someone else holds the task: said as it happened, they took it or a leader
    or administrator gave it to them (its latest claim or assignment in the history)."""
    if task.claimed_by_id in (None, user.id):
        return
    how = db.session.execute(select(DossierEvent.kind).where(
        DossierEvent.dossier_id == task.dossier_id, DossierEvent.node_id == task.node_id,
        DossierEvent.kind.in_(("claimed", "assigned"))).order_by(DossierEvent.id.desc()).limit(1)).scalar()
    message = ERRORS["task_given" if how == "assigned" else "task_taken"].format(name=task.claimed_by.full_name)
    raise Conflict(message + (ERRORS["typed_not_kept"] if typed else ""))


def claim(user, task_id: str, at: datetime) -> OpenTask:
    dossier, task = _locked(user, task_id)
    if task.claimed_by_id is None:
        task.claimed_by_id, task.claimed_at = user.id, at
        write_events([add_event(dossier, at, "claimed", actor=user, node=(task.node_id, task.name),
                                name=task.name)])
    db.session.commit()
    return task


def _unclaim(dossier, task: OpenTask, actor, at: datetime) -> dict:
    """The task back to its group; the event saying so."""
    task.claimed_by_id = task.claimed_at = None
    return add_event(dossier, at, "released", actor=actor, node=(task.node_id, task.name), name=task.name)


def release(user, task_id: str, at: datetime, strict: bool = False) -> OpenTask:
    """The task back to its group: by the officer holding it, or by one who may assign it (its
    holder is away). Unclaimed already: nothing to do (`strict`: Conflict, saying so)."""
    dossier, task = _lock(task_id)
    assigner = may_assign(user, task)
    if not assigner:
        _may_work(user, task)
    if task.closed_at is not None:
        raise _gone(task)
    if not assigner:
        _check_claim(user, task)
    if task.claimed_by_id is not None:
        write_events([_unclaim(dossier, task, user, at)])
    elif strict:
        raise Conflict(ERRORS["not_claimed"])
    db.session.commit()
    return task


def release_claims(officer: User, actor: User, at: datetime) -> int:
    """Every task `officer` has claimed back to its group (they were moved or locked out), in the
    caller's transaction; how many. As a transition does, the tasks' dossiers are locked before
    the tasks are read: on PostgreSQL here, in id order, and the tasks read after the wait (one
    closed or completed meanwhile is left as it is); on SQLite the caller's first write (the
    officer's row) took the database's lock already."""
    claimed = (OpenTask.claimed_by_id == officer.id, OpenTask.closed_at.is_(None))
    if not on_sqlite():
        db.session.execute(select(Dossier).where(Dossier.id.in_(select(OpenTask.dossier_id).where(*claimed)))
                           .order_by(Dossier.id).with_for_update().execution_options(populate_existing=True)).all()
    tasks = db.session.execute(select(OpenTask).where(*claimed)
                               .execution_options(populate_existing=True)).scalars().all()
    write_events([_unclaim(task.dossier, task, actor, at) for task in tasks])
    return len(tasks)


def may_assign(user, task: OpenTask) -> bool:
    """An administrator reassigns any task; a leader assigns the tasks of their own agency."""
    return user.role == "admin" or (user.role == "leader" and user.agency_id == task.agency_id)


def may_open(user, task: OpenTask) -> bool:
    """Whether the officer may open a task's page: to work it, or to assign it."""
    return (task.role, task.agency_id) == (user.role, user.agency_id) or may_assign(user, task)


def assignees(task: OpenTask) -> list[User]:
    """The officers who may be given a task: its role, its agency, able to log in (active and
    activated: work given to an account nobody can use yet would wait unseen)."""
    return list(db.session.execute(select(User).where(
        User.role == task.role, User.agency_id == task.agency_id, able_to_work())
        .order_by(User.full_name)).scalars())


def _check_assignee(assignee: User | None, task: OpenTask) -> None:
    """Invalid, saying why, unless `assignee` may be given `task`."""
    if assignee is None or (assignee.role, assignee.agency_id) != (task.role, task.agency_id):
        message = ERRORS["bad_assignee"].format(role=ROLE_LABELS.get(task.role, task.role), agency=task.agency.name)
    elif not assignee.active:
        message = ERRORS["assignee_inactive"].format(name=assignee.full_name)
    elif is_unclaimed(assignee):
        message = ERRORS["assignee_unclaimed"].format(name=assignee.full_name)
    else:
        return
    raise Invalid(message, [{"field": "assignee", "message": message}])


SHOWN_ANY = object()  # `assign` with no holder shown (the API): whoever holds the task now


def assign(user, task_id: str, assignee_id: int, at: datetime, shown_holder=SHOWN_ANY) -> OpenTask:
    """`shown_holder`: the holder's id (None: nobody) on the page the leader assigned from; a
    task claimed or given back meanwhile is refused, never taken from its holder unseen."""
    dossier, task = _lock(task_id)
    if not may_assign(user, task):
        raise _refused(user, task, ERRORS["not_assignable"])
    if task.closed_at is not None:
        raise _gone(task)
    assignee = db.session.get(User, assignee_id) if assignee_id else None
    _check_assignee(assignee, task)
    if shown_holder is not SHOWN_ANY and task.claimed_by_id not in (shown_holder, assignee.id):
        raise Conflict(ERRORS["holder_changed"].format(name=task.claimed_by.full_name, since=local_time(task.claimed_at))
                       if task.claimed_by is not None else ERRORS["holder_released"])
    if task.claimed_by_id != assignee.id:
        task.claimed_by_id, task.claimed_at = assignee.id, at
        write_events([add_event(dossier, at, "assigned", actor=user, node=(task.node_id, task.name),
                                name=task.name, assignee=assignee.full_name)])
    db.session.commit()
    return task


def _form_of(task: OpenTask):
    return load_form(current_app.config["MOTCUA_FORMS_DIR"], task.form, task.ui_form)


def completed_alike(user, task_id: str, data) -> bool:
    """Whether `user` completed this task with this very data: the same form sent twice (a
    double click), to be told it is done, not that their work was not kept."""
    task = db.session.get(OpenTask, task_id)
    if task is None or task.closed_by_id != user.id:
        return False
    if task.form:
        data = _form_of(task).visible(data)
    kept = db.session.execute(select(DossierEvent.data).where(
        DossierEvent.dossier_id == task.dossier_id, DossierEvent.kind == "task_completed",
        DossierEvent.actor_id == user.id, DossierEvent.node_id == task.node_id)
        .order_by(DossierEvent.id.desc()).limit(1)).scalar()
    return kept == data


def _reachable_online(dossier: Dossier, data: dict) -> None:
    """A result returned online goes to the applicant's account: one opened at the counter and
    never activated reaches nobody, and the dossier would close as returned with the result unread."""
    if data.get(RETURN_FIELD) == "truc_tuyen" and is_unclaimed(dossier.owner):
        message = ERRORS["online_unreachable"]
        raise Invalid(message, [{"field": RETURN_FIELD, "message": message}])


def complete(user, task_id: str, data, at: datetime, justification: str | None = None,
             files: list[dict] = ()) -> Dossier:
    """Complete a task with its form's data. A second supplement request needs `justification`.
    `files`: documents the officer attaches to the step (accepted uploads, files/uploads.py),
    kept in the same transaction, so a completion refused keeps none of them."""
    dossier, task = _locked(user, task_id, typed=True)
    cleared = []
    if task.form:
        form = _form_of(task)
        errors = form.validate(data)
        if errors:
            raise Invalid(ERRORS["invalid_form"], [e.as_dict() for e in errors])
        data = form.visible(data)  # what a field of a decision not taken holds is not kept (QT-57)
        cleared = form.left_empty(data)
        _reachable_online(dossier, data)
    node = (task.node_id, task.name)
    handed = handover.handed_at(dossier, task, at)
    state_before = dossier.workflow_state
    try:
        outcome = workflow().engine.complete_task(
            dossier.process_id, dossier.process_version, state_before, task_id, data, at, handed, cleared)
    except TaskNotReady as exc:
        raise Conflict(ERRORS["task_gone"]) from exc
    except EngineError as exc:
        raise Conflict(str(exc)) from exc
    justification = supplements.check_justification(dossier, outcome, justification, at)
    event = add_event(dossier, at, "task_completed", actor=user, node=node, name=node[1], data=data)
    stop_reason = stops.reason_of(dossier, task_id, data, state_before) \
        if outcome.status == STOPPED and dossier.status != STOPPED else None
    apply_outcome(dossier, outcome, at, actor=user, event=event, completed_task=task_id, justification=justification,
                  handed_at=handed, stop_reason=stop_reason)
    add_files(dossier, [{**item, "component_code": node[0][:64]} for item in files], user, at,
              step_source(task.id))
    db.session.commit()
    return dossier
