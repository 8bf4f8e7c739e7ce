"""A third procedure needs only a diagram, its forms and a catalogue entry: no Python."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.api.test_lifecycle import ACCEPT, APPRAISE, APPROVE, RETURN
from tests.conftest import Api, vn

ROOT = Path(__file__).resolve().parents[2]


def write_procedure(folder: Path) -> None:
    """Derive 'Chứng thực bản sao từ bản chính' from the shipped files, as an analyst would:
    copy, rename the process, change a step's name and the form."""
    for name in ("bpmn", "forms", "catalogue"):
        shutil.copytree(ROOT / name, folder / name)
    xml = (ROOT / "bpmn" / "cap_ban_sao_trich_luc_ho_tich.bpmn").read_text(encoding="utf-8")
    xml = xml.replace("cap_ban_sao_trich_luc_ho_tich", "chung_thuc_ban_sao")
    xml = xml.replace('name="Thẩm định hồ sơ"', 'name="Đối chiếu bản sao với bản chính"')
    (folder / "bpmn" / "chung_thuc_ban_sao.bpmn").write_text(xml, encoding="utf-8")
    (folder / "forms" / "chung_thuc_ban_sao").mkdir()
    (folder / "forms" / "chung_thuc_ban_sao" / "don.schema.json").write_text(json.dumps({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Đề nghị chứng thực bản sao từ bản chính",
        "type": "object", "additionalProperties": False,
        "required": ["ho_ten_nguoi_yeu_cau", "ten_giay_to", "so_ban"],
        "properties": {
            "ho_ten_nguoi_yeu_cau": {"type": "string", "title": "Họ và tên người yêu cầu", "minLength": 1},
            "ten_giay_to": {"type": "string", "title": "Tên giấy tờ cần chứng thực", "minLength": 1},
            "so_ban": {"type": "integer", "title": "Số bản", "minimum": 1, "maximum": 50},
        },
    }, ensure_ascii=False), encoding="utf-8")
    entry = json.loads((ROOT / "catalogue" / "2.000635.json").read_text(encoding="utf-8"))
    entry.update(code="2.000815", name="Chứng thực bản sao từ bản chính giấy tờ, văn bản",
                 form="chung_thuc_ban_sao/don.schema.json", ui_schema=None,
                 bpmn_process_id="chung_thuc_ban_sao",
                 processing_time={"amount": 1, "unit": "working_days"})
    (folder / "catalogue" / "2.000815.json").write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")


def test_a_procedure_added_as_files_only_runs_end_to_end(clean_app, database_url, tmp_path):
    from app import create_app
    from app.catalogue.loader import load_catalogue
    from app.db import db
    write_procedure(tmp_path)
    app = create_app(db=database_url, SECRET_KEY="test-secret", MOTCUA_BPMN_DIR=tmp_path / "bpmn",
                     MOTCUA_FORMS_DIR=tmp_path / "forms", MOTCUA_CATALOGUE_DIR=tmp_path / "catalogue",
                     MOTCUA_KEYS_DIR=clean_app.config["MOTCUA_KEYS_DIR"])
    assert app.extensions["motcua_workflow"].problems == []
    with app.app_context():
        assert load_catalogue(tmp_path / "catalogue") == []
        db.session.remove()
    app.extensions["motcua_clock"].set(vn(2026, 11, 25, 9, 0))
    api = Api(app.test_client())

    found = api.get("/procedures?q=chung thuc ban sao").get_json()["items"]
    assert [p["code"] for p in found] == ["2.000815"]
    response = api.post("/dossiers", "congdan", json={"procedure_code": "2.000815", "data": {
        "ho_ten_nguoi_yeu_cau": "Nguyễn Văn An", "ten_giay_to": "Bằng tốt nghiệp", "so_ban": 3}})
    assert response.status_code == 201, response.get_json()
    dossier_id = response.get_json()["id"]
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT)
    assert api.get(f"/dossiers/{dossier_id}", "congdan").get_json()["due_at"] == "2026-11-26T09:00:00+07:00"
    assert api.get(f"/dossiers/{dossier_id}", "congdan").get_json()["amount_due"] == 3 * 8000  # the copied fee step
    assert api.post(f"/dossiers/{dossier_id}/fee", "motcua", json={"channel": "counter"}).status_code == 200
    api.complete("chuyenvien", "Đối chiếu bản sao với bản chính", APPRAISE)
    api.complete("lanhdao", "Phê duyệt kết quả", APPROVE)
    api.complete("motcua", "Trả kết quả", RETURN)
    final = api.get(f"/dossiers/{dossier_id}", "congdan").get_json()
    assert final["status"]["code"] == 10
    assert final["procedure"]["name"] == "Chứng thực bản sao từ bản chính giấy tờ, văn bản"
