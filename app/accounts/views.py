"""Citizen accounts: registration with e-mail verification, login and logout, password reset,
profile."""
from __future__ import annotations

import re

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError

from ..clock import now
from ..db import db, locked
from ..mail.outbox import queue_mail, send_now
from ..security.ratelimit import LOGIN_LIMIT, Limit, RateLimited, add, check, hit
from ..users import identity
from ..users.models import User
from ..users.passwords import CLOSED, OK, check_password, hash_password, login_outcome
from ..localtime import local_time, local_today
from ..web.session import login_required, login_user, logout_user
from . import abandoned, links
from .activation import is_unclaimed, queue_activation
from .messages import MESSAGES

accounts = Blueprint("accounts", __name__, template_folder="templates")

# Per client address.
REGISTER_LIMIT = Limit("register", 20, 3600)
MAIL_LIMIT = Limit("account-mail", 10, 900)  # resend verification, forgotten password
PROFILE_FIELDS = ("ho_ten", "ngay_sinh", "dia_chi", "so_dien_thoai", "email")
_UNSAFE_NEXT = re.compile(r"[\x00-\x20\x7f\\]")


def _limited(limit: Limit):
    """None, or the 429 page when the client is over `limit`."""
    try:
        hit(limit, request.remote_addr or "?", now())
    except RateLimited as exc:
        return _too_many(exc)
    return None


def _too_many(exc: RateLimited):
    page = render_template("web/error.html", title=MESSAGES["too_many_title"],
                           text=MESSAGES["too_many"].format(seconds=exc.retry_after))
    return page, 429, {"Retry-After": str(exc.retry_after)}


def _safe_next(value: str | None) -> str | None:
    """A path on this site only: "/x" but not "//host", "/\\host" or anything with spaces or
    control characters (browsers drop those and may end up at another host)."""
    if value and value.startswith("/") and not value.startswith("//") and not _UNSAFE_NEXT.search(value):
        return value[:2000]
    return None


def _typed(form, names) -> dict:
    """What the visitor typed, to show again; a parsable birth date in the date input's form."""
    values = {name: " ".join(str(form.get(name, "")).split())[:500] for name in names}
    birth = identity.parse_date(values.get("ngay_sinh", ""))
    if birth is not None:
        values["ngay_sinh"] = birth.isoformat()
    return values


def _email_owner(email: str, other_than: int | None = None) -> bool:
    query = select(User.id).where(User.email == email)
    if other_than is not None:
        query = query.where(User.id != other_than)
    return db.session.execute(query).first() is not None


def _duplicates(clean: dict) -> dict:
    """Errors for a CCCD or an e-mail address another account already has; one a registration
    not verified yet holds says until when (abandoned.py)."""
    errors = {}
    if "so_cccd" in clean and db.session.execute(
            select(User.id).where(or_(User.holding("cccd", clean["so_cccd"]), User.username == clean["so_cccd"]))).first():
        errors["so_cccd"] = _held(MESSAGES["duplicate_id"], abandoned.pending_until(clean["so_cccd"], None))
    if "email" in clean and _email_owner(clean["email"]):
        errors["email"] = _held(MESSAGES["duplicate_email"], abandoned.pending_until(None, clean["email"]))
    return errors


def _held(message: str, until) -> str:
    return MESSAGES["duplicate_pending"].format(until=local_time(until)) if until is not None else message


def _counter_account(clean: dict) -> User | None:
    """The not yet activated account the one-stop desk opened for this ID number, if any."""
    if "so_cccd" not in clean:
        return None
    found = db.session.execute(select(User).where(User.holding("cccd", clean["so_cccd"]))).scalar_one_or_none()
    return found if is_unclaimed(found) else None


def _queue_verification(user: User, email: str):
    # Also bound to the address the account has now, so a stale link cannot bring an old one back.
    token = links.make("verify", uid=user.id, email=email, was=user.email)
    link = links.absolute(url_for("accounts.verify", token=token))
    return queue_mail(email, MESSAGES["verify_subject"],
                      MESSAGES["verify_body"].format(name=user.full_name, link=link), now())


