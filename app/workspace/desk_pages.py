"""The one-stop desk receiving, for a running dossier, what its citizen brings to the counter
or sends by post: a supplement (the application corrected from the paper, scans of what was
asked for) and a written request to withdraw. Each is the message the citizen would send online
(app/dossiers/citizen.py), recorded as received by the desk, so a citizen without an account, or
who prefers paper, is never stuck waiting on a portal they do not use."""
from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for

from ..catalogue.forms import application_form
from ..clock import now
from ..db import db
from ..dossiers import citizen, supplements
from ..dossiers.access import may_read
from ..dossiers.errors import Conflict, Forbidden, Invalid
from ..dossiers.models import Dossier
from ..dossiers.request_keys import request_key
from ..dossiers.submission import file_pairs
from ..dossiers.uploads import read_uploads
from ..eforms import FormTooLarge, apply_action, field_anchor, parse_submission, render_fields
from ..files.chosen import limits_text
from ..localtime import local_time
from ..portal.messages import COMPONENT_KINDS
from ..security.messages import MESSAGES as SECURITY
from ..security.refused_form import typed_back
from ..web.session import login_required
from . import carry, dossier_pages
from . import intake as desk
from .blueprint import workspace
from .messages import CHANNELS, DESK_MESSAGES, INTAKE

PREFIX = "f"


def _dossier(dossier_id: int) -> Dossier:
    dossier = db.session.get(Dossier, dossier_id)
    if dossier is None or not may_read(g.user, dossier):
        abort(404)
    if not citizen.may_receive_at_desk(g.user, dossier):
        abort(403)
    return dossier


def _page(dossier: Dossier, data: dict, files: list[dict], errors: dict, status: int = 200):
    procedure = dossier.procedure
    form = application_form(procedure)
    shown = [e for e in form.validate(data) if field_anchor(e.field, PREFIX) in errors] if errors else []
    request_asked = supplements.latest_request(dossier.id) or {}
    asked = supplements.asked_codes(procedure, request_asked)
    return render_template(
        "workspace/desk_supplement.html", dossier=dossier, procedure=procedure, request_asked=request_asked,
        fields_html=render_fields(form, data, shown, PREFIX), files=files, carried=carry.carry(files),
        components=supplements.asked_first(procedure, asked), asked_codes=asked,
        kinds=COMPONENT_KINDS, limits=limits_text(procedure),
        errors=errors, channels=desk.CHANNEL_LABELS, values=request.form, nonce=carry.nonce()), status


def _not_waiting(dossier: Dossier):
    flash(DESK_MESSAGES["not_waiting"], "error")
    return redirect(url_for("workspace.dossier_page", dossier_id=dossier.id), 303)


def _sent_too_late(dossier: Dossier):
    """A supplement sent from a page that went stale (another tab, or the citizen online, supplied
    it first; the dossier withdrawn): what it carried shown back, not saved, with who received
    the supplement and when, to compare with what is now on the dossier."""
    received = supplements.last_received(dossier.id)
    if received is None:
        text = DESK_MESSAGES["supplement_not_awaited"]
    else:
        by = received.actor
        who = (DESK_MESSAGES["received_online"] if by is None or by.role == "citizen"
               else DESK_MESSAGES["received_by"].format(name=by.full_name))
        text = DESK_MESSAGES["supplement_received_before"].format(who=who, at=local_time(received.at))
    return render_template("workspace/desk_too_late.html", dossier=dossier, text=text, words=SECURITY,
                           desk_messages=DESK_MESSAGES,
                           typed=typed_back(verified=True)), 409


@workspace.get("/ho-so/<int:dossier_id>/bo-sung")
@login_required(*citizen.DESK_ROLES)
def desk_supplement_page(dossier_id: int):
    dossier = _dossier(dossier_id)
    if citizen.SUPPLEMENT not in (dossier.waiting_messages or []):
        return _not_waiting(dossier)
    return _page(dossier, dossier.form_data, [], {})


