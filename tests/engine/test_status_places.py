"""Where each public status may stand (ANALYST.md QT-53): a status written on the wrong element
tells citizens something false, or (9) signs the result before the leader has approved it."""
from __future__ import annotations

import pytest

from tests.engine.test_diagram_check_review import SOURCE
from tests.test_analyst_rules import problems

APPRAISAL = '<bpmn:userTask id="Task_tham_dinh" name="Thẩm định hồ sơ">'
FOUR = '<spiffworkflow:property name="status" value="4" />'


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
