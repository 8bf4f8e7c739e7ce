"""A step open again for a dossier (the leader disagreed with a stop or sent the dossier back, the
citizen supplemented) goes to the officer who last completed it, who knows the dossier; the
timeline says so. An officer who may no longer work it leaves it to the group."""
from __future__ import annotations

from sqlalchemy import update

from tests.conftest import vn
from tests.workspace.helpers import (APPROVAL, CHECKED, POLICE, POLICE_TASK, SEARCH, STOP, STOP_APPROVAL, accept,
                                     as_officer, dossier, html, submit_lltp)

DISAGREE = {"quyet_dinh_dung": "khong_dong_y", "y_kien": "Xác minh thêm."}


def _holder(api, dossier_id: int, name: str) -> str | None:
    """Who holds the dossier's open step `name` (a user name), None for the group."""
    [task] = [t for t in dossier(api, dossier_id)["open_tasks"] if t["name"] == name]
    return task["claimed_by"]


def test_a_step_sent_back_returns_to_who_did_it(api, clock, client):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    api.complete("chuyenvien", SEARCH, STOP, dossier=dossier_id)
    api.complete("lanhdao", STOP_APPROVAL, DISAGREE, dossier=dossier_id)
    assert _holder(api, dossier_id, SEARCH) == "chuyenvien" and _holder(api, dossier_id, POLICE_TASK) is None
    as_officer(client, "chuyenvien")
    mine = html(client.get("/mot-cua?tab=cua-toi"))
    assert SEARCH in mine and "data-row " in mine
    page = html(client.get(f"/mot-cua/ho-so/{dossier_id}"))
    assert f"Bước «{SEARCH}» mở lại, chuyển cho Lê Văn Cường, người đã xử lý bước này" in page
    # Sent back after approval: the same again, from the leader's return.
    api.complete("chuyenvien", SEARCH, CHECKED, dossier=dossier_id)
    api.complete("congan", POLICE_TASK, POLICE, dossier=dossier_id)
    api.complete("lanhdao", APPROVAL, {"quyet_dinh": "tra_lai", "y_kien": "Xem lại."}, dossier=dossier_id)
    assert _holder(api, dossier_id, "Xác minh lại theo ý kiến lãnh đạo") is None  # never done before: the group's


def test_an_officer_who_may_no_longer_work_it_leaves_it_to_the_group(api, clock, clean_app):
    from app.db import db
    from app.users.models import User
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    api.complete("chuyenvien", SEARCH, STOP, dossier=dossier_id)
    with clean_app.app_context():
        db.session.execute(update(User).where(User.username == "chuyenvien").values(active=False))
        db.session.commit()
        db.session.remove()
    api.complete("lanhdao", STOP_APPROVAL, DISAGREE, dossier=dossier_id)
    assert _holder(api, dossier_id, SEARCH) is None
