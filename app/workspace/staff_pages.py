"""Administrators keep the officers' accounts: the list (by agency, role, state, name), a new
account with its activation mail, changes of role, agency, title and address, deactivation, and
the activation mail sent again to an officer who has not set a password yet; when each last
logged in, and which accounts the system locked for being unused (users/idle.py)."""
from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from engine.roles import ROLE_LABELS

from ..accounts.activation import is_unclaimed, queue_activation
from ..clock import now
from ..db import db
from ..folding import fold
from ..mail.outbox import send_now
from ..users import idle, officers
from ..users.models import User
from ..web.session import login_required
from .blueprint import workspace
from .messages import STAFF

STATES = {"hoat-dong": "active", "chua-kich-hoat": "unclaimed", "da-khoa": "inactive",
          "khoa-do-khong-dung": "idle_locked"}


def _state(user: User) -> str:
    if not user.active:
        return "idle_locked" if user.idle_locked_at else "inactive"
    return "unclaimed" if is_unclaimed(user) else "active"


@workspace.get("/can-bo")
@login_required("admin")
def staff_page():
    agency = request.args.get("co_quan", "")
    role = request.args.get("vai_tro", "")
    state = STATES.get(request.args.get("trang_thai", ""))
    q = fold(request.args.get("q", ""))[:64]
    query = select(User).where(User.role.in_(officers.ROLES)).order_by(User.full_name, User.id)
    if agency.isdecimal() and len(agency) < 10:
        query = query.where(User.agency_id == int(agency))
    if role in officers.ROLES:
        query = query.where(User.role == role)
    # A province has hundreds or a few thousand officers: the name is matched folded, here.
    found = [u for u in db.session.execute(query).scalars()
             if (not q or q in fold(f"{u.full_name} {u.username}")) and (state is None or _state(u) == state)]
    return render_template("workspace/staff.html", officers=found, agencies=officers.agencies(),
                           roles=officers.ROLES, role_labels=ROLE_LABELS, state_of=_state,
                           states=STATES, chosen={"co_quan": agency, "vai_tro": role, "q": request.args.get("q", ""),
                                                  "trang_thai": request.args.get("trang_thai", "")},
                           messages=STAFF)


def _form_page(officer: User | None, values: dict, errors: dict, status: int = 200):
    return render_template("workspace/officer.html", officer=officer, values=values, errors=errors,
                           agencies=officers.agencies(), roles=officers.ROLES, role_labels=ROLE_LABELS,
                           unclaimed=officer is not None and is_unclaimed(officer), messages=STAFF,
                           idle_days=idle.idle_days(now())), status


def _values(officer: User) -> dict:
    return {"ho_ten": officer.full_name, "email": officer.email or "", "vai_tro": officer.role,
            "co_quan": str(officer.agency_id or ""), "chuc_vu": officer.position or "",
            "hoat_dong": "1" if officer.active else ""}


@workspace.route("/can-bo/moi", methods=["GET", "POST"])
@login_required("admin")
def officer_new():
    if request.method == "GET":
        return _form_page(None, {"hoat_dong": "1"}, {})
    clean, errors = officers.validate(request.form)
    if errors:
        return _form_page(None, request.form, errors, 422)
    at = now()
    try:
        officer = officers.create(clean, g.user, at)
    except IntegrityError:  # the same name or address was taken a moment ago
        db.session.rollback()
        return _form_page(None, request.form, {"ten_dang_nhap": officers.MESSAGES["username_taken"]}, 422)
    mail = queue_activation(officer, at)
    db.session.commit()
    send_now(at, [mail])
    flash(STAFF["created"].format(name=officer.full_name, email=officer.email))
    return redirect(url_for("workspace.officer_page", user_id=officer.id), 303)


@workspace.route("/can-bo/<int:user_id>", methods=["GET", "POST"])
@login_required("admin")
def officer_page(user_id: int):
    officer = db.session.get(User, user_id)
    if officer is None or officer.role not in officers.ROLES:
        abort(404)  # citizens' accounts are not kept here
    if request.method == "GET":
        return _form_page(officer, _values(officer), {})
    if request.form.get("action") == "resend":
        if is_unclaimed(officer) and officer.active:
            at = now()
            mail = queue_activation(officer, at)
            db.session.commit()
            send_now(at, [mail])
            flash(STAFF["resent"].format(email=officer.email))
        return redirect(url_for("workspace.officer_page", user_id=officer.id), 303)
    clean, errors = officers.validate(request.form, officer)
    if errors:
        return _form_page(officer, request.form, errors, 422)
    try:
        change = officers.update(officer, clean, g.user, now())
        db.session.commit()
    except ValueError as refused:
        db.session.rollback()
        return _form_page(officer, request.form, {"vai_tro": str(refused)}, 409)
    except IntegrityError:
        db.session.rollback()
        return _form_page(officer, request.form, {"email": officers.MESSAGES["email_taken"]}, 422)
    flash(STAFF["saved"].format(name=officer.full_name))
    if change.released:
        flash(STAFF["released"].format(count=change.released))
    if change.stranded:
        remedy = STAFF["stranded_remedy"]["moved" if officer.active else "locked"]
        flash(STAFF["stranded_now"].format(count=change.stranded, remedy=remedy), "error")
    return redirect(url_for("workspace.officer_page", user_id=officer.id), 303)
