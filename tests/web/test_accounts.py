"""Citizen accounts through the pages: registration with e-mail verification through a real SMTP
server, login, profile, logout, identity checks, lockout, password reset, signed links, CSRF,
safe redirects and the mail outbox when the mail server is down."""
from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from tests.conftest import PASSWORD as DEMO_PASSWORD
from tests.conftest import vn
from tests.web.pages import csrf

PASSWORD = "MatKhau2026"
CCCD = "001192000123"
FORM = {"ho_ten": "Trần Thị Hoa", "ngay_sinh": "08/03/1992", "so_cccd": CCCD,
        "dia_chi": "Số 5 đường Trần Phú, phường An Bình", "so_dien_thoai": "+84 987 654 321",
        "email": "hoa@example.vn", "mat_khau": PASSWORD, "nhap_lai_mat_khau": PASSWORD}


def _post(client, path, data, page=None, **kw):
    return client.post(path, data={**data, "csrf_token": csrf(client, page or path)}, **kw)


def _user(app, **where):
    from app.db import db
    from app.users.models import User
    with app.app_context():
        query = select(User)
        for key, value in where.items():
            query = query.where(getattr(User, key) == value)
        user = db.session.execute(query).scalar_one_or_none()
        if user is not None:
            db.session.expunge(user)
        db.session.remove()
        return user


def _link(mail_sink, marker: str) -> str:
    links = mail_sink.links(marker)
    assert links, f"no mail with {marker}: {[m['Subject'] for m in mail_sink.messages]}"
    return links[-1]


def _path(link: str) -> str:
    return re.sub(r"^https?://[^/]+", "", link)


def _login(client, name, password, next_path=None):
    data = {"ten_dang_nhap": name, "mat_khau": password}
    if next_path is not None:
        data["next"] = next_path
    return _post(client, "/dang-nhap", data)


def _html(response) -> str:
    return response.get_data(as_text=True)


def _register(client, **changes):
    return _post(client, "/dang-ky", {**FORM, **changes})


def test_register_verify_login_profile_logout(client, clean_app, clock, mail_sink):
    clock.set(vn(2026, 11, 23, 9, 0))
    page = client.get("/dang-ky")
    html = _html(page)
    for name in ("ho_ten", "ngay_sinh", "so_cccd", "dia_chi", "so_dien_thoai", "email", "mat_khau", "nhap_lai_mat_khau"):
        assert f'<label for="{name}">' in html and f'id="{name}" name="{name}"' in html

    response = _register(client)
    assert response.status_code == 200
    assert "Kiểm tra hộp thư" in _html(response)
    user = _user(clean_app, id_number=CCCD)
    assert user.username == CCCD and user.role == "citizen" and user.email_verified_at is None
    assert user.phone == "0987654321" and user.full_name == "Trần Thị Hoa" and str(user.date_of_birth) == "1992-03-08"

    assert len(mail_sink.messages) == 1
    mail = mail_sink.messages[0]
    assert mail["To"] == "hoa@example.vn" and mail["Subject"] == "Xác thực tài khoản Cổng Dịch vụ công"
    assert "Trần Thị Hoa" in mail.get_body(preferencelist=("plain",)).get_content()
    link = _link(mail_sink, "/dang-ky/xac-thuc/")
    assert link.startswith(clean_app.config["MOTCUA_PUBLIC_URL"].rstrip("/") + "/dang-ky/xac-thuc/")

    refused = _login(client, CCCD, PASSWORD)
    assert refused.status_code == 403
    assert "chưa xác thực thư điện tử" in _html(refused) and 'action="/dang-ky/gui-lai"' in _html(refused)
    with client.session_transaction() as session:
        assert "uid" not in session

    verified = client.get(_path(link))
    assert verified.status_code == 303
    assert _user(clean_app, id_number=CCCD).email_verified_at == vn(2026, 11, 23, 9, 0)
    clock.advance(timedelta(minutes=5))
    assert client.get(_path(link)).status_code == 303  # a second click changes nothing
    assert _user(clean_app, id_number=CCCD).email_verified_at == vn(2026, 11, 23, 9, 0)

    # By e-mail (any case) as well as by CCCD.
    response = _login(client, "HOA@example.vn", PASSWORD)
    assert response.status_code == 303 and response.headers["Location"] == "/ho-so"
    page = client.get("/tai-khoan")
    assert page.status_code == 200 and 'value="Trần Thị Hoa"' in _html(page) and 'value="1992-03-08"' in _html(page)

    changed = _post(client, "/tai-khoan", {"action": "profile", "ho_ten": "Trần Thị Hoà", "ngay_sinh": "1992-03-09",
                                          "dia_chi": "Số 7 đường Lê Lợi, phường An Bình", "so_dien_thoai": "0912345678",
                                          "email": "hoa.moi@example.vn"})
    assert changed.status_code == 303
    user = _user(clean_app, id_number=CCCD)
    assert (user.full_name, str(user.date_of_birth), user.phone) == ("Trần Thị Hoà", "1992-03-09", "0912345678")
    assert user.email == "hoa@example.vn"  # until the new address is verified
    assert mail_sink.messages[-1]["To"] == "hoa.moi@example.vn"
    client.get(_path(_link(mail_sink, "/dang-ky/xac-thuc/")))
    assert _user(clean_app, id_number=CCCD).email == "hoa.moi@example.vn"

    out = _post(client, "/dang-xuat", {}, page="/tai-khoan")
    assert out.status_code == 303 and out.headers["Location"] == "/"
    assert "Bạn đã đăng xuất." in _html(client.get("/"))
    assert client.get("/tai-khoan").status_code == 302


