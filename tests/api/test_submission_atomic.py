"""A dossier is written whole or not at all: its row, files, first event and steps commit
together, on the embedded SQLite as on PostgreSQL (app/db.py `savepoint`)."""
from __future__ import annotations

from tests.api.test_lifecycle import BAN_SAO, BAN_SAO_FORM, submit
from tests.conftest import vn


def test_a_crash_after_the_dossier_row_leaves_no_dossier(api, clock, monkeypatch):
    from app.dossiers import submission
    clock.set(vn(2026, 11, 23, 9, 0))

    def crash(*args, **kwargs):
        raise RuntimeError("the server stopped while writing the dossier's files")

    monkeypatch.setattr(submission, "add_files", crash)
    crashed = api.post("/dossiers", "congdan", json={"procedure_code": BAN_SAO, "data": BAN_SAO_FORM})
    assert crashed.status_code == 500
    assert api.get("/dossiers", "congdan").get_json()["items"] == []
    monkeypatch.undo()
    # Sent again, it is a new submission, whole: not the half-written one found by its key.
    created = submit(api, BAN_SAO, BAN_SAO_FORM)
    assert created["status"]["code"] == 1 and created["open_tasks"]
    assert [d["id"] for d in api.get("/dossiers", "congdan").get_json()["items"]] == [created["id"]]


def test_a_savepoint_opened_first_in_a_transaction_commits_only_with_it(clean_app):
    """The driver-level cause: SQLite treats a SAVEPOINT outside a transaction as the
    transaction itself, so releasing it committed what it wrapped."""
    from sqlalchemy import func, insert, select

    from app.db import db, savepoint
    from app.dossiers.models import DossierCounter
    from app.agencies.models import Agency
    with clean_app.app_context():
        agency = db.session.execute(select(Agency.id).limit(1)).scalar()
        with savepoint():
            db.session.execute(insert(DossierCounter).values(agency_id=agency, day=vn(2026, 1, 1).date(),
                                                             last_number=7))
        with db.engine.connect() as other:
            assert other.execute(select(func.count()).select_from(DossierCounter)).scalar() == 0
        db.session.rollback()
        assert db.session.execute(select(func.count()).select_from(DossierCounter)).scalar() == 0
        db.session.remove()
