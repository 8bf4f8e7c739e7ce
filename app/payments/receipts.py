"""The electronic receipt of a paid fee (biên lai điện tử): generated, signed with the agency's
key like a result, kept as the dossier's "BL" file, and checked on the public verification page
by its code (its QR code leads there).

Receipts of a dossier are numbered in the order they are issued, without gaps (a failed payment
attempt takes no number): `<dossier code>-BL<n>` once the dossier has its code, before that
`BL-<agency code>-<yyyymmdd>-<dossier id>-<n>` (the date of issue), never the bare dossier id."""
from __future__ import annotations

import hmac
import re
from datetime import datetime

from sqlalchemy import func, select

from .. import documents as doc
from ..db import db
from ..dossiers import printouts, result_keys, results
from ..files.storage import storage
from ..dossiers.models import Dossier, DossierFile
from ..workflow.service import workflow
from ..privacy import masked_name
from .messages import TEXT
from .models import Payment

RECEIPT_COMPONENT = "BL"
MAX_CODE = 48
_RECEIPT_CODE = re.compile(rf"(^{RECEIPT_COMPONENT}-|-{RECEIPT_COMPONENT}\d+$)")


def _fee_name(dossier) -> str:
    """The catalogue's name of the fee when it lists exactly one, else the procedure's."""
    fees = dossier.procedure.details.get("fees") or []
    if len(fees) == 1 and isinstance(fees[0], dict) and fees[0].get("name"):
        return str(fees[0]["name"])
    return TEXT["fee_line"].format(procedure=dossier.procedure.name)


def _code(dossier, number: int, at: datetime) -> str:
    if dossier.code:
        return f"{dossier.code}-{RECEIPT_COMPONENT}{number}"
    day = f"{at.astimezone(workflow().calendar.tz):%Y%m%d}"
    code = f"{RECEIPT_COMPONENT}-{dossier.agency.code}-{day}-{dossier.id}-{number}"
    return code if len(code) <= MAX_CODE else f"{RECEIPT_COMPONENT}-{day}-{dossier.id}-{number}"


def next_code(dossier, at: datetime) -> str:
    """The code the dossier's next receipt gets: numbered by the receipts already issued + 1
    (skipping a code already taken, as a receipt numbered by payment attempt may be)."""
    issued = db.session.execute(select(func.count()).select_from(Payment).where(
        Payment.dossier_id == dossier.id, Payment.receipt_code.is_not(None))).scalar() or 0
    number = issued + 1
    while db.session.execute(select(Payment.id).where(Payment.receipt_code == _code(dossier, number, at))).first():
        number += 1
    code = _code(dossier, number, at)
    if len(code) > MAX_CODE:
        raise ValueError(f"receipt code longer than {MAX_CODE}: {code}")
    return code


def issue(dossier, payment: Payment, at: datetime, actor=None) -> str:
    """Sign and keep the receipt of the paid `payment` of the locked `dossier`; its code. Conflict
    when it cannot be signed (no key...), with nothing written. A payment gets one receipt only."""
    if payment.receipt_code:
        return payment.receipt_code
    code, key = next_code(dossier, at), result_keys.new_key()
    given = dossier.form_data or {}
    receipt = doc.FeeReceipt(
        province=workflow().calendar.profile.place, agency=printouts.agency_header(dossier.agency),
        receipt_no=code, issued_at=at.astimezone(workflow().calendar.tz), payer_name=dossier.applicant_name,
        dossier_code=dossier.code or "", procedure_name=dossier.procedure.name,
        lines=((_fee_name(dossier), payment.amount),), total=payment.amount,
        method=TEXT[f"method_{payment.method}"], verify_url=printouts.keyed_url(code, key),
        payer_id_number=str(given.get("so_cccd") or given.get("so_ho_chieu") or ""),
        payer_id_is_passport=not given.get("so_cccd") and bool(given.get("so_ho_chieu")),
        transaction_no=payment.transaction_no or "", collector=actor.full_name if actor is not None else "")
    signed = results.sign(doc.fee_receipt_pdf(receipt), dossier, dossier.agency.name, TEXT["receipt_reason"], at)
    payment.receipt_file_id = results.store(dossier, signed, f"{code}.pdf", actor, at, f"receipt:{payment.number}",
                                            component=RECEIPT_COMPONENT)
    payment.receipt_code, payment.verify_key = code, key
    return code


def find_pdf(code: str) -> bytes | None:
    """The signed receipt with this code, for the public verification page."""
    if not code or len(code) > MAX_CODE:
        return None
    key = db.session.execute(select(DossierFile.storage_key).join(Payment, Payment.receipt_file_id == DossierFile.id)
                             .where(Payment.receipt_code == code)).scalar()
    return storage().open(key) if key else None


def signed_at_of(sha256: str) -> datetime | None:
    """When the system signed and stored the receipt whose file has exactly these bytes."""
    return db.session.execute(select(func.min(DossierFile.uploaded_at)).join(
        Payment, Payment.receipt_file_id == DossierFile.id).where(DossierFile.sha256 == sha256)).scalar()


def is_receipt_code(code: str) -> bool:
    return bool(_RECEIPT_CODE.search(code or ""))


def recorded(code: str, key: str) -> dict | None:
    """What the system recorded for the receipt with this code, for the reader of a paper receipt
    to compare with (an altered amount keeps a genuine QR code), when `key` is the key its QR code
    carries; None otherwise. Receipt codes are as guessable as result codes, and what a receipt
    records (the procedure: a criminal record request...) is no stranger's to read."""
    if not code or not key or len(code) > MAX_CODE or len(key) > result_keys.KEY_MAX:
        return None
    row = db.session.execute(select(Payment, Dossier).join(Dossier, Dossier.id == Payment.dossier_id)
                             .where(Payment.receipt_code == code)).first()
    if row is None or not hmac.compare_digest(row[0].verify_key or "", key):
        return None
    payment, dossier = row
    return {"code": payment.receipt_code, "dossier_code": dossier.code or "", "procedure": dossier.procedure.name,
            "amount": payment.amount, "paid_at": payment.paid_at, "method": TEXT[f"method_{payment.method}"],
            "payer": masked_name(dossier.applicant_name),
            "agency": dossier.agency.name}
