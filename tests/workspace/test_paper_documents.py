"""The Mẫu of dossiers that do not fit the plain counter case, read back from the real PDFs
(pdftotext, zbarimg): a dossier refused at reception has no code and no appointment, and its
documents say so instead of printing an empty code or the desk's own deadline; a dossier received
by post says so on its receipt, with the postal item number, the officer signing alone, and the
result going back by post."""
from __future__ import annotations

import io
import re
import subprocess

from sqlalchemy import func, select

from tests.api.test_lifecycle import BAN_SAO, BAN_SAO_FORM
from tests.conftest import vn
from tests.documents.samples import page_count
from tests.web.pages import pdf_bytes
from tests.workspace.helpers import (ACCEPT, as_officer, asked_during_processing, dossier, html, pdf_text,
                                     qr_urls)
from tests.workspace.test_desk_messages import RECEPTION_ASK, _form
from tests.workspace.test_intake import LLTP_FIELDS, _citizen_id

NO_EMPTY_CODE = re.compile(r"mã hồ sơ:\s*(\)|$)", re.IGNORECASE | re.MULTILINE)


def _pdf(client, path: str) -> bytes:
    response = client.get(path)
    assert response.status_code == 200, path
    assert response.mimetype == "application/pdf"
    return response.get_data()


def _words(text: str) -> str:
    return " ".join(text.split())


def _reading_order(pdf: bytes, tmp_path) -> str:
    """The text cell by cell (pdftotext without -layout): cells side by side do not interleave."""
    path = tmp_path / "order.pdf"
    path.write_bytes(pdf)
    return _words(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout)


