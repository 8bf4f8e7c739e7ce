"""Applying online: the procedure's e-form, who the application is for, the component files,
a draft saved at every step, and the submission with the automatic completeness check."""
from __future__ import annotations

from datetime import timedelta

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select

from ..catalogue.forms import application_form, application_form_of
from ..security.refused_form import describes
from ..clock import now
from ..db import as_id, db
from ..dossiers.completeness import missing_components, missing_message, requirements, upload_components
from ..dossiers.errors import Conflict, Invalid, NotFound
from ..dossiers.models import Dossier
from ..dossiers.submission import (DEDUP_WINDOW_SECONDS, as_stored, entered_lately, find_procedure, submission_key,
                                   submit, validate_application)
from ..dossiers.uploads import component_anchor, read_uploads
from ..eforms import FormTooLarge, apply_action, field_anchor, parse_submission, render_fields
from ..files.carried import merged
from ..files.chosen import limits_text
from ..files.kept import without
from ..localtime import local_time
from ..web.session import login_required
from . import datastore, drafts, representation
from .blueprint import portal
from .messages import COMPONENT_KINDS, MESSAGES, REPRESENTATION, REPRESENTATION_TEXTS

PREFIX = "f"


def _procedure(code: str):
    try:
        return find_procedure(code[:32])
    except NotFound:
        abort(404)


def _form(procedure):
    return application_form(procedure)


@portal.get("/thu-tuc/<code>/nop")
@login_required("citizen")
def apply(code: str):
    procedure = _procedure(code)
    if not procedure.published:
        flash(MESSAGES["procedure_closed"].format(name=procedure.name), "error")
        return redirect(f"/thu-tuc/{procedure.code}")
    form = _form(procedure)
    draft = drafts.current_draft(g.user, procedure)
    if draft is None:
        # Back from the dossier just sent: say so before the citizen fills a second one by mistake.
        sent = db.session.execute(select(Dossier.submitted_at).where(
            Dossier.owner_id == g.user.id, Dossier.procedure_id == procedure.id,
            Dossier.submitted_at >= now() - timedelta(seconds=DEDUP_WINDOW_SECONDS))
            .order_by(Dossier.submitted_at.desc()).limit(1)).scalar()
        if sent is not None:
            flash(MESSAGES["just_submitted"].format(at=local_time(sent)))
        draft = drafts.start_draft(g.user, procedure, form.schema, now())
    return _page(procedure, form, draft, {})


describes("portal.apply_post")(application_form_of)  # a refused sending's fields, in the form's words


@portal.post("/thu-tuc/<code>/nop")
@login_required("citizen")
def apply_post(code: str):
    procedure = _procedure(code)
    form = _form(procedure)
    draft_id = as_id(request.form.get("draft_id", type=int))
    seen = request.form.get("revision", type=int)  # the draft's revision the page showed
    draft = drafts.own_draft(g.user, draft_id)
    if draft is None or draft.procedure_id != procedure.id:
        if _dossier_from(procedure, draft_id) is not None:
            # A second «Nộp hồ sơ» sent what the first one did; any other action brought what is lost.
            return _after_missing_draft(procedure, draft_id, unsaved=request.form.get("action") != "submit")
        # Deleted from another tab (the dossiers page), not sent: what this page holds goes into
        # the procedure's draft (a new one, or one another tab opened since), and is said so;
        # nothing typed or chosen is dropped.
        draft = drafts.current_draft(g.user, procedure) or drafts.start_draft(g.user, procedure, form.schema, now())
        draft_id, seen = draft.id, None
        flash(MESSAGES["draft_replaced"])
    try:
        data = parse_submission(form, request.form, PREFIX)
    except FormTooLarge as exc:
        return _page(procedure, form, draft, {"noi-dung": exc.message}, status=413)
    rep = representation.parse(request.form)
    new_files, upload_errors = read_uploads(procedure)  # stored before the lock: no file written while holding it
    action = request.form.get("action", "save")[:200]
    if action.startswith(("add:", "remove:")):
        data = apply_action(form, data, action)
    at = now()
    draft, notes, stale = _save(procedure, draft_id, data, rep, new_files, action, at, seen)
    if draft is None:  # a second tap of «Nộp hồ sơ» made the draft a dossier meanwhile
        same = action == "submit" and not new_files and _submitted_as(procedure, form, draft_id, data)
        return _after_missing_draft(procedure, draft_id, unsaved=not same)
    if stale is not None:
        return _stale(procedure, form, draft, notes, stale, data, rep, upload_errors)
    if action == "submit":  # in the save's transaction, under its lock: no other tab's save slips in
        return _submit(procedure, form, draft, upload_errors, notes,
                       lambda: _save(procedure, draft_id, data, rep, new_files, action, at, seen))
    db.session.commit()  # what was typed and uploaded is kept whatever happens next
    _flash(notes)  # said once it is kept
    if upload_errors:
        return _page(procedure, form, draft, upload_errors, status=422)
    if action == "save":
        flash(MESSAGES["draft_saved"])
    anchor = action.split(":", 1)[1].split(".")[0] if ":" in action else ""
    return redirect(url_for("portal.apply", code=procedure.code,
                            _anchor=field_anchor(anchor, PREFIX) if anchor and not action.startswith(("bo_tep", "dung_lai")) else None), 303)


