"""A dossier's payments: the number of the next attempt, and a payment settled: the fee delivered
to the process, the receipt signed; or, when the dossier no longer waits for it (withdrawn, paid
another way), the money marked to be refunded (Quảng Ninh Điều 13.5.c)."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import func, select, update

from engine.diagram_names import PAYMENT_METHODS
from engine.numbers import grouped

from ..db import db
from ..dossiers import fee_payment
from ..dossiers.errors import Conflict
from ..dossiers.events import add_event, write_events
from . import gateway, receipts
from .models import Payment

log = logging.getLogger(__name__)
# How the fee was paid, as the process data says it (the codes an analyst's condition reads).
METHOD_CODES = dict(zip(("online", "counter", "postal"), PAYMENT_METHODS))


# How long the gateway lets a citizen pay (its payment URL's expiry): an attempt younger than that
# may still take the money.
ATTEMPT_MINUTES = gateway.EXPIRE_MINUTES
OPEN = ("pending", "review")  # waiting for the gateway's final word
# A pending online attempt replaced by a later one (online or at the desk). The gateway cannot
# cancel an order, so its page may still be paid: online.py refuses that money; until the gateway's
# final word is recorded (gateway_code), the reconciliation keeps asking about it.
SUPERSEDED = "superseded"


def undecided():
    """The condition of the online attempts the gateway has not decided; its first term is the
    partial index's (ix_payments_open), for the databases to read that index."""
    return Payment.state.in_((*OPEN, SUPERSEDED)) & ((Payment.state != SUPERSEDED) | Payment.gateway_code.is_(None))


def supersede_pending(dossier_id: int) -> None:
    """A new payment of the locked dossier replaces its online attempts still pending."""
    db.session.execute(update(Payment).where(Payment.dossier_id == dossier_id, Payment.method == "online",
                                             Payment.state == "pending").values(state=SUPERSEDED))


def open_attempt(dossier_id: int, at: datetime) -> Payment | None:
    """An online payment of the dossier that may still take (or has taken) the citizen's money:
    one the bank holds for review, or one started less than ATTEMPT_MINUTES ago."""
    return db.session.execute(select(Payment).where(
        Payment.dossier_id == dossier_id, Payment.method == "online", Payment.state.in_(OPEN),
        (Payment.state == "review") | (Payment.created_at > at - timedelta(minutes=ATTEMPT_MINUTES)))
        .order_by(Payment.id.desc()).limit(1)).scalar()


def next_number(dossier_id: int) -> int:
    return (db.session.execute(select(func.max(Payment.number)).where(Payment.dossier_id == dossier_id))
            .scalar() or 0) + 1


def settle(dossier, payment: Payment, at: datetime, actor=None) -> bool:
    """`payment` has been paid: on the locked `dossier`, deliver it and sign its receipt; False
    when the dossier no longer waited for it (to be refunded). Conflict (nothing recorded) when
    the process fails on it. Delivered, it is owed back at once if it ends the dossier unfinished
    (refunds.owe_unfinished); its receipt is signed all the same: the money was taken."""
    payment.state = "paid"
    payment.paid_at = payment.paid_at or at
    try:
        fee_payment.pay(dossier, {"so_tien_da_nop": payment.amount, "hinh_thuc_nop": METHOD_CODES[payment.method],
                                  "ma_giao_dich": payment.transaction_no or payment.txn_ref}, at, actor,
                        paid_at=payment.paid_at)
    except fee_payment.NoLongerWaiting:
        owe_back(dossier, payment, at, "fee_refund_due", actor)
        return False
    if not payment.amount:  # nothing was paid (a fee of 0 đồng): no receipt to sign
        return True
    try:
        receipts.issue(dossier, payment, at, actor)
    except Conflict:  # no signing key: the payment stands; the receipt can be issued later
        log.exception("receipt of payment %s not signed", payment.txn_ref)
    return True


def owe_back(dossier, payment: Payment, at: datetime, kind: str, actor=None) -> None:
    """Money came for `payment` that the dossier does not take: recorded, to be given back."""
    payment.state = "refund_due"
    payment.paid_at = payment.paid_at or at
    write_events([add_event(dossier, at, kind, actor=actor, amount=grouped(payment.amount),
                            data={"txn_ref": payment.txn_ref})])
