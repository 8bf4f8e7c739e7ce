"""Mistakes a reviewer found `motcua bpmn check` letting through, each now named on its element in
Vietnamese with its fix: a start event that is not the citizen's plain one, Camunda 7's older
namespace, a branch value the steps just before a gateway never give, an end event leaving a
dossier without a final status, statuses written "02", a value written without its quotes, `===`
and `AND`, and a Camunda rewrite that would not itself pass the check."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from engine import expressions
from engine.calendar import WorkingCalendar
from engine.calendar_functions import deadline_functions
from engine.catalogue_forms import citizen_forms
from engine.checking import check_files
from engine.profile import load_profile
from engine.registry import DiagramError, Registry, build_versions
from engine.runtime import Engine
from tests.conftest import vn
from tests.test_analyst_rules import problems

ROOT = Path(__file__).resolve().parents[2]
BAN_SAO = "cap_ban_sao_trich_luc_ho_tich"
SOURCE = (ROOT / "bpmn" / f"{BAN_SAO}.bpmn").read_text(encoding="utf-8")
MIWG = ROOT.parent / "shared" / "bpmn-miwg"
CALENDAR = WorkingCalendar(load_profile("demo"))
B = "http://www.omg.org/spec/BPMN/20100524/MODEL"
SPIFF = "http://spiffworkflow.org/bpmn/schema/1.0/core"
ACTIVITI = "http://activiti.org/bpmn"
START = '<bpmn:startEvent id="Start_nop_ho_so" name="Công dân nộp hồ sơ">'
RECEIVED = 'quyet_dinh == "tiep_nhan"'  # the condition of «Tiếp nhận», after «Tiếp nhận hồ sơ»




def lines(tmp_path, xml: str) -> list[str]:
    """What `motcua bpmn check` prints about the diagram as the shipped one, its catalogue entry
    known (so the names and values expressions read are judged)."""
    path = tmp_path / f"{BAN_SAO}.bpmn"
    path.write_text(xml, encoding="utf-8")
    ok, found = check_files([path], ROOT / "forms", citizen_forms=citizen_forms(ROOT / "catalogue"))
    return [] if ok else [line for line in found if line.startswith(f"{BAN_SAO}.bpmn: [") and "Cảnh báo:" not in line]


def edit(xml: str, *pairs: str) -> str:
    for old, new in zip(pairs[::2], pairs[1::2]):
        assert old in xml, old
        xml = xml.replace(old, new, 1)
    return xml


def test_the_shipped_diagrams_still_pass(tmp_path):
    assert problems(SOURCE) == [] and lines(tmp_path, SOURCE) == []


# -- 1. the process's start event is the citizen's plain one ---------------------------------------

@pytest.mark.rule("QT-31")
@pytest.mark.parametrize("definition, kind", [
    ('<bpmn:messageEventDefinition id="Def_1" messageRef="Message_bo_sung" />', "tin nhắn (message)"),
    ('<bpmn:timerEventDefinition id="Def_1"><bpmn:timeDate>working_days(1)</bpmn:timeDate>'
     '</bpmn:timerEventDefinition>', "hẹn giờ (timer)"),
    ('<bpmn:timerEventDefinition id="Def_1"><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>',
     "hẹn giờ (timer)"),
    ('<bpmn:signalEventDefinition id="Def_1" />', "tín hiệu (signal)"),
], ids=["message", "timer", "timer_iso", "signal"])
def test_a_start_event_of_another_kind_than_plain_is_refused_once(definition, kind):
    xml = edit(SOURCE, "<bpmn:outgoing>Flow_nop_le_phi</bpmn:outgoing>\n    </bpmn:startEvent>",
               f"<bpmn:outgoing>Flow_nop_le_phi</bpmn:outgoing>{definition}</bpmn:startEvent>")
    [problem] = problems(xml)  # not also "the message is not deliverable" or "a timer counts clock hours"
    assert (problem.element_id, problem.element_name) == ("Start_nop_ho_so", "Công dân nộp hồ sơ")
    assert f"Sự kiện bắt đầu của quy trình là sự kiện {kind}" in problem.message
    assert "chờ ở đây mãi mà không bước nào mở" in problem.message
    assert "sự kiện bắt đầu thường" in problem.message and "«Start Event»" in problem.message
    assert re.search(r"xóa bpmn:\w+EventDefinition", problem.message)


@pytest.mark.rule("QT-31")
def test_a_message_start_event_saved_by_a_modeler_is_named_with_the_fix():
    if not (MIWG / "C.1.0.bpmn").exists():
        pytest.skip("reference set not present")
    with pytest.raises(DiagramError) as refused:
        build_versions((MIWG / "C.1.0.bpmn").read_bytes(), "C.1.0.bpmn", ROOT / "forms")
    start = [p.message for p in refused.value.problems if p.element_id == "StartEvent_1"]
    assert any("sự kiện tin nhắn (message)" in m for m in start)
    assert not any("hệ thống chỉ gửi được tin nhắn" in m for m in start)  # no advice to rename the message


# -- 2. Camunda 7's older namespace, http://activiti.org/bpmn -----------------------------------------

@pytest.mark.rule("QT-29")
def test_camunda_extensions_in_the_activiti_namespace_are_refused_with_their_replacement():
    if not (MIWG / "C.1.0.bpmn").exists():
        pytest.skip("reference set not present")
    with pytest.raises(DiagramError) as refused:
        build_versions((MIWG / "C.1.0.bpmn").read_bytes(), "C.1.0.bpmn", ROOT / "forms")
    said = {(p.element_id, p.message.split(" ")[0]): p.message for p in refused.value.problems}
    assert "formJsonSchemaFilename" in said[("approveInvoice", "camunda:formKey")]
    assert "làn (lane) quyết định" in said[("approveInvoice", "camunda:assignee")]
    assert "làn (lane) quyết định" in said[("prepareBankTransfer", "camunda:candidateGroups")]
    assert "Script task" in said[("archiveInvoice", "camunda:delegateExpression")]
    field = said[("archiveInvoice", "camunda:field")]
    assert "ánh xạ biến" in field and field.count("camunda:field") == 2  # named once, and in "xóa …"
    assert "formJsonSchemaFilename" in said[("StartEvent_1", "camunda:formKey")]


@pytest.mark.rule("QT-29")
def test_properties_in_the_activiti_namespace_are_read_like_camunda_properties_and_run():
    xml = SOURCE.replace(f'xmlns:spiffworkflow="{SPIFF}"', f'xmlns:activiti="{ACTIVITI}"') \
        .replace("spiffworkflow:", "activiti:")
    assert SPIFF not in xml and "<activiti:property " in xml
    registry = Registry(ROOT / "forms", deadline_functions(CALENDAR, vn(2026, 11, 23, 8, 0)))
    (version,) = registry.add(xml.encode(), f"{BAN_SAO}.bpmn")
    assert version.node("Task_tiep_nhan").properties["formJsonSchemaFilename"] == "common/tiep_nhan.schema.json"
    start = Engine(registry, CALENDAR).start(BAN_SAO, {"ho_ten_nguoi_yeu_cau": "Nguyễn Văn An", "so_ban": 1},
                                             vn(2026, 11, 23, 8, 0))
    [reception] = start.open_tasks
    assert (reception.name, reception.form, reception.status) == ("Tiếp nhận hồ sơ", "common/tiep_nhan.schema.json", 1)
    # Checked as Camunda's too: a wrong value, and an extension spelt with the file's own prefix.
    broken = edit(xml, '<activiti:property name="status" value="2" />', '<activiti:property name="status" value="20" />',
                  '<bpmn:userTask id="Task_tham_dinh" name="Thẩm định hồ sơ"',
                  '<bpmn:userTask id="Task_tham_dinh" name="Thẩm định hồ sơ" activiti:assignee="demo"')
    found = {p.element_id: p.message for p in problems(broken)}
    assert "từ 1 đến 10" in found["Event_tiep_nhan"]
    assert found["Task_tham_dinh"].startswith("activiti:assignee không dùng được ở đây")


@pytest.mark.rule("QT-29")
def test_a_starter_re_prefixed_to_the_activiti_namespace_passes(workspace):
    from tests.test_procedure_new import cli
    folder, env = workspace
    assert cli(env, "procedure", "new", "1.001234", "--name", "Cấp giấy phép tổ chức lễ hội",
               "--agency", "000.00.12.H99").exit_code == 0
    diagram = folder / "bpmn" / "cap_giay_phep_to_chuc_le_hoi.bpmn"
    text = diagram.read_text(encoding="utf-8")
    diagram.write_text(text.replace(SPIFF, ACTIVITI), encoding="utf-8")  # the prefix stays spiffworkflow:
    result = cli(env, "bpmn", "check", str(diagram))
    assert result.exit_code == 0, result.output
    diagram.write_text(text.replace(SPIFF, ACTIVITI).replace('name="status" value="1"', 'name="status" value="01"'),
                       encoding="utf-8")
    result = cli(env, "bpmn", "check", str(diagram))
    assert result.exit_code == 1 and "viết 1, không viết 01" in result.output


# -- 7. a Camunda expression's rewrite is offered only if it passes the check ---------------------------

@pytest.mark.rule("QT-29")
@pytest.mark.skipif(not (MIWG / "C.9.0.bpmn").exists(), reason="reference set not present")
def test_every_rewrite_offered_for_a_camunda_expression_passes_the_expression_check():
    offered = []
    for path in sorted(MIWG.glob("*.bpmn")):
        try:
            build_versions(path.read_bytes(), path.name, ROOT / "forms")
        except DiagramError as refused:
            offered += [(path.name, p.element_id, p.message.rsplit(": ", 1)[1]) for p in refused.problems
                        if "Ở đây viết thẳng biểu thức" in p.message]
    rewrites = {(name, element): bare for name, element, bare in offered}
    assert rewrites[("C.9.0.bpmn", "SequenceFlow_Red")] == 'any(risk == "red" for risk in riskLevels)'
    assert rewrites[("C.9.0.bpmn", "SequenceFlow_Yellow")] == 'all(risk == "yellow" for risk in riskLevels)'
    assert rewrites[("C.1.0.bpmn", "invoiceNotApproved")] == "not approved"
    for name, element, bare in offered:
        assert expressions.check(bare, "eval") == [], (name, element, bare)


@pytest.mark.rule("QT-29")
@pytest.mark.parametrize("condition, rewrite", [
    ('= quyet_dinh = "tiep_nhan"', 'quyet_dinh == "tiep_nhan"'),
    ('= some q in [quyet_dinh] satisfies q = "tiep_nhan"', 'any(q == "tiep_nhan" for q in [quyet_dinh])'),
    ("= so_ban > 1 and true", "so_ban > 1 and True"),
    ('${quyet_dinh == "tiep_nhan" &amp;&amp; !false}', 'quyet_dinh == "tiep_nhan" and not False'),
    ('= quyet_dinh instance of string', None),
    ('= some q in [quyet_dinh], r in [1] satisfies q = "a"', None),
    ("${execution.getVariable(&quot;quyet_dinh&quot;)}", None),
], ids=["feel_equals", "feel_some", "feel_true", "juel", "feel_instance_of", "feel_two_lists", "juel_java"])
def test_a_camunda_condition_gets_a_rewrite_or_is_said_unsupported(condition, rewrite):
    [problem] = problems(edit(SOURCE, RECEIVED, condition))
    assert problem.element_id == "Flow_tiep_nhan"
    if rewrite is None:
        assert "không được hỗ trợ ở đây" in problem.message and "Ở đây viết thẳng" not in problem.message
        assert 'quyet_dinh == "tiep_nhan"' in problem.message  # an example of what to write
    else:
        assert problem.message.endswith(f": {rewrite}"), problem.message
        assert expressions.check(rewrite, "eval") == []
        # Told how to compare only where the condition compares for equality.
        assert ("so sánh bằng viết ==" in problem.message) is ("==" in rewrite and condition.startswith("="))


# -- 3. a branch value the steps just before the gateway never give --------------------------------------

@pytest.mark.rule("QT-43")
def test_a_branch_value_of_another_form_is_named_on_the_branch(tmp_path):
    """`phe_duyet` is a value of `quyet_dinh` in common/phe_duyet, not in common/tiep_nhan, the form
    of the step just before «Kết quả tiếp nhận?»: the branch is never taken there."""
    [line] = lines(tmp_path, edit(SOURCE, RECEIVED, 'quyet_dinh == "phe_duyet"'))
    assert line.startswith(f"{BAN_SAO}.bpmn: [Flow_tiep_nhan «Tiếp nhận»] Điều kiện trên nhánh «Tiếp nhận» so sánh "
                           "«quyet_dinh» với \"phe_duyet\"")
    assert "bước «Tiếp nhận hồ sơ»" in line and "common/tiep_nhan.schema.json" in line
    assert '"tiep_nhan", "yeu_cau_bo_sung", "tu_choi"' in line and "phép so sánh luôn sai" in line
    assert '"phe_duyet" (giá trị của trường cùng tên ở biểu mẫu common/phe_duyet.schema.json)' in line
    # As for QT-37, without the catalogue entry (the citizen's form unknown) nothing is said.
    assert problems(edit(SOURCE, RECEIVED, 'quyet_dinh == "phe_duyet"')) == []
    # != with such a value always holds; with a default branch the gateway still never sends a dossier there.
    [line] = lines(tmp_path, edit(SOURCE, RECEIVED, 'quyet_dinh != "phe_duyet"'))
    assert "Flow_tiep_nhan" in line and "phép so sánh luôn đúng" in line
    with_default = edit(SOURCE, RECEIVED, 'quyet_dinh == "tra_lai"', '<bpmn:exclusiveGateway id="Gateway_ket_qua_tiep_nhan"',
                        '<bpmn:exclusiveGateway default="Flow_tu_choi" id="Gateway_ket_qua_tiep_nhan"')
    [line] = lines(tmp_path, with_default)
    assert "[Flow_tiep_nhan «Tiếp nhận»]" in line and '"tra_lai"' in line
    # A list holding only such values never holds either; beside a value the step gives, one changes nothing.
    [line] = lines(tmp_path, edit(SOURCE, RECEIVED, 'quyet_dinh in ["phe_duyet", "tra_lai"]'))
    assert "Flow_tiep_nhan" in line and "không giá trị nào trong danh sách có ở đây" in line
    assert lines(tmp_path, edit(SOURCE, RECEIVED, 'quyet_dinh in ["tiep_nhan", "phe_duyet"]')) == []
    # A value no form gives at all is the typo QT-37 names, once.
    [line] = lines(tmp_path, edit(SOURCE, RECEIVED, 'quyet_dinh == "tiep_nhan "'))
    assert '(có phải ý bạn là «"tiep_nhan"»?)' in line and "ngay trước cổng" not in line


@pytest.mark.rule("QT-43")
def test_the_steps_before_a_gateway_are_found_through_a_status_event(tmp_path):
    """«Tiếp nhận hồ sơ», then an event that only shows a status, then the gateway: the form of the
    step still decides what the gateway may be given, for a typo and for an unrouted value."""
    root = etree.fromstring(SOURCE.encode())
    ns = {"bpmn": B}
    process = root.find("bpmn:process", ns)
    flow = process.find("bpmn:sequenceFlow[@id='Flow_tiep_nhan_quyet_dinh']", ns)
    flow.set("targetRef", "Event_da_quyet_dinh")
    etree.SubElement(process, f"{{{B}}}intermediateThrowEvent", id="Event_da_quyet_dinh", name="Đã quyết định")
    etree.SubElement(process, f"{{{B}}}sequenceFlow", id="Flow_sang_cong", sourceRef="Event_da_quyet_dinh",
                     targetRef="Gateway_ket_qua_tiep_nhan")
    lane = process.find(".//bpmn:lane[@id='Lane_mot_cua']", ns)
    etree.SubElement(lane, f"{{{B}}}flowNodeRef").text = "Event_da_quyet_dinh"
    xml = etree.tostring(root, encoding="unicode")
    assert lines(tmp_path, xml) == []
    [line] = lines(tmp_path, edit(xml, RECEIVED, 'quyet_dinh == "phe_duyet"'))
    assert "[Flow_tiep_nhan «Tiếp nhận»]" in line and "bước «Tiếp nhận hồ sơ»" in line
    [line] = lines(tmp_path, edit(xml, 'quyet_dinh == "tu_choi"', 'quyet_dinh == "tiep_nhan"'))
    assert "[Gateway_ket_qua_tiep_nhan «Kết quả tiếp nhận?»]" in line and 'không nhánh nào nhận "tu_choi"' in line


# -- 4. an end event of the process leaves the dossier in a final status ---------------------------------

@pytest.mark.rule("QT-46")
def test_an_end_event_without_a_final_status_is_refused():
    xml = edit(SOURCE, '<spiffworkflow:property name="status" value="10" />', "")
    [problem] = problems(xml)
    assert (problem.element_id, problem.element_name) == ("End_tra_ket_qua", "Đã trả kết quả")
    assert problem.message.startswith("Sự kiện kết thúc của quy trình chưa có thuộc tính status")
    assert "3 (Không được tiếp nhận), 7 (Công dân yêu cầu rút hồ sơ), 8 (Dừng xử lý), 10 (Đã trả kết quả)" \
        in problem.message
    [problem] = problems(edit(SOURCE, '<spiffworkflow:property name="status" value="10" />',
                              '<spiffworkflow:property name="status" value="9" />'))
    assert problem.element_id == "End_tra_ket_qua" and "có status 9 (Đã xử lý xong)" in problem.message
    [problem] = problems(edit(SOURCE, '<spiffworkflow:property name="status" value="3" />',
                              '<spiffworkflow:property name="status" value="4" />'))
    assert problem.element_id == "End_khong_tiep_nhan" and "có status 4 (Đang xử lý)" in problem.message


@pytest.mark.rule("QT-46")
def test_the_end_of_a_non_interrupting_branch_or_a_sub_process_needs_no_status():
    """«Đã đánh dấu trễ hạn tiếp nhận» ends the late-marking timer's branch while reception goes
    on; «Đã phê duyệt» ends the sub-process, not the dossier: neither has a status, both pass.
    Made interrupting, the timer's end would end the dossier, and is named."""
    assert '<bpmn:endEvent id="End_tre_han_tiep_nhan" name="Đã đánh dấu trễ hạn tiếp nhận">\n      <bpmn:incoming>' \
        in SOURCE and problems(SOURCE) == []
    interrupting = edit(SOURCE, 'name="Quá hạn tiếp nhận" cancelActivity="false"', 'name="Quá hạn tiếp nhận"')
    assert [p.element_id for p in problems(interrupting)] == ["End_tre_han_tiep_nhan"]
    # A wrong cancelActivity is the schema's to name, alone.
    wrong = edit(SOURCE, 'name="Quá hạn tiếp nhận" cancelActivity="false"', 'name="Quá hạn tiếp nhận" cancelActivity="không"')
    assert [p.element_id for p in problems(wrong)] == ["Boundary_qua_han_tiep_nhan"]


