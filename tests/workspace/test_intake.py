"""Counter and postal intake over HTTP: the citizen found by ID number or recorded, the
procedure's e-form and scans, the same process started; bad input refused with nothing lost."""
from __future__ import annotations

import io
import re
from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select

from tests.conftest import vn
from tests.web.pages import pdf_bytes
from tests.workspace.helpers import as_officer, html

LLTP_FIELDS = {"f.ho_ten": "Trần Văn Bảy", "f.ngay_sinh": "1985-03-02", "f.gioi_tinh": "nam", "f.noi_sinh": "Bình An",
               "f.quoc_tich": "Việt Nam", "f.loai_giay_to": "cccd", "f.so_cccd": "001085000777", "f.noi_cu_tru": "3 Lê Lai, phường An Bình",
               "f.loai_phieu": "1", "f.muc_dich": "Xin việc", "f.so_ban": "1",
               "f.doi_tuong_nop_phi": "thong_thuong",
               "f.qua_trinh_cu_tru.0.tu_nam": "1985", "f.qua_trinh_cu_tru.0.den_nam": "2026",
               "f.qua_trinh_cu_tru.0.noi_cu_tru": "phường An Bình"}


def _count(app, model) -> int:
    from app.db import db
    with app.app_context():
        value = db.session.execute(select(func.count()).select_from(model)).scalar()
        db.session.remove()
        return value


def _citizen_id(app, id_number: str) -> int:
    from app.db import db
    from app.users.models import User
    with app.app_context():
        found = db.session.execute(select(User.id).where(User.id_number == id_number)).scalar()
        db.session.remove()
        return found


def test_a_new_citizen_is_recorded_and_a_paper_dossier_starts_the_process(client, clock, clean_app, api):
    from app.dossiers.models import Dossier
    clock.set(vn(2026, 11, 23, 9, 0))
    token = as_officer(client, "motcua")
    found = client.get("/mot-cua/tiep-nhan?so_cccd=001085000777")
    assert "Chưa có công dân với số định danh 001085000777" in html(found)
    bad = client.post("/mot-cua/tiep-nhan", follow_redirects=True, data={"csrf_token": token, "so_cccd": "001085000777", "ho_ten": "X1",
                                                  "ngay_sinh": "2030-01-01", "dia_chi": "a", "so_dien_thoai": "12"})
    assert bad.status_code == 422 and _citizen_id(clean_app, "001085000777") is None
    taken = client.post("/mot-cua/tiep-nhan", follow_redirects=True, data={
        "csrf_token": token, "so_cccd": "001085000777", "ho_ten": "Trần Văn Bảy", "ngay_sinh": "02/03/1985",
        "dia_chi": "Số 3 Lê Lai, phường An Bình", "so_dien_thoai": "0905123456", "email": "congdan@binhan.example.vn"})
    assert taken.status_code == 422 and "đã thuộc về tài khoản khác" in html(taken)
    made = client.post("/mot-cua/tiep-nhan", follow_redirects=True, data={
        "csrf_token": token, "so_cccd": "001085000777", "ho_ten": "Trần Văn Bảy", "ngay_sinh": "02/03/1985",
        "dia_chi": "Số 3 Lê Lai, phường An Bình", "so_dien_thoai": "0905123456"})
    page = html(made)
    assert made.status_code == 200 and "Tiếp nhận hồ sơ cho Trần Văn Bảy" in page
    citizen = _citizen_id(clean_app, "001085000777")
    form_path = f"/mot-cua/tiep-nhan/{citizen}/2.000488"
    assert form_path in page
    form = html(client.get(form_path))
    assert 'value="Trần Văn Bảy"' in form  # what the desk knows is filled in
    nonce = re.search(r'name="nonce" value="([^"]+)"', form).group(1)
    fields = {"csrf_token": token, "nonce": nonce, "hinh_thuc": "counter", "action": "submit", "tep_da_nhan": "",
              **LLTP_FIELDS}
    # Without the required scan: refused, and the scan given for the other component is kept.
    missing = client.post(form_path, data={**fields, "tep.UQ": (io.BytesIO(pdf_bytes("Uy quyen")), "uy-quyen.pdf")},
                          content_type="multipart/form-data")
    text = html(missing)
    assert missing.status_code == 422 and "Thiếu bản quét thành phần «Giấy tờ tùy thân" in text
    assert "uy-quyen.pdf" in text and _count(clean_app, Dossier) == 0
    carried = re.search(r'name="tep_da_nhan" value="([^"]+)"', text).group(1)
    scan = pdf_bytes("CCCD")  # made once: reportlab stamps each PDF it makes with the time
    done = client.post(form_path, data={**fields, "tep_da_nhan": carried, "tep.GTTT": (io.BytesIO(scan), "cccd.pdf")},
                       content_type="multipart/form-data")
    assert done.status_code == 303 and "/mot-cua/viec/" in done.headers["Location"]
    again = client.post(form_path, data={**fields, "tep_da_nhan": carried, "tep.GTTT": (io.BytesIO(scan), "cccd.pdf")},
                        content_type="multipart/form-data")  # a double click sends the same bytes: the same dossier
    assert again.status_code == 303 and again.headers["Location"] == done.headers["Location"]
    assert _count(clean_app, Dossier) == 1
    task_page = html(client.get(done.headers["Location"]))
    assert "Trực tiếp tại quầy" in task_page and "cccd.pdf" in task_page and "uy-quyen.pdf" in task_page
    from app.db import db
    with clean_app.app_context():
        dossier_id = db.session.execute(select(func.max(Dossier.id))).scalar()
        db.session.remove()
    state = api.get(f"/dossiers/{dossier_id}", "motcua").get_json()
    assert state["channel"] == "counter" and state["applicant_name"] == "Trần Văn Bảy"
    assert state["history"][0]["summary"] == "Nộp hồ sơ trực tiếp tại Bộ phận Một cửa"
    assert state["history"][0]["actor"] == "Bộ phận Một cửa nhập: Trần Thị Bình"  # typed in by the desk officer
    # The next paper application starts from the account alone: nothing of this case is copied
    # into it unseen (the portal offers it to a citizen who reads it over; a desk copies paper).
    form = html(client.get(form_path))
    assert 'value="Trần Văn Bảy"' in form and "Xin việc" not in form


