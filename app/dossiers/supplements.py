"""The rules of supplement requests (yêu cầu bổ sung, Mẫu 02) around the engine's `bo_sung`
message: a diagram asks for a supplement by waiting for that message; the app records what was
asked, refuses without a justification a second request of the same stage (reception and
processing each must ask everything at once, DOMAIN.md §3.2 and §3.4) and a request during processing later than the province's window after receipt (3 working days,
DOMAIN.md §3.4), and restarts the legal time when the supplement arrives during processing
(Decree 61 Điều 19.4).
The raw events stay, so the national index's paused clock can be computed from them too."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from engine import supplement_rules as rules
from engine.diagram_check import SUPPLEMENT_MESSAGE
from engine.dossier_due import after_wait
from engine.forms import too_long

from ..db import db
from ..workflow.service import workflow
from .completeness import upload_components
from .errors import Invalid
from .messages import ERRORS
from .deadlines import move_due, processing_due, reception_due
from .events import add_event
from .models import DossierEvent

SUPPLEMENT = SUPPLEMENT_MESSAGE
ASKED_COMPONENTS, ASKED_NAME = rules.ASKED_COMPONENTS, rules.ASKED_NAME
ASKED_FIELDS = ("ly_do", ASKED_COMPONENTS)
MAX_JUSTIFICATION = 2000


def latest_request(dossier_id: int) -> dict | None:
    """What the latest supplement request asked (its event's data), None if none was made."""
    event = db.session.execute(select(DossierEvent).where(
        DossierEvent.dossier_id == dossier_id, DossierEvent.kind == "supplement_requested")
        .order_by(DossierEvent.id.desc()).limit(1)).scalar()
    return event.data or {} if event is not None else None


def last_received(dossier_id: int) -> DossierEvent | None:
    """The latest supplement delivered (its changes' event: when, and by whom: the citizen online
    or the desk officer who received it on paper), to say to a form sent after it."""
    return db.session.execute(select(DossierEvent).where(
        DossierEvent.dossier_id == dossier_id, DossierEvent.kind == "supplement_changes")
        .order_by(DossierEvent.id.desc()).limit(1)).scalar()


def may_ask(form) -> bool:
    """Whether completing a step with this form can ask for a supplement: by the convention above,
    such a form has a place for the components asked (a refusal's `ly_do` alone does not count)."""
    return form is not None and ASKED_COMPONENTS in form.schema.get("properties", {})


def name_suggestions(procedure, form) -> dict[str, list[str]]:
    """The procedure's component names offered in the asked items' name box of a form that may
    ask (by the path pattern eforms/render.py reads): a name chosen from them binds the citizen
    to send that component (asked_components)."""
    if not may_ask(form):
        return {}
    return {f"{ASKED_COMPONENTS}.*.{ASKED_NAME}": [c["name"] for c in procedure.components]}


asked_items = rules.asked_items


def item_component(procedure, item: dict) -> dict | None:
    return rules.item_component(upload_components(procedure), item)


def asked_components(procedure, request: dict | None) -> list[dict]:
    return rules.asked_components(upload_components(procedure), request)


def asked_codes(procedure, request: dict | None) -> set[str]:
    return {c["code"] for c in asked_components(procedure, request)}


def asked_first(procedure, codes: set[str]) -> list[dict]:
    """The file components, those asked for (`codes`, asked_codes) first: the citizen sees what to send."""
    return sorted(upload_components(procedure), key=lambda c: c["code"] not in codes)


def is_new_request(waiting_before, outcome) -> bool:
    return outcome.asks(SUPPLEMENT, waiting_before)


def stage(dossier) -> str:
    return rules.stage(dossier.received_at)


def asked_in_stage(dossier) -> int:
    """How many supplements were asked in the dossier's current stage."""
    if not dossier.supplement_count:
        return 0
    found = db.session.execute(select(DossierEvent.data).where(
        DossierEvent.dossier_id == dossier.id, DossierEvent.kind == "supplement_requested")).scalars()
    return sum(1 for data in found if isinstance(data, dict) and data.get("stage") == stage(dossier))


def check_justification(dossier, outcome, justification: str | None, at: datetime) -> str | None:
    """The cleaned justification; Invalid when this transition would be a second request of its
    stage, or a late one during processing, without one, or when it is too long (refused, never
    cut: the record would not say what the officer wrote)."""
    text = " ".join((justification or "").split())
    if len(text) > MAX_JUSTIFICATION:
        message = too_long(ERRORS["justification_title"], MAX_JUSTIFICATION)
        raise Invalid(message, [{"field": "justification", "message": message}])
    if text or not is_new_request(dossier.waiting_messages, outcome):
        return text or None
    needed = rules.justification_needed(workflow().calendar, dossier.received_at, asked_in_stage(dossier), at)
    if needed is not None:
        kind, message = needed
        field = ERRORS["justification_required" if kind == "second" else "late_justification_required"]
        raise Invalid(message, [{"field": "justification", "message": field}])
    return None


def requested(dossier, at: datetime, actor, node, data: dict | None, justification: str | None) -> dict:
    """The event recording a request; counts it on the dossier, and marks one asked after the
    window (the agency's fault, counted in its evaluation)."""
    dossier.supplement_count = (dossier.supplement_count or 0) + 1
    asked = {k: (data or {}).get(k) for k in ASKED_FIELDS if (data or {}).get(k)}
    asked["stage"] = stage(dossier)
    asked["number"] = dossier.supplement_count
    if rules.is_late(workflow().calendar, dossier.received_at, at):
        asked["late"] = True
    if justification:
        asked["justification"] = justification
    return add_event(dossier, at, "supplement_requested", actor=actor, node=node, data=asked,
                     number=dossier.supplement_count)


def received(dossier, at: datetime, actor=None) -> list[dict]:
    """Deadlines after a full supplement: before reception the desk's 8 working hours start
    again; during processing the statutory time restarts from now (`actor`: who received it,
    the citizen online or the desk officer on paper)."""
    if dossier.received_at is None:
        # The complete dossier counts as submitted now: the applicant's page says so beside the
        # desk's new 8 working hours (the first submission stays in the events).
        dossier.counts_from = workflow().calendar.official_start(at)
        dossier.reception_due_at = reception_due(at)
        return []
    previous = dossier.due_at
    move_due(dossier, processing_due(dossier.procedure, at))
    return [add_event(dossier, at, "deadline_restarted", actor=actor, due_at=dossier.due_at,
                      data={"previous_due_at": previous.isoformat() if previous else None})]


def paused_due(due_at: datetime | None, events) -> datetime | None:
    """The due instant as the national index counts it: the first appointment moved by the
    working time spent waiting for each supplement during processing, instead of a restart, and
    for the fee (as the law counts it too); an apology's new date replaces it, being a date the
    agency chose knowing all that."""
    calendar = workflow().calendar
    issued = next((e for e in events if e.kind == "code_issued"), None)
    due = issued.due_at if issued is not None else due_at
    if due is None:
        return None
    code_at = issued.at if issued is not None else None
    asked_at = None
    for e in events:
        if e.kind == "supplement_requested" and (e.data or {}).get("stage") == "processing":
            asked_at = e.at
        elif e.kind == "deadline_restarted" and asked_at is not None:
            due = after_wait(calendar, due, calendar.working_hours_between(asked_at, e.at))
            asked_at = None
        elif e.kind == "fee_paid" and code_at is not None and e.at >= code_at and (e.data or {}).get("waited_hours"):
            # The fee's wait stops the clock for the index as for the law (QT-40).
            due = after_wait(calendar, due, e.data["waited_hours"])
        elif e.kind == "apology" and e.due_at is not None:
            due = e.due_at
    return due


def index_due(dossier) -> datetime | None:
    """The national index's due instant when it differs from the legal one (the statutory time
    restarted after a supplement during processing), else None."""
    if not dossier.supplement_count or dossier.received_at is None:
        return None
    events = db.session.execute(select(DossierEvent).where(
        DossierEvent.dossier_id == dossier.id,
        DossierEvent.kind.in_(("code_issued", "supplement_requested", "deadline_restarted", "fee_paid", "apology")))
        .order_by(DossierEvent.id)).scalars().all()
    if not any(e.kind == "deadline_restarted" for e in events):
        return None
    due = paused_due(dossier.due_at, events)
    return due if due != dossier.due_at else None
