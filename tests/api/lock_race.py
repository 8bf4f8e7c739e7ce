"""Two transactions on one dossier at once, in two threads: the first locks the dossier of a
task and changes the task, holding the lock a second before committing; the second starts once
the lock is held, so it must wait for it and then see what the first left."""
from __future__ import annotations

import threading


def while_locked(app, task_id: str, change, other) -> None:
    """`change(task)` in a transaction holding the lock of `task_id`'s dossier; `other()`, in an
    app context of its own, started while that lock is held."""
    from app.db import db
    from app.dossiers.transitions import lock_task
    holding = threading.Event()

    def first():
        with app.app_context():
            db.session.rollback()
            _, task = lock_task(task_id)
            change(task)
            holding.set()
            threading.Event().wait(1.0)
            db.session.commit()
            db.session.remove()

    def second():
        holding.wait(10)
        with app.app_context():
            other()
            db.session.remove()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
