"""A paper result scanned to PDF (not to an image) still carries the QR code of its verification
page: a last page added before the signature says what the paper original is and who digitised
it. A scan that is itself signed keeps its pages, so its earlier signature stays valid."""
from __future__ import annotations

import io
import re
import subprocess

from reportlab.pdfgen import canvas

from tests.conftest import vn
from tests.workspace.helpers import as_officer, pdfsig, processed, qr_urls, submit_lltp
from tests.workspace.test_digitise import _post


def _scanned_pdf() -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(100, 700, "PHIEU LY LICH TU PHAP (scan)")
    page.showPage()
    page.save()
    return out.getvalue()


def _stored(clean_app, code: str) -> bytes:
    from sqlalchemy import select

    from app.db import db
    from app.dossiers.models import DossierResult
    from app.files.storage import storage
    with clean_app.app_context():
        result = db.session.execute(select(DossierResult).where(DossierResult.code == code)).scalar_one()
        content = storage().open(result.file.storage_key)
        db.session.remove()
    return content


def _pages(pdf: bytes, tmp_path) -> list[str]:
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout.split("\f")[:-1]


def test_a_scanned_pdf_gets_a_verification_page_with_its_qr_code(api, clock, client, clean_app, tmp_path):
    clock.set(vn(2026, 11, 25, 9, 0))
    dossier_id = submit_lltp(api)
    code = processed(api, dossier_id)["code"]
    token = as_officer(client, "motcua")
    scan = _scanned_pdf()
    assert _post(client, token, dossier_id, tep_quet=(io.BytesIO(scan), "ban-quet.pdf")).status_code == 303
    signed = _stored(clean_app, f"{code}-KQ2")
    assert signed.startswith(scan)  # the scan's own bytes are untouched: pages are added, not redrawn
    assert "Signature is Valid." in pdfsig(signed, tmp_path)
    first, last = _pages(signed, tmp_path)
    assert "PHIEU LY LICH TU PHAP (scan)" in first
    text = " ".join(last.split())
    for expected in ("TRANG XÁC THỰC BẢN SỐ HÓA", "1. Văn bản: Phiếu lý lịch tư pháp số 1 (bản giấy)",
                     "2. Số, ký hiệu: 125/PLLTP-STP", "3. Cơ quan ban hành: Sở Tư pháp tỉnh Bình An",
                     "4. Người ký: Phạm Thị Dung", "5. Ngày ký: 25/11/2026", f"6. Mã kết quả: {code}-KQ2",
                     "Số hóa và ký số bởi Trần Thị Bình"):
        assert expected in text, expected
    [keyed] = qr_urls(signed, tmp_path)
    assert re.fullmatch(re.escape(f"{clean_app.config['MOTCUA_PUBLIC_URL']}/xac-thuc/{code}-KQ2?k=") + r"[\w-]{16}",
                        keyed)
    assert keyed in "".join(text.split())  # the address printed too (wrapped at a hyphen)


def test_a_signed_pdf_scanned_in_keeps_its_signature_valid(api, clock, client, clean_app, tmp_path):
    """The electronic result itself handed in as the 'scan': a page added to it would void the
    agency's first signature, so it is signed as it is and both signatures verify."""
    clock.set(vn(2026, 11, 25, 9, 0))
    dossier_id = submit_lltp(api)
    code = processed(api, dossier_id)["code"]
    first = _stored(clean_app, f"{code}-KQ1")
    token = as_officer(client, "motcua")
    assert _post(client, token, dossier_id, tep_quet=(io.BytesIO(first), "ket-qua.pdf")).status_code == 303
    signed = _stored(clean_app, f"{code}-KQ2")
    report = pdfsig(signed, tmp_path)
    assert report.count("Signature is Valid.") == 2, report
    assert len(_pages(signed, tmp_path)) == len(_pages(first, tmp_path))


def test_a_scanned_image_gets_the_same_verification_page(api, clock, client, clean_app, tmp_path):
    """A scan sent as a PNG: its page, then the page a scanned PDF gets, the result code and its
    address in words beside the QR code; signed, valid, and dated when it was digitised."""
    clock.set(vn(2026, 11, 25, 9, 0))
    dossier_id = submit_lltp(api)
    code = processed(api, dossier_id)["code"]
    token = as_officer(client, "motcua")
    assert _post(client, token, dossier_id).status_code == 303  # the default scan is a PNG
    signed = _stored(clean_app, f"{code}-KQ2")
    assert "Signature is Valid." in pdfsig(signed, tmp_path)
    first, last = _pages(signed, tmp_path)
    assert not first.strip()  # the blank scanned page
    text = " ".join(last.split())
    for expected in ("TRANG XÁC THỰC BẢN SỐ HÓA", "2. Số, ký hiệu: 125/PLLTP-STP", f"6. Mã kết quả: {code}-KQ2",
                     "Số hóa và ký số bởi Trần Thị Bình"):
        assert expected in text, expected
    [keyed] = qr_urls(signed, tmp_path)
    assert keyed.startswith(f"{clean_app.config['MOTCUA_PUBLIC_URL']}/xac-thuc/{code}-KQ2?k=")
    assert keyed in "".join(text.split())
    info = subprocess.run(["pdfinfo", "-isodates", str(tmp_path / "scan.pdf")], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"^CreationDate:\s+2026-11-25T09:00:00\+07$", info, re.M), info