# -- 5. a status is written 2, not 02 -------------------------------------------------------------------

@pytest.mark.rule("QT-05")
def test_a_status_with_a_leading_zero_is_refused_and_read_as_its_number_elsewhere():
    [problem] = problems(edit(SOURCE, '<spiffworkflow:property name="status" value="2" />',
                              '<spiffworkflow:property name="status" value="02" />'))
    assert problem.element_id == "Event_tiep_nhan"  # and not also "the process never reaches status 2"
    assert "viết 2, không viết 02" in problem.message
    [problem] = problems(edit(SOURCE, '<spiffworkflow:property name="status" value="9" />',
                              '<spiffworkflow:property name="status" value=" 9" />'))
    assert "viết 9, không viết « 9»" in problem.message
    # The fee wait's 6: one problem, the spelling, not also "a fee wait needs status 6".
    payment = SOURCE.index('<bpmn:intermediateCatchEvent id="Event_cho_nop_phi"')
    xml = SOURCE[:payment] + SOURCE[payment:].replace('name="status" value="6"', 'name="status" value="06"', 1)
    [problem] = problems(xml)
    assert problem.element_id == "Event_cho_nop_phi" and "viết 6, không viết 06" in problem.message
    # An end event's 010: the spelling only.
    [problem] = problems(edit(SOURCE, '<spiffworkflow:property name="status" value="10" />',
                              '<spiffworkflow:property name="status" value="010" />'))
    assert problem.element_id == "End_tra_ket_qua" and "viết 10, không viết 010" in problem.message


