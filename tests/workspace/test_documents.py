"""Every printable document of a dossier, read back as a reader would: pdftotext finds the
Vietnamese names exactly, zbarimg decodes the QR code to the exact address; the signed result
verifies with pdfsig, and a changed byte is caught by the public verification page."""
from __future__ import annotations

import re
import io

import pytest

from tests.api.test_component_files import _multipart
from tests.api.test_lifecycle import BAN_SAO, BAN_SAO_FORM
from tests.conftest import vn
from tests.web.pages import pdf_bytes
from tests.workspace.helpers import (APPROVAL, APPROVE, CHECKED, POLICE, POLICE_TASK, RETURN, SEARCH, accept,
                                     as_officer, dossier, html, pdf_text, pdfsig, processed, qr_urls, submit_lltp)

ASK = {"quyet_dinh": "yeu_cau_bo_sung", "ly_do": "Thiếu bản chụp giấy tờ tùy thân.",
       "thanh_phan_can_bo_sung": [{"thanh_phan": "Giấy tờ tùy thân", "yeu_cau": "Bản chụp Căn cước công dân hai mặt"}]}


def _get(client, path) -> bytes:
    response = client.get(path)
    assert response.status_code == 200, path
    assert response.mimetype == "application/pdf"
    return response.get_data()