def _save(procedure, draft_id: int, data: dict, rep: dict, new_files: list[dict], action: str, at,
          seen: int | None):
    """(the draft locked, with this request's fields and files, not committed; what to say of
    its files once kept; None, or when the page was opened before another tab saved other fields,
    the instant of that save), or (None, [], None) when the draft is gone. Saves of one draft run
    one at a time, each on the files the one before it kept (another tab's upload is never
    overwritten); the fields are the whole form as this save sends it, unless the page was stale:
    then the fields saved meanwhile stay, and the page shows this one's (_stale)."""
    draft = drafts.lock_draft(g.user, draft_id)
    if draft is None:
        return None, [], None
    files, notes = _files(procedure, draft.files, new_files, action, at)
    changed = (draft.data, draft.representation) != (data, rep)
    if changed and seen is not None and seen != draft.revision:  # stale: only its files are kept
        saved_at = draft.updated_at
        if files != draft.files:
            draft.files, draft.updated_at = files, at
        return draft, notes, saved_at
    draft.files, draft.updated_at = files, at
    if changed:
        draft.data, draft.representation, draft.revision = data, rep, draft.revision + 1
    return draft, notes, None


@portal.post("/ho-so/nhap/<int:draft_id>/xoa")
@login_required("citizen")
def delete_draft(draft_id: int):
    draft = drafts.own_draft(g.user, draft_id)
    if draft is None:
        abort(404)
    drafts.discard(draft.id)
    db.session.commit()
    flash(MESSAGES["draft_deleted"])
    return redirect(url_for("portal.my_dossiers"), 303)


def _dossier_from(procedure, draft_id) -> Dossier | None:
    """The dossier a draft became (submitted), None when it was deleted or never was."""
    if draft_id is None:
        return None
    key = submission_key(g.user.id, procedure.code, {}, now(), drafts.draft_submission_key(draft_id))
    return db.session.execute(select(Dossier).where(
        Dossier.owner_id == g.user.id, Dossier.submission_key == key)).scalar()


def _submitted_as(procedure, form, draft_id, data: dict) -> bool:
    """Whether the dossier the draft became holds this very application: a retried «Nộp hồ sơ»
    (a slow network, a double tap) lost nothing, and is not told it did."""
    dossier = _dossier_from(procedure, draft_id)
    return dossier is not None and as_stored(dossier.form_data) == as_stored(form.visible(data))


def _after_missing_draft(procedure, draft_id, unsaved: bool = False):
    """A double click or a retried request: the draft became a dossier a moment ago. `unsaved`:
    this request's fields and files came too late for it, which the citizen is told."""
    if unsaved:
        flash(MESSAGES["draft_gone_unsaved"], "error")
    dossier = _dossier_from(procedure, draft_id)
    if dossier is not None:
        flash(MESSAGES["already_submitted"])
        return redirect(url_for("portal.dossier", dossier_id=dossier.id), 303)
    return redirect(url_for("portal.apply", code=procedure.code), 303)


def _files(procedure, held: list[dict], new: list[dict], action: str, at) -> tuple[list[dict], list[str]]:
    """The draft's files after this save: those it holds now, less the one a remove button
    names, then the new uploads and a reused file, each content kept once per component (a
    resent save attaches nothing twice); and what to say of it once saved."""
    kept, gone = without(list(held), action)
    notes = [MESSAGES["file_removed"].format(name=gone["file_name"])] if gone is not None else []
    added = [(item, "file_added") for item in new]
    if action.startswith("dung_lai:"):
        added += [(item, "file_reused") for item in _reused(procedure, action, at)]
    files, duplicates = merged(kept, [item for item, _ in added])
    left_out = {id(item) for item in duplicates}
    notes += [MESSAGES["file_duplicate" if id(item) in left_out else said].format(name=item["file_name"])
              for item, said in added]
    return files, notes


def _reused(procedure, action: str, at) -> list[dict]:
    """The file of the citizen's data store that a "dung_lai:<component>:<file id>" button names."""
    _, _, rest = action.partition(":")
    code, _, file_id = rest.partition(":")
    if code not in {c["code"] for c in upload_components(procedure)}:
        return []  # only into a component the citizen uploads (never a result, never made up)
    stored = datastore.reusable_file(g.user, int(file_id)) if file_id.isascii() and file_id.isdigit() else None
    if stored is None:
        return []
    datastore.log_access(g.user, g.user, "reuse_file", at, f"{stored.id} → {code}")
    return [{"component_code": code, "file_name": stored.file_name, "content_type": stored.content_type,
             "size": stored.size, "sha256": stored.sha256, "storage_key": stored.storage_key,
             "signature": stored.signature}]


