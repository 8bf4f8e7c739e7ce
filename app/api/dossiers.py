"""Dossiers: submit, read, and the citizen's messages (supplement, withdrawal)."""
from __future__ import annotations

from flask import g, request
from marshmallow import Schema, fields
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from ..clock import now
from ..db import db
from ..dossiers import citizen
from ..dossiers.access import may_read
from ..dossiers.errors import Forbidden, NotFound
from ..dossiers.events import history
from ..dossiers.messages import ERRORS
from ..dossiers.models import Dossier, OpenTask
from ..dossiers.submission import submit
from . import serialize
from .auth import login_required
from .blueprint import api
from .input import parse

MAX_KEY = 128


class DossierCreate(Schema):
    procedure_code = fields.String(required=True, validate=lambda s: 0 < len(s) <= 32)
    data = fields.Dict(required=True)


class MessageBody(Schema):
    data = fields.Dict(load_default=dict)


def _find(ref: str) -> Dossier:
    query = select(Dossier).where(Dossier.code == ref[:40])
    if ref.isdigit() and len(ref) < 12:
        query = select(Dossier).where(or_(Dossier.id == int(ref), Dossier.code == ref))
    dossier = db.session.execute(query).scalars().first()
    if dossier is None:
        raise NotFound(ERRORS["unknown_dossier"].format(ref=ref[:40]))
    return dossier


def _readable(ref: str) -> Dossier:
    dossier = _find(ref)
    if not may_read(g.user, dossier):
        raise Forbidden(ERRORS["not_owner"])
    return dossier


def _body(dossier: Dossier) -> dict:
    tasks = db.session.execute(select(OpenTask).where(
        OpenTask.dossier_id == dossier.id, OpenTask.closed_at.is_(None))
        .options(joinedload(OpenTask.agency), joinedload(OpenTask.claimed_by))).scalars().all()
    events = history(dossier.id)
    return serialize.dossier(dossier, tasks, events)


@api.post("/dossiers")
@login_required("citizen")
def create_dossier():
    body = parse(DossierCreate())
    key = (request.headers.get("Idempotency-Key") or "")[:MAX_KEY] or None
    dossier, created = submit(g.user, body["procedure_code"], body["data"], now(), key)
    return _body(dossier), 201 if created else 200


@api.get("/dossiers")
@login_required()
def my_dossiers():
    rows = db.session.execute(select(Dossier).where(Dossier.owner_id == g.user.id)
                              .order_by(Dossier.submitted_at.desc()).limit(100)).scalars().all()
    return {"items": [{"id": d.id, "code": d.code, "procedure": d.procedure.name, "status": serialize.status(d.status),
                       "submitted_at": serialize.instant(d.submitted_at), "due_at": serialize.instant(d.due_at),
                       "late": d.late} for d in rows]}


@api.get("/dossiers/<ref>")
@login_required()
def get_dossier(ref: str):
    return _body(_readable(ref))


@api.post("/dossiers/<ref>/supplement")
@login_required("citizen")
def supplement(ref: str):
    body = parse(MessageBody())
    return _body(citizen.deliver(g.user, _find(ref), citizen.SUPPLEMENT, body["data"], now()))


@api.post("/dossiers/<ref>/withdraw")
@login_required("citizen")
def withdraw(ref: str):
    body = parse(MessageBody())
    return _body(citizen.deliver(g.user, _find(ref), citizen.WITHDRAWAL, body["data"], now()))
