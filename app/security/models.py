from __future__ import annotations

from ..db import UTCDateTime, db


class RateCounter(db.Model):
    """Fixed-window request counters kept in the database, so every worker on every host
    shares them (the web app keeps no state of its own). Key = purpose:client:window."""
    __tablename__ = "rate_counters"

    key = db.Column(db.String(160), primary_key=True)
    count = db.Column(db.Integer, nullable=False)
    expires_at = db.Column(UTCDateTime, nullable=False, index=True)
