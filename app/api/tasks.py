"""Officers' tasks: the inbox (from the task projection only), claim, release, complete."""
from __future__ import annotations

from flask import current_app, g, request
from marshmallow import Schema, fields
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from engine.forms import load_form

from ..clock import now
from ..db import db
from ..dossiers import work
from ..dossiers.models import Dossier, OpenTask
from ..users.models import OFFICER_ROLES, User
from . import serialize
from .auth import login_required
from .blueprint import api
from .input import parse

INBOX_LIMIT = 200


class CompleteBody(Schema):
    data = fields.Dict(load_default=dict)
    # Required only for a second supplement request on the same dossier.
    justification = fields.String(load_default=None, validate=lambda s: len(s) <= 2000)


class AssignBody(Schema):
    assignee = fields.String(required=True, validate=lambda s: 0 < len(s) <= 64)


@api.get("/tasks")
@login_required(*OFFICER_ROLES)
def inbox():
    query = work.inbox_query(g.user, mine_only=request.args.get("mine") in ("1", "true")).options(
        joinedload(OpenTask.dossier).joinedload(Dossier.procedure),
        joinedload(OpenTask.dossier).joinedload(Dossier.agency),
        joinedload(OpenTask.agency), joinedload(OpenTask.claimed_by))
    tasks = db.session.execute(query.limit(INBOX_LIMIT)).scalars().all()
    return {"items": [serialize.open_task(t) for t in tasks]}


@api.get("/tasks/<task_id>")
@login_required(*OFFICER_ROLES)
def task(task_id: str):
    found = work.task_for(g.user, task_id)
    body = serialize.open_task(found)
    if found.form:
        form = load_form(current_app.config["MOTCUA_FORMS_DIR"], found.form, found.ui_form)
        body["form"] = {"schema": form.schema, "ui_schema": form.ui_schema}
    return body


@api.post("/tasks/<task_id>/claim")
@login_required(*OFFICER_ROLES)
def claim(task_id: str):
    return serialize.open_task(work.claim(g.user, task_id, now()))


@api.post("/tasks/<task_id>/release")
@login_required(*OFFICER_ROLES)
def release(task_id: str):
    return serialize.open_task(work.release(g.user, task_id, now()))


@api.post("/tasks/<task_id>/assign")
@login_required("leader", "admin")
def assign(task_id: str):
    body = parse(AssignBody())
    assignee = db.session.execute(select(User.id).where(User.username == body["assignee"])).scalar()
    return serialize.open_task(work.assign(g.user, task_id, assignee, now()))


@api.post("/tasks/<task_id>/complete")
@login_required(*OFFICER_ROLES)
def complete(task_id: str):
    body = parse(CompleteBody())
    dossier = work.complete(g.user, task_id, body["data"], now(), body["justification"])
    return {"dossier": {"id": dossier.id, "code": dossier.code, "status": serialize.status(dossier.status),
                        "due_at": serialize.instant(dossier.due_at)}}
