"""GET /api/v1/tasks is the inbox page's own query (app/dossiers/inbox.py): the same tabs,
filters, order and pages, and a clear message for a filter it does not know."""
from __future__ import annotations

from tests.api.test_lifecycle import BAN_SAO, BAN_SAO_FORM, LLTP, LLTP_FORM, submit
from tests.conftest import PASSWORD, vn

RECEPTION = "Tiếp nhận hồ sơ"


def _second_desk_officer(app) -> None:
    """Another one-stop officer of the same agency, who claims work the first one then cannot."""
    from sqlalchemy import select

    from app.db import db
    from app.users.passwords import hash_password
    from app.users.models import User
    with app.app_context():
        first = db.session.execute(select(User).where(User.username == "motcua")).scalar_one()
        db.session.add(User(username="motcua2", password_hash=hash_password(PASSWORD), role="one_stop",
                            agency_id=first.agency_id, full_name="Đỗ Thị Hạnh"))
        db.session.commit()
        db.session.remove()


def _names(response) -> list[str]:
    assert response.status_code == 200, response.get_json()
    return [t["dossier"]["applicant_name"] for t in response.get_json()["items"]]


def test_the_tabs_and_filters_of_the_inbox(api, clock, clean_app):
    _second_desk_officer(clean_app)
    clock.set(vn(2026, 11, 23, 8, 0))
    submit(api, LLTP, {**LLTP_FORM, "ho_ten": "Trần Thị Bình"})
    clock.set(vn(2026, 11, 23, 9, 0))
    submit(api, BAN_SAO, BAN_SAO_FORM)
    clock.set(vn(2026, 11, 23, 10, 0))
    submit(api, LLTP, {**LLTP_FORM, "ho_ten": "Lê Văn Cường"})
    everyone = _names(api.get("/tasks?tab=group", "motcua"))
    assert len(everyone) == 3 and everyone[0] == "Trần Thị Bình"  # due first
    taken = [t for t in api.get("/tasks", "motcua2").get_json()["items"]
             if t["dossier"]["applicant_name"] == "Lê Văn Cường"][0]
    assert api.post(f"/tasks/{taken['id']}/claim", "motcua2").status_code == 200
    # What I may take up (the default) leaves out another officer's claimed task; the group has it.
    assert "Lê Văn Cường" not in _names(api.get("/tasks", "motcua"))
    assert _names(api.get("/tasks?tab=mine", "motcua2")) == ["Lê Văn Cường"]
    assert _names(api.get("/tasks?mine=1", "motcua2")) == ["Lê Văn Cường"]
    assert "Lê Văn Cường" in _names(api.get("/tasks?tab=group", "motcua"))
    assert "Lê Văn Cường" not in _names(api.get("/tasks?tab=unclaimed", "motcua"))
    # Filters: procedure by its code, a name without accents, due.
    assert _names(api.get(f"/tasks?tab=group&procedure={BAN_SAO}", "motcua")) == [BAN_SAO_FORM["ho_ten_nguoi_yeu_cau"]]
    assert _names(api.get("/tasks?tab=group&q=tran thi binh", "motcua")) == ["Trần Thị Bình"]
    assert _names(api.get("/tasks?tab=group&due=overdue", "motcua")) == []
    clock.set(vn(2026, 11, 25, 8, 30))  # past 8 working hours of the first only (24/11 is a holiday)
    assert _names(api.get("/tasks?tab=group&due=overdue", "motcua")) == ["Trần Thị Bình"]
    body = api.get("/tasks?tab=group&page=9", "motcua").get_json()
    assert (body["total"], body["page"], body["pages"], len(body["items"])) == (3, 1, 1, 3)


def test_an_unknown_filter_is_refused_in_words(api):
    for query, field, words in (("tab=all", "tab", "mine"), ("due=soon", "due", "overdue"),
                                ("status=x", "status", "số nguyên dương"), ("page=0", "page", "số nguyên dương"),
                                ("status=999", "status", "Giá trị phải là một trong: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10."),
                                ("procedure=9.999999", "procedure", "Không có thủ tục mã «9.999999»")):
        response = api.get(f"/tasks?{query}", "motcua")
        assert response.status_code == 422, query
        [problem] = response.get_json()["error"]["fields"]
        assert problem["field"] == field and words in problem["message"], problem