@pytest.mark.rule("QT-05")
@pytest.mark.parametrize("value", ["²", "٢", "+2", "11", "0", "hai"])
def test_a_status_that_is_no_number_from_1_to_10_is_refused_without_a_crash(value):
    found = problems(edit(SOURCE, '<spiffworkflow:property name="status" value="4" />',
                          f'<spiffworkflow:property name="status" value="{value}" />'))
    assert found and all("từ 1 đến 10" in p.message for p in found), [str(p) for p in found]


# -- 6. a value without its quotes, ===, AND / OR / NOT -----------------------------------------------------

@pytest.mark.rule("QT-37")
def test_a_field_value_written_without_quotes_is_said_to_need_them(tmp_path):
    [line] = lines(tmp_path, edit(SOURCE, RECEIVED, "quyet_dinh == tiep_nhan"))
    assert line.startswith(f"{BAN_SAO}.bpmn: [Flow_tiep_nhan «Tiếp nhận»] Điều kiện trên nhánh «Tiếp nhận» đọc "
                           "«tiep_nhan» như tên một trường dữ liệu, nhưng «tiep_nhan» là một giá trị của trường "
                           "«quyet_dinh» (biểu mẫu common/tiep_nhan.schema.json)")
    assert line.endswith('Viết giá trị trong ngoặc kép: quyet_dinh == "tiep_nhan"')
    assert "không biểu mẫu nào" not in line
    # Every bare reading of it is quoted; text in quotes stays as written.
    [line] = lines(tmp_path, edit(SOURCE, RECEIVED, 'quyet_dinh in [tiep_nhan, "Tiếp nhận"] or tiep_nhan == quyet_dinh'))
    assert line.endswith('Viết giá trị trong ngoặc kép: quyet_dinh in ["tiep_nhan", "Tiếp nhận"] or "tiep_nhan" == '
                         "quyet_dinh")
    # A name that is no value of any field is still a name no form has.
    [line] = lines(tmp_path, edit(SOURCE, RECEIVED, "quyet_dinh == tiepnhan"))
    assert "không biểu mẫu nào" in line


