"""JSON shapes of the API's resources. Instants are shown in the province's time zone."""
from __future__ import annotations

from datetime import datetime

from flask import url_for


from engine.statuses import LABELS as STATUS_LABELS

from ..catalogue.forms import application_form
from ..dossiers.events import actor_words
from ..dossiers.access import ISSUED_COMPONENTS
from ..dossiers.files import is_internal
from ..dossiers.fees import PAYMENT
from ..dossiers.supplements import ASKED_NAME, asked_items, item_component
from ..workflow.service import workflow


def instant(value: datetime | None) -> str | None:
    return value.astimezone(workflow().calendar.tz).isoformat() if value else None


def status(code: int) -> dict:
    return {"code": code, "label": STATUS_LABELS.get(code, "")}


def procedure_summary(p) -> dict:
    return {
        "code": p.code, "name": p.name, "sector": p.sector, "field_code": p.field_code, "level": p.level,
        "agency": {"code": p.agency.code, "name": p.agency.name}, "online_level": p.online_level,
        "processing_time": {"amount": p.processing_amount, "unit": p.processing_unit},
    }


def procedure_detail(p) -> dict:
    """With its e-form while it takes dossiers; a closed one (its form may be the reason) without."""
    if not p.published:
        return {**procedure_summary(p), **p.details, "published": False}
    form = application_form(p)
    return {**procedure_summary(p), **p.details, "published": True,
            "form": {"schema": form.schema, "ui_schema": form.ui_schema}}


def open_task(t) -> dict:
    return {
        "id": t.id, "name": t.name, "node_id": t.node_id, "role": t.role,
        "agency": {"code": t.agency.code, "name": t.agency.name},
        "status": t.status, "due_at": instant(t.due_at), "opened_at": instant(t.opened_at),
        "form": t.form, "claimed_by": t.claimed_by.username if t.claimed_by else None,
        "dossier": {"id": t.dossier_id, "code": t.dossier.code, "procedure": t.dossier.procedure.name,
                    "applicant_name": t.dossier.applicant_name},
    }


def event(e) -> dict:
    return {
        "at": instant(e.at), "kind": e.kind, "summary": e.summary, "node_id": e.node_id,
        # As the timeline says it: a dossier typed in at the desk was submitted by its applicant.
        "actor": actor_words(e) or None, "agency": e.agency.name if e.agency else None,
        "status_before": e.status_before, "status_after": e.status_after, "due_at": instant(e.due_at),
    }


def _step(t) -> dict:
    """An open task as its citizen sees it: which step, where, until when; not who holds it."""
    return {"name": t.name, "agency": {"code": t.agency.code, "name": t.agency.name}, "status": t.status,
            "due_at": instant(t.due_at)}


def dossier(d, tasks, events, index_due=None, internal: bool = True, supplement: dict | None = None,
            consulted: bool = False) -> dict:
    """`index_due`: the national index's due instant where it differs from the legal one;
    `internal`: for officers, the open tasks with their ids, forms and holders; `supplement`:
    what the supplement the dossier waits for asks (its request's data, Mẫu 02); `consulted`: for
    an officer of a consulted agency, without the fee and the issued files (access.consulted_only)."""
    hidden = ISSUED_COMPONENTS if consulted else ()
    return {
        "id": d.id, "code": d.code, "status": status(d.status), "late": d.late, "channel": d.channel,
        "procedure": {"code": d.procedure.code, "name": d.procedure.name},
        "agency": {"code": d.agency.code, "name": d.agency.name},
        "applicant_name": d.applicant_name,
        "submitted_at": instant(d.submitted_at), "counts_from": instant(d.counts_from),
        "reception_due_at": instant(d.reception_due_at), "received_at": instant(d.received_at),
        "due_at": instant(d.due_at), "index_due_at": instant(index_due), "finished_at": instant(d.finished_at),
        "form_data": d.form_data, "waiting_for": d.waiting_messages,
        "amount_due": d.amount_due if PAYMENT in (d.waiting_messages or []) and not consulted else None,
        "supplement_request": _asked(d.procedure, supplement, internal) if supplement is not None else None,
        "open_tasks": [open_task(t) if internal else _step(t) for t in tasks],
        # The components as sent (a supplement's replacement current, the replaced kept); never
        # the documents officers attach to their steps, which stay on the agencies' pages.
        "files": [{"component_code": f.component_code, "file_name": f.file_name, "size": f.size, "sha256": f.sha256,
                   "uploaded_at": instant(f.uploaded_at), "current": not f.superseded}
                  for f in d.files if not is_internal(f) and f.component_code not in hidden],
        "history": [event(e) for e in events],
        "lookup_url": url_for("api.lookup", code=d.code, _external=True) if d.code else None,
    }


def _asked(procedure, request: dict, internal: bool) -> dict:
    """A supplement request as the citizen reads it on Mẫu 02: why, and each component to
    bring with what to do to it (with the component's code when it names a file component,
    whose new file the supplement must carry); officers also see why one was asked late or again."""
    def component(item):
        named = item_component(procedure, item)
        return {"name": item.get(ASKED_NAME), "to_do": item.get("yeu_cau"),
                "component_code": named["code"] if named else None}
    return {"number": request.get("number"), "stage": request.get("stage"), "reason": request.get("ly_do"),
            "components": [component(item) for item in asked_items(request)],
            **({"late": bool(request.get("late")), "justification": request.get("justification")} if internal else {})}


def lookup(d, handled_by: list[str]) -> dict:
    """Only what An Giang Điều 12 lets anyone see without logging in."""
    return {
        "code": d.code, "qr_url": url_for("web.lookup_page", code=d.code, _external=True),
        "receiving_agency": d.agency.name, "handled_by": handled_by,
        "organisation_name": d.organisation_name, "applicant_name": d.applicant_name,
        "received_at": instant(d.received_at), "appointment_at": instant(d.due_at),
        "status": status(d.status),
    }
