"""`motcua bpmn check` names every mistake an analyst makes in a diagram: the element (id and name),
what is wrong in plain Vietnamese and how to fix it. Each case edits a copy of a shipped diagram
the way a modeler (or a hand edit) would; a diagram saved by Camunda Modeler with its own
properties panel is understood and runs."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from lxml import etree

from engine.calendar import WorkingCalendar
from engine.calendar_functions import deadline_functions
from engine.profile import load_profile
from engine.registry import MAX_DIAGRAM_BYTES, DiagramError, Registry, build_versions
from engine.runtime import Engine
from tests.conftest import vn

ROOT = Path(__file__).resolve().parents[2]
SOURCE = (ROOT / "bpmn" / "cap_ban_sao_trich_luc_ho_tich.bpmn").read_bytes()
LANE_SET_LINE = SOURCE[: SOURCE.index(b"<bpmn:laneSet")].count(b"\n") + 1  # where a syntax error is put
CALENDAR = WorkingCalendar(load_profile("demo"))
B = "http://www.omg.org/spec/BPMN/20100524/MODEL"
SPIFF = "http://spiffworkflow.org/bpmn/schema/1.0/core"
CAMUNDA = "http://camunda.org/schema/1.0/bpmn"
ZEEBE = "http://camunda.org/schema/zeebe/1.0"
NS = {"bpmn": B, "spiffworkflow": SPIFF}
# SpiffWorkflow's and the XSD's English, which must never reach an analyst outside "(Chi tiết: …)".
ENGLISH = ("Element '", " is not ", "Expected is", "must ", "not found", "not supported", "Error", "Exception")


@pytest.fixture(scope="module")
def forms(tmp_path_factory):
    """The shipped forms, plus the broken files an analyst might point a task to."""
    folder = tmp_path_factory.mktemp("forms")
    shutil.copytree(ROOT / "forms", folder, dirs_exist_ok=True)
    (folder / "hong").mkdir()
    (folder / "hong" / "khong_phai_json.schema.json").write_text('{"type": "object",\n  "properties": {', "utf-8")
    (folder / "hong" / "khong_phai_schema.schema.json").write_text('{"type": "object", "properties": 3}', "utf-8")
    (folder / "hong" / "rong.schema.json").write_text(" \n", "utf-8")
    for name, schema in {
        "kieu_sai": {"type": "object", "properties": {"so_ban": {"type": "integr"}}},
        "ref_hong": {"type": "object", "properties": {"x": {"$ref": "#/definitions/nope"}}},
        "enum_rong": {"type": "object", "properties": {"loai": {"type": "string", "enum": []}}},
        "bat_buoc_thieu": {"type": "object", "properties": {"ket_luan": {"type": "string"}},
                           "required": ["ket_qua"], "additionalProperties": False},
        "dinh_dang": {"type": "object", "properties": {"ngay_to_chuc": {"type": "string", "format": "ngay"}}},
        "lich_hen": {"type": "object", "properties": {
            "ngay_to_chuc": {"type": "string", "format": "date"}, "dia_diem": {"type": "string"},
            "thoi_diem_hen": {"type": "string", "format": "date-time"}}},
    }.items():
        (folder / "hong" / f"{name}.schema.json").write_text(json.dumps(schema), "utf-8")
    return folder


def problems(xml: bytes, forms: Path) -> list:
    try:
        build_versions(xml, "thu.bpmn", forms, deadline_functions(CALENDAR, vn(2026, 11, 23, 8, 0)))
    except DiagramError as refused:
        for problem in refused.problems:
            plain = re.sub(r"\(Chi tiết: .*\)|«[^»]*»", "", problem.message)  # the detail, and names as written
            assert not any(word in plain for word in ENGLISH), problem.message
            assert "\n" not in str(problem)
        return refused.problems
    return []


# -- editing a copy of the shipped diagram, as a modeler would ---------------------------------

def el(root, element_id):
    return root.find(f".//*[@id='{element_id}']")


def add_xml(parent, xml):
    parent.append(etree.fromstring(f'<x xmlns:bpmn="{B}" xmlns:camunda="{CAMUNDA}" xmlns:zeebe="{ZEEBE}" '
                                   f'xmlns:spiffworkflow="{SPIFF}">{xml}</x>')[0])


def extension(node):
    found = node.find("bpmn:extensionElements", NS)
    if found is None:
        found = etree.Element(f"{{{B}}}extensionElements")
        node.insert(0, found)
    return found


def set_property(root, element_id, name, value=None):
    node = el(root, element_id)
    for prop in node.iterfind("bpmn:extensionElements/spiffworkflow:properties/spiffworkflow:property", NS):
        if prop.get("name") == name:
            if value is None:
                prop.getparent().remove(prop)
            else:
                prop.set("value", value)
            return
    props = extension(node).find("spiffworkflow:properties", NS)
    if props is None:
        props = etree.SubElement(extension(node), f"{{{SPIFF}}}properties")
    etree.SubElement(props, f"{{{SPIFF}}}property", name=name, **({"value": value} if value is not None else {}))


def set_timer(root, kind, text):
    definition = el(root, "TimerEventDefinition_qua_han")
    for child in list(definition):
        definition.remove(child)
    if kind:
        etree.SubElement(definition, f"{{{B}}}{kind}").text = text


def remove(root, element_id):
    node = el(root, element_id)
    node.getparent().remove(node)


def retag(root, element_id, kind):
    el(root, element_id).tag = f"{{{B}}}{kind}"


def in_lane(root, lane_id, node_id):
    etree.SubElement(el(root, lane_id), f"{{{B}}}flowNodeRef").text = node_id


def out_of_lanes(root, node_id):
    for ref in root.iter(f"{{{B}}}flowNodeRef"):
        if ref.text == node_id:
            ref.getparent().remove(ref)


def process(root):
    return root.find("bpmn:process", NS)


def flow(root, flow_id, source, target, condition=None):
    body = f'<bpmn:conditionExpression>{condition}</bpmn:conditionExpression>' if condition else ""
    add_xml(el(root, source).getparent(), f'<bpmn:sequenceFlow id="{flow_id}" sourceRef="{source}" '
                                          f'targetRef="{target}">{body}</bpmn:sequenceFlow>')


def condition(root, flow_id, text):
    el(root, flow_id).find("bpmn:conditionExpression", NS).text = text


def script(root, text):
    el(root, "Task_tinh_le_phi").find("bpmn:script", NS).text = text


def script_task_as(root, kind, **attributes):
    """The fee script task redrawn as another kind of task (the modeler drops the script)."""
    retag(root, "Task_tinh_le_phi", kind)
    task = el(root, "Task_tinh_le_phi")
    task.remove(task.find("bpmn:script", NS))
    del task.attrib["scriptFormat"]
    for name, value in attributes.items():
        task.set(name, value)


def waiting_for(root, definition: str):
    """The wait for a supplement during processing waiting for something else instead."""
    wait = el(root, "Event_cho_bo_sung_xu_ly")
    for child in (wait.find("bpmn:extensionElements", NS), wait.find("bpmn:messageEventDefinition", NS)):
        wait.remove(child)
    add_xml(wait, definition)


def service_task(root, **camunda):
    script_task_as(root, "serviceTask", **{f"{{{CAMUNDA}}}{name}": value for name, value in camunda.items()})


def new_task(root, task_id, name, lane="Lane_mot_cua", form="common/tham_dinh.schema.json"):
    properties = f'<bpmn:extensionElements><spiffworkflow:properties><spiffworkflow:property ' \
                 f'name="formJsonSchemaFilename" value="{form}" /></spiffworkflow:properties>' \
                 f'</bpmn:extensionElements>' if form else ""
    add_xml(process(root), f'<bpmn:userTask id="{task_id}" name="{name}">{properties}</bpmn:userTask>')
    in_lane(root, lane, task_id)


def camunda_ext(root, element_id, xml):
    add_xml(extension(el(root, element_id)), xml)


def camunda_attr(root, element_id, name, value):
    el(root, element_id).set(f"{{{CAMUNDA}}}{name}", value)


def second_start(root):
    add_xml(process(root), '<bpmn:startEvent id="Start_tai_quay" name="Nộp tại quầy" />')
    in_lane(root, "Lane_mot_cua", "Start_tai_quay")
    flow(root, "Flow_tai_quay", "Start_tai_quay", "Task_tiep_nhan")


def edited(edit) -> bytes:
    root = etree.fromstring(SOURCE)
    edit(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


# Each mistake: the edit, then the element the one problem names (id, name) and the words of the fix.
MISTAKES = {
    # Lanes: who works a step.
    "lane_no_role": (lambda r: el(r, "Lane_lanh_dao").set("name", "Văn thư"),
                     "Lane_lanh_dao", "Văn thư", ["không ứng với vai trò", "Lãnh đạo", "leader"]),
    "lane_without_diacritics": (lambda r: el(r, "Lane_chuyen_vien").set("name", "Chuyen vien"),
                                "Lane_chuyen_vien", "Chuyen vien", ["ý bạn là «Chuyên viên»"]),
    "lane_without_name": (lambda r: el(r, "Lane_lanh_dao").attrib.pop("name"),
                          "Lane_lanh_dao", "", ["chưa có tên", "Bộ phận Một cửa"]),
    "user_task_outside_lanes": (lambda r: out_of_lanes(r, "Task_phe_duyet"),
                                "Task_phe_duyet", "Phê duyệt kết quả", ["không nằm trong làn", "Kéo", "Lãnh đạo"]),
    "plain_task_outside_lanes": (lambda r: (retag(r, "Task_phe_duyet", "task"), out_of_lanes(r, "Task_phe_duyet")),
                                 "Task_phe_duyet", "Phê duyệt kết quả", ["Công việc (task)", "làn"]),
    # Properties of a step.
    "unknown_property": (lambda r: set_property(r, "Task_tiep_nhan", "timelimit", "working_hours(8)"),
                         "Task_tiep_nhan", "Tiếp nhận hồ sơ", ["«timelimit»", "ý bạn là «timeLimit»",
                                                               "formJsonSchemaFilename"]),
    "property_without_value": (lambda r: set_property(r, "Task_tiep_nhan", "agency"),
                               "Task_tiep_nhan", "Tiếp nhận hồ sơ", ["thiếu tên (name) hoặc giá trị (value)"]),
    "status_outside_1_10": (lambda r: set_property(r, "Task_tiep_nhan", "status", "0"),
                            "Task_tiep_nhan", "Tiếp nhận hồ sơ", ["từ 1 đến 10", "«0»", "4 Đang xử lý"]),
    # Typed with a Vietnamese keyboard in full-width mode: said as the digit to write, and only
    # there (not as a process with no status 2 besides).
    "status_full_width": (lambda r: set_property(r, "Event_tiep_nhan", "status", "２"),
                          "Event_tiep_nhan", "Tiếp nhận, cấp mã hồ sơ", ["phải viết 2, không viết ２"]),
    "status_in_words": (lambda r: set_property(r, "End_tra_ket_qua", "status", "Đã trả kết quả"),
                        "End_tra_ket_qua", "Đã trả kết quả", ["từ 1 đến 10", "10 Đã trả kết quả"]),
    "marks_late_not_boolean": (lambda r: set_property(r, "Boundary_qua_han_tiep_nhan", "marksLate", "có"),
                               "Boundary_qua_han_tiep_nhan", "Quá hạn tiếp nhận", ["true hoặc false", "«có»"]),
    "form_missing": (lambda r: set_property(r, "Task_tiep_nhan", "formJsonSchemaFilename", "common/tiep_nhan.schema.jsn"),
                     "Task_tiep_nhan", "Tiếp nhận hồ sơ", ["Không tìm thấy", "formJsonSchemaFilename",
                                                           "ý bạn là «common/tiep_nhan.schema.json»"]),
    "form_not_json": (lambda r: set_property(r, "Task_tiep_nhan", "formJsonSchemaFilename", "hong/khong_phai_json.schema.json"),
                      "Task_tiep_nhan", "Tiếp nhận hồ sơ", ["không phải JSON hợp lệ", "dòng 2", "dấu phẩy"]),
    "form_empty": (lambda r: set_property(r, "Task_tiep_nhan", "formJsonSchemaFilename", "hong/rong.schema.json"),
                   "Task_tiep_nhan", "Tiếp nhận hồ sơ", ["là tệp rỗng", "Viết nội dung vào tệp"]),
    "form_not_json_schema": (lambda r: set_property(r, "Task_tiep_nhan", "formJsonSchemaFilename",
                                                    "hong/khong_phai_schema.schema.json"),
                             "Task_tiep_nhan", "Tiếp nhận hồ sơ", ["không phải JSON Schema hợp lệ", "«properties»"]),
    "form_files_swapped": (lambda r: set_property(r, "Task_tiep_nhan", "formJsonSchemaFilename", "common/tiep_nhan.uischema.json"),
                           "Task_tiep_nhan", "Tiếp nhận hồ sơ", ["\"type\": \"object\"", "đổi chỗ"]),
    "form_outside_forms": (lambda r: set_property(r, "Task_tiep_nhan", "formJsonSchemaFilename", "../setup.cfg"),
                           "Task_tiep_nhan", "Tiếp nhận hồ sơ", ["thư mục forms/", "tương đối", "«..»"]),
    "ui_schema_missing": (lambda r: set_property(r, "Task_tiep_nhan", "formUiSchemaFilename", "common/khong_co.uischema.json"),
                          "Task_tiep_nhan", "Tiếp nhận hồ sơ", ["Không tìm thấy", "giao diện biểu mẫu (formUiSchemaFilename)"]),
    "form_absolute_path": (lambda r: set_property(r, "Task_tiep_nhan", "formJsonSchemaFilename",
                                                  str(ROOT / "forms" / "common" / "tiep_nhan.schema.json")),
                           "Task_tiep_nhan", "Tiếp nhận hồ sơ", ["thư mục forms/", "tương đối", "không bắt đầu bằng «/»"]),
    "form_unknown_type": (lambda r: set_property(r, "Task_tiep_nhan", "formJsonSchemaFilename", "hong/kieu_sai.schema.json"),
                          "Task_tiep_nhan", "Tiếp nhận hồ sơ", ["hong/kieu_sai.schema.json", "trường «so_ban»",
                                                                "«integr»", "ý bạn là «integer»"]),
    "form_dangling_ref": (lambda r: set_property(r, "Task_tiep_nhan", "formJsonSchemaFilename", "hong/ref_hong.schema.json"),
                          "Task_tiep_nhan", "Tiếp nhận hồ sơ", ["trường «x»", "«#/definitions/nope»", "#/$defs/"]),
    "form_empty_enum": (lambda r: set_property(r, "Task_tiep_nhan", "formJsonSchemaFilename", "hong/enum_rong.schema.json"),
                        "Task_tiep_nhan", "Tiếp nhận hồ sơ", ["trường «loai»", "enum", "rỗng"]),
    "form_required_not_a_field": (lambda r: set_property(r, "Task_tiep_nhan", "formJsonSchemaFilename",
                                                         "hong/bat_buoc_thieu.schema.json"),
                                  "Task_tiep_nhan", "Tiếp nhận hồ sơ", ["«ket_qua»", "additionalProperties: false",
                                                                        "ý bạn là «ket_luan»"]),
    "form_unknown_format": (lambda r: set_property(r, "Task_tiep_nhan", "formJsonSchemaFilename", "hong/dinh_dang.schema.json"),
                            "Task_tiep_nhan", "Tiếp nhận hồ sơ", ["«ngay»", "date, date-time"]),
    "user_task_without_form": (lambda r: (set_property(r, "Task_phe_duyet", "formJsonSchemaFilename"),
                                          set_property(r, "Task_phe_duyet", "formUiSchemaFilename")),
                               "Task_phe_duyet", "Phê duyệt kết quả", ["chưa có biểu mẫu", "formJsonSchemaFilename"]),
    "ui_schema_without_form": (lambda r: set_property(r, "Task_tiep_nhan", "formJsonSchemaFilename"),
                               "Task_tiep_nhan", "Tiếp nhận hồ sơ", ["thiếu formJsonSchemaFilename"]),
    # Deadlines and timers.
    "time_limit_syntax": (lambda r: set_property(r, "Task_tiep_nhan", "timeLimit", "working_hours(8"),
                          "Task_tiep_nhan", "Tiếp nhận hồ sơ", ["«timeLimit»", "Lỗi cú pháp", "working_days(3)"]),
    "time_limit_not_an_instant": (lambda r: set_property(r, "Task_tiep_nhan", "timeLimit", "8"),
                                  "Task_tiep_nhan", "Tiếp nhận hồ sơ", ["không phải một thời điểm", "working_hours(…)"]),
    "time_limit_unknown_function": (lambda r: set_property(r, "Task_tiep_nhan", "timeLimit", "working_weeks(1)"),
                                    "Task_tiep_nhan", "Tiếp nhận hồ sơ", ["working_weeks", "working_days(3)"]),
    "time_limit_iso_duration": (lambda r: set_property(r, "Task_tiep_nhan", "timeLimit", "P3D"),
                                "Task_tiep_nhan", "Tiếp nhận hồ sơ", ["ISO 8601", "working_days(3)", "calendar_days(3)"]),
    "time_limit_in_quotes": (lambda r: set_property(r, "Task_tiep_nhan", "timeLimit", 'working_days("5")'),
                             "Task_tiep_nhan", "Tiếp nhận hồ sơ", ["không có dấu ngoặc kép", "chữ «5»"]),
    # A Vietnamese decimal comma: the 5 would be read as the instant to count from.
    "time_limit_decimal_comma": (lambda r: set_property(r, "Task_tiep_nhan", "timeLimit", "working_days(1,5)"),
                                 "Task_tiep_nhan", "Tiếp nhận hồ sơ",
                                 ["«5» bị hiểu là mốc thời gian", "dấu thập phân là dấu chấm", "viết working_days(1.5)."]),
    "time_date_decimal_comma": (lambda r: set_timer(r, "timeDate", "calendar_days(2,5)"),
                                "Boundary_qua_han_tiep_nhan", "Quá hạn tiếp nhận",
                                ["dấu phẩy chỉ ngăn các đối số", "calendar_days chỉ đếm ngày trọn", "working_days(2.5)"]),
    "time_limit_from_a_date_field": (lambda r: (set_property(r, "Task_tham_dinh", "formJsonSchemaFilename",
                                                             "hong/lich_hen.schema.json"),
                                                set_property(r, "Task_phe_duyet", "timeLimit",
                                                             "working_days(3, ngay_to_chuc)")),
                                     "Task_phe_duyet", "Phê duyệt kết quả",
                                     ["«timeLimit»", "mốc «ngay_to_chuc»", "biểu mẫu hong/lich_hen.schema.json",
                                      "trường ngày (\"format\": \"date\", chỉ có ngày)", "\"date-time\"",
                                      "bỏ mốc để tính từ lúc bước bắt đầu: working_days(3)."]),
    "time_date_from_a_text_field": (lambda r: (set_property(r, "Task_tham_dinh", "formJsonSchemaFilename",
                                                            "hong/lich_hen.schema.json"),
                                               set_timer(r, "timeDate", "official_start(start=dia_diem)")),
                                    "Boundary_qua_han_tiep_nhan", "Quá hạn tiếp nhận",
                                    ["«timeDate»", "mốc «dia_diem»", "là trường chữ", "official_start()."]),
    "time_date_invalid": (lambda r: set_timer(r, "timeDate", "working_hours("),
                          "Boundary_qua_han_tiep_nhan", "Quá hạn tiếp nhận", ["«timeDate»", "Lỗi cú pháp"]),
    "time_date_not_an_instant": (lambda r: set_timer(r, "timeDate", "8"),
                                 "Boundary_qua_han_tiep_nhan", "Quá hạn tiếp nhận", ["không phải một thời điểm"]),
    "time_duration": (lambda r: set_timer(r, "timeDuration", "PT8H"),
                      "Boundary_qua_han_tiep_nhan", "Quá hạn tiếp nhận", ["timeDuration", "«Date» (timeDate)",
                                                                           "working_hours(8)"]),
    "time_cycle": (lambda r: set_timer(r, "timeCycle", "R3/PT1H"),
                   "Boundary_qua_han_tiep_nhan", "Quá hạn tiếp nhận", ["timeCycle", "timeDate"]),
    "timer_without_expression": (lambda r: set_timer(r, None, None),
                                 "Boundary_qua_han_tiep_nhan", "Quá hạn tiếp nhận", ["chưa có biểu thức", "timeDate"]),
    # Gateways and conditions.
    "gateway_without_default": (lambda r: el(r, "Flow_tu_choi").remove(el(r, "Flow_tu_choi")[0]),
                                "Gateway_ket_qua_tiep_nhan", "Kết quả tiếp nhận?",
                                ["«Từ chối»", "không có điều kiện", "nhánh mặc định", "Default flow",
                                 # the example: the step's own choice, the value no other branch asks for
                                 'ví dụ quyet_dinh == "tu_choi"']),
    # About another field than the step's choice: the example tests what the other branches test.
    "gateway_without_default_about_another_field": (
        lambda r: (condition(r, "Flow_can_bo_sung", "so_ban &gt; 2"), condition(r, "Flow_khong_du_dieu_kien", "so_ban == 1"),
                   el(r, "Flow_du_dieu_kien").remove(el(r, "Flow_du_dieu_kien")[0])),
        "Gateway_tham_dinh", "Kết quả thẩm định?", ["«Đạt» không có điều kiện", "(ví dụ so_ban != 1)"]),
    "gateway_default_not_its_flow": (lambda r: el(r, "Gateway_phe_duyet").set("default", "Flow_khong_co"),
                                     "Gateway_phe_duyet", "Phê duyệt?", ["«Flow_khong_co»", "Default flow"]),
    "condition_single_equals": (lambda r: condition(r, "Flow_tiep_nhan", 'quyet_dinh = "tiep_nhan"'),
                                "Flow_tiep_nhan", "Tiếp nhận", ["Lỗi cú pháp", 'quyet_dinh == "tiep_nhan"']),
    "condition_unknown_function": (lambda r: condition(r, "Flow_tiep_nhan", 'open("/etc/passwd") != ""'),
                                   "Flow_tiep_nhan", "Tiếp nhận", ["'open'", 'quyet_dinh == "tiep_nhan"']),
    "condition_dunder": (lambda r: condition(r, "Flow_tiep_nhan", "quyet_dinh.__class__ == str"),
                         "Flow_tiep_nhan", "Tiếp nhận", ["'_'", "__class__"]),
    "condition_import": (lambda r: condition(r, "Flow_tiep_nhan", '__import__("os") == 1'),
                         "Flow_tiep_nhan", "Tiếp nhận", ["__import__"]),
    "condition_camunda_7": (lambda r: condition(r, "Flow_tiep_nhan", '${quyet_dinh == "tiep_nhan" && !da_rut}'),
                            "Flow_tiep_nhan", "Tiếp nhận", ["Camunda", 'quyet_dinh == "tiep_nhan" and not da_rut']),
    "condition_outside_gateway": (lambda r: flow(r, "Flow_neu_nhieu_ban", "Task_tra_ket_qua", "End_tra_ket_qua",
                                                 "so_ban &gt; 1"),
                                  "Flow_neu_nhieu_ban", "", ["từ «Trả kết quả» tới «Đã trả kết quả» có điều kiện",
                                                             "công việc người dùng (user task) «Trả kết quả»",
                                                             "bỏ qua điều kiện", "cổng loại trừ", "sau «Trả kết quả»"]),
    "condition_camunda_8": (lambda r: condition(r, "Flow_tiep_nhan", '=quyet_dinh = "tiep_nhan"'),
                            "Flow_tiep_nhan", "Tiếp nhận", ["FEEL", "dấu = ở đầu"]),
    # A part reading no data fails for every dossier: said before one stops there (QT-19).
    "condition_constant_fails": (lambda r: condition(r, "Flow_tiep_nhan", 'so_ban / 0 == 1 or quyet_dinh == "tiep_nhan"'),
                                 "Flow_tiep_nhan", "Tiếp nhận", ["«so_ban / 0»", "Phép chia cho 0", "mọi hồ sơ"]),
    "condition_constant_too_big": (lambda r: condition(r, "Flow_tiep_nhan", '"a" * 10**9 == quyet_dinh'),
                                   "Flow_tiep_nhan", "Tiếp nhận", ["«'a' * 10 ** 9»", "quá lớn"]),
    "script_constant_fails": (lambda r: script(r, 'le_phi = so_ban * int("8.000")'),
                              "Task_tinh_le_phi", "Tính lệ phí", ["«int('8.000')»", "'int'", "mỗi khi được chạy tới"]),
    # What a script keeps is the same for every dossier, and cannot be kept (QT-19, QT-20).
    "script_keeps_a_range": (lambda r: script(r, "le_phi = 8000\ncac_so = range(3)"),
                             "Task_tinh_le_phi", "Tính lệ phí", ["«cac_so = range(3)»", "không lưu được", "kiểu range"]),
    "script_keeps_a_function": (lambda r: script(r, "le_phi = 8000\ncach_tinh = len"),
                                "Task_tinh_le_phi", "Tính lệ phí", ["«cach_tinh = len»", "Hàm 'len' chỉ được gọi"]),
    "script_keeps_number_keys": (lambda r: script(r, 'le_phi = 8000\nbang = {1: "a"}'),
                                 "Task_tinh_le_phi", "Tính lệ phí", ["phải là chuỗi", "số nguyên"]),
    # An amount reading no data that is no sum of đồng stops every dossier at the wait (QT-40).
    "amount_constant_fraction": (lambda r: set_property(r, "Event_cho_nop_phi", "amount", "17001 / 2"),
                                 "Event_cho_nop_phi", "Chờ công dân nộp phí", ["«8500.5»", "số đồng nguyên không âm"]),
    "amount_constant_text": (lambda r: set_property(r, "Event_cho_nop_phi", "amount", "str(8000)"),
                             "Event_cho_nop_phi", "Chờ công dân nộp phí", ['«"8000"»', "không đặt trong dấu nháy"]),
    "amount_constant_negative": (lambda r: set_property(r, "Event_cho_nop_phi", "amount", "0 - 8000"),
                                 "Event_cho_nop_phi", "Chờ công dân nộp phí", ["«-8000»"]),
    # A step two lanes list: which role works it would be silently the last lane's (QT-01).
    "node_in_two_lanes": (lambda r: in_lane(r, "Lane_chuyen_vien", "Task_tiep_nhan"),
                          "Task_tiep_nhan", "Tiếp nhận hồ sơ", ["«Bộ phận Một cửa» và «Chuyên viên»",
                                                                "<bpmn:flowNodeRef>Task_tiep_nhan</bpmn:flowNodeRef>"]),
    # Scripts.
    "script_import": (lambda r: script(r, "import os\nle_phi = 0"),
                      "Task_tinh_le_phi", "Tính lệ phí", ["import", "phép gán"]),
    "script_empty": (lambda r: script(r, ""), "Task_tinh_le_phi", "Tính lệ phí", ["chưa có nội dung", "le_phi ="]),
    "script_in_javascript": (lambda r: el(r, "Task_tinh_le_phi").set("scriptFormat", "javascript"),
                             "Task_tinh_le_phi", "Tính lệ phí", ["«javascript»", "python"]),
    "pre_script_forbidden": (lambda r: add_xml(extension(el(r, "Task_tiep_nhan")),
                                               "<spiffworkflow:preScript>import os</spiffworkflow:preScript>"),
                             "Task_tiep_nhan", "Tiếp nhận hồ sơ", ["spiffworkflow:preScript", "import"]),
    # Messages.
    "message_event_without_message": (lambda r: el(r, "MessageEventDefinition_bo_sung").attrib.pop("messageRef"),
                                      "Event_cho_bo_sung", "Chờ công dân bổ sung", ["messageRef", "bo_sung"]),
    "message_event_to_missing_message": (lambda r: el(r, "MessageEventDefinition_rut_ho_so").set("messageRef", "Message_rut"),
                                         "Boundary_rut_ho_so", "Công dân rút hồ sơ", ["«Message_rut»", "Message"]),
    "message_misspelt": (lambda r: el(r, "Message_bo_sung").set("name", "bo_sun"),
                         "Event_cho_bo_sung", "Chờ công dân bổ sung", ["«bo_sun»", "ý bạn là «bo_sung»", "chờ ở đây mãi"]),
    "message_in_words": (lambda r: el(r, "Message_bo_sung").set("name", "Bổ sung hồ sơ"),
                         "Event_cho_bo_sung", "Chờ công dân bổ sung", ["«Bổ sung hồ sơ»", "ý bạn là «bo_sung»"]),
    "message_name_with_spaces": (lambda r: el(r, "Message_bo_sung").set("name", " bo_sung "),
                                 "Event_cho_bo_sung", "Chờ công dân bổ sung",
                                 ["« bo_sung »", "Message_bo_sung", "chờ ở đây mãi", "Xóa các dấu cách", "«bo_sung»."]),
    "message_nobody_sends": (lambda r: el(r, "Message_bo_sung").set("name", "nop_phi"),
                             "Event_cho_bo_sung", "Chờ công dân bổ sung",
                             ["«nop_phi»", "bo_sung hoặc rut_ho_so hoặc thanh_toan", "chờ ở đây mãi",
                              "thanh_toan (nộp phí, lệ phí)"]),
    "no_status_2": (lambda r: set_property(r, "Event_tiep_nhan", "status"),
                    "cap_ban_sao_trich_luc_ho_tich", "Cấp bản sao trích lục hộ tịch", ["status 2", "mã hồ sơ", "Mẫu 01"]),
    "no_status_9": (lambda r: (set_property(r, "Event_da_xu_ly", "status"), set_property(r, "Task_tra_ket_qua", "status", "10")),
                    "cap_ban_sao_trich_luc_ho_tich", "Cấp bản sao trích lục hộ tịch", ["status 9", "ký số kết quả"]),
    "agency_lower_case": (lambda r: set_property(r, "Task_tham_dinh", "agency", "000.00.30.h99"),
                          "Task_tham_dinh", "Thẩm định hồ sơ", ["chữ in hoa", "«000.00.30.H99»"]),
    "agency_by_name": (lambda r: set_property(r, "Task_tham_dinh", "agency", "Công an tỉnh"),
                       "Task_tham_dinh", "Thẩm định hồ sơ", ["không phải mã định danh", "000.00.30.H99"]),
    "message_without_name": (lambda r: (el(r, "Message_rut_ho_so").attrib.pop("name")),
                             "Boundary_rut_ho_so", "Công dân rút hồ sơ", ["chưa có tên", "rut_ho_so"]),
    # The shape of the process.
    "flow_to_missing_element": (lambda r: el(r, "Flow_le_phi_tiep_nhan").set("targetRef", "Task_tiep_nhan_2"),
                                "Flow_le_phi_tiep_nhan", "", ["từ «Tính lệ phí»", "«Task_tiep_nhan_2» (targetRef)",
                                                              "Kéo đầu mũi tên"]),
    "flow_from_missing_element": (lambda r: el(r, "Flow_tra_ket_qua_xong").set("sourceRef", "Event_xong"),
                                  "Flow_tra_ket_qua_xong", "", ["«Event_xong» (sourceRef)", "vẽ lại"]),
    "flow_across_sub_process": (lambda r: el(r, "Flow_phe_duyet").set("targetRef", "Task_tra_ket_qua"),
                                "Flow_phe_duyet", "Phê duyệt", ["ranh giới", "quy trình con"]),
    "task_without_incoming": (lambda r: (new_task(r, "Task_luu_tru", "Lưu trữ hồ sơ"),
                                         flow(r, "Flow_luu_tru", "Task_luu_tru", "End_tra_ket_qua")),
                              "Task_luu_tru", "Lưu trữ hồ sơ", ["không có luồng nào đi vào", "Vẽ một mũi tên"]),
    "steps_in_a_loop_nothing_enters": (lambda r: (new_task(r, "Task_soat_xet", "Soát xét lại"),
                                                  new_task(r, "Task_ky_nhay", "Ký nháy"),
                                                  flow(r, "Flow_soat_xet", "Task_soat_xet", "Task_ky_nhay"),
                                                  flow(r, "Flow_ky_nhay", "Task_ky_nhay", "Task_soat_xet")),
                                       "Task_soat_xet", "Soát xét lại",
                                       ["không bao giờ được thực hiện", "(từ «Ký nháy» tới «Soát xét lại»)",
                                        "không đường nào từ sự kiện bắt đầu", "Vẽ một mũi tên"]),
    "task_without_outgoing": (lambda r: (new_task(r, "Task_luu_tru", "Lưu trữ hồ sơ"),
                                         flow(r, "Flow_luu_tru", "Gateway_ket_qua_tiep_nhan", "Task_luu_tru",
                                              'quyet_dinh == "luu_tru"')),
                              "Task_luu_tru", "Lưu trữ hồ sơ", ["không có luồng đi ra", "sự kiện kết thúc (end event)"]),
    "task_with_two_outgoing": (lambda r: flow(r, "Flow_them", "Task_tra_ket_qua", "End_rut_ho_so"),
                               "Task_tra_ket_qua", "Trả kết quả", ["2 luồng ra", "exclusive gateway"]),
    "start_event_with_incoming": (lambda r: el(r, "Flow_da_bo_sung").set("targetRef", "Start_nop_ho_so"),
                                  "Start_nop_ho_so", "Công dân nộp hồ sơ", ["luồng đi vào", "«Đã bổ sung»"]),
    "end_event_with_outgoing": (lambda r: flow(r, "Flow_lai", "End_tra_ket_qua", "Task_tra_ket_qua"),
                                "End_tra_ket_qua", "Đã trả kết quả", ["luồng đi ra", "sự kiện trung gian"]),
    "two_start_events": (second_start, "Start_tai_quay", "Nộp tại quầy",
                         ["«Công dân nộp hồ sơ»", "chỉ bắt đầu ở một chỗ"]),
    "sub_process_without_start": (lambda r: (remove(r, "Start_giai_quyet"), remove(r, "Flow_bat_dau")),
                                  "Sub_giai_quyet", "Giải quyết hồ sơ", ["chưa có sự kiện bắt đầu"]),
    "boundary_attached_to_nothing": (lambda r: el(r, "Boundary_rut_ho_so").attrib.pop("attachedToRef"),
                                     "Boundary_rut_ho_so", "Công dân rút hồ sơ", ["chưa gắn", "attachedToRef", "mép"]),
    "boundary_attached_to_missing_task": (lambda r: el(r, "Boundary_rut_ho_so").set("attachedToRef", "Task_cu"),
                                          "Boundary_rut_ho_so", "Công dân rút hồ sơ", ["«Task_cu»", "mép"]),
    # Element types the engine cannot run, and what is called.
    "complex_gateway": (lambda r: retag(r, "Gateway_phe_duyet", "complexGateway"),
                        "Gateway_phe_duyet", "Phê duyệt?", ["Cổng phức hợp", "exclusive gateway"]),
    "service_task": (lambda r: service_task(r), "Task_tinh_le_phi", "Tính lệ phí", ["service task", "Script task"]),
    "send_task": (lambda r: script_task_as(r, "sendTask"), "Task_tinh_le_phi", "Tính lệ phí",
                  ["send task", "không ai làm", "User task"]),
    "call_activity_to_a_process": (lambda r: script_task_as(r, "callActivity", calledElement="cap_ban_sao_trich_luc_ho_tich"),
                                   "Task_tinh_le_phi", "Tính lệ phí", ["chưa được hệ thống hỗ trợ", "không tới hộp công "
                                                                       "việc của ai", "subProcess"]),
    "sub_process_start_waits": (lambda r: add_xml(el(r, "Start_giai_quyet"),
                                                  '<bpmn:messageEventDefinition messageRef="Message_bo_sung" />'),
                                "Start_giai_quyet", "Bắt đầu giải quyết", ["«Giải quyết hồ sơ»", "bắt đầu ngay",
                                                                           "sự kiện bắt đầu trống"]),
    "conditional_wait": (lambda r: waiting_for(r, '<bpmn:conditionalEventDefinition><bpmn:condition>so_ban &gt; 5'
                                                  '</bpmn:condition>'
                                                  '</bpmn:conditionalEventDefinition>'),
                         "Event_cho_bo_sung_xu_ly", "Chờ công dân bổ sung", ["không tính lại điều kiện", "mãi"]),
    "signal_never_sent": (lambda r: waiting_for(r, '<bpmn:signalEventDefinition signalRef="Signal_1" />'),
                          "Event_cho_bo_sung_xu_ly", "Chờ công dân bổ sung", ["không ai ngoài quy trình gửi tín hiệu",
                                                                              "sự kiện chờ tin nhắn"]),
    "withdrawal_not_interrupting": (lambda r: el(r, "Boundary_rut_ho_so").set("cancelActivity", "false"),
                                    "Boundary_rut_ho_so", "Công dân rút hồ sơ", ["bước nó gắn vẫn mở", "trạng thái 7"]),
    "message_end_event": (lambda r: add_xml(el(r, "End_khong_tiep_nhan"),
                                            '<bpmn:messageEventDefinition messageRef="Message_rut_ho_so" />'),
                          "End_khong_tiep_nhan", "Không tiếp nhận", ["không gửi gì", "sự kiện thường"]),
    "message_throw_event": (lambda r: add_xml(el(r, "Event_tiep_nhan"),
                                              '<bpmn:messageEventDefinition messageRef="Message_rut_ho_so" />'),
                            "Event_tiep_nhan", "Tiếp nhận, cấp mã hồ sơ", ["message throw", "phong bì"]),
    "business_rule_task": (lambda r: script_task_as(r, "businessRuleTask"),
                           "Task_tinh_le_phi", "Tính lệ phí", ["DMN", "Script task"]),
    "call_activity_to_missing_process": (lambda r: script_task_as(r, "callActivity", calledElement="tinh_phi"),
                                         "Task_tinh_le_phi", "Tính lệ phí",
                                         ["«tinh_phi»", "cap_ban_sao_trich_luc_ho_tich", "calledElement"]),
    "call_activity_without_process": (lambda r: script_task_as(r, "callActivity"),
                                      "Task_tinh_le_phi", "Tính lệ phí", ["Called element", "cap_ban_sao_trich_luc_ho_tich"]),
    "data_store": (lambda r: process(r).addprevious(etree.Element(f"{{{B}}}dataStore", id="DataStore_cu",
                                                                   name="Kho hồ sơ cũ")),
                   "DataStore_cu", "Kho hồ sơ cũ", ["Kho dữ liệu", "Xóa"]),
    # The BPMN 2.0 schema (XSD), checked by SpiffWorkflow in English.
    "duplicate_id": (lambda r: (new_task(r, "Task_tiep_nhan", "Tiếp nhận lại")),
                     "Task_tiep_nhan", "Tiếp nhận lại", ["«Task_tiep_nhan»", "«Tiếp nhận hồ sơ»", "id riêng"]),
    "id_with_spaces": (lambda r: el(r, "Lane_lanh_dao").set("id", "Lane lanh dao"),
                       "Lane lanh dao", "Lãnh đạo", ["không có dấu cách", "Task_tham_dinh"]),
    "element_out_of_order": (lambda r: el(r, "Task_tiep_nhan").append(el(r, "Task_tiep_nhan")[0]),
                             "Task_tiep_nhan", "Tiếp nhận hồ sơ", ["bpmn:extensionElements", "đứng đầu"]),
    "unknown_element": (lambda r: add_xml(el(r, "Task_tiep_nhan"), "<bpmn:deadline />"),
                        "Task_tiep_nhan", "Tiếp nhận hồ sơ", ["«bpmn:deadline»", "bpmn:loopCharacteristics"]),
    "attribute_value": (lambda r: el(r, "Boundary_qua_han_tiep_nhan").set("cancelActivity", "không"),
                        "Boundary_qua_han_tiep_nhan", "Quá hạn tiếp nhận", ["«không»", "«cancelActivity»", "true hoặc false"]),
    "unknown_attribute": (lambda r: el(r, "Task_tiep_nhan").set("priority", "1"),
                          "Task_tiep_nhan", "Tiếp nhận hồ sơ", ["«priority»", "Xóa thuộc tính"]),
    # SpiffWorkflow's own refusals.
    "multi_instance_without_count": (lambda r: add_xml(el(r, "Task_phe_duyet"), "<bpmn:multiInstanceLoopCharacteristics />"),
                                     "Task_phe_duyet", "Phê duyệt kết quả", ["Loop cardinality"]),
    "engine_refusal_without_translation": (lambda r: (retag(r, "Sub_giai_quyet", "adHocSubProcess")),
                                           "Sub_giai_quyet", "Giải quyết hồ sơ",
                                           ["SpiffWorkflow", "vẽ lại", "(Chi tiết: Ad hoc subprocesses"]),
    # Camunda Modeler's extensions.
    "camunda_form_key": (lambda r: camunda_attr(r, "Task_phe_duyet", "formKey", "camunda-forms:deployment:phe_duyet.form"),
                         "Task_phe_duyet", "Phê duyệt kết quả",
                         ["camunda:formKey", 'name="formJsonSchemaFilename"', "Extension properties"]),
    "camunda_form_data": (lambda r: camunda_ext(r, "Task_phe_duyet", '<camunda:formData><camunda:formField id="y_kien" '
                                                                     'type="string" /></camunda:formData>'),
                          "Task_phe_duyet", "Phê duyệt kết quả", ["camunda:formData", "formJsonSchemaFilename"]),
    "camunda_assignee": (lambda r: camunda_attr(r, "Task_phe_duyet", "assignee", "${lanhDao}"),
                         "Task_phe_duyet", "Phê duyệt kết quả", ["camunda:assignee", "làn (lane) quyết định", "Lãnh đạo"]),
    "camunda_candidate_groups": (lambda r: camunda_attr(r, "Task_phe_duyet", "candidateGroups", "lanh_dao"),
                                 "Task_phe_duyet", "Phê duyệt kết quả", ["camunda:candidateGroups", "làn (lane)"]),
    "camunda_due_date": (lambda r: camunda_attr(r, "Task_phe_duyet", "dueDate", "${now() + 3}"),
                         "Task_phe_duyet", "Phê duyệt kết quả", ["camunda:dueDate", 'name="timeLimit"']),
    "camunda_input_output": (lambda r: camunda_ext(r, "Task_phe_duyet", '<camunda:inputOutput><camunda:inputParameter '
                                                                        'name="x">1</camunda:inputParameter>'
                                                                        '</camunda:inputOutput>'),
                             "Task_phe_duyet", "Phê duyệt kết quả", ["camunda:inputOutput", "Script task"]),
    "camunda_listener": (lambda r: camunda_ext(r, "Task_phe_duyet", '<camunda:taskListener class="vn.tinh.Nghe" '
                                                                    'event="create" />'),
                         "Task_phe_duyet", "Phê duyệt kết quả", ["camunda:taskListener", "Script task"]),
    "camunda_class": (lambda r: service_task(r, **{"class": "vn.tinh.TinhLePhi"}),
                      "Task_tinh_le_phi", "Tính lệ phí", ["camunda:class", "Script task", "le_phi = so_ban * 8000"]),
    "camunda_delegate_expression": (lambda r: service_task(r, delegateExpression="${tinhLePhi}"),
                                    "Task_tinh_le_phi", "Tính lệ phí", ["camunda:delegateExpression", "Script task"]),
    "camunda_expression": (lambda r: service_task(r, expression="${soBan * 8000}"),
                           "Task_tinh_le_phi", "Tính lệ phí", ["camunda:expression", "Script task"]),
    "camunda_external_task": (lambda r: service_task(r, type="external", topic="le-phi"),
                              "Task_tinh_le_phi", "Tính lệ phí", ["camunda:type, camunda:topic", "Script task"]),
    "camunda_result_variable": (lambda r: camunda_attr(r, "Task_tinh_le_phi", "resultVariable", "le_phi"),
                                "Task_tinh_le_phi", "Tính lệ phí", ["camunda:resultVariable", "gán thẳng"]),
    "zeebe_form": (lambda r: camunda_ext(r, "Task_phe_duyet", '<zeebe:formDefinition formKey="phe_duyet" />'),
                   "Task_phe_duyet", "Phê duyệt kết quả", ["zeebe:formDefinition", "formJsonSchemaFilename"]),
    "zeebe_assignment": (lambda r: camunda_ext(r, "Task_phe_duyet", '<zeebe:assignmentDefinition '
                                                                    'candidateGroups="lanh_dao" />'),
                         "Task_phe_duyet", "Phê duyệt kết quả", ["zeebe:assignmentDefinition", "làn (lane)"]),
}


@pytest.mark.rule("QT-30")
@pytest.mark.rule("QT-31")
@pytest.mark.parametrize("mistake", MISTAKES, ids=list(MISTAKES))
def test_each_mistake_names_its_element_and_says_how_to_fix_it(mistake, forms):
    edit, element_id, element_name, words = MISTAKES[mistake]
    found = problems(edited(edit), forms)
    mine = [p for p in found if p.element_id == element_id]
    assert len(mine) == 1, [str(p) for p in found]
    assert mine[0].element_name == element_name
    for word in words:
        assert word in mine[0].message, (word, mine[0].message)
    assert str(mine[0]).startswith(f"thu.bpmn: [{element_id}")


@pytest.mark.parametrize("mistake", ["gateway_without_default", "timer_without_expression", "script_empty",
                                     "flow_to_missing_element", "boundary_attached_to_nothing", "duplicate_id",
                                     "call_activity_to_missing_process", "service_task", "business_rule_task",
                                     "message_event_to_missing_message", "sub_process_without_start"])
def test_spiffworkflow_does_not_repeat_a_mistake_the_checks_named(mistake, forms):
    """SpiffWorkflow stops at its first refusal, in English, often on a neighbouring element (the
    flow for a gateway, the task before a missing target): the checker's message stands alone."""
    edit, element_id, _, _ = MISTAKES[mistake]
    found = problems(edited(edit), forms)
    assert [p.element_id for p in found].count(element_id) == 1
    assert not any("SpiffWorkflow" in p.message for p in found), [str(p) for p in found]


