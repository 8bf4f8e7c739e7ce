"""An officer's claims given back (moved, locked out) while one of the claimed tasks is being
completed: the release waits for that dossier's lock and leaves the completed task alone, rather
than writing a "released" event for work that was done meanwhile."""
from __future__ import annotations

from sqlalchemy import func, select

from tests.api.lock_race import while_locked
from tests.api.test_lifecycle import BAN_SAO, BAN_SAO_FORM, submit
from tests.conftest import vn


def test_claims_given_back_while_one_is_completed_skip_the_completed_one(api, clock, clean_app):
    from app.db import db, locked
    from app.dossiers import work
    from app.dossiers.models import DossierEvent, OpenTask
    from app.users.models import User
    clock.set(vn(2026, 11, 23, 9, 0))
    submit(api, BAN_SAO, BAN_SAO_FORM)
    task_id = api.task("motcua", "Tiếp nhận hồ sơ")["id"]
    with clean_app.app_context():
        desk = db.session.execute(select(User).filter_by(username="motcua")).scalar_one()
        work.claim(desk, task_id, vn(2026, 11, 23, 9, 1))
        db.session.commit()
        desk_id = desk.id
        db.session.remove()
    outcome = {}

    def completed(task):
        task.closed_at = vn(2026, 11, 23, 9, 2)

    def releasing():
        # As officers.update does: the officer's row first (SQLite: the database's write lock).
        officer = locked(select(User).where(User.id == desk_id), User, desk_id, "email").scalar_one()
        outcome["released"] = work.release_claims(officer, None, vn(2026, 11, 23, 9, 2))
        db.session.commit()

    while_locked(clean_app, task_id, completed, releasing)
    assert outcome == {"released": 0}
    with clean_app.app_context():
        task = db.session.get(OpenTask, task_id)
        released = db.session.execute(select(func.count()).select_from(DossierEvent).where(
            DossierEvent.dossier_id == task.dossier_id, DossierEvent.kind == "released")).scalar()
        assert (task.claimed_by_id, released) == (desk_id, 0)  # the completed task keeps who did it
        db.session.remove()
