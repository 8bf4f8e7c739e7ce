"""What every officer page about a dossier shows: its facts, application data in words, its
files with what their signatures said, and what a transition produced (a code, a request...)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from engine.statuses import LABELS as STATUS_LABELS, REFUSED, STOPPED, WITHDRAWN

from ..catalogue.forms import application_form
from ..db import db
from ..dossiers.access import ISSUED_COMPONENTS
from ..dossiers.completeness import requirements, upload_components
from ..dossiers.files import is_internal, step_files
from ..dossiers.steps import completed_steps
from ..dossiers.supplements import index_due
from ..dossiers.models import Dossier, DossierEvent, DossierFile, DossierResult
from ..eforms.readable import readable
from ..localtime import local_time
from ..portal.representation import on_behalf
from ..dossiers import printouts
from .messages import ATTACHMENTS, CHANNELS, INTAKE, MESSAGES, SYSTEM_COMPONENTS


def handed_next_day(dossier_id: int, since=None) -> list[str]:
    """What to tell the desk when a paper dossier leaves it after the cut-off (at acceptance, or
    at `since` when its fee was paid): hand the paper on the next working morning."""
    query = select(DossierEvent.due_at).where(DossierEvent.dossier_id == dossier_id,
                                              DossierEvent.kind == "handed_next_day")
    if since is not None:
        query = query.where(DossierEvent.at >= since)
    handed = db.session.execute(query.order_by(DossierEvent.id.desc()).limit(1)).scalar()
    return [MESSAGES["handed_next_day"].format(at=local_time(handed))] if handed is not None else []


def context(dossier: Dossier, consulted: bool = False) -> dict:
    """`consulted`: for an officer of a consulted agency (access.consulted_only), without the
    results and receipts the resolving agency issued."""
    procedure = dossier.procedure
    form = application_form(procedure)
    every = db.session.execute(select(DossierFile).where(DossierFile.dossier_id == dossier.id)
                               .order_by(DossierFile.id)).scalars().all()
    files = [f for f in every if not is_internal(f)  # the components and what the system added
             and not (consulted and f.component_code in ISSUED_COMPONENTS)]
    names = {c["code"]: c["name"] for c in procedure.components} | SYSTEM_COMPONENTS
    present = {f.component_code for f in files if not f.superseded}
    return {
        "procedure": procedure, "statuses": STATUS_LABELS, "channels": CHANNELS, "consulted": consulted,
        "application": readable(form.schema, form.ui_schema, dossier.form_data),
        "application_title": form.schema.get("title", ""),
        "current_files": [f for f in files if not f.superseded], "old_files": [f for f in files if f.superseded],
        "component_names": names, "step_files": step_files(every), "attachment_texts": ATTACHMENTS,
        "checklist": _checklist(dossier, form, present),
        "index_due": index_due(dossier),
        "steps": completed_steps(dossier.id),
        "postal_item": _postal_item(dossier),
        "withdrawal_reason": _withdrawal_reason(dossier),
    }


def _checklist(dossier: Dossier, form, present: set[str]) -> list[tuple]:
    """(component, present, Requirement) of each component, required or not for this dossier:
    who it was made for and what its application form says (QT-45)."""
    components = upload_components(dossier.procedure)
    marks = requirements(components, on_behalf(dossier.representation), dossier.form_data, form)
    return [(c, c["code"] in present, marks[c["code"]]) for c in components]


def attachment_notes(events: list[DossierEvent], groups) -> dict[int, str]:
    """The timeline's word on each step completed with documents attached ("kèm 2 tệp"), by
    event id: the completion of the same step at the same instant."""
    counts = {(group.node_id, group.at): len(group.files) for group in groups}
    return {e.id: ATTACHMENTS["timeline"].format(count=counts[e.node_id, e.at]) for e in events
            if e.kind == "task_completed" and (e.node_id, e.at) in counts}


def _postal_item(dossier: Dossier) -> dict | None:
    """What the desk recorded when the dossier arrived by post (its first event): the item number,
    and how the result goes back (posted to the sender unless they chose to collect it)."""
    if dossier.channel != "postal":
        return None
    intake = printouts.intake_record(dossier)
    returned = printouts.return_method(dossier, intake)
    return {"number": intake.get("so_buu_gui"), "returned": INTAKE[f"return_{returned}"]}


def withdrawal_reason(event: DossierEvent) -> str | None:
    """The reason a citizen's message event gives for withdrawing: kept as the citizen sent it,
    or, received at the desk, inside the letter's data beside its channel."""
    data = event.data if isinstance(event.data, dict) else {}
    payload = data.get("data") if event.kind == "message_at_desk" else data
    return payload.get("ly_do_rut") if isinstance(payload, dict) else None


def _withdrawal_reason(dossier: Dossier) -> str | None:
    if dossier.status != WITHDRAWN:
        return None
    events = db.session.execute(select(DossierEvent).where(
        DossierEvent.dossier_id == dossier.id, DossierEvent.kind.in_(("message", "message_at_desk")))
        .order_by(DossierEvent.id.desc())).scalars()
    return next((reason for reason in map(withdrawal_reason, events) if reason), None)


@dataclass(frozen=True)
class Snapshot:
    """A dossier's facts before a transition, to tell the officer what it produced."""
    code: str | None
    supplements: int
    status: int
    results: int

    @classmethod
    def of(cls, dossier: Dossier) -> "Snapshot":
        return cls(dossier.code, dossier.supplement_count or 0, dossier.status, _results(dossier.id))

    def news(self, dossier: Dossier) -> list[str]:
        found = []
        if dossier.code and not self.code:
            found.append(MESSAGES["received"].format(code=dossier.code, due=local_time(dossier.due_at)))
            found.extend(handed_next_day(dossier.id))
        if (dossier.supplement_count or 0) > self.supplements:
            found.append(MESSAGES["supplement_asked"])
        if dossier.status == REFUSED and self.status != REFUSED:
            found.append(MESSAGES["refused"])
        if dossier.status == STOPPED and self.status != STOPPED:
            found.append(MESSAGES["stopped"])
        results = _results(dossier.id)
        if results > self.results:
            code = db.session.execute(select(DossierResult.code).where(DossierResult.dossier_id == dossier.id)
                                      .order_by(DossierResult.number.desc()).limit(1)).scalar()
            found.append(MESSAGES["result_signed"].format(code=code))
        return found


def _results(dossier_id: int) -> int:
    return db.session.execute(select(func.count()).select_from(DossierResult)
                              .where(DossierResult.dossier_id == dossier_id)).scalar_one()
