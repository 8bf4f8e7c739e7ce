"""A form sent after its session ended elsewhere (the password changed in another browser, the
account moved, locked or idle-locked) is not a silent redirect to the login page: what was typed
comes back, marked not saved, with a login link back to the page the form was on, never to the
address it was sent to (a POST-only one would answer 405)."""
from __future__ import annotations

import io
import re
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select

from tests.conftest import vn
from tests.web.pages import pdf_bytes
from tests.workspace.helpers import as_officer, html
from tests.workspace.test_intake import LLTP_FIELDS, _citizen_id

HOST = "http://localhost"


def _end_sessions(app, username: str) -> None:
    """What a password change in another browser does to this one."""
    from app.db import db
    from app.users.models import User
    with app.app_context():
        db.session.execute(select(User).where(User.username == username)).scalar_one().end_sessions()
        db.session.commit()
        db.session.remove()


def _login_next(page: str) -> str:
    link = re.search(r'href="(/dang-nhap\?[^"]+)"', page).group(1).replace("&amp;", "&")
    return parse_qs(urlsplit(link).query)["next"][0]


def _typed(page: str) -> list[tuple[str, str]]:
    """The fields the page gives back: (label, value)."""
    return re.findall(r'<label for="da-nhap-\d+">([^<]*)</label>\s*<textarea[^>]*>([^<]*)</textarea>', page)


def test_a_form_sent_after_the_session_ended_comes_back_with_what_was_typed(client, clock, clean_app):
    clock.set(vn(2026, 11, 23, 9, 0))
    token = as_officer(client, "motcua")
    form_page = f"/mot-cua/tiep-nhan/{_citizen_id(clean_app, '001090000001')}/2.000488"
    assert client.get(form_page).status_code == 200
    _end_sessions(clean_app, "motcua")
    sent = client.post(form_page, headers={"Referer": HOST + form_page}, content_type="multipart/form-data",
                       data={"csrf_token": token, "hinh_thuc": "counter", "action": "submit", **LLTP_FIELDS,
                             "tep.GTTT": (io.BytesIO(pdf_bytes("CCCD")), "cccd.pdf")})
    page = html(sent)
    assert sent.status_code == 401 and "Location" not in sent.headers
    assert "Phiên đăng nhập đã kết thúc" in page and "chưa được ghi" in page
    assert LLTP_FIELDS["f.ho_ten"] in page and "cccd.pdf" in page
    assert ("Hình thức nộp", "Trực tiếp tại quầy") in _typed(page)  # the page's own control, in its words
    assert _login_next(page) == form_page


def test_who_a_citizen_applied_for_comes_back_in_the_pages_words(client, clock, clean_app):
    from tests.web.pages import csrf, login
    from tests.web.test_portal import APPLY
    clock.set(vn(2026, 11, 23, 9, 0))
    login(client, "congdan")
    token = csrf(client, APPLY)
    _end_sessions(clean_app, "congdan")
    sent = client.post(APPLY, headers={"Referer": HOST + APPLY}, content_type="multipart/form-data",
                       data={"csrf_token": token, "draft_id": "1", "revision": "0", "action": "save",
                             "dai_dien": "person", "dai_dien_ho_ten": "Lê Thị Hạnh", "dai_dien_cccd": "001190000777"})
    page = html(sent)
    assert sent.status_code == 401
    assert _typed(page) == [("Người yêu cầu", "Người khác (tôi được ủy quyền)"),
                            ("Họ và tên người ủy quyền", "Lê Thị Hạnh"),
                            ("Số định danh cá nhân của người ủy quyền", "001190000777")]


def test_the_login_link_never_leads_to_the_address_only_a_form_is_sent_to(client, clock, clean_app):
    clock.set(vn(2026, 11, 23, 9, 0))
    token = as_officer(client, "motcua")
    citizen = _citizen_id(clean_app, "001090000001")
    _end_sessions(clean_app, "motcua")
    post_only = f"/mot-cua/tiep-nhan/{citizen}/sua-thong-tin"
    fields = {"csrf_token": token, "ho_ten": "Nguyễn Văn Một"}
    for referrer in (None, "https://elsewhere.example" + f"/mot-cua/tiep-nhan?so={citizen}", HOST + post_only):
        sent = client.post(post_only, data=fields, headers={"Referer": referrer} if referrer else {})
        page = html(sent)
        assert sent.status_code == 401 and "Phiên đăng nhập đã kết thúc" in page
        assert _login_next(page) == "/mot-cua"  # the inbox: no page of this site to go back to
    # A GET still goes to the login page and back.
    assert client.get("/mot-cua").status_code == 302
