from __future__ import annotations

from ..db import UTCDateTime, db


class Draft(db.Model):
    """An application not yet submitted: the e-form data as typed (also invalid), the files
    already uploaded, and who it is for. Saved on every step so nothing typed is lost."""
    __tablename__ = "drafts"
    # Ids never reused (SQLite reuses the highest after a delete): a submitted draft's id is its
    # dossier's submission key, so the next draft must not find that dossier (drafts.py).
    # One draft per citizen and procedure (a submitted draft is deleted): two tabs opening the
    # apply page at once start one, the second reading the first's (drafts.start_draft).
    __table_args__ = (db.Index("ix_drafts_owner_updated", "owner_id", "updated_at"),
                      db.Index("ix_drafts_owner_procedure", "owner_id", "procedure_id", unique=True),
                      {"sqlite_autoincrement": True})

    id = db.Column(db.Integer, primary_key=True)
    owner_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=False)
    procedure_id = db.Column(db.Integer, db.ForeignKey("procedures.id"), nullable=False)
    data = db.Column(db.JSON, nullable=False, default=dict)
    # [{"component_code", "file_name", "content_type", "size", "sha256", "storage_key"}]
    files = db.Column(db.JSON, nullable=False, default=list)
    representation = db.Column(db.JSON, nullable=False, default=dict)
    created_at = db.Column(UTCDateTime, nullable=False)
    updated_at = db.Column(UTCDateTime, nullable=False)
    # Counted up at every save of its fields; the page sends the one it showed, so a save from a
    # page opened before another tab's save is told, not written over it (portal/apply.py).
    revision = db.Column(db.Integer, nullable=False, default=0, server_default="0")

    procedure = db.relationship("Procedure")
