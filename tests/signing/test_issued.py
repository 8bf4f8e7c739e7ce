"""A result the system signed stays valid on the verification page after the agency's
certificate has expired: judged at the instant the system recorded signing that very file
(Nghị định 130/2018/NĐ-CP Điều 9 and the decrees after it: made while the certificate was
valid). Any other file signed with the same key, or the result with one byte changed, is judged
at the time of checking."""
from __future__ import annotations

import io
from datetime import timedelta

from sqlalchemy import select

from tests.conftest import vn
from tests.workspace.helpers import html, processed, submit_lltp

from .conftest import make_pdf, sign
from .test_page import post


def _result(app, dossier_id: int) -> tuple[bytes, str]:
    from app.db import db
    from app.dossiers.models import DossierResult
    from app.files.storage import storage
    with app.app_context():
        result = db.session.execute(select(DossierResult).where(DossierResult.dossier_id == dossier_id)).scalar_one()
        signed, code = storage().open(result.file.storage_key), result.code
        db.session.remove()
    return signed, code


def _expiry(signed: bytes):
    from pyhanko.pdf_utils.reader import PdfFileReader
    return PdfFileReader(io.BytesIO(signed)).embedded_signatures[0].signer_cert.not_valid_after


def test_a_result_signed_before_its_certificate_expired_stays_valid(api, clock, client, clean_app):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    processed(api, dossier_id)
    signed, code = _result(clean_app, dossier_id)
    clock.set(_expiry(signed) + timedelta(days=30))  # the agency's certificate expired a month ago
    note = "Chứng thư số của người ký nay đã hết hạn, nhưng hệ thống ghi nhận đã ký và lưu đúng tệp này lúc"
    by_code = html(client.get(f"/xac-thuc/{code}"))
    assert "Văn bản hợp lệ" in by_code and note in by_code and "ngày 23/11/2026" in by_code
    uploaded = html(post(client, signed))
    assert "Văn bản hợp lệ" in uploaded and note in uploaded
    # One byte changed: not the file the system signed, and not intact either.
    at = signed.index(b"%%EOF") - 40
    changed = html(post(client, signed[:at] + bytes([signed[at] ^ 0x5A]) + signed[at + 1:]))
    assert note not in changed and "Văn bản hợp lệ" not in changed
    # Another file signed with the same key, which the system never issued: its own claim of
    # when it was signed proves nothing, so the expired certificate counts.
    forged_time = sign(clean_app, make_pdf(), at=vn(2026, 11, 23, 9, 0))
    other = html(post(client, forged_time))
    assert "chứng thư số của người ký đã hết hạn" in other and note not in other


def test_a_fee_receipt_stays_valid_too(api, clock, client, clean_app):
    from tests.api.test_lifecycle import dossier, pay
    from tests.web.test_payment import accepted
    dossier_id = accepted(api, clock)
    clock.set(vn(2026, 11, 23, 11, 0))
    pay(api, dossier_id)
    code = dossier(api, dossier_id)["code"]
    with clean_app.app_context():
        from app.db import db
        from app.payments.receipts import find_pdf
        receipt = find_pdf(f"{code}-BL1")
        db.session.remove()
    clock.set(_expiry(receipt) + timedelta(days=1))
    page = html(client.get(f"/xac-thuc/{code}-BL1"))
    assert "Văn bản hợp lệ" in page and "hệ thống ghi nhận đã ký và lưu đúng tệp này lúc 11:00 ngày 23/11/2026" in page
