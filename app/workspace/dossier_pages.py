"""An officer's view of one dossier: everything it holds, its position drawn on its own diagram,
the control slip, its documents, and the actions on it (apology with a new date, digitising a
paper result)."""
from __future__ import annotations

import re
from datetime import date, datetime

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select

from engine.forms import too_long
from engine.statuses import LABELS as STATUS_LABELS, PROCESSED, RETURNED, known as known_status

from ..clock import now
from ..db import db
from ..dossiers import apology, citizen, handoffs, printouts, results, search, transitions, work
from ..dossiers.access import ISSUED_EVENTS, consulted_only, may_act_for_agency, may_read, may_read_file
from ..dossiers.events import history
from ..dossiers.files import send_file_of
from ..dossiers.errors import DossierError
from ..dossiers.fees import PAYMENT
from ..dossiers.models import Dossier, DossierFile, DossierResult, OpenTask
from ..dossiers.request_keys import request_key
from ..files.download import file_response
from ..files.storage import storage
from ..files.uploads import UploadRejected, accept_upload
from ..localtime import local_time, local_today
from ..payments.ledger import ATTEMPT_MINUTES, open_attempt
from ..payments.messages import PAYMENT_STATES
from ..payments.models import Payment
from ..web.session import login_required
from ..workflow.service import workflow
from . import carry, diagram, dossier_context, intake
from .blueprint import STAFF, workspace
from .messages import APOLOGY, DIGITISE, EMPTY, MESSAGES, ROLE_WORK, VERDICTS

DIGITISERS = ("one_stop", "specialist")
# What each box of the paper result's facts holds (the number as the results' column does); a
# longer text is refused, never cut, so what is recorded is what the paper says.
DIGITISE_MAX = {"trich_yeu": 200, "so_ky_hieu": 64, "co_quan_ban_hanh": 200, "nguoi_ky": 200}
RESULT_ISSUED = (PROCESSED, RETURNED)
APPOINTMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")  # a datetime-local box's value
# A typed day outside these is a mistake: before anything the system can hold, or so late that
# the day's bounds would not fit a datetime.
EARLIEST_DAY, LATEST_DAY = date(2000, 1, 1), date(9000, 12, 31)


def _dossier(dossier_id: int) -> Dossier:
    dossier = db.session.get(Dossier, dossier_id)
    if dossier is None or not may_read(g.user, dossier):
        abort(404)  # another agency's dossiers are not confirmed to exist
    return dossier


def _issuers_dossier(dossier_id: int) -> Dossier:
    """The dossier, for what its resolving agency issued (printouts, results): 404 to a consulted
    agency's officer, as to anyone who may not read it."""
    dossier = _dossier(dossier_id)
    if consulted_only(g.user, dossier):
        abort(404)
    return dossier


def render(dossier: Dossier, errors: dict | None = None, status: int = 200, form: dict | None = None):
    """The dossier page, with what a refused action on it sent back (`errors`, `form`)."""
    at = now()
    # A consulted agency's officer: no fees, receipts, results nor printouts (access.consulted_only).
    consulted = consulted_only(g.user, dossier)
    events = history(dossier.id, hidden=ISSUED_EVENTS if consulted else ())
    open_tasks = db.session.execute(select(OpenTask).where(OpenTask.dossier_id == dossier.id,
                                                           OpenTask.closed_at.is_(None))).scalars().all()
    rows = handoffs.handoffs(dossier.id, at)
    found = [] if consulted else results.of_dossier(dossier.id)
    shared = dossier_context.context(dossier, consulted)
    return render_template(
        "workspace/dossier.html", dossier=dossier, events=events, open_tasks=open_tasks, handoffs=rows,
        transfers=handoffs.transfers(dossier, rows, events),
        openable={t.id for t in open_tasks if work.may_open(g.user, t)},
        verdicts=VERDICTS, documents=[] if consulted else printouts.available(dossier), results=found, at=at,
        svg=diagram.svg(dossier, rows), legend=diagram.LEGEND,
        apology_refusal=apology.refusal(g.user, dossier, at, APOLOGY),
        at_desk=citizen.may_receive_at_desk(g.user, dossier),
        may_digitise=dossier.status in RESULT_ISSUED and may_act_for_agency(g.user, dossier, DIGITISERS),
        digitise_max=DIGITISE_MAX,
        errors=errors or {}, form=form or {}, messages=MESSAGES, tz=workflow().calendar.tz,
        desk_channels=intake.CHANNEL_LABELS, nonce=carry.nonce(),
        online_attempt=open_attempt(dossier.id, at) if PAYMENT in (dossier.waiting_messages or []) and not consulted
        else None,
        attempt_minutes=ATTEMPT_MINUTES, payment_states=PAYMENT_STATES,
        payments=[] if consulted else db.session.execute(select(Payment).where(Payment.dossier_id == dossier.id)
                                                         .order_by(Payment.number)).scalars().all(),
        attachment_notes=dossier_context.attachment_notes(events, shared["step_files"]), **shared), status


