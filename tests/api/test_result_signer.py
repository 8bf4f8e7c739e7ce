"""The electronic result is signed by the leader who approved it (QT-22), never by whoever
moved the dossier to status 9 (QT-53): a diagram stored before bpmn check refused it may still
reach 9 on the desk's recording of a fee."""
from __future__ import annotations

import logging

import pytest

from tests.api.test_lifecycle import ACCEPT
from tests.api.test_new_procedure import write_procedure
from tests.conftest import Api, vn

APPRAISAL = '<bpmn:userTask id="Task_tham_dinh" name="Đối chiếu bản sao với bản chính">'
FOUR = '<spiffworkflow:property name="status" value="4" />'


@pytest.mark.rule("QT-53")
def test_status_9_reached_by_the_cashier_issues_no_result_in_their_name(
        clean_app, database_url, tmp_path, monkeypatch, caplog):
    from app import create_app
    from app.catalogue.loader import load_catalogue
    from app.db import db
    from engine.diagram_check import DiagramChecker
    write_procedure(tmp_path)
    path = tmp_path / "bpmn" / "chung_thuc_ban_sao.bpmn"
    xml = path.read_text(encoding="utf-8")
    at = xml.index(FOUR, xml.index(APPRAISAL))
    path.write_text(xml[:at] + FOUR.replace('"4"', '"9"') + xml[at + len(FOUR):], encoding="utf-8")
    # As stored before the check: status 9 reached when the fee that precedes the appraisal is paid.
    monkeypatch.setattr(DiagramChecker, "check_approved_before", lambda self, node: None)
    monkeypatch.setattr(DiagramChecker, "check_status_places", lambda self, process: None)
    app = create_app(db=database_url, SECRET_KEY="test-secret", MOTCUA_BPMN_DIR=tmp_path / "bpmn",
                     MOTCUA_FORMS_DIR=tmp_path / "forms", MOTCUA_CATALOGUE_DIR=tmp_path / "catalogue",
                     MOTCUA_KEYS_DIR=clean_app.config["MOTCUA_KEYS_DIR"])
    with app.app_context():
        assert load_catalogue(tmp_path / "catalogue") == []
        db.session.remove()
    app.extensions["motcua_clock"].set(vn(2026, 11, 25, 9, 0))
    api = Api(app.test_client())
    response = api.post("/dossiers", "congdan", json={"procedure_code": "2.000815", "data": {
        "ho_ten_nguoi_yeu_cau": "Nguyễn Văn An", "ten_giay_to": "Bằng tốt nghiệp", "so_ban": 1}})
    dossier_id = response.get_json()["id"]
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT)
    with caplog.at_level(logging.ERROR, logger="app.dossiers.transitions"):
        assert api.post(f"/dossiers/{dossier_id}/fee", "motcua", json={"channel": "counter"}).status_code == 200
    state = api.get(f"/dossiers/{dossier_id}", "motcua").get_json()
    kinds = [e["kind"] for e in state["history"]]
    assert state["status"]["code"] == 9
    assert "result_issued" not in kinds and "result_not_issued" in kinds
    assert "no leader's approval on record" in caplog.text
