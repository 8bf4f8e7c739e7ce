"""Protection of every state-changing page form against cross-site requests: a random token
kept in the signed session and repeated in a hidden field. The JSON API is exempt: it takes
bearer tokens, which a browser never sends by itself."""
from __future__ import annotations

import hmac
import secrets

from flask import Flask, abort, request, session

FIELD = "csrf_token"
SAFE = {"GET", "HEAD", "OPTIONS"}


def csrf_token() -> str:
    if FIELD not in session:
        session[FIELD] = secrets.token_urlsafe(32)
    return session[FIELD]


def _check() -> None:
    if request.method in SAFE or request.path.startswith("/api/"):
        return
    expected = session.get(FIELD)
    # A multipart body larger than MAX_CONTENT_LENGTH raises 413 here, which is the right answer.
    given = request.form.get(FIELD, "")
    if not expected or not hmac.compare_digest(expected, given):
        abort(400, description="csrf")


def init_csrf(app: Flask) -> None:
    app.before_request(_check)
    app.jinja_env.globals["csrf_token"] = csrf_token