@workspace.get("/ho-so")
@login_required(*STAFF)
def dossier_search():
    """Any dossier of the officer's agency (an administrator: of every agency), or one it was
    consulted on, by code or by applicant, also those nobody has a task on now (a leader's
    follow-up, a citizen at the desk, the police looking up a record they checked)."""
    q = " ".join((request.args.get("q") or "").split())[:search.MAX_QUERY]
    status = known_status(request.args.get("trang_thai", type=int))
    found = search.find_dossiers(db.session, g.user, q, status)
    return render_template("workspace/dossiers.html", q=q, status=status, dossiers=found, statuses=STATUS_LABELS,
                           limit=search.ROWS, empty=EMPTY, role_work=ROLE_WORK)


@workspace.get("/ho-so/<int:dossier_id>")
@login_required(*STAFF)
def dossier_page(dossier_id: int):
    return render(_dossier(dossier_id))


@workspace.get("/ho-so/<int:dossier_id>/tep/<int:file_id>")
@login_required(*STAFF)
def dossier_file(dossier_id: int, file_id: int):
    dossier = _dossier(dossier_id)
    file = db.session.get(DossierFile, file_id)
    if file is not None and not may_read_file(g.user, dossier, file.component_code):
        abort(404)
    return send_file_of(dossier, file_id, internal=True)


@workspace.get("/ho-so/<int:dossier_id>/giay-to/<key>.pdf")
@login_required(*STAFF)
def document(dossier_id: int, key: str):
    # A consulted agency prints the control slip it took part in (its page shows the same table).
    dossier = _dossier(dossier_id) if key == printouts.CONTROL_SLIP else _issuers_dossier(dossier_id)
    pdf = printouts.render(dossier, key[:16], now())
    if pdf is None:
        abort(404)
    return file_response(pdf, f"{key}-{dossier.code or dossier.id}.pdf", inline=True)


@workspace.get("/ho-so/<int:dossier_id>/ket-qua/<int:number>/ban-giay.pdf")
@login_required(*STAFF)
def paper_result(dossier_id: int, number: int):
    result = results.electronic(_issuers_dossier(dossier_id).id, number)
    if result is None:
        abort(404)
    return file_response(printouts.paper_result(result), f"{result.code}-ban-giay.pdf", inline=True)


@workspace.post("/ho-so/<int:dossier_id>/xin-loi")
@login_required(*STAFF)
def apologize(dossier_id: int):
    dossier = _dossier(dossier_id)
    form = {"ngay_hen_moi": request.form.get("ngay_hen_moi", "")[:32], "ly_do": request.form.get("ly_do", "")[:4000]}
    # Exactly what the date box sends (minutes, the province's time); anything else is not read.
    typed = form["ngay_hen_moi"].strip()
    try:
        new_due = datetime.strptime(typed, "%Y-%m-%dT%H:%M").replace(tzinfo=workflow().calendar.tz) \
            if APPOINTMENT.fullmatch(typed) else None
    except ValueError:
        new_due = None  # said with the reason's problem, if any: everything to fix at once
    try:
        dossier = apology.apologize(g.user, dossier.id, new_due, form["ly_do"], now(), APOLOGY)
        db.session.commit()
    except DossierError as exc:
        db.session.rollback()
        errors = {f["field"]: f["message"] for f in exc.fields} or {"xin-loi": exc.message}
        return render(_dossier(dossier_id), errors, 422 if exc.fields else 403 if exc.kind == "forbidden" else 409, form)
    flash(MESSAGES["apology_sent"].format(due=local_time(dossier.due_at)))
    return redirect(url_for("workspace.dossier_page", dossier_id=dossier.id, _anchor="giay-to"), 303)


