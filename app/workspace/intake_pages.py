"""The counter intake pages: find or record the citizen, choose the procedure, fill its e-form
and scan its components, start the process."""
from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select

from ..accounts.activation import is_unclaimed
from ..catalogue.forms import application_form, application_form_of
from ..security.refused_form import describes
from ..clock import now
from ..db import db, locked
from ..dossiers.completeness import missing_components, missing_message, requirements, upload_components
from ..dossiers.errors import Conflict, Invalid
from ..dossiers.models import OpenTask
from ..dossiers.submission import entered_lately, same_submission, submit
from ..dossiers.uploads import component_anchor, read_uploads
from ..eforms import FormTooLarge, apply_action, field_anchor, parse_submission, render_fields
from ..files.chosen import limits_text
from ..localtime import local_time, local_today
from ..mail.outbox import send_now
from ..portal import representation
from ..portal.messages import COMPONENT_KINDS
from ..portal.prefill import prefill
from ..users import identity
from ..users.models import User
from ..web.session import login_required
from . import carry
from . import intake as desk
from .blueprint import workspace
from .messages import (CHANNELS, CORRECTED_FIELDS, COUNTER_REPRESENTATION, COUNTER_REPRESENTATION_LABELS, INTAKE,
                       MESSAGES)

DESK = ("one_stop", "admin")
PREFIX = "f"


@workspace.route("/tiep-nhan", methods=["GET", "POST"])
@login_required(*DESK)
def intake():
    """Step 1: the citizen, by the kind and number of their identity paper; unknown, the desk
    records them."""
    kind, typed = desk.typed_paper(request.values)
    number, errors, found = None, {}, None
    if typed.strip():
        number, errors = desk.paper_errors(kind, typed)
        if number is not None:
            found = desk.find_citizen(kind, number)
            if found is None and desk.id_number_taken(kind, number):
                number, errors = None, {desk.NUMBER: INTAKE["id_taken"]}
    if request.method == "POST" and found is None and number is not None:
        clean, errors = desk.citizen_errors(request.form, kind, number, local_today())
        if not errors:
            found, mail, created = desk.create_citizen(kind, number, clean, g.user, now())
            db.session.commit()
            if mail is not None:
                send_now(now(), [mail])
            if created:
                flash(MESSAGES["citizen_created_mailed" if mail else "citizen_created"].format(
                    name=found.full_name, email=found.email))
            else:  # what this officer typed is not what the record holds: say so, never "created"
                flash(MESSAGES["citizen_recorded_meanwhile"].format(name=found.full_name), "error")
            # To the citizen's page by its address: Back and Reload from the next page do not send
            # the record again (nor ask the browser's "resubmit the form?").
            return redirect(url_for("workspace.intake", **desk.lookup_args(found)), 303)
    if found is not None:
        return _citizen_page(found)
    status = 422 if errors else 200
    return render_template("workspace/intake_find.html", kind=kind, typed=typed, number=number, errors=errors,
                           kinds=identity.ID_KINDS, labels=identity.ID_LABELS, fields=desk,
                           values=request.form if request.method == "POST" else {},
                           searched=number is not None), status


def _citizen_page(citizen: User, errors: dict | None = None, email: str = "", correction: dict | None = None,
                  status: int = 200):
    """Step 2's page: who the citizen is, the address their account is activated with, the
    correction of their details while the desk may still make it, and the procedures."""
    correctable = desk.may_correct(citizen, g.user)
    return render_template("workspace/intake_citizen.html", citizen=citizen, procedures=desk.procedures_for(g.user),
                           errors=errors or {}, email=email, unclaimed=is_unclaimed(citizen), messages=MESSAGES,
                           correctable=correctable, kinds=identity.ID_KINDS, labels=identity.ID_LABELS, fields=desk,
                           values=correction or (desk.correction_values(citizen) if correctable else {}),
                           corrections=desk.corrections(citizen), field_names=CORRECTED_FIELDS,
                           lookup=desk.lookup_args(citizen)), status


