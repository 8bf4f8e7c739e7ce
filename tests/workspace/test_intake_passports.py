"""Counter intake for people whose identity paper is a passport (foreigners residing in Vietnam,
Vietnamese with only a passport): found and recorded by the kind and the number of the paper,
each format rule refused in words; a number is unique within its kind only, and online
registration with a CCCD is not confused by a passport that reads the same."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from tests.conftest import PASSWORD as DEMO_PASSWORD, vn
from tests.web.pages import csrf
from tests.workspace.helpers import as_officer, html

FIND = "/mot-cua/tiep-nhan"
FOREIGNER = {"ho_ten": "Kim Min Jun", "ngay_sinh": "15/04/1990", "quoc_tich": "Hàn Quốc",
             "dia_chi": "Số 9 Nguyễn Huệ, phường An Bình", "so_dien_thoai": "0905123999"}
PASSWORD = "MatKhauMoi2026"


def _search(client, kind: str, number: str):
    return client.get(FIND, query_string={"loai_giay_to": kind, "so_giay_to": number})


def _record(client, token: str, kind: str, number: str, **fields):
    return client.post(FIND, follow_redirects=True,
                       data={"csrf_token": token, "loai_giay_to": kind, "so_giay_to": number, **fields})


def _accounts(app, number: str) -> list[tuple]:
    from app.db import db
    from app.users.models import User
    with app.app_context():
        rows = db.session.execute(select(User.id_kind, User.id_number, User.username, User.nationality, User.full_name)
                                  .where(User.id_number == number).order_by(User.id)).all()
        db.session.remove()
    return [tuple(r) for r in rows]


def _count_users(app) -> int:
    from app.db import db
    from app.users.models import User
    with app.app_context():
        value = db.session.execute(select(func.count(User.id))).scalar()
        db.session.remove()
    return value


def test_each_passport_rule_is_said_and_nothing_is_searched(client, clock, clean_app):
    clock.set(vn(2026, 11, 23, 9, 0))
    as_officer(client, "motcua")
    page = html(client.get(FIND))
    assert 'name="loai_giay_to" value="passport"' in page and "Hộ chiếu" in page
    cases = (("B-123456", "chỉ gồm chữ cái không dấu (A–Z) và chữ số"),
             ("Đ1234567", "chỉ gồm chữ cái không dấu (A–Z) và chữ số"),
             ("ﬀ123456", "chỉ gồm chữ cái không dấu (A–Z) và chữ số"),  # no ligature passes for "FF"
             ("B12", "gồm từ 6 đến 20 chữ cái và chữ số; số đã nhập có 3 ký tự"),
             ("A" * 21, "số đã nhập có 21 ký tự"))
    for typed, message in cases:
        response = _search(client, "passport", typed)
        text = html(response)
        assert response.status_code == 422 and message in text, typed
        assert "Chưa có người nộp" not in text and 'name="ho_ten"' not in text
    # The CCCD keeps its own rule, and a forged kind is named as such.
    assert "phải gồm đúng 12 chữ số" in html(_search(client, "cccd", "B1234567"))
    forged = _search(client, "visa", "B1234567")
    assert forged.status_code == 422 and "Chọn loại giấy tờ tùy thân" in html(forged)


def test_a_passport_holder_is_recorded_found_again_and_activates_with_the_passport_number(
        client, clock, clean_app, mail_sink):
    clock.set(vn(2026, 11, 23, 9, 0))
    token = as_officer(client, "motcua")
    # Spaces as some passports print them, lower case as typed in a hurry: one number.
    found = _search(client, "passport", " m12 345 678 ")
    page = html(found)
    assert found.status_code == 200 and "Chưa có người nộp với số hộ chiếu M12345678" in page
    assert 'name="so_giay_to" value="M12345678"' in page and 'name="quoc_tich"' in page
    # Without the nationality, or a wrong one: refused, nobody recorded.
    for nationality, message in (("", "Vui lòng nhập quốc tịch ghi trong hộ chiếu"),
                                 ("Hàn Quốc 2", "Quốc tịch gồm 2–100 chữ cái")):
        refused = _record(client, token, "passport", "M12345678", **{**FOREIGNER, "quoc_tich": nationality})
        assert refused.status_code == 422 and message in html(refused)
    assert _accounts(clean_app, "M12345678") == []
    made = _record(client, token, "passport", "M12345678", **FOREIGNER, email="minjun@example.kr")
    page = html(made)
    assert made.status_code == 200 and "Tiếp nhận hồ sơ cho Kim Min Jun" in page
    assert "<dt>Số hộ chiếu</dt><dd>M12345678</dd>" in page and "<dt>Quốc tịch</dt><dd>Hàn Quốc</dd>" in page
    assert _accounts(clean_app, "M12345678") == [("passport", "M12345678", "HC-M12345678", "Hàn Quốc", "Kim Min Jun")]
    [mail] = mail_sink.messages
    assert "Tên đăng nhập là số hộ chiếu M12345678." in mail.get_body(preferencelist=("plain",)).get_content()
    # Found again by kind and number, however typed; as a CCCD the number means nothing.
    assert "Tiếp nhận hồ sơ cho Kim Min Jun" in html(_search(client, "passport", "m12345678"))
    # The criminal-record form takes a passport: the paper, its number and the nationality are
    # filled in, the CCCD field is not.
    citizen_path = re.search(r'href="(/mot-cua/tiep-nhan/\d+/2\.000488)"', page).group(1)
    form = html(client.get(citizen_path))
    assert "Số hộ chiếu M12345678" in form and "bắt buộc số định danh cá nhân (CCCD)" not in form
    assert re.search(r'name="f\.quoc_tich"[^>]*value="Hàn Quốc"', form)
    assert re.search(r'name="f\.so_ho_chieu"[^>]*value="M12345678"', form)
    assert re.search(r'name="f\.loai_giay_to"[^>]*value="ho_chieu"[^>]*checked', form)
    assert not re.search(r'name="f\.so_cccd"[^>]*value="M12345678"', form)
    # A form that demands a CCCD (civil-status copies): the desk is told before typing.
    other = html(client.get(citizen_path.replace("2.000488", "2.000635")))
    assert "bắt buộc số định danh cá nhân (CCCD)" in other
    back = re.search(r'href="(/mot-cua/tiep-nhan\?[^"]+)"', form).group(1).replace("&amp;", "&")
    assert "Tiếp nhận hồ sơ cho Kim Min Jun" in html(client.get(back))
    # The owner activates the account from the mail and logs in with the passport number.
    client.post("/dang-xuat", data={"csrf_token": csrf(client, "/mot-cua")})
    link = re.sub(r"^https?://[^/]+", "", mail_sink.links("/dat-lai-mat-khau/")[-1])
    client.post(link, data={"csrf_token": csrf(client, link), "mat_khau": PASSWORD, "nhap_lai_mat_khau": PASSWORD})
    # As printed, or in lower case with the passport's spaces: the same number.
    for typed in ("M12345678", "m12 345 678"):
        logged = client.post("/dang-nhap", data={"csrf_token": csrf(client, "/dang-nhap"), "ten_dang_nhap": typed,
                                                 "mat_khau": PASSWORD})
        assert logged.status_code == 303, typed
        assert "<dt>Số hộ chiếu</dt><dd>M12345678</dd>" in html(client.get("/tai-khoan"))
        client.post("/dang-xuat", data={"csrf_token": csrf(client, "/tai-khoan")})


def test_a_number_is_unique_within_its_kind_and_registration_is_not_confused(client, clock, clean_app):
    """A foreign passport may read like a CCCD: the demo citizen's CCCD 001090000001 and a
    passport 001090000001 are two people; registering online a CCCD that a passport at the
    counter reads like opens a new account, with neither one's data."""
    clock.set(vn(2026, 11, 23, 9, 0))
    token = as_officer(client, "motcua")
    searched = html(_search(client, "passport", "001090000001"))
    assert "Chưa có người nộp với số hộ chiếu 001090000001" in searched  # not Nguyễn Văn An
    assert _record(client, token, "passport", "001090000001", **FOREIGNER).status_code == 200
    assert _record(client, token, "passport", "001085000999", **FOREIGNER).status_code == 200
    assert "Tiếp nhận hồ sơ cho Nguyễn Văn An" in html(_search(client, "cccd", "001090000001"))
    assert "Tiếp nhận hồ sơ cho Kim Min Jun" in html(_search(client, "passport", "001090000001"))
    assert [a[0] for a in _accounts(clean_app, "001090000001")] == ["cccd", "passport"]
    # The old links of step 2 (so_cccd=…) still name a CCCD.
    assert "Tiếp nhận hồ sơ cho Nguyễn Văn An" in html(client.get(FIND + "?so_cccd=001090000001"))
    # Online registration with the CCCD 001085000999: a new account, not the counter's passport one.
    client.post("/dang-xuat", data={"csrf_token": csrf(client, "/mot-cua")})
    before = _count_users(clean_app)
    register_token = csrf(client, "/dang-ky")
    registered = client.post("/dang-ky", data={
        "csrf_token": register_token, "ho_ten": "Lê Thị Chín", "ngay_sinh": "1985-02-03", "so_cccd": "001085000999",
        "dia_chi": "Số 1 Lê Lai, phường An Bình", "so_dien_thoai": "0905000999", "email": "chin@example.vn",
        "mat_khau": PASSWORD, "nhap_lai_mat_khau": PASSWORD})
    assert registered.status_code == 200, html(registered)[:1500]
    assert _count_users(clean_app) == before + 1
    assert [a[:3] for a in _accounts(clean_app, "001085000999")] == [
        ("passport", "001085000999", "HC-001085000999"), ("cccd", "001085000999", "001085000999")]


def test_the_database_keeps_one_account_per_kind_and_number(clean_app):
    from sqlalchemy.exc import IntegrityError

    from app.db import db
    from app.users.models import User
    from app.users.passwords import hash_password
    with clean_app.app_context():
        hashed = hash_password(DEMO_PASSWORD)

        def citizen(username, kind):
            return User(username=username, password_hash=hashed, role="citizen", full_name="Kim Min Jun",
                        id_kind=kind, id_number="M12345678")
        db.session.add(citizen("a1", "passport"))
        db.session.add(citizen("a2", "cccd"))  # the same characters, another kind: allowed
        db.session.commit()
        db.session.add(citizen("a3", "passport"))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
        assert db.session.execute(select(User.id_kind).where(User.username == "a2")).scalar() == "cccd"
        db.session.remove()
