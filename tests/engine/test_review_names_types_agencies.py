"""Mistakes a second review found `motcua bpmn check` letting through, each now named on its element
in Vietnamese with its fix: a condition (deadline, amount, script) reading a name no step before it
can have set (QT-51); a field compared with a value of another type (QT-52); a step sent to an agency
nobody of its lane's role works at, or whose code has a stray space (QT-07); and catalogue entries
whose unit or agency code is wrong, said with the value written and the one meant (QT-25)."""
from __future__ import annotations

import json
import re
import shutil
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest

from app.catalogue.loader import CatalogueError, check_entries, read_entry
from engine import expressions, runtime
from engine.calendar import WorkingCalendar
from engine.catalogue_forms import citizen_forms
from app.agencies.loader import known_officers
from engine.checking import check_files
from engine.diagram_check import (MESSAGE_DATA, DiagramChecker, bpmn_kind, properties_of, safe_parse,
                                  NS as BPMN)
from engine.diagram_names import SYSTEM_NAMES
from engine.profile import load_profile
from engine.registry import Registry
from engine.runtime import Engine, ProcessFailed

ROOT = Path(__file__).resolve().parents[2]
BAN_SAO = "cap_ban_sao_trich_luc_ho_tich"
LLTP = "cap_phieu_ly_lich_tu_phap"
SOURCE = (ROOT / "bpmn" / f"{BAN_SAO}.bpmn").read_text(encoding="utf-8")
LLTP_SOURCE = (ROOT / "bpmn" / f"{LLTP}.bpmn").read_text(encoding="utf-8")
RECEIVED = '>quyet_dinh == "tiep_nhan"<'  # the condition of «Tiếp nhận», after «Tiếp nhận hồ sơ»
AT = datetime(2026, 11, 23, 1, 0, tzinfo=timezone.utc)
AGENCY = '<spiffworkflow:property name="agency" value="000.00.30.H99" />'  # the police's step (LLTP)


def edit(xml: str, *pairs: str) -> str:
    for old, new in zip(pairs[::2], pairs[1::2]):
        assert old in xml, old
        xml = xml.replace(old, new, 1)
    return xml


def checked(tmp_path, xml: str, process: str = BAN_SAO, **options) -> tuple[bool, list[str], list[str]]:
    """What `motcua bpmn check` prints about the diagram with its catalogue entry known:
    (passes, the problem lines about the diagram, its warnings)."""
    path = tmp_path / f"{process}.bpmn"
    path.write_text(xml, encoding="utf-8")
    ok, lines = check_files([path], ROOT / "forms", citizen_forms=citizen_forms(ROOT / "catalogue"), **options)
    mine = [line for line in lines if line.startswith(f"{process}.bpmn: [")]
    return ok, [line for line in mine if "Cảnh báo:" not in line], [line for line in mine if "Cảnh báo:" in line]


def engine_for(xml: str) -> Engine:
    """An engine running the diagram as given (loaded without the catalogue, as the app does)."""
    registry = Registry(ROOT / "forms")
    registry.add(xml.encode(), "thu.bpmn")
    return Engine(registry, WorkingCalendar(load_profile("demo")))


def received(engine: Engine, decision: str):
    start = engine.start(BAN_SAO, {"ho_ten_nguoi_yeu_cau": "Nguyễn Văn An", "so_ban": 2}, AT)
    [task] = [t for t in start.open_tasks if t.name == "Tiếp nhận hồ sơ"]
    return engine.complete_task(BAN_SAO, start.version, start.state, task.id, {"quyet_dinh": decision}, AT)


# -- QT-51: a name read where no step before can have set it ---------------------------------------

@pytest.mark.rule("QT-51")
def test_a_condition_reading_a_field_only_a_later_step_sets_is_refused_on_its_branch(tmp_path):
    xml = edit(SOURCE, RECEIVED, '>quyet_dinh == "tiep_nhan" or ket_qua_tham_dinh == "dat"<')
    ok, [problem], _ = checked(tmp_path, xml)
    assert not ok and problem.startswith(f"{BAN_SAO}.bpmn: [Flow_tiep_nhan «Tiếp nhận»] ")
    assert "Điều kiện trên nhánh «Tiếp nhận» đọc «ket_qua_tham_dinh»" in problem
    assert "khi hồ sơ tới cổng «Kết quả tiếp nhận?»" in problem and "tờ khai của công dân không có" in problem
    assert "bước «Thẩm định hồ sơ» (biểu mẫu common/tham_dinh.schema.json)" in problem
    assert "«Không có biến 'ket_qua_tham_dinh'»" in problem and "and, or" in problem
    assert "«Tiếp nhận hồ sơ»" in problem and "đặt phép thử ở sau nơi ghi nó" in problem
    # What it foretells: `or` skips the second test only when the first holds.
    engine = engine_for(xml)
    assert received(engine, "tiep_nhan").status == 6
    with pytest.raises(ProcessFailed) as failure:
        received(engine, "tu_choi")
    assert "Không có biến 'ket_qua_tham_dinh'" in str(failure.value)


@pytest.mark.rule("QT-51")
@pytest.mark.parametrize("old, new, element, what", [
    ('<spiffworkflow:property name="timeLimit" value="working_hours(8)" />',
     '<spiffworkflow:property name="timeLimit" value="working_hours(8 if ket_qua_tham_dinh == &quot;dat&quot; else 4)" />',
     "Task_tiep_nhan", "Biểu thức «timeLimit» đọc «ket_qua_tham_dinh»"),
    ("<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">working_hours(8)</bpmn:timeDate>",
     "<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">working_hours(len(y_kien) + 1)</bpmn:timeDate>",
     "Boundary_qua_han_tiep_nhan", "Biểu thức «timeDate» đọc «y_kien»"),
    ("<bpmn:script>le_phi = so_ban * 8000</bpmn:script>", "<bpmn:script>le_phi = so_ban * 8000 + phi_moi</bpmn:script>",
     "Task_tinh_le_phi", "Mã của công việc tự động đọc «phi_moi»"),
], ids=["timeLimit", "boundary_timer", "script"])
def test_deadlines_and_scripts_reading_a_name_set_only_later_are_refused(tmp_path, old, new, element, what):
    ok, [problem], _ = checked(tmp_path, edit(SOURCE, old, new))
    assert not ok and f"[{element} «" in problem and what in problem
    assert "trên đường nào của quy trình" in problem and "Không có biến" in problem
    assert "and, or" not in problem  # read whenever it runs: no word about short-circuits


