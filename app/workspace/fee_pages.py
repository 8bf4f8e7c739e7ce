"""The desk and fees: taking a fee in cash (at the counter or with a posted dossier), and the
day's fees of the agency (sổ thu phí) for handing over cash and reconciling the gateway."""
from __future__ import annotations

from datetime import date

from flask import abort, flash, g, redirect, render_template, request, url_for

from engine.numbers import grouped

from ..clock import now
from ..localtime import local_today
from ..db import db
from ..dossiers.access import may_read
from ..dossiers.citizen import DESK_CHANNELS, DESK_ROLES
from ..dossiers.errors import Conflict, Forbidden, Invalid
from ..dossiers.messages import CHANNEL_WORDS
from ..dossiers.models import Dossier
from ..files.download import file_response
from ..payments import desk, refunds
from ..payments.daybook import as_csv, daybook
from ..payments.messages import DAYBOOK_COLUMNS, DAYBOOK_REFUND_COLUMNS, DAYBOOK_REFUNDS_TITLE, PAYMENT_STATES, TEXT
from ..web.session import login_required
from .blueprint import workspace
from .dossier_context import handed_next_day
from .dossier_pages import EARLIEST_DAY, typed_date
from .messages import CHANNELS, DAYBOOK

DAYBOOK_ROLES = ("one_stop", "leader", "admin")  # who hands over and checks the day's money
NOT_ONLINE = "khong_truc_tuyen"  # the box the desk ticks when the citizen is not paying online


@workspace.post("/ho-so/<int:dossier_id>/thu-phi")
@login_required(*DESK_ROLES)
def collect_at_desk(dossier_id: int):
    channel = request.form.get("hinh_thuc", "counter")
    if channel not in DESK_CHANNELS:
        channel = "counter"
    at = now()
    try:
        payment = desk.collect(g.user, dossier_id, channel, at, despite_online=request.form.get(NOT_ONLINE) == "1")
    except Forbidden:
        _refuse(dossier_id)
    except Conflict as exc:
        db.session.rollback()
        payment = desk.just_collected(g.user, dossier_id, at)
        if payment is None:
            flash(str(exc), "error")
            return redirect(url_for("workspace.dossier_page", dossier_id=dossier_id), 303)
    if not payment.amount:
        flash(TEXT["desk_zero"])
        return redirect(url_for("workspace.dossier_page", dossier_id=dossier_id), 303)
    flash(TEXT["desk_paid" if payment.receipt_code else "desk_paid_no_receipt"].format(
        amount=grouped(payment.amount), channel=CHANNEL_WORDS[channel], receipt=payment.receipt_code))
    for line in handed_next_day(dossier_id, since=at):
        flash(line)
    return redirect(url_for("workspace.dossier_page", dossier_id=dossier_id, _anchor="phi"), 303)


def _refuse(dossier_id: int):
    """403 to an officer who may see the dossier; to anyone else (another agency) it is not
    confirmed to exist, as on every other dossier address."""
    db.session.rollback()
    dossier = db.session.get(Dossier, dossier_id)
    abort(403 if dossier is not None and may_read(g.user, dossier) else 404)


@workspace.get("/thu-phi")
@login_required(*DAYBOOK_ROLES)
def daybook_page():
    """The fees settled on a day for the officer's agency (an administrator: every agency)."""
    today = local_today()
    day, refusal = _day(request.args.get("ngay", "")[:32], today)
    agency_id = None if g.user.role == "admin" else g.user.agency_id
    if agency_id is None and g.user.role != "admin":
        abort(403)
    book = daybook(agency_id, day)
    if request.args.get("csv") and refusal is None:
        return file_response(as_csv(book, DAYBOOK_COLUMNS, CHANNELS, PAYMENT_STATES, DAYBOOK_REFUNDS_TITLE,
                                    DAYBOOK_REFUND_COLUMNS), f"so-thu-phi-{book.day:%Y%m%d}.csv", mimetype="text/csv")
    return render_template("workspace/daybook.html", book=book, channels=CHANNELS, states=PAYMENT_STATES,
                           agency=g.user.agency, today=today,
                           owed=[(p, refunds.reason(p)) for p in refunds.owed(agency_id)],
                           refusal=refusal), 422 if refusal else 200


def _day(text: str, today: date) -> tuple[date, str | None]:
    """The day asked for, or today with the reason it was not shown (a CSV of the wrong day is
    never sent)."""
    if not text:
        return today, None
    day = typed_date(text)
    if day is None:
        return today, DAYBOOK["not_understood"].format(text=text, earliest=f"{EARLIEST_DAY:%d/%m/%Y}",
                                                       today=f"{today:%d/%m/%Y}")
    if day > today:
        return today, DAYBOOK["future"].format(day=f"{day:%d/%m/%Y}", today=f"{today:%d/%m/%Y}")
    return day, None


@workspace.post("/ho-so/<int:dossier_id>/hoan-phi/<int:number>")
@login_required(*DESK_ROLES)
def record_refund(dossier_id: int, number: int):
    """The desk gave back money owed back: its dossier ended unfinished, or it came when the
    dossier no longer waited for it."""
    try:
        payment = refunds.record(g.user, dossier_id, number, request.form.get("cach_hoan", ""), now())
    except Forbidden:
        _refuse(dossier_id)
    except (Conflict, Invalid) as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("workspace.dossier_page", dossier_id=dossier_id, _anchor="phi"), 303)
    flash(TEXT["refunded"].format(amount=grouped(payment.amount), note=payment.refund_note))
    return redirect(url_for("workspace.dossier_page", dossier_id=dossier_id, _anchor="phi"), 303)
