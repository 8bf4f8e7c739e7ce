"""A diagram file that does not load when the system starts (ANALYST.md QT-26): as for a broken save
while running, its procedure keeps running the version it ran, here the newest one kept in the
database, and the load error is logged and shown to administrators; the catalogue entry using
it is not closed, nor blamed; the console sees the same current version as the pages."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from tests.conftest import Api, vn
from tests.test_analyst_rules import BAN_SAO as PROCESS
from tests.test_duplicate_process_reload import APPLICATION, CODE
from tests.test_procedure_new import CODE as NEW_CODE, NAME as NEW_NAME, PROCESS as NEW_PROCESS, cli
from tests.test_procedure_reload import _after_a_look, _running_app
from tests.web.pages import login
from tests.workspace.helpers import html


def _restart(clean_app, database_url, folder):
    """`motcua up` again on the same database: the app built anew, the catalogue loaded."""
    from app.cli import prepare_database
    from app.db import db
    app = _running_app(clean_app, database_url, folder)
    prepare_database(app)
    with app.app_context():
        db.session.remove()
    return app


def _apply(app, at) -> dict:
    app.extensions["motcua_clock"].set(at)
    response = Api(app.test_client()).post("/dossiers", "congdan", json={"procedure_code": CODE, "data": APPLICATION})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _version_of(app, dossier_id: int) -> str:
    from app.db import db
    from app.dossiers.models import Dossier
    with app.app_context():
        version = db.session.get(Dossier, dossier_id).process_version
        db.session.remove()
    return version


def _row(page: str, process_id: str) -> str:
    row = page[page.index(f'<tr id="{process_id}">'):]
    return row[:row.index("</tr>")]


@pytest.mark.rule("QT-26")
@pytest.mark.parametrize("file_name", [f"{PROCESS}.bpmn", "trich_luc.bpmn"])
def test_a_start_with_a_broken_diagram_runs_its_newest_stored_version(clean_app, database_url, workspace, caplog,
                                                                       file_name):
    """`file_name`: the file holding the process; named after it, or not (then the file its
    stored versions came from says which process it held)."""
    folder, env = workspace
    diagram = folder / "bpmn" / file_name
    (folder / "bpmn" / f"{PROCESS}.bpmn").rename(diagram)
    app = _running_app(clean_app, database_url, folder)
    first = _apply(app, vn(2026, 11, 23, 8, 0))
    good = diagram.read_text(encoding="utf-8")
    diagram.write_text(good.replace("Thẩm định hồ sơ", "Thẩm định, xác minh hồ sơ"), encoding="utf-8")
    _after_a_look()
    second = _apply(app, vn(2026, 11, 24, 8, 0))  # the version serving when the file broke
    old, serving = _version_of(app, first["id"]), _version_of(app, second["id"])
    assert old != serving
    diagram.write_text(diagram.read_text(encoding="utf-8")[:3000], encoding="utf-8")  # a save cut short

    app = _restart(clean_app, database_url, folder)
    current = app.extensions["motcua_workflow"]
    assert current.registry.latest(PROCESS).version == serving
    assert [p.file for p in current.problems] == [file_name] and current.catalogue_problems == []
    assert "diagram not loaded" in caplog.text
    # Citizens still find the procedure and apply; the dossier starts on the version that served.
    api = Api(app.test_client())
    assert CODE in [p["code"] for p in api.get("/procedures?q=trich luc").get_json()["items"]]
    third = _apply(app, vn(2026, 11, 25, 8, 0))
    assert _version_of(app, third["id"]) == serving
    # The administrator is told, on the inbox and on the procedures page: the file does not load.
    client = app.test_client()
    login(client, "admin")
    inbox = html(client.get("/mot-cua"))
    assert "chưa nạp được" in inbox and file_name in inbox and "cắt cụt" in inbox
    row = _row(html(client.get("/mot-cua/quy-trinh")), PROCESS)
    assert file_name in row and "Tệp sơ đồ bị lỗi, không nạp được" in row and "cắt cụt" in row
    assert "không còn trong thư mục" not in row and "tạm ngừng" not in row
    assert row.count("bản hiện hành</strong>") == 1 and f"{serving[:10]}</code></a>: 2 hồ sơ" in row
    page = html(client.get(f"/mot-cua/quy-trinh/{PROCESS}"))
    assert "Tệp sơ đồ bị lỗi, không nạp được" in page and "không còn trong thư mục" not in page
    # The console moving the older version's dossiers sees the same current version.
    from app.cli import main
    result = CliRunner().invoke(main, ["dossiers", "move-version", PROCESS, "--from", old[:10], "--dry-run",
                                       "--db", database_url], env={**env, "MOTCUA_DATABASE_URL": database_url},
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"1/1 hồ sơ chuyển được sang phiên bản {serving[:10]}" in result.output
    # Fixed: the next look loads it, new dossiers start on the fixed version, the error is gone.
    diagram.write_text(good.replace("Thẩm định hồ sơ", "Thẩm định, đối chiếu hồ sơ"), encoding="utf-8")
    _after_a_look()
    client.get("/mot-cua")
    current = app.extensions["motcua_workflow"]
    fixed = current.registry.latest(PROCESS).version
    assert fixed not in (old, serving) and current.problems == []
    assert _version_of(app, _apply(app, vn(2026, 11, 26, 8, 0))["id"]) == fixed
    assert "chưa nạp được" not in html(client.get("/mot-cua"))
    assert "Tệp sơ đồ bị lỗi" not in _row(html(client.get("/mot-cua/quy-trinh")), PROCESS)


@pytest.mark.rule("QT-26")
def test_a_start_with_a_broken_diagram_never_used_closes_its_procedure_without_blaming_the_entry(
        clean_app, database_url, workspace):
    folder, env = workspace
    result = cli({**env, "MOTCUA_DATABASE_URL": database_url}, "procedure", "new", NEW_CODE, "--name", NEW_NAME)
    assert result.exit_code == 0, result.output
    diagram = folder / "bpmn" / f"{NEW_PROCESS}.bpmn"
    diagram.write_text(diagram.read_text(encoding="utf-8")[:2000], encoding="utf-8")
    app = _restart(clean_app, database_url, folder)
    current = app.extensions["motcua_workflow"]
    assert current.registry.latest(NEW_PROCESS) is None and current.registry.unloaded == {NEW_PROCESS: diagram.name}
    [problem] = current.catalogue_problems
    assert f"sơ đồ {diagram.name}" in problem and "bị lỗi nên không nạp được" in problem
    assert "Sửa «bpmn_process_id»" not in problem