@pytest.mark.rule("QT-61")
def test_a_condition_reading_a_field_the_citizen_may_leave_blank_is_warned(tmp_path):
    """`quan_he` is optional on the application: left blank, it is not in the data, and the
    branch reading it stops the dossier; the check warns (the diagram still runs for those who
    fill it), naming the form to make it required in."""
    xml = edit(SOURCE, RECEIVED, '>quyet_dinh == "tiep_nhan" and quan_he != "khac"<')
    ok, problems, [warning] = checked(tmp_path, xml)
    assert ok and not problems
    assert "[Flow_tiep_nhan «Tiếp nhận»] Cảnh báo: Điều kiện trên nhánh «Tiếp nhận» đọc «quan_he»" in warning
    assert "không bắt buộc trong biểu mẫu cap_ban_sao_trich_luc_ho_tich/don.schema.json" in warning
    assert "danh sách bắt buộc (required)" in warning
    with pytest.raises(ProcessFailed) as failure:  # what it foretells
        received(engine_for(xml), "tiep_nhan")
    assert "Không có biến 'quan_he'" in str(failure.value)
    # A field the form requires, or requires with some answer (the reason of a refusal: the way
    # here may have given that answer), is not warned about.
    assert checked(tmp_path, edit(SOURCE, RECEIVED, '>quyet_dinh == "tiep_nhan" and so_ban > 0<'))[2] == []
    assert checked(tmp_path, edit(SOURCE, RECEIVED, '>quyet_dinh == "tiep_nhan" and ly_do != "x"<'))[2] == []


@pytest.mark.rule("QT-61")
def test_reading_a_field_required_only_for_some_answers_is_warned_unless_the_way_weighs_them(tmp_path):
    """`chi_tiet` is required only when `loai` is "dac_biet": a script reading it where no
    condition on the way weighs `loai` stops every other dossier; weighing `loai` (here in the
    script itself) is what the warning asks for."""
    import json
    import shutil
    forms = tmp_path / "forms"
    shutil.copytree(ROOT / "forms", forms)
    path = forms / BAN_SAO / "don.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["properties"] |= {"loai": {"type": "string", "enum": ["thuong", "dac_biet"]},
                             "chi_tiet": {"type": "string", "maxLength": 100}}
    schema["required"].append("loai")
    schema["allOf"] = [{"if": {"properties": {"loai": {"const": "dac_biet"}}, "required": ["loai"]},
                        "then": {"required": ["chi_tiet"]}}]
    path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    fee = "<bpmn:script>le_phi = so_ban * 8000</bpmn:script>"

    def warnings(script: str) -> list[str]:
        diagram = tmp_path / f"{BAN_SAO}.bpmn"
        diagram.write_text(edit(SOURCE, fee, f"<bpmn:script>{script}</bpmn:script>"), encoding="utf-8")
        ok, lines = check_files([diagram], forms, citizen_forms=citizen_forms(ROOT / "catalogue"))
        assert ok, lines
        return [line for line in lines if "Cảnh báo:" in line]
    [warning] = warnings("le_phi = so_ban * 8000 + len(chi_tiet)")
    assert "[Task_tinh_le_phi «Tính lệ phí»] Cảnh báo: Mã của công việc tự động đọc «chi_tiet», nhưng biểu mẫu " \
           f"{BAN_SAO}/don.schema.json chỉ bắt buộc «chi_tiet» với một số câu trả lời của «loai»" in warning
    assert "không có điều kiện nào xét «loai»" in warning and "Không có biến 'chi_tiet'" in warning
    assert warnings('le_phi = so_ban * 8000 + (len(chi_tiet) if loai == "dac_biet" else 0)') == []

    # Read later (the appraisal's time limit): a condition on the way passing only "dac_biet"
    # guards it; one passing "thuong", or one on a flow leading elsewhere, does not.
    def read_after(condition_on: str, extra: str) -> list[str]:
        diagram = tmp_path / f"{BAN_SAO}.bpmn"
        xml = edit(SOURCE, '<spiffworkflow:property name="timeLimit" value="working_days(1)" />',
                   '<spiffworkflow:property name="timeLimit" value="working_days(len(chi_tiet) % 3 + 1)" />')
        xml = edit(xml, condition_on, condition_on.replace("&lt;", "&lt;").rstrip("<") + f" and {extra}<")
        diagram.write_text(xml, encoding="utf-8")
        ok, lines = check_files([diagram], forms, citizen_forms=citizen_forms(ROOT / "catalogue"))
        return [line for line in lines if "chỉ bắt buộc «chi_tiet»" in line]
    accepted, refused = '>quyet_dinh == "tiep_nhan"<', '>quyet_dinh == "tu_choi"<'
    assert read_after(accepted, 'loai == "dac_biet"') == []
    assert read_after(accepted, 'loai != "thuong"') == []
    assert len(read_after(accepted, 'loai == "thuong"')) == 1
    assert len(read_after(refused, 'loai == "dac_biet"')) == 1


