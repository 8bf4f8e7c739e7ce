"""A copy of a diagram saved in the folder the system runs on (ANALYST.md QT-49): the procedure
keeps running the diagram it ran, new dossiers start on it, and the copy is refused as a broken
save is: logged and shown to administrators, never a crash and never a silent swap."""
from __future__ import annotations

import pytest

from tests.conftest import Api, vn
from tests.test_analyst_rules import BAN_SAO as PROCESS
from tests.test_procedure_reload import _after_a_look, _running_app
from tests.web.pages import login
from tests.workspace.helpers import html

APPLICATION = {"ho_ten_nguoi_yeu_cau": "Nguyễn Văn An", "so_cccd": "001090000001", "loai_trich_luc": "khai_sinh",
               "ho_ten_nguoi_duoc_cap": "Nguyễn Thị Bé", "so_ban": 1}
CODE = "2.000635"


def _copy(folder, name: str = "ban_sao_moi.bpmn"):
    source = (folder / "bpmn" / f"{PROCESS}.bpmn").read_text(encoding="utf-8")
    (folder / "bpmn" / name).write_text(source.replace("Thẩm định hồ sơ", "Thẩm định lại hồ sơ"), encoding="utf-8")


@pytest.mark.rule("QT-49")
def test_a_copy_saved_while_running_is_refused_and_the_procedure_keeps_its_diagram(clean_app, database_url,
                                                                                    workspace, caplog):
    folder, _ = workspace
    app = _running_app(clean_app, database_url, folder)
    served = app.extensions["motcua_workflow"].registry.latest(PROCESS)
    assert served.file_name == f"{PROCESS}.bpmn"
    _copy(folder, "a_ban_sao.bpmn")  # sorts before the file serving: it used to replace it silently
    _after_a_look()
    api = Api(app.test_client())
    app.extensions["motcua_clock"].set(vn(2026, 11, 23, 8, 0))
    response = api.post("/dossiers", "congdan", json={"procedure_code": CODE, "data": APPLICATION})
    assert response.status_code == 201, response.get_json()
    current = app.extensions["motcua_workflow"]
    assert current.registry.latest(PROCESS).version == served.version
    [problem] = current.problems
    assert problem.file == "a_ban_sao.bpmn" and problem.element_id == PROCESS
    assert f"vẫn chạy quy trình này theo tệp {PROCESS}.bpmn" in problem.message
    assert "diagram not loaded" in caplog.text and "a_ban_sao.bpmn" in caplog.text
    client = app.test_client()
    login(client, "admin")
    page = html(client.get("/mot-cua"))
    assert "chưa nạp được" in page and "a_ban_sao.bpmn" in page
    # The copy given its own process id: both load, the problem is gone.
    copy = folder / "bpmn" / "a_ban_sao.bpmn"
    copy.write_text(copy.read_text(encoding="utf-8").replace(f'"{PROCESS}"', f'"{PROCESS}_moi"'), encoding="utf-8")
    _after_a_look()
    client.get("/mot-cua")
    current = app.extensions["motcua_workflow"]
    assert current.problems == [] and f"{PROCESS}_moi" in current.registry.process_ids()
    assert current.registry.latest(PROCESS).version == served.version


@pytest.mark.rule("QT-49")
def test_a_start_with_a_copy_in_the_folder_serves_the_file_named_after_the_process(clean_app, database_url,
                                                                                    workspace):
    folder, _ = workspace
    _copy(folder, "a_ban_sao.bpmn")
    app = _running_app(clean_app, database_url, folder)
    current = app.extensions["motcua_workflow"]
    assert current.registry.latest(PROCESS).file_name == f"{PROCESS}.bpmn"
    assert [p.file for p in current.problems] == ["a_ban_sao.bpmn"]
