"""A dossier's printable documents (app/documents renders them) gathered from its rows: the
receipt (Mẫu 01) from the acceptance, the supplement request (Mẫu 02) and the refusal (Mẫu 03)
from the steps that decided them, the apology (Mẫu 04), the control slip (Mẫu 05), the register
(Mẫu 06) and a result's paper conversion. Each is rendered from the recorded events, so a
document printed again is the document that was issued."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from flask import current_app
from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload

from engine.roles import ROLE_LABELS
from engine.statuses import REFUSED, RETURNED, STOPPED, SUPPLEMENT_REQUESTED

from .. import documents as doc
from ..db import db
from ..localtime import local_time
from ..workflow.service import workflow
from . import document_numbers as numbers, handoffs, reasons, slip_notes, stops
from .document_numbers import document_number
from .register import book, entry_number, register_rows
from .messages import PRINTOUTS
from .models import Dossier, DossierEvent, DossierResult

POSTAL = "postal"
CONTROL_SLIP = "mau-05"  # the hand-offs: printed by every agency that took part (the page shows them too)
TO_APPLICANT = (SUPPLEMENT_REQUESTED, REFUSED, STOPPED)  # a step reaching these hands the dossier back


def public_url(path: str) -> str:
    """An address printed on paper: the configured public address of the portal, not the host
    a request came in on."""
    return current_app.config["MOTCUA_PUBLIC_URL"].rstrip("/") + path


def lookup_url(dossier: Dossier, at: datetime | None = None) -> str:
    """Where a document's QR code leads: the public lookup once the dossier had its code (at
    `at`, the document's own instant), else the applicant's own dossier page."""
    return public_url(f"/tra-cuu/{dossier.code}") if _code_at(dossier, at) else public_url(f"/ho-so/{dossier.id}")


def _code_at(dossier: Dossier, at: datetime | None) -> str:
    if dossier.code and (at is None or (dossier.received_at is not None and dossier.received_at <= at)):
        return dossier.code
    return ""


def verify_url(result_code: str) -> str:
    return public_url(f"/xac-thuc/{result_code}")


def keyed_url(code: str, key: str | None) -> str:
    """The verification address a result's QR code holds: with its key (result_keys.py), when it
    has one (results issued before keys existed have none)."""
    return f"{verify_url(code)}?k={key}" if key else verify_url(code)


def agency_header(agency) -> doc.Agency:
    return doc.Agency(name=agency.name, address=agency.address or "", phone=agency.phone or "",
                      parent=agency.parent.name if agency.parent else "", place=workflow().calendar.profile.place)


DEPUTY, ON_BEHALF = "Phó ", "KT. {head}"


def signer(actor) -> doc.Signer:
    """An officer as a document's signature block names them: their title as printed (chức vụ),
    else their role. A deputy signs on behalf of the head (Decree 30/2020, Art. 13.1.b): "KT."
    then the head's title above their own ("KT. Giám đốc Sở Tư pháp" / "Phó Giám đốc Sở Tư pháp")."""
    if actor is None:
        return doc.Signer("")
    title = (actor.position or ROLE_LABELS.get(actor.role, "")).strip()
    head = title[len(DEPUTY):].strip() if title.startswith(DEPUTY) else ""
    return doc.Signer(actor.full_name, title, ON_BEHALF.format(head=head[:1].upper() + head[1:]) if head else "")


def applicant(dossier: Dossier) -> doc.Applicant:
    """The applicant with the contact the dossier keeps, which is its submitter's (the account's):
    named too when they filed for someone else, so no one reads another's address as theirs."""
    contact = dossier.contact
    represented = (dossier.representation or {}).get("kind") == "person"
    return doc.Applicant(name=dossier.applicant_name, address=contact["address"], phone=contact["phone"],
                         email=contact["email"], submitted_by=dossier.owner.full_name if represented else "",
                         organisation=dossier.organisation_name or "")


def _events(dossier: Dossier, kind: str) -> list[DossierEvent]:
    return list(db.session.execute(select(DossierEvent).where(
        DossierEvent.dossier_id == dossier.id, DossierEvent.kind == kind).order_by(DossierEvent.id)
        .options(joinedload(DossierEvent.actor))).scalars())