@pytest.mark.rule("QT-18")
@pytest.mark.parametrize("condition, hint, fixed", [
    ('quyet_dinh === "tiep_nhan"', "không viết ===, !==", 'quyet_dinh == "tiep_nhan"'),
    ('quyet_dinh !== "tu_choi" AND quyet_dinh !== "yeu_cau_bo_sung"', "không viết ===, !==",
     'quyet_dinh != "tu_choi" and quyet_dinh != "yeu_cau_bo_sung"'),
    ('quyet_dinh == "tiep_nhan" AND NOT so_ban == 0', "dùng and, or, not, in viết thường thay cho AND, OR, NOT",
     'quyet_dinh == "tiep_nhan" and not so_ban == 0'),
    ('quyet_dinh == "tiep_nhan" Or quyet_dinh == "AND OR"', "dùng and, or, not, in viết thường",
     'quyet_dinh == "tiep_nhan" or quyet_dinh == "AND OR"'),
], ids=["triple_equals", "strict_not_equal_and", "upper_and_not", "mixed_case_or"])
def test_javascript_and_sql_operators_get_a_hint_and_the_fix(condition, hint, fixed):
    [problem] = problems(edit(SOURCE, RECEIVED, condition.replace('"', "&quot;")))
    assert problem.element_id == "Flow_tiep_nhan"
    assert "Lỗi cú pháp" in problem.message and hint in problem.message
    assert problem.message.endswith(f"Sửa thành: {fixed}"), problem.message