def _locked_message(user: User | None, at) -> str | None:
    if user is not None and user.locked_until is not None and user.locked_until > at:
        return MESSAGES["locked"].format(until=local_time(user.locked_until))
    return None


@accounts.route("/dang-ky", methods=["GET", "POST"])
def register():
    if request.method == "GET":
        return render_template("accounts/register.html", values={}, errors={})
    refused = _limited(REGISTER_LIMIT)
    if refused:
        return refused
    fields = identity.PROFILE_FIELDS + ("mat_khau",)
    clean, errors = identity.validate_profile(request.form, fields, local_today())
    abandoned.release(clean.get("so_cccd"), clean.get("email"), now())
    counter = _counter_account(clean)
    if counter is not None:
        if counter.email and clean.get("email") == counter.email:
            # The person the desk recorded: the activation link goes to the address given there.
            mail = queue_activation(counter, now())
            db.session.commit()
            send_now(now(), [mail])
            return render_template("accounts/check_mail.html", email=counter.email,
                                   note=MESSAGES["activation_sent"].format(email=counter.email))
        errors.pop("email", None)
        errors["so_cccd"] = MESSAGES["counter_account"]
    else:
        errors.update(_duplicates(clean))
    values = _typed(request.form, identity.PROFILE_FIELDS)
    if errors:
        errors = {name: errors[name] for name in fields + ("nhap_lai_mat_khau",) if name in errors}
        return render_template("accounts/register.html", values=values, errors=errors), 422
    user = User(username=clean["so_cccd"], password_hash=hash_password(clean["mat_khau"]), role="citizen",
                full_name=clean["ho_ten"], date_of_birth=clean["ngay_sinh"], id_number=clean["so_cccd"],
                address=clean["dia_chi"], phone=clean["so_dien_thoai"], email=clean["email"],
                email_verified_at=None, created_at=now())
    db.session.add(user)
    try:
        db.session.flush()
    except IntegrityError:  # registered by a concurrent request a moment ago
        db.session.rollback()
        errors = _duplicates(clean) or {"so_cccd": MESSAGES["duplicate_id"]}
        return render_template("accounts/register.html", values=values, errors=errors), 422
    mail = _queue_verification(user, user.email)
    db.session.commit()
    send_now(now(), [mail])
    return render_template("accounts/check_mail.html", email=clean["email"])


@accounts.get("/dang-ky/xac-thuc/<token>")
def verify(token: str):
    payload = links.read("verify", token, links.VERIFY_HOURS)
    user = db.session.get(User, payload.get("uid")) if payload and isinstance(payload.get("uid"), int) else None
    email = payload.get("email") if payload else None
    if user is None or not user.active or not isinstance(email, str) or payload.get("was") != user.email:
        flash(MESSAGES["bad_link"], "error")
        return redirect(url_for("accounts.login"), 303)
    abandoned.release(None, email, now(), proven_by=user.id)
    if _email_owner(email, other_than=user.id):
        flash(MESSAGES["email_taken"], "error")
        return redirect(url_for("accounts.login"), 303)
    changed = user.email != email
    if changed or user.email_verified_at is None:  # a second click changes nothing
        user.email, user.email_verified_at = email, now()
        try:
            db.session.commit()
        except IntegrityError:  # the address was taken a moment ago
            db.session.rollback()
            flash(MESSAGES["email_taken"], "error")
            return redirect(url_for("accounts.login"), 303)
    flash(MESSAGES["email_changed"] if changed else MESSAGES["verified"])
    return redirect(url_for("accounts.profile") if g.get("user") is not None else url_for("accounts.login"), 303)


@accounts.post("/dang-ky/gui-lai")
def resend():
    refused = _limited(MAIL_LIMIT)
    if refused:
        return refused
    email = identity.normalise_email(request.form.get("email", ""))[:255]
    user = db.session.execute(select(User).where(User.email == email)).scalar_one_or_none() if email else None
    if user is not None and user.active and user.email_verified_at is None:
        mail = _queue_verification(user, email)
        db.session.commit()
        send_now(now(), [mail])
    flash(MESSAGES["resent"])
    return redirect(url_for("accounts.login"), 303)


