"""Background jobs with APScheduler: in-process for `motcua up`, or its own process
(`motcua scheduler`) where only the holder of a PostgreSQL advisory lock runs jobs."""
from __future__ import annotations

import logging
import time

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from sqlalchemy import text

from .clock import now
from .db import db
from .dossiers.timers import fire_due_timers
from .mail.outbox import deliver_pending
from .payments.reconcile import reconcile_pending
from .security.ratelimit import purge
from .users.idle import lock_idle

log = logging.getLogger(__name__)
TIMER_INTERVAL_SECONDS = 30
ADVISORY_LOCK_KEY = 0x4D6F74437561  # "MotCua"


def _fire_timers() -> None:
    count = fire_due_timers(now())
    if count:
        log.info("fired timers of %d dossiers", count)


def _lock_idle() -> None:
    locked = lock_idle(now())
    if locked:
        log.info("locked %d officer accounts nobody used", len(locked))


def _in_app(app, job) -> None:
    """Run a job in an application context, leaving no session behind."""
    with app.app_context():
        try:
            job()
        finally:
            db.session.remove()


def _add_jobs(scheduler, app) -> None:
    scheduler.add_job(_in_app, "interval", seconds=60, args=[app, lambda: deliver_pending(now())],
                      id="send_mail", max_instances=1, coalesce=True)
    scheduler.add_job(_in_app, "interval", seconds=TIMER_INTERVAL_SECONDS, args=[app, _fire_timers],
                      id="fire_timers", max_instances=1, coalesce=True)
    scheduler.add_job(_in_app, "interval", minutes=10, args=[app, lambda: purge(now())],
                      id="purge_rate_counters", max_instances=1, coalesce=True)
    scheduler.add_job(_in_app, "interval", hours=1, args=[app, _lock_idle],
                      id="lock_idle_officers", max_instances=1, coalesce=True)
    # Online payments whose gateway word never came (a lost IPN, a closed tab): asked of the gateway.
    scheduler.add_job(_in_app, "interval", minutes=5, args=[app, lambda: reconcile_pending(now())],
                      id="reconcile_payments", max_instances=1, coalesce=True)


def start_in_process(app) -> BackgroundScheduler:
    scheduler = BackgroundScheduler(timezone="UTC")
    _add_jobs(scheduler, app)
    scheduler.start()
    return scheduler


def run_standalone(app) -> None:
    """Block running the jobs. On PostgreSQL, wait until this process holds the advisory lock,
    so a second scheduler started by mistake stays idle instead of doubling the work."""
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            connection = db.engine.connect()  # held open: the lock lives as long as it does
            while not connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": ADVISORY_LOCK_KEY}).scalar():
                log.info("another scheduler is active; waiting")
                time.sleep(TIMER_INTERVAL_SECONDS)
            app.extensions["motcua_scheduler_lock"] = connection
    scheduler = BlockingScheduler(timezone="UTC")
    _add_jobs(scheduler, app)
    scheduler.start()
