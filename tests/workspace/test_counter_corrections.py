"""The desk corrects what it recorded wrong in a citizen account it opened at the counter, while
nobody has taken the account over: every field checked as when recorded, the identity paper kept
unique, each correction kept with who, when and the old and new values; bad input changes
nothing; another agency's desk, an activated or online account, a form without its CSRF token:
refused."""
from __future__ import annotations

import re

from sqlalchemy import select, update

from tests.conftest import PASSWORD as DEMO_PASSWORD, vn
from tests.web.pages import csrf, login
from tests.workspace.helpers import as_officer, html

CITIZEN = {"so_cccd": "001085000888", "ho_ten": "Đặng Thị Tấm", "ngay_sinh": "02/03/1985",
           "dia_chi": "Số 8 Lê Lai, phường An Bình", "so_dien_thoai": "0905123888"}
FIXED = {"ho_ten": "Đặng Thị Tám", "ngay_sinh": "1985-03-02", "loai_giay_to": "cccd", "so_giay_to": "001085000888",
         "quoc_tich": "", "dia_chi": "Số 18 Lê Lai, phường An Bình", "so_dien_thoai": "0905123889"}
LOOKUP = "/mot-cua/tiep-nhan?so_cccd=001085000888"


def _record(client, **extra) -> tuple[str, str]:
    """The citizen recorded by the desk; returns (a CSRF token, the correction form's action)."""
    token = as_officer(client, "motcua")
    page = html(client.post("/mot-cua/tiep-nhan", follow_redirects=True, data={"csrf_token": token, **CITIZEN, **extra}))
    assert "Tiếp nhận hồ sơ cho Đặng Thị Tấm" in page
    return token, re.search(r'action="(/mot-cua/tiep-nhan/\d+/sua-thong-tin)"', page).group(1)


def _account(app, username: str = "001085000888") -> dict | None:
    from app.db import db
    from app.users.models import User
    with app.app_context():
        user = db.session.execute(select(User).where(User.username == username)).scalar()
        found = user and {"name": user.full_name, "born": user.date_of_birth.isoformat(), "kind": user.id_kind,
                          "number": user.id_number, "nationality": user.nationality, "address": user.address,
                          "phone": user.phone, "email": user.email, "id": user.id}
        db.session.remove()
    return found


def _trail(app) -> list[list[dict]]:
    from app.db import db
    from app.users.models import AccountCorrection
    with app.app_context():
        rows = [c.changes for c in db.session.execute(select(AccountCorrection).order_by(AccountCorrection.id)).scalars()]
        db.session.remove()
    return rows


def _officer(app, username: str, role: str, agency_code: str) -> None:
    """Another officer, ready to log in with the demo password."""
    from app.agencies.models import Agency
    from app.db import db, utcnow
    from app.users.models import User
    from app.users.passwords import hash_password
    with app.app_context():
        agency = db.session.execute(select(Agency).where(Agency.code == agency_code)).scalar_one()
        db.session.add(User(username=username, password_hash=hash_password(DEMO_PASSWORD), role=role,
                            full_name="Ngô Văn Hải", agency=agency, email=f"{username}@binhan.example.vn",
                            email_verified_at=utcnow()))
        db.session.commit()
        db.session.remove()


def test_the_desk_corrects_a_typo_and_the_trail_keeps_old_and_new(client, clock, clean_app):
    clock.set(vn(2026, 11, 23, 9, 0))
    token, action = _record(client)
    page = html(client.get(LOOKUP))
    assert 'id="sua-thong-tin"' in page and 'value="Đặng Thị Tấm"' in page and 'value="1985-03-02"' in page
    before = _account(clean_app)
    # Each bad field said in Vietnamese; nothing changes, nothing is recorded.
    bad = client.post(action, data={"csrf_token": token, **FIXED, "ho_ten": "X1", "ngay_sinh": "2030-01-01",
                                    "so_giay_to": "12ab", "dia_chi": "a", "so_dien_thoai": "12"})
    text = html(bad)
    assert bad.status_code == 422 and "Có 5 lỗi cần sửa" in text
    for message in ("Họ và tên gồm 2–100 chữ cái", "Ngày sinh phải là một ngày trong quá khứ",
                    "phải gồm đúng 12 chữ số", "Địa chỉ gồm 5–500 ký tự", "Số điện thoại di động gồm 10 chữ số"):
        assert message in text, message
    assert 'value="X1"' in text and "<details id=\"sua-thong-tin\" open>" in text  # what was typed, shown again
    assert _account(clean_app) == before and _trail(clean_app) == []
    # Without the page's CSRF token: refused before anything is read.
    assert client.post(action, data=FIXED).status_code == 400
    assert _account(clean_app) == before
    # The correction, with the hour it was made.
    clock.set(vn(2026, 11, 23, 9, 20))
    done = client.post(action, data={"csrf_token": token, **FIXED})
    assert done.status_code == 303
    page = html(client.get(done.headers["Location"]))
    assert "Đã sửa họ và tên, địa chỉ, số điện thoại của người nộp" in page
    assert "Tiếp nhận hồ sơ cho Đặng Thị Tám" in page
    after = _account(clean_app)
    assert (after["name"], after["address"], after["phone"]) == ("Đặng Thị Tám", FIXED["dia_chi"], "0905123889")
    assert _trail(clean_app) == [[
        {"field": "full_name", "old": "Đặng Thị Tấm", "new": "Đặng Thị Tám"},
        {"field": "address", "old": "Số 8 Lê Lai, phường An Bình", "new": "Số 18 Lê Lai, phường An Bình"},
        {"field": "phone", "old": "0905123888", "new": "0905123889"}]]
    history = page[page.index("Lịch sử sửa thông tin người nộp"):]
    assert "09:20 ngày 23/11/2026" in history and "Trần Thị Bình (Sở Tư pháp tỉnh Bình An)" in history
    assert "<td>Họ và tên</td><td><del>Đặng Thị Tấm</del></td><td><ins>Đặng Thị Tám</ins></td>" in history
    # The same values again: nothing to record.
    same = client.post(action, data={"csrf_token": token, **FIXED})
    assert "Thông tin không thay đổi" in html(client.get(same.headers["Location"])) and len(_trail(clean_app)) == 1
    # What the desk types at step 2 from now on is the corrected record.
    form = html(client.get(f"/mot-cua/tiep-nhan/{after['id']}/2.000488"))
    assert re.search(r'name="f\.ho_ten"[^>]*value="Đặng Thị Tám"', form)
    # A date of birth in the trail reads as a date.
    client.post(action, data={"csrf_token": token, **FIXED, "ngay_sinh": "03/02/1985"})
    assert _trail(clean_app)[-1] == [{"field": "date_of_birth", "old": "1985-03-02", "new": "1985-02-03"}]
    assert "<del>02/03/1985</del></td><td><ins>03/02/1985</ins>" in html(client.get(LOOKUP))


