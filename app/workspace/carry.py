"""What a form carries between its sendings (counter intake, digitising a paper result): the
scans already accepted, in a signed hidden field, so a form sent back for a correction never
loses them, each removable by its own button, and a scan chosen again is kept once; and a
one-time value, so the same form sent twice (a double click, a page sent again) acts once."""
from __future__ import annotations

import secrets

from flask import current_app, flash, request
from itsdangerous import BadSignature, URLSafeSerializer

from ..files.kept import REMOVE, without  # noqa: F401 -- REMOVE: the pages read it here, with the rest
from .messages import MESSAGES

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


def merged(kept: list[dict], new: list[dict]) -> tuple[list[dict], list[dict]]:
    """The kept scans then the new ones, without a file whose content (sha256) its component
    already has: choosing the same scan again after a correction stores it once. Returns
    (the files, the duplicates left out)."""
    files, duplicates, seen = [], [], set()
    for item in kept + new:
        key = (item.get("component_code"), item.get("sha256"))
        if key in seen:
            duplicates.append(item)
            continue
        seen.add(key)
        files.append(item)
    return files, duplicates


def gathered(new: list[dict], action: str) -> list[dict]:
    """The scans a form holds as sent: those it carried, less the one its remove button names
    (`action`), then the new uploads without exact duplicates; the page says what it removed
    and what it left out."""
    kept = carried(request.form.get(FIELD, ""))
    kept, gone = without(kept, action)
    if gone is not None:
        flash(MESSAGES["file_removed"].format(name=gone.get("file_name", "")))
    files, duplicates = merged(kept, new)
    for item in duplicates:
        flash(MESSAGES["file_duplicate"].format(name=item.get("file_name", "")))
    return files


def sent_nonce() -> str:
    """The one-time value the form was sent with ("" when it had none)."""
    return request.form.get(NONCE, "")[:64]


def nonce() -> str:
    """The one-time value for a form on the page: kept when the form is sent back for a
    correction (it is still the same submission), else a new one."""
    return sent_nonce() or secrets.token_urlsafe(16)
