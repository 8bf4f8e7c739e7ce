"""Background jobs with APScheduler: in-process for `motcua up`, or its own process
(`motcua scheduler`) where only the holder of a PostgreSQL advisory lock runs jobs."""
from __future__ import annotations

import logging
import time
from typing import Callable

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from sqlalchemy import text

from .clock import now
from .db import db
from .dossiers.timers import fire_due_timers
from .mail.outbox import deliver_pending
from .messages import SCHEDULER as MSG
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


# (id, seconds between runs, job). Online payments whose gateway word never came (a lost IPN, a
# closed tab) are asked of the gateway by reconcile_payments.
JOBS: tuple[tuple[str, int, Callable[[], object]], ...] = (
    ("send_mail", 60, lambda: deliver_pending(now())),
    ("fire_timers", TIMER_INTERVAL_SECONDS, _fire_timers),
    ("purge_rate_counters", 10 * 60, lambda: purge(now())),
    ("lock_idle_officers", 60 * 60, _lock_idle),
    ("reconcile_payments", 5 * 60, lambda: reconcile_pending(now())),
)
# APScheduler logs two lines at INFO for every run (a timer look every 30 s among them), which
# buried the jobs' own lines; a run that fails or is missed is still logged (ERROR, WARNING).
logging.getLogger("apscheduler.executors").setLevel(logging.WARNING)


def _add_jobs(scheduler, app) -> None:
    for job_id, seconds, job in JOBS:
        # The name is what APScheduler's log lines show: without one every job read "_in_app".
        scheduler.add_job(_in_app, "interval", seconds=seconds, args=[app, job], id=job_id,
                          name=MSG["jobs"][job_id], max_instances=1, coalesce=True)


def _every(seconds: int) -> str:
    if seconds % 3600 == 0:
        return MSG["every_hour"] if seconds == 3600 else MSG["every_hours"].format(count=seconds // 3600)
    if seconds % 60 == 0:
        return MSG["every_minute"] if seconds == 60 else MSG["every_minutes"].format(count=seconds // 60)
    return MSG["every_seconds"].format(count=seconds)


def description() -> str:
    """What the scheduler runs and how often, in words, for the operator who starts it."""
    return "\n".join([MSG["started"], *(MSG["job_line"].format(name=MSG["jobs"][job_id], every=_every(seconds))
                                        for job_id, seconds, _ in JOBS)])


def start_in_process(app) -> BackgroundScheduler:
    scheduler = BackgroundScheduler(timezone="UTC")
    _add_jobs(scheduler, app)
    scheduler.start()
    return scheduler


def run_standalone(app, say: Callable[[str], None] = lambda text: None) -> None:
    """Block running the jobs. On PostgreSQL, wait until this process holds the advisory lock,
    so a second scheduler started by mistake stays idle instead of doubling the work. `say`
    tells the operator, in words, that it waits and then what it runs."""
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            connection = db.engine.connect()  # held open: the lock lives as long as it does
            waiting = False
            while not connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": ADVISORY_LOCK_KEY}).scalar():
                if not waiting:
                    say(MSG["waiting"])
                    waiting = True
                log.info("another scheduler is active; waiting")
                time.sleep(TIMER_INTERVAL_SECONDS)
            app.extensions["motcua_scheduler_lock"] = connection
    scheduler = BlockingScheduler(timezone="UTC")
    _add_jobs(scheduler, app)
    say(description())
    scheduler.start()
