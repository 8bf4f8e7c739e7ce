"""A dossier's results: the electronic result the approval issues (generated, then signed as a
PDF signature with the agency's key), and a paper result digitised by an officer (scanned,
described, signed with the agency's key in that officer's name; An Giang 2023, Điều 28). Each
gets the code `<dossier code>-KQ<n>` and goes into the citizen's data store as a "KQ" file."""
from __future__ import annotations

import hashlib
import logging
from datetime import date, datetime

from flask import current_app
from sqlalchemy import func, insert, select

from engine.catalogue_forms import PLACEHOLDER, RESULT_NAMES
from engine.forms import load_form

from .. import documents as doc
from ..catalogue.forms import application_form
from ..db import db
from ..eforms.readable import readable
from ..localtime import local_time
from ..files.storage import storage
from ..signing.backends import SigningUnavailable
from ..signing.inspect import signature_summary
from ..signing.sign import SigningFailed, sign_pdf
from ..workflow.service import workflow
from . import document_numbers as numbers, printouts, result_keys, transitions
from .document_numbers import document_number
from .errors import Conflict
from .events import add_event, run
from .messages import PRINTOUTS
from .models import DossierFile, DossierResult

log = logging.getLogger(__name__)
RESULT_COMPONENT = "KQ"


def next_number(dossier_id: int) -> int:
    return (db.session.execute(select(func.max(DossierResult.number))
                               .where(DossierResult.dossier_id == dossier_id)).scalar() or 0) + 1


def _fill(template: str, values: dict) -> str:
    """A catalogue template with {field} replaced by the dossier's value in words; nothing but
    plain names is read, so a template can never reach anything else."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), ""), str(template))


def _given(template: str, values: dict) -> bool:
    """Whether a row of the result has something to say: a row made only of data the dossier
    does not hold (the passport number of a citizen who gave a CCCD) is left out, not printed blank."""
    names = PLACEHOLDER.findall(str(template))
    return not names or any(values.get(name) for name in names)


def _values(dossier, form, data: dict) -> dict:
    """The process data as text, the steps' and the application's answers in words (enum
    labels, dates): an officer's choice prints as the label they chose, never its code."""
    values = {k: str(v) for k, v in data.items() if isinstance(v, (str, int, float)) and not isinstance(v, bool)}
    # A date a script computed (a deadline) reads as people read dates, in the province's time.
    values |= {k: local_time(v) for k, v in data.items() if isinstance(v, datetime)}
    values |= {k: v.strftime("%d/%m/%Y") for k, v in data.items() if isinstance(v, date) and not isinstance(v, datetime)}
    for step_form in _step_forms(dossier):
        values |= _in_words(step_form, data, changed_only=True)
    values |= _in_words(form, dossier.form_data)
    values.update(dict(zip(RESULT_NAMES, (dossier.applicant_name, dossier.code or ""))))
    return values


def _in_words(form, data: dict, changed_only: bool = False) -> dict:
    """`data`'s top-level answers to `form` as the form says them; `changed_only`: only those it
    words otherwise (a label for a code), since one name may be another step's answer too."""
    names = {p.get("title", n): n for n, p in form.schema.get("properties", {}).items()}
    return {names[e.title]: e.text for e in readable(form.schema, form.ui_schema, data)
            if not e.children and e.title in names
            and not (changed_only and e.text == str(data.get(names[e.title], "")))}


def _step_forms(dossier) -> list:
    """The forms of the diagram's steps, each once; one that no longer loads is left out (its
    answers print as recorded), never a reason not to sign."""
    version = workflow().engine.version(dossier.process_id, dossier.process_version)
    files = dict.fromkeys((n.properties.get("formJsonSchemaFilename"), n.properties.get("formUiSchemaFilename"))
                          for n in version.nodes.values() if n.properties.get("formJsonSchemaFilename"))
    forms = []
    for schema, ui in files:
        try:
            forms.append(load_form(current_app.config["MOTCUA_FORMS_DIR"], schema, ui))
        except (OSError, ValueError):
            log.warning("step form %s unreadable; its answers print as recorded", schema)
    return forms


