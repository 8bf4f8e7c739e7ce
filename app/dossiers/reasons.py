"""Why a dossier ended without a result: the reason the officer wrote (the step form's `ly_do`,
the convention the shipped forms follow) when reception refused it (status 3) or processing
stopped it (status 8). The citizen is owed it (Circular 01/2018: Mẫu 03; Decree 61 Điều 19)."""
from __future__ import annotations

from sqlalchemy import or_, select

from engine.statuses import ENDED_WITHOUT_RESULT

from ..db import db
from .models import DossierEvent

REASON_FIELD = "ly_do"
STOP_NOTICE = "stop_notice"  # stops.py: carries the reason when the deciding step wrote none


def reason_in(data) -> str | None:
    value = (data or {}).get(REASON_FIELD) if isinstance(data, dict) else None
    return " ".join(str(value).split()) or None if value else None


def closes(event: dict, status: int) -> bool:
    """Whether `event` (a row's values) is part of the transition that refused or stopped."""
    return event.get("status_after") == status or event.get("kind") == STOP_NOTICE


def closing_reason(dossier) -> str | None:
    """The reason recorded by the transition that refused or stopped the dossier, if any."""
    if dossier.status not in ENDED_WITHOUT_RESULT:
        return None
    events = db.session.execute(select(DossierEvent.data).where(
        DossierEvent.dossier_id == dossier.id,
        or_(DossierEvent.status_after == dossier.status, DossierEvent.kind == STOP_NOTICE))
        .order_by(DossierEvent.id.desc())).scalars()
    return next((r for r in map(reason_in, events) if r), None)
