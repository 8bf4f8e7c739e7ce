"""A transition is a handful of statements, and lists never load workflows (ARCHITECTURE.md §2)."""
from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event

from tests.api.test_lifecycle import ACCEPT, BAN_SAO, BAN_SAO_FORM, submit
from tests.conftest import vn


@contextmanager
def counted(app):
    from app.db import db
    statements = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def test_accepting_a_dossier_is_a_handful_of_statements(api, clean_app, clock):
    from app.db import db
    from app.dossiers import work
    from app.dossiers.models import OpenTask
    from app.users.models import User
    clock.set(vn(2026, 11, 23, 9, 0))
    for n in (1, 2):
        submit(api, BAN_SAO, {**BAN_SAO_FORM, "so_ban": n})
    first, second = [t["id"] for t in api.get("/tasks", "motcua").get_json()["items"]]
    api.post(f"/tasks/{first}/complete", "motcua", json={"data": ACCEPT})  # creates today's counter
    with clean_app.app_context():
        desk = db.session.execute(db.select(User).filter_by(username="motcua")).scalar_one()
        db.session.commit()
        with counted(clean_app) as statements:
            work.complete(desk, second, ACCEPT, vn(2026, 11, 23, 9, 5))
        writes = [s for s in statements if not s.lstrip().upper().startswith("SELECT")]
        # lock, counter, events, close the task, open the next (or, as here, the mail asking
        # for the fee, with its owner read), the dossier row (+ the lock UPDATE on SQLite,
        # which has no row locks)
        assert len(statements) <= 9, statements
        assert len(writes) <= 7, writes
        assert db.session.get(OpenTask, second).closed_at is not None
        db.session.remove()


def test_the_inbox_costs_the_same_for_one_task_or_many(api, clean_app, clock):
    clock.set(vn(2026, 11, 23, 9, 0))
    submit(api, BAN_SAO, BAN_SAO_FORM)
    api.token("motcua")
    with counted(clean_app) as one:
        assert len(api.get("/tasks", "motcua").get_json()["items"]) == 1
    for n in range(2, 7):
        submit(api, BAN_SAO, {**BAN_SAO_FORM, "so_ban": n})
    with counted(clean_app) as six:
        assert len(api.get("/tasks", "motcua").get_json()["items"]) == 6
    assert len(six) == len(one)
    assert not any("workflow_state" in s for s in six)
