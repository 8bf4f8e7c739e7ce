"""Two officers claiming one task at the same moment: the second, having waited for the first's
lock, reads the task as the first left it and is told who holds it. On PostgreSQL a row joined to
the locked one is returned as it was before the wait (transitions.lock_task reads it again)."""
from __future__ import annotations

from sqlalchemy import select

from tests.api.lock_race import while_locked
from tests.api.test_lifecycle import BAN_SAO, BAN_SAO_FORM, submit
from tests.conftest import vn
from tests.workspace.test_counter_corrections import _officer


def test_a_claim_waiting_for_another_sees_it_and_is_refused(api, clock, clean_app):
    from app.db import db
    from app.dossiers import work
    from app.dossiers.errors import Conflict
    from app.users.models import User
    clock.set(vn(2026, 11, 23, 9, 0))
    submit(api, BAN_SAO, BAN_SAO_FORM)
    task_id = api.task("motcua", "Tiếp nhận hồ sơ")["id"]
    _officer(clean_app, "motcuahai", "one_stop", "000.00.12.H99")
    with clean_app.app_context():
        desk_id = db.session.execute(select(User.id).filter_by(username="motcua")).scalar_one()
        db.session.remove()
    outcome = {}

    def claimed_first(task):
        task.claimed_by_id, task.claimed_at = desk_id, vn(2026, 11, 23, 9, 1)

    def second():
        other = db.session.execute(select(User).filter_by(username="motcuahai")).scalar_one()
        try:
            work.claim(other, task_id, vn(2026, 11, 23, 9, 1))
            outcome["second"] = "claimed"
        except Conflict as exc:
            outcome["second"] = str(exc)

    while_locked(clean_app, task_id, claimed_first, second)
    assert outcome["second"] == "Công việc này đã được Trần Thị Bình nhận xử lý.", outcome
    from app.dossiers.models import OpenTask
    with clean_app.app_context():
        holder = db.session.get(OpenTask, task_id).claimed_by.username
        db.session.remove()
    assert holder == "motcua"  # the first claim stands, not overwritten by the second