def content(dossier, data: dict) -> doc.ResultContent:
    """What the result says: the catalogue's `result_document` template filled with the
    dossier's data, or the application's fields under the catalogue's result name."""
    procedure = dossier.procedure
    form = application_form(procedure)
    values = _values(dossier, form, data)
    template = procedure.details.get("result_document")
    if isinstance(template, dict):
        return doc.ResultContent(
            _fill(template.get("title", procedure.name), values).upper(),
            [(_fill(label, values), _fill(value, values)) for label, value in template.get("fields", [])
             if _given(value, values)],
            [_fill(p, values) for p in template.get("paragraphs", [])], _fill(template.get("subtitle", ""), values))
    fields = [(e.title, e.text) for e in readable(form.schema, form.ui_schema, dossier.form_data) if not e.children]
    return doc.ResultContent(str(procedure.details.get("result") or procedure.name).upper(), fields,
                             [PRINTOUTS["result_body"].format(procedure=procedure.name, name=dossier.applicant_name)])


def sign(pdf: bytes, dossier, signer_name: str, reason: str, at: datetime) -> bytes:
    """Signed with the dossier's agency's key; a missing key or a device error refuses the action."""
    try:
        return sign_pdf(pdf, dossier.agency.code, signer_name, reason, workflow().calendar.profile.place,
                        current_app.config, at=at)
    except SigningUnavailable as exc:
        log.error("signing for %s unavailable: %s", dossier.agency.code, exc)  # the operator's details
        raise Conflict(exc.for_officers) from exc
    except SigningFailed as exc:
        raise Conflict(str(exc)) from exc


def store(dossier, pdf: bytes, name: str, actor, at: datetime, source: str, component: str = RESULT_COMPONENT) -> int:
    """The signed PDF as a file of the dossier ("KQ": a result), written with Core (the
    transition's other rows are flushed once, at commit); returns its id."""
    key = storage().put(pdf)
    row = {"dossier_id": dossier.id, "component_code": component, "file_name": name,
           "content_type": "application/pdf", "size": len(pdf), "sha256": hashlib.sha256(pdf).hexdigest(),
           "storage_key": key, "uploaded_by_id": actor.id if actor else None, "uploaded_at": at,
           "superseded": False, "source": source,
           "signature": signature_summary(pdf, current_app.config, at, workflow().calendar.tz)}
    return run(insert(DossierFile.__table__).returning(DossierFile.__table__.c.id), [row]).scalar_one()


def _record(dossier, number: int, kind: str, title: str, document_number: str, file_id: int, actor, at,
            details: dict) -> str:
    code = doc.result_code(dossier.code, number)
    run(insert(DossierResult.__table__), [{
        "dossier_id": dossier.id, "number": number, "code": code, "kind": kind, "title": title[:255],
        "document_number": document_number[:64], "file_id": file_id, "agency_id": dossier.agency_id,
        "signed_by_id": actor.id, "signed_at": at, "details": details}])
    return code


def _document(dossier, data: dict, at: datetime, actor, number: int, key: str | None = None) -> doc.ResultDocument:
    """The result document; `key`: its verification key (result_keys), none for a preview."""
    code = doc.result_code(dossier.code, number)
    local = at.astimezone(workflow().calendar.tz)
    return doc.ResultDocument(
        agency=printouts.agency_header(dossier.agency), number=document_number(dossier.code, numbers.RESULT, n=number),
        issued_on=local.date(), result_code=code, applicant=dossier.applicant_name,
        content=content(dossier, data), signer=printouts.signer(actor), verify_url=printouts.keyed_url(code, key))


def preview(dossier, task_id: str, at: datetime, actor) -> bytes:
    """The result as approving the open step `task_id` now would issue it (from the data that
    step sees: every earlier step's, the consulted agency's included), unsigned and marked as a
    preview: what the leader reads before approving and signing."""
    data = workflow().engine.task_data(dossier.process_id, dossier.process_version, dossier.workflow_state, task_id)
    return doc.result_pdf(_document(dossier, data, at, actor, next_number(dossier.id)), draft=True)


