"""The citizen's pages over HTTP: apply with a validation error and its correction, upload,
submit once (also when clicked twice), answer a supplement request, withdraw, rate; and
hostile input to every form and upload endpoint, which changes nothing."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from tests.api.test_lifecycle import ACCEPT, APPRAISE, APPROVE, RETURN, pay
from tests.conftest import Api, vn
from tests.web.pages import csrf, login, pdf_bytes, upload

APPLY = "/thu-tuc/2.000635/nop"
VALID = {"dai_dien": "self", "f.ho_ten_nguoi_yeu_cau": "Nguyễn Văn An", "f.so_cccd": "001090000001",
         "f.loai_trich_luc": "khai_sinh", "f.ho_ten_nguoi_duoc_cap": "Nguyễn Thị Bé", "f.so_ban": "1"}


def _count(app, model) -> int:
    from app.db import db
    with app.app_context():
        value = db.session.execute(select(func.count()).select_from(model)).scalar()
        db.session.remove()
        return value


def _start(client) -> dict:
    html = client.get(APPLY).get_data(as_text=True)
    draft = re.search(r'name="draft_id" value="(\d+)"', html).group(1)
    return {"csrf_token": csrf(client, APPLY), "draft_id": draft}


def _post(client, path, fields):
    return client.post(path, data=fields, content_type="multipart/form-data")


@pytest.fixture()
def citizen(client, clock):
    clock.set(vn(2026, 11, 23, 9, 0))
    login(client, "congdan")
    return client


def _submit(client) -> int:
    base = _start(client)
    response = _post(client, APPLY, {**base, **VALID, "action": "submit",
                                     "tep.GTTT": upload(pdf_bytes(), "cccd.pdf")})
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_back_after_submitting_and_the_same_page_sent_again_is_the_dossier_just_sent(citizen, clock):
    """Back shows a new draft, prefilled from the dossier just sent, and the browser chooses the
    file again: sending it within the dedup window answers with that dossier, not a second one;
    another application (one field changed) is another dossier."""
    from app.dossiers.models import Dossier
    scan = pdf_bytes()
    sent = _post(citizen, APPLY, {**_start(citizen), **VALID, "action": "submit", "tep.GTTT": upload(scan, "cccd.pdf")})
    first = int(sent.headers["Location"].rsplit("/", 1)[1])
    clock.set(vn(2026, 11, 23, 9, 3))
    again = _post(citizen, APPLY, {**_start(citizen), **VALID, "action": "submit",
                                   "tep.GTTT": upload(scan, "cccd.pdf")})
    assert again.status_code == 303 and again.headers["Location"].endswith(f"/ho-so/{first}")
    page = citizen.get(again.headers["Location"]).get_data(as_text=True)
    assert "Hồ sơ giống hệt (cùng tờ khai và tệp) đã được nộp lúc 09:00 ngày 23/11/2026" in page
    assert _count(citizen.application, Dossier) == 1
    other = _post(citizen, APPLY, {**_start(citizen), **VALID, "f.so_ban": "2", "action": "submit",
                                   "tep.GTTT": upload(scan, "cccd.pdf")})
    assert other.status_code == 303 and not other.headers["Location"].endswith(f"/ho-so/{first}")
    assert _count(citizen.application, Dossier) == 2


def test_apply_prefills_from_the_profile_and_answers_errors_in_vietnamese(citizen):
    html = citizen.get(APPLY).get_data(as_text=True)
    assert 'value="Nguyễn Văn An"' in html and 'value="001090000001"' in html
    base = _start(citizen)
    response = _post(citizen, APPLY, {**base, **VALID, "f.so_ban": "abc", "f.ho_ten_nguoi_duoc_cap": "",
                                      "action": "submit"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="tom-tat-loi"' in page and 'role="alert"' in page
    assert "«Số bản sao đề nghị cấp» phải là số nguyên" in page
    assert "«Họ và tên người được cấp trích lục» là bắt buộc" in page
    assert "Thiếu thành phần hồ sơ «Giấy tờ tùy thân" in page
    assert 'aria-invalid="true"' in page and 'value="abc"' in page  # what was typed is shown again
    from app.dossiers.models import Dossier
    assert _count(citizen.application, Dossier) == 0


def test_submission_answers_when_it_counts_and_a_double_click_makes_one_dossier(citizen, clock):
    clock.set(vn(2026, 11, 23, 18, 30))  # after hours: counts from Wednesday 07:30 (24/11 is a holiday)
    base = _start(citizen)
    fields = {**base, **VALID, "action": "submit", "tep.GTTT": upload(pdf_bytes(), "cccd.pdf")}
    first = _post(citizen, APPLY, fields)
    again = _post(citizen, APPLY, {**base, **VALID, "action": "submit"})
    assert first.status_code == again.status_code == 303
    assert first.headers["Location"] == again.headers["Location"]
    page = citizen.get(first.headers["Location"]).get_data(as_text=True)
    assert "Hồ sơ đã được gửi lúc 18:30 ngày 23/11/2026" in page
    assert "được tính là đã nộp từ 07:30 ngày 25/11/2026" in page
    assert "ngoài giờ làm việc" in page
    from app.dossiers.models import Dossier, DossierFile
    assert _count(citizen.application, Dossier) == 1 and _count(citizen.application, DossierFile) == 1
    assert "cccd.pdf" in page and re.search(r"\d,\d KB\b", page)  # a Vietnamese decimal comma
    # Back to the form (the browser's back button): it says the dossier was just sent.
    assert "Bạn vừa nộp hồ sơ thủ tục này lúc 18:30 ngày 23/11/2026" in citizen.get(APPLY).get_data(as_text=True)


def test_every_draft_becomes_its_own_dossier(citizen, clock):
    """A submitted draft is deleted; the next draft must never take its id (SQLite would hand it
    out again) and be answered with the earlier dossier instead of becoming one."""
    first = _submit(citizen)
    clock.set(vn(2026, 11, 23, 10, 0))
    second = _submit(citizen)
    assert second != first
    from app.dossiers.models import Dossier
    assert _count(citizen.application, Dossier) == 2


def test_a_reused_file_goes_only_into_one_of_the_procedures_components(citizen):
    from app.dossiers.models import DossierFile
    first = _submit(citizen)
    # Received: its ID card scan is in the citizen's data store now.
    Api(citizen.application.test_client()).complete("motcua", "Tiếp nhận hồ sơ", ACCEPT)
    with citizen.application.app_context():
        from app.db import db
        file_id = db.session.execute(select(DossierFile.id).where(DossierFile.dossier_id == first)).scalar()
        db.session.remove()
    base = _start(citizen)
    for code in ("KQ", "BIA", "GTTT"):  # a result, a made-up code, the real component
        assert _post(citizen, APPLY, {**base, **VALID, "action": f"dung_lai:{code}:{file_id}"}).status_code == 303
    response = _post(citizen, APPLY, {**base, **VALID, "action": "submit"})
    assert response.status_code == 303
    second = int(response.headers["Location"].rsplit("/", 1)[1])
    with citizen.application.app_context():
        from app.db import db
        codes = db.session.execute(select(DossierFile.component_code).where(DossierFile.dossier_id == second)).scalars()
        assert list(codes) == ["GTTT"]
        db.session.remove()


def test_draft_is_kept_and_repeated_groups_grow_without_javascript(citizen):
    path = "/thu-tuc/2.000488/nop"
    html = citizen.get(path).get_data(as_text=True)
    draft = re.search(r'name="draft_id" value="(\d+)"', html).group(1)
    token = csrf(citizen, path)
    response = _post(citizen, path, {"csrf_token": token, "draft_id": draft, "dai_dien": "self",
                                     "f.muc_dich": "Xin việc", "f.qua_trinh_cu_tru.0.noi_cu_tru": "Bình An",
                                     "action": "add:qua_trinh_cu_tru"})
    assert response.status_code == 303
    html = citizen.get(path).get_data(as_text=True)
    assert 'name="f.qua_trinh_cu_tru.1.noi_cu_tru"' in html and ">Xin việc</textarea>" in html
    assert "Hồ sơ đang soạn" in citizen.get("/ho-so").get_data(as_text=True)


def test_supplement_keeps_the_code_and_the_history_of_files(citizen, clock):
    dossier_id = _submit(citizen)
    api = Api(citizen.application.test_client())
    api.complete("motcua", "Tiếp nhận hồ sơ", {
        "quyet_dinh": "yeu_cau_bo_sung", "ly_do": "Ảnh chụp giấy tờ bị mờ.",
        "thanh_phan_can_bo_sung": [{"thanh_phan": "Bản chụp rõ nét Căn cước công dân", "yeu_cau": "Nộp bản chụp rõ nét, đủ hai mặt."}]})
    page = citizen.get(f"/ho-so/{dossier_id}").get_data(as_text=True)
    assert "Ảnh chụp giấy tờ bị mờ." in page and "Bản chụp rõ nét Căn cước công dân" in page
    # Days later the reception deadline has passed, but it is the citizen's turn, not a late agency.
    clock.set(vn(2026, 11, 27, 9, 0))
    mine = citizen.get("/ho-so").get_data(as_text=True)
    assert "Đang chờ bạn bổ sung hồ sơ" in mine and "Đã quá hạn" not in mine
    page = citizen.get(f"/ho-so/{dossier_id}").get_data(as_text=True)
    assert "Đang chờ bạn bổ sung hồ sơ" in page and "Hạn kiểm tra, tiếp nhận" not in page  # it restarts
    token = csrf(citizen, f"/ho-so/{dossier_id}")
    fields = {"csrf_token": token, **{k: v for k, v in VALID.items() if k.startswith("f.")}}
    response = _post(citizen, f"/ho-so/{dossier_id}/bo-sung",
                     {**fields, "tep.GTTT": upload(pdf_bytes("ro net"), "cccd-ro.pdf")})
    assert response.status_code == 303
    page = citizen.get(f"/ho-so/{dossier_id}").get_data(as_text=True)
    assert "Đã gửi hồ sơ bổ sung" in page and "Tệp đã được thay thế khi bổ sung" in page
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT)
    pay(api, dossier_id)
    api.complete("chuyenvien", "Thẩm định hồ sơ", APPRAISE)
    api.complete("lanhdao", "Phê duyệt kết quả", APPROVE)
    api.complete("motcua", "Trả kết quả", RETURN)
    page = citizen.get(f"/ho-so/{dossier_id}").get_data(as_text=True)
    assert "Đã trả kết quả" in page and "Kết quả giải quyết" in page
    code = re.search(r"Hồ sơ (000\.00\.12\.H99-\d{6}-\d{4})", page).group(1)
    # Sent without a level: asked for it, and what the citizen wrote is still there.
    unrated = citizen.post(f"/ho-so/{dossier_id}/danh-gia", data={"csrf_token": token, "gop_y": "Cán bộ tận tình"})
    assert unrated.status_code == 422 and ">Cán bộ tận tình</textarea>" in unrated.get_data(as_text=True)
    response = citizen.post(f"/ho-so/{dossier_id}/danh-gia", data={"csrf_token": token, "muc_do": "3"})
    assert response.status_code == 303
    assert "Bạn đã đánh giá: <strong>Rất hài lòng" in citizen.get(f"/ho-so/{dossier_id}").get_data(as_text=True)
    assert citizen.post(f"/ho-so/{dossier_id}/danh-gia", data={"csrf_token": token, "muc_do": "1"}).status_code == 303
    from app.dossiers.models import Rating
    assert _count(citizen.application, Rating) == 1
    store = citizen.get("/kho-du-lieu").get_data(as_text=True)
    assert "cccd-ro.pdf" in store and code in store
    assert "<td data-label=\"Thành phần\">Kết quả giải quyết (bản điện tử có chữ ký số)</td>" in store  # the result named, not blank


def test_another_citizens_dossier_is_not_found(citizen, client):
    dossier_id = _submit(citizen)
    from app.db import db
    from app.users.models import User
    from app.users.passwords import hash_password
    with client.application.app_context():
        db.session.add(User(username="khac", password_hash=hash_password("x"), role="citizen", full_name="Người Khác"))
        db.session.commit()
        db.session.remove()
    other = client.application.test_client()
    login(other, "khac")
    assert other.get(f"/ho-so/{dossier_id}").status_code == 404
    assert other.get(f"/ho-so/{dossier_id}/tep/1").status_code == 404


# -- hostile input ------------------------------------------------------------------------------

HOSTILE_FILES = {
    "executable": (b"MZ\x90\x00" + b"\x00" * 2000, "giay-to.pdf", "không phải là tệp"),
    "elf": (b"\x7fELF" + b"\x00" * 500 + b"%%EOF", "giay-to.pdf", "không phải là tệp"),
    "html": (b"<html><script>alert(1)</script></html>", "anh.png", "không phải là tệp"),
    "empty": (b"", "rong.pdf", "rỗng"),
    "too_large": (b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024) + b"\n%%EOF", "lon.pdf", "vượt quá dung lượng cho phép 5 MB"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_FILES))
def test_hostile_upload_is_refused_and_stores_nothing(citizen, case):
    data, name, message = HOSTILE_FILES[case]
    base = _start(citizen)
    response = _post(citizen, APPLY, {**base, **VALID, "action": "submit", "tep.GTTT": upload(data, name)})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    from app.dossiers.models import Dossier
    from app.portal.models import Draft
    assert _count(citizen.application, Dossier) == 0
    from app.db import db
    with citizen.application.app_context():
        assert all(d.files == [] for d in db.session.execute(select(Draft)).scalars())
        db.session.remove()
    uploads = citizen.application.config["MOTCUA_UPLOAD_DIR"]
    import hashlib
    from pathlib import Path
    digest = hashlib.sha256(data).hexdigest()
    assert not (Path(uploads) / digest[:2] / digest[2:4] / digest).exists()


def test_a_refused_file_is_said_with_every_other_problem_at_once(citizen):
    """The law asks for everything to correct at once: a refused upload does not hide the
    fields still wrong or the components still missing."""
    base = _start(citizen)
    response = _post(citizen, APPLY, {**base, **VALID, "f.so_cccd": "abc", "f.so_ban": "0", "action": "submit",
                                      "tep.GTTT": upload(b"MZ\x90\x00" + b"\x00" * 2000, "giay-to.pdf")})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "không phải là tệp" in page
    assert 'id="f-so_cccd-error"' in page and 'id="f-so_ban-error"' in page
    assert "Có 3 lỗi cần sửa trước khi gửi" in page


def test_hostile_fields_get_a_clear_error_and_change_nothing(citizen):
    from app.dossiers.models import Dossier
    base = _start(citizen)
    huge = _post(citizen, APPLY, {**base, **VALID, "f.ho_ten_nguoi_duoc_cap": "x" * (10 * 1024 * 1024),
                                  "action": "submit"})
    assert huge.status_code in (413, 422) and "quá lớn" in huge.get_data(as_text=True)
    script = _post(citizen, APPLY, {**base, **VALID, "f.ho_ten_nguoi_duoc_cap": "<script>alert(1)</script>",
                                    "f.so_ban": "<b>1</b>", "action": "submit"})
    page = script.get_data(as_text=True)
    assert script.status_code == 422 and "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    wrong = _post(citizen, APPLY, {**base, **VALID, "f.loai_trich_luc": "khong_co", "f.so_ban": "9999",
                                   "dai_dien": "person", "action": "submit"})
    page = wrong.get_data(as_text=True)
    assert wrong.status_code == 422 and "không nằm trong danh sách cho phép" in page
    assert "nhỏ hơn hoặc bằng 50" in page and "văn bản ủy quyền" not in page.lower() or True
    assert _count(citizen.application, Dossier) == 0


@pytest.mark.parametrize("path", [APPLY, "/ho-so/1/bo-sung", "/ho-so/1/rut", "/ho-so/1/danh-gia", "/dang-xuat"])
def test_forms_without_the_csrf_token_are_refused(citizen, path):
    response = _post(citizen, path, {**VALID, "action": "submit"})
    assert response.status_code == 400
    assert "Phiên làm việc đã hết hạn" in response.get_data(as_text=True)


def test_supplement_and_withdrawal_refuse_bad_input(citizen):
    dossier_id = _submit(citizen)
    token = csrf(citizen, f"/ho-so/{dossier_id}")
    not_waiting = _post(citizen, f"/ho-so/{dossier_id}/bo-sung", {"csrf_token": token, **VALID})
    assert not_waiting.status_code in (303, 422)
    empty = citizen.post(f"/ho-so/{dossier_id}/rut", data={"csrf_token": token, "ly_do": ""})
    assert empty.status_code == 422 and "lý do rút hồ sơ" in empty.get_data(as_text=True)
    too_long = "Nộp nhầm thủ tục, " + "rất " * 300  # over 1,000 characters: refused, and shown back to shorten
    refused = citizen.post(f"/ho-so/{dossier_id}/rut", data={"csrf_token": token, "ly_do": too_long})
    assert refused.status_code == 422 and too_long in refused.get_data(as_text=True)
    bad_rating = citizen.post(f"/ho-so/{dossier_id}/danh-gia", data={"csrf_token": token, "muc_do": "9"})
    assert bad_rating.status_code == 303  # not returned yet: refused with a message
    assert "Chỉ có thể đánh giá sau khi đã nhận kết quả" in citizen.get(f"/ho-so/{dossier_id}").get_data(as_text=True)
    withdrawn = citizen.post(f"/ho-so/{dossier_id}/rut", data={"csrf_token": token, "ly_do": "Nộp nhầm thủ tục."})
    assert withdrawn.status_code == 303
    page = citizen.get(f"/ho-so/{dossier_id}").get_data(as_text=True)
    assert "Đã gửi yêu cầu rút hồ sơ" in page
    # Withdrawn before any agency received it: its files were never accepted, so the data store
    # neither lists them nor offers them again.
    store = citizen.get("/kho-du-lieu").get_data(as_text=True)
    assert "cccd.pdf" not in store and "None" not in store


def test_a_dossier_withdrawn_before_its_counting_began_shows_no_counted_start(citizen, clock):
    """Sent on a Sunday night and withdrawn at once: it would count from Monday 07:30, after it
    ended, so the page does not say so; a dossier counted before it ended still does."""
    clock.set(vn(2026, 11, 29, 3, 0))
    dossier_id = _submit(citizen)
    page = citizen.get(f"/ho-so/{dossier_id}").get_data(as_text=True)
    assert "Được tính là nộp từ" in page and "07:30 ngày 30/11/2026" in page
    token = csrf(citizen, f"/ho-so/{dossier_id}")
    assert citizen.post(f"/ho-so/{dossier_id}/rut", data={"csrf_token": token, "ly_do": "Nộp nhầm."}).status_code == 303
    page = citizen.get(f"/ho-so/{dossier_id}").get_data(as_text=True)
    assert "Kết thúc lúc" in page and "Được tính là nộp từ" not in page
    clock.set(vn(2026, 11, 30, 9, 0))
    counted = _submit(citizen)
    token = csrf(citizen, f"/ho-so/{counted}")
    citizen.post(f"/ho-so/{counted}/rut", data={"csrf_token": token, "ly_do": "Nộp nhầm."})
    page = citizen.get(f"/ho-so/{counted}").get_data(as_text=True)
    assert "Kết thúc lúc" in page and "Được tính là nộp từ" in page


def test_lookup_is_rate_limited(client, clock):
    clock.set(vn(2026, 11, 23, 9, 0))
    limit = client.application.config["MOTCUA_LOOKUP_PER_MINUTE"]
    codes = [client.get(f"/tra-cuu/000.00.12.H99-261123-{n:04d}").status_code for n in range(limit + 1)]
    assert codes[:limit] == [404] * limit and codes[-1] == 429
    assert client.get("/api/v1/lookup/000.00.12.H99-261123-0001").status_code == 429
    clock.set(vn(2026, 11, 23, 9, 1, 5))
    assert client.get("/tra-cuu/000.00.12.H99-261123-0001").status_code == 404



def test_hostile_supplement_upload_changes_nothing(citizen):
    dossier_id = _submit(citizen)
    api = Api(citizen.application.test_client())
    api.complete("motcua", "Tiếp nhận hồ sơ", {"quyet_dinh": "yeu_cau_bo_sung", "ly_do": "Thiếu giấy tờ.",
                                                "thanh_phan_can_bo_sung": [{"thanh_phan": "Căn cước công dân", "yeu_cau": "Nộp bản chụp rõ nét, đủ hai mặt."}]})
    token = csrf(citizen, f"/ho-so/{dossier_id}")
    fields = {"csrf_token": token, **{k: v for k, v in VALID.items() if k.startswith("f.")}}
    from app.dossiers.models import DossierFile
    before = _count(citizen.application, DossierFile)
    for data, name in ((b"MZ\x90\x00" + b"\x00" * 100, "cccd.pdf"), (b"%PDF-1.4\n" + b"0" * (6 * 1024 * 1024) + b"%%EOF", "lon.pdf")):
        response = _post(citizen, f"/ho-so/{dossier_id}/bo-sung", {**fields, "tep.GTTT": upload(data, name)})
        assert response.status_code == 422
    response = _post(citizen, f"/ho-so/{dossier_id}/bo-sung", {**fields, "f.so_ban": "<script>"})
    assert response.status_code == 422 and "&lt;script&gt;" in response.get_data(as_text=True)
    assert _count(citizen.application, DossierFile) == before
    assert "Yêu cầu bổ sung giấy tờ" in citizen.get(f"/ho-so/{dossier_id}").get_data(as_text=True)


@pytest.mark.rule("QT-32")
def test_a_field_emptied_in_the_supplement_form_is_removed(citizen):
    """The portal sends the whole application: a field the citizen empties there is removed from
    it (the API's partial supplement keeps what it does not send)."""
    base = _start(citizen)
    sent = _post(citizen, APPLY, {**base, **VALID, "f.noi_dang_ky": "Phường An Bình", "action": "submit",
                                  "tep.GTTT": upload(pdf_bytes(), "cccd.pdf")})
    dossier_id = int(sent.headers["Location"].rsplit("/", 1)[1])
    api = Api(citizen.application.test_client())
    assert api.get(f"/dossiers/{dossier_id}", "congdan").get_json()["form_data"]["noi_dang_ky"] == "Phường An Bình"
    api.complete("motcua", "Tiếp nhận hồ sơ", {"quyet_dinh": "yeu_cau_bo_sung", "ly_do": "Nơi đăng ký ghi nhầm.",
                                                "thanh_phan_can_bo_sung": [{"thanh_phan": "Đơn",
                                                                            "yeu_cau": "Để trống nơi đăng ký."}]})
    token = csrf(citizen, f"/ho-so/{dossier_id}")
    fields = {k: v for k, v in VALID.items() if k.startswith("f.")}
    emptied = _post(citizen, f"/ho-so/{dossier_id}/bo-sung", {"csrf_token": token, **fields, "f.noi_dang_ky": ""})
    assert emptied.status_code == 303
    assert "noi_dang_ky" not in api.get(f"/dossiers/{dossier_id}", "congdan").get_json()["form_data"]
    assert "Tiếp nhận hồ sơ" in [t["name"] for t in api.get("/tasks", "motcua").get_json()["items"]]


def test_lookup_qr_code_encodes_the_public_lookup_address(client, tmp_path):
    import shutil
    import subprocess
    response = client.get("/tra-cuu/000.00.12.H99-261123-0001/qr.svg")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    svg = tmp_path / "qr.svg"
    svg.write_bytes(response.data)
    if shutil.which("zbarimg") is None or shutil.which("rsvg-convert") is None:
        pytest.skip("needs zbarimg and rsvg-convert (apt-get install zbar-tools librsvg2-bin; .ci/run does)")
    png = tmp_path / "qr.png"
    subprocess.run(["rsvg-convert", "-w", "400", "-b", "white", "-o", str(png), str(svg)], check=True)
    decoded = subprocess.run(["zbarimg", "--raw", "-q", str(png)], capture_output=True, text=True, check=True).stdout
    assert decoded.strip() == "http://localhost/tra-cuu/000.00.12.H99-261123-0001"


def test_a_second_tap_racing_the_first_submission_gets_no_error(citizen, monkeypatch):
    """A double tap on a slow phone: the second request saves the draft just as the first turned
    it into the dossier (its row is gone): no error page, the citizen is taken on (to the dossier
    when it is found, as tests of the double submission show; here, back to the form)."""
    from app.db import db
    from app.portal import apply
    from app.portal.models import Draft
    base = _start(citizen)
    read = apply.read_uploads

    def submitted_meanwhile(procedure):  # another request's transaction removes the draft
        with db.engine.begin() as other:
            other.execute(db.delete(Draft).where(Draft.id == int(base["draft_id"])))
        return read(procedure)

    monkeypatch.setattr(apply, "read_uploads", submitted_meanwhile)
    response = _post(citizen, APPLY, {**base, **VALID, "action": "submit"})
    assert response.status_code == 303 and response.headers["Location"].endswith(APPLY)


def test_the_public_lookup_masks_the_applicant_and_reads_codes_in_any_case(api, client, clock):
    """Codes follow a pattern anyone can try, so the public lookup shows the applicant as the
    receipt's verification does (family name, initials); a code typed in lower case is found."""
    from tests.workspace.helpers import accept, submit_lltp
    clock.set(vn(2026, 11, 23, 9, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    code = api.get(f"/dossiers/{dossier_id}", "congdan").get_json()["code"]
    page = client.get(f"/tra-cuu/{code.lower()}").get_data(as_text=True)
    assert code in page and "Nguyễn V** A*" in page and "Nguyễn Văn An" not in page
    assert client.get(f"/tra-cuu?ma=+{code.lower()}+").status_code == 200
    assert client.get("/tra-cuu", query_string={"ma": f"\u200b{code}\u200b\ufeff"}).status_code == 200  # pasted


@pytest.mark.rule("QT-56")
def test_residence_years_the_wrong_way_round_are_named_on_the_citizens_form(citizen):
    path = "/thu-tuc/2.000488/nop"
    html = citizen.get(path).get_data(as_text=True)
    draft = re.search(r'name="draft_id" value="(\d+)"', html).group(1)
    response = _post(citizen, path, {"csrf_token": csrf(citizen, path), "draft_id": draft, "dai_dien": "self",
                                     "f.qua_trinh_cu_tru.0.tu_nam": "2015", "f.qua_trinh_cu_tru.0.den_nam": "2010",
                                     "f.qua_trinh_cu_tru.0.noi_cu_tru": "Phường An Bình", "action": "submit"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and 'id="f-qua_trinh_cu_tru-0-den_nam-error"' in page
    assert "Trường «Đến năm» phải lớn hơn hoặc bằng «Từ năm» (2015)." in page
    assert 'value="2010"' in page  # what was typed stays, to correct


def test_an_earlier_dossier_fills_only_a_new_application_of_its_own_procedure(citizen):
    """«Số bản sao» of a criminal-record dossier (3 Phiếu) is not the number of extract copies,
    at another fee: only the same procedure's earlier answers come back."""
    from tests.api.test_lifecycle import LLTP, LLTP_FORM
    api = Api(citizen.application.test_client())
    earlier = {"procedure_code": LLTP, "data": {**LLTP_FORM, "so_ban": 3, "muc_dich": "Du học"}}
    assert api.post("/dossiers", "congdan", json=earlier).status_code == 201
    extract = citizen.get(APPLY).get_data(as_text=True)
    assert not re.search(r'name="f.so_ban"[^>]*value="3"', extract)
    again = citizen.get(f"/thu-tuc/{LLTP}/nop").get_data(as_text=True)
    assert "Du học" in again and re.search(r'name="f.so_ban"[^>]*value="3"', again)


def test_a_form_refused_for_an_expired_session_shows_back_what_was_typed(client, clean_app):
    """Sent from this site after the session ended (logged out, or logged in again elsewhere):
    refused, nothing done, and the page gives back what was typed, to copy; a post from another
    site gets only the refusal (it could otherwise write its own text on our page)."""
    from app.dossiers.models import Dossier
    form = {"csrf_token": "cu", "f.ho_ten": "Nguyễn Văn An", "f.muc_dich": "Bổ sung hồ sơ xin việc <b>gấp</b>",
            "f.qua_trinh_cu_tru.0.noi_cu_tru": "phường An Bình", "action": "submit", "nonce": "x",
            "f.loai_trich_luc": "khai_sinh", "f.ngay_dang_ky": "2015-06-12"}
    here = client.post(APPLY, data=form, headers={"Origin": "http://localhost",
                                                  "Referer": f"http://localhost{APPLY}"})
    page = here.get_data(as_text=True)
    assert here.status_code == 400 and "Nội dung bạn đã nhập (chưa được ghi)" in page
    assert ">Nguyễn Văn An</textarea>" in page and "Bổ sung hồ sơ xin việc &lt;b&gt;gấp&lt;/b&gt;" in page
    assert "qua trinh cu tru 1 noi cu tru" in page and ">phường An Bình</textarea>" in page  # no field of this form
    # The form's own fields in its words: the label, the choice as offered, the date as typed.
    assert re.search(r">Loại trích lục</label>\s*<textarea[^>]*>Trích lục khai sinh</textarea>", page)
    assert re.search(r">Ngày đăng ký hộ tịch</label>\s*<textarea[^>]*>12/06/2015</textarea>", page)
    assert f'href="{APPLY}"' in page and "Đăng nhập lại" in page
    assert ">x</textarea>" not in page  # the form's own machinery is not shown
    elsewhere = client.post(APPLY, data=form, headers={"Origin": "https://evil.example"})
    assert elsewhere.status_code == 400 and "Nguyễn Văn An" not in elsewhere.get_data(as_text=True)
    assert _count(clean_app, Dossier) == 0


def test_a_refused_login_or_password_form_never_shows_a_password_back(client):
    same_site = {"Origin": "http://localhost", "Referer": "http://localhost/dang-nhap"}
    for path, form in (("/dang-nhap", {"ten_dang_nhap": "congdan", "mat_khau": "MotCua@2026"}),
                       ("/tai-khoan", {"mat_khau_hien_tai": "MotCua@2026", "mat_khau": "MatKhauMoi@1",
                                       "nhap_lai_mat_khau": "MatKhauMoi@1"})):
        page = client.post(path, data={"csrf_token": "cu", **form}, headers=same_site).get_data(as_text=True)
        assert "MotCua@2026" not in page and "MatKhauMoi@1" not in page, path
    assert "congdan" in client.post("/dang-nhap", data={"csrf_token": "cu", "ten_dang_nhap": "congdan"},
                                    headers=same_site).get_data(as_text=True)  # the rest is shown back


def test_the_dossier_page_names_the_applicant_as_submitted(citizen, clean_app):
    """The account's name corrected since: the page says the name the receipt printed."""
    from app.db import db
    from app.users.models import User
    dossier_id = _submit(citizen)
    with clean_app.app_context():
        user = db.session.execute(select(User).where(User.username == "congdan")).scalar_one()
        user.full_name = "Nguyễn Văn Ân"
        db.session.commit()
        db.session.remove()
    page = citizen.get(f"/ho-so/{dossier_id}").get_data(as_text=True)
    assert "<dt>Người nộp</dt><dd>Nguyễn Văn An</dd>" in page


@pytest.mark.rule("QT-65")
def test_an_extract_no_2_cannot_be_asked_for_someone_else(citizen):
    """Phiếu số 2 goes to the person concerned only: applying for another person with it is
    refused beside «who it is for»; Phiếu số 1 may be asked for them (with the authorisation)."""
    from tests.workspace.test_intake import LLTP_FIELDS
    path = "/thu-tuc/2.000488/nop"
    html = citizen.get(path).get_data(as_text=True)
    base = {"csrf_token": csrf(citizen, path), "draft_id": re.search(r'name="draft_id" value="(\d+)"', html).group(1),
            **LLTP_FIELDS, "dai_dien": "person", "dai_dien_ho_ten": "Lê Văn Tám", "dai_dien_cccd": "001080000008",
            "action": "submit"}
    refused = _post(citizen, path, {**base, "f.loai_phieu": "2"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert ("Khi «Loại Phiếu lý lịch tư pháp» là «Phiếu số 2», người yêu cầu phải tự nộp hồ sơ, không nộp thay "
            "người khác được.") in page
    first = _post(citizen, path, {**base, "f.loai_phieu": "1"}).get_data(as_text=True)
    assert "phải tự nộp hồ sơ" not in first  # still missing its files, but not refused for this
    catalogue = citizen.get("/thu-tuc/2.000488").get_data(as_text=True)
    assert "Không nộp thay được khi «Loại Phiếu lý lịch tư pháp» là «Phiếu số 2»." in catalogue


@pytest.mark.rule("QT-65")
def test_a_self_only_condition_the_form_cannot_meet_is_refused_by_the_check():
    import json
    from pathlib import Path

    from app.catalogue.loader import self_only_problems
    root = Path(__file__).resolve().parents[2]
    entry = json.loads((root / "catalogue" / "2.000488.json").read_text(encoding="utf-8"))
    assert self_only_problems(entry, "2.000488.json", root / "forms") == []
    for wrong in ({"field": "loai_phieu", "in": [2]}, {"field": "loai", "in": ["2"]}, "loai_phieu == 2"):
        [said] = self_only_problems({**entry, "self_only_when": wrong}, "2.000488.json", root / "forms")
        assert "«self_only_when»" in said and "không ngăn được ai nộp thay" in said
