"""Officers' tasks: the inbox (from the task projection only), claim, release, complete."""
from __future__ import annotations

from flask import current_app, g, request
from marshmallow import Schema, fields
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from engine import statuses
from engine.forms import load_form

from ..clock import now
from ..db import db
from ..agencies.models import Agency
from ..catalogue.models import Procedure
from ..dossiers import inbox, work
from ..dossiers.models import Dossier, OpenTask
from ..users.models import OFFICER_ROLES, User
from . import serialize
from .auth import login_required
from .blueprint import ApiError, api
from .input import FormData, length, parse
from .messages import ERRORS

class CompleteBody(Schema):
    data = FormData(load_default=dict)
    # Required only for a second supplement request on the same dossier.
    justification = fields.String(load_default=None, validate=length(0, 2000))


class AssignBody(Schema):
    assignee = fields.String(required=True, validate=length(1, 64))


# The API's names for the inbox's tabs and due filters (app/dossiers/inbox.py).
TABS = {"available": inbox.AVAILABLE, "mine": "cua-toi", "unclaimed": "cho-nhan", "group": "nhom"}
ADMIN_TABS = {"group": "nhom"}  # an administrator holds no task: the tasks to assign
DUE = {"overdue": "qua-han", "today": "hom-nay", "3-working-days": "3-ngay", "none": "khong-han"}


def _choice(name: str, choices: dict, default: str | None = None) -> str | None:
    value = request.args.get(name) or default
    if value is not None and value not in choices:
        raise ApiError(422, "invalid", ERRORS["invalid"],
                       [{"field": name, "message": ERRORS["one_of"].format(values=", ".join(choices))}])
    return choices[value] if value is not None else None


def _positive(name: str) -> int | None:
    value = request.args.get(name)
    if value is None:
        return None
    if not value.isdecimal() or len(value) > 9 or int(value) < 1:
        raise ApiError(422, "invalid", ERRORS["invalid"], [{"field": name, "message": ERRORS["positive_integer"]}])
    return int(value)


def _status() -> int | None:
    """A public status (1-10): one no dossier can have is refused as the API refuses any value it
    cannot use, never answered with an empty list as if nothing had it."""
    value = _positive("status")
    if value is not None and statuses.known(value) is None:
        raise ApiError(422, "invalid", ERRORS["invalid"], [{"field": "status", "message": ERRORS["one_of"].format(
            values=", ".join(str(code) for code in sorted(statuses.LABELS)))}])
    return value


def _id_by_code(name: str, model, unknown: str) -> int | None:
    """The id of the row whose code the query's `name` gives (a procedure, an agency): an unknown
    one is refused, never answered with an empty list as if it had no work."""
    code = request.args.get(name)
    if not code:
        return None
    found = db.session.execute(select(model.id).where(model.code == code[:64])).scalar()
    if found is None:
        raise ApiError(422, "invalid", ERRORS["invalid"],
                       [{"field": name, "message": ERRORS[unknown].format(code=code[:64])}])
    return found


@api.get("/tasks")
@login_required(*OFFICER_ROLES, "admin")
def inbox_tasks():
    """The officer's inbox, the same tabs and filters as the inbox page, a page at a time; an
    administrator's is every agency's group tab (the tasks they may assign), or one `agency`'s."""
    legacy_mine = request.args.get("mine") in ("1", "true")
    if g.user.role == "admin":
        tab = _choice("tab", ADMIN_TABS, "group")
    else:
        tab = _choice("tab", TABS, "mine" if legacy_mine else "available")
    filters = inbox.Filters(procedure_id=_id_by_code("procedure", Procedure, "unknown_procedure"), status=_status(),
                            due=_choice("due", DUE), q=(request.args.get("q") or "")[:inbox.MAX_QUERY],
                            agency_id=_id_by_code("agency", Agency, "unknown_agency") if g.user.role == "admin"
                            else None)
    at = now()
    total = db.session.execute(inbox.count_statement(g.user, tab, filters, at)).scalar_one()
    page = inbox.tasks_page(g.user, tab, filters, at, _positive("page") or 1, total,
                            joinedload(OpenTask.dossier).joinedload(Dossier.procedure),
                            joinedload(OpenTask.dossier).joinedload(Dossier.agency),
                            joinedload(OpenTask.agency), joinedload(OpenTask.claimed_by))
    return {"items": [serialize.open_task(t) for t in page.rows], "total": page.total, "page": page.page,
            "pages": page.pages}


@api.get("/tasks/<task_id>")
@login_required(*OFFICER_ROLES, "admin")
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
