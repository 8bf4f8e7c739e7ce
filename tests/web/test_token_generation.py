"""Two requests ending an account's sessions at once (a password change and a lock-out, say)
both count: the token generation is bumped in SQL, not read, added to and written back, which
lost one of them and could leave a link or token issued between them working."""
from __future__ import annotations

import threading

from sqlalchemy import select


def test_two_bumps_at_once_both_count(clean_app):
    from app.db import db
    from app.users.models import User
    holding = threading.Event()

    def first():
        with clean_app.app_context():
            user = db.session.execute(select(User).filter_by(username="congdan")).scalar_one()
            user.end_sessions()  # its row written, held until the commit
            holding.set()
            threading.Event().wait(1.0)
            db.session.commit()
            db.session.remove()

    with clean_app.app_context():
        user = db.session.execute(select(User).filter_by(username="congdan")).scalar_one()
        before = user.token_generation  # read before the other bump commits
        db.session.rollback()
        worker = threading.Thread(target=first)
        worker.start()
        holding.wait(10)
        user.end_sessions()  # waits for the other's commit
        db.session.commit()
        worker.join(30)
        assert user.token_generation == before + 2
        db.session.remove()