def test_postal_intake_needs_the_postal_number_and_a_forged_carry_is_ignored(client, clock, clean_app):
    from app.dossiers.models import Dossier
    clock.set(vn(2026, 11, 23, 9, 0))
    token = as_officer(client, "motcua")
    citizen = _citizen_id(clean_app, "001090000001")  # the demo citizen already has an account
    page = html(client.get("/mot-cua/tiep-nhan?so_cccd=001090000001"))
    assert "Tiếp nhận hồ sơ cho Nguyễn Văn An" in page
    form_path = f"/mot-cua/tiep-nhan/{citizen}/2.000488"
    fields = {"csrf_token": token, "nonce": "n-1", "hinh_thuc": "postal", "action": "submit", **LLTP_FIELDS,
              "tep_da_nhan": "eyJmb3JnZWQiOiB0cnVlfQ.forged", "tep.GTTT": (io.BytesIO(pdf_bytes()), "cccd.pdf")}
    response = client.post(form_path, data=fields, content_type="multipart/form-data")
    assert response.status_code == 422 and "Nhập số hiệu bưu gửi" in html(response)
    response = client.post(form_path, data={**fields, "so_buu_gui": "EB123456789VN",
                                            "tep.GTTT": (io.BytesIO(pdf_bytes()), "cccd.pdf")},
                           content_type="multipart/form-data")
    assert response.status_code == 303 and _count(clean_app, Dossier) == 1
    # The item number is shown again wherever the dossier is: its facts, and the intake in its timeline.
    task_page = html(client.get(response.headers["Location"]))
    assert "<dt>Số hiệu bưu gửi</dt><dd>EB123456789VN</dd>" in task_page
    dossier_path = re.search(r'href="(/mot-cua/ho-so/\d+)"', task_page).group(1)
    dossier_page = html(client.get(dossier_path))
    assert "<dt>Số hiệu bưu gửi</dt><dd>EB123456789VN</dd>" in dossier_page
    # How the result goes back (the intake's default: posted to the sender), for the return step.
    assert "<dt>Trả kết quả</dt><dd>Gửi qua dịch vụ bưu chính công ích đến địa chỉ người gửi</dd>" in dossier_page
    assert re.search(r"Nộp hồ sơ qua dịch vụ bưu chính công ích · [^<]*· số hiệu bưu gửi: EB123456789VN", dossier_page)
    # The desk officer typed it in for the applicant: the timeline does not name them as the sender.
    entered = "Nộp hồ sơ qua dịch vụ bưu chính công ích · Bộ phận Một cửa nhập: Trần Thị Bình"
    assert entered in dossier_page
    # A hostile scan is refused by its content, whatever its name says.
    response = client.post(form_path, data={**fields, "nonce": "n-2", "so_buu_gui": "EB1",
                                            "tep.GTTT": (io.BytesIO(b"<script>alert(1)</script>"), "cccd.pdf")},
                           content_type="multipart/form-data")
    assert response.status_code == 422 and _count(clean_app, Dossier) == 1
    # Another agency's procedure, an unknown citizen, a citizen-only page: refused.
    assert client.get(f"/mot-cua/tiep-nhan/{citizen}/9.999999").status_code == 404
    assert client.get("/mot-cua/tiep-nhan/999999/2.000488").status_code == 404
    assert "phải gồm đúng 12 chữ số" in html(client.get("/mot-cua/tiep-nhan?so_cccd=12ab"))
    as_officer(client, "chuyenvien")
    assert client.get("/mot-cua/tiep-nhan").status_code == 403
    # The applicant reads the same on the portal.
    as_officer(client, "congdan")
    own_page = html(client.get(dossier_path.replace("/mot-cua", "")))
    assert entered in own_page and "· Trần Thị Bình" not in own_page.replace(entered, "")


