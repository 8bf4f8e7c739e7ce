"""Where each public status may stand (ANALYST.md QT-53): a status written on the wrong element
tells citizens something false, or (9) signs the result before the leader has approved it."""
from __future__ import annotations

import pytest

from tests.engine.test_diagram_check_review import SOURCE
from tests.test_analyst_rules import problems

APPRAISAL = '<bpmn:userTask id="Task_tham_dinh" name="Thẩm định hồ sơ">'
FOUR = '<spiffworkflow:property name="status" value="4" />'


def _restatus(element: str, old: str, new: str | None, source: str = SOURCE) -> str:
    """`source` with the status `old` written on the element opening with `element` changed to
    `new` (None: removed)."""
    written = f'<spiffworkflow:property name="status" value="{old}" />'
    at = source.index(written, source.index(element))
    changed = written.replace(f'"{old}"', f'"{new}"') if new is not None else ""
    return source[:at] + changed + source[at + len(written):]


def _appraisal_with(status: str) -> list:
    """The shipped diagram with the specialist's appraisal showing `status` instead of 4."""
    start = SOURCE.index(APPRAISAL)
    at = SOURCE.index(FOUR, start)
    return problems(SOURCE[:at] + FOUR.replace('"4"', f'"{status}"') + SOURCE[at + len(FOUR):])


@pytest.mark.rule("QT-53")
def test_status_9_before_the_leaders_approval_is_refused_where_it_is_written():
    [problem] = _appraisal_with("9")
    assert (problem.element_id, problem.element_name) == ("Task_tham_dinh", "Thẩm định hồ sơ")
    assert "kết quả sẽ được ký trước khi lãnh đạo duyệt" in problem.message
    assert "«Tiếp nhận hồ sơ» (Task_tiep_nhan, làn «Bộ phận Một cửa»)" in problem.message
    # The shipped return step shows 9 too, but comes after «Đã xử lý xong»: nothing to sign again.
    assert problems(SOURCE) == []


@pytest.mark.rule("QT-53")
@pytest.mark.parametrize("status,expected", [
    ("10", "status 10 (Đã trả kết quả) là trạng thái hồ sơ đã kết thúc, chỉ đặt trên sự kiện kết thúc"),
    ("7", "status 7 (Công dân yêu cầu rút hồ sơ) là trạng thái hồ sơ đã kết thúc"),
    ("5", "chỉ đặt trên sự kiện chờ tin nhắn bo_sung"),
    ("6", "chỉ đặt trên sự kiện chờ tin nhắn thanh_toan"),
])
def test_a_final_or_waiting_status_on_a_step_is_refused(status, expected):
    [problem] = _appraisal_with(status)
    assert problem.element_id == "Task_tham_dinh" and expected in problem.message, problem.message


BEFORE_STOP = '    <bpmn:boundaryEvent id="Boundary_dung_xu_ly"'
IN_LANE = '<bpmn:flowNodeRef>Boundary_dung_xu_ly</bpmn:flowNodeRef>'


def _with(elements: str, refs: str, source: str = SOURCE) -> str:
    """The shipped diagram with `elements` added to the process and `refs` to a lane."""
    return (source.replace(BEFORE_STOP, elements + BEFORE_STOP, 1)
            .replace(IN_LANE, IN_LANE + refs, 1))


def _timer_to(target: str, attached: str) -> str:
    return _with(f'''<bpmn:boundaryEvent id="Boundary_het_han" name="Hết hạn" attachedToRef="{attached}">
      <bpmn:outgoing>Flow_het_han</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">working_days(5)</bpmn:timeDate>
      </bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="Flow_het_han" sourceRef="Boundary_het_han" targetRef="{target}" />
''', '<bpmn:flowNodeRef>Boundary_het_han</bpmn:flowNodeRef>')


