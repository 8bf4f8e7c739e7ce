"""Dossier codes, Circular 01/2018 Điều 19: `<agency code>-YYMMDD-XXXX`.

The running number comes from a per-agency, per-day counter row incremented with
UPDATE ... RETURNING, which row-locks it: concurrent receptions queue on the row and each gets
its own number; the transaction that rolls back gives its number back unused by anyone.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from ..db import db
from .models import DossierCounter


def issue_code(agency, instant: datetime, tz) -> str:
    day = instant.astimezone(tz).date()
    bump = (update(DossierCounter)
            .where(DossierCounter.agency_id == agency.id, DossierCounter.day == day)
            .values(last_number=DossierCounter.last_number + 1)
            .returning(DossierCounter.last_number))
    number = db.session.execute(bump).scalar()
    if number is None:
        try:
            with db.session.begin_nested():
                db.session.add(DossierCounter(agency_id=agency.id, day=day, last_number=1))
            number = 1
        except IntegrityError:  # another reception created today's row first
            number = db.session.execute(bump).scalar()
    return f"{agency.code}-{day:%y%m%d}-{number:04d}"