@pytest.mark.rule("QT-60")
def test_parallel_branches_writing_the_same_name_are_warned_about(tmp_path):
    """Two agencies consulted at once with one form: the answer completing last overwrites the
    other's at the join, before the gateway after it weighs them."""
    assert checked(tmp_path, LLTP_SOURCE, LLTP)[2] == []
    both = edit(LLTP_SOURCE, '<spiffworkflow:property name="formJsonSchemaFilename" value="common/tham_dinh.schema.json" />\n'
                '            <spiffworkflow:property name="formUiSchemaFilename" value="common/tham_dinh.uischema.json" />',
                '<spiffworkflow:property name="formJsonSchemaFilename" value="common/phoi_hop.schema.json" />\n'
                '            <spiffworkflow:property name="formUiSchemaFilename" value="common/phoi_hop.uischema.json" />')
    warnings = [w for w in checked(tmp_path, both, LLTP)[2] if "[Gateway_phan_cong «Xác minh và lấy ý kiến»]" in w]
    assert [w.split("cùng ghi ")[1][:10] for w in warnings] == ["«dong_y» (", "«y_kien_ph"]
    assert "(«Tra cứu, xác minh thông tin lý lịch tư pháp», «Lấy ý kiến Công an tỉnh»)" in warnings[0]
    assert "giá trị của nhánh xong sau đè giá trị của nhánh kia" in warnings[0]
    # A branch that is a sub-process writes what its steps write.
    task_start = '<bpmn:userTask id="Task_y_kien_cong_an" name="Lấy ý kiến Công an tỉnh">'
    wrapped = edit(LLTP_SOURCE, task_start,
                   '<bpmn:subProcess id="Task_y_kien_cong_an" name="Lấy ý kiến"><bpmn:incoming>Flow_y_kien</bpmn:incoming>'
                   '<bpmn:outgoing>Flow_y_kien_xong</bpmn:outgoing>'
                   '<bpmn:userTask id="Task_ghi_chu" name="Ghi nhận ý kiến"><bpmn:extensionElements>'
                   '<spiffworkflow:properties><spiffworkflow:property name="formJsonSchemaFilename" '
                   'value="common/tham_dinh.schema.json" /></spiffworkflow:properties></bpmn:extensionElements>'
                   '</bpmn:userTask></bpmn:subProcess>' + task_start.replace("Task_y_kien_cong_an", "Task_cu"),
                   '<bpmn:incoming>Flow_y_kien</bpmn:incoming>\n        <bpmn:outgoing>Flow_y_kien_xong</bpmn:outgoing>',
                   '')
    [inner] = [w for w in checked(tmp_path, wrapped, LLTP)[2] if "[Gateway_phan_cong" in w and "«ket_qua_tham_dinh»" in w]
    assert "«Lấy ý kiến»" in inner and "«Tra cứu, xác minh thông tin lý lịch tư pháp»" in inner


RESULT_STATUS = ('<spiffworkflow:property name="status" value="9" />\n        </spiffworkflow:properties>\n'
                 '      </bpmn:extensionElements>\n      <bpmn:incoming>Flow_tra_ket_qua_xong')


@pytest.mark.rule("QT-51")
@pytest.mark.parametrize("old, new", [
    # A supplement loops back to «Tính lệ phí»: the reception's decision is there on that way.
    ("<bpmn:script>le_phi = so_ban * 8000</bpmn:script>",
     '<bpmn:script>le_phi = so_ban * 8000\nif quyet_dinh == "yeu_cau_bo_sung":\n    le_phi = le_phi</bpmn:script>'),
    # Inside the sub-process: the fee paid before it started, a field of a step that loops back.
    ('<spiffworkflow:property name="timeLimit" value="working_days(1)" />',
     '<spiffworkflow:property name="timeLimit" value="working_days(1 if so_tien_da_nop &gt; 0 and '
     'quyet_dinh_dung != &quot;x&quot; else 2)" />'),
    # After the sub-process: what its steps set comes out with it.
    (RESULT_STATUS, RESULT_STATUS.replace(
        '<spiffworkflow:property name="status" value="9" />',
        '<spiffworkflow:property name="status" value="9" />\n          <spiffworkflow:property name="timeLimit" '
        'value="working_days(1 if ket_qua_tham_dinh == &quot;dat&quot; else 2)" />')),
], ids=["loop", "inside_sub_process", "after_sub_process"])
def test_a_name_some_way_there_sets_is_accepted(tmp_path, old, new):
    ok, problems, _ = checked(tmp_path, edit(SOURCE, old, new))
    assert ok and problems == []


@pytest.mark.rule("QT-51")
def test_a_field_only_the_other_parallel_branch_sets_is_refused(tmp_path):
    """«Lấy ý kiến Công an tỉnh» runs beside «Tra cứu, xác minh…» (a parallel gateway): the
    verification's result is not there when the police's step opens."""
    xml = edit(LLTP_SOURCE, '<spiffworkflow:property name="timeLimit" value="working_days(5)" />\n' + " " * 12 + AGENCY,
               '<spiffworkflow:property name="timeLimit" value="working_days(3 if ket_qua_tham_dinh == &quot;dat&quot; '
               'else 5)" />\n' + " " * 12 + AGENCY)
    ok, [problem], _ = checked(tmp_path, xml, LLTP)
    assert not ok and "[Task_y_kien_cong_an «Lấy ý kiến Công an tỉnh»]" in problem
    assert "«ket_qua_tham_dinh»" in problem and "«Tra cứu, xác minh thông tin lý lịch tư pháp»" in problem
    assert "khi hồ sơ tới bước này" in problem


@pytest.mark.rule("QT-51")
def test_a_payment_name_where_the_diagram_never_waits_for_a_payment_is_refused(tmp_path):
    # The withdrawal's reason: read at the reception's gateway, the diagram waiting for rut_ho_so
    # elsewhere, is taken as there (QT-37 reads it so)...
    ok, problems, _ = checked(tmp_path, edit(SOURCE, RECEIVED, '>quyet_dinh == "tiep_nhan" and ly_do_rut != "x"<'))
    assert ok and problems == []
    # ...but a diagram that never waits for the fee never has its record.
    xml = edit(SOURCE, '<bpmn:message id="Message_thanh_toan" name="thanh_toan" />', "",
               'messageRef="Message_thanh_toan" />', "/>", 'messageRef="Message_thanh_toan" />', "/>",
               '<spiffworkflow:property name="amount" value="le_phi" />', "",
               '<spiffworkflow:property name="amount" value="phi_nop_them" />', "",
               RECEIVED, '>quyet_dinh == "tiep_nhan" and hinh_thuc_nop != "truc_tuyen"<')
    tree = safe_parse(xml.encode())
    checker = DiagramChecker(f"{BAN_SAO}.bpmn", ROOT / "forms", citizen_forms=citizen_forms(ROOT / "catalogue"))
    checker.check(tree)
    [problem] = [str(p) for p in checker.problems if p.element_id == "Flow_tiep_nhan"]
    assert "«hinh_thuc_nop»" in problem and "khi hồ sơ nhận tin nhắn thanh_toan" in problem


