"""Paying a fee online: the citizen is sent to the payment gateway with a new transaction; the
gateway's confirmation (its server-to-server call, or the citizen's browser coming back) is
checked (signature, merchant, amount) and settles the payment once, whichever arrives first."""
from __future__ import annotations

import secrets
from datetime import datetime
from typing import Mapping

from flask import current_app
from sqlalchemy import select

from engine.numbers import grouped

from ..db import db
from ..dossiers.errors import Conflict, Forbidden
from ..dossiers.events import add_event, write_events
from ..dossiers.fees import PAYMENT
from ..dossiers.messages import ERRORS
from ..dossiers.transitions import lock_dossier
from ..localtime import local_time
from . import gateway, ledger
from .messages import TEXT
from .models import Payment
from .settings import gateway_settings

# The gateway's answers to its confirmation call.
CONFIRMED, NOT_FOUND, ALREADY, BAD_AMOUNT, BAD_SIGNATURE, UNKNOWN = "00", "01", "02", "04", "97", "99"
UNDER_REVIEW = "07"  # the bank took the money but holds the transaction for review
OPEN = ledger.OPEN


def start(user, dossier_id: int, at: datetime, client_ip: str, return_url: str) -> str:
    """A new pending transaction for the fee the dossier waits for; the gateway URL to go to."""
    settings = gateway_settings(current_app.config)
    if settings is None:
        raise Conflict(TEXT["online_unavailable"])
    dossier = lock_dossier(dossier_id)
    if dossier is None or dossier.owner_id != user.id:
        raise Forbidden(ERRORS["not_owner"])
    if PAYMENT not in (dossier.waiting_messages or []) or not dossier.amount_due:
        raise Conflict(TEXT["nothing_due"])
    held = ledger.open_attempt(dossier.id, at)
    if held is not None and held.state == "review":  # the bank has the money already
        raise Conflict(TEXT["online_in_review"].format(at=local_time(held.created_at)))
    number = ledger.next_number(dossier.id)
    payment = Payment(dossier_id=dossier.id, number=number, txn_ref=f"{dossier.id}T{number}R{secrets.token_hex(4)}",
                      amount=dossier.amount_due, method="online", state="pending", created_by_id=user.id,
                      created_at=at)
    db.session.add(payment)
    url = gateway.payment_url(settings, txn_ref=payment.txn_ref, amount=payment.amount,
                              order_info=TEXT["order_info"].format(ref=dossier.code or dossier.id),
                              return_url=return_url, client_ip=client_ip, at=at)
    db.session.commit()
    return url


def confirm(params: Mapping[str, str], at: datetime) -> tuple[str, Payment | None]:
    """The gateway's word on a transaction (its IPN, or the citizen's return): its answer code,
    and the payment it is about (None when the word is not the gateway's). Nothing changes
    unless it is signed with the merchant secret, for our merchant code."""
    settings = gateway_settings(current_app.config)
    if settings is None or not gateway.verify(params, settings.secret):
        return BAD_SIGNATURE, None
    try:
        result = gateway.parse_result(params)
    except ValueError:
        return UNKNOWN, None
    if result.tmn_code != settings.tmn_code:
        return BAD_SIGNATURE, None
    return settle_result(result, at)


def settle_result(result: gateway.GatewayResult, at: datetime) -> tuple[str, Payment | None]:
    """What an authenticated gateway result does to its payment, once: paid (settled), under the
    bank's review (07: money taken, kept open for the bank's final word), or failed; refused
    for a payment already decided or an amount other than asked (recorded on the dossier)."""
    dossier_id = db.session.execute(select(Payment.dossier_id).where(Payment.txn_ref == result.txn_ref)).scalar()
    if dossier_id is None:
        return NOT_FOUND, None
    dossier = lock_dossier(dossier_id)  # serialises the gateway's call, the citizen's return, the desk
    payment = db.session.execute(select(Payment).where(Payment.txn_ref == result.txn_ref)).scalar_one()
    if payment.state not in OPEN:
        db.session.rollback()
        return ALREADY, payment
    if result.amount != payment.amount:
        write_events([add_event(dossier, at, "fee_mismatch", paid=grouped(result.amount), asked=grouped(payment.amount),
                                data={"txn_ref": payment.txn_ref, "amount": result.amount})])
        db.session.commit()
        return BAD_AMOUNT, payment
    payment.gateway_code, payment.transaction_no = result.response_code, result.transaction_no[:40]
    payment.bank_code = result.bank_code[:20]
    try:
        if result.succeeded:
            payment.paid_at = result.paid_at or at
            ledger.settle(dossier, payment, at)
        else:
            payment.state = "review" if result.response_code == UNDER_REVIEW else "failed"
    except Conflict:  # the process failed on it: nothing recorded, the gateway asks again later
        db.session.rollback()
        return UNKNOWN, None
    db.session.commit()
    return CONFIRMED, payment
