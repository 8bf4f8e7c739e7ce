"""My dossiers, a dossier's page, its files, and what the citizen may do on it: answer a
supplement request, ask to withdraw, rate the service."""
from __future__ import annotations

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload


from engine.statuses import LABELS as STATUS_LABELS, RETURNED

from ..catalogue.forms import application_form
from ..security.refused_form import describes
from ..clock import now
from ..db import db, savepoint
from ..dossiers import citizen, printouts, results, supplements
from ..dossiers.deadlines import current_due
from ..dossiers.errors import Conflict, Invalid
from ..dossiers.events import history
from ..dossiers.files import citizen_visible, send_file_of
from ..dossiers.reasons import closing_reason
from ..dossiers.messages import MESSAGE_NAMES
from ..dossiers.models import Dossier, DossierFile, Rating
from ..dossiers.request_keys import request_key
from ..dossiers.submission import file_pairs
from ..dossiers.uploads import read_uploads
from ..eforms import FormTooLarge, apply_action, field_anchor, parse_submission, render_fields
from ..eforms.readable import readable
from ..dossiers.fees import PAYMENT
from ..files import carried as carried_files
from ..files.chosen import limits_text
from ..files.kept import REMOVE
from ..files.download import file_response
from ..payments.ledger import open_attempt
from ..payments.messages import TEXT as PAYMENT_TEXT
from ..payments.receipts import RECEIPT_COMPONENT
from ..payments.refunds import of_dossier as refunds_of, reason as refund_reason
from ..payments.settings import gateway_settings
from ..web.session import login_required
from . import drafts
from .blueprint import portal
from .deadlines import time_left
from .messages import COMPONENT_KINDS, MESSAGES, RATINGS, REPRESENTATION

PREFIX = "f"
INTERNAL_DOCUMENTS = ("mau-05",)  # the control slip is the agencies' own record


def _own_dossier(dossier_id: int) -> Dossier:
    dossier = db.session.get(Dossier, dossier_id)
    if dossier is None or dossier.owner_id != g.user.id:
        abort(404)  # not 403: another person's dossier numbers are not confirmed to exist
    return dossier


@portal.get("/ho-so")
@login_required("citizen")
def my_dossiers():
    dossiers = db.session.execute(
        select(Dossier).where(Dossier.owner_id == g.user.id).order_by(Dossier.submitted_at.desc()).limit(200)
        .options(joinedload(Dossier.procedure))).scalars().all()
    at = now()
    rows = [(d, current_due(d), time_left(d, at)) for d in dossiers]
    return render_template("portal/my_dossiers.html", rows=rows, drafts=drafts.my_drafts(g.user),
                           status_labels=STATUS_LABELS, messages=MESSAGES)


def _carry_scope(dossier: Dossier) -> str:
    """The supplement form's carried files are this citizen's, for this dossier only."""
    return f"portal-supplement:{g.user.id}:{dossier.id}"


def _page(dossier: Dossier, errors: dict | None = None, data: dict | None = None, status: int = 200,
          kept: list[dict] | None = None):
    """The dossier page; on a supplement sent back, `data` as typed and `kept`, the files it
    accepted so far (listed, each removable, and carried in the form's signed hidden field)."""
    errors, kept = errors or {}, kept or []
    procedure = dossier.procedure
    form = application_form(procedure)
    events = history(dossier.id, internal=False)
    files = db.session.execute(select(DossierFile).where(DossierFile.dossier_id == dossier.id, citizen_visible())
                               .order_by(DossierFile.id)).scalars().all()
    waiting = set(dossier.waiting_messages or [])
    supplement = supplements.latest_request(dossier.id) if citizen.SUPPLEMENT in waiting else None
    asked = supplements.asked_codes(procedure, supplement)
    shown = [e for e in form.validate(data) if field_anchor(e.field, PREFIX) in errors] if data is not None else []
    rating = db.session.get(Rating, dossier.id)
    documents = printouts.available(dossier)  # one query for the receipts and the other documents
    return render_template(
        "portal/dossier.html", dossier=dossier, procedure=procedure, form=form, events=events,
        application=readable(form.schema, form.ui_schema, dossier.form_data),
        restarts=[a for a in documents if a.key.startswith("mau-01-bs-")],
        notices=[a for a in documents if a.key.startswith(("mau-02-", "mau-03", "mau-04", "dung-xu-ly"))],
        closing_reason=closing_reason(dossier),
        current_files=[f for f in files if not f.superseded and f.component_code != RECEIPT_COMPONENT],
        old_files=[f for f in files if f.superseded],
        status_labels=STATUS_LABELS, due=current_due(dossier), left=time_left(dossier, now()),
        supplement=supplement, may_withdraw=citizen.WITHDRAWAL in waiting,
        supplement_fields=render_fields(form, data if data is not None else dossier.form_data, shown, PREFIX)
        if supplement is not None else None,
        kept_files=kept, carried=carried_files.carry(kept, _carry_scope(dossier)) if supplement is not None else "",
        nonce=carried_files.nonce(),
        components=supplements.asked_first(procedure, asked), asked_codes=asked,
        limits=limits_text(procedure), kinds=COMPONENT_KINDS,
        errors=errors, rating=rating, may_rate=dossier.status == RETURNED and rating is None,
        ratings=RATINGS, representation_labels=REPRESENTATION, message_names=MESSAGE_NAMES,
        component_names={**{c["code"]: c["name"] for c in procedure.components}, "KQ": MESSAGES["result"],
                         RECEIPT_COMPONENT: MESSAGES["receipt"]},
        result_files=[f for f in files if f.component_code == "KQ" and not f.superseded], messages=MESSAGES,
        paper_results={r.file_id: r.number for r in results.of_dossier(dossier.id) if r.kind == "electronic"},
        receipt_files=[f for f in files if f.component_code == RECEIPT_COMPONENT],
        refunds=[(p, refund_reason(p)) for p in refunds_of(dossier.id)],
        fee_due=dossier.amount_due if PAYMENT in waiting else None,
        online_attempt=open_attempt(dossier.id, now()) if PAYMENT in waiting else None,
        payment_texts=PAYMENT_TEXT,
        online_payment=gateway_settings(current_app.config) is not None,
    ), status


