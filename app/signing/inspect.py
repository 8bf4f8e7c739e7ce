"""What the signatures of an incoming PDF say (an electronic certified copy, a previous result),
kept with the file so the one-stop desk sees at reception whether it is valid and who signed it
(Bình Định 2020, Điều 9.2.b)."""
from __future__ import annotations

from datetime import datetime
from typing import Mapping

from .issued import verify_document
from .verify import VerificationError


def signature_summary(pdf: bytes, config: Mapping | None, at: datetime, tz) -> dict | None:
    """None for a PDF without signatures; else {"signatures": [...]} or {"error": message}."""
    try:
        reports = verify_document(pdf, config, at)
    except VerificationError as exc:
        return {"error": exc.message}
    if not reports:
        return None
    return {"signatures": [{
        "valid": r.document_ok, "intact": r.intact, "trusted": r.trusted,
        "signer": r.signer_name or r.signer, "certificate": r.signer, "verdict": r.summary,
        "signed_at": r.signed_at.astimezone(tz).strftime("%H:%M ngày %d/%m/%Y") if r.signed_at else None,
    } for r in reports]}
