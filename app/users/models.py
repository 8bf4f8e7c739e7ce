from __future__ import annotations

from ..db import UTCDateTime, db, utcnow

ROLES = ("citizen", "one_stop", "specialist", "leader", "coordinator", "admin")
OFFICER_ROLES = ("one_stop", "specialist", "leader", "coordinator")


class User(db.Model):
    __tablename__ = "users"

    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(64), nullable=False, unique=True)
    password_hash = db.Column(db.String(255), nullable=False)
    role = db.Column(db.String(16), nullable=False, index=True)
    agency_id = db.Column(db.Integer, db.ForeignKey("agencies.id"), index=True)
    full_name = db.Column(db.String(200), nullable=False)
    position = db.Column(db.String(100))  # an officer's title as documents print it (chức vụ)
    email = db.Column(db.String(255), unique=True)
    phone = db.Column(db.String(20))
    id_number = db.Column(db.String(12), unique=True)  # CCCD, 12 digits
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

    @property
    def is_officer(self) -> bool:
        return self.role in OFFICER_ROLES


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
