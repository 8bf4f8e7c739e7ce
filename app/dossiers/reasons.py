"""Why a dossier ended without a result: the reason the officer wrote (the step form's `ly_do`,
the convention the shipped forms follow) when reception refused it (status 3) or processing
stopped it (status 8). The citizen is owed it (Circular 01/2018: Mẫu 03; Decree 61 Điều 19)."""
from __future__ import annotations

from sqlalchemy import select

from ..db import db
from .models import DossierEvent

ENDED_WITHOUT_RESULT = (3, 8)
REASON_FIELD = "ly_do"


def reason_in(data) -> str | None:
    value = (data or {}).get(REASON_FIELD) if isinstance(data, dict) else None
    return " ".join(str(value).split()) or None if value else None


def closing_reason(dossier) -> str | None:
    """The reason recorded by the transition that refused or stopped the dossier, if any."""
    if dossier.status not in ENDED_WITHOUT_RESULT:
        return None
    events = db.session.execute(select(DossierEvent.data).where(
        DossierEvent.dossier_id == dossier.id, DossierEvent.status_after == dossier.status)
        .order_by(DossierEvent.id.desc())).scalars()
    return next((r for r in map(reason_in, events) if r), None)