def test_identity_errors_are_shown_next_to_each_field(client, clean_app, clock, mail_sink):
    clock.set(vn(2026, 11, 23, 9, 0))
    response = _register(client, ho_ten="<script>alert(1)</script>", ngay_sinh="01/01/2030", so_cccd="999123456789",
                         so_dien_thoai="12345", mat_khau="ngan1", nhap_lai_mat_khau="ngan1")
    assert response.status_code == 422
    html = _html(response)
    assert "<script>alert" not in html
    assert '<div class="error-summary" role="alert" tabindex="-1"' in html
    for name in ("ho_ten", "ngay_sinh", "so_cccd", "so_dien_thoai", "mat_khau"):
        assert f'<a href="#{name}">' in html
        assert f'id="{name}-error"' in html
        field = re.search(rf'<input [^>]*id="{name}"[^>]*>', html).group(0)
        assert 'aria-invalid="true"' in field and f"{name}-error" in field
    assert "không chứa chữ số hay ký hiệu" in html
    assert "Ngày sinh phải là một ngày trong quá khứ." in html
    assert "đúng 12 chữ số" in html and "(001–096)" in html
    assert "10 chữ số, bắt đầu bằng 0" in html
    assert "ít nhất 8 ký tự" in html
    assert 'value="Trần Thị Hoa"' not in html and "value=\"ngan1\"" not in html  # passwords are never echoed
    field = re.search(r'<input [^>]*id="dia_chi"[^>]*>', html).group(0)
    assert "aria-invalid" not in field

    # The number encodes the year of birth (digits 4-6: 1 for a woman of the 1900s, then 92).
    typo = _register(client, ngay_sinh="08/03/1993")
    assert typo.status_code == 422 and "ghi năm sinh 1992 (chữ số thứ 4 đến 6), khác năm sinh đã nhập (1993)" \
        in _html(typo) and 'id="so_cccd-error"' in _html(typo)

    # 003 is no province's code (002 Hà Giang, 004 Cao Bằng): a mistyped number.
    nowhere = _register(client, so_cccd="003192000123")
    assert nowhere.status_code == 422 and "Số định danh cá nhân 003192000123 bắt đầu bằng 003, không phải mã " \
        "tỉnh, thành phố nào" in _html(nowhere)

    blank = _register(client, dia_chi="  ", email="")
    assert "Vui lòng nhập địa chỉ." in _html(blank) and "Vui lòng nhập địa chỉ thư điện tử." in _html(blank)
    mismatch = _register(client, nhap_lai_mat_khau="MatKhau2027")
    assert mismatch.status_code == 422 and "Mật khẩu nhập lại không khớp." in _html(mismatch)
    same = _register(client, mat_khau=CCCD + "a", nhap_lai_mat_khau=CCCD + "a")
    assert same.status_code == 200  # differs from the CCCD
    assert _user(clean_app, id_number=CCCD) is not None
    assert not mail_sink.messages[0]["Subject"].startswith("=?")  # decoded UTF-8 subject


