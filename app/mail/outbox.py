"""Sending mail through the outbox: queued in the caller's transaction, delivered after it
commits (and retried by the scheduler), so no mail goes out for an action that rolled back and
none is lost when the mail server is down."""
from __future__ import annotations

import logging
import smtplib
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from flask import current_app
from sqlalchemy import select

from ..db import db
from .models import OutgoingMail

log = logging.getLogger("app.mail")
RETRY_MINUTES = (1, 5, 15, 60, 240)


def queue_mail(to: str, subject: str, body: str, at: datetime) -> None:
    """Add the mail to the session: it goes out only if the caller's transaction commits."""
    db.session.add(OutgoingMail(to_address=to, subject=subject, body=body, created_at=at, next_attempt_at=at))


def _send(mail: OutgoingMail) -> None:
    config = current_app.config
    if not config["MOTCUA_SMTP_HOST"]:
        log.info("Thư tới %s: %s\n%s", mail.to_address, mail.subject, mail.body)
        return
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = config["MOTCUA_MAIL_FROM"], mail.to_address, mail.subject
    message["Date"] = format_datetime(mail.created_at)
    message["Message-ID"] = make_msgid(domain=config["MOTCUA_MAIL_FROM"].rsplit("@", 1)[-1].strip(">") or None)
    message.set_content(mail.body)  # UTF-8, the headers encoded as RFC 2047 where needed
    with smtplib.SMTP(config["MOTCUA_SMTP_HOST"], config["MOTCUA_SMTP_PORT"], timeout=10) as smtp:
        if config["MOTCUA_SMTP_STARTTLS"]:
            smtp.starttls()
        if config["MOTCUA_SMTP_USER"]:
            smtp.login(config["MOTCUA_SMTP_USER"], config["MOTCUA_SMTP_PASSWORD"])
        smtp.send_message(message)


def deliver_pending(at: datetime, limit: int = 50) -> int:
    """Send the due mails; returns how many went out. Rows are claimed with row locks that
    skip locked rows on PostgreSQL, so two schedulers never send the same mail twice."""
    query = (select(OutgoingMail).where(OutgoingMail.sent_at.is_(None), OutgoingMail.next_attempt_at <= at)
             .order_by(OutgoingMail.id).limit(limit))
    if db.session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    sent = 0
    for mail in db.session.execute(query).scalars().all():
        try:
            _send(mail)
        except (OSError, ValueError, smtplib.SMTPException) as exc:
            mail.attempts += 1
            mail.last_error = str(exc)[:500]
            mail.next_attempt_at = at + timedelta(minutes=RETRY_MINUTES[min(mail.attempts, len(RETRY_MINUTES)) - 1])
            log.warning("mail %s to %s not sent: %s", mail.id, mail.to_address, exc)
            continue
        mail.sent_at, sent = at, sent + 1
    db.session.commit()
    return sent


def send_now(at: datetime) -> None:
    """Best effort right after a commit; the scheduler retries what fails."""
    try:
        deliver_pending(at)
    except Exception:  # noqa: BLE001 - a mail problem must never fail the user's request
        db.session.rollback()
        log.exception("sending queued mail failed")
