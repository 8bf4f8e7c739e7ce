"""What a citizen does to a running dossier: answer a supplement request, ask to withdraw.
Each is a BPMN message delivered to the dossier's own process, sent by the citizen online or
received on paper by the one-stop desk of the dossier's agency (at the counter or by post)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update

from engine.forms import dropped
from engine.statuses import LABELS as STATUS_LABELS, WITHDRAWN
from engine.withdrawal import MESSAGE, withdrawal_reason

from ..catalogue.forms import application_form
from ..db import db
from ..eforms.changes import changes
from ..localtime import local_time
from .completeness import missing_message, newly_missing
from .errors import Conflict, Forbidden, Invalid
from .messages import CHANNEL_WORDS, ENDED_HOW, ERRORS, MESSAGE_ACTIONS, MESSAGE_NAMES
from .models import Dossier, DossierEvent, DossierFile, search_text
from .submission import add_files, applicant_name_of, validate_application
from .uploads import FIELD, component_anchor
from . import notices, supplements
from .events import add_event, write_events
from .transitions import apply_outcome, deliver as deliver_to_process, lock_dossier

SUPPLEMENT, WITHDRAWAL = supplements.SUPPLEMENT, MESSAGE
DESK_ROLES = ("one_stop", "admin")
DESK_CHANNELS = ("counter", "postal")  # how a paper dossier or letter reached the desk
MAX_POSTAL_CODE = 40


def channel_problem(channel: str | None, postal_code: str) -> str | None:
    """What is wrong with how the desk says it received something: "channel" (not one of
    DESK_CHANNELS), "postal_code" (by post, without the item's number), or None."""
    if channel not in DESK_CHANNELS:
        return "channel"
    if channel == "postal" and not (0 < len(postal_code) <= MAX_POSTAL_CODE):
        return "postal_code"
    return None


def may_receive_at_desk(user, dossier: Dossier) -> bool:
    """The one-stop desk of the dossier's agency (an administrator: any) receives on paper what
    the citizen would otherwise send online."""
    return user.role in DESK_ROLES and (user.role == "admin" or user.agency_id == dossier.agency_id)


def deliver(user, dossier: Dossier, message: str, payload: dict, at: datetime,
            files: list[dict] = (), channel: str | None = None, postal_code: str = "",
            request: str | None = None, whole: bool = False) -> Dossier:
    """Deliver the message; a supplement's `files` replace the dossier's current files of the
    same components (kept, marked superseded: the history of changes stays). `channel`
    ("counter", "postal"): the desk `user` received it on paper for the dossier's owner.
    Whatever the way in (portal, desk, API), a withdrawal carries only its reason and a
    supplement must change something: Invalid otherwise, with nothing changed.
    `request`: the client's name for this very supplement (an API idempotency key with its
    content): sent again once delivered, even while the first is being delivered, it changes
    nothing and gets the dossier as the first did. `whole`: the supplement is the whole
    application as its form sent it (portal, desk), so a field left empty is one removed; else
    (the API) the fields not sent keep their values."""
    if channel is None and dossier.owner_id != user.id:
        raise Forbidden(ERRORS["not_owner"])
    if channel is not None and not may_receive_at_desk(user, dossier):
        raise Forbidden(ERRORS["not_desk"])
    label = MESSAGE_NAMES.get(message, message)
    if message not in dossier.waiting_messages:
        if request is not None and _supplied(dossier.id, request):
            return dossier
        raise _not_waiting(dossier, message)
    if message == WITHDRAWAL:
        reason = withdrawal_reason(payload.get("ly_do_rut"))
        if reason is None:
            raise Invalid(ERRORS["withdrawal_reason"], [{"field": "ly_do_rut", "message": ERRORS["withdrawal_reason"]}])
        payload = {"ly_do_rut": reason}
    dossier_id = dossier.id
    db.session.rollback()
    dossier = lock_dossier(dossier_id)
    if request is not None and _supplied(dossier_id, request):  # the same request, delivered while this one waited
        return dossier
    if message not in dossier.waiting_messages:  # another desk or the citizen, while this one waited
        raise _not_waiting(dossier, message)
    before = dossier.form_data
    if message == SUPPLEMENT:
        # A partial supplement (the API) completes the application as it stands now (read under
        # the lock, so a concurrent change is never overwritten); it must pass the same e-form.
        payload = validate_application(dossier.procedure, payload if whole else {**before, **payload})
        gaps = supplement_gap_errors(dossier, payload, files, ERRORS["supplement_component"],
                                     ERRORS["asked_component"], lambda code: FIELD.format(code=code))
        if gaps:
            raise Invalid(ERRORS["supplement_components"], [{"field": k, "message": v} for k, v in gaps.items()])
        if not files and payload == before:
            raise Invalid(ERRORS["supplement_nothing"])
    cleared = dropped(before, payload) if message == SUPPLEMENT else []
    outcome = deliver_to_process(dossier, message, payload, at, cleared=cleared)
    if channel is None:
        event = add_event(dossier, at, "message", actor=user, name=label, data=payload)
    else:
        event = add_event(dossier, at, "message_at_desk", actor=user, name=label, channel=CHANNEL_WORDS[channel],
                          data={"data": payload, "channel": channel, "so_buu_gui": postal_code or None})
    apply_outcome(dossier, outcome, at, actor=user, event=event)
    if message == SUPPLEMENT:
        _supplemented(dossier, before, payload, files, user, at, request)
    if files:
        replaced = {item["component_code"] for item in files}
        db.session.execute(update(DossierFile).where(
            DossierFile.dossier_id == dossier.id, DossierFile.component_code.in_(replaced),
            DossierFile.superseded.is_(False)).values(superseded=True))
        add_files(dossier, files, user, at, f"supplement:{at.isoformat()}")
    db.session.commit()
    return dossier


def _supplemented(dossier: Dossier, before: dict, after: dict, files, user, at: datetime,
                  request: str | None) -> None:
    """The application becomes the supplemented one (with the name it is filed under), and the
    history records what changed, field by field and file by file."""
    form = application_form(dossier.procedure)
    fields = changes(form.schema, form.ui_schema, before, after)
    dossier.form_data = after
    dossier.applicant_name = applicant_name_of(after, dossier.owner, dossier.representation)
    dossier.search_text = search_text(dossier.applicant_name, dossier.organisation_name)
    sent = [{"component_code": f["component_code"], "file_name": f["file_name"]} for f in files]
    restarted = supplements.received(dossier, at, user)
    notices.queue_for(dossier, restarted, dossier.status, at)  # the new appointment, by mail
    write_events([add_event(dossier, at, "supplement_changes", actor=user, fields=len(fields), files=len(sent),
                            data={"fields": fields, "files": sent, "request": request}), *restarted])


def supplement_gap_errors(dossier: Dossier, data: dict, files, template: str, asked_template: str,
                          where=component_anchor) -> dict[str, str]:
    """What the supplement lacks, by `where` (a page's anchor, the API's part name) of each
    component: a new file of each component the request names (supplements.asked_components),
    in `asked_template`; then the components the application as supplemented (`data`, over
    what it holds) requires that neither the dossier nor the supplement's `files` has
    (completeness.newly_missing), in `template` with why the component is required. Both
    templates take {name}."""
    procedure, sent = dossier.procedure, {f["component_code"] for f in files}
    errors = {where(c["code"]): asked_template.format(name=c["name"])
              for c in supplements.asked_components(procedure, supplements.latest_request(dossier.id))
              if c["code"] not in sent}
    held = db.session.execute(select(DossierFile.component_code).where(
        DossierFile.dossier_id == dossier.id, DossierFile.superseded.is_(False))).scalars().all()
    form = application_form(procedure)
    before = form.visible(dossier.form_data or {})
    gaps = newly_missing(procedure, False, before, form.visible({**before, **data}),
                         [{"component_code": code} for code in held] + list(files))
    for c in gaps:
        errors.setdefault(where(c["code"]), missing_message(template.format(name=c["name"]), c, form))
    return errors


def _not_waiting(dossier: Dossier, message: str) -> Conflict:
    """The process does not wait for the message; withdrawn already, the officer hears when; ended
    otherwise (from a page opened before), how and when it ended: nothing can be sent to it any more."""
    if message == WITHDRAWAL and dossier.status == WITHDRAWN and dossier.finished_at is not None:
        return Conflict(ERRORS["already_withdrawn"].format(at=local_time(dossier.finished_at)))
    if dossier.finished_at is not None:
        return Conflict(ERRORS["ended"].format(
            how=ENDED_HOW.get(dossier.status, STATUS_LABELS.get(dossier.status, "")).lower(),
            at=local_time(dossier.finished_at), action=MESSAGE_ACTIONS.get(message, message)))
    return Conflict(ERRORS["not_waiting"].format(name=MESSAGE_NAMES.get(message, message)))


def _supplied(dossier_id: int, request: str) -> bool:
    """Whether the dossier's history holds the supplement sent as `request`."""
    return request in db.session.execute(select(DossierEvent.data["request"].as_string()).where(
        DossierEvent.dossier_id == dossier_id, DossierEvent.kind == "supplement_changes")).scalars().all()
