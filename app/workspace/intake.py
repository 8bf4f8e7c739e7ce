"""Counter and postal intake: the one-stop desk enters a paper dossier for a citizen (found by
ID number, or recorded on the spot), scans each component, and the same process starts as for
an online dossier."""
from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..accounts.activation import is_unclaimed, queue_activation
from ..catalogue.models import Procedure
from ..db import db
from ..dossiers.citizen import DESK_CHANNELS, channel_problem
from ..mail.models import OutgoingMail
from ..users import identity
from ..users.models import User
from ..users.passwords import hash_password
from .messages import CHANNELS as CHANNEL_NAMES, INTAKE

CHANNEL_LABELS = {k: CHANNEL_NAMES[k] for k in DESK_CHANNELS}
CITIZEN_FIELDS = ("ho_ten", "ngay_sinh", "so_cccd", "dia_chi", "so_dien_thoai")


def find_citizen(id_number: str) -> User | None:
    return db.session.execute(select(User).where(User.id_number == id_number.strip()[:12],
                                                 User.role == "citizen")).scalar()


def id_number_taken(id_number: str) -> bool:
    """The number belongs to an account that is not a citizen's (it cannot apply)."""
    return db.session.execute(select(User.id).where(User.id_number == id_number.strip()[:12],
                                                    User.role != "citizen")).first() is not None


def citizen_errors(form, today) -> tuple[dict, dict]:
    clean, errors = identity.validate_profile(form, CITIZEN_FIELDS, today)
    email, error = _email(form)
    if error:
        errors["email"] = error
    elif email:
        clean["email"] = email
    return clean, errors


def _email(form) -> tuple[str | None, str | None]:
    """(the normalised address or None when left empty, the error)."""
    email = (form.get("email") or "").strip()
    if not email:
        return None, None
    if identity.email_error(email):
        return None, identity.email_error(email)
    email = identity.normalise_email(email)
    if db.session.execute(select(User.id).where(User.email == email)).first():
        return None, INTAKE["email_taken"]
    return email, None


def set_email(citizen: User, form, at: datetime) -> tuple[str | None, OutgoingMail | None]:
    """An address for a citizen the desk recorded without one, or with a wrong one, so the
    account can be activated: only before activation (after it, the owner changes it in the
    profile, with verification). Returns (error, the activation mail queued)."""
    if not is_unclaimed(citizen):
        return INTAKE["email_not_yours"], None
    email, error = _email(form)
    if error or email is None:
        return error or INTAKE["email_missing"], None
    citizen.email = email
    citizen.token_generation += 1  # an activation link sent to the old address stops working
    return None, queue_activation(citizen, at)


def create_citizen(clean: dict, officer: User, at: datetime) -> tuple[User, OutgoingMail | None]:
    """A citizen record for a paper dossier, opened by `officer`: no password anyone knows, so
    no login until its owner activates it; with an e-mail address, the activation mail is
    queued at once (accounts/activation.py). Returns the citizen and that mail."""
    user = User(username=clean["so_cccd"], password_hash=hash_password(secrets.token_urlsafe(32)),
                role="citizen", full_name=clean["ho_ten"], date_of_birth=clean["ngay_sinh"],
                id_number=clean["so_cccd"], address=clean["dia_chi"], phone=clean["so_dien_thoai"],
                email=clean.get("email"), email_verified_at=None, created_at=at, creator=officer)
    try:
        with db.session.begin_nested():
            db.session.add(user)
    except IntegrityError:  # recorded a moment ago by another desk, or the e-mail is someone's
        db.session.rollback()
        user = find_citizen(clean["so_cccd"])
        if user is None:
            raise
        return user, None
    return user, queue_activation(user, at) if user.email else None


def _offered(officer):
    """The published procedures the officer's desk receives (an administrator: every one)."""
    query = select(Procedure).where(Procedure.published.is_(True))
    return query if officer.role == "admin" else query.where(Procedure.agency_id == officer.agency_id)


def procedures_for(officer) -> list[Procedure]:
    return list(db.session.execute(_offered(officer).order_by(Procedure.name)).scalars())


def procedure_for(officer, code: str) -> Procedure | None:
    return db.session.execute(_offered(officer).where(Procedure.code == code[:32])).scalar()


def channel_errors(form) -> tuple[str | None, str, dict]:
    channel = form.get("hinh_thuc")
    postal = " ".join((form.get("so_buu_gui") or "").split())
    problem = channel_problem(channel, postal)
    errors = {"channel": {"hinh_thuc": INTAKE["channel"]},
              "postal_code": {"so_buu_gui": INTAKE["postal_code"]}}.get(problem, {})
    return channel if channel in DESK_CHANNELS else None, postal, errors
