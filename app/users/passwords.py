"""Password hashing with argon2id (memory-hard), and the lockout after repeated failures."""
from __future__ import annotations

from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
# The hash of a random password: checked when the user does not exist, so a wrong username
# costs as long as a wrong password and does not reveal which accounts exist.
_DUMMY = _hasher.hash("không-có-tài-khoản-này")

MAX_FAILURES = 5
LOCK_MINUTES = 15


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password(user, password: str, at: datetime) -> bool:
    """True when the password is right and the account is usable; records failures."""
    if user is None:
        _verify(_DUMMY, password)
        return False
    if not user.active or (user.locked_until is not None and user.locked_until > at):
        _verify(_DUMMY, password)
        return False
    if _verify(user.password_hash, password):
        user.failed_logins = 0
        user.locked_until = None
        user.last_login_at = at
        return True
    user.failed_logins += 1
    if user.failed_logins >= MAX_FAILURES:
        # Backoff doubles with every further failure, from 15 minutes.
        user.locked_until = at + timedelta(minutes=LOCK_MINUTES * 2 ** (user.failed_logins - MAX_FAILURES))
    return False


def _verify(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False
