"""Page sessions: who is logged in, kept in Flask's signed cookie as the user id and the
account's token generation, so a password change or reset logs out every other session."""
from __future__ import annotations

from functools import wraps

from flask import abort, g, redirect, request, session, url_for

from ..db import db
from ..users.models import User

SESSION_ENDED = "session_ended"  # the 401's description, which app/errors.py answers with the form kept


def login_user(user: User) -> None:
    csrf = session.get("csrf_token")
    session.clear()  # nothing from before the login survives it (session fixation)
    session.permanent = True
    session.update(uid=user.id, gen=user.token_generation)
    if csrf:
        session["csrf_token"] = csrf


def logout_user() -> None:
    session.clear()


def load_user() -> None:
    g.user = None
    uid = session.get("uid")
    if uid is None:
        return
    user = db.session.get(User, uid)
    if user is None or not user.active or user.token_generation != session.get("gen"):
        session.pop("uid", None)
        return
    g.user = user


def login_required(*roles: str):
    """Send an anonymous visitor to the login page and back here afterwards; a logged-in
    user without one of `roles` gets 403. A form sent without a session (ended elsewhere: a
    password changed, an account moved or locked) is answered 401 with what it carried
    (app/errors.py), never redirected: that would drop it and log in back to a POST-only address."""
    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if g.get("user") is None:
                if request.method not in ("GET", "HEAD"):
                    abort(401, description=SESSION_ENDED)
                return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
            if roles and g.user.role not in roles:
                abort(403)
            return view(*args, **kwargs)
        return wrapper
    return decorate