def test_the_names_messages_carry_are_the_system_names():
    assert frozenset().union(*MESSAGE_DATA.values()) == SYSTEM_NAMES


@pytest.mark.rule("QT-51")
@pytest.mark.parametrize("diagram", [BAN_SAO, LLTP])
def test_every_expression_of_the_shipped_diagrams_is_judged_and_passes(tmp_path, diagram):
    """The walk back resolves for every condition, script, deadline, amount and agency of the
    shipped diagrams (the check is not silently skipped), and finds nothing to say."""
    xml = (ROOT / "bpmn" / f"{diagram}.bpmn").read_bytes()
    checker = DiagramChecker(f"{diagram}.bpmn", ROOT / "forms", citizen_forms=citizen_forms(ROOT / "catalogue"))
    tree = safe_parse(xml)
    assert checker.check(tree) == []
    judged = [n for n in tree.getroot().iter() if bpmn_kind(n) == "scriptTask"
              or bpmn_kind(n) == "sequenceFlow" and n.find("bpmn:conditionExpression", BPMN) is not None
              or {"timeLimit", "amount", "agency"} & set(properties_of(n))]
    assert len(judged) >= 10
    assert [n.get("id") for n in judged if checker.available_before(n) is None] == []


# -- QT-52: a field compared with a value of another type ------------------------------------------

@pytest.mark.rule("QT-52")
def test_an_integer_field_ordered_against_a_text_is_refused_with_the_number_written_bare(tmp_path):
    ok, [problem], _ = checked(tmp_path, edit(SOURCE, RECEIVED, '>quyet_dinh == "tiep_nhan" and so_ban &gt; "1"<'))
    assert not ok and problem.startswith(f"{BAN_SAO}.bpmn: [Flow_tiep_nhan «Tiếp nhận»] ")
    assert 'so sánh «so_ban» với "1" (trong «so_ban > "1"»)' in problem
    assert f"biểu mẫu {BAN_SAO}/don.schema.json khai «so_ban» là số nguyên (\"integer\")" in problem
    assert "«Không so sánh được số nguyên với chuỗi»" in problem and "Viết số không có dấu ngoặc kép: so_ban > 1" in problem
    # The words are the evaluator's own.
    with pytest.raises(expressions.ExpressionError) as refused:
        expressions.evaluate('so_ban > "1"', {"so_ban": 2}, {})
    assert refused.value.message == "Không so sánh được số nguyên với chuỗi"


@pytest.mark.rule("QT-52")
@pytest.mark.parametrize("test, said", [
    ('so_ban == "2"', ["phép so sánh luôn sai", "so_ban == 2"]),
    ('so_ban != "2"', ["phép so sánh luôn đúng", "so_ban != 2"]),
    ("ho_ten_nguoi_yeu_cau &gt; 3", ["«Không so sánh được chuỗi với số nguyên»", 'đổi kiểu (type) của trường']),
    ("ho_ten_nguoi_yeu_cau == 3", ["luôn sai", 'ho_ten_nguoi_yeu_cau == "3"']),
    ('"1" &lt; so_ban', ["«Không so sánh được chuỗi với số nguyên»", "1 < so_ban"]),
])
def test_other_mismatched_comparisons_are_refused_with_their_fix(tmp_path, test, said):
    ok, [problem], _ = checked(tmp_path, edit(SOURCE, RECEIVED, f'>quyet_dinh == "tiep_nhan" and {test}<'))
    assert not ok and "[Flow_tiep_nhan «Tiếp nhận»]" in problem
    assert all(words in problem for words in said), problem


@pytest.mark.rule("QT-52")
def test_a_boolean_field_compared_with_a_text_and_a_script_are_refused_too(tmp_path):
    xml = edit(LLTP_SOURCE, '>quyet_dinh == "phe_duyet"<', '>quyet_dinh == "phe_duyet" and dong_y != "false"<')
    ok, [problem], _ = checked(tmp_path, xml, LLTP)
    assert "«dong_y»" in problem and "đúng/sai (\"boolean\")" in problem and "luôn đúng" in problem
    assert 'Viết True hoặc False, không có dấu ngoặc kép: dong_y != False' in problem
    script = edit(SOURCE, "<bpmn:script>le_phi = so_ban * 8000</bpmn:script>",
                  '<bpmn:script>le_phi = 8000\nif so_ban &gt;= "2":\n    le_phi = so_ban * 8000</bpmn:script>')
    ok, [problem], _ = checked(tmp_path, script)
    assert "[Task_tinh_le_phi «Tính lệ phí»] Mã của công việc tự động so sánh «so_ban»" in problem


@pytest.mark.rule("QT-52")
@pytest.mark.parametrize("test", ["so_ban &gt; 1", "so_ban == 2.0", "so_ban == True", "0 &lt; so_ban &lt;= 5",
                                  'ho_ten_nguoi_yeu_cau &gt;= "A"', "so_ban != None", 'loai_trich_luc == "khai_sinh"'])
def test_comparisons_the_types_allow_pass(tmp_path, test):
    ok, problems, _ = checked(tmp_path, edit(SOURCE, RECEIVED, f'>quyet_dinh == "tiep_nhan" and {test}<'))
    assert ok and problems == []


RUNTIME_NAMES_THE_BRANCH = "failed_branch" in runtime.MESSAGES


