"""The counter intake pages: find or record the citizen, choose the procedure, fill its e-form
and scan its components, start the process."""
from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select


from ..accounts.activation import is_unclaimed
from ..catalogue.forms import application_form
from ..clock import now
from ..db import db
from ..dossiers.completeness import missing_components, upload_components
from ..dossiers.errors import Conflict, Invalid
from ..dossiers.models import OpenTask
from ..dossiers.submission import submit
from ..eforms import FormTooLarge, apply_action, field_anchor, parse_submission, render_fields
from ..mail.outbox import send_now
from ..portal.messages import COMPONENT_KINDS
from ..portal.prefill import prefill
from ..portal.uploads import component_anchor, limits_text, read_uploads
from ..users import identity
from ..users.models import User
from ..web.session import login_required
from . import carry
from . import intake as desk
from .blueprint import workspace
from .messages import CHANNELS, INTAKE, MESSAGES

DESK = ("one_stop", "admin")
PREFIX = "f"


@workspace.route("/tiep-nhan", methods=["GET", "POST"])
@login_required(*DESK)
def intake():
    """Step 1: the citizen, by ID number; unknown, the desk records them."""
    id_number = (request.values.get("so_cccd") or "").strip()[:12]
    errors, found = {}, None
    if id_number:
        error = identity.id_number_error(id_number)
        if error:
            errors["so_cccd"] = error
        else:
            found = desk.find_citizen(id_number)
            if found is None and desk.id_number_taken(id_number):
                errors["so_cccd"] = INTAKE["id_taken"]
    if request.method == "POST" and found is None and not errors and id_number:
        clean, errors = desk.citizen_errors(request.form, now().date())
        if not errors:
            found, mail = desk.create_citizen(clean, g.user, now())
            db.session.commit()
            if mail is not None:
                send_now(now(), [mail])
            flash(MESSAGES["citizen_created_mailed" if mail else "citizen_created"].format(
                name=found.full_name, email=found.email))
    if found is not None:
        return render_template("workspace/intake_citizen.html", citizen=found,
                               procedures=desk.procedures_for(g.user), errors={}, email="",
                               unclaimed=is_unclaimed(found), messages=MESSAGES)
    status = 422 if errors else 200
    return render_template("workspace/intake_find.html", id_number=id_number, errors=errors,
                           values=request.form if request.method == "POST" else {},
                           searched=bool(id_number) and not errors.get("so_cccd")), status


@workspace.post("/tiep-nhan/<int:citizen_id>/thu-dien-tu")
@login_required(*DESK)
def intake_email(citizen_id: int):
    """The address a citizen recorded at the counter activates the account with."""
    citizen = _citizen(citizen_id)
    error, mail = desk.set_email(citizen, request.form, now())
    if error:
        db.session.rollback()
        return render_template("workspace/intake_citizen.html", citizen=citizen, procedures=desk.procedures_for(g.user),
                               errors={"email": error}, email=request.form.get("email", "")[:255],
                               unclaimed=is_unclaimed(citizen), messages=MESSAGES), 422
    db.session.commit()
    send_now(now(), [mail])
    flash(MESSAGES["activation_mailed"].format(email=citizen.email))
    return redirect(url_for("workspace.intake", so_cccd=citizen.id_number), 303)


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


def _page(citizen, procedure, data: dict, files: list[dict], errors: dict, status: int = 200):
    form = application_form(procedure)
    shown = [e for e in form.validate(data) if field_anchor(e.field, PREFIX) in errors] if errors else []
    return render_template(
        "workspace/intake_form.html", citizen=citizen, procedure=procedure, form=form,
        fields_html=render_fields(form, data, shown, PREFIX), files=files, carried=carry.carry(files),
        components=upload_components(procedure), kinds=COMPONENT_KINDS, limits=limits_text(procedure),
        errors=errors, channels=desk.CHANNEL_LABELS, values=request.form,
        nonce=carry.nonce()), status


@workspace.get("/tiep-nhan/<int:citizen_id>/<code>")
@login_required(*DESK)
def intake_form(citizen_id: int, code: str):
    citizen = _citizen(citizen_id)
    procedure = _procedure(code)
    # Filled as the portal fills the citizen's own new application: everything the citizen's
    # record holds (recorded at step 1 or in the profile), then their latest dossier.
    return _page(citizen, procedure, prefill(application_form(procedure).schema, citizen), [], {})


@workspace.post("/tiep-nhan/<int:citizen_id>/<code>")
@login_required(*DESK)
def intake_submit(citizen_id: int, code: str):
    citizen = _citizen(citizen_id)
    procedure = _procedure(code)
    form = application_form(procedure)
    try:
        data = parse_submission(form, request.form, PREFIX)
    except FormTooLarge as exc:
        return _page(citizen, procedure, {}, carry.carried(request.form.get("tep_da_nhan", "")),
                     {"noi-dung": exc.message}, 413)
    new_files, errors = read_uploads(procedure)
    files = carry.carried(request.form.get("tep_da_nhan", "")) + new_files
    action = request.form.get("action", "submit")[:200]
    if action.startswith(("add:", "remove:")):
        return _page(citizen, procedure, apply_action(form, data, action), files, errors)
    for error in form.validate(data):
        errors.setdefault(field_anchor(error.field, PREFIX), error.message)
    for component in missing_components(procedure, files, on_behalf=False):
        errors.setdefault(component_anchor(component["code"]),
                          INTAKE["missing_component"].format(name=component["name"]))
    channel, postal, channel_errors = desk.channel_errors(request.form)
    errors.update(channel_errors)
    if errors:
        return _page(citizen, procedure, data, files, errors, 422)
    try:
        dossier, _ = submit(citizen, procedure.code, data, now(), key=f"intake:{g.user.id}:{carry.sent_nonce()}",
                            channel=channel, files=files, entered_by=g.user,
                            details={"so_buu_gui": postal} if channel == "postal" else None)
    except (Invalid, Conflict) as exc:
        db.session.rollback()
        return _page(citizen, procedure, data, files, {"noi-dung": str(exc)}, 422)
    flash(MESSAGES["intake_done"].format(channel=CHANNELS[channel].lower(), name=citizen.full_name))
    task = db.session.execute(select(OpenTask.id).where(OpenTask.dossier_id == dossier.id,
                                                        OpenTask.closed_at.is_(None))).scalar()
    target = url_for("workspace.task_page", task_id=task) if task else url_for("workspace.dossier_page",
                                                                                dossier_id=dossier.id)
    return redirect(target, 303)
