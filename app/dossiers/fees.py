"""The rules of fees (phí, lệ phí) around the engine's `thanh_toan` message: a diagram asks for
the fee by waiting for that message with an `amount` (status 6, ANALYST.md QT-40); the app keeps
the amount on the dossier and records the request; fee_payment.py delivers the payment. The
agency's clock stands still while
the applicant is asked to pay: the due instant moves by the working time waited."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from engine.diagram_check import PAYMENT_MESSAGE
from engine.dossier_due import after_wait
from engine.numbers import grouped

from ..db import db
from ..workflow.service import workflow
from .deadlines import move_due
from .events import add_event
from .models import DossierEvent

PAYMENT = PAYMENT_MESSAGE


def is_new_request(waiting_before, outcome) -> bool:
    return outcome.asks(PAYMENT, waiting_before)


def requested(dossier, at: datetime, actor, amount: int | None) -> dict:
    return add_event(dossier, at, "fee_requested", actor=actor, amount=grouped(amount or 0),
                     data={"amount": amount or 0})


def asked_at(dossier_id: int) -> datetime | None:
    return db.session.execute(select(DossierEvent.at).where(
        DossierEvent.dossier_id == dossier_id, DossierEvent.kind == "fee_requested")
        .order_by(DossierEvent.id.desc()).limit(1)).scalar()


def waited_hours(dossier, until: datetime) -> float:
    since = asked_at(dossier.id)
    return workflow().calendar.working_hours_between(since, until) if since is not None and since < until else 0


def resume(dossier, waited: float) -> datetime | None:
    """The current due instant moved by the working hours the applicant took to pay."""
    calendar = workflow().calendar
    if dossier.received_at is not None:
        if dossier.due_at is not None:
            move_due(dossier, after_wait(calendar, dossier.due_at, waited))
        return dossier.due_at
    if dossier.reception_due_at is not None:
        dossier.reception_due_at = after_wait(calendar, dossier.reception_due_at, waited)
    return dossier.reception_due_at