@pytest.mark.rule("QT-52")
@pytest.mark.xfail(not RUNTIME_NAMES_THE_BRANCH, strict=True,
                   reason="engine/runtime.py does not yet name the branch whose condition failed (see the review's patch)")
def test_a_condition_failing_at_run_time_names_its_branch_not_only_the_gateway():
    engine = engine_for(edit(SOURCE, RECEIVED, '>quyet_dinh == "tiep_nhan" and so_ban &gt; "1"<'))
    with pytest.raises(ProcessFailed) as failure:
        received(engine, "tiep_nhan")
    message = str(failure.value)
    assert "cổng «Kết quả tiếp nhận?» (Gateway_ket_qua_tiep_nhan)" in message
    assert "nhánh «Tiếp nhận» (Flow_tiep_nhan)" in message and "Không so sánh được số nguyên với chuỗi" in message
    assert failure.value.element_id == "Flow_tiep_nhan"


# -- QT-07: the agency of a step -------------------------------------------------------------------

@pytest.mark.rule("QT-07")
def test_a_step_sent_to_an_agency_with_no_active_officer_of_its_role_is_a_warning(tmp_path):
    agencies = {"000.00.12.H99", "000.00.30.H99", "000.00.15.H99"}
    staffed = {"000.00.12.H99": {"one_stop", "specialist", "leader"}, "000.00.30.H99": {"specialist"}}
    ok, problems, warnings = checked(tmp_path, LLTP_SOURCE, LLTP, known_agencies=agencies, officers=staffed)
    assert ok and problems == [] and warnings == []
    ok, problems, [warning] = checked(tmp_path, edit(LLTP_SOURCE, AGENCY, AGENCY.replace("30", "15")), LLTP,
                                      known_agencies=agencies, officers=staffed)
    assert ok and problems == []  # a warning: the accounts may come before the first dossier
    assert warning.startswith(f"{LLTP}.bpmn: [Task_y_kien_cong_an «Lấy ý kiến Công an tỉnh»] Cảnh báo: ")
    assert "cơ quan «000.00.15.H99» không có tài khoản cán bộ nào đang hoạt động với vai trò «Chuyên viên»" in warning
    assert "cơ quan chưa có cán bộ nào đang hoạt động" in warning
    assert "motcua officers add <tên đăng nhập> --role specialist --agency 000.00.15.H99" in warning
    ok, _, warnings = checked(tmp_path, LLTP_SOURCE, LLTP, known_agencies=agencies,
                              officers={**staffed, "000.00.30.H99": {"leader", "one_stop"}})
    assert len(warnings) == 2  # the police are asked at two steps (QT-66): each is warned
    assert "[Task_y_kien_cong_an «Lấy ý kiến Công an tỉnh»]" in warnings[0] + warnings[1]
    assert "[Task_hoi_lai_cong_an «Lấy lại ý kiến Công an tỉnh theo nhân thân đã bổ sung»]" in warnings[0] + warnings[1]
    for warning in warnings:
        assert "vai trò «Chuyên viên»" in warning and "cơ quan có cán bộ vai trò Bộ phận Một cửa, Lãnh đạo" in warning


@pytest.mark.rule("QT-17")
def test_the_example_of_a_missing_condition_tests_the_field_the_other_branches_test(tmp_path):
    """Not the step's own choice (ket_qua_tham_dinh) when the branches are about the application's
    loai_trich_luc: a value of it no branch asks for yet."""
    about = edit(SOURCE, 'ket_qua_tham_dinh == "yeu_cau_bo_sung"', 'loai_trich_luc == "khai_sinh"',
                 'ket_qua_tham_dinh == "dung_xu_ly"', 'loai_trich_luc in ["ket_hon", "nhan_cha_me_con"]',
                 '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">ket_qua_tham_dinh == "dat"'
                 '</bpmn:conditionExpression>', "")
    ok, [problem], _ = checked(tmp_path, about)
    assert "[Gateway_tham_dinh «Kết quả thẩm định?»]" in problem and '(ví dụ loai_trich_luc == "khai_tu")' in problem


@pytest.mark.rule("QT-12")
@pytest.mark.rule("QT-40")
def test_a_misspelt_payment_message_is_said_once_without_advice_to_delete_the_amount(tmp_path):
    """`thanh_toán` for `thanh_toan`: the fix is the name, not deleting the waits' amounts, and the
    catalogue's fee is not «never asked for»."""
    ok, problems, warnings = checked(tmp_path, edit(SOURCE, 'name="thanh_toan"', 'name="thanh_toán"'))
    assert not ok and warnings == []
    assert [p.split("]")[0] for p in problems] == [f"{BAN_SAO}.bpmn: [Event_cho_nop_phi «Chờ công dân nộp phí»",
                                                   f"{BAN_SAO}.bpmn: [Event_cho_nop_them «Chờ công dân nộp thêm phí»"]
    assert all("«thanh_toán»" in p and "ý bạn là «thanh_toan»" in p and "amount" not in p for p in problems)


@pytest.mark.rule("QT-07")
def test_a_consultation_step_without_its_own_time_limit_is_a_warning(tmp_path):
    """Each consultation of another agency has its own deadline (DOMAIN.md §3): without one the
    step counts only against the dossier's due date. The shipped consultation has one."""
    assert checked(tmp_path, LLTP_SOURCE, LLTP) == (True, [], [])
    limit = '<spiffworkflow:property name="timeLimit" value="working_days(5)" />\n            ' + AGENCY
    ok, problems, [warning] = checked(tmp_path, edit(LLTP_SOURCE, limit, AGENCY), LLTP)
    assert ok and problems == []  # the step still runs
    assert warning.startswith(f"{LLTP}.bpmn: [Task_y_kien_cong_an «Lấy ý kiến Công an tỉnh»] Cảnh báo: ")
    assert "cơ quan «000.00.30.H99» (thuộc tính agency) không có thời hạn riêng (timeLimit)" in warning
    assert "ngày hẹn trả của cả hồ sơ" in warning and "timeLimit cho bước, ví dụ working_days(5)" in warning