def _problems(procedure, form, draft) -> dict:
    """What keeps the draft from being submitted, by anchor: the form's fields, who it is for,
    the components still missing."""
    rep = draft.representation
    errors = {}
    for error in form.validate(draft.data):
        errors.setdefault(field_anchor(error.field, PREFIX), error.message)
    # A component asked for by what a hidden field holds is not asked for (that value is not kept).
    data = form.visible(draft.data)
    errors.update(representation.errors(rep, procedure, data, form))
    for component in missing_components(procedure, draft.files, representation.on_behalf(rep), data):
        errors[component_anchor(component["code"])] = missing_message(
            MESSAGES["missing_component"].format(name=component["name"]), component, form)
    return errors


def _submit(procedure, form, draft, upload_errors: dict, notes: list[str], save_again):
    """The draft, locked and just saved with this request's fields and files, becomes the
    dossier in the same transaction: a save from another tab waits for it, and then finds the
    draft gone, rather than slipping in between and being submitted in this one's place.
    Everything to correct is said at once otherwise, the save kept: a refused file beside the
    fields and missing components. `save_again`: the save redone after a refused submission,
    whose rollback took it off."""
    draft_id = draft.id
    errors = {**_problems(procedure, form, draft), **upload_errors}
    if errors:
        db.session.commit()
        _flash(notes)
        return _page(procedure, form, draft, errors, status=422)
    rep, files, data = draft.representation, list(draft.files), dict(draft.data)
    db.session.flush()  # the save written before the row goes
    drafts.discard(draft_id)  # in the submission's transaction: the draft becomes the dossier
    sent = _sent_lately(procedure, data, files, rep)
    if sent is not None:  # Back from the dossier just sent, and the same page sent again
        db.session.commit()
        flash(MESSAGES["sent_lately"].format(at=local_time(sent.submitted_at)))
        return redirect(url_for("portal.dossier", dossier_id=sent.id), 303)
    try:
        dossier, created = submit(g.user, procedure.code, data, now(), key=drafts.draft_submission_key(draft_id),
                                  files=files, representation=representation.stored(rep))
    except (Invalid, Conflict) as exc:
        db.session.rollback()
        draft, notes, stale = save_again()
        if draft is None:
            return _after_missing_draft(procedure, draft_id, unsaved=True)
        if stale is not None:
            return _stale(procedure, form, draft, notes, stale, data, rep, {})
        db.session.commit()
        _flash(notes)
        return _page(procedure, form, draft, {"noi-dung": str(exc)}, status=422)
    _flash(notes)
    if not created:
        flash(MESSAGES["already_submitted"])
    else:
        flash(_submitted_message(dossier))
    return redirect(url_for("portal.dossier", dossier_id=dossier.id), 303)


def _stale(procedure, form, draft, notes: list[str], saved_at, data: dict, rep: dict, upload_errors: dict):
    """Another tab saved other fields after this page was opened: those stay, this request's
    files are kept, and the page shows what this one sent, with the draft's revision now, so
    that «Lưu nháp» again writes it over the other on purpose (nothing either tab typed is lost)."""
    db.session.commit()
    _flash(notes)
    flash(MESSAGES["draft_stale"].format(at=local_time(saved_at)), "error")
    return _page(procedure, form, draft, upload_errors, status=409, shown=(data, rep))


def _sent_lately(procedure, data: dict, files: list[dict], rep: dict) -> Dossier | None:
    """The dossier this citizen sent moments ago holding this very application, files and
    representation (the page after it, prefilled from it, with the browser's files chosen
    again): that dossier, not a second one the desk would receive and charge twice."""
    try:
        kept = validate_application(procedure, data)
    except Invalid:
        return None
    return entered_lately(g.user.id, procedure.id, g.user.id, kept, files, "online", None, now(),
                          representation.stored(rep))


def _flash(notes: list[str]) -> None:
    for note in notes:
        flash(note)


def _submitted_message(dossier) -> str:
    text = MESSAGES["submitted"].format(submitted=local_time(dossier.submitted_at),
                                        counts_from=local_time(dossier.counts_from),
                                        reception_due=local_time(dossier.reception_due_at))
    if dossier.counts_from != dossier.submitted_at:
        text += " " + MESSAGES["submitted_outside_hours"]
    return text


def _page(procedure, form, draft, errors: dict, status: int = 200, shown: tuple[dict, dict] | None = None):
    """The application page; `errors` maps the id of a field or component to its message.
    `shown`: the fields and representation to show instead of the draft's (a stale page's)."""
    data, rep = shown or (draft.data, draft.representation)
    invalid = [e for e in form.validate(data) if field_anchor(e.field, PREFIX) in errors] if errors else []
    components = upload_components(procedure)
    on_behalf = representation.on_behalf(rep)
    return render_template(
        "portal/apply.html", procedure=procedure, draft=draft, form=form, rep=rep or {}, stale=shown is not None,
        fields_html=render_fields(form, data, invalid, PREFIX), errors=errors, components=components,
        marks=requirements(components, on_behalf, form.visible(data), form),
        reusable={c["code"]: datastore.stored_files(g.user, c["code"]) for c in components},
        limits=limits_text(procedure), kinds=COMPONENT_KINDS, representation_labels=REPRESENTATION, representation_texts=REPRESENTATION_TEXTS,
        on_behalf=on_behalf,
    ), status
