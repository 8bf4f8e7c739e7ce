"""`motcua procedure new`: a starter procedure an analyst can run at once, and the analyst's journey
from it to a dossier returned over HTTP, with no Python changed."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from lxml import etree

from tests.api.test_lifecycle import ACCEPT, APPRAISE, APPROVE, RETURN
from tests.conftest import Api, vn

ROOT = Path(__file__).resolve().parents[1]
NAME = "Cấp giấy phép tổ chức lễ hội"
CODE = "1.001234"
PROCESS = "cap_giay_phep_to_chuc_le_hoi"
AGENCY = "000.00.12.H99"
MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
SPIFF = "http://spiffworkflow.org/bpmn/schema/1.0/core"
NS = {"bpmn": MODEL, "bpmndi": BPMNDI, "dc": DC, "di": DI}
APPLICATION = {"ho_ten_nguoi_yeu_cau": "Nguyễn Văn An", "so_cccd": "001090000001", "so_dien_thoai": "0912345678",
               "noi_dung_de_nghi": "Tổ chức lễ hội đình làng An Bình", "dia_diem": "Đình làng An Bình", "so_ban": 1}
INSPECTION = {"ket_qua_kiem_tra": "Địa điểm bảo đảm an toàn, đủ điều kiện tổ chức.", "dat_yeu_cau": True}


# -- helpers ---------------------------------------------------------------------------------

def hashes(*folders: Path, pattern: str = "*") -> dict[str, str]:
    """Every file under the folders matching the pattern, with its content hash."""
    found = {}
    for folder in folders:
        for path in sorted(folder.rglob(pattern)):
            parts = path.relative_to(folder).parts
            if path.is_file() and "__pycache__" not in parts and not any(p.startswith(".") for p in parts):
                found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def project_snapshot() -> dict[str, str]:
    """The project's Python files and its shipped procedure folders."""
    return {**hashes(ROOT, pattern="*.py"), **hashes(ROOT / "bpmn", ROOT / "forms", ROOT / "catalogue")}


