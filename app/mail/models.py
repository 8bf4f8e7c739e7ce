from __future__ import annotations

from ..db import UTCDateTime, db


class OutgoingMail(db.Model):
    """The mail outbox: written in the transaction that decides to send, delivered after it
    commits and retried by the scheduler, so a mail is neither lost nor sent for a rolled-back
    action."""
    __tablename__ = "mail_outbox"
    __table_args__ = (db.Index("ix_mail_outbox_pending", "sent_at", "next_attempt_at"),)

    id = db.Column(db.Integer, primary_key=True)
    to_address = db.Column(db.String(255), nullable=False)
    subject = db.Column(db.String(255), nullable=False)
    body = db.Column(db.Text, nullable=False)
    created_at = db.Column(UTCDateTime, nullable=False)
    next_attempt_at = db.Column(UTCDateTime, nullable=False)
    attempts = db.Column(db.Integer, nullable=False, default=0)
    sent_at = db.Column(UTCDateTime)
    last_error = db.Column(db.String(500))
