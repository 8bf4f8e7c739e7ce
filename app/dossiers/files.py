"""A dossier's stored files: sent to someone already allowed to read the dossier, and the
documents officers attach when they complete a step (a consulted agency's reply, a verification
record), which are internal to the agencies: the citizen's pages never list or serve them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import abort, current_app
from sqlalchemy import select

from ..db import db
from ..files.download import file_response
from ..files.storage import storage
from .models import DossierFile, OpenTask

FILE_MISSING = "file_missing"  # the description of the 404 a missing blob answers (app/errors.py)

# The source of a file attached to a step: "task:<the task's id>" (like "supplement:…", "result:<n>").
STEP_SOURCE = "task:"


def step_source(task_id: str) -> str:
    return STEP_SOURCE + task_id


def is_internal(file: DossierFile) -> bool:
    """Attached by an officer to a step: for the agencies only."""
    return (file.source or "").startswith(STEP_SOURCE)


def citizen_visible():
    """The files a citizen may see, as a clause: all but those attached to steps."""
    return DossierFile.source.not_like(STEP_SOURCE + "%")


def send_file_of(dossier, file_id: int, internal: bool = False):
    """The file if it belongs to `dossier` (404 otherwise: ids of other dossiers are not
    confirmed to exist), as a download with its own name; a step's attachment only when
    `internal` (an officer's page). A row whose blob is missing from the store answers a page
    that says so (404, app/errors.py), the key in the server log for the operator."""
    file = db.session.get(DossierFile, file_id)
    if file is None or file.dossier_id != dossier.id or (is_internal(file) and not internal):
        abort(404)
    try:
        data = storage().open(file.storage_key)
    except FileNotFoundError:
        current_app.logger.error("dossier %s file %s: blob %s missing from the store", dossier.id, file.id,
                                 file.storage_key)
        abort(404, description=FILE_MISSING)
    return file_response(data, file.file_name, file.content_type)


@dataclass(frozen=True)
class StepFiles:
    """The files one officer attached when completing one step."""
    task_id: str
    node_id: str
    name: str
    officer: object  # User, or None
    at: datetime
    files: list[DossierFile]


def step_files(files: list[DossierFile]) -> list[StepFiles]:
    """`files` (a dossier's, in order) attached to steps, one group per completed step in the
    order they were attached, named as the step's task row names it."""
    groups: dict[str, list[DossierFile]] = {}
    for file in files:
        if is_internal(file):
            groups.setdefault(file.source[len(STEP_SOURCE):], []).append(file)
    if not groups:
        return []
    tasks = {task_id: (node_id, name) for task_id, node_id, name in db.session.execute(
        select(OpenTask.id, OpenTask.node_id, OpenTask.name).where(OpenTask.id.in_(list(groups))))}
    return [StepFiles(task_id, *tasks.get(task_id, (found[0].component_code, found[0].component_code)),
                      found[0].uploaded_by, found[0].uploaded_at, found)
            for task_id, found in groups.items()]