def test_a_signed_component_shows_its_signature_at_reception(client, clock, clean_app):
    """Bình Định Điều 9.2.b: an electronic certified copy's signature is checked on arrival."""
    from app.signing.sign import sign_pdf
    clock.set(vn(2026, 11, 23, 9, 0))
    with clean_app.app_context():
        certified = sign_pdf(pdf_bytes("Ban sao dien tu"), "000.00.30.H99", "Hoàng Văn Em", "Chứng thực bản sao",
                             "Bình An", clean_app.config, at=vn(2026, 11, 20, 9, 0))
    token = as_officer(client, "motcua")
    citizen = _citizen_id(clean_app, "001090000001")
    response = client.post(f"/mot-cua/tiep-nhan/{citizen}/2.000488", data={
        "csrf_token": token, "nonce": "s-1", "hinh_thuc": "counter", "action": "submit", **LLTP_FIELDS,
        "tep.GTTT": (io.BytesIO(certified), "ban-sao-dien-tu.pdf")}, content_type="multipart/form-data")
    assert response.status_code == 303
    page = html(client.get(response.headers["Location"]))
    assert "Hoàng Văn Em" in page and 'class="signature ok"' in page


def test_the_form_is_filled_with_everything_step_one_recorded(client, clock, clean_app):
    """Audit #9: what the desk typed at step 1 (name, date of birth, address, phone, e-mail) is
    not typed again at step 2; filled the way the portal fills a citizen's own application."""
    clock.set(vn(2026, 11, 23, 9, 0))
    token = as_officer(client, "motcua")
    made = client.post("/mot-cua/tiep-nhan", follow_redirects=True, data={
        "csrf_token": token, "so_cccd": "001085000777", "ho_ten": "Trần Văn Bảy", "ngay_sinh": "02/03/1985",
        "dia_chi": "Số 3 Lê Lai, phường An Bình", "so_dien_thoai": "0905123456", "email": "bay@example.vn"})
    assert made.status_code == 200
    form = html(client.get(f"/mot-cua/tiep-nhan/{_citizen_id(clean_app, '001085000777')}/2.000488"))

    def value(name: str) -> str | None:
        found = re.search(r'<(?:input|textarea)[^>]*name="f\.' + name + r'"[^>]*?(?:value="([^"]*)"[^>]*)?>([^<]*)', form)
        return found and (found.group(1) or found.group(2))

    assert value("ho_ten") == "Trần Văn Bảy" and value("so_cccd") == "001085000777"
    assert value("ngay_sinh") == "1985-03-02"
    assert value("noi_cu_tru") == "Số 3 Lê Lai, phường An Bình"


