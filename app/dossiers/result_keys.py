"""The key a result's QR code carries. Result codes follow the dossier code and are easy to guess,
and a result may hold what nobody else should read (a criminal record); so whoever holds the paper
or the file, and scanned its QR code, sees on the verification page what the system recorded, to
compare with what they hold (Bình Định 2020, Điều 16: an altered copy keeps a genuine code), while
a code typed by hand only says whether the document is genuine."""
from __future__ import annotations

import hmac
import secrets
from datetime import date

from sqlalchemy import select

from ..db import db
from .models import DossierResult

KEY_BYTES = 12  # 16 characters, 96 bits: not guessed, short enough for a small QR code
KEY_MAX = 64


def new_key() -> str:
    return secrets.token_urlsafe(KEY_BYTES)


def recorded(code: str, key: str) -> dict | None:
    """What the system recorded for the result with this code, when `key` is its key; else None."""
    if not code or not key or len(code) > 48 or len(key) > KEY_MAX:
        return None
    result = db.session.execute(select(DossierResult).where(DossierResult.code == code)).scalar()
    details = (result.details or {}) if result is not None else {}
    if not hmac.compare_digest(str(details.get("verify_key") or ""), key):
        return None
    shown = {"code": result.code, "kind": result.kind, "title": result.title, "agency": result.agency.name,
             "number": result.document_number or "", "signed_at": result.signed_at}
    if result.kind == "digitised":
        paper = details.get("paper") or {}
        return {**shown, "fields": [(name, _shown(paper[field])) for name, field in PAPER_FIELDS if paper.get(field)],
                "paragraphs": []}
    content = details.get("content") or {}
    signer = details.get("signer") or {}
    return {**shown, "title": content.get("title", result.title), "subtitle": content.get("subtitle", ""),
            "applicant": details.get("applicant", ""), "signer": signer.get("name", ""),
            "fields": [tuple(f) for f in content.get("fields", [])], "paragraphs": content.get("paragraphs", [])}


# What a digitised paper result's row keeps of the original, as the digitising officer typed it.
PAPER_FIELDS = (("Trích yếu", "title"), ("Số, ký hiệu", "document_number"), ("Cơ quan ban hành", "signing_agency"),
                ("Người ký bản giấy", "signer"), ("Ngày ký", "signed_on"))


def _shown(value: str) -> str:
    """A day as printed on Vietnamese papers (dd/mm/yyyy); any other value as typed."""
    try:
        return date.fromisoformat(value).strftime("%d/%m/%Y")
    except (TypeError, ValueError):
        return str(value)
