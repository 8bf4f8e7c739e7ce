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
from .security.ratelimit import purge

log = logging.getLogger(__name__)
TIMER_INTERVAL_SECONDS = 30
ADVISORY_LOCK_KEY = 0x4D6F74437561  # "MotCua"


def _fire_timers(app) -> None:
    with app.app_context():
        try:
            count = fire_due_timers(now())
            if count:
                log.info("fired timers of %d dossiers", count)
        finally:
            db.session.remove()


def _purge_rate_counters(app) -> None:
    with app.app_context():
        try:
            purge(now())
        finally:
            db.session.remove()


def _send_mail(app) -> None:
    with app.app_context():
        try:
            deliver_pending(now())
        finally:
            db.session.remove()


def _add_jobs(scheduler, app) -> None:
    scheduler.add_job(_send_mail, "interval", seconds=60, args=[app], id="send_mail",
                      max_instances=1, coalesce=True)
    scheduler.add_job(_fire_timers, "interval", seconds=TIMER_INTERVAL_SECONDS, args=[app],
                      id="fire_timers", max_instances=1, coalesce=True)
    scheduler.add_job(_purge_rate_counters, "interval", minutes=10, args=[app],
                      id="purge_rate_counters", max_instances=1, coalesce=True)


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
