"""Paying a fee online: the citizen is sent to the payment gateway with a new transaction; the
gateway's confirmation (its server-to-server call, or the citizen's browser coming back) is
checked (signature, merchant, amount) and settles the payment once, whichever arrives first.
A new attempt supersedes the pending one: the gateway cannot cancel an order, so the old one's
money is refused when its IPN asks, and recorded as owed back when it is taken all the same."""
from __future__ import annotations

import logging
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
# The answer to the IPN of an attempt superseded by a later one: no open order under that
# reference, so the gateway is to refuse the money rather than settle it.
REFUSED = NOT_FOUND
OPEN = ledger.OPEN
log = logging.getLogger(__name__)


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
    ledger.supersede_pending(dossier.id)  # one order the citizen may pay at a time
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


def confirm(params: Mapping[str, str], at: datetime, ipn: bool = False) -> tuple[str, Payment | None]:
    """The gateway's word on a transaction (its IPN, or the citizen's return): its answer code,
    and the payment it is about (None when the word is not the gateway's). Nothing changes
    unless it is signed with the merchant secret, for our merchant code. Only the IPN's answer
    reaches the gateway, so only it can refuse a superseded attempt's money."""
    settings = gateway_settings(current_app.config)
    if settings is None or not gateway.verify(params, settings.secret):
        return BAD_SIGNATURE, None
    try:
        result = gateway.parse_result(params)
    except ValueError:
        return UNKNOWN, None
    if result.tmn_code != settings.tmn_code:
        return BAD_SIGNATURE, None
    return settle_result(result, at, refusable=ipn)


def settle_result(result: gateway.GatewayResult, at: datetime, refusable: bool = False) -> tuple[str, Payment | None]:
    """What an authenticated gateway result does to its payment, once: paid (settled), under the
    bank's review (07: money taken, kept open for the bank's final word), or failed; refused
    for a payment already decided or an amount other than asked (recorded on the dossier).
    A superseded attempt is never settled: money for it is refused when `refusable` (the IPN),
    else recorded as owed back; its failure is recorded as the gateway's final word."""
    dossier_id = db.session.execute(select(Payment.dossier_id).where(Payment.txn_ref == result.txn_ref)).scalar()
    if dossier_id is None:
        return NOT_FOUND, None
    dossier = lock_dossier(dossier_id)  # serialises the gateway's call, the citizen's return, the desk
    payment = db.session.execute(select(Payment).where(Payment.txn_ref == result.txn_ref)).scalar_one()
    superseded = payment.state == ledger.SUPERSEDED and payment.gateway_code is None
    if payment.state not in OPEN and not superseded:
        db.session.rollback()
        return ALREADY, payment
    if result.amount != payment.amount:
        write_events([add_event(dossier, at, "fee_mismatch", paid=grouped(result.amount), asked=grouped(payment.amount),
                                data={"txn_ref": payment.txn_ref, "amount": result.amount})])
        db.session.commit()
        return BAD_AMOUNT, payment
    if superseded:
        return _superseded(dossier, payment, result, at, refusable)
    _record_result(payment, result)
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


def _record_result(payment: Payment, result: gateway.GatewayResult) -> None:
    payment.gateway_code, payment.transaction_no = result.response_code, result.transaction_no[:40]
    payment.bank_code = result.bank_code[:20]


def _superseded(dossier, payment: Payment, result: gateway.GatewayResult, at: datetime,
                refusable: bool) -> tuple[str, Payment]:
    taken = result.succeeded or result.response_code == UNDER_REVIEW
    if taken and refusable:
        db.session.rollback()
        log.info("payment %s: superseded by a later attempt; the gateway's money refused", payment.txn_ref)
        return REFUSED, payment
    if result.response_code == UNDER_REVIEW:  # held by the bank: its final word is asked for later
        db.session.rollback()
        return ALREADY, payment
    _record_result(payment, result)
    if result.succeeded:  # taken although superseded: never delivered, given back
        payment.paid_at = result.paid_at or at
        ledger.owe_back(dossier, payment, at, "fee_superseded_paid")
    db.session.commit()
    return CONFIRMED, payment
