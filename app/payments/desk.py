"""The one-stop desk taking a fee in cash, at the counter or with a posted dossier: paid at once,
receipt signed in the same act."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from ..db import db
from ..dossiers.citizen import may_receive_at_desk
from ..dossiers.errors import Conflict, Forbidden
from ..dossiers.fees import PAYMENT
from ..dossiers.messages import ERRORS
from ..dossiers.transitions import lock_dossier
from ..localtime import local_time
from . import ledger
from .messages import TEXT
from .models import Payment

SENT_TWICE = timedelta(minutes=1)  # how far apart a double click's two sendings may arrive


def locked_at_desk(user, dossier_id: int):
    """The dossier, locked, when `user` is at the desk of its agency; Forbidden otherwise."""
    dossier = lock_dossier(dossier_id)
    if dossier is None or not may_receive_at_desk(user, dossier):
        raise Forbidden(ERRORS["not_desk"])
    return dossier


def collect(user, dossier_id: int, channel: str, at: datetime, despite_online: bool = False) -> Payment:
    """`despite_online`: the citizen says they are not paying online, though an online attempt
    may still take their money (else Conflict: the fee could be taken twice)."""
    dossier = locked_at_desk(user, dossier_id)
    if PAYMENT not in (dossier.waiting_messages or []):
        raise Conflict(TEXT["nothing_due"])
    attempt = ledger.open_attempt(dossier.id, at)
    if attempt is not None and (attempt.state == "review" or not despite_online):
        key = "online_review" if attempt.state == "review" else "online_open"
        raise Conflict(TEXT[key].format(at=local_time(attempt.created_at),
                                        until=local_time(attempt.created_at + timedelta(minutes=ledger.ATTEMPT_MINUTES))))
    ledger.supersede_pending(dossier.id)  # the citizen said they are not paying online: its money is refused
    number = ledger.next_number(dossier.id)
    payment = Payment(dossier_id=dossier.id, number=number, txn_ref=f"{dossier.id}Q{number}",
                      amount=dossier.amount_due or 0, method=channel, state="pending", created_by_id=user.id,
                      created_at=at, paid_at=at)
    db.session.add(payment)
    db.session.flush()
    if not ledger.settle(dossier, payment, at, user):
        db.session.rollback()
        raise Conflict(TEXT["nothing_due"])
    db.session.commit()
    return payment


def just_collected(officer, dossier_id: int, at: datetime) -> Payment | None:
    """The payment `officer` took for the dossier in the last minute: a form sent twice (a
    double click) finds the first sending's, and says it as the first did."""
    return db.session.execute(select(Payment).where(
        Payment.dossier_id == dossier_id, Payment.created_by_id == officer.id, Payment.method.in_(("counter", "postal")),
        Payment.created_at >= at - SENT_TWICE).order_by(Payment.id.desc()).limit(1)).scalar()
