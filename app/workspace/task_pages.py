"""Working one task: the dossier at a glance, the step's form (the same JSON Schema renderer as
the portal), and the actions the diagram offers through that form."""
from __future__ import annotations

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for

from engine.forms import load_form
from engine.statuses import PROCESSED, PROCESSING

from ..clock import now
from ..db import db
from ..dossiers import printouts, results, supplements, work
from ..dossiers.access import consulted_only
from ..dossiers.errors import Conflict, Forbidden, Invalid, NotFound
from ..dossiers.models import OpenTask
from ..eforms import FormTooLarge, apply_action, field_anchor, parse_submission, render_fields
from ..eforms.readable import readable
from ..files.chosen import limits_text, read_field
from ..files.download import file_response
from ..files.uploads import allowed_for
from ..security.refused_form import describes
from ..web.session import login_required
from ..workflow.service import workflow
from . import carry, dossier_context
from .blueprint import STAFF, workspace
from .inbox_pages import view_args
from .messages import ATTACHMENTS, MESSAGES

PREFIX = "f"
JUSTIFICATION = "ly-do-bo-sung-them"
ATTACHED, ATTACHED_ANCHOR = "tep_kem_theo", "tep-kem-theo"  # the step's documents: their input, its id
SIGNERS = ("leader",)  # the leader's approval issues and signs the result (dossiers/transitions.py)


def _task(task_id: str) -> OpenTask:
    task = db.session.get(OpenTask, task_id[:36])
    if task is None:
        abort(404)
    if not work.may_open(g.user, task):
        abort(403 if work.may_see(g.user, task) else 404)  # another agency's work is not confirmed to exist
    return task


def _form(task: OpenTask):
    return load_form(current_app.config["MOTCUA_FORMS_DIR"], task.form, task.ui_form) if task.form else None


@describes("workspace.complete")
def _sent_form(task_id: str):
    """A refused sending's fields in the step form's words (security/refused_form.py)."""
    task = db.session.get(OpenTask, task_id[:36])
    return _form(task) if task is not None else None


def _initial(task: OpenTask, form) -> dict:
    """What an open step's form starts with: a return step's choice is the one the applicant made."""
    field = form.schema.get("properties", {}).get(printouts.RETURN_FIELD) if form is not None else None
    if task.closed_at is not None or not isinstance(field, dict):
        return {}
    method = printouts.return_method(task.dossier)
    return {printouts.RETURN_FIELD: method} if method in field.get("enum", ()) else {}


def _page(task: OpenTask, data: dict | None = None, errors: dict | None = None, status: int = 200,
          files: list[dict] = (), conflict: str = ""):
    """The task page; `files`: the documents chosen to attach, kept on a form sent back;
    `conflict`: why the step was not done (someone else holds it), said once at the top rather
    than as something to fix in a form the officer may no longer send."""
    form = _form(task)
    data = _initial(task, form) if data is None else data
    errors = errors or {}
    shown = [e for e in form.validate(data or {}) if field_anchor(e.field, PREFIX) in errors] \
        if form is not None and errors else []
    workable = task.role == g.user.role and task.agency_id == g.user.agency_id \
        and task.closed_at is None and task.claimed_by_id in (None, g.user.id)
    # Typed on a page whose task closed, or went to another officer, meanwhile: shown back, in
    # words, so nothing is lost.
    lost = request.method == "POST" and not workable
    return render_template(
        "workspace/task.html", task=task, dossier=task.dossier, form=form, errors=errors,
        fields_html=render_fields(form, data or {}, shown, PREFIX,
                                  supplements.name_suggestions(task.dossier.procedure, form))
        if form is not None else "",
        workable=workable,
        may_assign=work.may_assign(g.user, task) and task.closed_at is None,
        assignees=work.assignees(task) if work.may_assign(g.user, task) else [],
        may_ask_supplement=supplements.may_ask(form), may_preview=_may_preview(task),
        asked_in_stage=supplements.asked_in_stage(task.dossier) if supplements.may_ask(form) else 0,
        unsaved=readable(form.schema, form.ui_schema, data) if form is not None and data and lost else [],
        unsaved_files=ATTACHMENTS["unsaved"].format(files=", ".join(f.get("file_name", "") for f in files))
        if files and lost else "",
        attached=list(files), carried=carry.carry(list(files)), attached_id=ATTACHED_ANCHOR,
        limits=limits_text(task.dossier.procedure),
        justification_id=JUSTIFICATION, justification=request.form.get("ly_do_bo_sung_them", ""),
        messages=MESSAGES, at=now(), inbox_view=view_args(request.args), conflict=conflict,
        **dossier_context.context(task.dossier, consulted_only(g.user, task.dossier)),
    ), status