def test_password_equal_to_cccd_or_email_is_refused(client, clean_app, mail_sink):
    response = _register(client, mat_khau="hoa@example.vn1", nhap_lai_mat_khau="hoa@example.vn1",
                         email="hoa@example.vn1")
    assert response.status_code == 422
    assert "không được trùng" in _html(response)


def test_duplicate_cccd_and_email(client, clean_app, mail_sink):
    assert _register(client).status_code == 200
    client.get(_path(_link(mail_sink, "/dang-ky/xac-thuc/")))  # verified: held for good
    again = _register(client, email="khac@example.vn")
    assert again.status_code == 422
    html = _html(again)
    assert "Số định danh cá nhân này đã được dùng" in html and 'id="so_cccd-error"' in html
    other = _register(client, so_cccd="001192000124")
    assert other.status_code == 422 and 'id="email-error"' in _html(other)
    assert "đã được dùng cho một tài khoản khác" in _html(other)


def test_lockout_after_five_failures(client, clean_app, clock):
    clock.set(vn(2026, 11, 23, 9, 0))
    for _ in range(4):
        response = _login(client, "congdan", "sai-mat-khau-1")
        assert response.status_code == 401
        assert "Tên đăng nhập hoặc mật khẩu không đúng." in _html(response)
    unknown = _login(client, "khong-ton-tai", "sai-mat-khau-1")
    assert _html(unknown).count("Tên đăng nhập hoặc mật khẩu không đúng.") == 1  # the same message
    fifth = _login(client, "congdan", "sai-mat-khau-1")
    assert fifth.status_code == 401
    assert "Tài khoản tạm khóa" in _html(fifth) and "09:15 ngày 23/11/2026" in _html(fifth)
    locked = _login(client, "congdan", DEMO_PASSWORD)
    assert locked.status_code == 401 and "Tài khoản tạm khóa" in _html(locked)

    clock.advance(timedelta(minutes=16))
    response = _login(client, "001090000001", DEMO_PASSWORD)  # by CCCD
    assert response.status_code == 303 and response.headers["Location"] == "/ho-so"
    assert _user(clean_app, username="congdan").failed_logins == 0


def test_password_hashes_are_argon2id_at_rfc_9106_cost_unless_tests_ask_for_less():
    from argon2 import extract_parameters

    from app.users.passwords import hasher_for
    standard = extract_parameters(hasher_for("").hash("x"))
    assert (standard.type.name, standard.memory_cost, standard.time_cost) == ("ID", 65536, 3)
    assert hasher_for("anything-else").memory_cost == 65536  # an unknown value is not a weaker one
    assert hasher_for("test").memory_cost == 8


def test_a_cheaper_hash_is_remade_at_the_standard_cost_on_the_next_login(client, clean_app, monkeypatch):
    from argon2 import extract_parameters

    from app.users import passwords
    monkeypatch.setattr(passwords, "_hasher", passwords.hasher_for("standard"))
    assert extract_parameters(_user(clean_app, username="congdan").password_hash).memory_cost < 65536
    assert _login(client, "congdan", DEMO_PASSWORD).status_code == 303
    remade = _user(clean_app, username="congdan").password_hash
    assert extract_parameters(remade).memory_cost == 65536
    assert passwords.hasher_for("standard").verify(remade, DEMO_PASSWORD)


def test_officer_goes_home_and_safe_next_is_kept(client):
    response = _login(client, "motcua", DEMO_PASSWORD)
    assert response.headers["Location"] == "/mot-cua"  # the one-stop system's inbox
    _post(client, "/dang-xuat", {})
    response = _login(client, "congdan", DEMO_PASSWORD, next_path="/thu-tuc/2.000635/nop")
    assert response.headers["Location"] == "/thu-tuc/2.000635/nop"


def test_next_to_another_site_is_ignored(client):
    for evil in ("//evil.example", "/\\evil.example", "https://evil.example/", "/\t/evil.example"):
        page = client.get("/dang-nhap", query_string={"next": evil})
        assert "evil.example" not in _html(page)
        response = _login(client, "congdan", DEMO_PASSWORD, next_path=evil)
        assert response.status_code == 303 and response.headers["Location"] == "/ho-so"
        _post(client, "/dang-xuat", {})