def test_the_receipt_lists_each_paper_component_as_the_desk_received_it(client, clock, clean_app, api, tmp_path):
    """Mẫu 01 lists the components with the form and count received (the desk's record at intake,
    starting at the catalogue's), not the catalogue's defaults; a wrong count changes nothing."""
    from app.dossiers.models import Dossier
    from tests.workspace.helpers import ACCEPT, pdf_text
    clock.set(vn(2026, 11, 23, 9, 0))
    token = as_officer(client, "motcua")
    citizen = _citizen_id(clean_app, "001090000001")
    form_path = f"/mot-cua/tiep-nhan/{citizen}/2.000488"
    form = html(client.get(form_path))
    assert 'name="hinh_thuc_tp.GTTT"' in form and 'name="so_ban_tp.GTTT"' in form
    nonce = re.search(r'name="nonce" value="([^"]+)"', form).group(1)
    fields = {"csrf_token": token, "nonce": nonce, "hinh_thuc": "counter", "action": "submit", **LLTP_FIELDS,
              "hinh_thuc_tp.GTTT": "ban_chinh", "so_ban_tp.GTTT": "2"}
    bad = client.post(form_path, data={**fields, "so_ban_tp.GTTT": "0",
                                       "tep.GTTT": (io.BytesIO(pdf_bytes("CCCD")), "cccd.pdf")},
                      content_type="multipart/form-data")
    assert bad.status_code == 422 and "Số bản của «Giấy tờ tùy thân" in html(bad) and _count(clean_app, Dossier) == 0
    # A scan refused in the same sending does not hide the wrong count: both are said at once.
    both = html(client.post(form_path, data={**fields, "so_ban_tp.GTTT": "-5",
                                             "tep.GTTT": (io.BytesIO(b"not a pdf"), "cccd.pdf")},
                            content_type="multipart/form-data"))
    assert "Số bản của «Giấy tờ tùy thân" in both and 'id="tep-GTTT-error"' in both and _count(clean_app, Dossier) == 0
    done = client.post(form_path, data={**fields, "tep.GTTT": (io.BytesIO(pdf_bytes("CCCD")), "cccd.pdf")},
                       content_type="multipart/form-data")
    assert done.status_code == 303
    from app.db import db
    with clean_app.app_context():
        dossier_id = db.session.execute(select(func.max(Dossier.id))).scalar()
        db.session.remove()
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT, dossier=dossier_id)
    lines = pdf_text(client.get(f"/mot-cua/ho-so/{dossier_id}/giay-to/mau-01.pdf").data, tmp_path).splitlines()
    form_row = next(line for line in lines if "Tờ khai yêu cầu cấp Phiếu" in line)  # its original: 1
    scan_row = next(line for line in lines if "Giấy tờ tùy thân" in line)
    assert scan_row.rstrip().endswith("2") and len(scan_row.rstrip()) == len(form_row.rstrip()), (form_row, scan_row)


