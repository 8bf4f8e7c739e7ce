"""Payments the gateway never confirmed: when its IPN is lost and the citizen does not come back
from the gateway, an online payment would stay pending although the bank may have taken the
money. A scheduled job asks the gateway (its transaction query) about each one left open a while,
and settles it as the confirmation would have: paid, failed (never paid before its payment URL
expired), or left as it is when the gateway cannot say."""
from __future__ import annotations

import logging
import secrets
import socket
from dataclasses import replace
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import select

from ..db import db
from . import gateway, ledger, online
from .models import Payment
from .settings import gateway_settings

log = logging.getLogger(__name__)
OLDER_THAN = timedelta(minutes=20)
# A gateway keeps answering about a transaction for days; one it never heard of (the citizen closed
# the tab before its page loaded) is not asked about forever: it stays in the day's fees to check.
ASKED_FOR = timedelta(days=7)
# A payment the gateway still calls unfinished is failed only once its payment URL has expired
# and a margin has passed for a bank that was still answering when it did.
UNFINISHED_GRACE = timedelta(minutes=5)
EXPIRED, OTHER_FAILURE = "11", "99"  # the response codes recorded, for the citizen's page


def _server_ip(url: str) -> str:
    """This server's address towards the gateway (vnp_IpAddr of a query): the local end of a UDP
    socket aimed at it, which sends nothing. 127.0.0.1 when it cannot be found."""
    parts = urlsplit(url)
    try:
        family, _, _, _, address = socket.getaddrinfo(parts.hostname, parts.port or 443, type=socket.SOCK_DGRAM)[0]
        with socket.socket(family, socket.SOCK_DGRAM) as probe:
            probe.connect(address)
            return probe.getsockname()[0]
    except (OSError, IndexError, UnicodeError):
        return "127.0.0.1"


def _outcome(payment_state: str, created_at: datetime, result: gateway.GatewayResult,
             at: datetime) -> gateway.GatewayResult | None:
    """The result to record for what the gateway says of the transaction (its response code the
    one the citizen reads), or None to leave the payment as it is."""
    status = result.transaction_status
    if status == gateway.PAID:
        return result
    if status == gateway.SUSPECTED:  # money taken, held by the bank: under review until it decides
        if payment_state in ("review", ledger.SUPERSEDED):  # a superseded one is not put under review
            return None
        return replace(result, response_code=online.UNDER_REVIEW)
    if status in (gateway.FAILED, gateway.REVERSED):
        return replace(result, response_code=OTHER_FAILURE)
    if status == gateway.UNFINISHED:
        expired = created_at + timedelta(minutes=gateway.EXPIRE_MINUTES) + UNFINISHED_GRACE
        return replace(result, response_code=EXPIRED) if at > expired else None
    log.warning("payment %s: the gateway reports transaction status %s; left for a person to check",
                result.txn_ref, status)
    return None


def open_statement(at: datetime, older_than: timedelta = OLDER_THAN):
    """The online payments to ask the gateway about, oldest first (ix_payments_open); superseded
    ones too, which its page may still have taken money for."""
    return select(Payment.txn_ref, Payment.created_at, Payment.state, Payment.amount).where(
        Payment.method == "online", ledger.undecided(), Payment.created_at < at - older_than,
        Payment.created_at > at - ASKED_FOR).order_by(Payment.created_at)


def reconcile_pending(at: datetime, older_than: timedelta = OLDER_THAN) -> int:
    """Ask the gateway about every online payment still open (pending, or under the bank's review)
    created before `at - older_than`, and record what it says; how many payments changed. Each
    payment in its own transaction; the gateway is asked outside any."""
    settings = gateway_settings(current_app.config)
    if settings is None:
        return 0
    open_payments = db.session.execute(open_statement(at, older_than)).all()
    db.session.rollback()
    if not open_payments:
        return 0
    client_ip = _server_ip(settings.url)
    changed = 0
    for txn_ref, created_at, state, amount in open_payments:
        try:
            result = gateway.query(settings, txn_ref=txn_ref, transaction_date=created_at, client_ip=client_ip,
                                   at=at, request_id=secrets.token_hex(16))
            if result is None:
                log.info("payment %s: the gateway gave no answer about it; left %s", txn_ref, state)
                continue
            if result.amount != amount:
                # Refused, as the IPN would be; not written on the dossier at every run.
                log.warning("payment %s: the gateway reports %d VND, not the %d asked; left %s for a person",
                            txn_ref, result.amount, amount, state)
                continue
            outcome = _outcome(state, created_at, result, at)
            if outcome is None:
                continue
            code, _ = online.settle_result(outcome, at)
        except Exception:  # one payment's trouble must not keep the others unreconciled
            db.session.rollback()
            log.exception("payment %s: reconciling with the gateway failed", txn_ref)
            continue
        if code == online.CONFIRMED:
            changed += 1
            log.info("payment %s: settled from the gateway's transaction status %s (code %s recorded)",
                     txn_ref, result.transaction_status, outcome.response_code)
        elif code == online.ALREADY:
            log.info("payment %s: decided meanwhile (its IPN or the citizen's return)", txn_ref)
        else:
            log.warning("payment %s: the gateway's answer was not recorded (code %s)", txn_ref, code)
    if changed:
        log.info("reconciled %d of %d open online payments with the gateway", changed, len(open_payments))
    return changed
