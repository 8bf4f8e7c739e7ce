"""A citizen recorded at the counter gets an account they can take over: the activation mail
(a real local SMTP server) sets the password and proves the address; registering online with
the same ID number sends that mail again, never a second account; a stranger who knows only
the ID number gets nothing."""
from __future__ import annotations

import re

from sqlalchemy import func, select

from tests.conftest import vn
from tests.web.pages import csrf
from tests.workspace.helpers import as_officer, html

CITIZEN = {"so_cccd": "001085000888", "ho_ten": "Đặng Thị Tám", "ngay_sinh": "02/03/1985",
           "dia_chi": "Số 8 Lê Lai, phường An Bình", "so_dien_thoai": "0905123888"}
PASSWORD = "MatKhauMoi2026"


def _record(client, **extra):
    token = as_officer(client, "motcua")
    made = client.post("/mot-cua/tiep-nhan", follow_redirects=True, data={"csrf_token": token, **CITIZEN, **extra})
    assert made.status_code == 200, html(made)[:2000]
    # Recorded, then to the citizen's page by its own address: Back and Reload send nothing again.
    assert [r.status_code for r in made.history] == [303] and made.request.method == "GET"
    assert made.request.args["so_giay_to"] == {**CITIZEN, **extra}["so_cccd"]
    return html(made)


def _activation_path(mail_sink) -> str:
    """The path of the last mailed activation link (the app's own pages, on the test client)."""
    return re.sub(r"^https?://[^/]+", "", mail_sink.links("/dat-lai-mat-khau/")[-1])


def _log_in(client, name: str, password: str):
    token = csrf(client, "/dang-nhap")
    return client.post("/dang-nhap", data={"csrf_token": token, "ten_dang_nhap": name, "mat_khau": password})


def _register(client, **changes):
    token = csrf(client, "/dang-ky")
    fields = {"csrf_token": token, "ho_ten": CITIZEN["ho_ten"], "ngay_sinh": "1985-03-02",
              "so_cccd": CITIZEN["so_cccd"], "dia_chi": CITIZEN["dia_chi"], "so_dien_thoai": CITIZEN["so_dien_thoai"],
              "email": "tam@example.vn", "mat_khau": PASSWORD, "nhap_lai_mat_khau": PASSWORD, **changes}
    return client.post("/dang-ky", data=fields)


def _users(app) -> int:
    from app.db import db
    from app.users.models import User
    with app.app_context():
        count = db.session.execute(select(func.count(User.id))).scalar()
        db.session.remove()
    return count


def test_the_activation_mail_sets_the_password_and_opens_the_account(client, clock, clean_app, mail_sink):
    clock.set(vn(2026, 11, 23, 9, 0))
    page = _record(client, email="tam@example.vn")
    assert "gửi thư kích hoạt tài khoản tới tam@example.vn" in page
    [mail] = mail_sink.messages
    body = mail.get_body(preferencelist=("plain",)).get_content()
    assert mail["Subject"] == "Kích hoạt tài khoản Cổng Dịch vụ công"
    assert "Sở Tư pháp tỉnh Bình An đã lập tài khoản" in body and "001085000888" in body
    client.post("/dang-xuat", data={"csrf_token": csrf(client, "/mot-cua")})
    assert _log_in(client, "001085000888", PASSWORD).status_code == 401  # no password yet
    clock.set(vn(2026, 11, 27, 20, 0))  # days later, at home: the link lasts a week
    link = _activation_path(mail_sink)
    token = csrf(client, link)
    done = client.post(link, data={"csrf_token": token, "mat_khau": PASSWORD, "nhap_lai_mat_khau": PASSWORD})
    assert done.status_code == 303
    logged = _log_in(client, "001085000888", PASSWORD)
    assert logged.status_code == 303 and logged.headers["Location"] == "/ho-so"
    # Used once: the same link again is refused.
    assert client.get(link).status_code == 303


def test_registering_online_sends_the_activation_to_the_address_given_at_the_counter(client, clock, clean_app,
                                                                                      mail_sink):
    clock.set(vn(2026, 11, 23, 9, 0))
    _record(client, email="tam@example.vn")
    client.post("/dang-xuat", data={"csrf_token": csrf(client, "/mot-cua")})
    before = _users(clean_app)
    stranger = _register(client, email="ke-gian@example.vn")
    assert stranger.status_code == 422
    assert "đã có tài khoản do Bộ phận Một cửa lập" in html(stranger)
    assert len(mail_sink.messages) == 1  # nothing went to the stranger
    owner = _register(client)
    assert owner.status_code == 200 and "Thư kích hoạt đã được gửi tới tam@example.vn" in html(owner)
    assert len(mail_sink.messages) == 2 and mail_sink.messages[-1]["To"] == "tam@example.vn"
    assert _users(clean_app) == before  # the same account, never a second one
    assert _log_in(client, "001085000888", PASSWORD).status_code == 401  # the typed password was not kept
    link = _activation_path(mail_sink)
    token = csrf(client, link)
    client.post(link, data={"csrf_token": token, "mat_khau": PASSWORD, "nhap_lai_mat_khau": PASSWORD})
    assert _log_in(client, "tam@example.vn", PASSWORD).status_code == 303


