"""Scans already accepted on a form ride along in a signed hidden field, so a form sent back
for a correction never loses them (counter intake, digitising a paper result)."""
from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

FIELD = "tep_da_nhan"


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
