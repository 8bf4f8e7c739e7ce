"""The online attempts the gateway has not decided (a handful at any time) are read from their
partial index, by the reconciliation job and by the day's fees page: never by scanning years of
settled payments."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import insert, select, text

from tests.plans import query_plan
from tests.workspace.test_procedure_plans import AT
from tests.workspace.test_refund_plans import _scans_payments, province  # noqa: F401 -- the fixture

OPEN_EVERY = 300  # 20 undecided online attempts among 6,000 payments


def _undecided(db) -> list[int]:
    """Every OPEN_EVERY-th dossier also has an online attempt started a day after its payment and
    still pending or under review."""
    from app.payments.models import Payment
    rows = []
    for dossier_id, paid_at in db.session.execute(select(Payment.dossier_id, Payment.paid_at)
                                                  .where(Payment.dossier_id % OPEN_EVERY == 0)):
        rows.append({"dossier_id": dossier_id, "number": 2, "txn_ref": f"{dossier_id}Q2", "amount": 5000,
                     "method": "online", "state": "review" if dossier_id % 2 else "pending",
                     "created_at": paid_at + timedelta(days=1)})
    db.session.execute(insert(Payment.__table__), rows)
    db.session.execute(text("ANALYZE payments"))
    return [r["dossier_id"] for r in rows]


def test_the_partial_index_says_what_open_means():
    from app.payments.ledger import OPEN, SUPERSEDED
    from app.payments.models import OPEN_STATES
    assert OPEN_STATES == "state IN (" + ", ".join(f"'{s}'" for s in (*OPEN, SUPERSEDED)) + ")"


def test_undecided_attempts_are_read_from_their_partial_index(province):  # noqa: F811
    from app.payments.daybook import daybook, undecided_statement
    from app.payments.models import Payment
    from app.payments.reconcile import ASKED_FOR, open_statement
    db = province
    assert _undecided(db)
    latest = db.session.execute(select(Payment.created_at).where(Payment.number == 2)
                                .order_by(Payment.created_at.desc())).scalars().first()
    day = latest.astimezone(AT.tzinfo).date()
    for statement in (open_statement(latest + timedelta(hours=1)), undecided_statement(None, day)):
        plan = query_plan(db, statement)
        assert "ix_payments_open" in plan, plan
        assert not _scans_payments(plan), plan
    asked = db.session.execute(open_statement(latest + timedelta(hours=1), older_than=timedelta(0))).all()
    assert asked and all(latest + timedelta(hours=1) - ASKED_FOR < row.created_at <= latest for row in asked)
    undecided = daybook(None, day).undecided
    assert undecided and all(p.state in ("pending", "review") and p.created_at.astimezone(AT.tzinfo).date() == day
                             for p in undecided)
