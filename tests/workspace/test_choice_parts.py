"""What a field hidden by "ui:shownWhen" holds when the step is completed (ANALYST.md QT-57): a
reason typed before the specialist chose another decision is neither checked nor kept, so the
dossier never shows a reason beside a decision that has none."""
from __future__ import annotations

import pytest

from tests.conftest import vn
from tests.workspace.helpers import CHECKED, SEARCH, accept, as_officer, dossier, html, submit_lltp


@pytest.mark.rule("QT-57")
def test_a_reason_typed_for_another_decision_is_not_kept(api, clock, client, clean_app):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    task = api.task("chuyenvien", SEARCH)["id"]
    token = as_officer(client, "chuyenvien")
    typed = {"csrf_token": token, "action": "submit", "f.ket_qua_tham_dinh": "dat", "f.y_kien": CHECKED["y_kien"],
             "f.ly_do": "Cần bổ sung " * 400,  # over its 2,000 characters: not checked either
             "f.thanh_phan_can_bo_sung.0.thanh_phan": "Tờ khai"}
    response = client.post(f"/mot-cua/viec/{task}/xu-ly", data=typed)
    assert response.status_code == 303, html(response)
    from sqlalchemy import select

    from app.db import db
    from app.dossiers.models import DossierEvent
    with clean_app.app_context():
        kept = db.session.execute(select(DossierEvent.data).where(
            DossierEvent.dossier_id == dossier_id, DossierEvent.kind == "task_completed",
            DossierEvent.node_name == SEARCH)).scalar_one()
        db.session.remove()
    assert kept == {"ket_qua_tham_dinh": "dat", "y_kien": CHECKED["y_kien"]}
    assert dossier(api, dossier_id)["status"]["code"] == 4
    assert "Cần bổ sung" not in html(client.get(f"/mot-cua/ho-so/{dossier_id}"))