@pytest.mark.rule("QT-21")
def test_every_document_reads_back_with_its_names_and_qr_code(api, clock, client, clean_app, tmp_path):
    public = clean_app.config["MOTCUA_PUBLIC_URL"]
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    api.complete("motcua", "Tiếp nhận hồ sơ", ASK)
    clock.set(vn(2026, 11, 23, 9, 0))
    sent = _multipart(api, f"/dossiers/{dossier_id}/supplement", {"data": {"so_ban": 3}},
                      {"tep.GTTT": (pdf_bytes("CCCD hai mat"), "cccd.pdf")})  # the component asked for (QT-58)
    assert sent.status_code == 200, sent.get_json()
    clock.set(vn(2026, 11, 23, 10, 15))
    accept(api, dossier_id)
    code = dossier(api, dossier_id)["code"]
    lookup = f"{public}/tra-cuu/{code}"
    as_officer(client, "lanhdao")
    base = f"/mot-cua/ho-so/{dossier_id}/giay-to"

    receipt = _get(client, f"{base}/mau-01.pdf")
    text = pdf_text(receipt, tmp_path)
    for expected in ("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", code, "Nguyễn Văn An", "Sở Tư pháp tỉnh Bình An",
                     "Cấp Phiếu lý lịch tư pháp", "10 giờ 15 phút, ngày 23 tháng 11 năm 2026", "Trần Thị Bình",
                     "10 ngày làm việc", f"Số: {code.rsplit('-', 1)[1]}/{code.split('-')[1]}/TN"):
        assert expected in text, expected
    assert f"Số: {code}" not in text  # its own number, not the code a second time
    assert qr_urls(receipt, tmp_path) == [lookup]

    request = _get(client, f"{base}/mau-02-1.pdf")
    text = pdf_text(request, tmp_path)
    # Numbered by the dossier's number in the system: it had no code yet (document_numbers.py).
    for expected in ("Giấy tờ tùy thân", "Bản chụp Căn cước công dân hai mặt", "Thiếu bản chụp giấy tờ tùy thân.",
                     "Nguyễn Văn An", f"Số: {dossier_id}/BS1"):
        assert expected in text, expected
    # Asked before reception, when the dossier had no code: the QR leads to the citizen's own page.
    assert qr_urls(request, tmp_path) == [f"{public}/ho-so/{dossier_id}"]

    clock.set(vn(2026, 12, 3, 9, 0))
    token = as_officer(client, "lanhdao")
    client.post(f"/mot-cua/ho-so/{dossier_id}/xin-loi", data={
        "csrf_token": token, "ngay_hen_moi": "2026-12-15T16:00", "ly_do": "Chờ ý kiến của Công an tỉnh Bình An."})
    apology = _get(client, f"{base}/mau-04.pdf")
    text = pdf_text(apology, tmp_path)
    for expected in ("Chờ ý kiến của Công an tỉnh Bình An.", "Phạm Thị Dung", "KT. GIÁM ĐỐC SỞ TƯ PHÁP",
                     "PHÓ GIÁM ĐỐC SỞ TƯ PHÁP", "15 tháng 12 năm 2026", code,  # signed with the leader's title, not a role
                     "Số: 0001/261123/XL"):
        assert expected in text, expected
    assert qr_urls(apology, tmp_path) == [lookup]

    api.complete("chuyenvien", SEARCH, CHECKED)
    api.complete("congan", POLICE_TASK, POLICE)
    api.complete("lanhdao", APPROVAL, APPROVE)
    api.complete("motcua", "Trả kết quả", RETURN)
    slip = _get(client, f"{base}/mau-05.pdf")
    text = pdf_text(slip, tmp_path)
    for expected in ("Công an tỉnh Bình An", "Lê Văn Cường", "Hoàng Văn Em", "Phạm Thị Dung", "Trước hạn"):
        assert expected in text, expected
    assert qr_urls(slip, tmp_path) == [lookup]

    page = html(client.get(f"/mot-cua/ho-so/{dossier_id}"))
    assert f"{code}-KQ1" in page and "Bản chuyển đổi sang giấy" in page
    paper = _get(client, f"/mot-cua/ho-so/{dossier_id}/ket-qua/1/ban-giay.pdf")
    text = pdf_text(paper, tmp_path)
    for expected in (f"{code}-KQ1", "Phạm Thị Dung", "Sở Tư pháp tỉnh Bình An", "PHIẾU LÝ LỊCH TƯ PHÁP",
                     "Được cung cấp bởi Hệ thống thông tin một cửa điện tử tỉnh Bình An./."):
        assert expected in text, expected
    # Biểu mẫu, note (8): item 5 holds "masohoso-KQ(n)", the result's own code.
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert f"5. Mã số hồ sơ thủ tục hành chính: {code}-KQ1" in lines
    [keyed] = qr_urls(paper, tmp_path)  # the result's own key rides along (result_keys.py)
    assert re.fullmatch(re.escape(f"{public}/xac-thuc/{code}-KQ1?k=") + r"[\w-]{16}", keyed), keyed

    # Bình Định Điều 16.4: the applicant prints it from the portal too; nobody else does.
    from tests.web.pages import login
    login(client, "congdan")
    own = html(client.get(f"/ho-so/{dossier_id}"))
    assert "In bản chuyển đổi sang giấy" in own
    assert "số 1 hoặc số 2" not in own  # the result issued is shown, not the catalogue's kinds of result
    mine = pdf_text(_get(client, f"/ho-so/{dossier_id}/ket-qua/1/ban-giay.pdf"), tmp_path)
    assert f"5. Mã số hồ sơ thủ tục hành chính: {code}-KQ1" in [" ".join(line.split()) for line in mine.splitlines()]
    assert client.get(f"/ho-so/{dossier_id}/ket-qua/2/ban-giay.pdf").status_code == 404
    login(client, "lanhdao")
    assert client.get(f"/ho-so/{dossier_id}/ket-qua/1/ban-giay.pdf").status_code in (302, 303, 403, 404)

    register = _get(client, "/mot-cua/so-theo-doi?tu=2026-11-01&den=2026-11-30&pdf=1")
    text = pdf_text(register, tmp_path)
    assert code in text and "Nguyễn Văn" in text and "Sở Tư pháp" in text  # narrow columns wrap the name
    assert "0912345678" in text and "Lê Lợi" in text  # the applicant's address and phone
    assert qr_urls(register, tmp_path) == [lookup]