@portal.get("/ho-so/<int:dossier_id>")
@login_required("citizen")
def dossier(dossier_id: int):
    return _page(_own_dossier(dossier_id))


@portal.get("/ho-so/<int:dossier_id>/tep/<int:file_id>")
@login_required("citizen")
def dossier_file(dossier_id: int, file_id: int):
    return send_file_of(_own_dossier(dossier_id), file_id)


@portal.get("/ho-so/<int:dossier_id>/ket-qua/<int:number>/ban-giay.pdf")
@login_required("citizen")
def paper_result(dossier_id: int, number: int):
    """The paper conversion of an electronic result, for the applicant to print themselves
    (Bình Định 2020, Điều 16.4: printed from the portal as from the one-stop system)."""
    result = results.electronic(_own_dossier(dossier_id).id, number)
    if result is None:
        abort(404)
    return file_response(printouts.paper_result(result), f"{result.code}-ban-giay.pdf", inline=True)


@portal.get("/ho-so/<int:dossier_id>/giay-tiep-nhan.pdf")
@login_required("citizen")
def receipt(dossier_id: int):
    """The receipt and appointment (Mẫu 01) the desk issued, for the citizen to keep."""
    dossier = _own_dossier(dossier_id)
    if not dossier.code:
        abort(404)
    return file_response(printouts.receipt(dossier), f"giay-tiep-nhan-{dossier.code}.pdf", inline=True)


@portal.get("/ho-so/<int:dossier_id>/van-ban/<key>.pdf")
@login_required("citizen")
def document(dossier_id: int, key: str):
    """A document the agency issued to the citizen: a supplement request (Mẫu 02), the refusal
    (Mẫu 03), the apology with a new date (Mẫu 04), the receipts."""
    dossier = _own_dossier(dossier_id)
    pdf = None if key in INTERNAL_DOCUMENTS else printouts.render(dossier, key, now())
    if pdf is None:
        abort(404)
    return file_response(pdf, f"{key}-{dossier.code or dossier.id}.pdf", inline=True)


@portal.get("/ho-so/<int:dossier_id>/giay-tiep-nhan-bo-sung-<int:n>.pdf")
@login_required("citizen")
def restart_receipt(dossier_id: int, n: int):
    """The receipt with the new appointment after the n-th supplement that restarted the time."""
    dossier = _own_dossier(dossier_id)
    pdf = printouts.render(dossier, f"mau-01-bs-{n}", now())
    if pdf is None:
        abort(404)
    return file_response(pdf, f"giay-tiep-nhan-bo-sung-{n}-{dossier.code}.pdf", inline=True)


@describes("portal.supplement")
def _supplement_form(dossier_id: int):
    """A refused supplement's fields in the application form's words (security/refused_form.py)."""
    dossier = db.session.get(Dossier, dossier_id)
    return application_form(dossier.procedure) if dossier is not None else None


