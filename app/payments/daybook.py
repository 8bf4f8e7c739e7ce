"""The day's fees of an agency (sổ thu phí, lệ phí): every payment settled that day for its
dossiers, with totals per way of paying, so the desk hands over its cash and the accountant
reconciles the gateway's statement each day (An Giang 2023, Điều 31.7).

A day's totals are the money that came in that day, whatever became of it later: a payment owed
back days after (its dossier stopped or withdrawn) or given back stays in the day it was paid,
said among the totals, and the refunds given back on a day are listed on that day's book, so a
book already handed over never changes."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..db import db
from ..dossiers.models import Dossier
from ..workflow.service import workflow
from .ledger import undecided
from .models import Payment

SETTLED = ("paid", "refund_due", "refunded")
METHODS = ("online", "counter", "postal")


@dataclass(frozen=True)
class Daybook:
    day: date
    payments: list[Payment]
    totals: dict[str, tuple[int, int]]  # method -> (count, đồng), every payment that came in
    refund_due: tuple[int, int]  # of those, still owed back (count, đồng)
    refunded: tuple[int, int]  # of those, given back since
    given_back: list[Payment]  # refunds given back that day, of payments of any day
    # Online attempts of the day the gateway has not decided (the reconciliation job asks it):
    # money may have been taken; the accountant checks them against the gateway's statement.
    undecided: list[Payment]

    @property
    def total(self) -> int:
        return sum(amount for _, amount in self.totals.values())


def daybook(agency_id: int | None, day: date) -> Daybook:
    """`agency_id` None: every agency (the administrator's view)."""
    tz = workflow().calendar.tz
    start = datetime.combine(day, time(0), tz)
    query = (select(Payment).join(Dossier, Dossier.id == Payment.dossier_id)
             .where(Payment.state.in_(SETTLED), Payment.paid_at >= start, Payment.paid_at < start + timedelta(days=1))
             .options(joinedload(Payment.dossier), joinedload(Payment.created_by)).order_by(Payment.paid_at, Payment.id))
    if agency_id is not None:
        query = query.where(Dossier.agency_id == agency_id)
    payments = db.session.execute(query).scalars().all()
    totals = {m: _sum(p for p in payments if p.method == m) for m in METHODS}
    given_back = db.session.execute(given_back_statement(agency_id, day)).scalars().all()
    return Daybook(day, payments, totals, _sum(p for p in payments if p.state == "refund_due"),
                   _sum(p for p in payments if p.state == "refunded"), given_back,
                   db.session.execute(undecided_statement(agency_id, day)).scalars().all())


def undecided_statement(agency_id: int | None, day: date):
    """The online attempts started on `day` the gateway has not decided (ix_payments_open)."""
    start = datetime.combine(day, time(0), workflow().calendar.tz)
    query = select(Payment).join(Dossier, Dossier.id == Payment.dossier_id).where(
        undecided(), Payment.created_at >= start, Payment.created_at < start + timedelta(days=1)) \
        .options(joinedload(Payment.dossier)).order_by(Payment.created_at)
    return query if agency_id is None else query.where(Dossier.agency_id == agency_id)


def given_back_statement(agency_id: int | None, day: date):
    """The refunds given back on `day`, of payments of any day, in the order they were given
    (read by the index of refund instants, ix_payments_refunded_at)."""
    start = datetime.combine(day, time(0), workflow().calendar.tz)
    query = select(Payment).join(Dossier, Dossier.id == Payment.dossier_id).where(
        Payment.state == "refunded", Payment.refunded_at >= start, Payment.refunded_at < start + timedelta(days=1)) \
        .options(joinedload(Payment.dossier), joinedload(Payment.refunded_by)).order_by(Payment.refunded_at)
    return query if agency_id is None else query.where(Dossier.agency_id == agency_id)


def _sum(payments) -> tuple[int, int]:
    chosen = list(payments)
    return len(chosen), sum(p.amount for p in chosen)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    """A text cell a spreadsheet shows and never runs: an applicant named "=HYPERLINK(…)" stays text."""
    text = str(value)
    return "'" + text if not isinstance(value, int) and text.startswith(FORMULA_STARTS) else text


def as_csv(book: Daybook, headers: list[str], methods: dict[str, str], states: dict[str, str],
           refund_title: str, refund_headers: list[str]) -> bytes:
    """The day's rows for a spreadsheet (UTF-8 with BOM, which Excel needs to read Vietnamese):
    the money that came in, then, when any was given back that day, a section of its own (a
    blank row, `refund_title`, `refund_headers`) of those refunds, their amounts negative in the
    same column, so that column adds up to the money the day leaves with the agency. Every text
    cell is kept from running as a formula."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    tz = workflow().calendar.tz

    def row(*values):
        writer.writerow([_cell(v) for v in values])

    def at(instant) -> str:
        return instant.astimezone(tz).strftime("%H:%M %d/%m/%Y")

    for p in book.payments:
        row(at(p.paid_at), p.dossier.code or p.dossier.id, p.dossier.applicant_name, p.amount, methods[p.method],
            p.transaction_no or "", p.receipt_code or "",
            p.created_by.full_name if p.method != "online" and p.created_by else "", states[p.state])
    if book.given_back:
        writer.writerow([])
        row(refund_title)
        row(*refund_headers)
    for p in book.given_back:
        row(at(p.refunded_at), p.dossier.code or p.dossier.id, p.dossier.applicant_name, -p.amount,
            methods[p.method], p.transaction_no or "", p.receipt_code or "",
            p.refunded_by.full_name if p.refunded_by else "", p.refund_note or "", at(p.paid_at))
    return ("\ufeff" + out.getvalue()).encode("utf-8")