def _kind(value) -> str:
    return value if value in doc.data.COMPONENT_KINDS else "ban_chup"


@dataclass(frozen=True)
class Available:
    """A document the dossier has: its key (the address part) and label."""
    key: str
    label: str


def available(dossier: Dossier) -> list[Available]:
    kinds = dict(db.session.execute(select(DossierEvent.kind, func.count()).where(
        DossierEvent.dossier_id == dossier.id).group_by(DossierEvent.kind)).all())
    found = []
    if dossier.code:
        found.append(Available("mau-01", PRINTOUTS["receipt"]))
    for n in range(1, kinds.get("deadline_restarted", 0) + 1):
        found.append(Available(f"mau-01-bs-{n}", PRINTOUTS["receipt_restarted"].format(n=n)))
    for n in range(1, kinds.get("supplement_requested", 0) + 1):
        found.append(Available(f"mau-02-{n}", PRINTOUTS["supplement"].format(n=n)))
    if dossier.status == REFUSED:
        found.append(Available("mau-03", PRINTOUTS["refusal"]))
    if kinds.get("apology"):
        found.append(Available("mau-04", PRINTOUTS["apology"]))
    if kinds.get(stops.KIND):
        found.append(Available("dung-xu-ly", PRINTOUTS["stop_notice"]))
    found.append(Available(CONTROL_SLIP, PRINTOUTS["control_slip"]))
    return found


def render(dossier: Dossier, key: str, at: datetime) -> bytes | None:
    """The PDF of `key` (as listed by `available`), or None when the dossier has no such document."""
    if key not in {a.key for a in available(dossier)}:
        return None
    if key == "mau-01":
        return receipt(dossier)
    if key.startswith("mau-01-bs-"):
        return receipt(dossier, restart=int(key.rsplit("-", 1)[1]))
    if key.startswith("mau-02-"):
        return supplement_request(dossier, int(key.rsplit("-", 1)[1]))
    return {"mau-03": refusal, "mau-04": apology, "dung-xu-ly": stop_notice,
            CONTROL_SLIP: lambda d: control_slip(d, at)}[key](dossier)


def receipt(dossier: Dossier, restart: int | None = None) -> bytes:
    """Mẫu 01 as issued on acceptance, or (`restart`: the n-th) as issued again with the new
    appointment when a full supplement restarted the statutory time (Decree 61 Điều 19.4)."""
    accepted = _events(dossier, "code_issued")[0]
    event = _events(dossier, "deadline_restarted")[restart - 1] if restart else accepted
    procedure = dossier.procedure
    # The components the desk held at that instant, so a receipt printed again is the one issued.
    present = {f.component_code for f in dossier.files if f.uploaded_at <= event.at}
    # A paper dossier's components as the desk recorded receiving them, else the catalogue's.
    received = intake_record(dossier).get("thanh_phan") or {}
    components = [doc.Component(c["name"], _kind(received.get(c["code"], c).get("kind")),
                                int(received.get(c["code"], c).get("copies") or 1))
                  for c in procedure.components if c.get("e_form") or c["code"] in present]
    agency = dossier.agency
    collect = PRINTOUTS["collect_online"] if dossier.channel == "online" else \
        PRINTOUTS["collect_desk"].format(agency=agency.name, address=f", {agency.address}" if agency.address else "")
    receiver = event.actor if event.actor is not None and event.actor.is_officer else None
    note = PRINTOUTS["restart_note"].format(n=restart, received=local_time(accepted.at),
                                            original=local_time(accepted.due_at)) if restart else ""
    arrival = _arrival(dossier, event if restart else None)
    due_at, waited = _appointment(dossier, event)
    due_note = PRINTOUTS["fee_wait_note"].format(hours=_hours(waited)) if round(waited * 60) else ""
    return doc.receipt_pdf(doc.Receipt(
        agency=agency_header(agency), code=dossier.code, applicant=applicant(dossier), procedure=procedure.name,
        components=components, processing_time=doc.Duration(procedure.processing_amount, procedure.processing_unit),
        received_at=event.at, due_at=due_at, due_note=due_note, collect_at=collect, lookup_url=lookup_url(dossier),
        officer=receiver.full_name if receiver else "", note=note,
        number=document_number(dossier.code, numbers.RECEIPT, dossier.id, (restart or 0) + 1),
        register_book=str(book(dossier.received_at)),
        register_entry=str(entry_number(dossier.agency_id, dossier.received_at, dossier.id)),
        by_post=arrival is not None and arrival.get("channel") == POSTAL, online=arrival is None,
        postal_item=str((arrival or {}).get("so_buu_gui") or ""), return_by_post=returns_by_post(dossier)))


