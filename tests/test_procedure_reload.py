"""Procedures change while the system runs: what an analyst saves in bpmn/, forms/ and catalogue/
is served at the next request, without a restart; a broken save keeps the previous version
serving and shows the problem to administrators; running dossiers stay on their version."""
from __future__ import annotations

import json
import re
import time

import pytest

from tests.api.test_lifecycle import ACCEPT, APPRAISE
from tests.conftest import Api, vn
from tests.test_analyst_rules import BAN_SAO as PROCESS_BAN_SAO
from tests.test_procedure_new import APPLICATION, CODE, NAME, PROCESS, add_site_inspection, cli, written
from tests.web.pages import login
from tests.workspace.helpers import html


def _running_app(clean_app, database_url, folder):
    from app import create_app
    return create_app(db=database_url, SECRET_KEY="test-secret", MOTCUA_BPMN_DIR=folder / "bpmn",
                      MOTCUA_FORMS_DIR=folder / "forms", MOTCUA_CATALOGUE_DIR=folder / "catalogue",
                      MOTCUA_KEYS_DIR=clean_app.config["MOTCUA_KEYS_DIR"],
                      MOTCUA_UPLOAD_DIR=clean_app.config["MOTCUA_UPLOAD_DIR"], MOTCUA_RELOAD_SECONDS=0.01)


def _after_a_look():
    time.sleep(0.02)  # longer than the app's MOTCUA_RELOAD_SECONDS


def _found(api) -> list[str]:
    return [p["code"] for p in api.get("/procedures?q=to chuc le hoi").get_json()["items"]]


def _apply(api, copies: int = 1) -> int:
    response = api.post("/dossiers", "congdan", json={"procedure_code": CODE, "data": {**APPLICATION, "so_ban": copies}})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


@pytest.mark.rule("QT-26")
def test_a_new_and_a_changed_procedure_are_served_without_a_restart(clean_app, database_url, workspace):
    folder, env = workspace
    app = _running_app(clean_app, database_url, folder)
    api = Api(app.test_client())
    app.extensions["motcua_clock"].set(vn(2026, 12, 7, 9, 0))
    assert _found(api) == []

    result = cli({**env, "MOTCUA_DATABASE_URL": database_url}, "procedure", "new", CODE, "--name", NAME)
    assert result.exit_code == 0, result.output
    _after_a_look()
    assert _found(api) == [CODE]
    first = _apply(api)

    # The analyst adds a step: new dossiers take it, the one already running keeps its version.
    add_site_inspection(written(folder)["diagram"], folder / "forms")
    _after_a_look()
    second = _apply(api, copies=2)
    for dossier_id in (first, second):
        api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT)
        api.complete("chuyenvien", "Thẩm định hồ sơ", APPRAISE)
    names = {d: [t["name"] for t in api.get(f"/dossiers/{d}", "motcua").get_json()["open_tasks"]]
             for d in (first, second)}
    assert names == {first: ["Phê duyệt kết quả"], second: ["Kiểm tra thực địa"]}

    # The administrator sees both versions live, each with its running dossier, each drawable.
    client = app.test_client()
    login(client, "admin")
    page = html(client.get("/mot-cua/quy-trinh"))
    row = page[page.index(f'<tr id="{PROCESS}">'):]
    row = row[:row.index("</tr>")]
    assert CODE in row and row.count(": 1 hồ sơ") == 2 and row.count("bản hiện hành") == 1
    versions = re.findall(rf'/mot-cua/quy-trinh/{PROCESS}\?phien_ban=([0-9a-f]+)', row)
    assert len(versions) == 2
    drawn = {v: html(client.get(f"/mot-cua/quy-trinh/{PROCESS}?phien_ban={v}")) for v in versions}
    assert ['data-element-id="Task_kiem_tra_thuc_dia"' in d for d in drawn.values()] == [True, False]  # current first
    assert all("<svg" in d for d in drawn.values())
    # Where each version's dossier is: the current version's at the inspection, the old one's at approval.
    current, old = drawn.values()
    assert "<td>Kiểm tra thực địa</td><td><code>Task_kiem_tra_thuc_dia</code></td><td>1</td>" in current
    assert "<td>Phê duyệt kết quả</td><td><code>Task_phe_duyet</code></td><td>1</td>" in old
    assert client.get(f"/mot-cua/quy-trinh/{PROCESS}?phien_ban=abc").status_code == 404
    assert client.get("/mot-cua/quy-trinh/khong_co").status_code == 404
    login(client, "motcua")
    assert client.get("/mot-cua/quy-trinh").status_code == 403

    # A catalogue change (its name) shows at once too.
    entry = written(folder)["entry"]
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps({**data, "name": NAME + " (sửa đổi)"}, ensure_ascii=False), encoding="utf-8")
    _after_a_look()
    assert api.get(f"/procedures/{CODE}").get_json()["name"] == NAME + " (sửa đổi)"