@pytest.mark.rule("QT-07")
def test_a_step_without_agency_at_an_agency_with_no_officer_of_its_role_is_a_warning(tmp_path):
    """Without `agency` a step is worked at the procedure's own agency (its catalogue entry's
    agency_code): a lane whose role nobody there works, such as «Điều phối», is said as for an agency."""
    agencies = {"000.00.12.H99", "000.00.00.H99"}
    staffed = {"000.00.12.H99": {"one_stop", "specialist", "leader"}, "000.00.00.H99": {"coordinator"}}
    assert checked(tmp_path, SOURCE, known_agencies=agencies, officers=staffed)[2] == []
    coordinated = edit(SOURCE, 'name="Chuyên viên"', 'name="Điều phối"')
    ok, problems, warnings = checked(tmp_path, coordinated, known_agencies=agencies, officers=staffed)
    assert ok and problems == [] and warnings
    warning = next(w for w in warnings if "[Task_tham_dinh «Thẩm định hồ sơ»]" in w)
    assert "Bước không có thuộc tính agency nên thuộc cơ quan giải quyết «000.00.12.H99» của thủ tục " \
           "(2.000635.json), nhưng trong cơ sở dữ liệu cơ quan «000.00.12.H99» không có tài khoản cán bộ nào " \
           "đang hoạt động với vai trò «Điều phối» (coordinator, vai trò của làn «Điều phối»); cơ quan có cán bộ " \
           "vai trò Bộ phận Một cửa, Chuyên viên, Lãnh đạo" in warning
    assert all("Điều phối" in w for w in warnings)  # the desk's and the leader's steps are staffed
    # Without the province's officers (no database), nothing is said.
    assert checked(tmp_path, coordinated, known_agencies=agencies)[2] == []


def _province_database(path: Path) -> str:
    """A database with what `bpmn check --db` reads: agencies, and officers of theirs (one locked)."""
    with sqlite3.connect(path) as connection:
        connection.executescript("""
            CREATE TABLE agencies (id INTEGER PRIMARY KEY, code VARCHAR(32) NOT NULL, name VARCHAR(255));
            CREATE TABLE users (id INTEGER PRIMARY KEY, role VARCHAR(16) NOT NULL, agency_id INTEGER,
                                active BOOLEAN NOT NULL);
            INSERT INTO agencies VALUES (1, '000.00.12.H99', 'Sở Tư pháp'), (2, '000.00.30.H99', 'Công an tỉnh'),
                                        (3, '000.00.15.H99', 'Sở Xây dựng');
            INSERT INTO users VALUES (1, 'one_stop', 1, 1), (2, 'specialist', 1, 1), (3, 'leader', 1, 1),
                                     (4, 'specialist', 2, 1), (5, 'specialist', 3, 0), (6, 'citizen', NULL, 1);
        """)
    return str(path)


@pytest.mark.rule("QT-07")
def test_bpmn_check_with_a_database_reads_its_active_officers(workspace):
    from tests.test_procedure_new import cli
    folder, env = workspace
    database = _province_database(folder / "tinh.db")
    assert known_officers("sqlite:///" + database) == {"000.00.12.H99": {"one_stop", "specialist", "leader"},
                                                       "000.00.30.H99": {"specialist"}}
    assert known_officers("sqlite:///" + str(folder / "none.db")) is None and not (folder / "none.db").exists()
    diagram = folder / "bpmn" / f"{LLTP}.bpmn"
    result = cli(env, "bpmn", "check", "--db", database, str(diagram))
    assert result.exit_code == 0 and "Cảnh báo" not in result.output, result.output
    diagram.write_text(edit(LLTP_SOURCE, AGENCY, AGENCY.replace("30", "15")), encoding="utf-8")
    result = cli(env, "bpmn", "check", "--db", database, str(diagram))
    assert result.exit_code == 0, result.output  # the locked account does not count; still a warning
    [warning] = [line for line in result.output.splitlines() if "Cảnh báo" in line]
    assert "[Task_y_kien_cong_an «Lấy ý kiến Công an tỉnh»]" in warning and "«000.00.15.H99»" in warning
    assert "«Chuyên viên»" in warning
    result = cli(env, "bpmn", "check", str(diagram))  # no database: nothing said of officers
    assert "Cảnh báo" not in result.output


@pytest.mark.rule("QT-07")
@pytest.mark.parametrize("value, said", [
    ("000.00.30.H99 ", ["có dấu cách ở đầu hoặc cuối", "Xóa dấu cách: «000.00.30.H99»"]),
    (" 000.00.30.H99", ["có dấu cách ở đầu hoặc cuối", "Xóa dấu cách: «000.00.30.H99»"]),
    ("000.00.30.h99 ", ["chữ in hoa, không có dấu cách ở đầu hay cuối", "sửa thành «000.00.30.H99»"]),
])
def test_an_agency_code_with_a_stray_space_says_the_space_is_the_problem(tmp_path, value, said):
    ok, [problem], _ = checked(tmp_path, edit(LLTP_SOURCE, AGENCY, AGENCY.replace("000.00.30.H99", value)), LLTP)
    assert not ok and "[Task_y_kien_cong_an «Lấy ý kiến Công an tỉnh»]" in problem
    assert f"Thuộc tính agency «{value}»" in problem and all(words in problem for words in said), problem
    if value.strip() == value.strip().upper():
        assert "chữ in hoa" not in problem


# -- QT-25: a catalogue entry's unit and agency code -----------------------------------------------

def _entry(tmp_path, **changes) -> Path:
    entry = {**json.loads((ROOT / "catalogue" / "2.000635.json").read_text(encoding="utf-8")), **changes}
    path = tmp_path / "catalogue" / "2.000635.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.rule("QT-25")