def _appointment(dossier: Dossier, issued: DossierEvent) -> tuple[datetime, float]:
    """The appointment a receipt gives and the working hours added to it: the issuing event's,
    moved by each wait for the fee paid after it (the wait does not count against the agency,
    fees.resume), up to the next restart or apology, which set appointments of their own. So the
    receipt printed after the applicant paid says what the dossier page and the lookup say."""
    later = db.session.execute(select(DossierEvent).where(
        DossierEvent.dossier_id == dossier.id, DossierEvent.id > issued.id,
        DossierEvent.kind.in_(("fee_paid", "deadline_restarted", "apology"))).order_by(DossierEvent.id)).scalars()
    due, waited = issued.due_at, 0.0
    for event in later:
        if event.kind != "fee_paid":
            break
        hours = float((event.data if isinstance(event.data, dict) else {}).get("waited_hours") or 0)
        if event.due_at is not None and hours > 0:
            due, waited = event.due_at, waited + hours
    return due, waited


def _hours(hours: float) -> str:
    """Working time as a reader says it: 30 phút, 2 giờ, 7 giờ 56 phút."""
    whole, minutes = divmod(round(hours * 60), 60)
    return " ".join(part for part in (f"{whole} giờ" if whole else "", f"{minutes} phút" if minutes else "") if part)


def intake_record(dossier: Dossier) -> dict:
    """What the desk recorded of a paper dossier's intake (postal item number, how the result
    goes back), kept in the dossier's first event."""
    submitted = _events(dossier, "submitted")
    data = submitted[0].data if submitted else None
    return data if isinstance(data, dict) else {}


def _arrival(dossier: Dossier, restart: DossierEvent | None) -> dict | None:
    """How what a receipt acknowledges reached the desk ({"channel", "so_buu_gui"}): the dossier
    itself, or (`restart`) the supplement that restarted the time, delivered in the same instant;
    None when it came online."""
    if restart is None:
        return {**intake_record(dossier), "channel": dossier.channel} if dossier.channel != "online" else None
    delivered = [e for e in _events(dossier, "message_at_desk") if e.at == restart.at]
    data = delivered[-1].data if delivered else None
    return data if isinstance(data, dict) else None


# How the result goes back: the return step's choice (forms/common/tra_ket_qua), which the postal
# intake records too (workspace/intake.py).
RETURN_FIELD = "hinh_thuc_tra"


def returns_by_post(dossier: Dossier, intake: dict | None = None) -> bool:
    """A dossier received by post has its result posted back to the applicant's address unless
    the applicant asked to collect it at the desk (the intake's choice, RETURN_FIELD); `intake`:
    intake_record(dossier), when the caller has read it already."""
    if dossier.channel != POSTAL:
        return False
    return (intake_record(dossier) if intake is None else intake).get(RETURN_FIELD, "buu_chinh") == "buu_chinh"


def return_method(dossier: Dossier, intake: dict | None = None) -> str:
    """How the applicant expects the result: by post when the dossier came by post (unless they
    chose the desk), online for an online dossier, at the desk for a counter one."""
    if dossier.channel == POSTAL:
        return "buu_chinh" if returns_by_post(dossier, intake) else "truc_tiep"
    return "truc_tuyen" if dossier.channel == "online" else "truc_tiep"