def test_login_page_links_and_redirect_from_protected_page(client):
    response = client.get("/tai-khoan")
    assert response.status_code == 302 and "/dang-nhap?next=/tai-khoan" in response.headers["Location"]
    html = _html(client.get("/dang-nhap?next=/tai-khoan"))
    assert 'href="/dang-ky"' in html and 'href="/quen-mat-khau"' in html
    assert '<label for="ten_dang_nhap">' in html and '<label for="mat_khau">' in html
    assert 'name="next" value="/tai-khoan"' in html


def test_the_number_logs_in_as_people_type_it(clean_app):
    """In groups as printed on the card, or in full-width digits (an input method's): the same
    number the account was stored under."""
    for typed in ("001090000001", " 0010 9000 0001 ", "\uff10\uff10\uff11\uff10\uff19\uff10\uff10\uff10\uff10\uff10\uff10\uff11"):
        client = clean_app.test_client()
        assert _login(client, typed, DEMO_PASSWORD).status_code == 303, typed
        assert client.get("/tai-khoan").status_code == 200


def test_reset_works_once_and_ends_old_sessions(clean_app, clock, mail_sink):
    clock.set(vn(2026, 11, 23, 9, 0))
    old_session = clean_app.test_client()
    assert _login(old_session, "congdan", DEMO_PASSWORD).status_code == 303
    assert old_session.get("/tai-khoan").status_code == 200

    client = clean_app.test_client()
    unknown = _post(client, "/quen-mat-khau", {"email": "khong-ai@example.vn"})
    known = _post(client, "/quen-mat-khau", {"email": "congdan@binhan.example.vn"})
    assert unknown.status_code == known.status_code == 303
    assert unknown.headers["Location"] == known.headers["Location"]
    assert len(mail_sink.messages) == 1 and mail_sink.messages[0]["To"] == "congdan@binhan.example.vn"
    path = _path(_link(mail_sink, "/dat-lai-mat-khau/"))

    assert client.get(path).status_code == 200
    weak = _post(client, path, {"mat_khau": "ngan", "nhap_lai_mat_khau": "ngan"})
    assert weak.status_code == 422 and 'aria-invalid="true"' in _html(weak)
    done = _post(client, path, {"mat_khau": "MatKhauMoi2026", "nhap_lai_mat_khau": "MatKhauMoi2026"})
    assert done.status_code == 303 and done.headers["Location"] == "/dang-nhap"

    assert old_session.get("/tai-khoan").status_code == 302  # the old session has ended
    again = _post(client, path, {"mat_khau": "MatKhauKhac2026", "nhap_lai_mat_khau": "MatKhauKhac2026"}, page="/dang-nhap")
    assert again.status_code == 303 and again.headers["Location"] == "/quen-mat-khau"
    assert _login(client, "congdan", DEMO_PASSWORD).status_code == 401
    assert _login(client, "congdan", "MatKhauMoi2026").status_code == 303


def test_reset_link_expires_after_an_hour(client, clean_app, clock, mail_sink):
    clock.set(vn(2026, 11, 23, 9, 0))
    _post(client, "/quen-mat-khau", {"email": "congdan@binhan.example.vn"})
    path = _path(_link(mail_sink, "/dat-lai-mat-khau/"))
    clock.advance(timedelta(minutes=61))
    response = client.get(path)
    assert response.status_code == 303 and response.headers["Location"] == "/quen-mat-khau"


def test_forged_and_foreign_tokens_are_refused(client, clean_app, clock, mail_sink):
    clock.set(vn(2026, 11, 23, 9, 0))
    _register(client)
    link = _path(_link(mail_sink, "/dang-ky/xac-thuc/"))
    token = link.rsplit("/", 1)[1]
    forged = link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB")
    assert client.get(forged).status_code == 303
    assert client.get("/dang-ky/xac-thuc/khong-hop-le").status_code == 303
    assert "Liên kết không hợp lệ hoặc đã hết hạn" in _html(client.get("/dang-nhap"))
    assert client.get("/dat-lai-mat-khau/" + token).headers["Location"] == "/quen-mat-khau"  # another purpose
    assert _user(clean_app, id_number=CCCD).email_verified_at is None
    clock.advance(timedelta(hours=49))
    assert client.get(link).status_code == 303
    assert _user(clean_app, id_number=CCCD).email_verified_at is None