def test_a_citizen_recorded_by_another_desk_a_moment_before_is_not_said_created(client, clock, clean_app,
                                                                              monkeypatch):
    """Two desks type the same new paper at once: the second's insert meets the first's record.
    It is shown, with a warning that what was typed was not kept, never "created"."""
    from app.workspace import intake as desk
    clock.set(vn(2026, 11, 23, 9, 0))
    token = as_officer(client, "motcua")
    fields = {"csrf_token": token, "so_cccd": "001088776655", "ngay_sinh": "02/03/1988",
              "dia_chi": "Số 1 Lê Lai, phường An Bình", "so_dien_thoai": "0911111111"}
    assert "Đã tạo hồ sơ công dân Lê Văn Một" in html(client.post("/mot-cua/tiep-nhan", follow_redirects=True,
                                                                  data={**fields, "ho_ten": "Lê Văn Một"}))
    real, looks = desk.find_citizen, []

    def not_yet(kind, number):  # the second desk looked before the first one's record was there
        looks.append(number)
        return None if len(looks) == 1 else real(kind, number)
    monkeypatch.setattr(desk, "find_citizen", not_yet)
    monkeypatch.setattr(desk, "id_number_taken", lambda kind, number: False)
    page = html(client.post("/mot-cua/tiep-nhan", follow_redirects=True, data={**fields, "ho_ten": "Lê Văn Hai",
                                                        "so_dien_thoai": "0922222222"}))
    assert "vừa được ghi nhận (ở quầy khác) với họ tên Lê Văn Một" in page and "Đã tạo hồ sơ" not in page
    assert "thông tin bạn vừa nhập không được lưu" in page and _citizen_id(clean_app, "001088776655") is not None


def test_a_birth_yesterday_in_viet_nam_is_in_the_past_before_utc_turns_the_day(client, clock, clean_app):
    """00:46 on 28/11 in Việt Nam is still 27/11 in UTC: a baby born on the 27th is recorded."""
    clock.set(datetime(2026, 11, 27, 17, 46, tzinfo=timezone.utc))  # as the wall clock gives it
    token = as_officer(client, "motcua")
    details = {"csrf_token": token, "so_cccd": "001226000123", "ho_ten": "Trần Thị Mai", "dia_chi": "Số 3 Lê Lai",
               "so_dien_thoai": "0905123499"}
    today = client.post("/mot-cua/tiep-nhan", follow_redirects=True, data={**details, "ngay_sinh": "28/11/2026"})
    assert today.status_code == 422 and "Ngày sinh phải là một ngày trong quá khứ" in html(today)
    made = client.post("/mot-cua/tiep-nhan", follow_redirects=True, data={**details, "ngay_sinh": "27/11/2026"})
    assert made.status_code == 200 and _citizen_id(clean_app, "001226000123") is not None


def test_digits_typed_full_width_are_the_same_number(client, clock, clean_app):
    """An input method or a pasted document gives full-width digits (００１…): the same CCCD, found
    as the account it is, never a second account under the same number in other characters."""
    from app.users.identity import id_number_error, normalise_id_number, normalise_phone
    clock.set(vn(2026, 11, 23, 9, 0))
    as_officer(client, "motcua")
    page = html(client.get("/mot-cua/tiep-nhan?so_cccd=００１０ ９０００ ０００１"))
    assert "Tiếp nhận hồ sơ cho Nguyễn Văn An" in page
    assert normalise_id_number("００１０９００００００１") == "001090000001" and id_number_error("００１０９００００００１") is None
    assert id_number_error("٠٠١٠٩٠٠٠٠٠٠١") is not None  # Arabic-Indic digits are no CCCD
    assert normalise_phone("０９１２ ３４５ ６７８") == "0912345678"


@pytest.mark.rule("QT-65")
def test_the_desk_refuses_an_extract_no_2_for_someone_else(client, clock, clean_app):
    clock.set(vn(2026, 11, 23, 9, 0))
    token = as_officer(client, "motcua")
    form_page = f"/mot-cua/tiep-nhan/{_citizen_id(clean_app, '001090000001')}/2.000488"
    sent = client.post(form_page, content_type="multipart/form-data", data={
        "csrf_token": token, "nonce": "n-65", "hinh_thuc": "counter", "action": "submit", **LLTP_FIELDS,
        "f.loai_phieu": "2", "dai_dien": "person", "dai_dien_ho_ten": "Lê Văn Tám", "dai_dien_cccd": "001080000008"})
    assert sent.status_code == 422
    assert "người yêu cầu phải tự nộp hồ sơ, không nộp thay người khác được" in sent.get_data(as_text=True)