@pytest.mark.rule("QT-26")
def test_forms_have_no_versions_so_a_changed_choice_goes_in_a_new_form_file(clean_app, database_url, workspace):
    """A form saved in place serves every step worked after it, running dossiers' included; a new
    form file named by a new diagram version leaves the running dossiers on the old one."""
    folder, env = workspace
    app = _running_app(clean_app, database_url, folder)
    api = Api(app.test_client())
    app.extensions["motcua_clock"].set(vn(2026, 12, 7, 9, 0))
    result = cli({**env, "MOTCUA_DATABASE_URL": database_url}, "procedure", "new", CODE, "--name", NAME)
    assert result.exit_code == 0, result.output
    _after_a_look()
    old = _apply(api)
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT, dossier=old)
    # In place: an optional field added to the appraisal form every procedure shares.
    common = folder / "forms" / "common" / "tham_dinh.schema.json"
    schema = json.loads(common.read_text(encoding="utf-8"))
    schema["properties"]["ghi_chu_noi_bo"] = {"type": "string", "title": "Ghi chú nội bộ", "maxLength": 200}
    common.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    # A changed choice: a new file, and a new diagram version naming it and reading the new value.
    renamed = json.loads(json.dumps(schema).replace('"dat"', '"du_dieu_kien"'))
    (folder / "forms" / PROCESS).mkdir(exist_ok=True)
    (folder / "forms" / PROCESS / "tham_dinh.schema.json").write_text(json.dumps(renamed), encoding="utf-8")
    diagram = written(folder)["diagram"]
    diagram.write_text(diagram.read_text(encoding="utf-8")
                       .replace('value="common/tham_dinh.schema.json"', f'value="{PROCESS}/tham_dinh.schema.json"')
                       .replace('ket_qua_tham_dinh == "dat"', 'ket_qua_tham_dinh == "du_dieu_kien"'), encoding="utf-8")
    _after_a_look()
    new = _apply(api, copies=2)
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT, dossier=new)
    # The running dossier: its version's form file, with the field saved in place after it started.
    api.complete("chuyenvien", "Thẩm định hồ sơ", {**APPRAISE, "ghi_chu_noi_bo": "Đã gọi điện xác minh."}, dossier=old)
    # The new version's dossier: the new file's values only.
    api.complete("chuyenvien", "Thẩm định hồ sơ", APPRAISE, expect=422, dossier=new)
    api.complete("chuyenvien", "Thẩm định hồ sơ", {**APPRAISE, "ket_qua_tham_dinh": "du_dieu_kien"}, dossier=new)
    names = {d: [t["name"] for t in api.get(f"/dossiers/{d}", "motcua").get_json()["open_tasks"]] for d in (old, new)}
    assert names == {old: ["Phê duyệt kết quả"], new: ["Phê duyệt kết quả"]}