def test_missing_csrf_token_changes_nothing(client, clean_app, mail_sink):
    response = client.post("/dang-ky", data=FORM)
    assert response.status_code == 400
    assert _user(clean_app, id_number=CCCD) is None
    assert mail_sink.messages == []
    assert _login(client, "congdan", DEMO_PASSWORD).status_code == 303
    response = client.post("/tai-khoan", data={"action": "profile", "ho_ten": "Người Khác", "ngay_sinh": "01/01/1990",
                                               "dia_chi": "Địa chỉ mới khác", "so_dien_thoai": "0912345678",
                                               "email": "congdan@binhan.example.vn"})
    assert response.status_code == 400
    assert _user(clean_app, username="congdan").full_name == "Nguyễn Văn An"
    assert client.post("/dang-xuat").status_code == 400
    assert client.get("/tai-khoan").status_code == 200


def test_change_password_needs_the_current_one_and_ends_other_sessions(clean_app):
    other = clean_app.test_client()
    _login(other, "congdan", DEMO_PASSWORD)
    client = clean_app.test_client()
    _login(client, "congdan", DEMO_PASSWORD)
    wrong = _post(client, "/tai-khoan", {"action": "password", "mat_khau_hien_tai": "sai-mat-khau-1",
                                         "mat_khau": "MatKhauMoi2026", "nhap_lai_mat_khau": "MatKhauMoi2026"})
    assert wrong.status_code == 422 and "Mật khẩu hiện tại không đúng." in _html(wrong)
    done = _post(client, "/tai-khoan", {"action": "password", "mat_khau_hien_tai": DEMO_PASSWORD,
                                        "mat_khau": "MatKhauMoi2026", "nhap_lai_mat_khau": "MatKhauMoi2026"})
    assert done.status_code == 303
    assert client.get("/tai-khoan").status_code == 200
    assert other.get("/tai-khoan").status_code == 302


def test_changing_the_password_of_a_locked_account_says_so(client, clean_app, clock):
    clock.set(vn(2026, 11, 23, 9, 0))
    assert _login(client, "congdan", DEMO_PASSWORD).status_code == 303
    for _ in range(5):
        response = _post(client, "/tai-khoan", {"action": "password", "mat_khau_hien_tai": "sai-mat-khau-1",
                                                "mat_khau": "MatKhauMoi2026", "nhap_lai_mat_khau": "MatKhauMoi2026"})
    assert response.status_code == 422
    assert "Tài khoản tạm khóa" in _html(response) and "09:15 ngày 23/11/2026" in _html(response)
    assert 'id="mat_khau_hien_tai-error"' in _html(response)


def test_wrong_passwords_are_rate_limited_per_address(client, clean_app, clock):
    from app.security.ratelimit import LOGIN_LIMIT
    clock.set(vn(2026, 11, 23, 9, 0, 1))
    # A whole office behind one address logs in all morning: successful logins are not counted.
    for _ in range(LOGIN_LIMIT.count + 5):
        assert _login(client, "congdan", DEMO_PASSWORD).status_code == 303
        client.post("/dang-xuat", data={"csrf_token": csrf(client, "/")})
    for _ in range(LOGIN_LIMIT.count):
        _login(client, "khong-ton-tai", "x")
    response = _login(client, "congdan", DEMO_PASSWORD)
    assert response.status_code == 429 and "Retry-After" in response.headers
    assert "Bạn đã thử quá nhiều lần" in _html(response)


