"""Paying a fee online: the citizen is sent to the payment gateway with a new transaction; the
gateway's confirmation (its server-to-server call, or the citizen's browser coming back) is
checked (signature, merchant, amount) and settles the payment once, whichever arrives first."""
from __future__ import annotations

import secrets
from datetime import datetime
from typing import Mapping

from flask import current_app

from ..db import db
from ..dossiers.errors import Conflict, Forbidden
from ..dossiers.fees import PAYMENT
from ..dossiers.messages import ERRORS
from ..dossiers.transitions import lock_dossier
from . import gateway, ledger
from .messages import TEXT
from .models import Payment
from .settings import gateway_settings

# The gateway's answers to its confirmation call.
CONFIRMED, NOT_FOUND, ALREADY, BAD_AMOUNT, BAD_SIGNATURE, UNKNOWN = "00", "01", "02", "04", "97", "99"


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
    """The gateway's word on a transaction: its answer code, and the payment it is about (None
    when the word is not the gateway's). Nothing changes unless it is signed with the merchant
    secret, for our merchant code, about a pending payment of exactly that amount."""
    settings = gateway_settings(current_app.config)
    if settings is None or not gateway.verify(params, settings.secret):
        return BAD_SIGNATURE, None
    try:
        result = gateway.parse_result(params)
    except ValueError:
        return UNKNOWN, None
    if result.tmn_code != settings.tmn_code:
        return BAD_SIGNATURE, None
    dossier_id = db.session.query(Payment.dossier_id).filter(Payment.txn_ref == result.txn_ref).scalar()
    if dossier_id is None:
        return NOT_FOUND, None
    dossier = lock_dossier(dossier_id)  # serialises the gateway's call and the citizen's return
    payment = db.session.query(Payment).filter(Payment.txn_ref == result.txn_ref).one()
    if payment.state != "pending":
        db.session.rollback()
        return ALREADY, payment
    if result.amount != payment.amount:
        db.session.rollback()
        return BAD_AMOUNT, payment
    payment.gateway_code, payment.transaction_no = result.response_code, result.transaction_no[:40]
    payment.bank_code = result.bank_code[:20]
    if result.succeeded:
        payment.paid_at = result.paid_at or at
        ledger.settle(dossier, payment, at)
    else:
        payment.state = "failed"
    db.session.commit()
    return CONFIRMED, payment