@workspace.post("/tiep-nhan/<int:citizen_id>/thu-dien-tu")
@login_required(*DESK)
def intake_email(citizen_id: int):
    """The address a citizen recorded at the counter activates the account with, set by the
    desk that may correct the account (the activation link goes there)."""
    citizen = _citizen(citizen_id)
    errors, mail = desk.set_email(citizen, request.form, g.user, now())
    if errors:
        db.session.rollback()
        return _citizen_page(citizen, errors, request.form.get("email", "")[:255],
                             status=403 if "thu-dien-tu" in errors else 422)
    db.session.commit()
    send_now(now(), [mail])
    flash(MESSAGES["activation_mailed"].format(email=citizen.email))
    return redirect(url_for("workspace.intake", **desk.lookup_args(citizen)), 303)


@workspace.post("/tiep-nhan/<int:citizen_id>/sua-thong-tin")
@login_required(*DESK)
def intake_correct(citizen_id: int):
    """The desk corrects what it recorded wrong in a citizen's account it opened at the counter."""
    citizen = _citizen(citizen_id)
    errors, changes, mail = desk.correct_citizen(citizen, request.form, g.user, now())
    if errors:
        db.session.rollback()
        typed = {name: str(request.form.get(name, ""))[:500] for _, name in desk.CORRECTABLE}
        return _citizen_page(citizen, errors, correction=typed, status=403 if "sua-thong-tin" in errors else 422)
    if not changes:
        flash(MESSAGES["correction_none"])
        return redirect(url_for("workspace.intake", **desk.lookup_args(citizen)), 303)
    db.session.commit()
    if mail is not None:
        send_now(now(), [mail])
    names = ", ".join(CORRECTED_FIELDS[change["field"]].lower() for change in changes)
    flash(MESSAGES["correction_mailed" if mail else "corrected"].format(fields=names, email=citizen.email))
    held = desk.still_holding(citizen, changes)
    if held:
        flash(MESSAGES["correction_dossiers"].format(dossiers=", ".join(held)), "error")
    return redirect(url_for("workspace.intake", **desk.lookup_args(citizen)), 303)


def _citizen(user_id) -> User:
    citizen = db.session.get(User, user_id) if user_id else None
    if citizen is None or citizen.role != "citizen":
        abort(404)
    return citizen


def _procedure(code: str):
    found = desk.procedure_for(g.user, code)
    if found is None:
        abort(404)
    return found


def _page(citizen, procedure, data: dict, files: list[dict], errors: dict, status: int = 200,
          fresh_nonce: bool = False):
    form = application_form(procedure)
    shown = [e for e in form.validate(data) if field_anchor(e.field, PREFIX) in errors] if errors else []
    rep = representation.parse(request.form) if request.method == "POST" else {"kind": "self"}
    on_behalf = representation.on_behalf(rep)
    return render_template(
        "workspace/intake_form.html", citizen=citizen, procedure=procedure, form=form,
        fields_html=render_fields(form, data, shown, PREFIX), files=files, carried=carry.carry(files),
        components=upload_components(procedure), kinds=COMPONENT_KINDS, limits=limits_text(procedure),
        paper_record={"kind": desk.KIND_FIELD, "copies": desk.COPIES_FIELD, "most": desk.MAX_COPIES},
        marks=requirements(upload_components(procedure), on_behalf, form.visible(data), form), rep=rep,
        on_behalf=on_behalf, representation_labels=COUNTER_REPRESENTATION_LABELS,
        representation_texts=COUNTER_REPRESENTATION,
        errors=errors, channels=desk.CHANNEL_LABELS, values=request.form, returns=desk.RETURN_CHOICES,
        intake_texts=INTAKE, nonce=carry.nonce(fresh_nonce), lookup=desk.lookup_args(citizen),
        paper_note=_paper_note(citizen, form)), status


def _paper_note(citizen: User, form) -> str | None:
    """A passport holder meets an e-form that demands a CCCD: said before anything is typed."""
    required = form.schema.get("required", [])
    return MESSAGES["passport_form"] if citizen.id_kind == "passport" and "so_cccd" in required else None


@workspace.get("/tiep-nhan/<int:citizen_id>/<code>")
@login_required(*DESK)
def intake_form(citizen_id: int, code: str):
    citizen = _citizen(citizen_id)
    procedure = _procedure(code)
    # Filled as the portal fills the citizen's own new application: everything the citizen's
    # record holds (recorded at step 1 or in the profile), then their latest dossier.
    return _page(citizen, procedure, prefill(application_form(procedure).schema, citizen), [], {})


describes("workspace.intake_submit")(application_form_of)  # a refused sending's fields, in the form's words


