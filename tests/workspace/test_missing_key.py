"""The agency's signing key is missing when a leader approves or the desk signs a receipt: the
officer is told to call the administrator, in words without the server's file paths; the path
is in the server log for the operator."""
from __future__ import annotations

import logging

from tests.api.test_lifecycle import pay
from tests.conftest import vn
from tests.workspace.helpers import (
    ACCEPT, APPROVAL, APPROVE, CHECKED, POLICE, POLICE_TASK, SEARCH, as_officer, dossier, html, submit_lltp, task_id,
)

SAID = "Chưa có khóa ký số của cơ quan; liên hệ quản trị hệ thống."


def test_officers_are_not_shown_where_the_keys_are_kept(api, clean_app, client, clock, tmp_path, caplog):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT)
    keys = clean_app.config["MOTCUA_KEYS_DIR"]
    missing = tmp_path / "no-keys"
    clean_app.config["MOTCUA_KEYS_DIR"] = str(missing)
    try:
        caplog.set_level(logging.ERROR)
        pay(api, dossier_id)  # the payment stands, its receipt unsigned
        token = as_officer(client, "motcua")
        client.post(f"/mot-cua/ho-so/{dossier_id}/bien-lai/1", data={"csrf_token": token})
        page = html(client.get(f"/mot-cua/ho-so/{dossier_id}"))
        assert "Chưa ký được biên lai điện tử: " + SAID in page
        assert str(missing) not in page and ".pem" not in page
        api.complete("chuyenvien", SEARCH, CHECKED)
        api.complete("congan", POLICE_TASK, POLICE)
        token = as_officer(client, "lanhdao")
        task = task_id(html(client.get("/mot-cua?tab=nhom")), APPROVAL)
        refused = client.post(f"/mot-cua/viec/{task}/xu-ly", data={
            "csrf_token": token, "action": "submit", "f.quyet_dinh": APPROVE["quyet_dinh"], "f.y_kien": APPROVE["y_kien"]})
        assert refused.status_code == 409 and SAID in html(refused)
        assert str(missing) not in html(refused) and ".pem" not in html(refused)
        body = api.complete("lanhdao", APPROVAL, APPROVE, expect=409)  # the API says the same
        assert body["error"]["message"] == SAID
        assert dossier(api, dossier_id)["status"]["code"] != 9
        assert str(missing / "000.00.12.H99.key.pem") in caplog.text  # the operator still finds the file
    finally:
        clean_app.config["MOTCUA_KEYS_DIR"] = keys