def test_outbox_retries_when_the_mail_server_is_down(client, clean_app, clock, mail_sink):
    from app.db import db
    from app.mail.models import OutgoingMail
    from app.mail.outbox import deliver_pending
    clock.set(vn(2026, 11, 23, 9, 0))
    port = clean_app.config["MOTCUA_SMTP_PORT"]
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    clean_app.config["MOTCUA_SMTP_PORT"] = closed_port
    try:
        assert _register(client).status_code == 200  # the page does not fail
    finally:
        clean_app.config["MOTCUA_SMTP_PORT"] = port
    assert mail_sink.messages == []
    first = select(OutgoingMail).where(OutgoingMail.to_address == "hoa@example.vn")
    with clean_app.app_context():
        mail = db.session.execute(first).scalar_one()
        assert mail.sent_at is None and mail.attempts == 1 and mail.last_error
        assert mail.next_attempt_at == vn(2026, 11, 23, 9, 1)
        db.session.remove()

    # The server is back: a request sends its own mail and leaves the backlog to the scheduler.
    clock.set(vn(2026, 11, 23, 9, 0, 10))
    assert _register(client, so_cccd="001192000124", email="lan@example.vn").status_code == 200
    assert [m["To"] for m in mail_sink.messages] == ["lan@example.vn"]
    with clean_app.app_context():
        assert deliver_pending(vn(2026, 11, 23, 9, 0, 30)) == 0  # not due yet
        assert deliver_pending(vn(2026, 11, 23, 9, 1)) == 1
        mail = db.session.execute(first).scalar_one()
        assert mail.sent_at == vn(2026, 11, 23, 9, 1) and mail.attempts == 1
        assert deliver_pending(vn(2026, 11, 23, 9, 5)) == 0  # sent once only
        db.session.remove()
    assert [m["To"] for m in mail_sink.messages] == ["lan@example.vn", "hoa@example.vn"]
    assert _link(mail_sink, "/dang-ky/xac-thuc/")


def _queue(app, count, at):
    from app.db import db
    from app.mail.outbox import queue_mail
    with app.app_context():
        for n in range(count):
            queue_mail(f"nguoi{n}@example.vn", "Thư thử tiếng Việt", "Nội dung thư thử.", at)
        db.session.commit()
        db.session.remove()


def test_two_senders_at_once_send_each_mail_once(clean_app, mail_sink):
    import threading

    from app.db import db
    from app.mail.outbox import deliver_pending
    at = vn(2026, 11, 23, 9, 0)
    _queue(clean_app, 3, at)
    mail_sink.delay = 0.2  # both senders are busy at the same time
    counts = []

    def sender():
        with clean_app.app_context():
            try:
                counts.append(deliver_pending(at))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sum(counts) == 3
    assert sorted(m["To"] for m in mail_sink.messages) == ["nguoi0@example.vn", "nguoi1@example.vn",
                                                           "nguoi2@example.vn"]
    assert mail_sink.messages[0]["Subject"] == "Thư thử tiếng Việt"


def test_an_unreachable_server_fails_the_batch_after_one_try(clean_app, mail_sink, monkeypatch):
    import smtplib
    import socket

    from app.db import db
    from app.mail import outbox
    from app.mail.models import OutgoingMail
    at = vn(2026, 11, 23, 9, 0)
    _queue(clean_app, 3, at)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        clean_app.config["MOTCUA_SMTP_PORT"] = probe.getsockname()[1]  # restored by mail_sink
    connections, connect = [], smtplib.SMTP

    def counting(*args, **kwargs):
        connections.append(args)
        return connect(*args, **kwargs)

    monkeypatch.setattr(outbox.smtplib, "SMTP", counting)
    with clean_app.app_context():
        assert outbox.deliver_pending(at) == 0
        mails = db.session.execute(select(OutgoingMail)).scalars().all()
        assert [(m.attempts, m.next_attempt_at, m.sent_at) for m in mails] == [(1, vn(2026, 11, 23, 9, 1), None)] * 3
        assert all(m.last_error for m in mails)
        db.session.remove()
    assert len(connections) == 1


def test_without_a_mail_server_the_mail_is_logged(client, clean_app, caplog):
    import logging

    from app.db import db
    from app.mail.models import OutgoingMail
    assert clean_app.config["MOTCUA_SMTP_HOST"] == ""
    with caplog.at_level(logging.INFO, logger="app.mail"):
        assert _register(client).status_code == 200
    assert any("/dang-ky/xac-thuc/" in record.getMessage() for record in caplog.records)
    with clean_app.app_context():
        assert db.session.execute(select(OutgoingMail.sent_at)).scalar_one() is not None
        db.session.remove()