def test_the_identity_paper_is_corrected_uniquely_and_the_activation_follows_it(client, clock, clean_app,
                                                                                  mail_sink):
    clock.set(vn(2026, 11, 23, 9, 0))
    token, action = _record(client, email="tam@example.vn")
    assert len(mail_sink.messages) == 1
    before = _account(clean_app)
    # Someone else's paper: refused, whether the online citizen's CCCD or a passport at the counter.
    held = client.post(action, data={"csrf_token": token, **FIXED, "so_giay_to": "001090000001"})
    assert held.status_code == 422 and "Số giấy tờ này đã thuộc về một tài khoản khác" in html(held)
    # A passport needs its nationality, and its own format.
    for fields, message in (({"so_giay_to": "C7654321"}, "Vui lòng nhập quốc tịch ghi trong hộ chiếu"),
                            ({"so_giay_to": "C-765", "quoc_tich": "Pháp"}, "chỉ gồm chữ cái không dấu")):
        refused = client.post(action, data={"csrf_token": token, **FIXED, "loai_giay_to": "passport", **fields})
        assert refused.status_code == 422 and message in html(refused), message
    assert _account(clean_app) == before and _trail(clean_app) == []
    # The desk had typed a CCCD for what is a French passport.
    done = client.post(action, data={"csrf_token": token, **FIXED, "ho_ten": "Đặng Thị Tấm",
                                     "dia_chi": CITIZEN["dia_chi"], "so_dien_thoai": CITIZEN["so_dien_thoai"],
                                     "loai_giay_to": "passport", "so_giay_to": "c 7654321", "quoc_tich": "Pháp"})
    assert done.status_code == 303
    assert "thư kích hoạt mới (với tên đăng nhập mới) đã gửi tới tam@example.vn" in html(
        client.get(done.headers["Location"]))
    assert _account(clean_app) is None  # the CCCD user name is free again
    after = _account(clean_app, "HC-C7654321")
    assert (after["kind"], after["number"], after["nationality"]) == ("passport", "C7654321", "Pháp")
    assert _trail(clean_app) == [[{"field": "id_kind", "old": "cccd", "new": "passport"},
                                  {"field": "id_number", "old": "001085000888", "new": "C7654321"},
                                  {"field": "nationality", "old": None, "new": "Pháp"}]]
    assert "Tên đăng nhập là số hộ chiếu C7654321." in \
        mail_sink.messages[-1].get_body(preferencelist=("plain",)).get_content()
    page = html(client.get("/mot-cua/tiep-nhan?loai_giay_to=passport&so_giay_to=C7654321"))
    assert "<td>Loại giấy tờ tùy thân</td><td><del>Căn cước công dân (CCCD)</del></td><td><ins>Hộ chiếu</ins></td>" \
        in page
    assert "Chưa có công dân với số định danh 001085000888" in html(client.get(LOOKUP))
    # The account is then activated from the new mail: the desk no longer corrects it.
    client.post("/dang-xuat", data={"csrf_token": csrf(client, "/mot-cua")})
    link = re.sub(r"^https?://[^/]+", "", mail_sink.links("/dat-lai-mat-khau/")[-1])
    client.post(link, data={"csrf_token": csrf(client, link), "mat_khau": "MatKhauMoi2026",
                            "nhap_lai_mat_khau": "MatKhauMoi2026"})
    token = as_officer(client, "motcua")
    assert 'id="sua-thong-tin"' not in html(client.get("/mot-cua/tiep-nhan?loai_giay_to=passport&so_giay_to=C7654321"))
    refused = client.post(action, data={"csrf_token": token, **FIXED, "loai_giay_to": "passport",
                                         "so_giay_to": "C7654321", "quoc_tich": "Pháp"})
    assert refused.status_code == 403 and "Không sửa được thông tin tài khoản này" in html(refused)
    assert _account(clean_app, "HC-C7654321")["name"] == "Đặng Thị Tấm" and len(_trail(clean_app)) == 1