def _login_page(status: int, next_path, name="", error=None, unverified_email=None):
    return render_template("accounts/login.html", next=next_path, name=name, error=error,
                           unverified_email=unverified_email), status


@accounts.route("/dang-nhap", methods=["GET", "POST"])
def login():
    next_path = _safe_next(request.values.get("next"))
    if request.method == "GET":
        return _login_page(200, next_path)
    try:
        check(LOGIN_LIMIT, request.remote_addr or "?", now())
    except RateLimited as exc:
        return _too_many(exc)
    name = request.form.get("ten_dang_nhap", "").strip()[:255]
    password = request.form.get("mat_khau", "")[:identity.PASSWORD_MAX]
    if not name or not password:
        return _login_page(422, next_path, name, MESSAGES["login_missing"])
    at = now()
    # A number as stored: typed in groups, in full-width digits (NFKC), a passport in lower case.
    number = identity.normalise_id_number(name)
    paper = identity.normalise_passport(number)
    user = db.session.execute(select(User).where(or_(
        User.id_number == number, User.id_number == paper, User.email == name.lower(), User.username == name))
        .order_by(User.id)).scalars().first()
    outcome = login_outcome(user, password, at)
    db.session.commit()  # the failure count is kept even when refusing
    if outcome == CLOSED:
        reason = MESSAGES["closed_idle"] if user.idle_locked_at is not None else ""
        return _login_page(403, next_path, name, MESSAGES["closed"].format(reason=reason))
    if outcome != OK:
        add(LOGIN_LIMIT, request.remote_addr or "?", at)
        return _login_page(401, next_path, name, _locked_message(user, at) or MESSAGES["login_failed"])
    if user.role == "citizen" and user.email_verified_at is None:
        return _login_page(403, next_path, name, MESSAGES["unverified"], unverified_email=user.email)
    login_user(user)
    flash(MESSAGES["logged_in"])
    return redirect(next_path or ("/ho-so" if user.role == "citizen" else "/mot-cua"), 303)


@accounts.post("/dang-xuat")
def logout():
    logout_user()
    flash(MESSAGES["logged_out"])
    return redirect("/", 303)


@accounts.route("/quen-mat-khau", methods=["GET", "POST"])
def forgot():
    if request.method == "GET":
        return render_template("accounts/forgot.html", value="", errors={})
    email = identity.normalise_email(request.form.get("email", ""))[:255]
    error = identity.email_error(email)
    if error:
        return render_template("accounts/forgot.html", value=email, errors={"email": error}), 422
    refused = _limited(MAIL_LIMIT)
    if refused:
        return refused
    user = db.session.execute(select(User).where(User.email == email)).scalar_one_or_none()
    if user is not None and user.active:
        token = links.make("reset", uid=user.id, gen=user.token_generation, email=user.email)
        link = links.absolute(url_for("accounts.reset", token=token))
        mail = queue_mail(email, MESSAGES["reset_subject"],
                          MESSAGES["reset_body"].format(name=user.full_name, link=link), now())
        db.session.commit()
        send_now(now(), [mail])
    flash(MESSAGES["reset_sent"])  # the same answer whether or not the address is known
    return redirect(url_for("accounts.login"), 303)


def _reset_user(token: str) -> tuple[User | None, dict]:
    """The account of a password reset or a counter account's activation link, with the link's
    payload; None when the link is forged, expired or used."""
    reset = links.read("reset", token, links.RESET_HOURS)
    payload = reset or links.read("activate", token, links.ACTIVATE_HOURS)
    if not payload or not isinstance(payload.get("uid"), int):
        return None, {}
    user = db.session.get(User, payload["uid"])
    if user is None or not user.active or user.token_generation != payload.get("gen"):
        return None, {}
    return user, {**payload, "activating": reset is None}


