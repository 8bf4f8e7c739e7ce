"""Accounts the one-stop desk opens for citizens who apply at the counter: recorded with no
password anyone knows, they are activated by their owner from a mailed link that sets the
password and, being mailed to the address given at the counter, also verifies it."""
from __future__ import annotations

from datetime import datetime

from flask import url_for

from ..mail.models import OutgoingMail
from ..mail.outbox import queue_mail
from ..users.models import User
from . import links
from .messages import MESSAGES


def is_unclaimed(user: User | None) -> bool:
    """Opened at the counter and never activated."""
    return user is not None and user.created_by_id is not None and user.email_verified_at is None


def queue_activation(user: User, at: datetime) -> OutgoingMail:
    """The activation mail, in the caller's transaction (sent only if it commits)."""
    token = links.make("activate", uid=user.id, gen=user.token_generation, email=user.email)
    link = links.absolute(url_for("accounts.reset", token=token))
    agency = user.creator.agency.name if user.creator and user.creator.agency else ""
    return queue_mail(user.email, MESSAGES["activate_subject"], MESSAGES["activate_body"].format(
        name=user.full_name, agency=agency, id_number=user.id_number, link=link), at)