@pytest.mark.rule("QT-18")
def test_a_script_with_uppercase_and_gets_the_hint():
    script = SOURCE.index("<bpmn:script>")
    xml = SOURCE[:script] + SOURCE[script:].replace("<bpmn:script>", "<bpmn:script>if so_ban &gt; 1 AND so_ban &lt; 3:\n"
                                                    "    so_ban = 2\n", 1)
    found = [p for p in problems(xml) if "Lỗi cú pháp" in p.message]
    assert found and "dùng and, or, not, in viết thường" in found[0].message


@pytest.mark.rule("QT-51")
def test_a_name_only_a_non_user_task_form_holds_is_said_plainly_without_a_wrong_guess(tmp_path):
    """The appraisal made a service task: its form's fields reach nobody. The gateway's conditions
    say that, not «chỉ được ghi bởi không có» with a guess of another field."""
    xml = SOURCE.replace('<bpmn:userTask id="Task_tham_dinh" name="Thẩm định hồ sơ">',
                         '<bpmn:serviceTask id="Task_tham_dinh" name="Thẩm định hồ sơ">', 1)
    start = xml.index('<bpmn:serviceTask id="Task_tham_dinh"')
    end = xml.index("</bpmn:userTask>", start)
    found = lines(tmp_path, xml[:end] + "</bpmn:serviceTask>" + xml[end + len("</bpmn:userTask>"):])
    conditions = [line for line in found if "[Flow_" in line]
    assert conditions and all("chỉ gắn với phần tử không nhận biểu mẫu" in line and "ý bạn là" not in line
                              and "bởi không có" not in line for line in conditions)
    assert any("[Task_tham_dinh «Thẩm định hồ sơ»] Công việc dịch vụ" in line for line in found)