@workspace.post("/tiep-nhan/<int:citizen_id>/<code>")
@login_required(*DESK)
def intake_submit(citizen_id: int, code: str):
    citizen = _citizen(citizen_id)
    procedure = _procedure(code)
    form = application_form(procedure)
    try:
        data = parse_submission(form, request.form, PREFIX)
    except FormTooLarge as exc:
        return _page(citizen, procedure, {}, carry.carried(request.form.get(carry.FIELD, "")),
                     {"noi-dung": exc.message}, 413)
    new_files, errors = read_uploads(procedure)
    action = request.form.get("action", "submit")[:200]
    files = carry.gathered(new_files, action)
    if action.startswith(carry.REMOVE):
        return _page(citizen, procedure, data, files, errors)
    if action.startswith(("add:", "remove:")):
        return _page(citizen, procedure, apply_action(form, data, action), files, errors)
    nonce = carry.sent_nonce()
    if not nonce:  # without it, this form and the next would be taken for one (the page gives a new one)
        errors = {"noi-dung": MESSAGES["intake_no_nonce"], **errors}
    for error in form.validate(data):
        errors.setdefault(field_anchor(error.field, PREFIX), error.message)
    rep = representation.parse(request.form)
    errors.update(representation.errors(rep, procedure, form.visible(data), form))
    for component in missing_components(procedure, files, representation.on_behalf(rep), data=form.visible(data)):
        errors.setdefault(component_anchor(component["code"]), missing_message(
            INTAKE["missing_component"].format(name=component["name"]), component, form))
    channel, postal, channel_errors = desk.channel_errors(request.form)
    errors.update(channel_errors)
    details, detail_errors = desk.postal_details(request.form, channel, postal)
    errors.update(detail_errors)
    sent = {f.get("component_code") for f in files}
    received, received_errors = desk.received_components(
        request.form, upload_components(procedure), COMPONENT_KINDS, sent)
    errors.update(received_errors)
    details = {**(details or {}), desk.RECEIVED: received}
    if errors:
        return _page(citizen, procedure, data, files, errors, 422)
    # The citizen's row locked: two sendings of one form at once (a double click) are checked one
    # after the other, so the second finds the dossier the first made.
    locked(select(User).where(User.id == citizen.id), User, citizen.id, "email")
    on_behalf = representation.stored(rep)
    earlier = entered_lately(citizen.id, procedure.id, g.user.id, form.visible(data), files, channel, details, now(),
                             on_behalf)
    if earlier is not None:  # sent again under a new one-time value (Back, then send): the same dossier
        db.session.rollback()
        flash(MESSAGES["intake_sent_before"].format(dossier=earlier.code or f"số {earlier.id}",
                                                     at=local_time(earlier.submitted_at)))
        return _to_dossier(earlier)
    try:
        dossier, created = submit(citizen, procedure.code, data, now(), key=f"intake:{g.user.id}:{nonce}",
                                  channel=channel, files=files, entered_by=g.user, details=details,
                                  representation=on_behalf)
    except (Invalid, Conflict) as exc:
        db.session.rollback()
        return _page(citizen, procedure, data, files, {"noi-dung": str(exc)}, 422)
    if created:
        flash(MESSAGES["intake_done"].format(channel=CHANNELS[channel].lower(), name=citizen.full_name))
    else:
        sent_as = {"dossier": dossier.code or f"số {dossier.id}", "at": local_time(dossier.submitted_at)}
        if not same_submission(dossier, form.visible(data), files, channel, details, on_behalf):
            # The form sent before, changed and sent again: kept on the page, never dropped for the
            # first dossier; sent once more (a new one-time value), it becomes a dossier of its own.
            return _page(citizen, procedure, data, files, {"noi-dung": MESSAGES["intake_sent_other"].format(**sent_as)},
                         409, fresh_nonce=True)
        flash(MESSAGES["intake_sent_before"].format(**sent_as))
    return _to_dossier(dossier)


def _to_dossier(dossier):
    """To the dossier's open task, where the desk goes on with it; without one, to the dossier."""
    task = db.session.execute(select(OpenTask.id).where(OpenTask.dossier_id == dossier.id,
                                                        OpenTask.closed_at.is_(None))).scalar()
    target = url_for("workspace.task_page", task_id=task) if task else url_for("workspace.dossier_page",
                                                                                dossier_id=dossier.id)
    return redirect(target, 303)
