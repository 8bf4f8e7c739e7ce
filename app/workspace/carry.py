"""What a form carries between its sendings (counter intake, digitising a paper result): the
scans already accepted, in a signed hidden field, so a form sent back for a correction never
loses them; and a one-time value, so the same form sent twice (a double click, a page sent
again) acts once."""
from __future__ import annotations

import secrets

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeSerializer

FIELD = "tep_da_nhan"
NONCE = "nonce"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="motcua-carried-files")


def carry(files: list[dict]) -> str:
    return _serializer().dumps(files)


def carried(token: str) -> list[dict]:
    """The scans accepted earlier on this form; a tampered field is ignored."""
    if not token:
        return []
    try:
        files = _serializer().loads(token)
    except BadSignature:
        return []
    return files if isinstance(files, list) else []


def sent_nonce() -> str:
    """The one-time value the form was sent with ("" when it had none)."""
    return request.form.get(NONCE, "")[:64]


def nonce() -> str:
    """The one-time value for a form on the page: kept when the form is sent back for a
    correction (it is still the same submission), else a new one."""
    return sent_nonce() or secrets.token_urlsafe(16)
