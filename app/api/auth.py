"""POST /auth/token, and the decorator that puts the token's user on `g.user`."""
from __future__ import annotations

from functools import wraps

from flask import g, request
from marshmallow import Schema, fields
from sqlalchemy import select

from ..clock import now
from ..db import db
from ..security.ratelimit import LOGIN_LIMIT, RateLimited, add, check
from ..users.models import User
from ..users.passwords import check_password
from ..users.tokens import issue_token, user_for_token
from .blueprint import ApiError, api
from .input import length, parse
from .messages import ERRORS


class TokenRequest(Schema):
    username = fields.String(required=True, validate=length(1, 64))
    password = fields.String(required=True, validate=length(1, 256))


@api.post("/auth/token")
def token():
    try:  # the login page's limit on wrong passwords, counted together: guesses cannot move here
        check(LOGIN_LIMIT, request.remote_addr or "?", now())
    except RateLimited as exc:
        raise ApiError(429, "rate_limited", ERRORS["login_limited"].format(seconds=exc.retry_after),
                       headers={"Retry-After": str(exc.retry_after)}) from exc
    body = parse(TokenRequest())
    user = db.session.execute(select(User).where(User.username == body["username"])).scalar_one_or_none()
    ok = check_password(user, body["password"], now())
    db.session.commit()  # keep the failure count even when refusing
    if not ok:
        add(LOGIN_LIMIT, request.remote_addr or "?", now())
        raise ApiError(401, "unauthorized", ERRORS["login_failed"])
    if user.role == "citizen" and user.email_verified_at is None:  # as the login page says
        raise ApiError(403, "unverified", ERRORS["unverified"])
    return {"access_token": issue_token(user), "token_type": "Bearer",
            "user": {"username": user.username, "role": user.role, "full_name": user.full_name}}


def current_user(optional: bool = False) -> User | None:
    header = request.headers.get("Authorization", "")
    if not header:
        if optional:
            return None
        raise ApiError(401, "unauthorized", ERRORS["no_token"])
    scheme, _, value = header.partition(" ")
    user = user_for_token(value.strip()) if scheme.lower() == "bearer" else None
    if user is None:
        raise ApiError(401, "unauthorized", ERRORS["bad_token"])
    return user


def login_required(*roles: str):
    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            g.user = current_user()
            if roles and g.user.role not in roles:
                raise ApiError(403, "forbidden", ERRORS["forbidden"])
            return view(*args, **kwargs)
        return wrapper
    return decorate