@pytest.mark.rule("QT-53")
def test_a_fee_wait_between_the_approval_and_status_9_is_refused():
    """Paid at the desk, the cashier's recording would sign the result; paid online, nobody would."""
    xml = _with('''<bpmn:intermediateCatchEvent id="Event_nop_phi_sau" name="Chờ nộp phí sau phê duyệt">
      <bpmn:extensionElements><spiffworkflow:properties>
        <spiffworkflow:property name="status" value="6" />
        <spiffworkflow:property name="amount" value="le_phi" />
      </spiffworkflow:properties></bpmn:extensionElements>
      <bpmn:messageEventDefinition messageRef="Message_thanh_toan" />
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="Flow_da_nop_sau" sourceRef="Event_nop_phi_sau" targetRef="Event_da_xu_ly" />
''', '<bpmn:flowNodeRef>Event_nop_phi_sau</bpmn:flowNodeRef>').replace(
        '<bpmn:sequenceFlow id="Flow_xu_ly_xong" sourceRef="Sub_giai_quyet" targetRef="Event_da_xu_ly" />',
        '<bpmn:sequenceFlow id="Flow_xu_ly_xong" sourceRef="Sub_giai_quyet" targetRef="Event_nop_phi_sau" />')
    [problem] = problems(xml)
    assert (problem.element_id, problem.element_name) == ("Event_da_xu_ly", "Đã xử lý xong")
    assert "«Chờ nộp phí sau phê duyệt» (Event_nop_phi_sau, chờ tin nhắn thanh_toan)" in problem.message
    assert "đặt trước tiểu quy trình «Giải quyết hồ sơ»" in problem.message


@pytest.mark.rule("QT-53")
def test_a_timer_on_the_processing_leading_to_status_9_is_refused():
    [problem] = problems(_timer_to("Event_da_xu_ly", "Sub_giai_quyet"))
    assert problem.element_id == "Event_da_xu_ly"
    assert "«Hết hạn» (Boundary_het_han, bộ hẹn giờ)" in problem.message


@pytest.mark.rule("QT-53")
@pytest.mark.rule("QT-24")
def test_a_timer_leading_to_the_refusal_end_is_refused():
    """An automatic refusal: nobody decided, the refusal slip has no reason."""
    [problem] = problems(_timer_to("End_khong_tiep_nhan", "Task_tiep_nhan"))
    assert (problem.element_id, problem.element_name) == ("End_khong_tiep_nhan", "Không tiếp nhận")
    assert "bộ hẹn giờ «Hết hạn» (Boundary_het_han, bộ hẹn giờ)" in problem.message


@pytest.mark.rule("QT-53")
@pytest.mark.rule("QT-21")
def test_status_2_on_the_reception_step_itself_is_refused():
    """A status on a step shows when it opens: the code would come at submission, from the citizen."""
    [problem] = problems(_restatus('<bpmn:userTask id="Task_tiep_nhan"', "1", "2"))
    assert (problem.element_id, problem.element_name) == ("Task_tiep_nhan", "Tiếp nhận hồ sơ")
    assert "trước khi Bộ phận Một cửa tiếp nhận" in problem.message
    assert "sau bước «Tiếp nhận hồ sơ»" in problem.message and "«Tiếp nhận, cấp mã hồ sơ»" in problem.message


LATE_BRANCH = '''<bpmn:boundaryEvent id="Boundary_qua_han_tham_dinh" name="Quá hạn thẩm định" cancelActivity="false"
        attachedToRef="Task_tham_dinh">
        <bpmn:extensionElements><spiffworkflow:properties>
          <spiffworkflow:property name="marksLate" value="true" />
        </spiffworkflow:properties></bpmn:extensionElements>
        <bpmn:outgoing>Flow_qua_han_tham_dinh</bpmn:outgoing>
        <bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">working_days(3)</bpmn:timeDate>
        </bpmn:timerEventDefinition></bpmn:boundaryEvent>
      {between}
      <bpmn:endEvent id="End_tre_han_tham_dinh" name="Ghi nhận trễ hạn" />
      '''
REF = '<bpmn:flowNodeRef>Task_tham_dinh</bpmn:flowNodeRef>'


def _late_branch_in_the_processing(between: str, flows: str, refs: str) -> str:
    at = SOURCE.index('<bpmn:sequenceFlow id="Flow_bat_dau"')
    xml = SOURCE[:at] + LATE_BRANCH.format(between=between) + flows + SOURCE[at:]
    return xml.replace(REF, REF + '<bpmn:flowNodeRef>Boundary_qua_han_tham_dinh</bpmn:flowNodeRef>'
                       '<bpmn:flowNodeRef>End_tre_han_tham_dinh</bpmn:flowNodeRef>' + refs, 1)


