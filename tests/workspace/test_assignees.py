"""Work is given only to officers who can log in, over HTTP: an account not activated yet (no
password set) or locked is left out of the assignee list, and an assignment to it is refused in
words on the page and over the API; once activated, the officer can be given work."""
from __future__ import annotations

import re

from sqlalchemy import select, update

from tests.conftest import vn
from tests.web.pages import csrf
from tests.workspace.helpers import SEARCH, accept, as_officer, html, submit_lltp
from tests.workspace.test_counter_accounts import PASSWORD, _activation_path
from tests.workspace.test_staff import NEW, _agency_id, _officer


def _options(page: str) -> list[str]:
    """The names the "Giao cho cán bộ" list offers (not its empty first choice)."""
    select_html = re.search(r'<select id="can_bo".*?</select>', page, re.S).group(0)
    return re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', select_html)


def _lock(app, username: str) -> None:
    from app.db import db
    from app.users.models import User
    with app.app_context():
        db.session.execute(update(User).where(User.username == username).values(active=False))
        db.session.commit()
        db.session.remove()


def _holder(app, task_id: str) -> int | None:
    from app.db import db
    from app.dossiers.models import OpenTask
    with app.app_context():
        found = db.session.execute(select(OpenTask.claimed_by_id).where(OpenTask.id == task_id)).scalar()
        db.session.remove()
    return found


def test_only_officers_who_can_log_in_are_given_work(api, client, clock, clean_app, mail_sink):
    clock.set(vn(2026, 11, 23, 8, 0))
    token = as_officer(client, "admin")
    made = client.post("/mot-cua/can-bo/moi", data={"csrf_token": token, **NEW,
                                                    "co_quan": _agency_id(clean_app, "000.00.12.H99")})
    assert made.status_code == 303
    newcomer = _officer(clean_app, NEW["ten_dang_nhap"])[0]
    accept(api, submit_lltp(api))
    task = api.task("chuyenvien", SEARCH)["id"]

    token = as_officer(client, "lanhdao")
    assert _options(html(client.get(f"/mot-cua/viec/{task}"))) == ["Lê Văn Cường"]  # not the unactivated one
    refused = client.post(f"/mot-cua/viec/{task}/giao", data={"csrf_token": token, "can_bo": newcomer,
                                                              "next": f"/mot-cua/viec/{task}"}, follow_redirects=True)
    assert "Tài khoản của Đỗ Thị Hoa chưa được kích hoạt (cán bộ chưa đặt mật khẩu) nên không giao việc được" \
        in html(refused)
    assert _holder(clean_app, task) is None
    body = api.post(f"/tasks/{task}/assign", "lanhdao", json={"assignee": NEW["ten_dang_nhap"]})
    assert body.status_code == 422
    assert "chưa được kích hoạt" in body.get_json()["error"]["message"]

    # A locked account: left out as well, and refused with its own reason.
    _lock(clean_app, "chuyenvien")
    assert _options(html(client.get(f"/mot-cua/viec/{task}"))) == []
    body = api.post(f"/tasks/{task}/assign", "lanhdao", json={"assignee": "chuyenvien"})
    assert body.status_code == 422
    assert body.get_json()["error"]["message"] == "Tài khoản của Lê Văn Cường đã bị khóa nên không giao việc được; " \
                                                  "chọn cán bộ khác."
    assert _holder(clean_app, task) is None

    # Activated from the mail, the newcomer is offered and given the task.
    client.post("/dang-xuat", data={"csrf_token": token})
    link = _activation_path(mail_sink)
    assert client.post(link, data={"csrf_token": csrf(client, link), "mat_khau": PASSWORD,
                                   "nhap_lai_mat_khau": PASSWORD}).status_code == 303
    token = as_officer(client, "lanhdao")
    assert _options(html(client.get(f"/mot-cua/viec/{task}"))) == ["Đỗ Thị Hoa"]
    assert client.post(f"/mot-cua/viec/{task}/giao", data={"csrf_token": token, "can_bo": newcomer}).status_code == 303
    assert _holder(clean_app, task) == newcomer


def _field(page: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', page).group(1)


def test_a_task_claimed_while_the_leaders_page_was_open_is_not_taken_unseen(api, client, clock, clean_app):
    """The leader's page showed nobody holding the task; the specialist claimed it meanwhile.
    Giving it to someone else is refused, saying who holds it since when; from the refreshed
    page (which shows the holder) the leader may confirm."""
    clock.set(vn(2026, 11, 23, 8, 0))
    accept(api, submit_lltp(api))
    task = api.task("chuyenvien", SEARCH)["id"]
    token = as_officer(client, "lanhdao")
    page = html(client.get(f"/mot-cua/viec/{task}"))
    assert _field(page, "nguoi_giu") == ""
    # The list starts with nobody chosen: one click does not give the task to whoever sorts first.
    chooser = re.search(r'<select id="can_bo".*?</select>', page, re.S).group(0)
    assert re.search(r'<select[^>]*><option value="">— chọn cán bộ —</option>', chooser) and "selected" not in chooser
    nobody = client.post(f"/mot-cua/viec/{task}/giao", data={"csrf_token": token, "can_bo": "", "nguoi_giu": "",
                                                             "next": f"/mot-cua/viec/{task}"})
    assert nobody.status_code == 303 and _holder(clean_app, task) is None
    assert "Chưa giao việc: chọn cán bộ" in html(client.get(nobody.headers["Location"]))
    specialist = re.search(r'<option value="(\d+)">Trần Văn Cường</option>', page)
    specialist = int(specialist.group(1)) if specialist else None
    clock.set(vn(2026, 11, 23, 9, 15))
    assert api.post(f"/tasks/{task}/claim", "chuyenvien").status_code == 200
    holder = _holder(clean_app, task)
    from app.db import db
    from app.users.models import User
    with clean_app.app_context():
        db.session.add(User(username="chuyenvien2", password_hash="x", role="specialist", full_name="Đỗ Thị Hoa",
                            agency_id=db.session.get(User, holder).agency_id, email_verified_at=vn(2026, 11, 2, 8, 0)))
        db.session.commit()
        other = db.session.execute(select(User.id).where(User.username == "chuyenvien2")).scalar_one()
        holder_name = db.session.get(User, holder).full_name
        db.session.remove()
    assert specialist in (None, holder)
    stale = client.post(f"/mot-cua/viec/{task}/giao", data={"csrf_token": token, "can_bo": other, "nguoi_giu": "",
                                                            "next": f"/mot-cua/viec/{task}"})
    assert stale.status_code == 303 and _holder(clean_app, task) == holder
    refreshed = html(client.get(stale.headers["Location"]))
    assert f"Chưa giao việc: trong lúc trang mở, công việc đã do {holder_name} giữ từ 09:15 ngày 23/11/2026" in refreshed
    assert _field(refreshed, "nguoi_giu") == str(holder)
    confirmed = client.post(f"/mot-cua/viec/{task}/giao", data={
        "csrf_token": token, "can_bo": other, "nguoi_giu": _field(refreshed, "nguoi_giu")})
    assert confirmed.status_code == 303 and _holder(clean_app, task) == other