@pytest.mark.parametrize("time, said", [
    ({"amount": 2, "unit": "working_day"},
     ['đơn vị thời hạn giải quyết («processing_time» → «unit») là "working_day"',
      "(có phải ý bạn là «working_days»?)", '"unit": "working_days"']),
    ({"amount": 2, "unit": "Calendar Days"}, ['là "Calendar Days"', "«calendar_days»", '"unit": "calendar_days"']),
    ({"amount": 2, "unit": 5}, ["là 5,", '"working_hours" (giờ làm việc)']),
    ({"amount": 2}, ["thiếu đơn vị «unit»", '"working_days" (ngày làm việc)']),
    ("2 ngày", ['«processing_time» (thời hạn giải quyết) phải là một đối tượng', 'không phải "2 ngày"']),
])
def test_a_wrong_processing_time_unit_quotes_the_value_its_place_and_the_closest_unit(tmp_path, time, said):
    with pytest.raises(CatalogueError) as refused:
        read_entry(_entry(tmp_path, processing_time=time))
    message = str(refused.value)
    assert message.startswith("2.000635.json: ") and all(words in message for words in said), message


@pytest.mark.rule("QT-25")
@pytest.mark.parametrize("code", ["000.00.12.h99", "000.00.12.H99 ", " 000.00.12.h99"])
def test_an_agency_code_in_lower_case_or_with_spaces_is_said_with_the_code_meant(tmp_path, code):
    _entry(tmp_path, agency_code=code)
    [problem] = check_entries(tmp_path / "catalogue", ROOT / "forms", agencies={"000.00.12.H99", "000.00.30.H99"})
    assert problem.startswith(f"2.000635.json: không có cơ quan mã «{code}»")
    assert "Sửa «agency_code» thành «000.00.12.H99» (cơ quan đó có trong hệ thống)" in problem
    assert "chữ in hoa" in problem and "dấu cách" in problem
    [problem] = check_entries(tmp_path / "catalogue", ROOT / "forms")  # no database: the spelling still
    assert f"«agency_code» là «{code}»" in problem and "Sửa thành «000.00.12.H99»" in problem


@pytest.mark.rule("QT-25")
def test_an_unknown_agency_code_gets_the_closest_one(tmp_path):
    _entry(tmp_path, agency_code="000.00.13.H99")
    [problem] = check_entries(tmp_path / "catalogue", ROOT / "forms", agencies={"000.00.12.H99", "000.00.30.H99"})
    assert "không có cơ quan mã «000.00.13.H99»" in problem and re.search(r"có phải ý bạn là «000\.00\.\d\d\.H99»", problem)
    assert "motcua agencies load" in problem
    _entry(tmp_path, agency_code="000.00.12.H99")
    assert check_entries(tmp_path / "catalogue", ROOT / "forms", agencies={"000.00.12.H99"}) == []


def _lltp_entry(tmp_path, change) -> Path:
    entry = json.loads((ROOT / "catalogue" / "2.000488.json").read_text(encoding="utf-8"))
    change(entry)
    path = tmp_path / "catalogue" / "2.000488.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
    return path


def _rename(holder: dict, old: str, new: str) -> None:
    holder[new] = holder.pop(old)


@pytest.mark.rule("QT-25")
@pytest.mark.parametrize("change, said", [
    (lambda e: _rename(e, "self_only_when", "self_only_whne"), "khóa «self_only_whne» không phải khóa hệ thống đọc; "
                                                              "có phải ý bạn là «self_only_when»?"),
    (lambda e: _rename(e["components"][3], "required_when", "requried_when"),
     "trong «components» thứ 4 («Giấy tờ chứng minh thuộc diện miễn, giảm phí (khi kê khai được miễn, giảm)»), "
     "khóa «requried_when» không phải khóa hệ thống đọc; có phải ý bạn là «required_when»?"),
    (lambda e: _rename(e["attachments"], "max_size_mb", "max_sise_mb"), "trong «attachments», khóa «max_sise_mb»"),
])
def test_a_misspelt_key_is_refused_not_ignored(tmp_path, change, said):
    """A key the system reads, misspelt, would be ignored: an extract no. 2 asked for someone else,
    or an exemption without its proof, would be taken. The entry is refused, at the check and at
    loading, with the key meant."""
    path = _lltp_entry(tmp_path, change)
    with pytest.raises(CatalogueError) as refused:
        read_entry(path)
    assert str(refused.value).startswith("2.000488.json: ") and said in str(refused.value), str(refused.value)
    assert "bị bỏ qua, nên điều nó quy định không được áp dụng" in str(refused.value)
    problems = check_entries(tmp_path / "catalogue", ROOT / "forms")
    assert [p for p in problems if said in p], problems


@pytest.mark.rule("QT-25")
@pytest.mark.parametrize("old, new", [("processing_time", "procesing_time"), ("form", "from")])
def test_a_misspelt_required_key_is_said_missing_with_the_key_written(tmp_path, old, new):
    with pytest.raises(CatalogueError) as refused:
        read_entry(_lltp_entry(tmp_path, lambda e: _rename(e, old, new)))
    assert str(refused.value) == (f"2.000488.json: thiếu trường bắt buộc «{old}». Tệp có khóa «{new}», hệ thống không "
                                  f"đọc: có phải là «{old}» viết sai? Sửa tên khóa cho đúng từng ký tự.")


@pytest.mark.rule("QT-25")
def test_a_key_nothing_reads_is_warned_and_loads(tmp_path):
    """A key unlike any the system reads (a note of the analyst's own) is no slip: the entry loads,
    and the check warns that nobody will read it."""
    path = _lltp_entry(tmp_path, lambda e: e.update(ghi_chu_noi_bo="Rà soát lại năm 2027"))
    assert read_entry(path)["ghi_chu_noi_bo"] == "Rà soát lại năm 2027"
    advice: list[str] = []
    assert check_entries(tmp_path / "catalogue", ROOT / "forms", advice=advice) == []
    [warning] = [a for a in advice if "ghi_chu_noi_bo" in a]
    assert warning.startswith("2.000488.json: Cảnh báo: khóa «ghi_chu_noi_bo» không phải khóa hệ thống đọc, nên bị "
                              "bỏ qua"), warning
    shipped: list[str] = []
    check_entries(ROOT / "catalogue", ROOT / "forms", advice=shipped)
    assert not [a for a in shipped if "khóa hệ thống đọc" in a]