@pytest.mark.rule("QT-53")
@pytest.mark.rule("QT-10")
def test_a_late_marking_timer_on_a_step_inside_the_processing_leaves_status_9_to_the_leader():
    """The branch of a non-interrupting timer ends at once, while the step it watches stays open:
    the sub-process is completed by its own way, through the leader's approval (reviewer's case)."""
    xml = _late_branch_in_the_processing(
        "", '<bpmn:sequenceFlow id="Flow_qua_han_tham_dinh" sourceRef="Boundary_qua_han_tham_dinh" '
            'targetRef="End_tre_han_tham_dinh" />\n      ', "")
    assert problems(xml) == []


@pytest.mark.rule("QT-53")
def test_a_step_on_a_late_timers_branch_may_still_be_what_completes_the_processing():
    """A step on that branch can be done after the approval's way has ended: then it, not the
    leader, would bring the dossier to 9, and the check still says so."""
    xml = _late_branch_in_the_processing(
        '<bpmn:userTask id="Task_bao_cao_tre" name="Báo cáo lý do trễ hạn" />',
        '<bpmn:sequenceFlow id="Flow_qua_han_tham_dinh" sourceRef="Boundary_qua_han_tham_dinh" '
        'targetRef="Task_bao_cao_tre" />\n      <bpmn:sequenceFlow id="Flow_bao_cao_xong" sourceRef="Task_bao_cao_tre" '
        'targetRef="End_tre_han_tham_dinh" />\n      ', '<bpmn:flowNodeRef>Task_bao_cao_tre</bpmn:flowNodeRef>')
    found = [p for p in problems(xml) if p.element_id == "Event_da_xu_ly"]
    assert found and "«Báo cáo lý do trễ hạn» (Task_bao_cao_tre" in found[0].message, problems(xml)


def _status_on(element: str, status: str, source: str = SOURCE) -> str:
    """The shipped diagram with `status` written on the element opening with `element` (one
    that carries no properties of its own)."""
    return source.replace(element, element + f'''
      <bpmn:extensionElements><spiffworkflow:properties>
        <spiffworkflow:property name="status" value="{status}" />
      </spiffworkflow:properties></bpmn:extensionElements>''', 1)


DECISION = '<bpmn:exclusiveGateway id="Gateway_ket_qua_tiep_nhan" name="Kết quả tiếp nhận?">'
WAIT_CHOICE = '<bpmn:eventBasedGateway id="Gateway_cho_cong_dan" name="Chờ công dân">'


STOPPED_AT_RECEPTION = _restatus('<bpmn:endEvent id="End_khong_tiep_nhan"', "3", "8")


@pytest.mark.rule("QT-53")
@pytest.mark.rule("QT-21")
@pytest.mark.parametrize("element, source, expected", [
    # Passed before the branch is chosen: a refused dossier would carry a code and a due date.
    (DECISION, SOURCE, ["«Không tiếp nhận» (End_khong_tiep_nhan), mang status 3",
                        "hồ sơ bị từ chối cũng đã có mã và ngày hẹn", "sau cổng rẽ nhánh theo quyết định"]),
    # Even where no refusal follows: the code and the due date would come before the dossier is
    # complete, and the due date is counted from the complete dossier (DOMAIN.md §3.4).
    (WAIT_CHOICE, STOPPED_AT_RECEPTION, ["mà hồ sơ còn quay lại đây qua", "«Chờ công dân bổ sung» (Event_cho_bo_sung)",
                                         "«Tiếp nhận hồ sơ» (Task_tiep_nhan)"]),
], ids=["decision_gateway", "way_to_the_supplement_wait"])
def test_status_2_before_the_desks_decision_is_refused(element, source, expected):
    assert problems(source) == []
    [problem] = problems(_status_on(element, "2", source))
    assert problem.element_id == element.split('id="')[1].split('"')[0]
    for words in expected:
        assert words in problem.message, (words, problem.message)


@pytest.mark.rule("QT-55")
@pytest.mark.rule("QT-21")
def test_a_status_on_a_flow_is_misplaced_and_does_not_count_as_reached():
    """The engine reads a status where a dossier stands (a step, an event, a gateway); on the flow
    into «Tiếp nhận, cấp mã hồ sơ» it would never issue a code, and the process reaches no 2."""
    without = _restatus('<bpmn:intermediateThrowEvent id="Event_tiep_nhan"', "2", None)
    flow = ('<bpmn:sequenceFlow id="Flow_tiep_nhan" name="Tiếp nhận" sourceRef="Gateway_ket_qua_tiep_nhan" '
            'targetRef="Event_tiep_nhan">')
    found = problems(_status_on(flow, "2", without))
    by_element = {p.element_id: p.message for p in found}
    assert set(by_element) == {"Flow_tiep_nhan", "cap_ban_sao_trich_luc_ho_tich"}, found
    assert "Thuộc tính status không có tác dụng trên" in by_element["Flow_tiep_nhan"]
    assert "chuyển nó sang phần tử mà luồng dẫn tới" in by_element["Flow_tiep_nhan"]


