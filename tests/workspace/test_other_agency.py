"""Another agency's desk officer acting on a dossier they cannot see: every address answers as
if the dossier did not exist (404), the fee actions included, and nothing changes."""
from __future__ import annotations

from tests.conftest import PASSWORD, vn
from tests.workspace.helpers import ACCEPT, as_officer, dossier, submit_lltp


def _desk_officer_of_the_police(clean_app) -> None:
    from app.agencies.models import Agency
    from app.db import db
    from app.users.models import User
    from app.users.passwords import hash_password
    with clean_app.app_context():
        police = db.session.query(Agency).filter_by(code="000.00.30.H99").one()
        db.session.add(User(username="motcua_ca", password_hash=hash_password(PASSWORD), role="one_stop",
                            agency_id=police.id, full_name="Đinh Văn Khoa"))
        db.session.commit()
        db.session.remove()


def test_the_fee_actions_do_not_confirm_another_agencys_dossier(api, clean_app, client, clock):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT)  # now waiting for its fee at the desk
    _desk_officer_of_the_police(clean_app)
    token = as_officer(client, "motcua_ca")
    for path in (f"/mot-cua/ho-so/{dossier_id}", f"/mot-cua/ho-so/{dossier_id}/thu-phi",
                 f"/mot-cua/ho-so/{dossier_id}/hoan-phi/1", f"/mot-cua/ho-so/{dossier_id}/bien-lai/1",
                 "/mot-cua/ho-so/999999/thu-phi", "/mot-cua/ho-so/999999/hoan-phi/1"):
        send = client.get if path == f"/mot-cua/ho-so/{dossier_id}" else client.post
        answer = send(path, data={"csrf_token": token, "hinh_thuc": "counter", "cach_hoan": "Tiền mặt"})
        assert answer.status_code == 404, path
    state = dossier(api, dossier_id)
    assert state["status"]["code"] == 6 and state["amount_due"]  # still waiting for its fee
    # The dossier's own agency, not at the desk: refused as before (it may see the dossier).
    token = as_officer(client, "chuyenvien")
    assert client.post(f"/mot-cua/ho-so/{dossier_id}/thu-phi", data={"csrf_token": token}).status_code == 403
