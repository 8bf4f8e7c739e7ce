"""Fees given back (Quảng Ninh 2022, Điều 13.5.c: only when the agency did not complete the
service). Two ways money comes to be owed back: it came for a dossier no longer waiting for it
(withdrawn while the citizen paid, or paid twice: ledger.py), or the dossier it paid for ended
without its result (stopped, or withdrawn at the citizen's request: `owe_unfinished`, in the
transaction that ends it). A dossier that was processed owes nothing back, its result collected
or not. The desk records how and when it gave the money back, and the day's fees page keeps
every refund still owed in view until then."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from engine.numbers import grouped
from engine.statuses import STOPPED, WITHDRAWN

from ..db import db
from ..dossiers.errors import Conflict, Invalid
from ..dossiers.events import add_event, write_events
from ..dossiers.models import Dossier
from .desk import locked_at_desk
from .messages import REFUND_REASONS, TEXT
from .models import Payment

MAX_NOTE = 255
UNFINISHED = (WITHDRAWN, STOPPED)  # ends without the service completed; a refusal (3) is never paid
GIVEN_BACK = ("refund_due", "refunded")


def owe_unfinished(dossier, at: datetime, actor=None) -> list[dict]:
    """The locked `dossier` has just ended: when it ended unfinished, every paid payment of it is
    owed back; the events saying so. Called by the transition that ends it (under the dossier's
    lock, like every change of its payments), so a payment settled by that very transition is
    seen as paid and one settled after it finds the dossier no longer waiting (refund_due)."""
    if dossier.status not in UNFINISHED:
        return []
    # No filter on state in SQL: a payment this transaction settled is paid in the session only.
    payments = db.session.execute(select(Payment).where(Payment.dossier_id == dossier.id)
                                  .order_by(Payment.number)).scalars().all()
    events = []
    for payment in payments:
        if payment.state != "paid" or not payment.amount:  # 0 đồng: nothing to give back
            continue
        payment.state = "refund_due"
        events.append(add_event(dossier, at, "fee_refund_owed", actor=actor, amount=grouped(payment.amount),
                                reason=REFUND_REASONS[dossier.status],
                                data={"txn_ref": payment.txn_ref, "number": payment.number,
                                      "amount": payment.amount, "status": dossier.status}))
    return events


def reason(payment: Payment) -> str:
    """Why the payment is (or was) owed back, in words, as its dossier's status says it."""
    return REFUND_REASONS.get(payment.dossier.status, REFUND_REASONS[None])


def record(user, dossier_id: int, number: int, note: str, at: datetime) -> Payment:
    """The refund of the dossier's payment `number` given back, `note` saying how."""
    note = " ".join((note or "").split())
    if not 0 < len(note) <= MAX_NOTE:
        raise Invalid(TEXT["refund_note"], [{"field": "cach_hoan", "message": TEXT["refund_note"]}])
    dossier = locked_at_desk(user, dossier_id)
    payment = db.session.execute(select(Payment).where(Payment.dossier_id == dossier.id,
                                                       Payment.number == number)).scalar()
    if payment is None or payment.state != "refund_due":
        raise Conflict(TEXT["no_refund_due"])
    payment.state, payment.refunded_at, payment.refunded_by_id, payment.refund_note = "refunded", at, user.id, note
    write_events([add_event(dossier, at, "fee_refunded", actor=user, amount=grouped(payment.amount), note=note,
                            data={"txn_ref": payment.txn_ref})])
    db.session.commit()
    return payment


def owed_statement(agency_id: int | None):
    """The refunds still to give back, oldest first (`agency_id` None: every agency), read from
    the partial index of payments owed back (ix_payments_refund_due)."""
    query = (select(Payment).join(Dossier, Dossier.id == Payment.dossier_id).where(Payment.state == "refund_due")
             .options(joinedload(Payment.dossier)).order_by(Payment.paid_at))
    return query if agency_id is None else query.where(Dossier.agency_id == agency_id)


def owed(agency_id: int | None) -> list[Payment]:
    """Refunds still to give back, oldest first (`agency_id` None: every agency)."""
    return db.session.execute(owed_statement(agency_id)).scalars().all()


def of_dossier(dossier_id: int) -> list[Payment]:
    """The dossier's payments owed back or given back, in order, for its owner's page."""
    return db.session.execute(select(Payment).where(Payment.dossier_id == dossier_id,
                                                    Payment.state.in_(GIVEN_BACK))
                              .order_by(Payment.number)).scalars().all()
