"""Public status lookup by dossier code: no login, only the fields the law allows."""
from __future__ import annotations

from flask import current_app, request
from sqlalchemy import select

from ..agencies.models import Agency
from ..db import db
from ..dossiers.events import INTERNAL_KINDS
from ..dossiers.models import Dossier, DossierEvent
from ..clock import now
from ..security.ratelimit import Limit, RateLimited, hit
from . import serialize
from .blueprint import ApiError, api
from .messages import ERRORS


def count_lookup() -> None:
    """Count one anonymous lookup of the client; raises RateLimited beyond the limits, so
    nobody can walk through the day's running numbers to enumerate dossiers."""
    client = request.remote_addr or "?"
    at = now()
    for limit in (Limit("lookup-m", current_app.config["MOTCUA_LOOKUP_PER_MINUTE"], 60),
                  Limit("lookup-h", current_app.config["MOTCUA_LOOKUP_PER_HOUR"], 3600)):
        hit(limit, client, at)


def find_by_code(code: str) -> Dossier | None:
    if not code or len(code) > 40:
        return None
    return db.session.execute(select(Dossier).where(Dossier.code == code)).scalar_one_or_none()


def handled_by(dossier: Dossier) -> list[str]:
    rows = db.session.execute(
        select(Agency.name).join(DossierEvent, DossierEvent.agency_id == Agency.id)
        .where(DossierEvent.dossier_id == dossier.id, DossierEvent.kind.not_in(INTERNAL_KINDS))
        .group_by(Agency.name).order_by(Agency.name)
    ).scalars().all()
    return list(rows)


@api.get("/lookup/<code>")
def lookup(code: str):
    try:
        count_lookup()
    except RateLimited as exc:
        raise ApiError(429, "rate_limited", ERRORS["rate_limited"].format(seconds=exc.retry_after),
                       headers={"Retry-After": str(exc.retry_after)}) from exc
    dossier = find_by_code(code)
    if dossier is None:
        raise ApiError(404, "not_found", ERRORS["unknown_lookup"].format(code=code[:40]))
    return serialize.lookup(dossier, handled_by(dossier))
