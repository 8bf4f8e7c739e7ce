"""A step without a time limit of its own is due when the dossier is (ANALYST.md QT-06):
returning the result is due at the appointment the citizen was given (Mẫu 01), so it sorts, shows
overdue and gets its control slip verdict like any other step, and it moves when the dossier's
due instant moves."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from tests.conftest import vn
from tests.workspace.helpers import as_officer, html, processed, submit_lltp


def _rows(app, dossier_id: int) -> dict[str, object]:
    from app.db import db
    from app.dossiers.models import OpenTask
    with app.app_context():
        rows = dict(db.session.execute(select(OpenTask.name, OpenTask.due_at).where(
            OpenTask.dossier_id == dossier_id, OpenTask.closed_at.is_(None))).all())
        db.session.remove()
    return rows


@pytest.mark.rule("QT-06")
def test_returning_the_result_is_due_at_the_appointment(api, clock, client, clean_app):
    from app.db import db
    from app.dossiers.deadlines import move_due
    from app.dossiers.models import Dossier
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    state = processed(api, dossier_id)
    due = state["due_at"]
    rows = _rows(clean_app, dossier_id)
    assert list(rows) == ["Trả kết quả"] and rows["Trả kết quả"] == datetime.fromisoformat(due)
    as_officer(client, "motcua")
    assert "Trả kết quả" not in html(client.get("/mot-cua?tab=nhom&han=qua-han"))
    clock.set(rows["Trả kết quả"] + timedelta(minutes=1))
    late = html(client.get("/mot-cua?tab=nhom&han=qua-han"))
    assert "Trả kết quả" in late and 'class="overdue"' in late
    # The dossier's due instant moves: the step that took it moves with it.
    moved = vn(2026, 12, 18, 16, 0)
    with clean_app.app_context():
        move_due(db.session.get(Dossier, dossier_id), moved)
        db.session.commit()
        db.session.remove()
    assert _rows(clean_app, dossier_id)["Trả kết quả"] == moved
