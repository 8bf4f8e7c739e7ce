"""Drafts: one open application per citizen and procedure, saved at every step."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from ..db import db, locked, savepoint
from .models import Draft
from .prefill import prefill


def current_draft(user, procedure) -> Draft | None:
    return db.session.execute(select(Draft).where(Draft.owner_id == user.id, Draft.procedure_id == procedure.id)
                              .order_by(Draft.updated_at.desc()).limit(1)).scalar()


def own_draft(user, draft_id) -> Draft | None:
    draft = db.session.get(Draft, draft_id) if isinstance(draft_id, int) else None
    return draft if draft is not None and draft.owner_id == user.id else None


def lock_draft(user, draft_id: int) -> Draft | None:
    """The user's draft as last committed, its row locked until this transaction ends: saves and
    the submission of one draft (two tabs, a double click, a retry) run one after the other, each
    building on what the one before it kept. None when it is gone (submitted meanwhile)."""
    owner_id = user.id
    db.session.rollback()  # what was read before the lock may be stale; SQLite's lock must be the first write
    return locked(select(Draft).where(Draft.id == draft_id, Draft.owner_id == owner_id),
                  Draft, draft_id, "updated_at").scalar_one_or_none()


def start_draft(user, procedure, schema: dict, at: datetime) -> Draft:
    """A new draft, committed; or, when another request (a second tab opening the page at the
    same moment) started one first, that one: the unique index on (owner, procedure) refuses a
    second."""
    owner_id, procedure_id = user.id, procedure.id
    draft = Draft(owner_id=owner_id, procedure_id=procedure_id, data=prefill(schema, user, procedure_id), files=[],
                  representation={"kind": "self"}, created_at=at, updated_at=at)
    try:
        with savepoint():
            db.session.add(draft)
    except IntegrityError:  # the other request's draft, committed: read it
        db.session.rollback()
        return db.session.execute(select(Draft).where(Draft.owner_id == owner_id,
                                                      Draft.procedure_id == procedure_id)).scalar_one()
    db.session.commit()
    return draft


def my_drafts(user) -> list[Draft]:
    return db.session.execute(select(Draft).where(Draft.owner_id == user.id)
                              .order_by(Draft.updated_at.desc()).limit(50)).scalars().all()


def discard(draft_id: int) -> None:
    """A Core delete: when two submissions of the same draft race, the second deletes nothing
    instead of failing on a row it expected."""
    db.session.execute(delete(Draft).where(Draft.id == draft_id))


def draft_submission_key(draft_id: int) -> str:
    """Unique per draft since draft ids are never reused; the new prefix keeps these apart from the keys
    given before that (`draft:<id>`), when SQLite could hand a deleted draft's id out again."""
    return f"draft-ids:{draft_id}"
