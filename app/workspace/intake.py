"""Counter and postal intake: the one-stop desk enters a paper dossier for a citizen (found by
the number of their identity paper, a CCCD or a passport, or recorded on the spot), scans each
component, and the same process starts as for an online dossier. Until its owner takes it over,
the desk that opened a citizen's account corrects its details, each correction kept."""
from __future__ import annotations

import secrets
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..accounts.activation import is_unclaimed, queue_activation
from ..catalogue.models import Procedure
from ..db import db, locked, savepoint
from ..dossiers.citizen import DESK_CHANNELS, channel_problem
from ..dossiers.models import Dossier
from ..dossiers.printouts import RETURN_FIELD
from ..localtime import local_time, local_today
from ..mail.models import OutgoingMail
from ..users import identity
from ..users.models import AccountCorrection, User, username_for
from ..users.passwords import hash_password
from .messages import CHANNELS as CHANNEL_NAMES, INTAKE

CHANNEL_LABELS = {k: CHANNEL_NAMES[k] for k in DESK_CHANNELS}
CITIZEN_FIELDS = ("ho_ten", "ngay_sinh", "dia_chi", "so_dien_thoai")
# The identity paper's fields: its kind, its number, a passport holder's nationality.
KIND, NUMBER, NATIONALITY = "loai_giay_to", "so_giay_to", "quoc_tich"
# What the desk may correct: the account's attribute and the form field that carries it.
CORRECTABLE = (("full_name", "ho_ten"), ("date_of_birth", "ngay_sinh"), ("id_kind", KIND),
               ("id_number", NUMBER), ("nationality", NATIONALITY), ("address", "dia_chi"),
               ("phone", "so_dien_thoai"))


def typed_paper(values) -> tuple[str, str]:
    """(kind, number as typed) of a search or a form; a link of before passports (`so_cccd`)
    names a CCCD."""
    if values.get(NUMBER) is None and values.get("so_cccd") is not None:
        return "cccd", str(values.get("so_cccd"))[:identity.ID_INPUT_MAX]
    return str(values.get(KIND) or "cccd")[:16], str(values.get(NUMBER) or "")[:identity.ID_INPUT_MAX]


def lookup_args(citizen: User) -> dict:
    """The query that finds `citizen` at step 1 again."""
    return {KIND: citizen.id_kind, NUMBER: citizen.id_number}


def find_citizen(kind: str, number: str) -> User | None:
    return db.session.execute(select(User).where(User.holding(kind, number), User.role == "citizen")).scalar()


def id_number_taken(kind: str, number: str) -> bool:
    """The paper belongs to an account that is not a citizen's (it cannot apply)."""
    return db.session.execute(select(User.id).where(User.holding(kind, number),
                                                    User.role != "citizen")).first() is not None


def paper_errors(kind: str, typed: str) -> tuple[str | None, dict]:
    """(the number as stored, or None with the error by field) of a typed identity paper."""
    number, error = identity.id_paper(kind, typed)
    if error:
        return None, {KIND if kind not in identity.ID_KINDS else NUMBER: error}
    return number, {}


def _details(form, kind: str, today: date) -> tuple[dict, dict]:
    """The person's details as the paper states them, checked as at registration: name, date of
    birth, address, phone, and a passport holder's nationality."""
    clean, errors = identity.validate_profile(form, CITIZEN_FIELDS, today)
    if kind == "passport":
        error = identity.nationality_error(form.get(NATIONALITY, ""))
        if error:
            errors[NATIONALITY] = error
        else:
            clean[NATIONALITY] = identity.clean_nationality(form.get(NATIONALITY, ""))
    return clean, errors


def citizen_errors(form, kind: str, number: str, today: date) -> tuple[dict, dict]:
    """The details of a citizen recorded at the counter, the paper (`number`) already checked at
    the search; a CCCD number must agree with the date of birth on the year it encodes."""
    clean, errors = _details(form, kind, today)
    if kind == "cccd" and "ngay_sinh" in clean:
        error = identity.id_birth_error(number, clean["ngay_sinh"])
        if error:
            errors["ngay_sinh"] = error
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


def email_refusal(citizen: User, officer: User) -> str | None:
    """Why `officer` may not set the address the account is activated with, or None. The
    activation link goes to that address, so the rule is the correction's (`may_correct`): the
    desk of the agency that opened the account (an administrator: any) while nobody has taken
    it over; after that, the owner changes it in the profile, with verification."""
    if may_correct(citizen, officer):
        return None
    return INTAKE["correct_not_allowed" if is_unclaimed(citizen) else "email_not_yours"]


