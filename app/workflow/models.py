from __future__ import annotations

from ..db import UTCDateTime, db, utcnow


class ProcessVersionRecord(db.Model):
    """Every diagram version a dossier has started on, so it can be run to its end even after
    the file in bpmn/ has changed."""
    __tablename__ = "process_versions"

    process_id = db.Column(db.String(128), primary_key=True)
    version = db.Column(db.String(32), primary_key=True)
    file_name = db.Column(db.String(255), nullable=False)
    xml = db.Column(db.LargeBinary, nullable=False)
    created_at = db.Column(UTCDateTime, nullable=False, default=utcnow)