def test_a_dossier_refused_at_reception_prints_no_empty_code_and_no_appointment(api, clock, client, clean_app,
                                                                                 tmp_path):
    public = clean_app.config["MOTCUA_PUBLIC_URL"]
    clock.set(vn(2026, 11, 23, 14, 0))
    dossier_id = api.post("/dossiers", "congdan", json={"procedure_code": BAN_SAO, "data": BAN_SAO_FORM}).get_json()["id"]
    as_officer(client, "motcua")
    base = f"/mot-cua/ho-so/{dossier_id}/giay-to"
    own_page = f"{public}/ho-so/{dossier_id}"

    # Waiting for the desk: no appointment yet (the desk's 8 working hours are not one).
    waiting = _pdf(client, f"{base}/mau-05.pdf")
    text = _words(pdf_text(waiting, tmp_path))
    assert "Thời gian hẹn trả kết quả: — (hồ sơ chưa được tiếp nhận)" in text
    assert f"Hồ sơ số {dossier_id} (chưa cấp mã hồ sơ)" in text
    assert "ngày 25 tháng 11 năm 2026" not in text  # the reception deadline, 14:00 25/11
    assert not NO_EMPTY_CODE.search(pdf_text(waiting, tmp_path))

    api.complete("motcua", "Tiếp nhận hồ sơ", {"quyet_dinh": "tu_choi", "ly_do": "Không thuộc thẩm quyền."})
    assert dossier(api, dossier_id)["status"]["code"] == 3
    slip = _pdf(client, f"{base}/mau-05.pdf")
    raw = pdf_text(slip, tmp_path)
    text = _words(raw)
    assert "Thời gian hẹn trả kết quả: — (hồ sơ không được tiếp nhận)" in text
    assert f"Hồ sơ số {dossier_id} (không được tiếp nhận, không cấp mã hồ sơ)" in text
    assert "ngày 25 tháng 11 năm 2026" not in text
    assert not NO_EMPTY_CODE.search(raw), raw
    # No code, so no public lookup: the QR code leads to the applicant's own page, and says so.
    assert f"Người nộp xem hồ sơ trên Cổng Dịch vụ công bằng tài khoản của mình: quét mã QR hoặc truy cập {own_page}" \
        in text
    assert qr_urls(slip, tmp_path) == [own_page]
    for line in ("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "Thời gian nhận hồ sơ: — (hồ sơ không được tiếp nhận; nộp lúc 14 giờ 00 phút, ngày 23 tháng 11",
                 "(Mẫu 03) lúc 14:00 ngày 23/11/2026.",  # the note of the reception row
                 "Trần Thị Bình"):
        assert line in text, line

    refusal = _pdf(client, f"{base}/mau-03.pdf")
    raw = pdf_text(refusal, tmp_path)
    text = _words(raw)
    assert f"Hồ sơ số {dossier_id} (không được tiếp nhận, không cấp mã hồ sơ)" in text
    assert "Người nộp xem hồ sơ trên Cổng Dịch vụ công" in text and not NO_EMPTY_CODE.search(raw)
    assert qr_urls(refusal, tmp_path) == [own_page]


def test_a_supplement_request_before_reception_names_the_dossier_by_its_number(api, clock, client, clean_app,
                                                                               tmp_path):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = api.post("/dossiers", "congdan", json={"procedure_code": BAN_SAO, "data": BAN_SAO_FORM}).get_json()["id"]
    api.complete("motcua", "Tiếp nhận hồ sơ", RECEPTION_ASK)
    as_officer(client, "motcua")
    request = _pdf(client, f"/mot-cua/ho-so/{dossier_id}/giay-to/mau-02-1.pdf")
    raw = pdf_text(request, tmp_path)
    assert f"Hồ sơ số {dossier_id} (chưa cấp mã hồ sơ)" in _words(raw) and not NO_EMPTY_CODE.search(raw)
    assert qr_urls(request, tmp_path) == [f"{clean_app.config['MOTCUA_PUBLIC_URL']}/ho-so/{dossier_id}"]


def _enter(client, clean_app, token: str, nonce: str, **fields) -> int:
    """A criminal-record dossier the desk enters for the demo citizen; returns its id."""
    from app.db import db
    from app.dossiers.models import Dossier
    citizen = _citizen_id(clean_app, "001090000001")
    response = client.post(f"/mot-cua/tiep-nhan/{citizen}/2.000488", data={
        "csrf_token": token, "nonce": nonce, "action": "submit", "tep_da_nhan": "", **LLTP_FIELDS,
        "tep.GTTT": (io.BytesIO(pdf_bytes(nonce)), "cccd.pdf"), **fields}, content_type="multipart/form-data")
    assert response.status_code == 303, html(response)
    with clean_app.app_context():
        found = db.session.execute(select(func.max(Dossier.id))).scalar()
        db.session.remove()
    return found


def test_a_dossier_received_by_post_says_so_on_its_receipt(api, clock, client, clean_app, tmp_path):
    clock.set(vn(2026, 11, 23, 9, 0))
    token = as_officer(client, "motcua")
    citizen = _citizen_id(clean_app, "001090000001")
    form = html(client.get(f"/mot-cua/tiep-nhan/{citizen}/2.000488"))
    # The return choice, by post to the sender's address unless asked otherwise.
    assert 'id="hinh_thuc_tra-buu_chinh" name="hinh_thuc_tra" value="buu_chinh" checked' in form
    assert "Địa chỉ người gửi: Số 12 đường Lê Lợi, phường An Bình, tỉnh Bình An." in form
    posted = _enter(client, clean_app, token, "post-1", hinh_thuc="postal", so_buu_gui="EB123456789VN",
                    hinh_thuc_tra="buu_chinh")
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT, dossier=posted)
    code = dossier(api, posted)["code"]
    receipt = _pdf(client, f"/mot-cua/ho-so/{posted}/giay-to/mau-01.pdf")
    text = _words(pdf_text(receipt, tmp_path))
    assert "4. Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 23 tháng 11 năm 2026, qua dịch vụ bưu chính công ích " \
           "(số hiệu bưu gửi: EB123456789VN)" in text
    assert "6. Đăng ký nhận kết quả qua dịch vụ bưu chính công ích, tại địa chỉ: Số 12 đường Lê Lợi, phường An " \
           "Bình, tỉnh Bình An" in text
    # Nobody stood at the counter: the officer signs alone, beside the note.
    assert "NGƯỜI NỘP HỒ SƠ" not in text
    assert "Hồ sơ nhận qua dịch vụ bưu chính công ích (Người nộp không có mặt tại Bộ phận Một cửa nên không ký " \
           "nhận)" in _reading_order(receipt, tmp_path)
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in text and "Trần Thị Bình" in text
    assert "Đăng ký nhận kết quả tại" not in text
    assert qr_urls(receipt, tmp_path) == [f"{clean_app.config['MOTCUA_PUBLIC_URL']}/tra-cuu/{code}"]
    assert page_count(receipt) == 1

    # Posted, but the applicant collects the result at the desk.
    collected = _enter(client, clean_app, token, "post-2", hinh_thuc="postal", so_buu_gui="EB000000002VN",
                       hinh_thuc_tra="truc_tiep")
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT, dossier=collected)
    text = _words(pdf_text(_pdf(client, f"/mot-cua/ho-so/{collected}/giay-to/mau-01.pdf"), tmp_path))
    assert "(số hiệu bưu gửi: EB000000002VN)" in text and "NGƯỜI NỘP HỒ SƠ" not in text
    assert "6. Đăng ký nhận kết quả tại: Bộ phận Một cửa, Sở Tư pháp tỉnh Bình An" in text

    # A choice the form never offers is refused in words, nothing entered.
    bad = client.post(f"/mot-cua/tiep-nhan/{citizen}/2.000488", data={
        "csrf_token": token, "nonce": "post-3", "action": "submit", "tep_da_nhan": "", **LLTP_FIELDS,
        "hinh_thuc": "postal", "so_buu_gui": "EB3", "hinh_thuc_tra": "bo_cau",
        "tep.GTTT": (io.BytesIO(pdf_bytes()), "cccd.pdf")}, content_type="multipart/form-data")
    assert bad.status_code == 422 and "Chọn cách trả kết quả cho hồ sơ nhận qua bưu chính." in html(bad)

    # At the counter nothing changes: the applicant signs, and collects at the desk.
    counter = _enter(client, clean_app, token, "counter-1", hinh_thuc="counter", hinh_thuc_tra="buu_chinh")
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT, dossier=counter)
    text = _words(pdf_text(_pdf(client, f"/mot-cua/ho-so/{counter}/giay-to/mau-01.pdf"), tmp_path))
    assert "NGƯỜI NỘP HỒ SƠ" in text and "bưu chính" not in text
    assert "6. Đăng ký nhận kết quả tại: Bộ phận Một cửa" in text


