"""The agency's signing key is missing when a leader approves or the desk signs a receipt: the
officer is told to call the administrator, in words without the server's file paths; the path
(or the device's problem) is in the server log for the operator, and nothing of the approval is
done."""
from __future__ import annotations

import logging

from tests.api.test_lifecycle import pay
from tests.conftest import vn
from tests.workspace.helpers import (
    ACCEPT, APPROVAL, APPROVE, CHECKED, POLICE, POLICE_TASK, SEARCH, as_officer, awaiting_approval, dossier, html,
    submit_lltp, task_id,
)

SAID = "Chưa có khóa ký số của cơ quan; liên hệ quản trị hệ thống."
UNUSABLE = "Khóa ký số của cơ quan chưa dùng được; liên hệ quản trị hệ thống."


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


def test_a_key_missing_from_the_pkcs11_token_refuses_the_approval_and_changes_nothing(
        api, clean_app, client, clock, tmp_path, caplog):
    """pyHanko's PKCS11Error ('Could not find private key with label') used to reach the leader
    as an HTTP 500."""
    from app.dossiers.results import of_dossier
    from app.signing.keys import AgencyIdentity
    from tests.signing.softhsm import config_for, generate_rsa_key, keys_dir_for, softhsm

    clock.set(vn(2026, 11, 23, 8, 0))
    saved = {k: clean_app.config.get(k) for k in ("MOTCUA_KEYS_DIR", "MOTCUA_PKCS11_LIB", "MOTCUA_PKCS11_TOKEN",
                                                   "MOTCUA_PKCS11_PIN")}
    with softhsm(tmp_path / "softhsm", "motcua-duyet") as module:
        directory = keys_dir_for(tmp_path / "keys", {}, vn(2026, 11, 23, 8, 0))
        clean_app.config.update(config_for(directory, "motcua-duyet"))
        try:
            caplog.set_level(logging.ERROR)
            dossier_id = submit_lltp(api)
            awaiting_approval(api, dossier_id)
            token = as_officer(client, "lanhdao")
            task = task_id(html(client.get("/mot-cua?tab=nhom")), APPROVAL)
            refused = client.post(f"/mot-cua/viec/{task}/xu-ly", data={
                "csrf_token": token, "action": "submit", "f.quyet_dinh": APPROVE["quyet_dinh"],
                "f.y_kien": APPROVE["y_kien"]})
            assert refused.status_code == 409 and UNUSABLE in html(refused)
            assert api.complete("lanhdao", APPROVAL, APPROVE, expect=409)["error"]["message"] == UNUSABLE
            assert "Thẻ «motcua-duyet» không có khóa bí mật nhãn «000.00.12.H99»" in caplog.text
            with clean_app.app_context():
                assert dossier(api, dossier_id)["status"]["code"] != 9 and of_dossier(dossier_id) == []
            # The key imported with the agency's code as its label: the same approval goes through.
            public_key = generate_rsa_key(module, "motcua-duyet", "000.00.12.H99")
            agency = AgencyIdentity("000.00.12.H99", "Sở Tư pháp tỉnh Bình An", "Ủy ban nhân dân tỉnh Bình An")
            keys_dir_for(directory, {agency: public_key}, vn(2026, 11, 23, 8, 0))
            api.complete("lanhdao", APPROVAL, APPROVE)
            assert dossier(api, dossier_id)["status"]["code"] == 9
            with clean_app.app_context():
                assert [r.code[-3:] for r in of_dossier(dossier_id)] == ["KQ1"]
        finally:
            clean_app.config.update(saved)