def _may_preview(task: OpenTask) -> bool:
    """A leader's open step on a dossier in processing whose completion may reach "processed"
    (status 9), which signs the result: the approval, not a stop's or another step's."""
    dossier = task.dossier
    return task.closed_at is None and task.role in SIGNERS and dossier.code is not None \
        and dossier.status == PROCESSING \
        and workflow().engine.version(dossier.process_id, dossier.process_version).reaches_status(
            task.node_id, PROCESSED)


@workspace.get("/viec/<task_id>/xem-truoc-ket-qua.pdf")
@login_required(*STAFF)
def result_preview(task_id: str):
    """The result as the approval would issue it, marked as a preview, for the leader to read
    before approving and signing."""
    task = _task(task_id)
    if not _may_preview(task):
        abort(404)
    pdf = results.preview(task.dossier, task.id, now(), g.user)
    return file_response(pdf, f"xem-truoc-ket-qua-{task.dossier.code}.pdf", inline=True)


@workspace.get("/viec/<task_id>")
@login_required(*STAFF)
def task_page(task_id: str):
    task = _task(task_id)
    return _page(task, status=409 if task.closed_at else 200)


def _attachments(task: OpenTask) -> tuple[list[dict], dict]:
    """The documents chosen in the step's file input, checked and stored as the dossier's own
    uploads are (content, size, the procedure's types); the refusals, under the input's id."""
    types, max_bytes = allowed_for(task.dossier.procedure.details, current_app.config)
    files, refused = read_field(ATTACHED, types, max_bytes)
    return files, {ATTACHED_ANCHOR: refused} if refused else {}


@workspace.post("/viec/<task_id>/xu-ly")
@login_required(*STAFF)
def complete(task_id: str):
    task = _task(task_id)
    form = _form(task)
    data = {}
    action = request.form.get("action", "")[:200]
    if form is not None:
        try:
            data = parse_submission(form, request.form, PREFIX)
        except FormTooLarge as exc:
            return _page(task, {}, {"bieu-mau": exc.message}, 413, carry.carried(request.form.get(carry.FIELD, "")))
    # Documents chosen now join those kept from an earlier sending; a refused one is said at the
    # input and nothing is completed, the typed data and the accepted files shown back.
    new, errors = _attachments(task)
    files = carry.gathered(new, action)
    if action.startswith(carry.REMOVE):
        return _page(task, data, errors, files=files)
    if form is not None:
        if action.startswith(("add:", "remove:")):
            return _page(task, apply_action(form, data, action), errors, files=files)
        errors = {**{field_anchor(e.field, PREFIX): e.message for e in form.validate(data)}, **errors}
    if errors:
        return _page(task, data, errors, 422, files)
    name, before = task.name, dossier_context.Snapshot.of(task.dossier)
    try:
        dossier = work.complete(g.user, task.id, data, now(), request.form.get("ly_do_bo_sung_them"), files=files)
    except Invalid as exc:
        db.session.rollback()
        # One line per thing to fix: a missing justification is explained where it is typed.
        errors = {JUSTIFICATION: exc.message} if any(f.get("field") == "justification" for f in exc.fields) \
            else {field_anchor(f["field"], PREFIX): f["message"] for f in exc.fields}
        return _page(_task(task_id), data, errors or {"bieu-mau": exc.message}, 422, files)
    except (Conflict, Forbidden, NotFound) as exc:
        db.session.rollback()
        if work.completed_alike(g.user, task.id, data):  # sent twice: the first sending did it
            flash(MESSAGES["completed"].format(name=name, dossier=task.dossier.code or f"số {task.dossier_id}"))
            return redirect(url_for("workspace.dossier_page", dossier_id=task.dossier_id), 303)
        task = _task(task_id)
        if task.closed_at is not None or task.claimed_by_id not in (None, g.user.id):
            return _page(task, data, {}, 409, files, conflict=exc.message)  # the page says who has it
        return _page(task, data, {"bieu-mau": exc.message}, 409, files)
    news = before.news(dossier)
    code = dossier.code or f"số {dossier.id}"
    flash(ATTACHMENTS["completed"].format(name=name, dossier=code, count=len(files),
                                          files=", ".join(f["file_name"] for f in files))
          if files else MESSAGES["completed"].format(name=name, dossier=code))
    for message in news:
        flash(message)
    if news:  # a document to print or a result to check: the dossier page has it at the top
        return redirect(url_for("workspace.dossier_page", dossier_id=dossier.id, _anchor="giay-to"), 303)
    return redirect(url_for("workspace.inbox_page", **view_args(request.args)), 303)
