"""The last active administrator, locked out by two administrators at once: with two active, each
locking the other (or both the same one) out, exactly one change goes through and the other is
refused, having waited for the first, with the usual words. Counted without a lock, both saw the
other still active and the province was left with none."""
from __future__ import annotations

import threading

from sqlalchemy import func, select

from tests.workspace.helpers import as_officer, html
from tests.workspace.test_counter_corrections import _officer
from tests.workspace.test_staff import _agency_id
from tests.workspace.test_staff import _officer as _found

PROVINCE = "000.00.00.H99"


def _form(app, token: str, name: str, email: str) -> dict:
    return {"csrf_token": token, "ho_ten": name, "email": email, "vai_tro": "admin",
            "co_quan": _agency_id(app, PROVINCE), "chuc_vu": ""}  # hoat_dong unticked: locked out


def _active_admins(app) -> int:
    from app.db import db
    from app.users.models import User
    with app.app_context():
        count = db.session.execute(select(func.count(User.id)).where(User.role == "admin", User.active.is_(True))).scalar()
        db.session.remove()
    return count


def _race(app, first_target: str, second: str, second_target: str):
    """`first_target` locked out in a transaction held open while `second`, over HTTP, locks
    `second_target` out; the HTTP response, once the first committed. (`second`'s own session
    stays valid throughout, so the answer is the change's and not a login page.)"""
    from app.clock import now
    from app.db import db
    from app.users import officers
    from app.users.models import User
    _officer(app, "admin2", "admin", PROVINCE)
    second_id = _found(app, second_target)[0]
    client = app.test_client()
    token = as_officer(client, second)
    form = _form(app, token, "Quản trị hệ thống" if second_target == "admin" else "Ngô Văn Hải",
                 f"{second_target}@binhan.example.vn")
    holding, outcome = threading.Event(), {}

    def first():
        with app.app_context():
            actor = db.session.execute(select(User).filter_by(username="admin")).scalar_one()
            target = db.session.execute(select(User).filter_by(username=first_target)).scalar_one()
            clean, errors = officers.validate({**form, "csrf_token": "", "email": target.email,
                                               "ho_ten": target.full_name}, target)
            assert not errors, errors
            officers.update(target, clean, actor, now())
            db.session.flush()
            holding.set()
            threading.Event().wait(1.0)  # the other change starts meanwhile
            db.session.commit()
            db.session.remove()

    def second():
        holding.wait(10)
        outcome["second"] = client.post(f"/mot-cua/can-bo/{second_id}", data=form)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return outcome["second"]


def test_two_administrators_locking_each_other_out_at_once_leave_one(clean_app):
    refused = _race(clean_app, "admin", "admin2", "admin2")
    assert refused.status_code == 409 and "quản trị cuối cùng" in html(refused)
    assert _active_admins(clean_app) == 1 and _found(clean_app, "admin2")[3] is True


def test_one_administrator_locked_out_twice_at_once_leaves_the_other(clean_app):
    second = _race(clean_app, "admin2", "admin", "admin2")
    assert second.status_code == 303  # admin2 locked out twice: admin stays
    assert _active_admins(clean_app) == 1 and _found(clean_app, "admin")[3] is True
