"""Dossiers: submit, read, and the citizen's messages (supplement, withdrawal), sent by the
citizen online or recorded by the one-stop desk that received them on paper (`channel`); the
fee: paid online by its owner (the API gives the gateway address to open, as the portal's
button does), or taken in cash by the desk."""
from __future__ import annotations


from flask import g, request, url_for
from marshmallow import Schema, fields
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from ..catalogue.forms import application_form
from ..clock import now
from ..db import db
from ..dossiers import citizen
from ..dossiers.access import ISSUED_EVENTS, consulted_only, may_read
from ..dossiers.errors import Forbidden, NotFound
from ..dossiers.events import history
from ..dossiers.messages import ERRORS
from ..dossiers.models import Dossier, OpenTask
from ..dossiers.submission import file_pairs, open_procedure, submit, validate_application
from ..dossiers.supplements import index_due, latest_request
from ..dossiers.printouts import public_url
from ..dossiers.request_keys import request_key
from ..payments import desk, online
from . import serialize
from .messages import ERRORS as API_ERRORS
from .auth import login_required
from .blueprint import ApiError, api
from .component_files import component_files, require_components
from .input import FormData, length, parse

MAX_KEY = 128


class DossierCreate(Schema):
    procedure_code = fields.String(required=True, validate=length(1, 32))
    data = FormData(required=True)


class FeeBody(Schema):
    channel = fields.String(load_default="counter")  # the desk's: "counter" or "postal"
    despite_online = fields.Boolean(load_default=False)  # the citizen says they are not paying online


class MessageBody(Schema):
    data = FormData(load_default=dict)
    channel = fields.String(load_default=None)  # the desk's: "counter" or "postal"
    postal_code = fields.String(load_default="")


def _find(ref: str) -> Dossier:
    query = select(Dossier).where(Dossier.code == ref[:40])
    if ref.isdecimal() and len(ref) < 10:  # an id the column holds
        query = select(Dossier).where(or_(Dossier.id == int(ref), Dossier.code == ref))
    dossier = db.session.execute(query).scalars().first()
    if dossier is None:
        raise NotFound(ERRORS["unknown_dossier"].format(ref=ref[:40]))
    return dossier


def _readable(ref: str) -> Dossier:
    dossier = _find(ref)
    if not may_read(g.user, dossier):  # as on the pages: someone else's dossier is not confirmed to exist
        raise NotFound(ERRORS["unknown_dossier"].format(ref=ref[:40]))
    return dossier


def _body(dossier: Dossier) -> dict:
    tasks = db.session.execute(select(OpenTask).where(
        OpenTask.dossier_id == dossier.id, OpenTask.closed_at.is_(None))
        .options(joinedload(OpenTask.agency), joinedload(OpenTask.claimed_by))).scalars().all()
    internal = g.user.role != "citizen"
    consulted = consulted_only(g.user, dossier)
    events = history(dossier.id, internal, hidden=ISSUED_EVENTS if consulted else ())
    asked = latest_request(dossier.id) if citizen.SUPPLEMENT in (dossier.waiting_messages or []) else None
    return serialize.dossier(dossier, tasks, events, index_due(dossier), internal=internal, supplement=asked,
                             consulted=consulted)


@api.post("/dossiers")
@login_required("citizen")
def create_dossier():
    body = parse(DossierCreate())
    procedure = open_procedure(body["procedure_code"])
    kept = validate_application(procedure, body["data"])  # the form's errors first, as the portal says them
    files = component_files(procedure)
    require_components(procedure, files, kept, application_form(procedure))
    key = _request_key([body["procedure_code"], body["data"], file_pairs(files)])
    dossier, created = submit(g.user, body["procedure_code"], body["data"], now(), key, files=files)
    return _body(dossier), 201 if created else 200


def _request_key(content: list) -> str | None:
    """The client's Idempotency-Key joined to what it sends. A retry sends the same request
    again: the key stands for it only with the same content (files too), so a key reused by
    mistake for another request never swallows it."""
    return request_key("api", (request.headers.get("Idempotency-Key") or "")[:MAX_KEY], content)


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


def _deliver(ref: str, message: str):
    """The message from the dossier's owner, or from the desk with how it reached them."""
    body = parse(MessageBody())
    dossier = _readable(ref)
    postal_code = " ".join(body["postal_code"].split())
    if g.user.role != "citizen":
        problem = citizen.channel_problem(body["channel"], postal_code)
        if problem is not None:
            raise ApiError(422, "invalid", API_ERRORS["desk_" + problem],
                           [{"field": problem, "message": API_ERRORS["desk_" + problem]}])
    elif body["channel"] is not None:
        raise Forbidden(ERRORS["not_desk"])
    if request.files and message != citizen.SUPPLEMENT:
        raise ApiError(422, "invalid", API_ERRORS["no_files"])
    files = component_files(dossier.procedure) if message == citizen.SUPPLEMENT else []
    key = _request_key([dossier.id, body["data"], file_pairs(files), body["channel"], postal_code]) \
        if message == citizen.SUPPLEMENT else None
    return _body(citizen.deliver(g.user, dossier, message, body["data"], now(), files=files,
                                 channel=body["channel"], postal_code=postal_code, request=key))


@api.post("/dossiers/<ref>/supplement")
@login_required("citizen", *citizen.DESK_ROLES)
def supplement(ref: str):
    return _deliver(ref, citizen.SUPPLEMENT)


@api.post("/dossiers/<ref>/withdraw")
@login_required("citizen", *citizen.DESK_ROLES)
def withdraw(ref: str):
    return _deliver(ref, citizen.WITHDRAWAL)


@api.post("/dossiers/<ref>/fee")
@login_required(*citizen.DESK_ROLES)
def collect_fee(ref: str):
    """The desk took the fee the dossier waits for, in cash: paid, receipt signed."""
    body = parse(FeeBody())
    channel = body["channel"]
    if channel not in citizen.DESK_CHANNELS:
        raise ApiError(422, "invalid", API_ERRORS["desk_channel"],
                       [{"field": "channel", "message": API_ERRORS["desk_channel"]}])
    dossier = _readable(ref)  # another agency's dossier is not confirmed to exist, as on the page
    desk.collect(g.user, dossier.id, channel, now(), despite_online=body["despite_online"])
    return _body(db.session.get(Dossier, dossier.id))


@api.post("/dossiers/<ref>/payment")
@login_required("citizen")
def pay_online(ref: str):
    """A new online payment of the fee the dossier waits for: the gateway page to open."""
    dossier = _find(ref)
    if dossier.owner_id != g.user.id:
        raise NotFound(ERRORS["unknown_dossier"].format(ref=ref[:40]))
    url = online.start(g.user, dossier.id, now(), request.remote_addr or "127.0.0.1",
                       public_url(url_for("payments.gateway_return")))
    return {"payment_url": url, "amount": db.session.get(Dossier, dossier.id).amount_due}, 201
