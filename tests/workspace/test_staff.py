"""Administrators keep the officers' accounts over HTTP: a new officer activated from the mail a
real local SMTP server receives, then working the inbox; bad input refused with nothing saved; a
moved or locked officer's claimed tasks go back to the group and their session ends; the last
administrator cannot be locked out; only administrators see any of it."""
from __future__ import annotations

import re

from sqlalchemy import func, select

from tests.conftest import vn
from tests.web.pages import csrf
from tests.workspace.helpers import SEARCH, accept, as_officer, html, submit_lltp
from tests.workspace.test_counter_accounts import PASSWORD, _activation_path, _log_in

NEW = {"ten_dang_nhap": "dothihoa.stp", "ho_ten": "Đỗ Thị Hoa", "email": "hoa.stp@binhan.example.vn",
       "vai_tro": "specialist", "chuc_vu": "Chuyên viên Phòng Hộ tịch"}


def _agency_id(app, code: str) -> int:
    from app.agencies.models import Agency
    from app.db import db
    with app.app_context():
        found = db.session.execute(select(Agency.id).where(Agency.code == code)).scalar()
        db.session.remove()
    return found


def _officer(app, username: str):
    from app.db import db
    from app.users.models import User
    with app.app_context():
        user = db.session.execute(select(User).where(User.username == username)).scalar()
        found = (user.id, user.role, user.agency_id, user.active) if user else None
        db.session.remove()
    return found


def _count(app) -> int:
    from app.db import db
    from app.users.models import User
    with app.app_context():
        value = db.session.execute(select(func.count(User.id))).scalar()
        db.session.remove()
    return value


def test_an_administrator_opens_an_account_the_officer_activates_and_works_with(client, clock, clean_app,
                                                                                  mail_sink):
    clock.set(vn(2026, 11, 23, 9, 0))
    token = as_officer(client, "admin")
    justice = _agency_id(clean_app, "000.00.12.H99")
    assert "Lê Văn Cường" in html(client.get("/mot-cua/can-bo"))
    before = _count(clean_app)
    # Bad input: every error said at its field, nothing saved.
    bad = client.post("/mot-cua/can-bo/moi", data={"csrf_token": token, "ten_dang_nhap": "Hoa Đỗ", "ho_ten": "H",
                                                   "email": "khong-phai-thu", "vai_tro": "citizen", "co_quan": "999999"})
    page = html(bad)
    assert bad.status_code == 422 and _count(clean_app) == before
    for message in ("Tên đăng nhập gồm 3–64 ký tự", "Chọn vai trò của cán bộ.", "Chọn cơ quan của cán bộ."):
        assert message in page
    taken = client.post("/mot-cua/can-bo/moi", data={"csrf_token": token, **NEW, "ten_dang_nhap": "chuyenvien",
                                                     "email": "chuyenvien@binhan.example.vn", "co_quan": justice})
    assert taken.status_code == 422 and "đã có người dùng" in html(taken) and "đã thuộc về tài khoản khác" in html(taken)
    # A leader signs results above their title: none, and "LÃNH ĐẠO" would be printed instead.
    untitled = client.post("/mot-cua/can-bo/moi", data={"csrf_token": token, **NEW, "co_quan": justice,
                                                        "vai_tro": "leader", "chuc_vu": " "})
    assert untitled.status_code == 422 and "Nhập chức vụ của lãnh đạo" in html(untitled)
    assert _count(clean_app) == before
    made = client.post("/mot-cua/can-bo/moi", data={"csrf_token": token, **NEW, "co_quan": justice})
    assert made.status_code == 303 and _count(clean_app) == before + 1
    page = html(client.get(made.headers["Location"]))
    assert "Đã lập tài khoản cho Đỗ Thị Hoa và gửi thư kích hoạt tới hoa.stp@binhan.example.vn" in page
    assert "Chưa kích hoạt" in page and "Gửi lại thư kích hoạt" in page
    [mail] = mail_sink.messages
    body = mail.get_body(preferencelist=("plain",)).get_content()
    assert mail["Subject"] == "Kích hoạt tài khoản Hệ thống một cửa điện tử"
    assert "vai trò Chuyên viên tại Sở Tư pháp tỉnh Bình An, tên đăng nhập dothihoa.stp" in body
    assert "Chưa kích hoạt" in html(client.get("/mot-cua/can-bo?trang_thai=chua-kich-hoat&q=do thi hoa"))

    # The officer sets a password from the mail and finds the agency's specialist tasks.
    client.post("/dang-xuat", data={"csrf_token": csrf(client, "/mot-cua")})
    assert _log_in(client, "dothihoa.stp", PASSWORD).status_code == 401  # nobody knows a password yet
    link = _activation_path(mail_sink)
    page = " ".join(html(client.get(link)).split())
    assert "<h1>Kích hoạt tài khoản</h1>" in page and "Tên đăng nhập: dothihoa.stp" in page
    assert "Đặt lại mật khẩu" not in page  # a first password, not a reset
    done = client.post(link, data={"csrf_token": csrf(client, link), "mat_khau": PASSWORD,
                                   "nhap_lai_mat_khau": PASSWORD})
    assert done.status_code == 303
    assert "Tài khoản đã được kích hoạt" in html(client.get(done.headers["Location"]))
    logged = _log_in(client, "dothihoa.stp", PASSWORD)
    assert logged.status_code == 303 and logged.headers["Location"] == "/mot-cua"
    assert "Hộp công việc" in html(client.get("/mot-cua"))
    assert client.get("/mot-cua/can-bo").status_code == 403  # an officer does not keep accounts


