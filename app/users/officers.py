"""Officers' accounts, kept by administrators: opened with no password anyone knows and activated
by their owner from a mailed link (accounts/activation.py); their role, agency, title and address
changed; deactivated. An officer moved to another role or agency, or deactivated, gives back the
tasks they had claimed, so no dossier waits on someone who can no longer work it."""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select

from engine.roles import LANE_ROLES

from ..accounts.activation import able_to_work, activated
from ..agencies.models import Agency
from ..db import db, locked, on_sqlite, savepoint
from ..dossiers import work
from ..dossiers.models import OpenTask
from . import identity
from .models import User
from .passwords import hash_password

ROLES = (*LANE_ROLES, "admin")
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
MAX_POSITION = 100
SIGNING_ROLE = "leader"  # signs results and apologies above their title (dossiers/printouts.py signer)
MESSAGES = {
    "username": "Tên đăng nhập gồm 3–64 ký tự: chữ thường không dấu, chữ số, dấu chấm, gạch dưới, gạch ngang.",
    "username_taken": "Tên đăng nhập này đã có người dùng.",
    "email_required": "Nhập địa chỉ thư điện tử công vụ: thư kích hoạt tài khoản được gửi tới đó.",
    "email_taken": "Địa chỉ thư điện tử này đã thuộc về tài khoản khác.",
    "role": "Chọn vai trò của cán bộ.",
    "agency": "Chọn cơ quan của cán bộ.",
    "position": f"Chức vụ tối đa {MAX_POSITION} ký tự.",
    "position_required": "Nhập chức vụ của lãnh đạo đúng như in dưới chữ ký (ví dụ «Giám đốc Sở Tư pháp» hay "
                         "«Phó Giám đốc Sở Tư pháp»): kết quả, thư xin lỗi do lãnh đạo ký đều in chức vụ này.",
    "last_admin": "Không thể bỏ quyền hoặc khóa tài khoản quản trị cuối cùng đang hoạt động (tài khoản quản trị "
                  "chưa kích hoạt không được tính: chờ người đó đặt mật khẩu và đăng nhập rồi mới đổi).",
}


@dataclass(frozen=True)
class Change:
    user: User
    released: int  # claimed tasks given back to their group
    stranded: int = 0  # open tasks of the role and agency the officer left, which nobody active has now


def _small_id(value) -> bool:
    return str(value or "").isdecimal() and len(str(value)) < 10


def agencies() -> list[Agency]:
    return list(db.session.execute(select(Agency).order_by(Agency.name)).scalars())


def validate(form, officer: User | None = None) -> tuple[dict, dict]:
    """(clean values, error by field) of the officer form; `officer`: the account edited (its
    user name is not changed)."""
    clean, errors = {}, {}
    if officer is None:
        username = (form.get("ten_dang_nhap") or "").strip().lower()
        if not USERNAME.match(username):
            errors["ten_dang_nhap"] = MESSAGES["username"]
        elif db.session.execute(select(User.id).where(User.username == username)).first():
            errors["ten_dang_nhap"] = MESSAGES["username_taken"]
        clean["username"] = username
    name = form.get("ho_ten") or ""
    error = identity.name_error(name)
    if error:
        errors["ho_ten"] = error
    clean["full_name"] = " ".join(name.split())
    email = identity.normalise_email(form.get("email") or "")
    if not email:
        errors["email"] = MESSAGES["email_required"]
    elif identity.email_error(email):
        errors["email"] = identity.email_error(email)
    elif db.session.execute(select(User.id).where(User.email == email, User.id != (officer.id if officer else -1))).first():
        errors["email"] = MESSAGES["email_taken"]
    clean["email"] = email
    role = form.get("vai_tro") or ""
    if role not in ROLES:
        errors["vai_tro"] = MESSAGES["role"]
    clean["role"] = role
    agency = db.session.get(Agency, int(form["co_quan"])) if _small_id(form.get("co_quan")) else None
    if agency is None:
        errors["co_quan"] = MESSAGES["agency"]
    clean["agency"] = agency
    position = " ".join((form.get("chuc_vu") or "").split())
    if len(position) > MAX_POSITION:
        errors["chuc_vu"] = MESSAGES["position"]
    elif not position and role == SIGNING_ROLE:
        errors["chuc_vu"] = MESSAGES["position_required"]
    clean["position"] = position or None
    clean["active"] = officer is None or form.get("hoat_dong") == "1"
    return clean, errors


