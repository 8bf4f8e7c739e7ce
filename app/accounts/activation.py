"""Accounts opened for someone else: by the one-stop desk for citizens who apply at the counter,
by an administrator for officers. Recorded with no password anyone knows, they are activated by
their owner from a mailed link that sets the password and, being mailed to the address given,
also verifies it."""
from __future__ import annotations

from datetime import datetime

from flask import url_for
from sqlalchemy import and_, or_

from engine.roles import ROLE_LABELS

from ..mail.models import OutgoingMail
from ..mail.outbox import queue_mail
from ..users.models import User
from . import links
from .messages import MESSAGES


def is_unclaimed(user: User | None) -> bool:
    """Opened for someone else (a citizen at the counter; any officer) and not activated since."""
    return user is not None and user.email_verified_at is None \
        and (user.created_by_id is not None or user.role != "citizen")


def activated():
    """`not is_unclaimed(user)` as an SQL condition, to leave unclaimed accounts out of lists."""
    return or_(User.email_verified_at.isnot(None), and_(User.created_by_id.is_(None), User.role == "citizen"))


def able_to_work():
    """An officer who can log in and so take work: active and activated (work given to an account
    nobody can use yet would wait unseen)."""
    return and_(User.active.is_(True), activated())


def activation_link(user: User) -> str:
    """The set-password link of an unclaimed account (7 days, once; bound to its address)."""
    token = links.make("activate", uid=user.id, gen=user.token_generation, email=user.email)
    return links.absolute(url_for("accounts.reset", token=token))


def queue_activation(user: User, at: datetime) -> OutgoingMail:
    """The activation mail, in the caller's transaction (sent only if it commits): a citizen's
    account opened at the counter, or an officer's opened by an administrator."""
    link = activation_link(user)
    agency = user.creator.agency.name if user.creator and user.creator.agency else ""
    if user.role != "citizen":
        return queue_mail(user.email, MESSAGES["officer_activate_subject"], MESSAGES["officer_activate_body"].format(
            name=user.full_name, role=ROLE_LABELS.get(user.role, user.role),
            agency=user.agency.name if user.agency else "", username=user.username, link=link), at)
    return queue_mail(user.email, MESSAGES["activate_subject"], MESSAGES["activate_body"].format(
        name=user.full_name, agency=agency, id_label=user.id_label[:1].lower() + user.id_label[1:],
        id_number=user.id_number, link=link), at)
