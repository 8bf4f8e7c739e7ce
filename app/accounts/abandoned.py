"""Registrations never verified: a self-registered account whose verification link expired
unused (links.VERIFY_HOURS) holds no ID number or e-mail address against their real holder.
Until then it does, and the one who meets it is told until when (nobody can be registered
twice, and the first registrant may still open the mail)."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, exists, or_, select

from ..db import db
from ..users.models import AccountCorrection, DataAccess, User
from .links import VERIFY_HOURS


def _unverified_self_registered():
    return and_(User.role == "citizen", User.created_by_id.is_(None), User.email_verified_at.is_(None))


def _holding(id_number: str | None, email: str | None):
    held = [User.holding("cccd", id_number), User.username == id_number] if id_number else []
    return or_(*held, *([User.email == email] if email else []))


def release(id_number: str | None, email: str | None, at: datetime, proven_by: int | None = None) -> None:
    """Remove the expired unverified registrations holding `id_number` or `email`, unless
    anything refers to them (the desk found one by its number: a dossier, a correction).
    `proven_by`: the account whose owner just opened a link mailed to `email`, which no other
    registration that never did can stand against, expired or not."""
    from ..dossiers.models import Dossier
    from ..portal.models import Draft
    if not (id_number or email):
        return
    referred = or_(*(exists().where(column == User.id) for column in (
        Dossier.owner_id, Draft.owner_id, AccountCorrection.user_id, DataAccess.user_id)))
    for user in db.session.execute(select(User).where(
            _holding(id_number, email), _unverified_self_registered(),
            User.created_at <= (at if proven_by else at - timedelta(hours=VERIFY_HOURS)), User.id != (proven_by or 0),
            ~referred)).scalars():
        db.session.delete(user)
    db.session.flush()


def pending_until(id_number: str | None, email: str | None) -> datetime | None:
    """When the unverified registration holding `id_number` or `email` frees it, if one does."""
    if not (id_number or email):
        return None
    created = db.session.execute(select(User.created_at).where(
        _holding(id_number, email), _unverified_self_registered())).scalars().first()
    return created + timedelta(hours=VERIFY_HOURS) if created is not None else None
