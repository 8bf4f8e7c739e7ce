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
