"""Why a document cannot be signed now: raised by the key backends (backends.py, device.py)
and the checks of a key against its certificate (identity.py)."""
from __future__ import annotations

from .messages import ERRORS


class SigningUnavailable(Exception):
    """No usable key for the agency; str(exc) says what is missing, in Vietnamese, for the
    operator (files, device errors); `for_officers` says it without the server's paths."""

    def __init__(self, message: str, for_officers: str | None = None):
        super().__init__(message)
        self.for_officers = for_officers or message


def unusable_key(message: str) -> SigningUnavailable:
    """A key or certificate that is there but cannot be used: the operator's details, and the
    officers' sentence without them."""
    return SigningUnavailable(message, ERRORS["bad_key_officers"])
