"""Sending mail through the outbox: queued in the caller's transaction, delivered after it
commits (and retried by the scheduler), so no mail goes out for an action that rolled back and
none is lost when the mail server is down.

Delivery first claims the due rows with one conditional UPDATE that moves their next attempt a
lease ahead, and commits: a second sender running at the same moment (the in-process scheduler
beside a request, two scheduler processes) finds nothing due, on SQLite as on PostgreSQL, and no
transaction stays open while the mail server answers. A sender that dies mid-batch leaves its
unsent rows to be claimed again when the lease runs out."""
from __future__ import annotations

import logging
import smtplib
from datetime import datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from flask import current_app
from sqlalchemy import select, update

from ..db import db
from .models import OutgoingMail

log = logging.getLogger("app.mail")
RETRY_MINUTES = (1, 5, 15, 60, 240)
LEASE = timedelta(minutes=10)  # longer than a batch of 50 can take with 10-second timeouts
SMTP_TIMEOUT = 10
# A failure of the connection itself: the other mails of the batch would fail the same way.
_CONNECTION_ERRORS = (OSError, smtplib.SMTPConnectError, smtplib.SMTPServerDisconnected,
                      smtplib.SMTPHeloError, smtplib.SMTPAuthenticationError, smtplib.SMTPNotSupportedError)


def queue_mail(to: str, subject: str, body: str, at: datetime) -> OutgoingMail:
    """Add the mail to the session: it goes out only if the caller's transaction commits."""
    mail = OutgoingMail(to_address=to, subject=subject, body=body, created_at=at, next_attempt_at=at, attempts=0)
    db.session.add(mail)
    return mail


# Python's header folding splits a long Vietnamese subject into encoded words and drops the space
# between two of them ("dừng xử lý" arrives as "dừngxử lý"); unfolded lines keep it.
_POLICY = policy.default.clone(max_line_length=998)


def _message(mail: OutgoingMail, sender: str) -> EmailMessage:
    message = EmailMessage(policy=_POLICY)
    message["From"], message["To"], message["Subject"] = sender, mail.to_address, mail.subject
    message["Date"] = format_datetime(mail.created_at)
    message["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1].strip(" >") or None)
    message.set_content(mail.body)  # UTF-8; headers are RFC 2047-encoded where needed
    return message


class _Smtp:
    """One connection for a whole batch, opened at its first mail."""

    def __init__(self, config):
        self.config = config
        self.connection: smtplib.SMTP | None = None

    def send(self, mail: OutgoingMail) -> None:
        if self.connection is None:
            self.connection = self._connect()
        self.connection.send_message(_message(mail, self.config["MOTCUA_MAIL_FROM"]))

    def _connect(self) -> smtplib.SMTP:
        config = self.config
        connection = smtplib.SMTP(config["MOTCUA_SMTP_HOST"], config["MOTCUA_SMTP_PORT"], timeout=SMTP_TIMEOUT)
        try:
            if config["MOTCUA_SMTP_STARTTLS"]:
                connection.starttls()
            if config["MOTCUA_SMTP_USER"]:
                connection.login(config["MOTCUA_SMTP_USER"], config["MOTCUA_SMTP_PASSWORD"])
        except BaseException:
            connection.close()
            raise
        return connection

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.quit()
            except (OSError, smtplib.SMTPException):
                self.connection.close()
            self.connection = None


class _Log:
    """No mail server configured (the demo): the mail is written to the log, link included."""

    def send(self, mail: OutgoingMail) -> None:
        log.info("Thư tới %s: %s\n%s", mail.to_address, mail.subject, mail.body)

    def close(self) -> None:
        pass


def _claim(at: datetime, limit: int, ids) -> list[int]:
    due = [OutgoingMail.sent_at.is_(None), OutgoingMail.next_attempt_at <= at]
    if ids is not None:
        due.append(OutgoingMail.id.in_(list(ids)))
    chosen = select(OutgoingMail.id).where(*due).order_by(OutgoingMail.id).limit(limit)
    if db.session.get_bind().dialect.name == "postgresql":
        chosen = chosen.with_for_update(skip_locked=True)
    # The WHERE is repeated on the UPDATE itself: a row claimed meanwhile is no longer due.
    claimed = db.session.execute(
        update(OutgoingMail).where(OutgoingMail.id.in_(chosen.scalar_subquery()), *due)
        .values(next_attempt_at=at + LEASE).returning(OutgoingMail.id)
        .execution_options(synchronize_session=False)).scalars().all()
    db.session.commit()
    return sorted(claimed)


def _failed(mail: OutgoingMail, at: datetime, error: Exception) -> None:
    mail.attempts += 1
    mail.last_error = (str(error) or type(error).__name__)[:500]
    mail.next_attempt_at = at + timedelta(minutes=RETRY_MINUTES[min(mail.attempts, len(RETRY_MINUTES)) - 1])
    log.warning("mail %s to %s not sent (attempt %d): %s", mail.id, mail.to_address, mail.attempts, error)


def deliver_pending(at: datetime, limit: int = 50, ids=None) -> int:
    """Send the due unsent mails (only those of `ids` when given); returns how many went out.
    Each outcome is committed at once, so a mail already handed over is never sent again."""
    claimed = _claim(at, limit, ids)
    if not claimed:
        return 0
    transport = _Smtp(current_app.config) if current_app.config["MOTCUA_SMTP_HOST"] else _Log()
    sent, broken = 0, None
    try:
        for mail_id in claimed:
            mail = db.session.get(OutgoingMail, mail_id)
            if broken is not None:  # the server is unreachable: no point waiting on it again
                _failed(mail, at, broken)
            else:
                try:
                    transport.send(mail)
                except _CONNECTION_ERRORS as exc:
                    broken = exc
                    _failed(mail, at, exc)
                except (ValueError, smtplib.SMTPException) as exc:  # this mail only (a refused address)
                    _failed(mail, at, exc)
                else:
                    mail.sent_at, sent = at, sent + 1
            db.session.commit()
    finally:
        transport.close()
    return sent


def send_now(at: datetime, mails=()) -> None:
    """Best effort, right after the commit that queued `mails`: deliver those now; the scheduler
    retries whatever fails. Only these, so a request never waits on a backlog."""
    ids = [mail.id for mail in mails]
    if not ids:
        return
    try:
        deliver_pending(at, limit=len(ids), ids=ids)
    except Exception:  # noqa: BLE001 - a mail problem must never fail the user's request
        db.session.rollback()
        log.exception("sending queued mail failed")