@pytest.mark.rule("QT-43")
def test_a_gateway_left_with_one_conditional_branch_and_no_default_is_an_error(tmp_path):
    """«Trả lại» deleted the way a modeler deletes it (the flow, its references, its edge and the
    default): «Phê duyệt?» keeps only «Phê duyệt», with its condition; a leader's "tra_lai" would
    stop every such dossier there."""
    import re
    xml = re.sub(r'\s*<bpmndi:BPMNEdge id="Flow_tra_lai_di".*?</bpmndi:BPMNEdge>', "", SOURCE, flags=re.S)
    xml = edit(xml, ' default="Flow_tra_lai"', "", "        <bpmn:outgoing>Flow_tra_lai</bpmn:outgoing>\n", "",
               "        <bpmn:incoming>Flow_tra_lai</bpmn:incoming>\n", "",
               '      <bpmn:sequenceFlow id="Flow_tra_lai" name="Trả lại" sourceRef="Gateway_phe_duyet" '
               'targetRef="Task_tham_dinh" />\n', "")
    [line] = [str(p) for p in problems(xml) if p.element_id == "Gateway_phe_duyet"]
    assert "[Gateway_phe_duyet «Phê duyệt?»] Cổng rẽ nhánh chỉ có một nhánh ra là «Phê duyệt»" in line
    assert "hồ sơ không thỏa điều kiện sẽ dừng ở cổng này" in line and "Vẽ lại nhánh" in line


def test_a_pool_drawn_for_information_beside_the_process_is_not_checked_as_one_that_runs():
    """The citizen's side drawn as a process not marked executable (start, «Chuẩn bị hồ sơ», end,
    no lanes): not run, so not refused for its missing lane."""
    citizen = ('<bpmn:process id="Process_cong_dan" isExecutable="false">'
               '<bpmn:startEvent id="S_cd"><bpmn:outgoing>F_cd_1</bpmn:outgoing></bpmn:startEvent>'
               '<bpmn:task id="T_cd" name="Chuẩn bị hồ sơ"><bpmn:incoming>F_cd_1</bpmn:incoming>'
               '<bpmn:outgoing>F_cd_2</bpmn:outgoing></bpmn:task>'
               '<bpmn:endEvent id="E_cd"><bpmn:incoming>F_cd_2</bpmn:incoming></bpmn:endEvent>'
               '<bpmn:sequenceFlow id="F_cd_1" sourceRef="S_cd" targetRef="T_cd" />'
               '<bpmn:sequenceFlow id="F_cd_2" sourceRef="T_cd" targetRef="E_cd" /></bpmn:process>\n  ')
    xml = edit(SOURCE, "<bpmndi:BPMNDiagram", citizen + "<bpmndi:BPMNDiagram")
    assert [str(p) for p in problems(xml) if p.element_id in ("T_cd", "S_cd", "E_cd", "Process_cong_dan")] == []