def test_only_the_agency_that_opened_it_corrects_it_and_only_before_the_owner_took_it(client, clock, clean_app):
    from app.db import db
    from app.users.models import User
    clock.set(vn(2026, 11, 23, 9, 0))
    _, action = _record(client)
    before = _account(clean_app)
    # The police's one-stop desk serves the same citizen but did not open the account.
    _officer(clean_app, "motcua_ca", "one_stop", "000.00.30.H99")
    login(client, "motcua_ca")
    token = csrf(client, "/mot-cua")
    page = html(client.get(LOOKUP))
    assert "Tiếp nhận hồ sơ cho Đặng Thị Tấm" in page and 'id="sua-thong-tin"' not in page
    refused = client.post(action, data={"csrf_token": token, **FIXED})
    assert refused.status_code == 403 and "chỉ sửa được tài khoản do cơ quan bạn lập" in html(refused)
    assert _account(clean_app) == before
    # The administrator may.
    as_officer(client, "admin")
    assert 'id="sua-thong-tin"' in html(client.get(LOOKUP))
    # An account its owner registered online is theirs alone.
    token = as_officer(client, "motcua")
    online = html(client.get("/mot-cua/tiep-nhan?so_cccd=001090000001"))
    assert 'id="sua-thong-tin"' not in online
    online_id = re.search(r'href="/mot-cua/tiep-nhan/(\d+)/2\.000488"', online).group(1)
    refused = client.post(f"/mot-cua/tiep-nhan/{online_id}/sua-thong-tin",
                          data={"csrf_token": token, **FIXED, "so_giay_to": "001090000001"})
    assert refused.status_code == 403
    # Once the owner has logged in, even before any address is verified, it is no longer the desk's.
    with clean_app.app_context():
        db.session.execute(update(User).where(User.id == before["id"]).values(last_login_at=vn(2026, 11, 23, 9, 5)))
        db.session.commit()
        db.session.remove()
    assert 'id="sua-thong-tin"' not in html(client.get(LOOKUP))
    assert client.post(action, data={"csrf_token": token, **FIXED}).status_code == 403
    assert _account(clean_app) == before and _trail(clean_app) == []


def test_an_address_given_later_is_kept_in_the_trail_too(client, clock, clean_app, mail_sink):
    clock.set(vn(2026, 11, 23, 9, 0))
    token, _ = _record(client)
    page = html(client.get(LOOKUP))
    email_action = re.search(r'action="(/mot-cua/tiep-nhan/\d+/thu-dien-tu)"', page).group(1)
    client.post(email_action, data={"csrf_token": token, "email": "tam@example.vn"})
    client.post(email_action, data={"csrf_token": token, "email": "tam.dang@example.vn"})
    assert _trail(clean_app) == [[{"field": "email", "old": None, "new": "tam@example.vn"}],
                                 [{"field": "email", "old": "tam@example.vn", "new": "tam.dang@example.vn"}]]
    history = html(client.get(LOOKUP))
    assert "<td>Thư điện tử</td><td><del>—</del></td><td><ins>tam@example.vn</ins></td>" in history


def test_a_correction_says_which_open_dossiers_still_print_the_old_number(client, clock, clean_app):
    """The paper number corrected after a dossier was taken in with it: its receipt and result
    would print the old one, so the desk is told which dossiers those are."""
    import io

    from tests.web.pages import pdf_bytes
    from tests.workspace.test_intake import LLTP_FIELDS
    clock.set(vn(2026, 11, 23, 9, 0))
    token, action = _record(client)
    form_path = action.replace("/sua-thong-tin", "/2.000488")
    nonce = re.search(r'name="nonce" value="([^"]+)"', html(client.get(form_path))).group(1)
    done = client.post(form_path, data={
        "csrf_token": token, "nonce": nonce, "hinh_thuc": "counter", "action": "submit", "tep_da_nhan": "",
        **LLTP_FIELDS, "f.ho_ten": "Đặng Thị Tấm", "f.so_cccd": "001085000888",
        "tep.GTTT": (io.BytesIO(pdf_bytes("CCCD")), "cccd.pdf")}, content_type="multipart/form-data")
    assert done.status_code == 303
    fixed = client.post(action, data={"csrf_token": token, **FIXED, "so_giay_to": "001085000889"})
    page = html(client.get(fixed.headers["Location"]))
    assert "Tờ khai của hồ sơ đang giải quyết 09:00 ngày 23/11/2026 vẫn ghi thông tin cũ" in page