def set_email(citizen: User, form, officer: User, at: datetime) -> tuple[dict, OutgoingMail | None]:
    """An address for a citizen the desk recorded without one, or with a wrong one, so the
    account can be activated, when `email_refusal` allows it; the change is kept among the
    account's corrections. Returns (errors by field, "thu-dien-tu" for a refusal; the
    activation mail queued)."""
    _lock(citizen)
    refusal = email_refusal(citizen, officer)
    if refusal:
        return {"thu-dien-tu": refusal}, None
    email, error = _email(form)
    if error or email is None:
        return {"email": error or INTAKE["email_missing"]}, None
    old = citizen.email
    try:
        with savepoint():
            citizen.email = email
            db.session.flush()
    except IntegrityError:  # given to another account a moment ago, after the check above
        db.session.rollback()
        return {"email": INTAKE["email_taken"]}, None
    db.session.add(AccountCorrection(user_id=citizen.id, actor_id=officer.id, at=at,
                                     changes=[{"field": "email", "old": old, "new": email}]))
    citizen.end_sessions()  # an activation link sent to the old address stops working
    return {}, queue_activation(citizen, at)


def create_citizen(kind: str, number: str, clean: dict, officer: User,
                   at: datetime) -> tuple[User, OutgoingMail | None, bool]:
    """A citizen record for a paper dossier, opened by `officer`: no password anyone knows, so
    no login until its owner activates it; with an e-mail address, the activation mail is
    queued at once (accounts/activation.py). Returns the citizen, that mail, and whether this
    call created it (False: another desk recorded the same paper a moment before)."""
    user = User(username=username_for(kind, number), password_hash=hash_password(secrets.token_urlsafe(32)),
                role="citizen", full_name=clean["ho_ten"], date_of_birth=clean["ngay_sinh"],
                id_kind=kind, id_number=number, nationality=clean.get(NATIONALITY),
                address=clean["dia_chi"], phone=clean["so_dien_thoai"],
                email=clean.get("email"), email_verified_at=None, created_at=at, creator=officer)
    try:
        with savepoint():
            db.session.add(user)
    except IntegrityError:  # recorded a moment ago by another desk, or the e-mail is someone's
        db.session.rollback()
        user = find_citizen(kind, number)
        if user is None:
            raise
        return user, None, False
    return user, queue_activation(user, at) if user.email else None, True


def _lock(citizen: User) -> None:
    """The account's row locked and read afresh before `may_correct` is asked: its owner may be
    activating it at this moment (accounts/views.py reset locks it too), and a desk that saw it
    unclaimed must not change an account its owner has just taken over."""
    locked(select(User).where(User.id == citizen.id), User, citizen.id, "email").scalar_one()


def may_correct(citizen: User, officer: User) -> bool:
    """The desk corrects an account its agency opened at the counter (an administrator: any
    such account) while nobody has taken it over: never activated, never logged in. After
    that the account is its owner's, who changes it in the profile."""
    creator = citizen.creator
    return citizen.role == "citizen" and creator is not None and is_unclaimed(citizen) \
        and citizen.last_login_at is None \
        and (officer.role == "admin" or (officer.agency_id is not None and creator.agency_id == officer.agency_id))


def correction_values(citizen: User) -> dict:
    """The correction form filled with what the account holds."""
    values = {field: getattr(citizen, attribute) or "" for attribute, field in CORRECTABLE}
    values["ngay_sinh"] = citizen.date_of_birth.isoformat() if citizen.date_of_birth else ""
    return values


def _stored(value):
    return value.isoformat() if isinstance(value, date) else value


def correct_citizen(citizen: User, form, officer: User,
                    at: datetime) -> tuple[dict, list[dict], OutgoingMail | None]:
    """Corrects the account's details from the desk's form, every field checked as when it was
    recorded, the identity paper kept unique; nothing changes when anything is wrong. Returns
    (errors by field, the changes made as kept in the trail, an activation mail queued again
    when the number the owner logs in with changed)."""
    _lock(citizen)
    if not may_correct(citizen, officer):
        return {"sua-thong-tin": INTAKE["correct_not_allowed"]}, [], None
    kind, typed = typed_paper(form)
    number, errors = paper_errors(kind, typed)
    clean, detail_errors = _details(form, kind, local_today(at))
    errors.update(detail_errors)
    if not errors and (kind, number) != (citizen.id_kind, citizen.id_number) and db.session.execute(
            select(User.id).where(User.holding(kind, number), User.id != citizen.id)).first():
        errors[NUMBER] = INTAKE["id_held"]
    if errors:
        return errors, [], None
    new = {"full_name": clean["ho_ten"], "date_of_birth": clean["ngay_sinh"], "id_kind": kind, "id_number": number,
           "nationality": clean.get(NATIONALITY), "address": clean["dia_chi"], "phone": clean["so_dien_thoai"]}
    changes = [{"field": attribute, "old": _stored(getattr(citizen, attribute)), "new": _stored(new[attribute])}
               for attribute, _ in CORRECTABLE if getattr(citizen, attribute) != new[attribute]]
    if not changes:
        return {}, [], None
    for attribute, value in new.items():
        setattr(citizen, attribute, value)
    citizen.username = username_for(kind, number)
    db.session.add(AccountCorrection(user_id=citizen.id, actor_id=officer.id, at=at, changes=changes))
    try:
        db.session.flush()
    except IntegrityError:  # the paper recorded a moment ago for someone else, or a user name taken
        db.session.rollback()
        return {NUMBER: INTAKE["id_held"]}, [], None
    moved = any(change["field"] in ("id_kind", "id_number") for change in changes)
    return {}, changes, queue_activation(citizen, at) if moved and citizen.email else None


