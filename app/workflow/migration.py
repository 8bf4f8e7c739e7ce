"""Moving the running dossiers of an older diagram version to the current one (ANALYST.md QT-26).

A version with a mistake that only shows at run time (a gateway no branch of which matches) leaves
its dossiers where they were before the failure; the fixed diagram is a new version, which the
dossiers reach only through this: the administrator previews which can move (engine/migration.py
says why the others cannot), then moves them. Each dossier moves in a transaction of its own, its
row locked first as in every transition (app/dossiers/transitions.py): the new state and version,
the target version's XML kept (`record_version`), the open task rows brought up to date (the same
task keeps its row, its due instant and its claim while its role stays the same) and a
`version_moved` event. The public status, the amount asked and the legal instants do not change:
a move is not a step of the procedure.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import undefer

from engine.migration import move
from engine.registry import ProcessVersion
from engine.runtime import Outcome

from ..db import db
from ..dossiers.events import add_event, write_events
from ..dossiers.models import Dossier, OpenTask
from ..dossiers.transitions import _update_tasks, lock_dossier
from .messages import MOVE
from .service import Workflow, record_version, workflow

log = logging.getLogger(__name__)
KIND = "version_moved"


@dataclass
class DossierMove:
    """One dossier of the list: whether it can move (or moved), else why not."""
    dossier_id: int
    code: str | None
    applicant_name: str
    status: int
    movable: bool
    reasons: list[str] = field(default_factory=list)
    moved: bool = False

    @property
    def label(self) -> str:
        return self.code or MOVE["no_code"].format(id=self.dossier_id)


def current_version(process_id: str, wf: Workflow | None = None) -> ProcessVersion | None:
    """The version new dossiers start on: the one dossiers move to."""
    return (wf or workflow()).registry.latest(process_id)


def _running(process_id: str, version: str, with_state: bool = False):
    statement = (select(Dossier).where(Dossier.process_id == process_id, Dossier.process_version == version,
                                       Dossier.finished_at.is_(None)).order_by(Dossier.id))
    if with_state:
        statement = statement.options(undefer(Dossier.workflow_state))
    return db.session.execute(statement).scalars().all()


def _entry(dossier: Dossier, movable: bool, reasons=(), moved: bool = False) -> DossierMove:
    return DossierMove(dossier.id, dossier.code, dossier.applicant_name, dossier.status, movable,
                       [str(r) for r in reasons], moved)


def preview(process_id: str, version: str, at: datetime, wf: Workflow | None = None) -> list[DossierMove]:
    """Every dossier running on `version`: whether it can move to the current version (the move
    computed, nothing written) and, if not, why."""
    wf = wf or workflow()
    target = current_version(process_id, wf)
    found = []
    for dossier in _running(process_id, version, with_state=True):
        result = move(wf.engine, process_id, version, dossier.workflow_state, at, target.version)
        found.append(_entry(dossier, result.movable, result.obstacles))
    return found


def move_all(process_id: str, version: str, to_version: str, actor, at: datetime,
             wf: Workflow | None = None) -> list[DossierMove]:
    """Move every dossier running on `version` that can to `to_version` (the current version the
    administrator saw in the preview), each in its own transaction; the list says what happened."""
    wf = wf or workflow()
    ids = [d.id for d in _running(process_id, version)]
    db.session.rollback()
    return [move_dossier(dossier_id, version, to_version, actor, at, wf) for dossier_id in ids]


def move_dossier(dossier_id: int, version: str, to_version: str, actor, at: datetime,
                 wf: Workflow | None = None) -> DossierMove:
    """One dossier, in one transaction: lock it, move it if it still runs on `version`, commit."""
    wf = wf or workflow()
    db.session.rollback()
    try:
        dossier = lock_dossier(dossier_id)
        if dossier is None or dossier.finished_at is not None or dossier.process_version != version:
            db.session.rollback()
            dossier = db.session.get(Dossier, dossier_id)
            return DossierMove(dossier_id, dossier.code if dossier else None, dossier.applicant_name if dossier else "",
                               dossier.status if dossier else 0, False, [MOVE["gone"]])
        result = move(wf.engine, dossier.process_id, version, dossier.workflow_state, at, to_version)
        if not result.movable:
            entry = _entry(dossier, False, result.obstacles)
            db.session.rollback()
            return entry
        apply_move(dossier, result.outcome, version, at, actor)
        record_version(wf, dossier.process_id, result.to_version)
        entry = _entry(dossier, True, moved=True)
        db.session.commit()
        return entry
    except SQLAlchemyError:
        db.session.rollback()
        log.exception("dossier %s not moved from version %s to %s", dossier_id, version, to_version)
        dossier = db.session.get(Dossier, dossier_id)
        return DossierMove(dossier_id, dossier.code if dossier else None, dossier.applicant_name if dossier else "",
                           dossier.status if dossier else 0, False, [MOVE["busy"]])


def apply_move(dossier: Dossier, outcome: Outcome, from_version: str, at: datetime, actor=None) -> None:
    """Write a move on the locked dossier, in the caller's transaction."""
    with db.session.no_autoflush:  # the dossier row is written once, at commit
        event = add_event(dossier, at, KIND, actor=actor, data={"from": from_version, "to": outcome.version},
                          from_version=from_version[:10], to_version=outcome.version[:10])
        event["status_before"] = event["status_after"] = dossier.status
        events = [event]
        dossier.workflow_state = outcome.state
        dossier.process_version = outcome.version
        dossier.waiting_messages = outcome.waiting_messages
        dossier.next_timer_at = outcome.next_timer_at
        dossier.version += 1
        dossier.updated_at = at
        _rebuild_tasks(dossier, outcome, at, events)
        write_events(events)


def _rebuild_tasks(dossier: Dossier, outcome: Outcome, at: datetime, events: list[dict]) -> None:
    """The open task rows as the target version describes them. A step that goes on (same engine
    task) keeps its row, due instant, agency and claim, with its name, form and status from the
    target; a changed role frees its claim (the officer may not work it any more). Rows of tasks
    no longer open are closed and new ones opened unclaimed, as a transition does."""
    rows = db.session.execute(select(OpenTask).where(OpenTask.dossier_id == dossier.id,
                                                     OpenTask.closed_at.is_(None))).scalars().all()
    wanted = {t.id: t for t in outcome.open_tasks}
    for row in rows:
        task = wanted.get(row.id)
        if task is None:
            continue
        role = task.role or ""
        if role != row.role and row.claimed_by_id is not None:
            row.claimed_by_id = row.claimed_at = None
            events.append(add_event(dossier, at, "released", node=(task.node_id, task.name), name=task.name))
        row.node_id, row.name, row.role = task.node_id, task.name, role
        row.form, row.ui_form, row.status = task.form, task.ui_form, task.status
    # Closing and opening exactly as a transition: the rows open now are what was open before.
    _update_tasks(dossier, replace(outcome, previous_task_ids=frozenset(r.id for r in rows)), at, None, None, at,
                  events)