@pytest.mark.parametrize("mistake", ["time_limit_in_quotes", "time_limit_not_an_instant", "time_limit_decimal_comma"])
def test_a_message_ends_with_one_full_stop(mistake, forms):
    edit, element_id, _, _ = MISTAKES[mistake]
    [mine] = [p for p in problems(edited(edit), forms) if p.element_id == element_id]
    assert ".." not in mine.message and mine.message.endswith(".")


def test_every_schema_error_is_reported_at_once(forms):
    def two_errors(root):
        el(root, "Task_tiep_nhan").set("priority", "1")
        el(root, "Boundary_qua_han_tiep_nhan").set("cancelActivity", "không")
    found = problems(edited(two_errors), forms)
    assert {p.element_id for p in found} == {"Task_tiep_nhan", "Boundary_qua_han_tiep_nhan"}


def test_harmless_camunda_metadata_is_accepted(forms):
    def async_hints(root):
        camunda_attr(root, "Task_phe_duyet", "asyncBefore", "true")
        camunda_attr(root, "Task_tinh_le_phi", "asyncAfter", "true")
        camunda_attr(root, "cap_ban_sao_trich_luc_ho_tich", "historyTimeToLive", "180")
        root.set(f"{{{CAMUNDA}}}diagramRelationId", "7d3c2a8e-51c0-4f43-9b8f-3c1d2a6e4f10")
    assert problems(edited(async_hints), forms) == []