def test_resend_and_stale_verification_links(client, clean_app, clock, mail_sink):
    clock.set(vn(2026, 11, 23, 9, 0))
    _register(client)
    first = _path(_link(mail_sink, "/dang-ky/xac-thuc/"))
    page = client.get("/dang-nhap")
    response = _post(client, "/dang-ky/gui-lai", {"email": "hoa@example.vn"}, page="/dang-nhap")
    assert response.status_code == 303 and page.status_code == 200
    assert len(mail_sink.messages) == 2
    unknown = _post(client, "/dang-ky/gui-lai", {"email": "khong-ai@example.vn"}, page="/dang-nhap")
    assert unknown.status_code == 303 and len(mail_sink.messages) == 2
    assert client.get(first).status_code == 303  # an earlier link still works within 48 hours
    assert _user(clean_app, id_number=CCCD).email_verified_at is not None

    _login(client, CCCD, PASSWORD)
    _post(client, "/tai-khoan", {"action": "profile", **{k: FORM[k] for k in ("ho_ten", "ngay_sinh", "dia_chi",
                                 "so_dien_thoai")}, "email": "moi@example.vn"})
    client.get(_path(_link(mail_sink, "/dang-ky/xac-thuc/")))
    assert _user(clean_app, id_number=CCCD).email == "moi@example.vn"
    client.get(first)  # the registration link cannot bring the old address back
    assert _user(clean_app, id_number=CCCD).email == "moi@example.vn"


def test_unverified_citizen_gets_no_api_token(client, mail_sink):
    _register(client)
    response = client.post("/api/v1/auth/token", json={"username": "001192000123", "password": "MatKhau2026"})
    assert response.status_code == 403 and "chưa xác thực" in response.get_json()["error"]["message"]


def test_an_id_number_typed_in_groups_is_read_whole(client, clean_app, clock, mail_sink):
    """0011 9200 0123 as some type it: the box takes all of it (no maxlength cutting digits off)
    and the account holds the 12 digits."""
    clock.set(vn(2026, 11, 23, 9, 0))
    page = _html(client.get("/dang-ky"))
    field = re.search(r'<input [^>]*id="so_cccd"[^>]*>', page).group(0)
    assert 'maxlength="12"' not in field
    response = _register(client, so_cccd="0011 9200 0123")
    assert response.status_code == 200, _html(response)[:2000]
    assert _user(clean_app, id_number=CCCD) is not None


def test_a_registration_never_verified_holds_an_id_or_address_only_until_its_link_expires(
        client, clean_app, clock, mail_sink):
    """Someone registers with another's CCCD and address and never opens the mail: the real
    holder is told until when it is held, and registers once the link has expired."""
    clock.set(vn(2026, 11, 23, 9, 0))
    assert _register(client).status_code == 200  # the squatter: never verified
    clock.set(vn(2026, 11, 24, 9, 0))
    refused = _html(_register(client, email="hoa.that@example.vn"))
    assert "Đã có người đăng ký bằng thông tin này nhưng chưa xác thực thư điện tử" in refused
    assert "được giải phóng lúc 09:00 ngày 25/11/2026" in refused
    clock.set(vn(2026, 11, 25, 9, 1))
    assert _register(client, email="hoa.that@example.vn").status_code == 200
    assert _user(clean_app, id_number=CCCD).email == "hoa.that@example.vn"
    client.get(_path(_link(mail_sink, "/dang-ky/xac-thuc/")))
    assert _login(client, CCCD, PASSWORD).status_code == 303


def test_opening_the_mail_sent_to_an_address_beats_a_registration_that_never_did(client, clean_app, clock, mail_sink):
    clock.set(vn(2026, 11, 23, 9, 0))
    _register(client, so_cccd="001192000555", email="chung@example.vn")  # someone else's address, never opened
    squatter = _user(clean_app, email="chung@example.vn")
    owner = clean_app.test_client()
    _register(owner, email="that@example.vn")
    owner.get(_path(_link(mail_sink, "/dang-ky/xac-thuc/")))
    assert _login(owner, CCCD, PASSWORD).status_code == 303
    # The address's real owner changes to it and opens the mail sent there, minutes later.
    changed = _post(owner, "/tai-khoan", {"action": "profile", "ho_ten": FORM["ho_ten"], "ngay_sinh": "1992-03-08",
                                         "dia_chi": FORM["dia_chi"], "so_dien_thoai": "0987654321",
                                         "email": "chung@example.vn"})
    assert changed.status_code == 303
    owner.get(_path(_link(mail_sink, "/dang-ky/xac-thuc/")))
    assert _user(clean_app, id_number=CCCD).email == "chung@example.vn"
    assert _user(clean_app, id=squatter.id) is None
