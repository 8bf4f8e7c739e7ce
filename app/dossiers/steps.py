"""What each completed step recorded: the form data an officer submitted with it (an appraisal,
a consulted agency's opinion, a leader's instruction), in words, so the officers who act next
read it before they decide. Internal to the agencies: the citizen's pages never show it.

A step whose form answers `dong_y` (the consulted agency's "Thống nhất với đề nghị", forms/common/
phoi_hop; the police's "the identity matches their records" of the criminal-record procedure) with
no is set apart, with that question, so that whoever approves next cannot miss it."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from engine.forms import load_form

from ..db import db
from ..eforms.readable import Entry, readable
from .models import DossierEvent, OpenTask


@dataclass(frozen=True)
class StepRecord:
    at: datetime
    name: str
    actor: object  # User, or None
    agency: object  # the actor's Agency, or None
    entries: list[Entry]
    disagrees: bool = False  # answered `dong_y` with no (AGREEMENT_FIELD)
    question: str = ""  # that field's title, as the form asked it
    # The application supplemented after this step (its first such instant, the fields changed
    # since): an answer given on the application before, a consulted agency's above all.
    changed_at: datetime | None = None
    changed_fields: tuple[str, ...] = ()


AGREEMENT_FIELD = "dong_y"
SUPPLEMENTED = "supplement_changes"  # the citizen's supplement, with the fields it changed


def completed_steps(dossier_id: int) -> list[StepRecord]:
    """Every completed step that submitted data, oldest first (the `task_completed` events), read
    with the form each step's task row names in one statement, however long the history."""
    forms = select(OpenTask.node_id, func.max(OpenTask.form).label("form"),
                   func.max(OpenTask.ui_form).label("ui_form")).where(
        OpenTask.dossier_id == dossier_id).group_by(OpenTask.node_id).subquery()
    rows = db.session.execute(
        select(DossierEvent, forms.c.form, forms.c.ui_form)
        .outerjoin(forms, forms.c.node_id == DossierEvent.node_id)
        .where(DossierEvent.dossier_id == dossier_id, DossierEvent.kind.in_(("task_completed", SUPPLEMENTED)))
        .order_by(DossierEvent.id).options(joinedload(DossierEvent.actor), joinedload(DossierEvent.agency))).all()
    records = []
    for e, form, ui_form in rows:
        if e.kind == SUPPLEMENTED:
            fields = tuple(c["field"] for c in (e.data or {}).get("fields", []) if isinstance(c, dict) and c.get("field"))
            records = [_changed(r, e.at, fields) for r in records] if fields else records
        elif e.data:
            records.append(_record(e, *_form(form, ui_form, e.data)))
    return records


def _changed(record: StepRecord, at: datetime, fields: tuple[str, ...]) -> StepRecord:
    return replace(record, changed_at=record.changed_at or at,
                   changed_fields=tuple(dict.fromkeys(record.changed_fields + fields)))


def _record(event, schema: dict, ui_schema: dict | None) -> StepRecord:
    disagrees = isinstance(event.data, dict) and event.data.get(AGREEMENT_FIELD) is False
    question = schema.get("properties", {}).get(AGREEMENT_FIELD, {}).get("title", "") if disagrees else ""
    return StepRecord(event.at, event.node_name or "", event.actor, event.agency,
                      readable(schema, ui_schema, event.data), disagrees, question)


def _form(schema_file: str | None, ui_file: str | None, data: dict) -> tuple[dict, dict | None]:
    """The step's form (schema, ui schema); without one (the file was removed or broken since),
    a schema naming each field by its key, so what was recorded stays readable."""
    if schema_file:
        try:
            form = load_form(current_app.config["MOTCUA_FORMS_DIR"], schema_file, ui_file)
            return form.schema, form.ui_schema
        except (OSError, ValueError):
            pass
    return {"properties": {key: {"title": key} for key in data}}, None
