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
    """The names the "Giao cho cán bộ" list offers."""
    select_html = re.search(r'<select id="can_bo".*?</select>', page, re.S).group(0)
    return re.findall(r"<option [^>]*>([^<]+)</option>", select_html)


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
