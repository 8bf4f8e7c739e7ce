"""The app's link to the engine: one calendar, registry and engine per application."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from flask import Flask, current_app
from sqlalchemy.exc import IntegrityError

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


def init_workflow(app: Flask) -> None:
    calendar = WorkingCalendar(load_profile(app.config["MOTCUA_PROVINCE"]))
    app.extensions["motcua_workflow"] = build_workflow(app, calendar)


def build_workflow(app: Flask, calendar: WorkingCalendar, previous: Registry | None = None) -> Workflow:
    """The diagrams of the bpmn folder, read now; `previous`: the registry in use, whose versions
    a diagram that no longer loads keeps serving (Registry.load_directory)."""
    registry = Registry(app.config["MOTCUA_FORMS_DIR"],
                        timer_functions=deadline_functions(calendar, app.extensions["motcua_clock"].now()))
    problems = registry.load_directory(app.config["MOTCUA_BPMN_DIR"], previous)
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