def supplement_request(dossier: Dossier, n: int) -> bytes:
    event = _events(dossier, "supplement_requested")[n - 1]
    data = event.data or {}
    items = [doc.MissingItem(str(i.get("thanh_phan", "")), str(i.get("yeu_cau", ""))) if isinstance(i, dict)
             else doc.MissingItem(str(i), "") for i in data.get("thanh_phan_can_bo_sung") or []]
    return doc.supplement_request_pdf(doc.SupplementRequest(
        agency=agency_header(dossier.agency), applicant=applicant(dossier), procedure=dossier.procedure.name,
        items=items, reason=str(data.get("ly_do", "")), officer=event.actor.full_name if event.actor else "",
        issued_at=event.at, lookup_url=lookup_url(dossier, event.at), code=_code_at(dossier, event.at),
        contact_phone=dossier.agency.phone or "", reference=str(dossier.id),
        number=document_number(_code_at(dossier, event.at), numbers.SUPPLEMENT, dossier.id, n)))


def refusal(dossier: Dossier) -> bytes:
    event = next(e for e in reversed(_events(dossier, "task_completed")) if e.status_after == REFUSED)
    return doc.refusal_pdf(doc.Refusal(
        agency=agency_header(dossier.agency), applicant=applicant(dossier), procedure=dossier.procedure.name,
        reason=str((event.data or {}).get("ly_do", "")), officer=event.actor.full_name if event.actor else "",
        issued_at=event.at, lookup_url=lookup_url(dossier, event.at), code=_code_at(dossier, event.at),
        reference=str(dossier.id), number=document_number(_code_at(dossier, event.at), numbers.REFUSAL, dossier.id)))


def apology(dossier: Dossier) -> bytes:
    event = _events(dossier, "apology")[0]
    data = event.data or {}
    return doc.apology_pdf(doc.Apology(
        agency=agency_header(dossier.agency), code=dossier.code, applicant=applicant(dossier),
        procedure=dossier.procedure.name, received_at=dossier.received_at,
        original_due_at=datetime.fromisoformat(data["previous_due_at"]), reason=str(data.get("reason", "")),
        new_due_at=event.due_at, issued_at=event.at, lookup_url=lookup_url(dossier),
        leader=signer(event.actor), number=document_number(dossier.code or "", numbers.APOLOGY, dossier.id)))


def stop_notice(dossier: Dossier) -> bytes:
    event = _events(dossier, stops.KIND)[-1]
    return doc.stop_notice_pdf(doc.StopNotice(
        agency=agency_header(dossier.agency), code=dossier.code or "", applicant=applicant(dossier),
        procedure=dossier.procedure.name, received_at=dossier.received_at or dossier.submitted_at,
        reason=reasons.reason_in(event.data) or reasons.closing_reason(dossier) or "", signer=signer(event.actor),
        issued_at=event.at, lookup_url=lookup_url(dossier, event.at),
        number=document_number(dossier.code or "", numbers.STOP, dossier.id)))


