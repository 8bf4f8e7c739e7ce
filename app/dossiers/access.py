"""Who may read a dossier: its owner, an administrator, the officers of its agency, and the
officers of an agency that has or had work on it (a consulted agency, liên thông), who see what
the consultation needs and not the resolving agency's fees, receipts, results and printouts."""
from __future__ import annotations

from sqlalchemy import exists, select

from ..db import db
from ..users.models import User
from .messages import EVENTS
from .models import Dossier, DossierEvent, OpenTask


def may_read(user, dossier: Dossier) -> bool:
    if dossier.owner_id == user.id or user.role == "admin":
        return True
    if not user.is_officer or user.agency_id is None:
        return False
    if dossier.agency_id == user.agency_id:
        return True
    # An administrator's action (a reassignment, a move to another diagram version) is no work of
    # their home agency's: it gives that agency's officers nothing to read.
    return db.session.execute(select(
        exists().where(OpenTask.dossier_id == dossier.id, OpenTask.agency_id == user.agency_id)
        | exists().where(DossierEvent.dossier_id == dossier.id, DossierEvent.agency_id == user.agency_id,
                         DossierEvent.actor_id == User.id, User.role != "admin")
    )).scalar()


def may_act_for_agency(user, dossier: Dossier, roles=("leader", "specialist")) -> bool:
    """An officer of the dossier's own agency in one of `roles` (apology, digitising a result)."""
    return user.role in roles and user.agency_id == dossier.agency_id


# What the resolving agency issued on the dossier: its results (results.RESULT_COMPONENT) and fee
# receipts (payments.receipts.RECEIPT_COMPONENT), with the printouts and the payments beside them.
ISSUED_COMPONENTS = ("KQ", "BL")
# Their events in the timeline: fees asked, paid, refunded; receipts and results issued.
ISSUED_EVENTS = tuple(kind for kind in EVENTS if kind.startswith(("fee_", "receipt_", "result_")))


def consulted_only(user, dossier: Dossier) -> bool:
    """An officer reading the dossier only because their agency is or was consulted on it: the
    application, its components and the steps are what an opinion needs; personal data beyond
    that purpose is not shown to them (Decree 13/2023 on personal data protection, Điều 3:
    data processed limited to its purpose)."""
    return user.is_officer and user.role != "admin" and user.agency_id != dossier.agency_id


def may_read_file(user, dossier: Dossier, component_code: str | None) -> bool:
    return not (component_code in ISSUED_COMPONENTS and consulted_only(user, dossier))
