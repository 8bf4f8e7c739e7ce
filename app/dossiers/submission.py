"""Online submission: the automatic completeness check, then the dossier and its process.

A retried or double-clicked submission carries the same key (the client's Idempotency-Key, or
a digest of the same application within the same ten minutes) and returns the first dossier.
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from engine.runtime import EngineError
from engine.statuses import SUBMITTED

from ..catalogue.forms import application_form
from ..catalogue.models import Procedure
from ..db import db, savepoint
from ..workflow.service import record_version, workflow
from .deadlines import reception_due
from .errors import Conflict, Invalid, NotFound
from .messages import CHANNEL_WORDS, ERRORS
from .events import add_event
from .models import Dossier, DossierEvent, DossierFile, contact_of, search_text
from .transitions import apply_outcome
from .uploads import stored

DEDUP_WINDOW_SECONDS = 600


def submission_key(owner_id: int, procedure_code: str, data: dict, at: datetime, key: str | None,
                   files: list[dict] = ()) -> str:
    """What makes a submission the same one sent twice: the client's key, or the same owner,
    procedure, data and files within the dedup window."""
    if key:
        return hashlib.sha256(f"key:{key}".encode()).hexdigest()
    bucket = int(at.timestamp()) // DEDUP_WINDOW_SECONDS
    canonical = json.dumps([data, file_pairs(files)], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{owner_id}|{procedure_code}|{bucket}|{canonical}".encode()).hexdigest()


def file_pairs(files: list[dict]) -> list[list[str]]:
    """(component, content digest) of each file: what a file sent again is recognised by."""
    return sorted([str(f.get("component_code")), str(f.get("sha256"))] for f in files)


def find_procedure(code: str) -> Procedure:
    procedure = db.session.execute(select(Procedure).where(Procedure.code == code)).scalar_one_or_none()
    if procedure is None:
        raise NotFound(ERRORS["unknown_procedure"].format(code=code[:64]))
    return procedure


def open_procedure(code: str) -> Procedure:
    """The procedure, taking dossiers; Conflict when it is closed (its form may be why)."""
    procedure = find_procedure(code)
    if not procedure.published:
        raise Conflict(ERRORS["procedure_unavailable"].format(name=procedure.name))
    return procedure


def validate_application(procedure: Procedure, data) -> dict:
    """The application as the dossier keeps it (without what hidden fields hold, QT-57);
    Invalid when the form refuses it."""
    form = application_form(procedure)
    errors = form.validate(data)
    if errors:
        raise Invalid(ERRORS["invalid_form"], [e.as_dict() for e in errors])
    return form.visible(data)


def submit(owner, procedure_code: str, data, at: datetime, key: str | None = None,
           channel: str = "online", files: list[dict] = (), representation: dict | None = None,
           entered_by=None, details: dict | None = None) -> tuple[Dossier, bool]:
    """Create the dossier and start its process; returns (dossier, created). `files` are the
    accepted uploads (StoredUpload.as_dict() plus "component_code"), written in the same
    transaction, so a dossier never exists without the components it was submitted with.
    `entered_by`: the officer who entered a paper dossier (counter or postal intake), with
    `details` of it (e.g. the postal item number) kept in its first event."""
    procedure = open_procedure(procedure_code)
    data = validate_application(procedure, data)
    digest = submission_key(owner.id, procedure.code, data, at, key, files)
    existing = _existing(owner.id, digest)
    if existing is not None:
        return existing, False
    wf = workflow()
    try:
        outcome = wf.engine.start(procedure.bpmn_process_id, dict(data), at)
    except EngineError as exc:
        raise Conflict(str(exc)) from exc
    record_version(wf, outcome.process_id, outcome.version)
    applicant_name = applicant_name_of(data, owner, representation)
    organisation_name = (representation or {}).get("organisation_name")
    dossier = Dossier(
        owner_id=owner.id, procedure_id=procedure.id, agency_id=procedure.agency_id,
        applicant_name=applicant_name, channel=channel, status=SUBMITTED, organisation_name=organisation_name,
        search_text=search_text(applicant_name, organisation_name), representation=representation,
        applicant_contact=contact_of(owner), submitted_at=at, counts_from=wf.calendar.official_start(at),
        reception_due_at=reception_due(at),
        form_data=data, submission_key=digest, process_id=outcome.process_id,
        process_version=outcome.version, workflow_state=outcome.state, created_at=at, updated_at=at,
    )
    dossier.procedure = procedure
    try:
        with savepoint():
            db.session.add(dossier)
    except IntegrityError:  # the same submission won a race a moment ago
        db.session.rollback()
        return _existing(owner.id, digest), False
    add_files(dossier, files, entered_by or owner, at, "submission")
    event = add_event(dossier, at, "submitted", actor=entered_by or owner, due_at=dossier.reception_due_at,
                      channel=CHANNEL_WORDS[channel], data=details)
    apply_outcome(dossier, outcome, at, actor=owner, event=event)
    db.session.commit()
    return dossier, True


def _existing(owner_id: int, digest: str) -> Dossier | None:
    return db.session.execute(
        select(Dossier).where(Dossier.owner_id == owner_id, Dossier.submission_key == digest)
    ).scalar_one_or_none()


def same_submission(dossier: Dossier, data: dict, files: list[dict], channel: str, details: dict | None,
                    representation: dict | None = None) -> bool:
    """Whether `dossier` is what submitting this again would make: a form sent twice under one
    key holds the same application (as the form keeps it, `validate_application`), files (by
    component and content), channel, desk details (its first event's data) and who applies on
    whose behalf (`representation.stored`). A key sent again
    with other content is another submission, which `submit` would otherwise answer with this one."""
    sent = db.session.execute(select(DossierFile.component_code, DossierFile.sha256).where(
        DossierFile.dossier_id == dossier.id, DossierFile.source == "submission")).all()
    recorded = db.session.execute(select(DossierEvent.data).where(
        DossierEvent.dossier_id == dossier.id, DossierEvent.kind == "submitted")
        .order_by(DossierEvent.id).limit(1)).scalar()
    return (dossier.channel == channel and as_stored(dossier.form_data) == as_stored(data)
            and recorded == as_stored(details) and as_stored(dossier.representation) == as_stored(representation)
            and file_pairs([{"component_code": code, "sha256": digest} for code, digest in sent]) == file_pairs(files))


def as_stored(value):
    """`value` as a JSON column gives it back."""
    return json.loads(json.dumps(value))


def add_files(dossier: Dossier, files: list[dict], actor, at: datetime, source: str) -> None:
    """The dossier's new files; one not stored yet (uploads.checked_uploads) is stored now,
    once nothing else can refuse the request."""
    for item in stored(files):
        db.session.add(DossierFile(
            dossier_id=dossier.id, component_code=item["component_code"], file_name=item["file_name"],
            content_type=item["content_type"], size=item["size"], sha256=item["sha256"],
            storage_key=item["storage_key"], uploaded_by_id=actor.id, uploaded_at=at, source=source,
            signature=item.get("signature")))


def applicant_name_of(data: dict, owner, representation: dict | None = None) -> str:
    """Who the dossier is for: the represented person, else the application's name field."""
    if representation and representation.get("kind") == "person" and representation.get("name"):
        return representation["name"][:200]
    for field in ("ho_ten_nguoi_yeu_cau", "ho_ten", "ho_ten_nguoi_nop"):
        if isinstance(data.get(field), str) and data[field].strip():
            return data[field].strip()[:200]
    return owner.full_name


def entered_lately(owner_id: int, procedure_id: int, entered_by_id: int, data: dict, files: list[dict],
                   channel: str, details: dict | None, at: datetime, representation: dict | None = None) -> Dossier | None:
    """The dossier this officer entered for this owner and procedure within the dedup window
    holding this same application (`same_submission`), if any: a desk form sent again under a
    fresh one-time value (Back, then send; a double click) is that dossier, not a second one."""
    candidates = db.session.execute(
        select(Dossier).join(DossierEvent, DossierEvent.dossier_id == Dossier.id).where(
            Dossier.owner_id == owner_id, Dossier.procedure_id == procedure_id,
            Dossier.submitted_at >= at - timedelta(seconds=DEDUP_WINDOW_SECONDS),
            DossierEvent.kind == "submitted", DossierEvent.actor_id == entered_by_id)
        .order_by(Dossier.submitted_at.desc())).scalars().unique()
    return next((d for d in candidates if same_submission(d, data, files, channel, details, representation)), None)
