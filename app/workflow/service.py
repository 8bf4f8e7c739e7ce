"""The app's link to the engine: one calendar, registry and engine per application."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from engine.calendar import WorkingCalendar
from engine.calendar_functions import deadline_functions
from engine.diagram_check import Problem
from engine.profile import load_profile
from engine.registry import Registry
from engine.runtime import Engine

from ..clock import now
from ..db import db, savepoint
from .models import ProcessVersionRecord

log = logging.getLogger(__name__)


@dataclass
class Workflow:
    calendar: WorkingCalendar
    registry: Registry
    engine: Engine
    problems: list[Problem]
    catalogue_problems: list[str] = field(default_factory=list)  # from the last catalogue load


def _stored_version(process_id: str, version: str) -> bytes | None:
    record = db.session.get(ProcessVersionRecord, (process_id, version))
    return record.xml if record else None


def _meant_for(file_name: str) -> dict[str, bytes | None]:
    """The processes a diagram file that does not load was meant to hold, each with the XML of its
    newest stored version (None: none kept): the process named by the file (`<process id>.bpmn`,
    as `motcua procedure new` names it) and those whose stored versions came from this file. The
    newest is the one recorded last: a version is recorded when the first dossier starts on it,
    which is while it is the current one (ANALYST.md QT-26)."""
    if not _database_exists():
        return {}
    try:
        ids = {Path(file_name).stem, *db.session.execute(
            select(ProcessVersionRecord.process_id).where(ProcessVersionRecord.file_name == file_name)).scalars()}
        found = {}
        for process_id in sorted(ids):
            found[process_id] = db.session.execute(
                select(ProcessVersionRecord.xml).where(ProcessVersionRecord.process_id == process_id)
                .order_by(ProcessVersionRecord.created_at.desc(), ProcessVersionRecord.version.desc())
                .limit(1)).scalar_one_or_none()
        return found
    except SQLAlchemyError:  # not created yet (the first start), or not reachable: nothing kept to serve
        db.session.rollback()
        log.warning("stored versions not read for %s", file_name, exc_info=True)
        return {}


def _database_exists() -> bool:
    """False for an embedded SQLite file not created yet: reading it would create it."""
    url = db.engine.url
    if url.get_backend_name() != "sqlite":
        return True
    return bool(url.database) and url.database != ":memory:" and Path(url.database).is_file()


def init_workflow(app: Flask) -> None:
    calendar = WorkingCalendar(load_profile(app.config["MOTCUA_PROVINCE"]))
    with app.app_context():  # a broken diagram's stored versions are read from the database
        app.extensions["motcua_workflow"] = build_workflow(app, calendar)


def build_workflow(app: Flask, calendar: WorkingCalendar, previous: Registry | None = None) -> Workflow:
    """The diagrams of the bpmn folder, read now; `previous`: the registry in use, whose versions
    a diagram that no longer loads keeps serving, else the newest version kept in the database of
    the processes it held (Registry.load_directory). Needs an application context."""
    registry = Registry(app.config["MOTCUA_FORMS_DIR"],
                        timer_functions=deadline_functions(calendar, app.extensions["motcua_clock"].now()))
    problems = registry.load_directory(app.config["MOTCUA_BPMN_DIR"], previous, stored=_meant_for)
    for problem in problems:
        log.warning("diagram not loaded: %s", problem)
    return Workflow(calendar, registry, Engine(registry, calendar, _stored_version), problems)


def workflow() -> Workflow:
    return current_app.extensions["motcua_workflow"]


def record_version(wf: Workflow, process_id: str, version: str) -> None:
    """Keep the XML of a version a dossier starts on, in the same transaction as the dossier.
    `wf`: the one the dossier started with (the diagrams may have been reloaded since)."""
    if db.session.get(ProcessVersionRecord, (process_id, version)) is None:
        found = wf.registry.get(process_id, version)
        try:
            with savepoint():  # another dossier may record it at the same moment
                db.session.add(ProcessVersionRecord(process_id=process_id, version=version,
                                                    file_name=found.file_name, xml=found.xml, created_at=now()))
        except IntegrityError:
            pass