def test_a_supplement_posted_during_processing_gets_a_receipt_without_the_applicants_signature(
        api, clock, client, clean_app, tmp_path):
    dossier_id = asked_during_processing(api, clock)
    clock.set(vn(2026, 11, 27, 10, 0))
    token = as_officer(client, "motcua")
    done = client.post(f"/mot-cua/ho-so/{dossier_id}/bo-sung", data={
        **_form(token, noi_cu_tru="12 Lê Lợi, phường An Bình (từ 1990)"), "hinh_thuc": "postal",
        "so_buu_gui": "EB555666777VN"}, content_type="multipart/form-data")
    assert done.status_code == 303
    restarted = _pdf(client, f"/mot-cua/ho-so/{dossier_id}/giay-to/mau-01-bs-1.pdf")
    text = _words(pdf_text(restarted, tmp_path))
    assert page_count(restarted) <= 2  # the restart and postal notes push no more than the signatures over
    assert "qua dịch vụ bưu chính công ích (số hiệu bưu gửi: EB555666777VN)" in text
    assert "NGƯỜI NỘP HỒ SƠ" not in text and "Tiếp nhận hồ sơ bổ sung lần 1" in text
    # The dossier itself was submitted online: its result is not posted.
    assert "Đăng ký nhận kết quả tại: Cổng Dịch vụ công" in text
    # The first receipt, issued online, says so: nobody signed at the counter then either.
    first = _words(pdf_text(_pdf(client, f"/mot-cua/ho-so/{dossier_id}/giay-to/mau-01.pdf"), tmp_path))
    assert "NGƯỜI NỘP HỒ SƠ" not in first and "số hiệu bưu gửi" not in first
    assert "Hồ sơ nộp trực tuyến trên Cổng Dịch" in first  # the note wraps beside the officer's column