def test_a_moved_or_locked_officer_gives_back_claimed_tasks_and_is_logged_out(api, client, clock, clean_app):
    clock.set(vn(2026, 11, 23, 9, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    task = api.task("chuyenvien", SEARCH)
    assert api.post(f"/tasks/{task['id']}/claim", "chuyenvien").status_code == 200
    officer = _officer(clean_app, "chuyenvien")
    police = _agency_id(clean_app, "000.00.30.H99")
    as_officer(client, "chuyenvien")  # a session of the officer, to see it end
    assert client.get("/mot-cua").status_code == 200
    admin = clean_app.test_client()
    token = as_officer(admin, "admin")
    form = {"csrf_token": token, "ho_ten": "Lê Văn Cường", "email": "chuyenvien@binhan.example.vn",
            "vai_tro": "specialist", "co_quan": police, "chuc_vu": "", "hoat_dong": "1"}
    moved = admin.post(f"/mot-cua/can-bo/{officer[0]}", data=form)
    assert moved.status_code == 303
    page = html(admin.get(moved.headers["Location"]))
    assert "1 việc cán bộ này đã nhận được trả lại cho nhóm" in page
    # The Sở's only specialist moved: its open appraisal waits for nobody, said at once.
    assert "Cơ quan không còn cán bộ nào khác đang hoạt động có vai trò cũ của cán bộ này: 1 việc" in page
    assert "Đặt lại vai trò, cơ quan cũ cho cán bộ này" in page and "Mở lại tài khoản" not in page  # moved, not locked
    assert _officer(clean_app, "chuyenvien")[2] == police
    history = api.get(f"/dossiers/{dossier_id}", "motcua").get_json()["history"]
    assert history[-1]["summary"] == f"Trả lại bước «{SEARCH}» cho nhóm" and history[-1]["actor"] == "Quản trị hệ thống"
    assert client.get("/mot-cua").status_code == 302  # the old session ended with the move
    locked = admin.post(f"/mot-cua/can-bo/{officer[0]}", data={**form, "hoat_dong": ""})
    assert locked.status_code == 303 and _officer(clean_app, "chuyenvien")[3] is False
    assert "không còn cán bộ nào khác" not in html(admin.get(locked.headers["Location"]))  # the police have congan
    refused = _log_in(client, "chuyenvien", "MotCua@2026")  # told why, and whom to ask, not "wrong password"
    assert refused.status_code == 403 and "Tài khoản này đã bị khóa, nên chưa đăng nhập được" in html(refused)
    assert "Đã khóa" in html(admin.get("/mot-cua/can-bo?trang_thai=da-khoa"))


def test_the_last_administrator_cannot_be_locked_out_and_citizens_are_not_kept_here(client, clean_app):
    token = as_officer(client, "admin")
    admin_id = _officer(clean_app, "admin")[0]
    province = _agency_id(clean_app, "000.00.00.H99")
    form = {"csrf_token": token, "ho_ten": "Quản trị hệ thống", "email": "admin@binhan.example.vn",
            "vai_tro": "admin", "co_quan": province, "chuc_vu": ""}
    refused = client.post(f"/mot-cua/can-bo/{admin_id}", data=form)  # unticked: locking the only admin
    assert refused.status_code == 409 and "quản trị cuối cùng" in html(refused)
    assert _officer(clean_app, "admin")[3] is True
    citizen = _officer(clean_app, "congdan")[0]
    assert client.get(f"/mot-cua/can-bo/{citizen}").status_code == 404
    listed = html(client.get("/mot-cua/can-bo"))
    assert "Nguyễn Văn An" not in listed and re.search(r"\d+ cán bộ\.", listed)


def test_an_administrator_not_yet_activated_does_not_count_as_the_one_left(client, clean_app, mail_sink):
    """Handing over to a new administrator who has never set a password (the mailed link may be
    mistyped or expire) would leave nobody who can log in: refused until they have."""
    from app.db import db, utcnow
    from app.users.models import User
    token = as_officer(client, "admin")
    province = _agency_id(clean_app, "000.00.00.H99")
    made = client.post("/mot-cua/can-bo/moi", data={"csrf_token": token, **NEW, "ten_dang_nhap": "quantri2",
                                                    "email": "quantri2@binhan.example.vn", "vai_tro": "admin",
                                                    "co_quan": province, "chuc_vu": ""})
    assert made.status_code == 303
    admin_id = _officer(clean_app, "admin")[0]
    form = {"csrf_token": token, "ho_ten": "Quản trị hệ thống", "email": "admin@binhan.example.vn",
            "vai_tro": "specialist", "co_quan": province, "chuc_vu": "", "hoat_dong": "1"}
    refused = client.post(f"/mot-cua/can-bo/{admin_id}", data=form)
    assert refused.status_code == 409 and "tài khoản quản trị chưa kích hoạt không được tính" in html(refused)
    assert _officer(clean_app, "admin")[3] is True
    with clean_app.app_context():  # the new administrator set their password from the mail
        db.session.execute(db.update(User).where(User.username == "quantri2").values(email_verified_at=utcnow()))
        db.session.commit()
        db.session.remove()
    assert client.post(f"/mot-cua/can-bo/{admin_id}", data=form).status_code == 303
