"""Signed, time-limited links sent by mail: e-mail verification (bound to the account and the
address it verifies), password reset and the activation of an account the one-stop desk opened
(both bound to the account's token generation, so they work once). The issue time inside the signature comes from the application clock."""
from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from ..clock import now

VERIFY_HOURS, RESET_HOURS = 48, 1
ACTIVATE_HOURS = 7 * 24  # a counter account's activation: the citizen reads it at home, later


def _serializer(purpose: str) -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=f"motcua-{purpose}")


def make(purpose: str, **payload) -> str:
    return _serializer(purpose).dumps({**payload, "at": int(now().timestamp())})


def read(purpose: str, token: str, hours: float) -> dict | None:
    """The payload, or None when the token is forged, for another purpose or too old."""
    try:
        payload = _serializer(purpose).loads(token[:2000])
    except BadSignature:
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("at"), int):
        return None
    age = now().timestamp() - payload["at"]
    return payload if -300 <= age <= hours * 3600 else None


def absolute(path: str) -> str:
    return current_app.config["MOTCUA_PUBLIC_URL"].rstrip("/") + path