@accounts.route("/dat-lai-mat-khau/<token>", methods=["GET", "POST"])
def reset(token: str):
    user, payload = _reset_user(token)
    if user is None:
        flash(MESSAGES["bad_link"], "error")
        return redirect(url_for("accounts.forgot"), 303)
    # An activation link (a new officer, an account opened at the counter) sets the first
    # password: the page says so and names the account, rather than "reset".
    page = {"token": token, "account": user, "activating": payload["activating"]}
    if request.method == "GET":
        return render_template("accounts/reset.html", errors={}, **page)
    errors = identity.new_password_errors(request.form, user.id_number or "", user.email or "")
    if errors:
        return render_template("accounts/reset.html", errors=errors, **page), 422
    password = hash_password(request.form["mat_khau"])  # slow: before the lock
    # Locked and read again: the desk may be correcting the account or its address at this moment
    # (workspace/intake.py), which ends this link; what the link was checked against must hold.
    user = locked(select(User).where(User.id == user.id), User, user.id, "token_generation").scalar_one()
    if not user.active or user.token_generation != payload.get("gen"):
        db.session.rollback()
        flash(MESSAGES["bad_link"], "error")
        return redirect(url_for("accounts.forgot"), 303)
    user.password_hash = password
    user.end_sessions()  # every session and API token, and this link
    if user.email_verified_at is None and user.email and payload.get("email") == user.email:
        user.email_verified_at = now()  # the link was mailed to this address: it is the owner's
    user.failed_logins, user.locked_until = 0, None
    db.session.commit()
    logout_user()
    flash(MESSAGES["activated" if payload["activating"] else "reset_done"])
    return redirect(url_for("accounts.login"), 303)


def _profile_values(user: User) -> dict:
    return {"ho_ten": user.full_name, "ngay_sinh": user.date_of_birth.isoformat() if user.date_of_birth else "",
            "dia_chi": user.address or "", "so_dien_thoai": user.phone or "", "email": user.email or ""}


@accounts.route("/tai-khoan", methods=["GET", "POST"])
@login_required()
def profile():
    user = g.user
    if request.method == "GET":
        return render_template("accounts/profile.html", values=_profile_values(user), errors={})
    if request.form.get("action") == "password":
        return _change_password(user)
    clean, errors = identity.validate_profile(request.form, PROFILE_FIELDS, local_today())
    new_email = clean.get("email")
    # An address a registration holds without ever having opened its mail may be asked for: the
    # link mailed to it decides whose it is (verify).
    if new_email and new_email != user.email and _email_owner(new_email, other_than=user.id) \
            and abandoned.pending_until(None, new_email) is None:
        errors["email"] = MESSAGES["duplicate_email"]
    if errors:
        return render_template("accounts/profile.html", values=_typed(request.form, PROFILE_FIELDS), errors=errors), 422
    user.full_name, user.date_of_birth = clean["ho_ten"], clean["ngay_sinh"]
    user.address, user.phone = clean["dia_chi"], clean["so_dien_thoai"]
    mail = None
    if new_email != user.email:  # the old address stays until the new one is verified
        mail = _queue_verification(user, new_email)
    db.session.commit()
    flash(MESSAGES["profile_saved"])
    if mail is not None:
        send_now(now(), [mail])
        flash(MESSAGES["email_pending"])
    return redirect(url_for("accounts.profile"), 303)


def _change_password(user: User):
    errors, at = {}, now()
    if not check_password(user, request.form.get("mat_khau_hien_tai", "")[:identity.PASSWORD_MAX], at):
        errors["mat_khau_hien_tai"] = _locked_message(user, at) or MESSAGES["current_password"]
    errors.update(identity.new_password_errors(request.form, user.id_number or "", user.email or ""))
    if errors:
        db.session.commit()  # keep the failure count
        return render_template("accounts/profile.html", values=_profile_values(user), errors=errors), 422
    user.password_hash = hash_password(request.form["mat_khau"])
    user.end_sessions()
    db.session.commit()
    login_user(user)  # this session stays, the others end
    flash(MESSAGES["password_changed"])
    return redirect(url_for("accounts.profile"), 303)
