"""The verification page shows what the system recorded for a result (to compare with a paper
copy, which can be altered under a genuine QR code: Bình Định 2020, Điều 16) only to whoever
opened it from the result's own QR code, which carries the result's key; a result code typed by
hand (codes are easy to guess, a criminal record is nobody else's business) only says whether the
document is genuine."""
from __future__ import annotations

from urllib.parse import urlsplit

from sqlalchemy import select

from tests.conftest import vn
from tests.workspace.helpers import as_officer, html, processed, qr_urls, submit_lltp


def _signed_and_paper(app, client, dossier_id: int) -> tuple[bytes, bytes, str]:
    from app.db import db
    from app.dossiers.models import DossierResult
    from app.files.storage import storage
    with app.app_context():
        result = db.session.execute(select(DossierResult).where(DossierResult.dossier_id == dossier_id)).scalar_one()
        signed, code = storage().open(result.file.storage_key), result.code
        db.session.remove()
    as_officer(client, "motcua")
    paper = client.get(f"/mot-cua/ho-so/{dossier_id}/ket-qua/1/ban-giay.pdf").get_data()
    return signed, paper, code


def test_the_qr_code_shows_the_recorded_content_a_typed_code_does_not(api, clock, client, clean_app, tmp_path):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    processed(api, dossier_id)
    signed, paper, code = _signed_and_paper(clean_app, client, dossier_id)
    [on_file] = qr_urls(signed, tmp_path)
    assert qr_urls(paper, tmp_path) == [on_file]  # the paper conversion carries the same key
    address = urlsplit(on_file)
    page = html(client.get(f"{address.path}?{address.query}"))
    assert "Văn bản hợp lệ" in page and f"Nội dung kết quả {code} được lưu trong hệ thống" in page
    assert "Tình trạng án tích: Không có án tích." in page and "<dd>Nguyễn Văn An</dd>" in page
    assert "PHIẾU LÝ LỊCH TƯ PHÁP" in page and "<dd>Phạm Thị Dung</dd>" in page
    typed = html(client.get(f"/xac-thuc/{code}"))
    assert "Văn bản hợp lệ" in typed and "Tình trạng án tích" not in typed
    assert "chỉ hiện khi mở trang này từ mã QR" in typed
    key = address.query[2:]
    for wrong in ("x" * 16, key[:-1] + ("B" if key.endswith("A") else "A"), "", "k" * 200):
        shown = html(client.get(f"/xac-thuc/{code}?k={wrong}"))
        assert "Tình trạng án tích" not in shown and "Văn bản hợp lệ" in shown, wrong