def test_without_an_email_the_desk_says_the_account_cannot_be_activated_yet(client, clock, clean_app, mail_sink):
    clock.set(vn(2026, 11, 23, 9, 0))
    page = _record(client)
    assert "Chưa có địa chỉ thư điện tử nên chưa kích hoạt được tài khoản" in page
    assert mail_sink.messages == []
    client.post("/dang-xuat", data={"csrf_token": csrf(client, "/mot-cua")})
    refused = _register(client)
    assert refused.status_code == 422 and "đề nghị Bộ phận Một cửa bổ sung" in html(refused)


def test_the_desk_adds_an_address_later_and_the_activation_goes_there(client, clock, clean_app, mail_sink):
    clock.set(vn(2026, 11, 23, 9, 0))
    _record(client)
    token = csrf(client, "/mot-cua/tiep-nhan?so_cccd=001085000888")
    citizen_page = html(client.get("/mot-cua/tiep-nhan?so_cccd=001085000888"))
    action = re.search(r'action="(/mot-cua/tiep-nhan/\d+/thu-dien-tu)"', citizen_page).group(1)
    for bad, message in (("", "Nhập địa chỉ thư điện tử"), ("khong-phai-email", "không hợp lệ"),
                         ("congdan@binhan.example.vn", "đã thuộc về tài khoản khác")):
        refused = client.post(action, data={"csrf_token": token, "email": bad})
        assert refused.status_code == 422 and message in html(refused), bad
    assert mail_sink.messages == []
    done = client.post(action, data={"csrf_token": token, "email": "Tam.Moi@Example.vn"})
    assert done.status_code == 303
    assert "gửi thư kích hoạt tài khoản tới tam.moi@example.vn" in html(client.get(done.headers["Location"]))
    assert [m["To"] for m in mail_sink.messages] == ["tam.moi@example.vn"]
    # A wrong address corrected: the first link stops working, the new one activates.
    first = _activation_path(mail_sink)
    client.post(action, data={"csrf_token": token, "email": "tam@example.vn"})
    client.post("/dang-xuat", data={"csrf_token": csrf(client, "/mot-cua")})
    assert client.get(first).status_code == 303  # back to "forgot password": the link is void
    link = _activation_path(mail_sink)
    client.post(link, data={"csrf_token": csrf(client, link), "mat_khau": PASSWORD, "nhap_lai_mat_khau": PASSWORD})
    assert _log_in(client, "tam@example.vn", PASSWORD).status_code == 303
    # Once activated, the desk no longer changes the owner's address.
    as_officer(client, "motcua")
    assert "Gửi thư kích hoạt" not in html(client.get("/mot-cua/tiep-nhan?so_cccd=001085000888"))
    refused = client.post(action, data={"csrf_token": csrf(client, "/mot-cua"), "email": "khac@example.vn"})
    assert refused.status_code == 403 and "đã được công dân kích hoạt" in html(refused)



def test_a_cccd_number_and_a_date_of_birth_that_disagree_on_the_year_are_refused(client, clock, clean_app):
    """Thông tư 59/2021/TT-BCA: digits 4-6 of the number encode the year of birth, so a mistyped
    number or date is caught at the counter, keeping what was typed and recording nobody."""
    clock.set(vn(2026, 11, 23, 9, 0))
    before = _users(clean_app)
    token = as_officer(client, "motcua")
    refused = client.post("/mot-cua/tiep-nhan", follow_redirects=True, data={"csrf_token": token, **CITIZEN, "ngay_sinh": "02/03/1990"})
    page = " ".join(html(refused).split())
    assert refused.status_code == 422
    assert "Số định danh cá nhân 001085000888 ghi năm sinh 1985 (chữ số thứ 4 đến 6), khác năm sinh đã nhập " \
           "(1990)" in page
    assert 'value="02/03/1990"' in page and _users(clean_app) == before
    # A woman born in 2003: the century digit is 3 (21st century, female), and the year agrees.
    assert _record(client, so_cccd="001303000888", ngay_sinh="02/03/2003")
    assert _users(clean_app) == before + 1
