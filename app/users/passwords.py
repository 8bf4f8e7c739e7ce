"""Password hashing with argon2id (memory-hard), and the lockout after repeated failures."""
from __future__ import annotations

import os
from datetime import datetime, timedelta
from functools import lru_cache

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError

# MOTCUA_PASSWORD_COST=test gives argon2id's cheapest parameters, for test suites that log in
# thousands of times; anything else is RFC 9106's recommendation (64 MiB, 3 passes). A hash made
# at a lower cost than the current one is remade at the next good login (needs_rehash).
_COSTS = {"standard": profiles.RFC_9106_LOW_MEMORY, "test": profiles.CHEAPEST}


def hasher_for(cost: str) -> PasswordHasher:
    return PasswordHasher.from_parameters(_COSTS.get(cost, _COSTS["standard"]))


_hasher = hasher_for(os.environ.get("MOTCUA_PASSWORD_COST", ""))


# The hash of a random password: checked when the user does not exist, so a wrong username
# costs as long as a wrong password and does not reveal which accounts exist.
@lru_cache(maxsize=1)
def _dummy() -> str:  # made at the first login, not at every command's start
    return _hasher.hash("không-có-tài-khoản-này")


MAX_FAILURES = 5
LOCK_MINUTES = 15


def hash_password(password: str) -> str:
    return _hasher.hash(password)


OK, FAILED, CLOSED = "ok", "failed", "closed"


def check_password(user, password: str, at: datetime) -> bool:
    """True when the password is right and the account is usable; records failures."""
    return login_outcome(user, password, at) == OK


def login_outcome(user, password: str, at: datetime) -> str:
    """OK; CLOSED when the account was closed (by an administrator, or for being unused) and the
    password is its own: the person proved who they are and may be told to ask for it to be
    opened, while a guesser learns nothing; FAILED otherwise, a failure recorded."""
    if user is None:
        _verify(_dummy(), password)
        return FAILED
    if not user.active:  # the account's own hash, as for an open account: the same time either way
        return CLOSED if _verify(user.password_hash, password) else FAILED
    if user.locked_until is not None and user.locked_until > at:
        _verify(_dummy(), password)
        return FAILED
    if _verify(user.password_hash, password):
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        user.failed_logins = 0
        user.locked_until = None
        user.last_login_at = at
        return OK
    user.failed_logins += 1
    if user.failed_logins >= MAX_FAILURES:
        # Backoff doubles with every further failure, from 15 minutes.
        user.locked_until = at + timedelta(minutes=LOCK_MINUTES * 2 ** (user.failed_logins - MAX_FAILURES))
    return FAILED


def _verify(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False