def still_holding(citizen: User, changes: list[dict]) -> list[str]:
    """The codes (or, not received yet, the submission instants) of the citizen's unfinished
    dossiers whose application still says what a correction changed: their documents print
    it until a supplement changes it, so the desk is told."""
    old = {str(change["old"]) for change in changes if change["old"] not in (None, "")}
    rows = db.session.execute(select(Dossier.code, Dossier.submitted_at, Dossier.form_data).where(
        Dossier.owner_id == citizen.id, Dossier.finished_at.is_(None)).order_by(Dossier.id)).all()
    return [code or local_time(submitted) for code, submitted, data in rows
            if isinstance(data, dict) and old & {str(value) for value in data.values() if not isinstance(value, (dict, list))}]


def corrections(citizen: User) -> list[AccountCorrection]:
    """The account's corrections by the desk, newest first."""
    return list(db.session.execute(select(AccountCorrection).where(AccountCorrection.user_id == citizen.id)
                                   .order_by(AccountCorrection.id.desc())).scalars())


def _offered(officer):
    """The published procedures the officer's desk receives (an administrator: every one)."""
    query = select(Procedure).where(Procedure.published.is_(True))
    return query if officer.role == "admin" else query.where(Procedure.agency_id == officer.agency_id)


def procedures_for(officer) -> list[Procedure]:
    return list(db.session.execute(_offered(officer).order_by(Procedure.name)).scalars())


def procedure_for(officer, code: str) -> Procedure | None:
    return db.session.execute(_offered(officer).where(Procedure.code == code[:32])).scalar()


# How the result of a dossier received by post goes back, in the values of the return step's
# form (forms/common/tra_ket_qua.schema.json, hinh_thuc_tra): by post to the sender's address
# (Quyết định 45/2016/QĐ-TTg) unless the applicant asked to collect it at the desk.
RETURN = RETURN_FIELD
RETURN_CHOICES = ("buu_chinh", "truc_tiep")


def postal_details(form, channel: str | None, postal: str) -> tuple[dict | None, dict]:
    """(what the dossier's first event keeps of a postal intake: the item number and how the
    result goes back; the error by field). Nothing for a dossier brought to the counter."""
    if channel != "postal":
        return None, {}
    returned = str(form.get(RETURN) or RETURN_CHOICES[0])
    if returned not in RETURN_CHOICES:
        return None, {RETURN: INTAKE["return_choice"]}
    return {"so_buu_gui": postal, RETURN: returned}, {}


# What the desk records of each paper component it scanned: its form (bản chính, bản sao có
# chứng thực, bản chụp) and how many, printed on Mẫu 01 instead of the catalogue's defaults.
RECEIVED = "thanh_phan"
KIND_FIELD, COPIES_FIELD = "hinh_thuc_tp.{code}", "so_ban_tp.{code}"
MAX_COPIES = 99


def received_components(form, components: list[dict], kinds, sent: set[str]) -> tuple[dict, dict]:
    """({component code: {"kind", "copies"}} for the components `sent` with files; the error by
    field of every component's record, each shown on the page whether or not its file came
    through this time (a refused scan must not hide a wrong count until the next sending). Each
    starts at the catalogue's form and count."""
    received, errors = {}, {}
    for c in components:
        kind_field, copies_field = KIND_FIELD.format(code=c["code"]), COPIES_FIELD.format(code=c["code"])
        kind = form.get(kind_field) or c.get("kind") or ""
        copies = (form.get(copies_field) or str(c.get("copies") or 1)).strip()
        if kind not in kinds:
            errors[kind_field] = INTAKE["component_kind"].format(name=c["name"])
        if not copies.isdecimal() or not 1 <= int(copies) <= MAX_COPIES:
            errors[copies_field] = INTAKE["component_copies"].format(name=c["name"], most=MAX_COPIES)
        if c["code"] in sent and kind_field not in errors and copies_field not in errors:
            received[c["code"]] = {"kind": kind, "copies": int(copies)}
    return received, errors


def channel_errors(form) -> tuple[str | None, str, dict]:
    channel = form.get("hinh_thuc")
    postal = " ".join((form.get("so_buu_gui") or "").split())
    problem = channel_problem(channel, postal)
    errors = {"channel": {"hinh_thuc": INTAKE["channel"]},
              "postal_code": {"so_buu_gui": INTAKE["postal_code"]}}.get(problem, {})
    return channel if channel in DESK_CHANNELS else None, postal, errors
