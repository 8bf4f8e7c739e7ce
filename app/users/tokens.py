"""Bearer tokens for the API: signed, time-limited, and void after a password change."""
from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from ..db import db
from .models import User

SALT = "motcua-api-token"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def issue_token(user: User) -> str:
    return _serializer().dumps({"uid": user.id, "gen": user.token_generation})


def user_for_token(token: str) -> User | None:
    max_age = int(current_app.config["MOTCUA_TOKEN_HOURS"] * 3600)
    try:
        payload = _serializer().loads(token, max_age=max_age)
    except BadSignature:  # also covers an expired signature
        return None
    if not isinstance(payload, dict):
        return None
    user = db.session.get(User, payload.get("uid"))
    if user is None or not user.active or user.token_generation != payload.get("gen"):
        return None
    return user
