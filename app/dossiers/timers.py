"""Firing the timers that are due. Safe to run twice or in two processes: each dossier is
locked and re-checked before its timers fire."""
from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select

from engine.runtime import EngineError

from ..db import db
from ..workflow.service import workflow
from .models import Dossier
from .transitions import apply_outcome, lock_dossier

log = logging.getLogger(__name__)
BATCH = 200


def fire_due_timers(at: datetime) -> int:
    fired = 0
    due_ids = db.session.execute(
        select(Dossier.id).where(Dossier.next_timer_at <= at).order_by(Dossier.next_timer_at).limit(BATCH)
    ).scalars().all()
    db.session.rollback()
    for dossier_id in due_ids:
        dossier = lock_dossier(dossier_id)
        if dossier is None or dossier.next_timer_at is None or dossier.next_timer_at > at:
            db.session.rollback()
            continue
        try:
            outcome = workflow().engine.fire_timers(
                dossier.process_id, dossier.process_version, dossier.workflow_state, at)
        except EngineError:
            log.exception("timers of dossier %s failed", dossier_id)
            db.session.rollback()
            continue
        apply_outcome(dossier, outcome, at)
        db.session.commit()
        fired += 1
    return fired