@pytest.mark.rule("QT-24")
def test_refusal_slip_and_unknown_documents(api, clock, client, tmp_path, clean_app):
    clock.set(vn(2026, 11, 23, 14, 0))
    created = api.post("/dossiers", "congdan", json={"procedure_code": BAN_SAO, "data": BAN_SAO_FORM}).get_json()
    api.complete("motcua", "Tiếp nhận hồ sơ", {"quyet_dinh": "tu_choi", "ly_do": "Không thuộc thẩm quyền của Sở Tư pháp."})
    as_officer(client, "motcua")
    base = f"/mot-cua/ho-so/{created['id']}/giay-to"
    refusal = _get(client, f"{base}/mau-03.pdf")
    text = pdf_text(refusal, tmp_path)
    assert "Không thuộc thẩm quyền của Sở Tư pháp." in text and "Nguyễn Văn An" in text
    assert f"Số: {created['id']}/TC" in text  # refused at reception: never coded, numbered by its number
    assert qr_urls(refusal, tmp_path) == [f"{clean_app.config['MOTCUA_PUBLIC_URL']}/ho-so/{created['id']}"]
    for key in ("mau-01", "mau-01-bs-1", "mau-04", "mau-02-1", "mau-99", "../../etc/passwd"):
        assert client.get(f"{base}/{key}.pdf").status_code == 404


def test_the_verification_page_catches_a_changed_byte(api, clock, client, clean_app, tmp_path):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    processed(api, dossier_id)
    as_officer(client, "motcua")
    from sqlalchemy import select

    from app.db import db
    from app.dossiers.models import DossierFile
    with clean_app.app_context():
        file_id = db.session.execute(select(DossierFile.id).where(
            DossierFile.dossier_id == dossier_id, DossierFile.component_code == "KQ")).scalar_one()
        db.session.remove()
    signed = client.get(f"/mot-cua/ho-so/{dossier_id}/tep/{file_id}").get_data()
    assert "Signature is Valid." in pdfsig(signed, tmp_path)
    token = as_officer(client, "congdan")
    good = client.post("/xac-thuc", data={"csrf_token": token, "tep": (io.BytesIO(signed), "ket-qua.pdf")},
                       content_type="multipart/form-data")
    assert good.status_code == 200 and "Phạm Thị Dung" in html(good)
    position = signed.index(b"stream") + 40  # a byte of compressed page content, inside the signed range
    changed = signed[:position] + bytes([signed[position] ^ 0x01]) + signed[position + 1:]
    assert "Signature is Valid." not in pdfsig(changed, tmp_path)
    bad = client.post("/xac-thuc", data={"csrf_token": token, "tep": (io.BytesIO(changed), "ket-qua.pdf")},
                      content_type="multipart/form-data")
    text = html(bad)
    assert bad.status_code == 200 and "không còn nguyên vẹn" in text and "đã bị sửa sau khi ký" in text


def test_the_citizen_downloads_the_receipt_from_the_portal(api, clock, client, clean_app, tmp_path):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    as_officer(client, "congdan")
    assert client.get(f"/ho-so/{dossier_id}/giay-tiep-nhan.pdf").status_code == 404  # not received yet
    accept(api, dossier_id)
    code = dossier(api, dossier_id)["code"]
    assert "Giấy tiếp nhận hồ sơ và hẹn trả kết quả (PDF)" in html(client.get(f"/ho-so/{dossier_id}"))
    receipt = _get(client, f"/ho-so/{dossier_id}/giay-tiep-nhan.pdf")
    assert code in pdf_text(receipt, tmp_path)
    assert qr_urls(receipt, tmp_path) == [f"{clean_app.config['MOTCUA_PUBLIC_URL']}/tra-cuu/{code}"]
    other = submit_lltp(api, so_ban=5)
    as_officer(client, "motcua")
    assert client.get(f"/ho-so/{other}/giay-tiep-nhan.pdf").status_code == 403  # citizens' pages only
