from __future__ import annotations

from sqlalchemy import and_

from ..db import UTCDateTime, db, utcnow
from .identity import ID_LABELS

ROLES = ("citizen", "one_stop", "specialist", "leader", "coordinator", "admin")
OFFICER_ROLES = ("one_stop", "specialist", "leader", "coordinator")


VIETNAM = "Việt Nam"


class User(db.Model):
    __tablename__ = "users"
    # One account per identity paper: a number is unique within its kind (a foreign passport may
    # read like a CCCD). The number first, so logging in by number alone uses the index too.
    __table_args__ = (db.UniqueConstraint("id_number", "id_kind", name="uq_users_id_number_kind"),)

    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(64), nullable=False, unique=True)
    password_hash = db.Column(db.String(255), nullable=False)
    role = db.Column(db.String(16), nullable=False, index=True)
    agency_id = db.Column(db.Integer, db.ForeignKey("agencies.id"), index=True)
    full_name = db.Column(db.String(200), nullable=False)
    position = db.Column(db.String(100))  # an officer's title as documents print it (chức vụ)
    email = db.Column(db.String(255), unique=True)
    phone = db.Column(db.String(20))
    # The number of the paper: a CCCD (12 digits) or a passport (6–20 letters and digits, upper
    # case), as `id_kind` says; a passport holder's nationality as the passport states it.
    id_number = db.Column(db.String(20))
    id_kind = db.Column(db.String(16), nullable=False, default="cccd", server_default="cccd")
    nationality = db.Column(db.String(100))
    date_of_birth = db.Column(db.Date)
    address = db.Column(db.String(500))
    email_verified_at = db.Column(UTCDateTime)  # a citizen logs in only once verified
    active = db.Column(db.Boolean, nullable=False, default=True)
    failed_logins = db.Column(db.Integer, nullable=False, default=0)
    locked_until = db.Column(UTCDateTime)
    # Bumped on password change: tokens issued before it stop working.
    token_generation = db.Column(db.Integer, nullable=False, default=0)
    created_at = db.Column(UTCDateTime, nullable=False, default=utcnow)
    last_login_at = db.Column(UTCDateTime)
    # An administrator opened the account again: an officer's idle time counts from then too
    # (users/idle.py), and `idle_locked_at` says when that lock closed it.
    reactivated_at = db.Column(UTCDateTime)
    idle_locked_at = db.Column(UTCDateTime)
    # The desk officer who recorded a citizen applying at the counter: the account has no
    # password its owner knows until activated from a mailed link (accounts/activation.py).
    created_by_id = db.Column(db.Integer, db.ForeignKey("users.id"))

    agency = db.relationship("Agency")
    creator = db.relationship("User", remote_side=[id])

    def end_sessions(self) -> None:
        """Bump the token generation, ending every session, API token and mailed link issued
        before: in SQL (`token_generation + 1`), so two requests doing it at once both count,
        where a read-modify-write in Python loses one; flushed, so the new value is read back."""
        self.token_generation = User.token_generation + 1
        db.session.flush()

    @property
    def is_officer(self) -> bool:
        return self.role in OFFICER_ROLES

    @property
    def id_label(self) -> str:
        """What the number is called where it is shown: «Số hộ chiếu» or «Số định danh cá nhân»."""
        return ID_LABELS.get(self.id_kind or "cccd", ID_LABELS["cccd"])

    @property
    def cccd(self) -> str | None:
        """The CCCD number, None for a passport holder: what an e-form's CCCD field is filled with."""
        return self.id_number if (self.id_kind or "cccd") == "cccd" else None

    @property
    def passport(self) -> str | None:
        return self.id_number if self.id_kind == "passport" else None

    @property
    def id_paper(self) -> str | None:
        """The paper as e-forms name it (`loai_giay_to`: "cccd" or "ho_chieu"), to prefill their choice."""
        return ("ho_chieu" if self.id_kind == "passport" else "cccd") if self.id_number else None

    @property
    def citizenship(self) -> str | None:
        """A CCCD is issued to Vietnamese citizens only; a passport says its holder's nationality."""
        if self.id_kind == "passport":
            return self.nationality
        return VIETNAM if self.id_number else None

    @staticmethod
    def holding(kind: str, number: str):
        """The SQL condition: the account holds this identity paper."""
        return and_(User.id_kind == kind, User.id_number == number)


def username_for(kind: str, number: str) -> str:
    """A citizen's user name: the CCCD number, or the passport's prefixed so it can never be a
    CCCD's or an officer's (lower case); either way the owner logs in with the number itself."""
    return number if kind == "cccd" else f"HC-{number}"


class AccountCorrection(db.Model):
    """What the one-stop desk corrected in a citizen account it opened at the counter, before its
    owner took it over: who, when, each field's old and new value. Append-only."""
    __tablename__ = "account_corrections"

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=False, index=True)
    actor_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=False)
    at = db.Column(UTCDateTime, nullable=False)
    # [{"field": "full_name", "old": "...", "new": "..."}, ...] in the order of the form; dates ISO.
    changes = db.Column(db.JSON, nullable=False)

    actor = db.relationship("User", foreign_keys=[actor_id])


class DataAccess(db.Model):
    """Who opened or reused what in a citizen's personal data store (DOMAIN.md §9: access is
    logged). Append-only."""
    __tablename__ = "data_access_log"

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=False, index=True)
    actor_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=False)
    at = db.Column(UTCDateTime, nullable=False)
    action = db.Column(db.String(32), nullable=False)  # view | reuse_file | reuse_profile
    detail = db.Column(db.String(255))
