"""What a workspace form carries between its sendings (counter intake, a paper supplement,
digitising a paper result): the scans already accepted (app/files/carried.py: a signed hidden
field, each scan removable by its own button, a scan chosen again kept once), said in the
workspace's words; and a one-time value, so the same form sent twice (a double click, a page
sent again) acts once."""
from __future__ import annotations

import secrets

from flask import request

from ..files import carried as _carried
from ..files.carried import FIELD, carried, carry, merged  # noqa: F401 -- the pages read them here, with the rest
from ..files.kept import REMOVE  # noqa: F401 -- likewise
from .messages import MESSAGES

NONCE = "nonce"


def gathered(new: list[dict], action: str) -> list[dict]:
    """The scans a form holds as sent: those it carried, less the one its remove button names
    (`action`), then the new uploads without exact duplicates; the page says what it removed
    and what it left out."""
    return _carried.gathered(new, action, MESSAGES)


def sent_nonce() -> str:
    """The one-time value the form was sent with ("" when it had none)."""
    return request.form.get(NONCE, "")[:64]


def nonce() -> str:
    """The one-time value for a form on the page: kept when the form is sent back for a
    correction (it is still the same submission), else a new one."""
    return sent_nonce() or secrets.token_urlsafe(16)
