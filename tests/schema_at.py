"""An app on a database of its own whose schema stops at an older migration, to test what a
migration does to rows already there (and that it goes back down)."""
from __future__ import annotations

import os
from contextlib import contextmanager


@contextmanager
def schema_at(tmp_path, revision: str):
    """The app, in its context, its database migrated up to `revision` only; disposed after."""
    from flask_migrate import upgrade

    from app import MIGRATIONS_DIR, create_app
    from app.db import db
    from app.scratch_db import temporary_database
    with temporary_database(os.environ.get("MOTCUA_DATABASE_URL")) as url:
        app = create_app(db=url, SECRET_KEY="test", TESTING=True, MOTCUA_UPLOAD_DIR=tmp_path)
        with app.app_context():
            upgrade(directory=str(MIGRATIONS_DIR), revision=revision)
            yield app
            db.session.remove()
            db.engine.dispose()


def agency_citizen_procedures(run, procedures=(1,)) -> None:
    """By SQL (today's models may have columns an older schema lacks): agency 1, citizen 1, and
    procedures of agency 1 with the given ids (codes 1.00<id>)."""
    from sqlalchemy import text
    run(text("INSERT INTO agencies (id, code, name, level) VALUES (1, 'A', 'Sở Tư pháp', 'tinh')"))
    run(text("INSERT INTO users (id, username, password_hash, role, full_name, active, failed_logins,"
             " token_generation, created_at, id_kind) VALUES (1, 'congdan', 'x', 'citizen', 'An', :t, 0, 0,"
             " '2026-11-01 08:00:00', 'cccd')"), {"t": True})
    for procedure in procedures:
        run(text("INSERT INTO procedures (id, code, name, search_text, agency_id, processing_amount,"
                 " processing_unit, form, bpmn_process_id, published, details) VALUES (:id, :code, 'x', 'x', 1,"
                 " 1, 'working_days', 'x', 'x', :t, '{}')"), {"id": procedure, "code": f"1.00{procedure}", "t": True})