@portal.post("/ho-so/<int:dossier_id>/bo-sung")
@login_required("citizen")
def supplement(dossier_id: int):
    """The citizen's supplement. The files accepted are kept on a form sent back (a field to
    correct, a file refused, a repeated group grown or shrunk, a kept file taken off), so they
    are never chosen twice, and sent with it once the form is valid."""
    dossier = _own_dossier(dossier_id)
    procedure = dossier.procedure
    form = application_form(procedure)
    scope = _carry_scope(dossier)
    try:
        data = parse_submission(form, request.form, PREFIX)
    except FormTooLarge as exc:
        return _page(dossier, {"bo-sung": exc.message}, status=413,
                     kept=carried_files.carried(request.form.get(carried_files.FIELD, ""), scope))
    new_files, errors = read_uploads(procedure)
    action = request.form.get("action", "submit")[:200]
    files = carried_files.gathered(new_files, action, MESSAGES, scope)
    if citizen.SUPPLEMENT not in (dossier.waiting_messages or []):
        # Sent from another tab meanwhile, or withdrawn: said at once, never a form to correct,
        # with what this page sent named as not recorded; the same form sent again (a double
        # click) finds itself delivered.
        named = ", ".join(f"«{f['file_name']}»" for f in files)
        return _supplement(dossier, data, files, MESSAGES["supplement_not_recorded"].format(
            files=MESSAGES["supplement_not_recorded_files"].format(names=named) if named else ""))
    if action.startswith(REMOVE):
        return _page(dossier, errors, data, status=422 if errors else 200, kept=files)
    if action.startswith(("add:", "remove:")):
        return _page(dossier, errors, apply_action(form, data, action), status=422 if errors else 200, kept=files)
    for error in form.validate(data):
        errors.setdefault(field_anchor(error.field, PREFIX), error.message)
    if not errors:  # what was asked, and the proof of an exemption declared now, as on the application
        errors = citizen.supplement_gap_errors(dossier, data, files, MESSAGES["missing_component"],
                                                MESSAGES["asked_component"])
    if not errors and not files and data == dossier.form_data:
        errors["bo-sung"] = MESSAGES["supplement_nothing"]
    if errors:
        return _page(dossier, errors, data, status=422, kept=files)
    return _supplement(dossier, data, files)


def _supplement(dossier: Dossier, data: dict, files: list[dict], refused_note: str | None = None):
    # Sent twice (a double click): the second finds the first delivered; a stale page sent again
    # with other content is another supplement, which the dossier no longer waits for.
    key = request_key(f"portal:{g.user.id}", carried_files.sent_nonce(), [dossier.id, data, file_pairs(files)])
    done = MESSAGES["supplement_sent_code"].format(code=dossier.code) if dossier.code else MESSAGES["supplement_sent"]
    return _deliver(dossier, citizen.SUPPLEMENT, data, done, files, key, refused_note)


def _deliver(dossier: Dossier, message: str, payload: dict, done: str, files: list[dict] = (),
             request_key: str | None = None, refused_note: str | None = None):
    """Deliver the citizen's message; what the process refuses is said on the dossier page, with
    `refused_note` after it (what of this page's content was not recorded)."""
    dossier_id = dossier.id
    try:
        citizen.deliver(g.user, dossier, message, payload, now(), files=files, request=request_key,
                        whole=message == citizen.SUPPLEMENT)
        flash(done)
    except (Conflict, Invalid) as exc:
        db.session.rollback()
        flash(str(exc), "error")
        if refused_note:
            flash(refused_note, "error")
    return redirect(url_for("portal.dossier", dossier_id=dossier_id), 303)


@portal.post("/ho-so/<int:dossier_id>/rut")
@login_required("citizen")
def withdraw(dossier_id: int):
    dossier = _own_dossier(dossier_id)
    reason = citizen.withdrawal_reason(request.form.get("ly_do"))
    if reason is None:
        return _page(dossier, {"ly_do": MESSAGES["withdraw_reason"]}, status=422)
    return _deliver(dossier, citizen.WITHDRAWAL, {"ly_do_rut": reason}, MESSAGES["withdraw_sent"])


@portal.post("/ho-so/<int:dossier_id>/danh-gia")
@login_required("citizen")
def rate(dossier_id: int):
    dossier = _own_dossier(dossier_id)
    score = request.form.get("muc_do", type=int)
    comment = request.form.get("gop_y", "").strip()
    if dossier.status != RETURNED:
        flash(MESSAGES["rating_not_allowed"], "error")
        return redirect(url_for("portal.dossier", dossier_id=dossier_id), 303)
    errors = {}
    if score not in RATINGS:
        errors["muc_do"] = MESSAGES["rating_invalid"]
    if len(comment) > 1000:
        errors["gop_y"] = MESSAGES["rating_comment"]
    if errors:
        return _page(dossier, errors, status=422)
    try:
        with savepoint():
            db.session.add(Rating(dossier_id=dossier.id, score=score, comment=comment or None, created_at=now()))
        db.session.commit()
        flash(MESSAGES["rated"])
    except IntegrityError:
        db.session.rollback()
        flash(MESSAGES["rating_done"], "error")
    return redirect(url_for("portal.dossier", dossier_id=dossier_id), 303)
