"""The desk changes a counter-created account (its address, its details) at the moment its owner
activates it: the desk's change waits for the activation, then sees the account taken over and
is refused, as it is afterwards. Checked without a lock, it went through and changed an account
its owner had just claimed (the address the owner verified replaced)."""
from __future__ import annotations

import re
import threading

from sqlalchemy import select

from tests.conftest import vn
from tests.workspace.helpers import as_officer, html
from tests.workspace.test_counter_corrections import CITIZEN, FIXED, _account, _trail


def _activating_meanwhile(app, post):
    """The owner's activation holds the account's lock (as accounts/views.py reset does) while
    `post` (the desk's request) runs; its response, once the activation committed."""
    from app.db import db, locked, utcnow
    from app.users.models import User
    holding, answers = threading.Event(), []

    def owner():
        with app.app_context():
            uid = db.session.execute(select(User.id).where(User.username == CITIZEN["so_cccd"])).scalar_one()
            db.session.rollback()
            user = locked(select(User).where(User.id == uid), User, uid, "token_generation").scalar_one()
            user.email_verified_at = utcnow()
            user.end_sessions()
            holding.set()
            threading.Event().wait(1.0)  # the desk's request starts meanwhile
            db.session.commit()
            db.session.remove()

    worker = threading.Thread(target=owner)
    worker.start()
    holding.wait(10)
    answers.append(post())
    worker.join(30)
    return answers[0]


def _recorded(client) -> tuple[str, str, str]:
    token = as_officer(client, "motcua")
    page = html(client.post("/mot-cua/tiep-nhan", follow_redirects=True, data={"csrf_token": token, **CITIZEN, "email": "tam@example.vn"}))
    email = re.search(r'action="(/mot-cua/tiep-nhan/\d+/thu-dien-tu)"', page).group(1)
    correct = re.search(r'action="(/mot-cua/tiep-nhan/\d+/sua-thong-tin)"', page).group(1)
    return token, email, correct


def test_the_address_is_not_changed_under_an_owner_activating(client, clock, clean_app):
    clock.set(vn(2026, 11, 23, 9, 0))
    token, action, _ = _recorded(client)
    refused = _activating_meanwhile(clean_app, lambda: client.post(action, data={"csrf_token": token,
                                                                                  "email": "khac@example.vn"}))
    assert refused.status_code == 403, html(refused)
    assert _account(clean_app)["email"] == "tam@example.vn" and _trail(clean_app) == []


def test_the_details_are_not_corrected_under_an_owner_activating(client, clock, clean_app):
    clock.set(vn(2026, 11, 23, 9, 0))
    token, _, action = _recorded(client)
    refused = _activating_meanwhile(clean_app, lambda: client.post(action, data={"csrf_token": token, **FIXED}))
    assert refused.status_code == 403, html(refused)
    assert _account(clean_app)["name"] == CITIZEN["ho_ten"] and _trail(clean_app) == []
