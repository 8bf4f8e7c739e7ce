"""Paying a dossier's fee: the `thanh_toan` message delivered to its process, whoever took the
money (the payment gateway's confirmation, or the desk's cashier), with the clock resumed."""
from __future__ import annotations

from datetime import datetime

from engine.numbers import grouped

from . import fees, handover
from .errors import Conflict
from .events import add_event
from .messages import ERRORS, MESSAGE_NAMES
from .transitions import apply_outcome, deliver

PAYMENT = fees.PAYMENT


class NoLongerWaiting(Conflict):
    """The dossier does not wait for a fee (withdrawn or stopped meanwhile, or paid another way):
    money that arrives now is to be refunded."""


def pay(dossier, payment: dict, at: datetime, actor=None, paid_at: datetime | None = None) -> None:
    """Deliver the payment to the locked `dossier`'s process (`payment`: what the process data
    gets, so later steps read it); the due instant moves by the time waited until `paid_at`.
    NoLongerWaiting when the dossier no longer waits for a fee; Conflict when the process fails
    (a diagram's mistake: nothing is recorded, the payment can be settled once it is fixed)."""
    if PAYMENT not in dossier.waiting_messages:
        raise NoLongerWaiting(ERRORS["not_waiting"].format(name=MESSAGE_NAMES[PAYMENT]))
    # The wait ends when the money was paid (the gateway's time), not when its word reached us.
    waited = fees.waited_hours(dossier, min(paid_at, at) if paid_at else at)
    handed = handover.handed_after_fee(dossier, at)
    outcome = deliver(dossier, PAYMENT, payment, at, not_waiting=NoLongerWaiting, handed_at=handed)
    due = fees.resume(dossier, waited)
    event = add_event(dossier, at, "fee_paid", actor=actor, amount=grouped(payment["so_tien_da_nop"]),
                      due_at=due, data={**payment, "waited_hours": waited})
    apply_outcome(dossier, outcome, at, actor=actor, event=event, handed_at=handed)
