"""Procedures change while the system runs: an analyst saves a diagram, a form or a catalogue
entry, and the first request after it (the folders are looked at every MOTCUA_RELOAD_SECONDS)
serves the new version, with no restart. A diagram that no longer loads keeps serving its
previous version and its problems are logged and shown to administrators; dossiers already
running go on on the version they started on (ANALYST.md QT-26)."""
from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from flask import Flask

from ..db import db
from .service import build_workflow

log = logging.getLogger(__name__)


def fingerprint(app: Flask) -> tuple:
    """Name, size and modification time of every file a procedure is made of."""
    config = app.config
    paths = [*Path(config["MOTCUA_BPMN_DIR"]).glob("*.bpmn"), *Path(config["MOTCUA_CATALOGUE_DIR"]).glob("*.json"),
             *(p for p in Path(config["MOTCUA_FORMS_DIR"]).rglob("*") if p.is_file())]
    found = []
    for path in sorted(paths):
        try:
            stat = path.stat()
        except OSError:  # removed between listing and reading: the next look sees it gone
            continue
        found.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(found)


def reload_procedures(app: Flask) -> None:
    """Read the diagrams again, then the catalogue entries (an entry whose diagram is gone is
    closed to new dossiers); swap both in for the requests that follow."""
    from ..catalogue.loader import load_catalogue
    current = app.extensions["motcua_workflow"]
    fresh = build_workflow(app, current.calendar, previous=current.registry)
    # The diagrams first: a catalogue entry must never name a process the requests cannot find.
    app.extensions["motcua_workflow"] = fresh
    fresh.catalogue_problems = load_catalogue(app.config["MOTCUA_CATALOGUE_DIR"], app.config["MOTCUA_FORMS_DIR"],
                                              set(fresh.registry.process_ids()), fresh.registry.unloaded)
    for problem in fresh.catalogue_problems:
        log.warning("catalogue entry: %s", problem)
    log.info("procedures reloaded: %d diagrams, %d problems", len(fresh.registry.process_ids()),
             len(fresh.problems) + len(fresh.catalogue_problems))


class ProcedureWatch:
    """Looks at the folders at most every `interval` seconds, from whichever request comes;
    one thread reloads while the others go on with the procedures in use."""

    def __init__(self, app: Flask, interval: float):
        self.app, self.interval = app, interval
        self.seen = fingerprint(app)
        self.next_look = time.monotonic() + interval
        self.lock = threading.Lock()

    def check(self) -> bool:
        """Reload if a file changed; whether it did."""
        if time.monotonic() < self.next_look or not self.lock.acquire(blocking=False):
            return False
        try:
            self.next_look = time.monotonic() + self.interval
            now = fingerprint(self.app)
            if now == self.seen:
                return False
            try:
                reload_procedures(self.app)
            except Exception:  # the database, say: keep what serves now and try at the next look
                db.session.rollback()
                log.exception("procedures not reloaded")
                return False
            self.seen = now
            return True
        finally:
            self.lock.release()


def init_reload(app: Flask) -> None:
    interval = app.config["MOTCUA_RELOAD_SECONDS"]
    if interval <= 0:
        return
    watch = ProcedureWatch(app, interval)
    app.extensions["motcua_watch"] = watch

    @app.before_request
    def look_for_changes():  # returns None: a value would become the response
        watch.check()
