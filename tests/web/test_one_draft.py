"""One draft per citizen and procedure: two tabs opening the apply page at the same moment start
one draft, the later of the two reading the first's; a database with duplicates made before
this rule keeps the draft saved last of each."""
from __future__ import annotations

import re
import threading

from sqlalchemy import func, select, text

from tests.conftest import vn
from tests.schema_at import agency_citizen_procedures, schema_at
from tests.web.pages import login
from tests.web.test_portal import APPLY


def _draft_id(response) -> str:
    assert response.status_code == 200
    return re.search(r'name="draft_id" value="(\d+)"', response.get_data(as_text=True)).group(1)


def test_two_tabs_opening_the_apply_page_at_once_share_one_draft(client, clean_app, clock, monkeypatch):
    """The first page has found no draft when the other runs whole, in a thread of its own (its
    own app context and session, as a second worker would), and starts one."""
    from app.db import db
    from app.portal import drafts
    from app.portal.models import Draft
    clock.set(vn(2026, 11, 23, 9, 0))
    login(client, "congdan")
    other = clean_app.test_client()
    login(other, "congdan")
    found, answers = drafts.current_draft, []

    def meanwhile(user, procedure):
        draft = found(user, procedure)
        monkeypatch.setattr(drafts, "current_draft", found)  # only the first page is held
        worker = threading.Thread(target=lambda: answers.append(other.get(APPLY)))
        worker.start()
        worker.join()
        return draft

    monkeypatch.setattr(drafts, "current_draft", meanwhile)
    first = client.get(APPLY)
    assert _draft_id(first) == _draft_id(answers[0])
    with clean_app.app_context():
        assert db.session.execute(select(func.count(Draft.id))).scalar() == 1
        db.session.remove()


def test_the_migration_keeps_the_draft_saved_last_of_duplicates(tmp_path):
    from flask_migrate import downgrade, upgrade

    from app import MIGRATIONS_DIR
    from app.db import db
    with schema_at(tmp_path, "d9b4f6a8c2e1"):
        # By SQL: today's models may have columns this older schema lacks.
        run = db.session.execute
        agency_citizen_procedures(run, (1, 2))
        for draft, procedure, saved in ((1, 1, "2026-11-02"), (2, 1, "2026-11-03"), (3, 1, "2026-11-01"),
                                       (4, 2, "2026-11-05"), (5, 2, "2026-11-05")):
            run(text("INSERT INTO drafts (id, owner_id, procedure_id, data, files, representation, created_at,"
                     " updated_at) VALUES (:id, 1, :procedure, '{}', '[]', '{}', :at, :at)"),
                {"id": draft, "procedure": procedure, "at": f"{saved} 08:00:00"})
        db.session.commit()
        upgrade(directory=str(MIGRATIONS_DIR))
        assert run(text("SELECT id FROM drafts ORDER BY id")).scalars().all() == [2, 5]
        db.session.rollback()
        downgrade(directory=str(MIGRATIONS_DIR), revision="d9b4f6a8c2e1")
        upgrade(directory=str(MIGRATIONS_DIR))