def cli(env: dict, *args: str):
    from app.cli import main
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def motcua(env: dict, *args: str):
    """The command as the analyst runs it: a real process."""
    return subprocess.run([sys.executable, "-m", "app.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env={**os.environ, **env}, check=False)


def written(folder: Path, process_id: str = PROCESS, code: str = CODE) -> dict[str, Path]:
    return {"diagram": folder / "bpmn" / f"{process_id}.bpmn",
            "scenario": folder / "bpmn" / f"{process_id}.kich-ban.yaml",
            "form": folder / "forms" / process_id / "don.schema.json",
            "ui": folder / "forms" / process_id / "don.uischema.json",
            "entry": folder / "catalogue" / f"{code}.json"}


def procedure_folders(folder: Path) -> dict[str, str]:
    return hashes(folder / "bpmn", folder / "forms", folder / "catalogue")


# -- the starter -----------------------------------------------------------------------------

def test_new_writes_a_starter_every_check_accepts(workspace, clean_app, tmp_path):
    from app.catalogue.loader import load_catalogue
    from app.catalogue.models import Procedure
    from app.db import db
    from engine.forms import load_form
    from engine.registry import Registry
    folder, env = workspace
    before = procedure_folders(folder)
    result = cli(env, "procedure", "new", CODE, "--name", NAME, "--agency", AGENCY, "--days", "7")
    assert result.exit_code == 0, result.output
    files = written(folder)
    assert set(procedure_folders(folder)) - set(before) == {str(p) for p in files.values()}
    assert all(before[k] == v for k, v in procedure_folders(folder).items() if k in before)
    out = result.stdout
    for path in files.values():
        assert str(path) in out
    assert f"motcua bpmn check {files['diagram']}" in out and f"motcua procedure test {files['scenario']}" in out
    assert "motcua up" in out and "[CẦN SỬA]" in out and "7 ngày làm việc" in out
    assert "nạp lại trong vài giây" in out and "Khởi động lại motcua up" not in out  # as ANALYST.md QT-26 says

    check = cli(env, "bpmn", "check")  # every diagram of the folder, the new one among them
    assert check.exit_code == 0, check.output
    assert f"Đạt: {PROCESS}.bpmn (quy trình: {PROCESS})" in check.output
    # Published at once, so the placeholders a citizen would read are pointed out until written.
    assert f"{CODE}.json: Cảnh báo: thủ tục đã công bố (published: true) mà tệp {CODE}.json còn" in check.output

    entry = json.loads(files["entry"].read_text(encoding="utf-8"))
    assert entry["code"] == CODE and entry["name"] == NAME and entry["agency_code"] == AGENCY
    assert entry["processing_time"] == {"amount": 7, "unit": "working_days"} and entry["published"] is True
    assert entry["bpmn_process_id"] == PROCESS and entry["form"] == f"{PROCESS}/don.schema.json"
    assert [c for c in entry["components"] if c.get("e_form")] and [c for c in entry["components"] if c["required"]
                                                                    and not c.get("e_form")]
    assert entry["fees"] and entry["result_document"]["fields"]
    for key in ("sector", "field", "applicants", "result", "conditions"):
        assert entry[key].startswith("[CẦN SỬA]"), key
    registry = Registry(folder / "forms")
    assert registry.load_directory(folder / "bpmn") == []
    with clean_app.app_context():
        assert load_catalogue(folder / "catalogue", folder / "forms", set(registry.process_ids())) == []
        procedure = db.session.query(Procedure).filter_by(code=CODE).one()
        assert procedure.published and procedure.agency.code == AGENCY and procedure.processing_amount == 7
        db.session.remove()

    form = load_form(folder / "forms", entry["form"], entry["ui_schema"])
    scenario = yaml.safe_load(files["scenario"].read_text(encoding="utf-8"))
    assert scenario["quy_trinh"] == PROCESS
    assert form.validate(scenario["du_lieu_chung"]) == [] and form.validate(APPLICATION) == []
    assert set(form.ui_schema["ui:order"]) == set(form.schema["properties"])
    diagram = etree.parse(str(files["diagram"])).getroot()
    limits = {t.get("name"): t.find(".//{*}property[@name='timeLimit']") for t in diagram.iter(f"{{{MODEL}}}userTask")}
    assert limits["Thẩm định hồ sơ"].get("value") == "working_days(5)"  # --days 7, less reception and approval


def test_the_starter_diagram_has_its_drawing_and_renders(workspace, tmp_path):
    """Every element carries diagram interchange, so bpmn.io and Camunda Modeler open it as drawn,
    and the officers' page draws it (librsvg rasterises the SVG)."""
    from engine.diagram_svg import render_svg
    folder, env = workspace
    assert cli(env, "procedure", "new", CODE, "--name", NAME, "--agency", AGENCY).exit_code == 0
    xml = written(folder)["diagram"].read_bytes()
    root = etree.fromstring(xml)
    process = root.find("bpmn:process", NS)
    elements = {e.get("id") for e in process.iter() if isinstance(e.tag, str) and e.get("id")
                and etree.QName(e).localname not in ("process", "laneSet", "documentation")}
    drawn = {d.get("bpmnElement") for d in root.iter(f"{{{BPMNDI}}}BPMNShape", f"{{{BPMNDI}}}BPMNEdge")}
    definitions = {e.get("id") for e in process.iter() if etree.QName(e).localname.endswith("EventDefinition")}
    assert elements - definitions - drawn == set()
    assert {"Lane_mot_cua", "Lane_chuyen_vien", "Lane_lanh_dao", f"Participant_{PROCESS}"} <= drawn
    svg = render_svg(xml, PROCESS)
    for node in ("Task_tiep_nhan", "Boundary_qua_han_tiep_nhan", "Sub_giai_quyet", "Task_tra_ket_qua"):
        assert f'data-element-id="{node}"' in svg
    if shutil.which("rsvg-convert"):
        png = subprocess.run(["rsvg-convert", "-f", "png"], input=svg.encode(), capture_output=True,
                             timeout=60, check=False)
        assert png.returncode == 0 and png.stdout.startswith(b"\x89PNG"), png.stderr


def test_the_starter_scenarios_pass_and_cover_every_flow(workspace):
    folder, env = workspace
    assert cli(env, "procedure", "new", CODE, "--name", NAME, "--agency", AGENCY).exit_code == 0
    result = motcua(env, "procedure", "test", "--phu-day", str(written(folder)["scenario"]))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "✗" not in result.stdout


def test_a_second_run_with_the_same_code_or_name_refuses_and_changes_nothing(workspace):
    folder, env = workspace
    assert cli(env, "procedure", "new", CODE, "--name", NAME, "--agency", AGENCY).exit_code == 0
    before = procedure_folders(folder)
    for args, expected in (([CODE, "--name", "Cấp giấy phép biểu diễn nghệ thuật"], "đã có trong danh mục"),
                           (["1.009999", "--name", NAME], "cùng tên"),
                           (["1.009999", "--name", "  cấp  GIẤY phép tổ chức lễ hội "], "cùng tên"),
                           (["1.009999", "--name", NAME + "."], "cùng tên"),
                           (["2.000635", "--name", "Cấp giấy phép mới"], "2.000635.json")):
        result = cli(env, "procedure", "new", *args, "--agency", AGENCY)
        assert result.exit_code == 2, result.output
        assert result.stdout == "" and result.stderr.startswith("Lỗi: ") and expected in result.stderr
        assert procedure_folders(folder) == before


@pytest.mark.parametrize("args, expected", [
    ([], "thiếu mã thủ tục"),
    (["1001234", "--name", NAME], "không đúng dạng mã thủ tục"),
    (["1.00123", "--name", NAME], "không đúng dạng mã thủ tục"),
    (["../1.001234", "--name", NAME], "không đúng dạng mã thủ tục"),
    (["1.001234.json", "--name", NAME], "không đúng dạng mã thủ tục"),
    ([CODE], "thiếu tên thủ tục"),
    ([CODE, "--name", "   "], "thiếu tên thủ tục"),
    ([CODE, "--name", "Cap giay phep to chuc le hoi"], "chưa có dấu tiếng Việt"),
    ([CODE, "--name", "12345 !!"], "không có chữ cái"),
    ([CODE, "--name", "Cấp giấy phép\ntổ chức lễ hội"], "một dòng"),
    ([CODE, "--name", "Cấp giấy phép " + "rất dài " * 80], "quá giới hạn 500 ký tự"),
    ([CODE, "--name", NAME, "--days", "0"], "--days"),
    ([CODE, "--name", NAME, "--days", "ba"], "«ba»"),
    ([CODE, "--name", NAME, "--days", "-1"], "--days"),
    ([CODE, "--name", NAME, "--days", "400"], "từ 1 đến 365"),
    ([CODE, "--name", NAME, "--agency", "So Tu phap"], "mã định danh"),
])
def test_bad_input_is_refused_in_vietnamese(workspace, args, expected):
    folder, env = workspace
    before = procedure_folders(folder)
    extra = [] if "--agency" in args else ["--agency", AGENCY]
    result = cli(env, "procedure", "new", *args, *extra)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("Lỗi: ")
    assert expected in result.stderr
    assert procedure_folders(folder) == before


def test_without_agency_the_first_agency_with_a_one_stop_desk_is_chosen_and_said(workspace, clean_app, database_url):
    folder, env = workspace
    env = {**env, "MOTCUA_DATABASE_URL": database_url}
    result = cli(env, "procedure", "new", CODE, "--name", NAME)
    assert result.exit_code == 0, result.output
    assert "Cơ quan giải quyết: Sở Tư pháp tỉnh Bình An (000.00.12.H99)" in result.stdout and "--agency" in result.stdout
    assert json.loads(written(folder)["entry"].read_text(encoding="utf-8"))["agency_code"] == AGENCY
    participant = etree.parse(str(written(folder)["diagram"])).getroot().find(".//bpmn:participant", NS)
    assert participant.get("name") == "Sở Tư pháp tỉnh Bình An"
    # An agency the database does not know: written as asked, with a warning.
    result = cli(env, "procedure", "new", "1.001235", "--name", "Cấp giấy phép khai thác cát", "--agency", "000.00.77.H99")
    assert result.exit_code == 0, result.output
    assert "Cảnh báo" in result.stdout and "000.00.77.H99" in result.stdout


def test_without_agency_and_without_database_it_refuses_and_says_to_pass_one(workspace):
    folder, env = workspace
    before = procedure_folders(folder)
    result = cli(env, "procedure", "new", CODE, "--name", NAME)
    assert result.exit_code == 2
    assert "--agency" in result.stderr and result.stderr.startswith("Lỗi: ")
    assert procedure_folders(folder) == before
    assert not (folder / "no-database.db").exists()  # the embedded database is not created by asking


def test_a_starter_the_checks_refuse_is_removed_again(workspace):
    """The officers' shared forms are the province's; if one is broken, the new diagram would not
    load: the command says why and leaves nothing behind."""
    folder, env = workspace
    (folder / "forms" / "common" / "tham_dinh.schema.json").write_text("{ không phải JSON", encoding="utf-8")
    before = procedure_folders(folder)
    result = cli(env, "procedure", "new", CODE, "--name", NAME, "--agency", AGENCY)
    assert result.exit_code == 2
    assert "các tệp vừa tạo đã được xóa" in result.stderr and "common/tham_dinh.schema.json" in result.stderr
    assert procedure_folders(folder) == before and not (folder / "forms" / PROCESS).exists()


def test_process_ids_are_ascii_short_and_unique(workspace):
    folder, env = workspace
    assert cli(env, "procedure", "new", CODE, "--name", NAME, "--agency", AGENCY).exit_code == 0
    # A different name that folds to the same words gets its own id.
    result = cli(env, "procedure", "new", "1.001235", "--name", "Cấp giấy phép: tổ chức lễ hội", "--agency", AGENCY)
    assert result.exit_code == 0, result.output
    assert written(folder, f"{PROCESS}_2", "1.001235")["diagram"].is_file()
    long_name = "Thủ tục đăng ký, cấp lại, điều chỉnh Giấy chứng nhận đủ điều kiện kinh doanh dịch vụ lữ hành quốc tế"
    result = cli(env, "procedure", "new", "1.001236", "--name", long_name, "--agency", AGENCY)
    assert result.exit_code == 0, result.output
    process_id = json.loads((folder / "catalogue" / "1.001236.json").read_text(encoding="utf-8"))["bpmn_process_id"]
    assert process_id.startswith("thu_tuc_dang_ky_cap_lai_dieu_chinh_giay_chung_nhan") and len(process_id) <= 60
    check = cli(env, "bpmn", "check")
    assert check.exit_code == 0, check.output


# -- the analyst's journey -------------------------------------------------------------------

def add_site_inspection(diagram: Path, forms_dir: Path) -> None:
    """What an analyst does in a modeler: a new step «Kiểm tra thực địa» in the specialist's lane
    between appraisal and approval, the flow from appraisal rerouted to it, a flow on to approval,
    its shape and edges drawn; and a small form for it."""
    (forms_dir / PROCESS / "kiem_tra_thuc_dia.schema.json").write_text(json.dumps({
        "$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Kiểm tra thực địa",
        "type": "object", "additionalProperties": False, "required": ["ket_qua_kiem_tra", "dat_yeu_cau"],
        "properties": {"ket_qua_kiem_tra": {"type": "string", "title": "Kết quả kiểm tra thực địa", "minLength": 1},
                       "dat_yeu_cau": {"type": "boolean", "title": "Địa điểm đạt yêu cầu"}},
    }, ensure_ascii=False, indent=2), encoding="utf-8")
    tree = etree.parse(str(diagram))
    root = tree.getroot()

    def node(parent, tag, ns=MODEL, **attrs):
        return etree.SubElement(parent, f"{{{ns}}}{tag}", {k: str(v) for k, v in attrs.items()})

    sub = root.find(".//bpmn:subProcess[@id='Sub_giai_quyet']", NS)
    approval = sub.find("bpmn:userTask[@id='Task_phe_duyet']", NS)
    task = etree.Element(f"{{{MODEL}}}userTask", id="Task_kiem_tra_thuc_dia", name="Kiểm tra thực địa")
    props = node(node(task, "extensionElements"), "properties", SPIFF)
    for name, value in (("formJsonSchemaFilename", f"{PROCESS}/kiem_tra_thuc_dia.schema.json"),
                        ("status", "4"), ("timeLimit", "working_days(2)")):
        node(props, "property", SPIFF, name=name, value=value)
    node(task, "incoming").text = "Flow_du_dieu_kien"
    node(task, "outgoing").text = "Flow_kiem_tra_xong"
    approval.addprevious(task)
    sub.find("bpmn:sequenceFlow[@id='Flow_du_dieu_kien']", NS).set("targetRef", "Task_kiem_tra_thuc_dia")
    approval.find("bpmn:incoming", NS).text = "Flow_kiem_tra_xong"
    node(sub, "sequenceFlow", id="Flow_kiem_tra_xong", sourceRef="Task_kiem_tra_thuc_dia", targetRef="Task_phe_duyet")
    node(root.find(".//bpmn:lane[@id='Lane_chuyen_vien']", NS), "flowNodeRef").text = "Task_kiem_tra_thuc_dia"

    plane = root.find(".//bpmndi:BPMNPlane", NS)
    shape = node(plane, "BPMNShape", BPMNDI, id="Task_kiem_tra_thuc_dia_di", bpmnElement="Task_kiem_tra_thuc_dia")
    node(shape, "Bounds", DC, x=1170, y=460, width=100, height=80)
    rerouted = plane.find("bpmndi:BPMNEdge[@bpmnElement='Flow_du_dieu_kien']", NS)
    for point in rerouted.findall("di:waypoint", NS):
        rerouted.remove(point)
    label = rerouted.find("bpmndi:BPMNLabel", NS)
    for x, y in ((1060, 500), (1170, 500)):
        label.addprevious(etree.Element(f"{{{DI}}}waypoint", x=str(x), y=str(y)))
    edge = node(plane, "BPMNEdge", BPMNDI, id="Flow_kiem_tra_xong_di", bpmnElement="Flow_kiem_tra_xong")
    for x, y in ((1220, 540), (1220, 760)):
        node(edge, "waypoint", DI, x=x, y=y)
    tree.write(str(diagram), xml_declaration=True, encoding="UTF-8")


def add_inspection_to_scenarios(scenario: Path) -> None:
    """The scenario file follows the diagram: wherever appraisal passes, the inspection comes next."""
    document = yaml.safe_load(scenario.read_text(encoding="utf-8"))
    for item in document["kich_ban"]:
        steps = []
        for step in item["buoc"]:
            steps.append(step)
            if step.get("lam") == "Thẩm định hồ sơ" and (step.get("du_lieu") or {}).get("ket_qua_tham_dinh") == "dat":
                steps.append({"lam": "Kiểm tra thực địa", "vai_tro": "Chuyên viên", "du_lieu": INSPECTION})
        item["buoc"] = steps
    scenario.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_an_analyst_adds_a_procedure_changes_its_diagram_and_a_citizen_gets_the_result(clean_app, database_url,
                                                                                       workspace):
    """The issue's acceptance: a new procedure from `motcua procedure new`, a step added to its
    diagram and scenarios, checked and tested, then run end to end over HTTP: no Python changed."""
    from app import create_app
    from app.catalogue.loader import load_catalogue
    from app.db import db
    folder, env = workspace
    env = {**env, "MOTCUA_DATABASE_URL": database_url}
    before = project_snapshot()

    result = motcua(env, "procedure", "new", CODE, "--name", NAME)
    assert result.returncode == 0, result.stdout + result.stderr
    files = written(folder)
    add_site_inspection(files["diagram"], folder / "forms")
    add_inspection_to_scenarios(files["scenario"])

    check = motcua(env, "bpmn", "check")
    assert check.returncode == 0, check.stdout + check.stderr
    tested = motcua(env, "procedure", "test", "--phu-day", str(files["scenario"]))
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert "Kiểm tra thực địa" in tested.stdout and "✗" not in tested.stdout

    app = create_app(db=database_url, SECRET_KEY="test-secret", MOTCUA_BPMN_DIR=folder / "bpmn",
                     MOTCUA_FORMS_DIR=folder / "forms", MOTCUA_CATALOGUE_DIR=folder / "catalogue",
                     MOTCUA_KEYS_DIR=clean_app.config["MOTCUA_KEYS_DIR"],
                     MOTCUA_UPLOAD_DIR=clean_app.config["MOTCUA_UPLOAD_DIR"])
    workflow = app.extensions["motcua_workflow"]
    assert workflow.problems == []
    with app.app_context():
        assert load_catalogue(folder / "catalogue", folder / "forms", set(workflow.registry.process_ids())) == []
        db.session.remove()
    clock = app.extensions["motcua_clock"]
    api = Api(app.test_client())

    clock.set(vn(2026, 12, 7, 9, 0))
    found = api.get("/procedures?q=cap giay phep to chuc le hoi").get_json()["items"]
    assert [p["code"] for p in found] == [CODE]
    response = api.post("/dossiers", "congdan", json={"procedure_code": CODE, "data": APPLICATION})
    assert response.status_code == 201, response.get_json()
    dossier_id = response.get_json()["id"]
    clock.set(vn(2026, 12, 7, 10, 0))
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT)
    state = api.get(f"/dossiers/{dossier_id}", "congdan").get_json()
    assert state["status"]["code"] == 4 and state["code"].startswith(AGENCY)
    assert state["due_at"] == "2026-12-14T10:00:00+07:00"  # 5 working days
    clock.set(vn(2026, 12, 8, 9, 0))
    api.complete("chuyenvien", "Thẩm định hồ sơ", APPRAISE)
    assert api.get("/tasks", "lanhdao").get_json()["items"] == []
    task = api.task("chuyenvien", "Kiểm tra thực địa")
    assert task["due_at"] == "2026-12-10T09:00:00+07:00"
    api.complete("chuyenvien", "Kiểm tra thực địa", {"ket_qua_kiem_tra": ""}, expect=422)
    api.complete("chuyenvien", "Kiểm tra thực địa", INSPECTION)
    clock.set(vn(2026, 12, 8, 14, 0))
    api.complete("lanhdao", "Phê duyệt kết quả", APPROVE)
    clock.set(vn(2026, 12, 9, 8, 0))
    api.complete("motcua", "Trả kết quả", RETURN)

    final = api.get(f"/dossiers/{dossier_id}", "congdan").get_json()
    assert final["status"]["code"] == 10 and final["procedure"]["name"] == NAME
    kinds = [e["kind"] for e in final["history"]]
    assert "result_issued" in kinds
    assert "Task_kiem_tra_thuc_dia" in [e["node_id"] for e in final["history"]]
    assert project_snapshot() == before


def test_an_agency_code_typed_in_small_letters_is_taken_in_capitals(workspace):
    folder, env = workspace
    result = cli(env, "procedure", "new", CODE, "--name", NAME, "--agency", AGENCY.lower())
    assert result.exit_code == 0, result.output
    assert json.loads(written(folder)["entry"].read_text(encoding="utf-8"))["agency_code"] == AGENCY


def test_a_name_differing_only_in_its_marks_names_the_existing_procedure(workspace):
    """«Thủ tục thứ» after «Thủ tục thử»: the refusal names the one already there, not the new one."""
    folder, env = workspace
    assert cli(env, "procedure", "new", CODE, "--name", "Thủ tục thử", "--agency", AGENCY).exit_code == 0
    result = cli(env, "procedure", "new", "1.009999", "--name", "Thủ tục thứ", "--agency", AGENCY)
    assert result.exit_code == 2, result.output
    assert "đã có thủ tục cùng tên «Thủ tục thử»" in result.stderr
    assert "Tên «Thủ tục thứ» khác «Thủ tục thử» chỉ ở dấu" in result.stderr and "một mã quy trình" in result.stderr
