"""The electronic receipt of a paid fee (biên lai điện tử): generated, signed with the agency's
key like a result, kept as the dossier's "BL" file, and checked on the public verification page
by its code `<dossier code>-BL<n>` (its QR code leads there)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from .. import documents as doc
from ..db import db
from ..dossiers import printouts, results
from ..files.storage import storage
from ..dossiers.models import DossierFile
from ..workflow.service import workflow
from .messages import TEXT
from .models import Payment

RECEIPT_COMPONENT = "BL"
MAX_CODE = 48


def _fee_name(dossier) -> str:
    """The catalogue's name of the fee when it lists exactly one, else the procedure's."""
    fees = dossier.procedure.details.get("fees") or []
    if len(fees) == 1 and isinstance(fees[0], dict) and fees[0].get("name"):
        return str(fees[0]["name"])
    return TEXT["fee_line"].format(procedure=dossier.procedure.name)


def issue(dossier, payment: Payment, at: datetime, actor=None) -> str:
    code = f"{dossier.code or dossier.id}-{RECEIPT_COMPONENT}{payment.number}"
    receipt = doc.FeeReceipt(
        province=workflow().calendar.profile.place, agency=printouts.agency_header(dossier.agency),
        receipt_no=code, issued_at=at.astimezone(workflow().calendar.tz), payer_name=dossier.applicant_name,
        dossier_code=dossier.code or "", procedure_name=dossier.procedure.name,
        lines=((_fee_name(dossier), payment.amount),), total=payment.amount,
        method=TEXT[f"method_{payment.method}"], verify_url=printouts.verify_url(code),
        payer_id_number=str((dossier.form_data or {}).get("so_cccd") or ""),
        transaction_no=payment.transaction_no or "", collector=actor.full_name if actor is not None else "")
    signed = results.sign(doc.fee_receipt_pdf(receipt), dossier, dossier.agency.name, TEXT["receipt_reason"], at)
    payment.receipt_file_id = results.store(dossier, signed, f"{code}.pdf", actor, at, f"receipt:{payment.number}",
                                            component=RECEIPT_COMPONENT)
    payment.receipt_code = code
    return code


def find_pdf(code: str) -> bytes | None:
    """The signed receipt with this code, for the public verification page."""
    if not code or len(code) > MAX_CODE:
        return None
    key = db.session.execute(select(DossierFile.storage_key).join(Payment, Payment.receipt_file_id == DossierFile.id)
                             .where(Payment.receipt_code == code)).scalar()
    return storage().open(key) if key else None
