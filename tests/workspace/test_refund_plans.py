"""The day's fees page reads the refunds still owed from the partial index of payments owed back,
and the refunds given back on a day from the index of refund instants: never by scanning the
payments a province's years of dossiers leave behind, nearly all of them simply paid."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, insert, select, text

from tests.conftest import vn
from tests.plans import query_plan
from tests.workspace.test_procedure_plans import AT, _years_of_dossiers

OWED_EVERY, REFUNDED_EVERY = 200, 50  # 30 owed back, 120 given back among 6,000 payments


def _years_of_payments(db) -> None:
    """One payment per dossier of `_years_of_dossiers`, paid an hour after it was submitted; one in
    200 still owed back, one in 50 given back two days after it was paid."""
    from app.dossiers.models import Dossier
    from app.payments.models import Payment
    rows = []
    for dossier_id, submitted_at in db.session.execute(select(Dossier.id, Dossier.submitted_at)):
        paid_at = submitted_at + timedelta(hours=1)
        state = "refund_due" if dossier_id % OWED_EVERY == 0 else \
            "refunded" if dossier_id % REFUNDED_EVERY == 1 else "paid"
        rows.append({"dossier_id": dossier_id, "number": 1, "txn_ref": f"{dossier_id}Q1", "amount": 200000,
                     "method": "counter", "state": state, "created_at": paid_at, "paid_at": paid_at,
                     "refunded_at": paid_at + timedelta(days=2) if state == "refunded" else None,
                     "refund_note": "Tiền mặt tại quầy" if state == "refunded" else None})
    db.session.execute(insert(Payment.__table__), rows)
    db.session.execute(text("ANALYZE payments"))


def _payment_lines(plan: str) -> list[str]:
    return [line for line in plan.splitlines() if "payments" in line]


def _scans_payments(plan: str) -> bool:
    """A plan that reads the whole payments table: PostgreSQL's Seq Scan, SQLite's SCAN without an index."""
    return "Seq Scan on payments" in plan or any(
        "SCAN payments" in line and "INDEX" not in line for line in plan.splitlines())


@pytest.fixture()
def province(clean_app):
    from app.db import db
    with clean_app.app_context():
        _years_of_dossiers(db)
        _years_of_payments(db)
        yield db
        db.session.rollback()
        db.session.remove()


@pytest.mark.parametrize("agency", [False, True])
def test_refunds_owed_are_read_from_their_partial_index(province, agency):
    from app.dossiers.models import Dossier
    from app.payments import refunds
    from app.payments.models import Payment
    db = province
    agency_id = db.session.execute(select(Dossier.agency_id).where(Dossier.id % OWED_EVERY == 0)).scalars().first() \
        if agency else None
    plan = query_plan(db, refunds.owed_statement(agency_id))
    assert "ix_payments_refund_due" in plan, plan
    assert not _scans_payments(plan), plan
    owed = refunds.owed(agency_id)
    assert [p.paid_at for p in owed] == sorted(p.paid_at for p in owed)
    every = select(func.count()).select_from(Payment).join(Dossier, Dossier.id == Payment.dossier_id) \
        .where(Payment.state == "refund_due")
    if agency:
        every = every.where(Dossier.agency_id == agency_id)
    assert len(owed) == db.session.execute(every).scalar() >= (1 if agency else 6000 // OWED_EVERY)
    assert all(p.state == "refund_due" and (p.dossier.agency_id == agency_id or not agency) for p in owed)


def test_a_days_refunds_are_read_by_their_instant(province):
    from app.payments.daybook import given_back_statement, daybook
    from app.payments.models import Payment
    db = province
    # The day of one of the refunds, in the province's time.
    refunded_at = db.session.execute(select(Payment.refunded_at).where(Payment.state == "refunded")
                                     .order_by(Payment.refunded_at.desc())).scalars().first()
    day = refunded_at.astimezone(AT.tzinfo).date()
    plan = query_plan(db, given_back_statement(None, day))
    assert "ix_payments_refunded_at" in plan, plan
    assert not _scans_payments(plan), plan
    book = daybook(None, day)
    start = vn(day.year, day.month, day.day)
    assert book.given_back and all(start <= p.refunded_at < start + timedelta(days=1) for p in book.given_back)
    assert len(book.given_back) == db.session.execute(select(func.count()).select_from(Payment).where(
        Payment.state == "refunded", Payment.refunded_at >= start,
        Payment.refunded_at < start + timedelta(days=1))).scalar()