def test_a_loop_marker_without_a_stop_is_explained_in_words_with_the_gateway_to_draw_instead():
    """bpmn.io's «Loop» toggle on the first step: SpiffWorkflow refuses it in English."""
    looped = SOURCE.replace("</bpmn:userTask>", "<bpmn:standardLoopCharacteristics /></bpmn:userTask>", 1)
    found = [str(p) for p in problems(looped)]
    assert any("chưa cho biết khi nào dừng lặp" in line and "cổng rẽ nhánh" in line for line in found), found
    assert not any("loopMaximum" in line for line in found)


def test_an_id_used_twice_names_the_first_element_by_kind_place_and_line():
    """Three end events are named «Hồ sơ đã rút»: the message says which one holds the id."""
    xml = SOURCE.replace('id="End_rut_khi_cho_nop_phi"', 'id="End_rut_ho_so"')
    xml = xml.replace('bpmnElement="End_rut_khi_cho_nop_phi"', 'bpmnElement="End_rut_ho_so"')
    line = next(n for n, text in enumerate(SOURCE.splitlines(), 1) if 'id="End_rut_ho_so"' in text)
    found = [str(p) for p in problems(xml) if "đã dùng cho" in str(p)]
    assert found and f"sự kiện kết thúc (end event) «Hồ sơ đã rút» (dòng {line} của tệp)" in found[0], found


@pytest.mark.rule("QT-10")
def test_a_timer_starting_an_event_sub_process_is_refused_for_the_boundary_timer():
    """A non-interrupting event sub-process "after 3 working days" inside «Giải quyết hồ sơ»: the
    engine would hold every dossier there until it fires."""
    sub = ('<bpmn:subProcess id="Sub_nhac_han" name="Nhắc hạn" triggeredByEvent="true">'
           '<bpmn:startEvent id="Start_nhac_han" isInterrupting="false"><bpmn:outgoing>F_nhac</bpmn:outgoing>'
           '<bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">working_days(3)'
           '</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:startEvent>'
           '<bpmn:endEvent id="End_nhac_han"><bpmn:incoming>F_nhac</bpmn:incoming></bpmn:endEvent>'
           '<bpmn:sequenceFlow id="F_nhac" sourceRef="Start_nhac_han" targetRef="End_nhac_han" /></bpmn:subProcess>\n')
    xml = edit(SOURCE, "    </bpmn:subProcess>", sub + "    </bpmn:subProcess>")
    [line] = [str(p) for p in problems(xml) if p.element_id == "Start_nhac_han"]
    assert "bắt đầu tiểu quy trình theo sự kiện «Nhắc hạn»" in line and "giữ «Giải quyết hồ sơ» mở" in line
    assert "gắn một sự kiện hẹn giờ lên biên" in line
    # The timer to copy is one that marks lateness, named with the step it watches, not «Giải quyết hồ sơ».
    assert "như hẹn giờ «Quá hạn tiếp nhận» (marksLate) trên «Tiếp nhận hồ sơ» của sơ đồ này" in line
    bare = edit(xml, '<spiffworkflow:property name="marksLate" value="true" />', "")
    [line] = [str(p) for p in problems(bare) if p.element_id == "Start_nhac_han"]
    assert "bước «Tiếp nhận hồ sơ» của sơ đồ mẫu" in line


def test_a_receive_task_without_its_message_is_called_a_receive_task():
    xml = edit(SOURCE, '<bpmn:userTask id="Task_tham_dinh"', '<bpmn:receiveTask id="Task_cho" name="Chờ công dân" />'
               '<bpmn:userTask id="Task_tham_dinh"')
    [line] = [str(p) for p in problems(xml) if p.element_id == "Task_cho" and "messageRef" in p.message]
    assert "Công việc nhận tin nhắn (receive task) chưa chọn tin nhắn nào" in line


def test_a_boundary_event_left_outside_the_sub_process_of_its_step_says_where_the_step_is():
    xml = edit(SOURCE, 'id="Boundary_qua_han_tiep_nhan" name="Quá hạn tiếp nhận" cancelActivity="false" '
                       'attachedToRef="Task_tiep_nhan"', 'id="Boundary_qua_han_tiep_nhan" name="Quá hạn tiếp nhận" '
                       'cancelActivity="false" attachedToRef="Task_tham_dinh"')
    found = [str(p) for p in problems(xml) if p.element_id == "Boundary_qua_han_tiep_nhan"]
    assert any("bước đó nằm trong «Giải quyết hồ sơ» còn sự kiện thì nằm ngoài" in line for line in found), found