@workspace.post("/ho-so/<int:dossier_id>/bo-sung")
@login_required(*citizen.DESK_ROLES)
def desk_supplement(dossier_id: int):
    dossier = _dossier(dossier_id)
    form = application_form(dossier.procedure)
    try:
        data = parse_submission(form, request.form, PREFIX)
    except FormTooLarge as exc:
        return _page(dossier, dossier.form_data, carry.carried(request.form.get(carry.FIELD, "")),
                     {"bo-sung": exc.message}, 413)
    new_files, errors = read_uploads(dossier.procedure)
    action = request.form.get("action", "submit")[:200]
    files = carry.gathered(new_files, action)
    channel, postal, channel_errors = desk.channel_errors(request.form)
    if citizen.SUPPLEMENT not in (dossier.waiting_messages or []):
        # Received meanwhile (another tab, the citizen online) or withdrawn: said at once, never a
        # form to correct; the same form sent again finds itself delivered.
        return _delivered(dossier, data, files, channel, postal) if channel else _sent_too_late(dossier)
    if action.startswith(carry.REMOVE):
        return _page(dossier, data, files, errors)
    if action.startswith(("add:", "remove:")):
        return _page(dossier, apply_action(form, data, action), files, errors)
    for error in form.validate(data):
        errors.setdefault(field_anchor(error.field, PREFIX), error.message)
    errors.update(channel_errors)
    if not errors:  # what was asked, and the proof of an exemption declared now, as on the application
        errors = citizen.supplement_gap_errors(dossier, data, files, INTAKE["missing_component"],
                                               INTAKE["asked_component"])
    if not errors and not files and data == dossier.form_data:
        errors["bo-sung"] = DESK_MESSAGES["nothing"]
    if errors:
        return _page(dossier, data, files, errors, 422)
    return _delivered(dossier, data, files, channel, postal)


def _delivered(dossier: Dossier, data: dict, files: list[dict], channel: str, postal: str):
    dossier_id, due_before = dossier.id, dossier.due_at
    try:
        # Sent twice (a double click): the second finds the first delivered and says so alike;
        # sent again with other content, it is another supplement.
        key = request_key(f"desk:{g.user.id}", carry.sent_nonce(),
                          [dossier.id, data, file_pairs(files), channel, postal])
        dossier = citizen.deliver(g.user, dossier, citizen.SUPPLEMENT, data, now(), files=files, channel=channel,
                                  postal_code=postal, request=key, whole=True)
    except (Conflict, Forbidden, Invalid) as exc:
        db.session.rollback()
        current = db.session.get(Dossier, dossier_id)
        if citizen.SUPPLEMENT not in (current.waiting_messages or []):  # nothing on the form to correct
            return _sent_too_late(current)
        return _page(current, data, files, {"bo-sung": str(exc)}, 409)
    flash(DESK_MESSAGES["supplement_received"].format(channel=CHANNELS[channel].lower()))
    if dossier.code and dossier.due_at != due_before:  # processing restarts: a new appointment to hand over
        flash(DESK_MESSAGES["new_appointment"].format(due=local_time(dossier.due_at)))
        return redirect(url_for("workspace.dossier_page", dossier_id=dossier_id, _anchor="giay-to"), 303)
    return redirect(url_for("workspace.dossier_page", dossier_id=dossier_id), 303)


@workspace.post("/ho-so/<int:dossier_id>/rut")
@login_required(*citizen.DESK_ROLES)
def desk_withdraw(dossier_id: int):
    """The citizen's written request to withdraw, brought to the desk or posted."""
    dossier = _dossier(dossier_id)
    reason = citizen.withdrawal_reason(request.form.get("ly_do_rut"))
    channel, postal, errors = desk.channel_errors(request.form)
    if reason is None:
        errors["ly_do_rut"] = DESK_MESSAGES["withdrawal_reason"]
    form = {k: request.form.get(k, "") for k in ("ly_do_rut", "hinh_thuc", "so_buu_gui")}  # shown back whole
    if errors:
        return dossier_pages.render(dossier, errors, 422, form)
    try:
        citizen.deliver(g.user, dossier, citizen.WITHDRAWAL, {"ly_do_rut": reason}, now(),
                        channel=channel, postal_code=postal)
    except (Conflict, Forbidden, Invalid) as exc:
        db.session.rollback()
        return dossier_pages.render(db.session.get(Dossier, dossier_id), {"rut-ho-so": str(exc)}, 409, form)
    flash(DESK_MESSAGES["withdrawal_received"].format(channel=CHANNELS[channel].lower()))
    return redirect(url_for("workspace.dossier_page", dossier_id=dossier_id), 303)
