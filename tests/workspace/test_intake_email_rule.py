"""The address a counter-created account is activated with is where its activation link goes:
only the one-stop desk of the agency that opened the account (an administrator: any) sets or
changes it, and only while nobody has taken the account over, the rule of the correction form.
A refused request says why, answers 403 like the correction form, and changes nothing: no
address, no trail, no mail."""
from __future__ import annotations

import re

from sqlalchemy import update

from tests.conftest import vn
from tests.web.pages import csrf, login
from tests.workspace.helpers import as_officer, html
from tests.workspace.test_counter_corrections import CITIZEN, LOOKUP, _account, _officer, _trail

OTHER_AGENCY = "chỉ sửa được tài khoản do cơ quan bạn lập"


def _recorded_without_address(client) -> str:
    """The Ministry of Justice desk records the citizen with no address: the e-mail form's action."""
    token = as_officer(client, "motcua")
    page = html(client.post("/mot-cua/tiep-nhan", follow_redirects=True, data={"csrf_token": token, **CITIZEN}))
    return re.search(r'action="(/mot-cua/tiep-nhan/\d+/thu-dien-tu)"', page).group(1)


def _as(client, app, username: str, role: str, agency_code: str) -> str:
    _officer(app, username, role, agency_code)
    login(client, username)
    return csrf(client, "/mot-cua")


def test_another_agencys_desk_cannot_send_the_activation_elsewhere(client, clock, clean_app, mail_sink):
    clock.set(vn(2026, 11, 23, 9, 0))
    action = _recorded_without_address(client)
    before = _account(clean_app)
    # The police's one-stop desk finds the same citizen, without the form and with who may.
    token = _as(client, clean_app, "motcua_ca", "one_stop", "000.00.30.H99")
    page = html(client.get(LOOKUP))
    assert "Tiếp nhận hồ sơ cho Đặng Thị Tấm" in page and "thu-dien-tu" not in page
    assert "Tài khoản do Sở Tư pháp tỉnh Bình An lập tại quầy" in page
    refused = client.post(action, data={"csrf_token": token, "email": "ke.gian@example.vn"})
    text = html(refused)
    assert refused.status_code == 403 and OTHER_AGENCY in text and 'id="thu-dien-tu"' in text
    assert 'href="#thu-dien-tu"' in text  # the error summary leads to the reason
    assert _account(clean_app) == before and before["email"] is None
    assert _trail(clean_app) == [] and mail_sink.messages == []
    # An address already there is not replaced either.
    clock.set(vn(2026, 11, 23, 9, 10))
    token = as_officer(client, "motcua")
    assert client.post(action, data={"csrf_token": token, "email": "tam@example.vn"}).status_code == 303
    login(client, "motcua_ca")
    refused = client.post(action, data={"csrf_token": csrf(client, "/mot-cua"), "email": "ke.gian@example.vn"})
    assert refused.status_code == 403 and _account(clean_app)["email"] == "tam@example.vn"
    assert [m["To"] for m in mail_sink.messages] == ["tam@example.vn"] and len(_trail(clean_app)) == 1


def test_any_desk_officer_of_the_opening_agency_and_the_administrator_may(client, clock, clean_app, mail_sink):
    clock.set(vn(2026, 11, 23, 9, 0))
    action = _recorded_without_address(client)
    # A colleague at the same agency's desk, not the officer who recorded the citizen.
    token = _as(client, clean_app, "motcua_tp2", "one_stop", "000.00.12.H99")
    assert 'action="' + action + '"' in html(client.get(LOOKUP))
    done = client.post(action, data={"csrf_token": token, "email": "tam@example.vn"})
    assert done.status_code == 303
    assert "gửi thư kích hoạt tài khoản tới tam@example.vn" in html(client.get(done.headers["Location"]))
    clock.set(vn(2026, 11, 23, 9, 30))
    token = as_officer(client, "admin")
    assert client.post(action, data={"csrf_token": token, "email": "tam.dang@example.vn"}).status_code == 303
    assert _account(clean_app)["email"] == "tam.dang@example.vn"
    assert [m["To"] for m in mail_sink.messages] == ["tam@example.vn", "tam.dang@example.vn"]
    assert _trail(clean_app) == [[{"field": "email", "old": None, "new": "tam@example.vn"}],
                                 [{"field": "email", "old": "tam@example.vn", "new": "tam.dang@example.vn"}]]


def test_once_the_owner_took_the_account_the_desk_no_longer_sets_its_address(client, clock, clean_app, mail_sink):
    from app.db import db
    from app.users.models import User
    clock.set(vn(2026, 11, 23, 9, 0))
    action = _recorded_without_address(client)
    before = _account(clean_app)
    # Logged in (how it came to be does not matter): the account is its owner's.
    with clean_app.app_context():
        db.session.execute(update(User).where(User.id == before["id"]).values(last_login_at=vn(2026, 11, 23, 9, 5)))
        db.session.commit()
        db.session.remove()
    token = as_officer(client, "motcua")
    assert "thu-dien-tu" not in html(client.get(LOOKUP))
    refused = client.post(action, data={"csrf_token": token, "email": "tam@example.vn"})
    assert refused.status_code == 403 and "chưa kích hoạt, chưa đăng nhập" in html(refused)
    # Activated: refused with that reason, the administrator too.
    with clean_app.app_context():
        db.session.execute(update(User).where(User.id == before["id"]).values(
            last_login_at=None, email="tam@example.vn", email_verified_at=vn(2026, 11, 23, 9, 6)))
        db.session.commit()
        db.session.remove()
    for officer in ("motcua", "admin"):
        token = as_officer(client, officer)
        refused = client.post(action, data={"csrf_token": token, "email": "khac@example.vn"})
        assert refused.status_code == 403 and "đã được công dân kích hoạt" in html(refused), officer
    assert _account(clean_app)["email"] == "tam@example.vn"
    assert _trail(clean_app) == [] and mail_sink.messages == []


def test_an_address_taken_in_the_meantime_is_said_not_a_crash(client, clock, clean_app, mail_sink, monkeypatch):
    """Another account got the address between the check and the write (two desks at once): the
    unique index refuses it, and the desk reads why; nothing is recorded, no mail goes out."""
    from app.workspace import intake
    clock.set(vn(2026, 11, 23, 9, 0))
    action = _recorded_without_address(client)
    before = _account(clean_app)
    taken = _account(clean_app, "congdan")["email"]
    monkeypatch.setattr(intake, "_email", lambda form: (taken, None))  # the check passed a moment before
    token = csrf(client, "/mot-cua")
    response = client.post(action, data={"csrf_token": token, "email": taken})
    assert response.status_code == 422 and "đã thuộc về tài khoản khác" in html(response)
    assert _account(clean_app) == before and _trail(clean_app) == []