# -- the file as a whole -------------------------------------------------------------------------

@pytest.mark.parametrize("content, words", [
    (b"", ["Tệp rỗng"]),
    (b"Quy trinh cap ban sao", ["không phải sơ đồ BPMN", "Export as BPMN"]),
    (SOURCE[: len(SOURCE) // 2], ["bị cắt cụt", "dòng"]),
    (SOURCE.replace(b"<bpmn:laneSet", b"<bpmn:laneSet<", 1), ["không phải XML hợp lệ", f"dòng {LANE_SET_LINE},",
                                                               "(Chi tiết:"]),
    (SOURCE.decode("utf-8").encode("cp1258", errors="replace"), ["không lưu bằng mã UTF-8", "Windows-1258", "từ dòng"]),
    # Saved in UTF-8 under another encoding's declaration: refused as bytes it lacks, or read garbled.
    (SOURCE.replace(b'encoding="UTF-8"', b'encoding="windows-1258"', 1),
     ['khai báo encoding="windows-1258", nhưng nội dung được lưu bằng mã UTF-8', 'encoding="UTF-8"?>']),
    (SOURCE.replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"', 1),
     ["được lưu bằng mã UTF-8", "(tên «Sở Tư pháp» được đọc thành «Sá"]),
    (b'<?xml version="1.0"?><sodo><buoc/></sodo>', ["«sodo»", "bpmn:definitions"]),
    (f'<bpmn:definitions xmlns:bpmn="{B}" id="D" targetNamespace="x" />'.encode(), ["không có quy trình nào"]),
    # Cut short after a whole tag, and a typo in the last line's closing tag: only the first is cut.
    (SOURCE[: SOURCE.index(b">", len(SOURCE) // 2) + 1], ["bị cắt cụt"]),
    (SOURCE.replace(b"</bpmn:definitions>", b"</bpmn:definitons>"), ["không khớp với thẻ mở", "</bpmn:definitions>"]),
    (SOURCE.replace(b'name="Ti', b'name="&nbsp;Ti', 1), ["«&nbsp;»", "gõ thẳng ký tự"]),
    (SOURCE.replace(b'name="Ti', b'name="A & Ti', 1), ["«&amp;»"]),
    (b"<a>" * 300 + b"</a>" * 300, ["quá sâu", "256"]),
    # An entity reading the server's files, or one doubling itself: refused, and said so.
    (SOURCE.replace(b"<bpmn:definitions", b'<!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                    b'<bpmn:definitions a="&e;"', 1), ["<!DOCTYPE>", "Xóa khai báo"]),
    (b'<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">' + b"".join(
        b'<!ENTITY %s "%s">' % (bytes([c + 1]), b"&%s;" % bytes([c]) * 10) for c in range(97, 103))
     + b"]><l>&g;</l>", ["<!DOCTYPE>"]),
    # Read without harm, yet a diagram has no use for one: refused the same.
    (SOURCE.replace(b"<bpmn:definitions", b'<!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                    b'<bpmn:definitions', 1).replace(b"</bpmn:definitions>", b"<!-- &e; --></bpmn:definitions>"),
     ["<!DOCTYPE>", "Xóa khai báo"]),
    # Blank lines before the root: a mistake near the end is still a mistake, not a cut-off file.
    (b"\n" * 5 + SOURCE[SOURCE.index(b"<bpmn:definitions"):].replace(
        b"</bpmndi:BPMNPlane>", b'</bpmndi:BPMNPlane a="&">', 1), ["không phải XML hợp lệ", "dòng"]),
], ids=["empty", "not_xml", "truncated", "syntax_error", "windows_1258", "utf8_declared_1258", "utf8_declared_latin1",
        "not_bpmn", "no_process", "truncated_after_tag",
        "closing_tag_typo", "html_entity", "lone_ampersand", "too_deep", "external_entity", "entity_expansion",
        "doctype", "leading_blank_lines"])
def test_a_file_that_is_no_diagram_says_why(content, words, forms):
    [problem] = problems(content, forms)
    assert (problem.element_id, problem.element_name) == ("", "")
    for word in words:
        assert word in problem.message, (word, problem.message)


def test_a_process_not_marked_executable_is_named(forms):
    [problem] = problems(SOURCE.replace(b'isExecutable="true"', b'isExecutable="false"'), forms)
    assert (problem.element_id, problem.element_name) == ("cap_ban_sao_trich_luc_ho_tich", "Cấp bản sao trích lục hộ tịch")
    assert "Executable" in problem.message and 'isExecutable="true"' in problem.message


def test_a_file_too_big_is_refused_before_parsing(forms):
    [problem] = problems(SOURCE + b" " * MAX_DIAGRAM_BYTES, forms)
    assert "quá lớn" in problem.message and "MB" in problem.message


# -- a diagram saved by Camunda Modeler ---------------------------------------------------------

CAMUNDA_MODELER = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_0k2m9xa" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Camunda Modeler" exporterVersion="5.19.0" modeler:executionPlatform="Camunda Platform" modeler:executionPlatformVersion="7.20.0" camunda:diagramRelationId="5b0c7a3e-2f7d-4a61-9c1e-8d2f0b7e4a19">
  <bpmn:collaboration id="Collaboration_1q8w7ty">
    <bpmn:participant id="Participant_0c4v3ho" name="UBND xã" processRef="xac_nhan_tinh_trang_hon_nhan" />
  </bpmn:collaboration>
  <bpmn:process id="xac_nhan_tinh_trang_hon_nhan" name="Cấp giấy xác nhận tình trạng hôn nhân" isExecutable="true" camunda:historyTimeToLive="180">
    <bpmn:laneSet id="LaneSet_1n1jq3v">
      <bpmn:lane id="Lane_0m6w3hb" name="Bộ phận Một cửa">
        <bpmn:flowNodeRef>StartEvent_1</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>Activity_1tiepnh</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>Event_0quahan</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>Event_1trehan</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>Gateway_0ketqua</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>Event_1capma</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>Event_0tuchoi</bpmn:flowNodeRef>
      </bpmn:lane>
      <bpmn:lane id="Lane_1x7gk2p" name="Chuyên viên">
        <bpmn:flowNodeRef>Activity_0thamdi</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>Event_0xong</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>Event_0trakq</bpmn:flowNodeRef>
      </bpmn:lane>
      <bpmn:lane id="Lane_0lanhdao" name="Lãnh đạo">
        <bpmn:flowNodeRef>Activity_0duyet</bpmn:flowNodeRef>
      </bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="StartEvent_1" name="Công dân nộp hồ sơ">
      <bpmn:outgoing>Flow_0a1b2c3</bpmn:outgoing>
    </bpmn:startEvent>
    <bpmn:userTask id="Activity_1tiepnh" name="Tiếp nhận hồ sơ" camunda:asyncBefore="true">
      <bpmn:extensionElements>
        <camunda:properties>
          <camunda:property name="formJsonSchemaFilename" value="common/tiep_nhan.schema.json" />
          <camunda:property name="formUiSchemaFilename" value="common/tiep_nhan.uischema.json" />
          <camunda:property name="status" value="1" />
          <camunda:property name="timeLimit" value="working_hours(8)" />
        </camunda:properties>
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_0a1b2c3</bpmn:incoming>
      <bpmn:outgoing>Flow_1d4e5f6</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:boundaryEvent id="Event_0quahan" name="Quá hạn tiếp nhận" cancelActivity="false" attachedToRef="Activity_1tiepnh">
      <bpmn:extensionElements>
        <camunda:properties>
          <camunda:property name="marksLate" value="true" />
        </camunda:properties>
      </bpmn:extensionElements>
      <bpmn:outgoing>Flow_0g7h8i9</bpmn:outgoing>
      <bpmn:timerEventDefinition id="TimerEventDefinition_1v0x9s2">
        <bpmn:timeDate xsi:type="bpmn:tFormalExpression">working_hours(8)</bpmn:timeDate>
      </bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:endEvent id="Event_1trehan" name="Đã đánh dấu trễ hạn">
      <bpmn:incoming>Flow_0g7h8i9</bpmn:incoming>
    </bpmn:endEvent>
    <bpmn:exclusiveGateway id="Gateway_0ketqua" name="Tiếp nhận?" default="Flow_1tuchoi">
      <bpmn:incoming>Flow_1d4e5f6</bpmn:incoming>
      <bpmn:outgoing>Flow_0tiepnh</bpmn:outgoing>
      <bpmn:outgoing>Flow_1tuchoi</bpmn:outgoing>
    </bpmn:exclusiveGateway>
    <bpmn:intermediateThrowEvent id="Event_1capma" name="Tiếp nhận, cấp mã hồ sơ">
      <bpmn:extensionElements>
        <camunda:properties>
          <camunda:property name="status" value="2" />
        </camunda:properties>
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_0tiepnh</bpmn:incoming>
      <bpmn:outgoing>Flow_0chuyen</bpmn:outgoing>
    </bpmn:intermediateThrowEvent>
    <bpmn:endEvent id="Event_0tuchoi" name="Không tiếp nhận">
      <bpmn:extensionElements>
        <camunda:properties>
          <camunda:property name="status" value="3" />
        </camunda:properties>
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_1tuchoi</bpmn:incoming>
    </bpmn:endEvent>
    <bpmn:userTask id="Activity_0thamdi" name="Thẩm định hồ sơ">
      <bpmn:extensionElements>
        <camunda:properties>
          <camunda:property name="formJsonSchemaFilename" value="common/tham_dinh.schema.json" />
          <camunda:property name="status" value="4" />
          <camunda:property name="timeLimit" value="working_days(1)" />
        </camunda:properties>
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_0chuyen</bpmn:incoming>
      <bpmn:outgoing>Flow_0duyet</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:userTask id="Activity_0duyet" name="Phê duyệt kết quả">
      <bpmn:extensionElements>
        <camunda:properties>
          <camunda:property name="formJsonSchemaFilename" value="common/phe_duyet.schema.json" />
          <camunda:property name="status" value="4" />
        </camunda:properties>
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_0duyet</bpmn:incoming>
      <bpmn:outgoing>Flow_1xong</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:intermediateThrowEvent id="Event_0xong" name="Đã xử lý xong">
      <bpmn:extensionElements>
        <camunda:properties>
          <camunda:property name="status" value="9" />
        </camunda:properties>
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_1xong</bpmn:incoming>
      <bpmn:outgoing>Flow_0trakq</bpmn:outgoing>
    </bpmn:intermediateThrowEvent>
    <bpmn:endEvent id="Event_0trakq" name="Đã trả kết quả">
      <bpmn:extensionElements>
        <camunda:properties>
          <camunda:property name="status" value="10" />
        </camunda:properties>
      </bpmn:extensionElements>
      <bpmn:incoming>Flow_0trakq</bpmn:incoming>
    </bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_0a1b2c3" sourceRef="StartEvent_1" targetRef="Activity_1tiepnh" />
    <bpmn:sequenceFlow id="Flow_1d4e5f6" sourceRef="Activity_1tiepnh" targetRef="Gateway_0ketqua" />
    <bpmn:sequenceFlow id="Flow_0g7h8i9" sourceRef="Event_0quahan" targetRef="Event_1trehan" />
    <bpmn:sequenceFlow id="Flow_0tiepnh" name="Tiếp nhận" sourceRef="Gateway_0ketqua" targetRef="Event_1capma">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">quyet_dinh == "tiep_nhan"</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="Flow_1tuchoi" name="Từ chối" sourceRef="Gateway_0ketqua" targetRef="Event_0tuchoi" />
    <bpmn:sequenceFlow id="Flow_0chuyen" sourceRef="Event_1capma" targetRef="Activity_0thamdi" />
    <bpmn:sequenceFlow id="Flow_0duyet" sourceRef="Activity_0thamdi" targetRef="Activity_0duyet" />
    <bpmn:sequenceFlow id="Flow_1xong" sourceRef="Activity_0duyet" targetRef="Event_0xong" />
    <bpmn:sequenceFlow id="Flow_0trakq" sourceRef="Event_0xong" targetRef="Event_0trakq" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="Collaboration_1q8w7ty">
      <bpmndi:BPMNShape id="Participant_0c4v3ho_di" bpmnElement="Participant_0c4v3ho" isHorizontal="true">
        <dc:Bounds x="129" y="80" width="911" height="400" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Lane_0m6w3hb_di" bpmnElement="Lane_0m6w3hb" isHorizontal="true">
        <dc:Bounds x="159" y="80" width="881" height="250" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Lane_1x7gk2p_di" bpmnElement="Lane_1x7gk2p" isHorizontal="true">
        <dc:Bounds x="159" y="330" width="881" height="150" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="_BPMNShape_StartEvent_2" bpmnElement="StartEvent_1">
        <dc:Bounds x="212" y="162" width="36" height="36" />
        <bpmndi:BPMNLabel>
          <dc:Bounds x="190" y="205" width="81" height="27" />
        </bpmndi:BPMNLabel>
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Activity_1tiepnh_di" bpmnElement="Activity_1tiepnh">
        <dc:Bounds x="300" y="140" width="100" height="80" />
        <bpmndi:BPMNLabel />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Gateway_0ketqua_di" bpmnElement="Gateway_0ketqua" isMarkerVisible="true">
        <dc:Bounds x="455" y="155" width="50" height="50" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Event_1capma_di" bpmnElement="Event_1capma">
        <dc:Bounds x="562" y="162" width="36" height="36" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Event_0tuchoi_di" bpmnElement="Event_0tuchoi">
        <dc:Bounds x="562" y="262" width="36" height="36" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Event_1trehan_di" bpmnElement="Event_1trehan">
        <dc:Bounds x="392" y="262" width="36" height="36" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Activity_0thamdi_di" bpmnElement="Activity_0thamdi">
        <dc:Bounds x="650" y="370" width="100" height="80" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Event_0xong_di" bpmnElement="Event_0xong">
        <dc:Bounds x="812" y="392" width="36" height="36" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Event_0trakq_di" bpmnElement="Event_0trakq">
        <dc:Bounds x="932" y="392" width="36" height="36" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Event_0quahan_di" bpmnElement="Event_0quahan">
        <dc:Bounds x="332" y="202" width="36" height="36" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="Flow_0a1b2c3_di" bpmnElement="Flow_0a1b2c3">
        <di:waypoint x="248" y="180" />
        <di:waypoint x="300" y="180" />
      </bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Flow_1d4e5f6_di" bpmnElement="Flow_1d4e5f6">
        <di:waypoint x="400" y="180" />
        <di:waypoint x="455" y="180" />
      </bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Flow_0g7h8i9_di" bpmnElement="Flow_0g7h8i9">
        <di:waypoint x="350" y="238" />
        <di:waypoint x="350" y="280" />
        <di:waypoint x="392" y="280" />
      </bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Flow_0tiepnh_di" bpmnElement="Flow_0tiepnh">
        <di:waypoint x="505" y="180" />
        <di:waypoint x="562" y="180" />
      </bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Flow_1tuchoi_di" bpmnElement="Flow_1tuchoi">
        <di:waypoint x="480" y="205" />
        <di:waypoint x="480" y="280" />
        <di:waypoint x="562" y="280" />
      </bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Flow_0chuyen_di" bpmnElement="Flow_0chuyen">
        <di:waypoint x="598" y="180" />
        <di:waypoint x="620" y="180" />
        <di:waypoint x="620" y="410" />
        <di:waypoint x="650" y="410" />
      </bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Flow_1xong_di" bpmnElement="Flow_1xong">
        <di:waypoint x="750" y="410" />
        <di:waypoint x="812" y="410" />
      </bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Flow_0trakq_di" bpmnElement="Flow_0trakq">
        <di:waypoint x="848" y="410" />
        <di:waypoint x="932" y="410" />
      </bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
"""
CAMUNDA_PROCESS = "xac_nhan_tinh_trang_hon_nhan"


@pytest.mark.rule("QT-29")
def test_a_camunda_modeler_diagram_with_its_own_properties_is_accepted_and_runs():
    registry = Registry(ROOT / "forms", deadline_functions(CALENDAR, vn(2026, 11, 23, 8, 0)))
    (version,) = registry.add(CAMUNDA_MODELER.encode(), "xac_nhan.bpmn")
    assert version.node("Activity_1tiepnh").properties["status"] == "1"
    engine = Engine(registry, CALENDAR)

    start = engine.start(CAMUNDA_PROCESS, {"ho_ten_nguoi_yeu_cau": "Trần Thị Bình"}, vn(2026, 11, 23, 9, 0))
    [reception] = start.open_tasks
    assert (reception.name, reception.role, reception.status) == ("Tiếp nhận hồ sơ", "one_stop", 1)
    assert (reception.form, reception.ui_form) == ("common/tiep_nhan.schema.json", "common/tiep_nhan.uischema.json")
    assert reception.due_at == vn(2026, 11, 25, 9, 0)  # 8 working hours over Vietnam Cultural Day (24/11)
    assert start.status == 1 and start.next_timer_at == reception.due_at

    late = engine.fire_timers(CAMUNDA_PROCESS, start.version, start.state, vn(2026, 11, 25, 9, 0))
    assert [(t.node_id, t.marks_late) for t in late.fired_timers] == [("Event_0quahan", True)]

    accepted = engine.complete_task(CAMUNDA_PROCESS, late.version, late.state, reception.id,
                                    {"quyet_dinh": "tiep_nhan"}, vn(2026, 11, 25, 10, 0))
    assert accepted.reached_statuses == [2, 4] and accepted.status == 4
    [appraisal] = accepted.open_tasks
    assert (appraisal.name, appraisal.role, appraisal.form) == ("Thẩm định hồ sơ", "specialist",
                                                                "common/tham_dinh.schema.json")
    assert appraisal.due_at == vn(2026, 11, 26, 10, 0)
    appraised = engine.complete_task(CAMUNDA_PROCESS, accepted.version, accepted.state, appraisal.id,
                                     {"ket_qua_tham_dinh": "dat"}, vn(2026, 11, 26, 9, 0))
    [approval] = appraised.open_tasks
    assert (approval.name, approval.role) == ("Phê duyệt kết quả", "leader")
    done = engine.complete_task(CAMUNDA_PROCESS, appraised.version, appraised.state, approval.id,
                                {"quyet_dinh": "phe_duyet"}, vn(2026, 11, 26, 10, 0))
    assert done.completed and done.reached_statuses == [9, 10]


@pytest.mark.rule("QT-29")
def test_camunda_properties_are_checked_like_spiffworkflow_properties():
    broken = CAMUNDA_MODELER.replace('<camunda:property name="status" value="4" />',
                                     '<camunda:property name="status" value="11" />', 1) \
        .replace('<camunda:property name="timeLimit" value="working_days(1)" />',
                 '<camunda:property name="timeLimit" value="P1D" />')
    with pytest.raises(DiagramError) as refused:
        build_versions(broken.encode(), "xac_nhan.bpmn", ROOT / "forms")
    found = {p.message.split(".")[0]: p for p in refused.value.problems}
    assert all(p.element_id == "Activity_0thamdi" and p.element_name == "Thẩm định hồ sơ" for p in found.values())
    assert any("từ 1 đến 10" in m for m in found) and any("ISO 8601" in p.message for p in found.values())


@pytest.mark.rule("QT-29")
def test_a_camunda_form_key_is_refused_for_form_json_schema_filename():
    with_key = CAMUNDA_MODELER.replace('<bpmn:userTask id="Activity_0thamdi" name="Thẩm định hồ sơ">',
                                       '<bpmn:userTask id="Activity_0thamdi" name="Thẩm định hồ sơ" '
                                       'camunda:formKey="embedded:app:forms/tham-dinh.html" '
                                       'camunda:candidateGroups="chuyen_vien">')
    with pytest.raises(DiagramError) as refused:
        build_versions(with_key.encode(), "xac_nhan.bpmn", ROOT / "forms")
    form, lane = sorted(refused.value.problems, key=lambda p: "formKey" not in p.message)
    assert (form.element_id, form.element_name) == ("Activity_0thamdi", "Thẩm định hồ sơ")
    assert "camunda:formKey" in form.message and 'name="formJsonSchemaFilename"' in form.message
    assert "camunda:candidateGroups" in lane.message and "làn (lane) quyết định" in lane.message


def test_camunda_8_properties_are_understood_too():
    zeebe = CAMUNDA_MODELER.replace('xmlns:camunda="http://camunda.org/schema/1.0/bpmn"',
                                    f'xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:zeebe="{ZEEBE}"') \
        .replace("camunda:properties>", "zeebe:properties>").replace("<camunda:property ", "<zeebe:property ")
    (version,) = build_versions(zeebe.encode(), "xac_nhan.bpmn", ROOT / "forms")
    assert version.node("Activity_0thamdi").properties == {
        "formJsonSchemaFilename": "common/tham_dinh.schema.json", "status": "4", "timeLimit": "working_days(1)"}


@pytest.mark.rule("QT-29")
def test_a_camunda_8_user_task_marker_is_ignored_and_never_taken_for_a_bpmn_user_task():
    """Camunda 8 marks a user task with <zeebe:userTask/> in its extensions; matched by local name
    it would be a second, lane-less, form-less user task."""
    zeebe = CAMUNDA_MODELER.replace('xmlns:camunda="http://camunda.org/schema/1.0/bpmn"',
                                    f'xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:zeebe="{ZEEBE}"') \
        .replace('<camunda:property name="timeLimit" value="working_days(1)" />\n        </camunda:properties>',
                 '<camunda:property name="timeLimit" value="working_days(1)" />\n        </camunda:properties>\n'
                 '        <zeebe:userTask />')
    assert zeebe.count("<zeebe:userTask />") == 1
    (version,) = build_versions(zeebe.encode(), "xac_nhan.bpmn", ROOT / "forms")
    assert version.node("Activity_0thamdi").properties["status"] == "4"


@pytest.mark.rule("QT-08")
def test_a_deadline_counted_from_a_date_time_field_is_accepted(forms):
    def from_appointment(root):
        set_property(root, "Task_tham_dinh", "formJsonSchemaFilename", "hong/lich_hen.schema.json")
        set_property(root, "Task_tham_dinh", "formUiSchemaFilename")  # tham_dinh's would show fields it lacks
        set_property(root, "Task_phe_duyet", "timeLimit", "working_days(3, thoi_diem_hen)")
    assert problems(edited(from_appointment), forms) == []


def test_the_same_property_twice_with_two_values_is_refused(forms):
    def twice(root):
        camunda_ext(root, "Task_phe_duyet", '<camunda:properties><camunda:property name="status" value="9" />'
                                            '</camunda:properties>')
    [problem] = problems(edited(twice), forms)
    assert (problem.element_id, problem.element_name) == ("Task_phe_duyet", "Phê duyệt kết quả")
    assert "«status»" in problem.message and "«4»" in problem.message and "«9»" in problem.message


# -- the drawing (diagram interchange) ------------------------------------------------------------

def _check(tmp_path, xml: bytes) -> tuple[bool, list[str]]:
    from engine.checking import check_files
    path = tmp_path / "thu.bpmn"
    path.write_bytes(xml)
    return check_files([path], ROOT / "forms")


@pytest.mark.rule("QT-30")
def test_a_file_that_cannot_be_read_says_why_in_vietnamese(tmp_path):
    from engine.checking import check_files
    (tmp_path / "thu_muc.bpmn").mkdir()
    ok, lines = check_files([tmp_path / "khong_co.bpmn", tmp_path / "thu_muc.bpmn"], ROOT / "forms")
    assert not ok
    assert lines[0] == (f"{tmp_path / 'khong_co.bpmn'}: không đọc được tệp: không có tệp này (kiểm tra đường dẫn và "
                        "tên tệp, kể cả chữ hoa, chữ thường).")
    assert lines[1] == f"{tmp_path / 'thu_muc.bpmn'}: không đọc được tệp: đây là một thư mục, không phải tệp sơ đồ .bpmn."


def _undrawn(root, element_id):
    shape = root.find(f".//*[@bpmnElement='{element_id}']")
    shape.getparent().remove(shape)


@pytest.mark.rule("QT-38")
def test_a_step_the_drawing_lacks_is_a_warning_naming_it_and_the_diagram_still_loads(tmp_path):
    def mistakes(root):
        _undrawn(root, "Task_tham_dinh")
        _undrawn(root, "Flow_tham_dinh_xong")
        el(root, "Task_phe_duyet_di").set("bpmnElement", "Task_phe_duyet_cu")
    ok, lines = _check(tmp_path, edited(mistakes))
    assert ok, lines
    warnings = [line for line in lines if "Cảnh báo:" in line]
    assert warnings[0] == ("thu.bpmn: [Task_phe_duyet_di] Cảnh báo: Hình vẽ trỏ tới phần tử «Task_phe_duyet_cu» "
                           "(bpmnElement), nhưng sơ đồ không có phần tử nào mang id đó, nên trang hồ sơ của cán bộ "
                           "bỏ qua hình này (phần tử có lẽ đã bị xóa hay đổi id khi sửa tay tệp). Sửa bpmnElement "
                           "cho đúng id, hoặc mở sơ đồ bằng trình vẽ và lưu lại để bỏ hình thừa.")
    shape, edge, dangling_target = warnings[1], warnings[3], warnings[2]
    assert shape.startswith("thu.bpmn: [Task_tham_dinh «Thẩm định hồ sơ»] Cảnh báo: Công việc người dùng (user task) "
                            "không có hình trong phần trình bày của sơ đồ (BPMNShape)")
    assert "không hiện nó, kể cả khi hồ sơ đang ở đây" in shape and "Mở sơ đồ bằng một trình vẽ" in shape
    assert dangling_target.startswith("thu.bpmn: [Task_phe_duyet «Phê duyệt kết quả»] Cảnh báo:")
    assert edge.startswith("thu.bpmn: [Flow_tham_dinh_xong] Cảnh báo: Luồng từ «Thẩm định hồ sơ» tới «Kết quả "
                           "thẩm định?» không có nét vẽ")
    assert len(warnings) == 4
    assert lines[-1] == "Tất cả 1 sơ đồ đều hợp lệ. Có 4 cảnh báo: sơ đồ vẫn chạy, nhưng nên sửa."


@pytest.mark.rule("QT-38")
def test_a_diagram_without_its_drawing_is_a_warning_on_its_process(tmp_path):
    def undrawn(root):
        diagram = root.find("{http://www.omg.org/spec/BPMN/20100524/DI}BPMNDiagram")
        root.remove(diagram)
    ok, lines = _check(tmp_path, edited(undrawn))
    [warning] = [line for line in lines if "Cảnh báo:" in line]
    assert ok and warning.startswith("thu.bpmn: [cap_ban_sao_trich_luc_ho_tich «Cấp bản sao trích lục hộ tịch»] "
                                     "Cảnh báo: Sơ đồ không có phần trình bày để vẽ (BPMNDiagram)")


@pytest.mark.rule("QT-31")
def test_a_process_not_yet_executable_gets_its_other_mistakes_named_at_once(forms):
    not_executable = SOURCE.replace(b'isExecutable="true"', b'isExecutable="false"')
    found = problems(edited_from(not_executable, lambda r: el(r, "Lane_lanh_dao").set("name", "Văn thư")), forms)
    assert [p.element_id for p in found] == ["cap_ban_sao_trich_luc_ho_tich", "Lane_lanh_dao"]
    found = problems(edited_from(not_executable, second_start), forms)
    assert "Start_tai_quay" in [p.element_id for p in found]  # the shape of the process, before executing it


def edited_from(source: bytes, edit) -> bytes:
    root = etree.fromstring(source)
    edit(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _error_end(root):
    return el(root, "ErrorEventDefinition_dung")


@pytest.mark.rule("QT-59")
@pytest.mark.parametrize("thrown", ["dung_xu_li", None])
def test_an_error_its_boundary_event_does_not_catch_is_refused_at_both_ends(thrown, forms):
    """The end event throwing another error (a typo in its code) or none chosen: the dossier
    would leave the sub-process by its normal way out and get a signed result, not stop."""
    def mismatched(root):
        if thrown is None:
            _error_end(root).attrib.pop("errorRef")
        else:
            add_xml(root, '<bpmn:error id="Error_khac" name="Khác" errorCode="dung_xu_li" />')
            root.insert(0, root[-1])  # where a modeler writes it: before the processes
            _error_end(root).set("errorRef", "Error_khac")
    found = {p.element_id: p.message for p in problems(edited(mismatched), forms)}
    end = next(p for p in found if p.startswith("End_dung"))
    assert "lỗi bị bỏ qua" in found[end] and "«dung_xu_ly»" in found[end]
    assert ("«dung_xu_li»" if thrown else "chưa chọn lỗi nào") in found[end]
    assert "không bao giờ chạy" in found["Boundary_dung_xu_ly"]
    assert not problems(SOURCE, forms)


@pytest.mark.rule("QT-59")
def test_a_boundary_event_without_an_error_catches_every_error(forms):
    def catch_all(root):
        el(root, "ErrorEventDefinition_dung_xu_ly").attrib.pop("errorRef")
        _error_end(root).attrib.pop("errorRef")
    assert not [p for p in problems(edited(catch_all), forms) if "lỗi" in p.message and "bắt" in p.message]


@pytest.mark.rule("QT-59")
@pytest.mark.parametrize("definition, element", [("ErrorEventDefinition_dung", "End_dung_xu_ly"),
                                                 ("ErrorEventDefinition_dung_xu_ly", "Boundary_dung_xu_ly")])
def test_an_error_event_naming_no_declared_error_says_so(definition, element, forms):
    """SpiffWorkflow's parser breaks on it without naming it: said on the event, nothing else."""
    found = problems(edited(lambda root: el(root, definition).set("errorRef", "Error_x")), forms)
    assert [(p.element_id, "«Error_x» (errorRef)" in p.message and "«Error_dung_xu_ly»" in p.message)
            for p in found] == [(element, True)]


def test_a_boundary_event_on_an_event_or_a_gateway_says_what_it_is_on(forms):
    for target, kind in (("Event_cho_bo_sung", "sự kiện chờ"), ("Gateway_cho_cong_dan", "cổng theo sự kiện")):
        found = problems(edited(lambda root: el(root, "Boundary_qua_han_tiep_nhan").set("attachedToRef", target)), forms)
        assert len(found) == 1 and found[0].element_id == "Boundary_qua_han_tiep_nhan", found
        assert f"({target}), nhưng đó là {kind}" in found[0].message and "Chi tiết" not in found[0].message


LLTP_SOURCE = (ROOT / "bpmn" / "cap_phieu_ly_lich_tu_phap.bpmn").read_bytes()


def _lltp_edited(edit) -> bytes:
    root = etree.fromstring(LLTP_SOURCE)
    edit(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@pytest.mark.rule("QT-60")
def test_a_parallel_join_of_branches_a_choice_split_is_refused(forms):
    """«Trình ký» gathers the two answers of «Phải nộp thêm?» (pay more, or not): drawn as a
    parallel gateway it waits for both, and every dossier hangs there with no step open."""
    def join(root):
        retag(root, "Gateway_trinh_ky", "parallelGateway")
    found = [p for p in problems(_lltp_edited(join), forms) if p.element_id == "Gateway_trinh_ky"]
    assert len(found) == 1 and "chờ mãi ở đây" in found[0].message and "cổng loại trừ" in found[0].message


@pytest.mark.rule("QT-60")
def test_parallel_branches_meeting_without_a_join_are_refused(forms):
    """«Phải nộp thêm?» drawn as a parallel gateway sends the dossier both ways at once: both
    reach «Trình ký», and the leader's approval would open twice."""
    def split(root):
        retag(root, "Gateway_nop_them", "parallelGateway")
        del el(root, "Gateway_nop_them").attrib["default"]
        for flow in root.iter(f"{{{B}}}sequenceFlow"):
            if flow.get("sourceRef") == "Gateway_nop_them":
                for condition in flow.findall(f"{{{B}}}conditionExpression"):
                    flow.remove(condition)
    found = [p for p in problems(_lltp_edited(split), forms) if "mở hai lần" in p.message]
    assert [p.element_id for p in found] == ["Gateway_trinh_ky"]


@pytest.mark.rule("QT-60")
def test_a_branch_contradicting_an_earlier_answer_is_not_taken_into_account(forms):
    """The shipped criminal-record diagram routes the leader's «Không đồng ý» back by the answer
    the specialist gave before (`ket_qua_tham_dinh == "dat"`), so its parallel join is sound; the
    game follows that answer instead of reporting a hang that cannot happen."""
    from engine.diagram_flow import Node, play, settled_by
    assert not problems(LLTP_SOURCE, forms)
    assert settled_by('a == "x" and b != 2') == ((("a", "in", ("x",)), ("b", "not in", (2,))), True)
    assert settled_by('a in ["x", "y"]') == ((("a", "in", ("x", "y")),), True)
    assert settled_by("so_ban > 2") == ((), False)
    x_is = {"f5": (("x", "in", ("a",)),), "f6": (("x", "in", ("b",)),)}
    # A choice of x then a second choice on x: the contradicting branch is never taken.
    nodes = [Node("s", "startEvent", (), ("f0",)),
             Node("g", "exclusiveGateway", ("f0",), ("f1", "f2"), settles={"f1": (("x", "in", ("a",)),),
                                                                           "f2": (("x", "in", ("b",)),)}),
             Node("p", "parallelGateway", ("f1",), ("f3", "f4")),
             Node("h", "exclusiveGateway", ("f3",), ("f5", "f6"), settles=x_is),
             Node("j", "parallelGateway", ("f4", "f5"), ("f7",)),
             Node("e", "endEvent", ("f2", "f6", "f7"), ())]
    assert play(nodes, "s").stuck_joins == frozenset()
    for writer in ("userTask", "subProcess"):  # a step that writes x, or a sub-process (anything)
        again = [*nodes[:3], Node("t", writer, ("f3",), ("f8",), writes=frozenset({"x"}) if writer == "userTask" else None),
                 Node("h", "exclusiveGateway", ("f8",), ("f5", "f6"), settles=x_is), *nodes[4:]]
        assert play(again, "s").stuck_joins == frozenset({"j"}), writer  # x asked again after it may change


@pytest.mark.rule("QT-60")
def test_a_default_flow_is_not_followed_when_the_other_conditions_cover_every_answer(forms):
    """`!=` and `in` count as well as `==`: the shipped «Đồng ý dừng?» rewritten with `!=` still
    passes, its default (back before the join) never taken once the specialist said «dat»."""
    def rewritten(root):
        el(root, "Flow_xac_minh_tiep").find("bpmn:conditionExpression", NS).text = \
            'quyet_dinh_dung != "dong_y" and ket_qua_tham_dinh == "dat"'
    assert not problems(_lltp_edited(rewritten), forms)


@pytest.mark.rule("QT-60")
def test_a_diagram_too_big_to_play_out_is_said_not_passed_in_silence(forms, monkeypatch):
    from engine import diagram_flow
    monkeypatch.setattr(diagram_flow, "MAX_MARKINGS", 3)
    from engine.checking import check_files
    path = Path(forms).parent / "cap_phieu_ly_lich_tu_phap.bpmn"
    path.write_bytes(LLTP_SOURCE)
    ok, lines = check_files([path], ROOT / "forms")  # a warning: the diagram still passes
    said = [line for line in lines if "quá nhiều cách đi song song" in line]
    assert ok and said and "Cảnh báo:" in said[0] and "motcua procedure test" in said[0]


@pytest.mark.rule("QT-31")
def test_steps_no_path_from_a_start_leads_to_are_refused_even_in_a_closed_loop(forms):
    """A → B → A with nothing leading in: each has a flow in, yet neither ever runs. A chain after
    a step with no flow in at all is said once, at that step; what the engine enters otherwise (a
    boundary event from its step, an event sub-process by its message) is no mistake."""
    def loop(root, head=False):
        new_task(root, "Task_soat_xet", "Soát xét lại")
        new_task(root, "Task_ky_nhay", "Ký nháy")
        flow(root, "Flow_soat_xet", "Task_soat_xet", "Task_ky_nhay")
        flow(root, "Flow_ky_nhay", "Task_ky_nhay", "Task_soat_xet")
        if head:
            new_task(root, "Task_dau", "Chuẩn bị")
            flow(root, "Flow_dau", "Task_dau", "Task_soat_xet")
    never = "không bao giờ được thực hiện"
    assert [p.element_id for p in problems(edited(loop), forms) if never in p.message] == ["Task_soat_xet", "Task_ky_nhay"]
    found = [p for p in problems(edited(lambda root: loop(root, head=True)), forms) if never in p.message]
    assert [(p.element_id, "không có luồng nào đi vào" in p.message) for p in found] == [("Task_dau", True)]

    def event_sub_process(root):
        add_xml(process(root), '<bpmn:subProcess id="Sub_khieu_nai" name="Xử lý khi công dân rút hồ sơ" '
                               'triggeredByEvent="true"><bpmn:startEvent id="Start_khieu_nai" name="Công dân rút" '
                               'isInterrupting="false"><bpmn:messageEventDefinition messageRef="Message_rut_ho_so" />'
                               '</bpmn:startEvent><bpmn:endEvent id="End_khieu_nai" name="Đã ghi nhận" />'
                               '<bpmn:sequenceFlow id="Flow_khieu_nai" sourceRef="Start_khieu_nai" '
                               'targetRef="End_khieu_nai" /></bpmn:subProcess>')
        in_lane(root, "Lane_mot_cua", "Sub_khieu_nai")
    assert not [p for p in problems(edited(event_sub_process), forms) if never in p.message]


def _consulted_and_inspected(to_join=True, loop_back=True):
    """The copy of a certificate with the appraisal's «Đạt» opening a consultation and an
    inspection at once, joined before the leader's approval, or (`to_join` False) the inspection
    sent straight on to the approval. The diagram keeps its loops («Trả lại», the supplement)
    unless `loop_back` is False (the leader's «Trả lại» then ends the sub-process)."""
    def edit(root):
        sub = el(root, "Sub_giai_quyet")
        add_xml(sub, '<bpmn:parallelGateway id="Gateway_tach" name="Lấy ý kiến và kiểm tra" />')
        add_xml(sub, '<bpmn:parallelGateway id="Gateway_gop" name="Đủ ý kiến và kết quả kiểm tra" />')
        for task_id, name, form in (("Task_lay_y_kien", "Lấy ý kiến cơ quan phối hợp", "common/phoi_hop"),
                                    ("Task_kiem_tra", "Kiểm tra thực tế", "thu/kiem_tra")):
            add_xml(sub, f'<bpmn:userTask id="{task_id}" name="{name}"><bpmn:extensionElements><spiffworkflow:properties>'
                         f'<spiffworkflow:property name="formJsonSchemaFilename" value="{form}.schema.json" />'
                         f'</spiffworkflow:properties></bpmn:extensionElements></bpmn:userTask>')
            in_lane(root, "Lane_chuyen_vien", task_id)
        for node_id in ("Gateway_tach", "Gateway_gop"):
            in_lane(root, "Lane_chuyen_vien", node_id)
        el(root, "Flow_du_dieu_kien").set("targetRef", "Gateway_tach")
        flow(root, "Flow_tach_y_kien", "Gateway_tach", "Task_lay_y_kien")
        flow(root, "Flow_tach_kiem_tra", "Gateway_tach", "Task_kiem_tra")
        flow(root, "Flow_y_kien_xong", "Task_lay_y_kien", "Gateway_gop")
        flow(root, "Flow_kiem_tra_xong", "Task_kiem_tra", "Gateway_gop" if to_join else "Task_phe_duyet")
        flow(root, "Flow_gop_xong", "Gateway_gop", "Task_phe_duyet")
        if not loop_back:
            el(root, "Flow_tra_lai").set("targetRef", "End_giai_quyet")
    return edited(edit)


@pytest.fixture(scope="module")
def inspection_form(forms):
    (forms / "thu").mkdir(exist_ok=True)
    (forms / "thu" / "kiem_tra.schema.json").write_text(json.dumps({
        "type": "object", "required": ["ket_qua_kiem_tra"],
        "properties": {"ket_qua_kiem_tra": {"type": "string", "title": "Kết quả kiểm tra thực tế"}}}), "utf-8")
    return forms


@pytest.mark.rule("QT-60")
@pytest.mark.parametrize("loop_back", [True, False])
def test_parallel_branches_not_joined_are_refused_in_a_diagram_with_loops(loop_back, inspection_form, tmp_path):
    """The inspection sent straight to the leader's approval while the consultation still runs:
    the approval opens, then opens again when the consultation ends, and a result could be
    approved before the consulted agency answered. The starter diagram's «Trả lại» and
    supplement loops once made the game too big to play out, and the check passed with a vague
    warning and a dozen warnings about names «written by both branches»."""
    from engine.checking import check_files
    assert [str(p) for p in problems(_consulted_and_inspected(loop_back=loop_back), inspection_form)] == []
    path = tmp_path / "thu.bpmn"
    path.write_bytes(_consulted_and_inspected(to_join=False, loop_back=loop_back))
    ok, lines = check_files([path], inspection_form)
    assert not ok
    said = [line for line in lines if "[Task_phe_duyet «Phê duyệt kết quả»]" in line]
    assert len(said) == 1 and "mở hai lần" in said[0] and "cổng song song gộp" in said[0], lines
    assert not [line for line in lines if "quá nhiều cách đi song song" in line or "cùng ghi" in line], lines


@pytest.mark.rule("QT-60")
def test_a_branch_coming_round_a_loop_to_a_join_before_the_others_is_a_step_opened_twice():
    """Tokens piling up before a parallel join as a loop turns: reported, and the game ends."""
    from engine.diagram_flow import Findings, Node, play
    # s → p splits into a (a loop back to p, not joined) and b; j joins a second time round.
    nodes = [Node("s", "startEvent", (), ("f0",)),
             Node("m", "exclusiveGateway", ("f0", "f9"), ("f1",)),
             Node("p", "parallelGateway", ("f1",), ("f2", "f3")),
             Node("a", "userTask", ("f2",), ("f4",)),
             Node("g", "exclusiveGateway", ("f4",), ("f9", "f5")),
             Node("j", "parallelGateway", ("f5", "f3"), ("f6",)),
             Node("e", "endEvent", ("f6",), ())]
    found = play(nodes, "s")
    assert found is not None and found.opened_twice == frozenset({"j"})
    # The same loop drawn right: round through the join, never opened twice, never stuck.
    joined = [*nodes[:4], Node("j", "parallelGateway", ("f4", "f3"), ("f5",)),
              Node("g", "exclusiveGateway", ("f5",), ("f9", "f6")), nodes[6]]
    assert play(joined, "s") == Findings(frozenset(), frozenset())


def test_two_steps_under_one_name_are_a_warning_and_the_diagram_still_loads(tmp_path):
    """A step copied with its name kept: both run, but nobody can tell them apart."""
    ok, lines = _check(tmp_path, edited(lambda root: el(root, "Task_phe_duyet").set("name", "Thẩm định  hồ sơ")))
    assert ok, lines
    [warning] = [line for line in lines if "trùng tên" in line]
    assert warning.startswith("thu.bpmn: [Task_phe_duyet «Thẩm định hồ sơ»] Cảnh báo: Bước «Thẩm định hồ sơ» trùng "
                              "tên với bước Task_tham_dinh")


@pytest.mark.rule("QT-19")
@pytest.mark.parametrize("source", [
    "le_phi = so_ban * 8000\nx = [].append(1)",  # a method of a literal: may change what the script uses
    'le_phi = len(sorted(["a" * 999, "b"] * 400)) + so_ban * 8000',  # a sort: as costly here as for a dossier
    'le_phi = so_ban * int("8000") + round(2.5) + len("ab") - max(1, 2)',
    'le_phi = so_ban * 8000 if "%s" % so_ban else 0',
])
def test_a_part_reading_no_data_that_runs_is_no_mistake(source, forms):
    """Only what fails is said; a method or a costly call of literals is left to run (QT-19)."""
    assert [p for p in problems(edited(lambda r: script(r, source)), forms) if "luôn gặp lỗi" in p.message] == []


@pytest.mark.rule("QT-19")
def test_only_the_value_a_script_keeps_is_tried():
    from engine import expressions
    from engine.constant_parts import failures
    assert failures("cac_so = range(3)", "exec")[0][0] == "cac_so = range(3)"
    said = failures("cac_so = range(so_ban)", "exec")  # whatever it reads, a range is never kept
    assert said == [("cac_so = range(so_ban)", expressions.unstorable_message("cac_so", range(0)))]
    for kept in ("cac_so = range(3)\ncac_so = list(cac_so)",  # set again before the end: a list is kept
                 "tong = 0\nfor i in range(3):\n    tong = tong + i",  # a range only looped over
                 "cac_so = list(range(so_ban))",
                 "cac_so = [1, 2]\nso = len(cac_so)"):
        assert failures(kept, "exec") == [], kept


@pytest.mark.rule("QT-12")
def test_a_signal_the_diagram_throws_itself_may_be_waited_for(forms):
    def thrown(root):
        waiting_for(root, '<bpmn:signalEventDefinition signalRef="Signal_1" />')
        add_xml(el(root, "Event_tiep_nhan"), '<bpmn:signalEventDefinition signalRef="Signal_1" />')
    assert not [p for p in problems(edited(thrown), forms) if "tín hiệu" in p.message]


@pytest.mark.rule("QT-60")
def test_a_terminate_end_on_a_late_branch_keeps_the_game_small(tmp_path, forms):
    """A token at a terminate end ends its container at once: the late timer's tokens do not
    pile up beside the reception step as the supplement loop turns (reviewer's case: a vague
    «too many ways» warning for a diagram with no parallel gateway)."""
    from engine.checking import check_files
    late = '<bpmn:endEvent id="End_tre_han_tiep_nhan" name="Đã đánh dấu trễ hạn tiếp nhận">'.encode()
    assert SOURCE.count(late) == 1 and SOURCE.count(b"<bpmn:incoming>Flow_qua_han</bpmn:incoming>") == 1
    stopped = (late + b'<bpmn:extensionElements><spiffworkflow:properties><spiffworkflow:property name="status" '
               b'value="8" /></spiffworkflow:properties></bpmn:extensionElements>')
    xml = SOURCE.replace(late, stopped).replace(b"<bpmn:incoming>Flow_qua_han</bpmn:incoming>",
                                                b"<bpmn:incoming>Flow_qua_han</bpmn:incoming><bpmn:terminateEventDefinition />")
    path = tmp_path / "thu.bpmn"
    path.write_bytes(xml)
    ok, lines = check_files([path], forms)
    assert ok and not [line for line in lines if "quá nhiều cách đi song song" in line], lines


@pytest.mark.rule("QT-16")
def test_a_non_interrupting_withdrawal_ending_in_a_terminate_end_is_accepted(forms):
    """The terminate end closes the step the boundary watches: the withdrawal does end it."""
    def terminating(root):
        el(root, "Boundary_rut_ho_so").set("cancelActivity", "false")
        add_xml(el(root, "End_rut_ho_so"), "<bpmn:terminateEventDefinition />")
    assert not [p for p in problems(edited(terminating), forms) if "bước nó gắn vẫn mở" in p.message]