@pytest.mark.rule("QT-43")
@pytest.mark.rule("QT-34")
def test_an_unrouted_value_of_a_choice_written_with_one_of_is_named(tmp_path):
    """QT-34 offers oneOf [{const, title}] as well as enum: its consts are the values a gateway
    must route, as an enum's are."""
    import json
    import shutil
    forms = tmp_path / "forms"
    shutil.copytree(ROOT / "forms", forms)
    schema_path = forms / "common" / "tiep_nhan.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    field = schema["properties"]["quyet_dinh"]
    field["oneOf"] = [{"const": value, "title": value} for value in field.pop("enum")]
    schema_path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    path = tmp_path / f"{BAN_SAO}.bpmn"
    path.write_text(edit(SOURCE, 'quyet_dinh == "tu_choi"', 'quyet_dinh == "tiep_nhan"'), encoding="utf-8")
    ok, found = check_files([path], forms, citizen_forms=citizen_forms(ROOT / "catalogue"))
    [line] = [line for line in found if "[Gateway_ket_qua_tiep_nhan «Kết quả tiếp nhận?»]" in line]
    assert 'không nhánh nào nhận "tu_choi"' in line and not ok


@pytest.mark.rule("QT-29")
def test_the_fix_for_a_camunda_extension_is_written_with_the_files_own_prefix():
    """activiti:formKey is answered with <activiti:property …>, not camunda:, which the file does not declare."""
    xml = SOURCE.replace(f'xmlns:spiffworkflow="{SPIFF}"', f'xmlns:activiti="{ACTIVITI}"') \
        .replace("spiffworkflow:", "activiti:")
    broken = edit(xml, '<bpmn:userTask id="Task_tham_dinh" name="Thẩm định hồ sơ"',
                  '<bpmn:userTask id="Task_tham_dinh" name="Thẩm định hồ sơ" activiti:formKey="tham_dinh" '
                  'activiti:dueDate="P1D"')
    said = [p.message for p in problems(broken) if p.element_id == "Task_tham_dinh"]
    assert any('<activiti:property name="formJsonSchemaFilename"' in m for m in said), said
    assert any('<activiti:property name="timeLimit"' in m for m in said), said
    assert not any("camunda:property" in m for m in said), said


def _withdrawal_sub_process(interrupting: str) -> str:
    return ('<bpmn:subProcess id="Sub_rut" name="Công dân rút hồ sơ" triggeredByEvent="true">'
            f'<bpmn:startEvent id="Start_rut" name="Nhận đơn rút" isInterrupting="{interrupting}">'
            '<bpmn:outgoing>F_rut</bpmn:outgoing><bpmn:messageEventDefinition messageRef="Message_rut_ho_so" />'
            '</bpmn:startEvent><bpmn:endEvent id="End_rut_sub" name="Đã rút"><bpmn:extensionElements>'
            '<spiffworkflow:properties><spiffworkflow:property name="status" value="7" /></spiffworkflow:properties>'
            '</bpmn:extensionElements><bpmn:incoming>F_rut</bpmn:incoming></bpmn:endEvent>'
            '<bpmn:sequenceFlow id="F_rut" sourceRef="Start_rut" targetRef="End_rut_sub" /></bpmn:subProcess>\n')


@pytest.mark.rule("QT-12")
@pytest.mark.rule("QT-16")
@pytest.mark.parametrize("where, interrupting, held", [
    ('<bpmn:subProcess id="Sub_giai_quyet"', "true", True),  # beside the processing, in the process
    ('<bpmn:userTask id="Task_tham_dinh"', "false", False),  # inside the processing
])
def test_a_message_starting_an_event_sub_process_is_refused_for_a_boundary_event(where, interrupting, held):
    """Tried with the shipped scenarios: the engine never lists such a message as awaited (the
    citizen's withdrawal is refused as not awaited), and one in the process keeps it from ending."""
    xml = edit(SOURCE, where, _withdrawal_sub_process(interrupting) + where)
    [problem] = [p for p in problems(xml) if p.element_id == "Start_rut"]
    assert problem.element_name == "Nhận đơn rút"
    assert "bắt đầu tiểu quy trình theo sự kiện «Công dân rút hồ sơ»" in problem.message
    assert "hồ sơ không bao giờ chờ nó" in problem.message
    assert ("hồ sơ đã trả kết quả cũng không bao giờ kết thúc" in problem.message) == held
    assert "sự kiện biên «Công dân rút hồ sơ» (rut_ho_so) trên «Tiếp nhận hồ sơ»" in problem.message