@pytest.mark.rule("QT-07")
def test_an_agency_read_from_a_free_text_field_is_warned(tmp_path):
    """`agency` naming a field officers type freely («công an tỉnh» is no code): warned, with
    the list or pattern that makes the form refuse a name."""
    approval = SOURCE.index('<bpmn:userTask id="Task_phe_duyet"')
    at = SOURCE.index("<spiffworkflow:properties>", approval) + len("<spiffworkflow:properties>")
    path = tmp_path / f"{BAN_SAO}.bpmn"
    path.write_text(SOURCE[:at] + '<spiffworkflow:property name="agency" value="y_kien" />' + SOURCE[at:],
                    encoding="utf-8")
    ok, found = check_files([path], ROOT / "forms", citizen_forms=citizen_forms(ROOT / "catalogue"))
    [line] = [line for line in found if "Task_phe_duyet" in line and "agency_field" not in line
              and "nhận chữ gõ tùy ý" in line]
    assert ok and "Cảnh báo:" in line and "trường «y_kien» (biểu mẫu " in line and "common/tham_dinh.schema.json" in line
    assert '"oneOf": [{"const": "000.00.30.H99"' in line and "(QT-07)" in line


def _approval_agency_from(tmp_path, choices: list) -> Path:
    """The shipped diagram whose approval step goes to the agency chosen in a field of the
    appraisal form offering `choices`; the forms copied beside it."""
    forms = tmp_path / "forms"
    shutil.copytree(ROOT / "forms", forms)
    appraisal = forms / "common" / "tham_dinh.schema.json"
    schema = json.loads(appraisal.read_text(encoding="utf-8"))
    schema["properties"]["co_quan_duyet"] = {"type": "string", "title": "Cơ quan phê duyệt", "oneOf": [
        {"const": code, "title": f"Cơ quan {n}"} for n, code in enumerate(choices)]}
    appraisal.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    approval = SOURCE.index('<bpmn:userTask id="Task_phe_duyet"')
    at = SOURCE.index("<spiffworkflow:properties>", approval) + len("<spiffworkflow:properties>")
    path = tmp_path / f"{BAN_SAO}.bpmn"
    path.write_text(SOURCE[:at] + '<spiffworkflow:property name="agency" value="co_quan_duyet" />' + SOURCE[at:],
                    encoding="utf-8")
    return path


@pytest.mark.rule("QT-07")
def test_the_codes_a_field_read_by_agency_offers_are_checked_as_codes(tmp_path):
    """A choice that is no agency code sends the step nowhere: refused, naming the value."""
    path = _approval_agency_from(tmp_path, ["000.00.30.H99", "000.00.30.h99", "Công an tỉnh"])
    ok, found = check_files([path], tmp_path / "forms", citizen_forms=citizen_forms(ROOT / "catalogue"))
    lines = [line for line in found if "Task_phe_duyet" in line and "cho chọn" in line]
    assert not ok and len(lines) == 2, found
    assert "«000.00.30.h99», không phải mã cơ quan" in lines[0] and "có phải là «000.00.30.H99»?" in lines[0]
    assert "«Công an tỉnh», không phải mã cơ quan" in lines[1] and "biểu mẫu common/tham_dinh.schema.json" in lines[1]
    ok, found = check_files([path], tmp_path / "forms", known_agencies={"000.00.30.H99", "000.00.20.H99"},
                            citizen_forms=citizen_forms(ROOT / "catalogue"))
    assert not ok


@pytest.mark.rule("QT-07")
def test_a_field_offering_an_agency_not_loaded_is_refused_when_the_agencies_are_known(tmp_path):
    path = _approval_agency_from(tmp_path, ["000.00.30.H99", "000.00.31.H99"])
    ok, found = check_files([path], tmp_path / "forms", citizen_forms=citizen_forms(ROOT / "catalogue"))
    assert ok, found  # without the database the codes' shape is all that is known
    ok, found = check_files([path], tmp_path / "forms", known_agencies={"000.00.30.H99", "000.00.20.H99"},
                            officers={"000.00.30.H99": {"leader"}}, citizen_forms=citizen_forms(ROOT / "catalogue"))
    [line] = [line for line in found if "cho chọn" in line]
    assert not ok and "«000.00.31.H99», không phải mã của cơ quan nào trong hệ thống" in line, found


@pytest.mark.rule("QT-07")
@pytest.mark.parametrize("declared", [
    {"$ref": "#/$defs/co_quan"},
    {"type": "string", "anyOf": [{"enum": ["000.00.30.H99", "cong_an_tinh"]}]},
])
def test_codes_offered_through_a_reference_or_an_option_list_are_checked(tmp_path, declared):
    """The list behind a `$ref` or inside `anyOf` is the list the officer chooses from (reviewer's
    case: it passed as a free-text field, with a warning saying it had no list)."""
    path = _approval_agency_from(tmp_path, ["000.00.30.H99"])
    appraisal = tmp_path / "forms" / "common" / "tham_dinh.schema.json"
    schema = json.loads(appraisal.read_text(encoding="utf-8"))
    schema["properties"]["co_quan_duyet"] = declared
    schema["$defs"] = {**schema.get("$defs", {}), "co_quan": {"type": "string", "enum": ["000.00.30.H99", "cong_an_tinh"]}}
    appraisal.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    ok, found = check_files([path], tmp_path / "forms", citizen_forms=citizen_forms(ROOT / "catalogue"))
    [line] = [line for line in found if "cho chọn" in line]
    assert not ok and "«cong_an_tinh», không phải mã cơ quan" in line
    assert not [line for line in found if "nhận chữ gõ tùy ý" in line]