@pytest.mark.rule("QT-53")
@pytest.mark.rule("QT-46")
def test_a_terminate_end_on_a_late_timers_branch_ends_the_scope_and_is_judged_so():
    """A terminate end closes what the timer watched: inside the processing the dossier reaches
    «Đã xử lý xong» (9) by the timer, no leader approving; at the top the dossier ends there,
    so it needs a final status (reviewer's cases)."""
    flow = ('<bpmn:sequenceFlow id="Flow_qua_han_tham_dinh" sourceRef="Boundary_qua_han_tham_dinh" '
            'targetRef="End_tre_han_tham_dinh" />\n      ')
    xml = _late_branch_in_the_processing("", flow, "").replace(
        '<bpmn:endEvent id="End_tre_han_tham_dinh" name="Ghi nhận trễ hạn" />',
        '<bpmn:endEvent id="End_tre_han_tham_dinh" name="Ghi nhận trễ hạn"><bpmn:terminateEventDefinition />'
        '</bpmn:endEvent>')
    [problem] = problems(xml)
    assert problem.element_id == "Event_da_xu_ly" and "«Quá hạn thẩm định» (Boundary_qua_han_tham_dinh" in problem.message
    late = ('<bpmn:endEvent id="End_tre_han_tiep_nhan" name="Đã đánh dấu trễ hạn tiếp nhận">\n'
            '      <bpmn:incoming>Flow_qua_han</bpmn:incoming>')
    assert SOURCE.count(late) == 1
    [problem] = problems(SOURCE.replace(late, late + "<bpmn:terminateEventDefinition />"))
    assert problem.element_id == "End_tre_han_tiep_nhan" and "status" in problem.message


@pytest.mark.rule("QT-55")
def test_a_status_on_a_sub_process_is_misplaced():
    """Entering a sub-process shows the status of what opens inside it, never the sub-process's own
    (reviewer's case: 4 moved from the appraisal onto «Giải quyết hồ sơ» never showed)."""
    xml = _status_on('<bpmn:subProcess id="Sub_giai_quyet" name="Giải quyết hồ sơ">',
                     "4", _restatus('<bpmn:userTask id="Task_tham_dinh"', "4", None))
    [problem] = problems(xml)
    assert problem.element_id == "Sub_giai_quyet" and "Thuộc tính status không có tác dụng trên" in problem.message
    assert "bước đầu tiên trong tiểu quy trình" in problem.message


@pytest.mark.rule("QT-53")
@pytest.mark.rule("QT-21")
def test_status_2_on_a_late_timer_beside_the_reception_step_is_refused():
    """The timer fires while the step it watches stays open: the code would come before the
    desk decides, and the dossier could still be refused (reviewer's case)."""
    marks = '<spiffworkflow:property name="marksLate" value="true" />'
    start = SOURCE.index('<bpmn:boundaryEvent id="Boundary_qua_han_tiep_nhan"')
    at = SOURCE.index(marks, start) + len(marks)
    [problem] = problems(SOURCE[:at] + '<spiffworkflow:property name="status" value="2" />' + SOURCE[at:])
    assert problem.element_id == "Boundary_qua_han_tiep_nhan" and "End_khong_tiep_nhan" in problem.message


def test_the_way_on_follows_link_events():
    """A link throw goes on at the catch of the same name (a long diagram drawn in two parts)."""
    from lxml import etree

    from engine.diagram_graph import onward, onward_map
    root = etree.fromstring(
        '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p">'
        '<intermediateThrowEvent id="Di"><linkEventDefinition name="tiep" /></intermediateThrowEvent>'
        '<intermediateCatchEvent id="Den"><linkEventDefinition name="tiep" /></intermediateCatchEvent>'
        '<endEvent id="Het" /><sequenceFlow id="f" sourceRef="Den" targetRef="Het" /></process></definitions>')
    assert onward(onward_map(root), ["Di"]) == {"Den", "Het"}