@workspace.post("/ho-so/<int:dossier_id>/so-hoa")
@login_required(*DIGITISERS)
def digitise(dossier_id: int):
    dossier = _dossier(dossier_id)
    if not (dossier.status in RESULT_ISSUED and may_act_for_agency(g.user, dossier, DIGITISERS)):
        abort(403)
    form = {name: " ".join(request.form.get(name, "").split()) for name in DIGITISE["fields"]}
    errors = {name: DIGITISE["required"].format(field=label) for name, label in DIGITISE["fields"].items()
              if not form[name]}
    errors.update({name: too_long(DIGITISE["fields"][name].capitalize(), limit)
                   for name, limit in DIGITISE_MAX.items() if len(form[name]) > limit})
    signed_on = typed_date(form["ngay_ky"])
    tz = workflow().calendar.tz
    submitted_on = dossier.submitted_at.astimezone(tz).date()
    if form["ngay_ky"] and (signed_on is None or signed_on > local_today()):
        errors["ngay_ky"] = DIGITISE["date"]
    elif signed_on is not None and signed_on < submitted_on:
        # The paper result answers this dossier: it cannot have been signed before it was submitted.
        errors["ngay_ky"] = DIGITISE["before_submitted"].format(day=f"{signed_on:%d/%m/%Y}",
                                                                submitted=f"{submitted_on:%d/%m/%Y}")
    upload = request.files.get("tep_quet")
    kept = carry.carried(request.form.get(carry.FIELD, ""))
    stored = kept[0] if kept else None
    if upload is not None and upload.filename:
        try:
            stored = accept_upload(upload, current_app.config["MOTCUA_UPLOAD_TYPES"],
                                   int(current_app.config["MOTCUA_UPLOAD_MAX_MB"] * 1024 * 1024)).as_dict()
        except UploadRejected as exc:
            errors["tep_quet"] = exc.message
    elif stored is None:
        errors["tep_quet"] = DIGITISE["no_file"]
    if errors:
        return render(dossier, errors, 422, {**form, carry.FIELD: carry.carry([stored]) if stored else "",
                                            "scan_name": stored["file_name"] if stored else ""})
    meta = {"title": form["trich_yeu"], "document_number": form["so_ky_hieu"], "signing_agency": form["co_quan_ban_hanh"],
            "signer": form["nguoi_ky"], "signed_on": signed_on.isoformat(), "scan": stored["file_name"],
            "scan_sha256": stored["sha256"]}
    # The same form sent twice acts once; sent again with another paper, it digitises that one.
    form_key = request_key(f"digitise:{g.user.id}", carry.sent_nonce(), [dossier.id, meta, stored["sha256"]]) or ""
    # Locked first, so the scan's check and its digitising are one step for a form sent twice at once.
    transitions.lock_dossier(dossier.id)
    earlier = _digitised_scan(dossier.id, stored["sha256"], form_key)
    if earlier is not None:  # the same paper under a new one-time value (Back, then send): not a second result
        db.session.rollback()
        return render(_dossier(dossier_id), {"so-hoa": DIGITISE["scan_digitised"].format(
            code=earlier.code, at=local_time(earlier.signed_at))}, 409, form)
    try:
        code, created = results.digitise(dossier, storage().open(stored["storage_key"]), stored["content_type"],
                                         meta, now(), g.user, form_key)
        db.session.commit()
    except DossierError as exc:
        db.session.rollback()
        return render(_dossier(dossier_id), {"so-hoa": exc.message}, 409, form)
    flash(MESSAGES["digitised" if created else "digitised_before"].format(code=code))
    return redirect(url_for("workspace.dossier_page", dossier_id=dossier_id, _anchor="ket-qua"), 303)


def _digitised_scan(dossier_id: int, sha256: str, form_key: str) -> DossierResult | None:
    """The dossier's result already digitised from a scan with these bytes, unless it is the one
    this same form made (sent twice under one key, answered as such by `results.digitise`)."""
    rows = db.session.execute(select(DossierResult).where(
        DossierResult.dossier_id == dossier_id, DossierResult.kind == "digitised")
        .order_by(DossierResult.number)).scalars()
    return next((r for r in rows if (r.details or {}).get("paper", {}).get("scan_sha256") == sha256
                 and not (form_key and (r.details or {}).get("form_key") == form_key)), None)


def typed_date(text: str) -> date | None:
    """A day typed in a form or an address (yyyy-mm-dd); None when it is none we can use."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if EARLIEST_DAY <= day <= LATEST_DAY else None
