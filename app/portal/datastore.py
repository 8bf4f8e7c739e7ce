"""The citizen's personal data store (Kho quản lý dữ liệu điện tử): the accepted components
and results of their past dossiers, reusable in a new application, and related procedures.
Every read and reuse is logged (DOMAIN.md §9)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from engine.statuses import PROCESSED, REFUSED

from ..catalogue.models import Procedure
from ..db import db
from ..dossiers.files import citizen_visible
from ..dossiers.models import Dossier, DossierFile
from ..users.models import DataAccess

RESULT_COMPONENTS = ("KQ",)


def log_access(user, actor, action: str, at: datetime, detail: str = "") -> None:
    db.session.add(DataAccess(user_id=user.id, actor_id=actor.id, at=at, action=action, detail=detail[:255]))


def stored_files(user, component_code: str | None = None) -> list[tuple[DossierFile, Dossier]]:
    """Current files of the user's received dossiers, newest first, one per content: received by
    an agency (a dossier withdrawn or refused before that is no proof its files were accepted)."""
    query = (select(DossierFile, Dossier).join(Dossier, Dossier.id == DossierFile.dossier_id)
             .where(Dossier.owner_id == user.id, Dossier.received_at.is_not(None), Dossier.status != REFUSED,
                    DossierFile.superseded.is_(False), citizen_visible())
             .order_by(DossierFile.uploaded_at.desc()).limit(200))
    if component_code:
        query = query.where(DossierFile.component_code == component_code)
    seen, result = set(), []
    for file, dossier in db.session.execute(query):
        if file.sha256 not in seen:
            seen.add(file.sha256)
            result.append((file, dossier))
    return result


def reusable_file(user, file_id: int) -> DossierFile | None:
    """A file of the store, if it is the user's own and still current."""
    for file, _ in stored_files(user):
        if file.id == file_id:
            return file
    return None


def results(user) -> list[Dossier]:
    return db.session.execute(select(Dossier).where(Dossier.owner_id == user.id, Dossier.status >= PROCESSED)
                              .order_by(Dossier.finished_at.desc()).limit(100)).scalars().all()


def related_procedures(user, limit: int = 5) -> list[Procedure]:
    """Published procedures of the sectors the user has applied in, not yet applied for."""
    used = select(Dossier.procedure_id).where(Dossier.owner_id == user.id)
    sectors = select(Procedure.sector).where(Procedure.id.in_(used))
    query = (select(Procedure).where(Procedure.published.is_(True), Procedure.sector.in_(sectors),
                                     Procedure.id.not_in(used))
             .order_by(Procedure.name).limit(limit))
    found = list(db.session.execute(query).scalars())
    if len(found) < limit:  # then the most used procedures of the province
        popular = (select(Procedure).join(Dossier, Dossier.procedure_id == Procedure.id)
                   .where(Procedure.published.is_(True), Procedure.id.not_in(used))
                   .group_by(Procedure.id).order_by(func.count(Dossier.id).desc()).limit(limit))
        found += [p for p in db.session.execute(popular).scalars() if p not in found][:limit - len(found)]
    return found
