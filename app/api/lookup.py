"""Public status lookup by dossier code: no login, only the fields the law allows."""
from __future__ import annotations

from sqlalchemy import select

from ..agencies.models import Agency
from ..db import db
from ..dossiers.models import Dossier, DossierEvent
from . import serialize
from .blueprint import ApiError, api
from .messages import ERRORS


def find_by_code(code: str) -> Dossier | None:
    if not code or len(code) > 40:
        return None
    return db.session.execute(select(Dossier).where(Dossier.code == code)).scalar_one_or_none()


def handled_by(dossier: Dossier) -> list[str]:
    rows = db.session.execute(
        select(Agency.name).join(DossierEvent, DossierEvent.agency_id == Agency.id)
        .where(DossierEvent.dossier_id == dossier.id).group_by(Agency.name).order_by(Agency.name)
    ).scalars().all()
    return list(rows)


@api.get("/lookup/<code>")
def lookup(code: str):
    dossier = find_by_code(code)
    if dossier is None:
        raise ApiError(404, "not_found", ERRORS["unknown_lookup"].format(code=code[:40]))
    return serialize.lookup(dossier, handled_by(dossier))