@pytest.mark.rule("QT-26")
def test_a_broken_save_keeps_the_previous_version_and_tells_the_administrator(clean_app, database_url, workspace,
                                                                                caplog):
    folder, env = workspace
    result = cli({**env, "MOTCUA_DATABASE_URL": database_url}, "procedure", "new", CODE, "--name", NAME)
    assert result.exit_code == 0, result.output
    app = _running_app(clean_app, database_url, folder)
    from app.catalogue.loader import load_catalogue
    from app.db import db
    with app.app_context():
        load_catalogue(folder / "catalogue", folder / "forms", set(app.extensions["motcua_workflow"].registry.process_ids()))
        db.session.remove()
    api = Api(app.test_client())
    app.extensions["motcua_clock"].set(vn(2026, 12, 7, 9, 0))
    diagram = written(folder)["diagram"]
    source = diagram.read_text(encoding="utf-8")
    assert 'name="timeLimit" value="working_hours(8)"' in source
    diagram.write_text(source.replace('value="working_hours(8)"', 'value="working_hours(8"', 1), encoding="utf-8")
    _after_a_look()
    dossier_id = _apply(api)  # still open, on the version that worked
    assert api.get(f"/dossiers/{dossier_id}", "congdan").get_json()["status"]["code"] == 1
    assert "diagram not loaded" in caplog.text and "timeLimit" in caplog.text
    client = app.test_client()
    login(client, "admin")
    page = html(client.get("/mot-cua"))
    assert "chưa nạp được" in page and "timeLimit" in page and PROCESS in page
    assert "timeLimit" in html(client.get("/mot-cua/quy-trinh"))  # listed there too
    login(client, "motcua")
    assert "chưa nạp được" not in html(client.get("/mot-cua"))  # only administrators are told
    # Fixed and saved again: the problem is gone.
    diagram.write_text(source, encoding="utf-8")
    _after_a_look()
    login(client, "admin")
    assert "chưa nạp được" not in html(client.get("/mot-cua"))


def test_a_dossier_started_just_before_a_reload_keeps_the_version_it_started_on(clean_app, database_url, workspace):
    """The reload may land between a dossier's start and the recording of its version."""
    from app.db import db
    from app.workflow.models import ProcessVersionRecord
    from app.workflow.service import record_version
    folder, env = workspace
    app = _running_app(clean_app, database_url, folder)
    started_with = app.extensions["motcua_workflow"]
    version = started_with.registry.latest(PROCESS_BAN_SAO)
    diagram = folder / "bpmn" / f"{PROCESS_BAN_SAO}.bpmn"
    diagram.write_text(diagram.read_text(encoding="utf-8").replace("Thẩm định hồ sơ", "Thẩm định, xác minh hồ sơ"),
                       encoding="utf-8")
    _after_a_look()
    app.test_client().get("/")
    assert app.extensions["motcua_workflow"].registry.latest(PROCESS_BAN_SAO).version != version.version
    with app.app_context():
        record_version(started_with, PROCESS_BAN_SAO, version.version)
        db.session.commit()
        assert db.session.get(ProcessVersionRecord, (PROCESS_BAN_SAO, version.version)).xml == version.xml
        db.session.remove()


@pytest.mark.rule("QT-25")
def test_a_citizen_form_broken_while_running_closes_its_procedure_and_tells_the_administrator(
        clean_app, database_url, workspace):
    from tests.api.test_lifecycle import BAN_SAO_FORM
    folder, _ = workspace
    app = _running_app(clean_app, database_url, folder)
    api = Api(app.test_client())
    app.extensions["motcua_clock"].set(vn(2026, 12, 7, 9, 0))
    form = folder / "forms" / PROCESS_BAN_SAO / "don.schema.json"
    good = form.read_text(encoding="utf-8")
    form.write_text(good.replace('"type": "integer"', '"type": "integr"'), encoding="utf-8")
    _after_a_look()
    refused = api.post("/dossiers", "congdan", json={"procedure_code": "2.000635", "data": BAN_SAO_FORM})
    assert refused.status_code == 409, refused.get_json()  # closed, never a 500
    client = app.test_client()
    login(client, "admin")
    page = html(client.get("/mot-cua"))
    assert "2.000635.json" in page and "«integr»" in page and "tạm ngừng nhận hồ sơ" in page
    form.write_text(good, encoding="utf-8")  # fixed: open again
    _after_a_look()
    assert api.post("/dossiers", "congdan", json={"procedure_code": "2.000635", "data": BAN_SAO_FORM}).status_code == 201
