"""Fee payment addresses: the citizen's "pay online" button, the gateway's return and its
confirmation (IPN). The desk's pages are the one-stop system's (app/workspace/fee_pages.py)."""
from __future__ import annotations

from flask import Blueprint, abort, flash, g, jsonify, redirect, request, url_for

from engine.numbers import grouped

from ..clock import now
from ..db import db
from ..dossiers.errors import Conflict, Forbidden
from ..dossiers.fees import PAYMENT
from ..dossiers.printouts import public_url
from ..localtime import local_time
from ..web.session import login_required
from . import gateway, online
from .messages import TEXT

payments = Blueprint("payments", __name__)
DESK_CHANNELS = ("counter", "postal")


@payments.post("/ho-so/<int:dossier_id>/nop-phi")
@login_required("citizen")
def pay_online(dossier_id: int):
    try:
        url = online.start(g.user, dossier_id, now(), request.remote_addr or "127.0.0.1",
                           public_url(url_for("payments.gateway_return")))
    except Forbidden:
        db.session.rollback()
        abort(404)
    except Conflict as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("portal.dossier", dossier_id=dossier_id), 303)
    return redirect(url, 303)


@payments.get("/thanh-toan/ket-qua")
def gateway_return():
    """Where the gateway sends the citizen back: the outcome is settled here too if its
    confirmation call has not arrived yet, then said on the dossier page, to its owner only
    (the address stays in browser histories and logs)."""
    code, payment = online.confirm(request.args, now())
    if payment is None or code not in (online.CONFIRMED, online.ALREADY, online.BAD_AMOUNT):
        flash(TEXT["bad_callback"], "error")
        return redirect(url_for("portal.my_dossiers"), 303)
    if g.user is None or g.user.id != payment.dossier.owner_id:
        flash(TEXT["recorded"])
        return redirect(url_for("portal.my_dossiers"), 303)
    flash(*_outcome(code, payment))
    return redirect(url_for("portal.dossier", dossier_id=payment.dossier_id), 303)


def _outcome(code: str, payment) -> tuple[str, str]:
    """What the citizen is told about their payment, and how (a notice, or an error)."""
    amount = grouped(payment.amount)
    if code == online.BAD_AMOUNT:
        return TEXT["amount_mismatch"], "error"
    if payment.state == "paid":
        return (TEXT["paid"].format(amount=amount, receipt=payment.receipt_code) if payment.receipt_code
                else TEXT["paid_no_receipt"].format(amount=amount)), "message"
    if payment.state == "superseded":
        return TEXT["superseded"], "error"
    if payment.state == "refund_due":
        return TEXT["refund_due"].format(amount=amount), "error"
    if payment.state == "review":
        return TEXT["online_in_review"].format(at=local_time(payment.created_at)), "error"
    reason = gateway.response_text(payment.gateway_code or "")
    if PAYMENT not in (payment.dossier.waiting_messages or []):  # an old attempt's page, opened again
        return TEXT["failed_past"].format(reason=reason), "message"
    return TEXT["failed"].format(reason=reason), "error"


@payments.get("/thanh-toan/ipn")
def gateway_confirmation():
    """The gateway's server-to-server confirmation; it reads only the JSON answer."""
    code, _ = online.confirm(request.args, now(), ipn=True)
    return jsonify(gateway.ipn_answer(code))