def control_slip(dossier: Dossier, at: datetime) -> bytes:
    rows = handoffs.handoffs(dossier.id, at)
    citizen = doc.Party(PRINTOUTS["applicant_party"], "", dossier.applicant_name)
    parties = [doc.Party(r.agency, r.unit, r.officer or "") for r in rows]
    slips, noted = [], slip_notes.placed(slip_notes.notes(dossier), rows, dossier.agency.name)
    handed = handoffs.transfers(dossier, rows)
    # One row per hand-over: a step after a join is handed once by each branch that met there.
    for transfer in handed:
        given, row = transfer.giver, rows[transfer.taker]
        # A hand-off's verdict is the giver's: whether it finished its step in time.
        verdict = rows[given].verdict if given is not None and rows[given].verdict in doc.data.VERDICTS else None
        extra = noted.pop(transfer.taker, None)  # what the step decided: on its first row only
        note = PRINTOUTS["slip_note"].format(step=row.step, notes=" ".join(extra)) if extra else row.step
        if row.verdict == "cancelled":  # closed before anyone worked it: a stop, a withdrawal, a timer
            note = PRINTOUTS["slip_cancelled"].format(step=note)
        at = row.received_at if given is not None else _handed_in_at(dossier, row)
        slips.append(doc.Handoff(citizen if given is None else parties[given], parties[transfer.taker], at, verdict,
                                 note))
    returned = None
    if rows and dossier.finished_at and dossier.status == RETURNED:
        last = max(rows, key=lambda row: row.finished_at or row.received_at)
        returned = rows.index(last)
        slips.append(doc.Handoff(parties[returned], citizen, dossier.finished_at,
                                 last.verdict if last.verdict in doc.data.VERDICTS else None,
                                 PRINTOUTS["returned"]))
    # A step whose completion asked the applicant for a supplement (Mẫu 02), refused or stopped the
    # dossier handed it to the applicant: a row of its own, with whether it was done in time. A step
    # finished while the dossier already waited on the applicant (the police answering during a
    # supplement) handed nothing to them.
    to_applicant = set(db.session.execute(select(DossierEvent.node_id, DossierEvent.at).where(
        DossierEvent.dossier_id == dossier.id, DossierEvent.kind == "task_completed",
        DossierEvent.status_after.in_(TO_APPLICANT),
        or_(DossierEvent.status_before.is_(None), DossierEvent.status_before != DossierEvent.status_after))).all())
    slips += [doc.Handoff(parties[index], citizen, row.finished_at, row.verdict, row.step)
              for index, row in enumerate(rows) if index != returned and (row.node_id, row.finished_at) in to_applicant
              and row.verdict in doc.data.VERDICTS]
    slips.sort(key=lambda slip: slip.at)
    consulted = sorted({r.agency for r in rows} - {dossier.agency.name})
    # A dossier not received (refused, or waiting for the desk) has no appointment: the desk's
    # own deadline to receive it is not one, so none is printed.
    return doc.control_slip_pdf(doc.ControlSlip(
        agency=agency_header(dossier.agency), code=dossier.code or "", applicant=applicant(dossier),
        procedure=dossier.procedure.name, received_at=dossier.received_at or dossier.submitted_at,
        due_at=dossier.due_at, resolving_agency=dossier.agency.name,
        lookup_url=lookup_url(dossier), rows=slips, cooperating_agencies=consulted, reference=str(dossier.id),
        refused=dossier.status == REFUSED, made_at=at))


def _handed_in_at(dossier: Dossier, row: handoffs.Handoff) -> datetime:
    """When the applicant handed the dossier to `row`'s step. The step that received it was
    handed it at the reception, the instant Mẫu 01 and the slip's header print (its task opened
    at the online submission, earlier); a step the dossier was not received at (a submission
    refused or sent back for a supplement, a supplement brought later) when it opened."""
    received = dossier.received_at
    if received is not None and row.received_at <= received and (row.finished_at or received) >= received:
        return received
    return row.received_at


def register(agency, start: date, end: date, printed_on: date) -> bytes:
    """Mẫu 06 for the dossiers an agency received from `start` to `end` (local days)."""
    rows = [replace(row, lookup_url=public_url(f"/tra-cuu/{row.code}")) for row in register_rows(agency, start, end)]
    return doc.register_pdf(doc.Register(agency=agency_header(agency), period_start=start, period_end=end,
                                         printed_on=printed_on, rows=rows))


def paper_result(result: DossierResult) -> bytes:
    """The paper conversion (Bình Định 2020, Điều 16) of an electronic result."""
    place = workflow().calendar.profile.place.strip()
    system = PRINTOUTS["system_name"].format(place=place) if place else PRINTOUTS["system_name_unplaced"]
    return doc.paper_result_pdf(doc.PaperResult.of(result_document(result), agency_header(result.dossier.agency), system))


def result_document(result: DossierResult) -> doc.ResultDocument:
    """The result as it was issued, from what its row kept."""
    d = result.details
    content = d["content"]
    return doc.ResultDocument(
        agency=agency_header(result.agency), number=result.document_number or "",
        issued_on=date.fromisoformat(d["issued_on"]), result_code=result.code, applicant=d.get("applicant", ""),
        content=doc.ResultContent(content["title"], [tuple(f) for f in content.get("fields", [])],
                                  content.get("paragraphs", []), content.get("subtitle", "")),
        signer=doc.Signer(d["signer"]["name"], d["signer"].get("title", ""), d["signer"].get("on_behalf", "")),
        verify_url=keyed_url(result.code, d.get("verify_key")))
