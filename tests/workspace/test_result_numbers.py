"""Two results signed the same day by the same agency never share a number: the number is the
dossier's running number and receiving day (unique in the agency), then which result it is."""
from __future__ import annotations

from sqlalchemy import select

from tests.conftest import vn
from tests.workspace.helpers import processed, submit_lltp


def test_results_signed_the_same_day_have_their_own_numbers(api, clock, clean_app):
    from app.db import db
    from app.dossiers.models import DossierResult
    from app.dossiers.document_numbers import RESULT, document_number
    clock.set(vn(2026, 11, 23, 8, 0))
    first = submit_lltp(api)
    clock.set(vn(2026, 11, 24, 8, 0))
    second = submit_lltp(api)
    for dossier_id in (first, second):  # both the first dossier of their receiving day, signed today
        processed(api, dossier_id)
    with clean_app.app_context():
        rows = db.session.execute(select(DossierResult.code, DossierResult.document_number)
                                  .order_by(DossierResult.id)).all()
        db.session.remove()
    numbers = [number for _, number in rows]
    assert len(rows) == 2 and len(set(numbers)) == 2, rows
    for code, number in rows:
        assert number == document_number(code.rsplit("-", 1)[0], RESULT)
    assert numbers[0].startswith("0001/2611") and numbers[0].endswith("/KQ1")
    assert document_number("000.00.12.H99-261116-0001", RESULT, n=2) == "0001/261116/KQ2"
