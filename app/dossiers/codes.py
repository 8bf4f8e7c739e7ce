"""Dossier codes, Circular 01/2018 Điều 19: `<agency code>-YYMMDD-XXXX`.

The running number comes from a per-agency, per-day counter row incremented with
UPDATE ... RETURNING, which row-locks it: concurrent receptions queue on the row and each gets
its own number; the transaction that rolls back gives its number back unused by anyone.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, update
from sqlalchemy.exc import IntegrityError

from ..db import db, savepoint
from .models import DossierCounter


def issue_code(agency, instant: datetime, tz) -> str:
    day = instant.astimezone(tz).date()
    counters = DossierCounter.__table__
    bump = (update(counters).where(counters.c.agency_id == agency.id, counters.c.day == day)
            .values(last_number=counters.c.last_number + 1).returning(counters.c.last_number))
    number = db.session.connection().execute(bump).scalar()
    if number is None:
        try:
            with savepoint():
                db.session.connection().execute(insert(counters).values(agency_id=agency.id, day=day, last_number=1))
            number = 1
        except IntegrityError:  # another reception created today's row first
            number = db.session.connection().execute(bump).scalar()
    return f"{agency.code}-{day:%y%m%d}-{number:04d}"
