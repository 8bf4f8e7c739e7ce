"""E-mails to the applicant when a dossier needs them or reaches them (its acceptance, a supplement
request, a refusal, a stop, a new appointment after an apology or a supplement, the result, the fees owed
back when it ended unfinished), queued in the transition's own transaction through the outbox:
sent only if it commits, retried if the mail server is down."""
from __future__ import annotations

from datetime import datetime

from engine.numbers import grouped
from engine.statuses import REFUSED, STOPPED, WITHDRAWN

from ..mail.outbox import queue_mail
from ..localtime import local_time
from .messages import NOTICES
from .printouts import public_url
from .reasons import closes, reason_in

EVENT_NOTICES = ("code_issued", "supplement_requested", "result_issued", "apology", "deadline_restarted",
                 "fee_requested", "fee_paid")
AT_THE_COUNTER = "counter"


def refund_owed(events: list[dict]) -> int:
    """The đồng the transition made owed back to the applicant (its dossier ended unfinished
    with fees paid: payments/refunds.py `owe_unfinished`), 0 when none."""
    return sum(e["data"]["amount"] for e in events if e["kind"] == "fee_refund_owed")


def queue_for(dossier, events: list[dict], status_before: int, at: datetime) -> None:
    """One mail per event (or status reached) the applicant must hear about; none without an
    e-mail address (a counter dossier of someone with no account). The mail of a stop says the
    fees paid that will be given back; a withdrawal, which the applicant asked for, is mailed
    only for that."""
    kinds = [e["kind"] for e in events if e["kind"] in EVENT_NOTICES]
    if "fee_paid" in kinds and dossier.due_at is None:
        kinds.remove("fee_paid")  # paid before reception: the acceptance's mail gives the appointment
    if "code_issued" in kinds and (dossier.channel == AT_THE_COUNTER or "fee_requested" in kinds):
        kinds.remove("code_issued")  # Mẫu 01 handed over at the counter; the fee's mail names the code
    refund = refund_owed(events)
    if dossier.status != status_before and (dossier.status in (REFUSED, STOPPED)
                                            or (dossier.status == WITHDRAWN and refund)):
        kinds.append(f"status_{dossier.status}")
    address = dossier.owner.email if kinds else None  # the owner is loaded only when needed
    if not address:
        return
    # The refusal's or stop's reason, as written in the transition's own event.
    reason = next((r for r in (reason_in(e.get("data")) for e in events if closes(e, dossier.status)) if r), None)
    for kind in kinds:
        subject, body = NOTICES[kind]
        values = {"name": dossier.applicant_name, "procedure": dossier.procedure.name,
                  "short": dossier.code or f"số {dossier.id}",
                  "ref": NOTICES["code"].format(code=dossier.code) if dossier.code else NOTICES["no_code"].format(
                      id=dossier.id), "due": local_time(dossier.due_at),
                  "link": public_url(f"/ho-so/{dossier.id}"),
                  "reason": NOTICES["reason"].format(reason=reason) if reason else "",
                  "amount": grouped(dossier.amount_due or 0)}
        body = body.format(**values)
        if refund and kind.startswith("status_"):
            body += NOTICES["refund_owed"].format(amount=grouped(refund), agency=dossier.agency.name)
        queue_mail(address, subject.format(**values), body, at)
