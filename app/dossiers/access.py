"""Who may read a dossier: its owner, an administrator, the officers of its agency, and the
officers of an agency that has or had work on it (a consulted agency, liên thông)."""
from __future__ import annotations

from sqlalchemy import exists, select

from ..db import db
from .models import Dossier, DossierEvent, OpenTask


def may_read(user, dossier: Dossier) -> bool:
    if dossier.owner_id == user.id or user.role == "admin":
        return True
    if not user.is_officer or user.agency_id is None:
        return False
    if dossier.agency_id == user.agency_id:
        return True
    return db.session.execute(select(
        exists().where(OpenTask.dossier_id == dossier.id, OpenTask.agency_id == user.agency_id)
        | exists().where(DossierEvent.dossier_id == dossier.id, DossierEvent.agency_id == user.agency_id)
    )).scalar()


def may_act_for_agency(user, dossier: Dossier, roles=("leader", "specialist")) -> bool:
    """An officer of the dossier's own agency in one of `roles` (apology, digitising a result)."""
    return user.role in roles and user.agency_id == dossier.agency_id
