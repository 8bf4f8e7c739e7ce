"""An administrator's actions give their home agency nothing to read; an administrator reads, over
the API, the tasks they may assign; a desk of another agency is not told a dossier exists."""
from __future__ import annotations

from tests.conftest import vn
from tests.workspace.helpers import SEARCH, accept, submit_lltp


def test_an_administrators_reassignment_opens_the_dossier_to_nobody_of_their_agency(api, clock):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    assert api.get(f"/dossiers/{dossier_id}", "dieuphoi").status_code == 404  # the province's office
    items = api.get("/tasks?agency=000.00.12.H99", "admin").get_json()["items"]
    task = next(t for t in items if t["name"] == SEARCH and t["dossier"]["id"] == dossier_id)
    read = api.get(f"/tasks/{task['id']}", "admin")
    assert read.status_code == 200 and read.get_json()["form"]["schema"]
    assert api.post(f"/tasks/{task['id']}/assign", "admin", json={"assignee": "chuyenvien"}).status_code == 200
    assert api.get(f"/dossiers/{dossier_id}", "dieuphoi").status_code == 404  # still nobody's business there
    assert api.get(f"/dossiers/{dossier_id}", "chuyenvien").status_code == 200


def test_an_administrator_lists_only_the_group_and_names_a_real_agency(api):
    mine = api.get("/tasks?tab=mine", "admin")
    assert mine.status_code == 422 and "group" in str(mine.get_json())
    unknown = api.get("/tasks?agency=999.99.99.H99", "admin")
    assert unknown.status_code == 422 and "Không có cơ quan mã «999.99.99.H99»" in str(unknown.get_json())


def test_another_agencys_desk_is_not_told_the_dossier_exists(api, clock, clean_app):
    from app.agencies.models import Agency
    from app.db import db
    from app.users.models import User
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    api.complete("motcua", "Tiếp nhận hồ sơ", {"quyet_dinh": "tiep_nhan"}, dossier=dossier_id)  # waits for the fee
    with clean_app.app_context():
        other = db.session.execute(db.select(Agency).where(Agency.code != "000.00.12.H99")).scalars().first()
        db.session.execute(db.update(User).where(User.username == "motcua").values(agency_id=other.id))
        db.session.commit()
        db.session.remove()
    known = api.post(f"/dossiers/{dossier_id}/fee", "motcua", json={})
    unknown = api.post("/dossiers/99999/fee", "motcua", json={})
    assert known.status_code == unknown.status_code == 404
    assert "Không tìm thấy hồ sơ" in known.get_json()["error"]["message"]
