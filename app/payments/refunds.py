"""Money that came for a dossier no longer waiting for it (withdrawn while the citizen paid, or
paid twice) is given back (Quảng Ninh 2022, Điều 13.5.c): the desk records how and when, and the
day's fees page keeps every refund still owed in view until then."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from engine.numbers import grouped

from ..db import db
from ..dossiers.errors import Conflict, Invalid
from ..dossiers.events import add_event, write_events
from ..dossiers.models import Dossier
from .desk import locked_at_desk
from .messages import TEXT
from .models import Payment

MAX_NOTE = 255


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


def owed(agency_id: int | None) -> list[Payment]:
    """Refunds still to give back, oldest first (`agency_id` None: every agency)."""
    query = (select(Payment).join(Dossier, Dossier.id == Payment.dossier_id).where(Payment.state == "refund_due")
             .options(joinedload(Payment.dossier)).order_by(Payment.paid_at))
    if agency_id is not None:
        query = query.where(Dossier.agency_id == agency_id)
    return db.session.execute(query).scalars().all()
