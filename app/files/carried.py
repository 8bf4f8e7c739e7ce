"""The files a page form carries between its sendings (counter intake, a paper or an online
supplement, digitising a paper result): those already accepted, in a signed hidden field, so a
form sent back for a correction never loses them, each removable by its own button
(app/files/kept.py), and a file chosen again is kept once.

A `scope` names the form the field belongs to (say, one citizen's supplement to one dossier): a
field signed for another scope is ignored like a tampered one. The texts said on removing a file
or leaving out a duplicate are the page's own ("file_removed", "file_duplicate", with {name})."""
from __future__ import annotations

import re
import secrets
from collections.abc import Mapping

from flask import current_app, flash, request
from itsdangerous import BadSignature, URLSafeSerializer

from .kept import without
from .messages import MESSAGES
from .storage import storage

FIELD = "tep_da_nhan"
NONCE = "nonce"  # a one-time value: the same form sent twice (a double click) acts once
NONCE_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,64}")  # what `nonce` gives (secrets.token_urlsafe), and short enough to keep
SALT = "motcua-carried-files"


def _serializer(scope: str) -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=f"{SALT}:{scope}" if scope else SALT)


def carry(files: list[dict], scope: str = "") -> str:
    """The hidden field's value holding `files`."""
    return _serializer(scope).dumps(files)


def carried(token: str, scope: str = "") -> list[dict]:
    """The files accepted earlier on this form; a tampered field (or one of another scope) is ignored."""
    if not token:
        return []
    try:
        files = _serializer(scope).loads(token)
    except BadSignature:
        return []
    if not isinstance(files, list):
        return []
    # A form left open for longer than the sweep waits (sweep.py) may carry a file removed since.
    store = storage()
    present = [f for f in files if isinstance(f, dict) and store.exists(f.get("storage_key"))]
    for gone in (f for f in files if f not in present):
        flash(MESSAGES["carried_gone"].format(name=gone.get("file_name", "") if isinstance(gone, dict) else ""))
    return present


def merged(kept: list[dict], new: list[dict]) -> tuple[list[dict], list[dict]]:
    """The kept files then the new ones, without a file whose content (sha256) its component
    already has: choosing the same file again after a correction stores it once. Returns
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


def gathered(new: list[dict], action: str, messages: Mapping[str, str], scope: str = "") -> list[dict]:
    """The files a form holds as sent: those it carried, less the one its remove button names
    (`action`), then the new uploads without exact duplicates; the page says (in `messages`)
    what it removed and what it left out."""
    kept = carried(request.form.get(FIELD, ""), scope)
    kept, gone = without(kept, action)
    if gone is not None:
        flash(messages["file_removed"].format(name=gone.get("file_name", "")))
    files, duplicates = merged(kept, new)
    for item in duplicates:
        flash(messages["file_duplicate"].format(name=item.get("file_name", "")))
    return files


def sent_nonce() -> str:
    """The one-time value the form was sent with; "" when it had none or one no page gives
    (other characters, or too long to keep whole: cut, two could match)."""
    value = request.form.get(NONCE, "")
    return value if NONCE_SHAPE.fullmatch(value) else ""


def nonce(fresh: bool = False) -> str:
    """The one-time value for a form on the page: kept when the form is sent back for a
    correction (it is still the same submission), else (or when `fresh`) a new one."""
    return (not fresh and sent_nonce()) or secrets.token_urlsafe(16)