def create(clean: dict, admin: User, at: datetime) -> User:
    """The account, not yet activated (the caller queues the activation mail in the same
    transaction). IntegrityError when the name or address was taken a moment ago."""
    officer = User(username=clean["username"], password_hash=hash_password(secrets.token_urlsafe(32)),
                   role=clean["role"], agency=clean["agency"], full_name=clean["full_name"], email=clean["email"],
                   position=clean["position"], created_at=at, creator=admin)
    with savepoint():
        db.session.add(officer)
    return officer


def update(officer: User, clean: dict, admin: User, at: datetime) -> Change:
    """Apply the form; a move or a deactivation gives back the officer's claimed tasks and ends
    their sessions and API tokens. Raises ValueError(last_admin) rather than lock the province out.
    The administrators are counted under a lock every change of an account takes (`_lock`), so
    two administrators locked out at once are refused one after the other, never both allowed."""
    officer = _lock(officer)
    left = (officer.role, officer.agency_id)
    moved = (clean["role"], clean["agency"].id) != left
    stopped = officer.active and not clean["active"]
    if officer.role == "admin" and (clean["role"] != "admin" or stopped) and _other_admins(officer) == 0:
        raise ValueError(MESSAGES["last_admin"])
    if clean["active"] and not officer.active:  # opened again: its idle time counts from now
        officer.reactivated_at, officer.idle_locked_at = at, None
    if clean["email"] != officer.email:
        officer.email_verified_at = None  # verified again by the next activation or reset link
    officer.full_name, officer.email, officer.position = clean["full_name"], clean["email"], clean["position"]
    officer.role, officer.agency, officer.active = clean["role"], clean["agency"], clean["active"]
    released = stranded = 0
    if moved or stopped:
        officer.end_sessions()
        released = work.release_claims(officer, admin, at)
        stranded = _stranded(*left, officer.id)
    return Change(officer, released, stranded)


def _stranded(role: str, agency_id: int, leaving_id: int) -> int:
    """The open tasks of `role` at the agency when no other officer able to work them is left
    (active, activated): they wait for nobody, which the administrator must hear at once."""
    others = db.session.execute(select(func.count()).select_from(User).where(
        User.role == role, User.agency_id == agency_id, User.id != leaving_id, able_to_work())).scalar()
    if others:
        return 0
    return db.session.execute(select(func.count()).select_from(OpenTask).where(
        OpenTask.role == role, OpenTask.agency_id == agency_id, OpenTask.closed_at.is_(None))).scalar()


def _lock(officer: User) -> User:
    """The officer's row locked and read afresh, after the active administrators' rows: counted
    without a lock, two administrators locking each other out at once both saw the other still
    active (write skew). On SQLite the row lock is the database's write lock, which serialises
    every change; on PostgreSQL the administrators' rows are locked first, in id order (no
    deadlock), so each such change waits for the one before and counts what it left."""
    if not on_sqlite():
        db.session.execute(select(User.id).where(User.role == "admin", User.active.is_(True))
                           .order_by(User.id).with_for_update())
    return locked(select(User).where(User.id == officer.id), User, officer.id, "role").scalar_one()


def _other_admins(officer: User) -> int:
    """The other administrators who can log in: an account opened and never activated (its link
    mistyped or expired) would leave the province with nobody able to open another."""
    return db.session.execute(select(func.count(User.id)).where(
        User.role == "admin", User.active.is_(True), User.id != officer.id,
        or_(User.last_login_at.isnot(None), activated()))).scalar_one()
