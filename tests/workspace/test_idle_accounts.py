"""Officer accounts nobody uses are locked (DOMAIN.md §9): after the province's
`officer_idle_days` without a login the scheduler's job deactivates the account, gives its claimed
tasks back to the group and mails the officer (a real local SMTP server); the administrator sees
why on the officers' page and opens it again, and its idle time counts from then; administrators
themselves are never locked by it."""
from __future__ import annotations

from click.testing import CliRunner
from sqlalchemy import select

from tests.conftest import PASSWORD, vn
from tests.workspace.helpers import SEARCH, accept, as_officer, dossier, html, submit_lltp
from tests.workspace.test_counter_accounts import _log_in


def _users(app) -> dict:
    from app.db import db
    from app.users.models import User
    with app.app_context():
        found = {u.username: (u.active, u.last_login_at, u.idle_locked_at)
                 for u in db.session.execute(select(User)).scalars()}
        db.session.remove()
    return found


def _lock(app, at):
    from app.mail.outbox import deliver_pending
    from app.users.idle import lock_idle
    with app.app_context():
        locked = sorted(u.username for u in lock_idle(at))
        deliver_pending(at)
        return locked


def test_an_unused_officer_account_is_locked_and_opened_again(api, clock, client, clean_app, mail_sink):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    api.post(f"/tasks/{api.task('chuyenvien', SEARCH)['id']}/claim", "chuyenvien")
    clock.set(vn(2027, 2, 1, 9, 0))
    assert _log_in(client, "motcua", PASSWORD).status_code == 303  # a real login, with the password
    assert _users(clean_app)["motcua"][1] == vn(2027, 2, 1, 9, 0)
    client.get("/dang-xuat")

    # 90 days (the demo province's policy) after their accounts were opened, nobody else logged in.
    at = vn(2027, 3, 2, 9, 0)
    locked = _lock(clean_app, at)
    assert "chuyenvien" in locked and "lanhdao" in locked
    assert "motcua" not in locked and "admin" not in locked
    users = _users(clean_app)
    assert users["chuyenvien"][0] is False and users["chuyenvien"][2] == at
    state = dossier(api, dossier_id)  # the specialist's claimed task is back with the group
    assert [t["claimed_by"] for t in state["open_tasks"] if t["name"] == SEARCH] == [None]
    assert state["history"][-1]["summary"] == f"Trả lại bước «{SEARCH}» cho nhóm"
    mails = [m for m in mail_sink.messages if m["To"] == "chuyenvien@binhan.example.vn"]
    assert mails and "đã bị khóa" in mails[0]["Subject"]
    assert "không được sử dụng" in mails[0].get_body(preferencelist=("plain",)).get_content()
    assert _lock(clean_app, at) == []  # run again: nothing more to do
    clock.set(at)
    # The right password is told the account is closed and whom to ask; a wrong one learns nothing.
    closed = _log_in(client, "chuyenvien", PASSWORD)
    assert closed.status_code == 403 and "Tài khoản này đã bị khóa vì lâu không sử dụng" in html(closed)
    guessed = _log_in(client, "chuyenvien", "SaiMatKhau2026")
    assert guessed.status_code == 401 and "Tên đăng nhập hoặc mật khẩu không đúng." in html(guessed)

    token = as_officer(client, "admin")
    listing = html(client.get("/mot-cua/can-bo?trang_thai=khoa-do-khong-dung"))
    assert "Lê Văn Cường" in listing and "Khóa vì lâu không sử dụng" in listing
    assert "Trần Thị Bình" not in listing  # the desk logged in: still active
    assert "Hoàng Văn Em" in listing and "Chưa đăng nhập" in listing  # the police specialist, never
    assert "01/02/2027" in html(client.get("/mot-cua/can-bo?q=motcua"))  # the desk's last login
    officer = _lookup(clean_app, "chuyenvien")
    page = html(client.get(f"/mot-cua/can-bo/{officer.id}"))
    assert "Hệ thống tự khóa tài khoản lúc 09:00 ngày 02/03/2027" in page
    assert "08:00 ngày 23/11/2026" in page  # its last login: the API token it claimed the task with
    form = {"csrf_token": token, "ho_ten": officer.full_name, "email": officer.email, "vai_tro": "specialist",
            "co_quan": str(officer.agency_id), "chuc_vu": officer.position or "", "hoat_dong": "1"}
    assert client.post(f"/mot-cua/can-bo/{officer.id}", data=form).status_code == 303
    assert _users(clean_app)["chuyenvien"][:3:2] == (True, None)
    assert "chuyenvien" not in _lock(clean_app, vn(2027, 3, 3, 9, 0))  # idle time counts from the reopening
    assert "chuyenvien" in _lock(clean_app, vn(2027, 6, 2, 9, 0))


def test_the_operator_runs_the_lock_from_the_command_line(clean_app):
    """The command works on the wall clock: an account opened 200 days ago and never used."""
    from datetime import datetime, timedelta, timezone

    from app.db import db
    from app.users.cli import lock_idle_command
    from app.users.models import User
    with clean_app.app_context():
        user = db.session.execute(select(User).where(User.username == "lanhdao")).scalar_one()
        user.created_at = datetime.now(timezone.utc) - timedelta(days=200)
        db.session.commit()
        db.session.remove()
    result = CliRunner().invoke(lock_idle_command, ["--db", clean_app.config["SQLALCHEMY_DATABASE_URI"]])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Đã khóa 1 tài khoản không sử dụng quá 90 ngày: lanhdao."
    assert _users(clean_app)["lanhdao"][0] is False


def _lookup(app, username: str):
    from app.db import db
    from app.users.models import User
    with app.app_context():
        user = db.session.execute(select(User).where(User.username == username)).scalar_one()
        db.session.expunge(user)
        db.session.remove()
    return user