def issue(dossier, data: dict, at: datetime, actor) -> dict:
    """Generate the electronic result, sign it, keep it; the event that records it. A result
    that cannot be signed (no key) stops the transition: approval and signature are one act."""
    number, key = next_number(dossier.id), result_keys.new_key()
    document = _document(dossier, data, at, actor, number, key)
    code = document.result_code
    signed = sign(doc.result_pdf(document), dossier, document.signer.name or dossier.agency.name,
                   PRINTOUTS["result_reason"], at)
    file_id = store(dossier, signed, f"{code}.pdf", actor, at, f"result:{number}")
    c = document.content
    _record(dossier, number, "electronic", c.title, document.number, file_id, actor, at, {
        "issued_on": document.issued_on.isoformat(), "applicant": document.applicant,
        "content": {"title": c.title, "subtitle": c.subtitle, "fields": [list(f) for f in c.fields],
                    "paragraphs": list(c.paragraphs)},
        "signer": {"name": document.signer.name, "title": document.signer.title,
                   "on_behalf": document.signer.on_behalf}, "verify_key": key})
    return add_event(dossier, at, "result_issued", actor=actor, code=code, signer=document.signer.name)


def digitise(dossier, scan: bytes, content_type: str, meta: dict, at: datetime, actor,
             form_key: str = "") -> tuple[str, bool]:
    """A paper result scanned into the data store: the scan as a PDF with the QR code of its
    verification page (a last page with the paper original's facts; an image is made a page first),
    signed with the agency's key in the digitising officer's name. Returns its code and
    whether it is new: the same form sent again (`form_key`, its one-time value) returns the
    result it made the first time."""
    # Locked, so a form sent twice at once (or with the approval) is serialised, never numbered twice.
    dossier = transitions.lock_dossier(dossier.id)
    earlier = _digitised_with(dossier.id, form_key)
    if earlier is not None:
        return earlier, False
    number, key = next_number(dossier.id), result_keys.new_key()
    code = doc.result_code(dossier.code, number)
    url = printouts.keyed_url(code, key)
    facts = doc.ScanFacts(meta["title"], meta["document_number"], meta["signing_agency"], meta["signer"],
                          date.fromisoformat(meta["signed_on"]), code, actor.full_name, dossier.agency.name, at, url)
    pdf = (doc.with_verification_page if content_type == "application/pdf" else doc.image_pdf)(scan, facts)
    signed = sign(pdf, dossier, actor.full_name, PRINTOUTS["digitised_reason"], at)
    file_id = store(dossier, signed, f"{code}.pdf", actor, at, f"digitised:{number}")
    _record(dossier, number, "digitised", PRINTOUTS["digitised_title"].format(title=meta["title"]),
            meta["document_number"], file_id, actor, at, {"paper": meta, "form_key": form_key, "verify_key": key})
    return code, True


def _digitised_with(dossier_id: int, form_key: str) -> str | None:
    if not form_key:
        return None
    rows = db.session.execute(select(DossierResult.code, DossierResult.details).where(
        DossierResult.dossier_id == dossier_id, DossierResult.kind == "digitised")).all()
    return next((code for code, details in rows if (details or {}).get("form_key") == form_key), None)


def of_dossier(dossier_id: int) -> list[DossierResult]:
    return list(db.session.execute(select(DossierResult).where(DossierResult.dossier_id == dossier_id)
                                   .order_by(DossierResult.number)).scalars())


def electronic(dossier_id: int, number: int) -> DossierResult | None:
    """The n-th result when it is a signed electronic one: what a paper conversion is made of."""
    return db.session.execute(select(DossierResult).where(
        DossierResult.dossier_id == dossier_id, DossierResult.number == number,
        DossierResult.kind == "electronic")).scalar()


def signed_at_of(sha256: str) -> datetime | None:
    """When the system signed the result whose stored file has exactly these bytes (their SHA-256)."""
    return db.session.execute(select(func.min(DossierResult.signed_at)).join(
        DossierFile, DossierFile.id == DossierResult.file_id).where(DossierFile.sha256 == sha256)).scalar()


def find_pdf(code: str) -> bytes | None:
    """The signed PDF of a result code, for the public verification page."""
    if not code or len(code) > 48:
        return None
    key = db.session.execute(select(DossierFile.storage_key).join(DossierResult, DossierResult.file_id == DossierFile.id)
                             .where(DossierResult.code == code)).scalar()
    return storage().open(key) if key else None
