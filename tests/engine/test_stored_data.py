"""What a script stores stays in the dossier's state (QT-18, QT-20): a date from the calendar
functions, inside a sub-process after a human step, where SpiffWorkflow keeps a task's data
changes apart from its parent's. Data the state cannot hold fails the step
that brought it, named, and never leaves a dossier stuck."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from engine.calendar import WorkingCalendar
from engine.profile import load_profile
from engine.registry import Registry
from engine.runtime import Engine, ProcessFailed
from tests.conftest import vn

ROOT = Path(__file__).resolve().parents[2]
BAN_SAO = "cap_ban_sao_trich_luc_ho_tich"
FORM = {"ho_ten_nguoi_yeu_cau": "Nguyễn Văn An", "so_ban": 2}
PAID = {"so_tien_da_nop": 16000, "hinh_thuc_nop": "truc_tuyen", "ma_giao_dich": "14012345"}
APPRAISE = {"ket_qua_tham_dinh": "dat", "y_kien": "Hồ sơ đầy đủ."}
APPROVE = {"quyet_dinh": "phe_duyet", "y_kien": "Đồng ý."}
DATES = "han_xac_minh = working_days(2)"
CALENDAR = WorkingCalendar(load_profile("demo"))
FLOW = '<bpmn:sequenceFlow id="Flow_tham_dinh_xong" sourceRef="Task_tham_dinh" targetRef="Gateway_tham_dinh" />'


def with_script(script: str) -> str:
    """The shipped copy-of-extract diagram with a script task between the appraisal (a user task
    inside the processing sub-process) and its gateway."""
    xml = (ROOT / "bpmn" / f"{BAN_SAO}.bpmn").read_text(encoding="utf-8")
    assert xml.count(FLOW) == 1
    return xml.replace("<bpmn:incoming>Flow_tham_dinh_xong</bpmn:incoming>",
                       "<bpmn:incoming>Flow_tinh_han</bpmn:incoming>").replace(FLOW, (
        '<bpmn:sequenceFlow id="Flow_tham_dinh_xong" sourceRef="Task_tham_dinh" targetRef="Task_tinh_han" />'
        '<bpmn:sequenceFlow id="Flow_tinh_han" sourceRef="Task_tinh_han" targetRef="Gateway_tham_dinh" />'
        '<bpmn:scriptTask id="Task_tinh_han" name="Tính hạn xác minh" scriptFormat="python">'
        '<bpmn:incoming>Flow_tham_dinh_xong</bpmn:incoming><bpmn:outgoing>Flow_tinh_han</bpmn:outgoing>'
        f'<bpmn:script>{escape(script)}</bpmn:script></bpmn:scriptTask>'))


def at_appraisal(script: str | None = None):
    """An engine on the diagram with `script` after the appraisal (none: the shipped one), and
    a dossier accepted and paid for, at the appraisal."""
    registry = Registry(ROOT / "forms")
    xml = with_script(script) if script else (ROOT / "bpmn" / f"{BAN_SAO}.bpmn").read_text(encoding="utf-8")
    registry.add(xml.encode("utf-8"), f"{BAN_SAO}.bpmn")
    engine = Engine(registry, CALENDAR)
    start = engine.start(BAN_SAO, FORM, vn(2026, 11, 23, 9, 0))
    accepted = engine.complete_task(BAN_SAO, start.version, start.state, start.open_tasks[0].id,
                                    {"quyet_dinh": "tiep_nhan"}, vn(2026, 11, 23, 10, 0))
    paid = engine.deliver_message(BAN_SAO, accepted.version, accepted.state, "thanh_toan", PAID,
                                  vn(2026, 11, 23, 11, 0))
    assert [t.name for t in paid.open_tasks] == ["Thẩm định hồ sơ"]
    return engine, paid


@pytest.mark.rule("QT-20")
def test_a_date_a_script_stores_after_a_step_keeps_the_dossier_going():
    engine, paid = at_appraisal(DATES)
    at = vn(2026, 11, 25, 9, 0)
    appraised = engine.complete_task(BAN_SAO, paid.version, paid.state, paid.open_tasks[0].id, APPRAISE, at)
    due = CALENDAR.add_working_days(at, 2)
    assert [t.name for t in appraised.open_tasks] == ["Phê duyệt kết quả"]
    assert appraised.data["han_xac_minh"] == due
    assert '"typename":"datetime"' in appraised.state  # kept as SpiffWorkflow's registry writes it
    # Read back from the stored state: still a date, the same instant, for every later step.
    seen = engine.task_data(BAN_SAO, appraised.version, appraised.state, appraised.open_tasks[0].id)
    assert isinstance(seen["han_xac_minh"], datetime) and seen["han_xac_minh"] == due
    approved = engine.complete_task(BAN_SAO, appraised.version, appraised.state, appraised.open_tasks[0].id,
                                    APPROVE, vn(2026, 11, 25, 10, 0))
    assert [t.name for t in approved.open_tasks] == ["Trả kết quả"] and approved.data["han_xac_minh"] == due
    assert json.loads(approved.state)


def test_data_the_state_cannot_hold_fails_the_step_that_brought_it():
    engine, paid = at_appraisal()  # no script after the step: nothing refuses the value before the state
    with pytest.raises(ProcessFailed) as failure:
        engine.complete_task(BAN_SAO, paid.version, paid.state, paid.open_tasks[0].id,
                             {**APPRAISE, "ban_chup": b"%PDF"}, vn(2026, 11, 25, 9, 0))
    assert failure.value.element_id == "Task_tham_dinh"
    assert str(failure.value).startswith("Quy trình gặp lỗi tại bước «Thẩm định hồ sơ» (Task_tham_dinh): "
                                         "Giá trị của biến 'ban_chup' không lưu được vào hồ sơ (kiểu bytes)")


@pytest.mark.rule("QT-19")
def test_a_value_a_script_cannot_store_is_said_at_the_line_that_set_it():
    # [range(so_ban)]: a list reading the data, which the check does not try (`khoang = range(3)` is
    # said before, QT-19).
    engine, paid = at_appraisal("khoang = [range(so_ban)]\nso = 1\nhan_xac_minh = working_days(2)")
    with pytest.raises(ProcessFailed) as failure:
        engine.complete_task(BAN_SAO, paid.version, paid.state, paid.open_tasks[0].id, APPRAISE,
                             vn(2026, 11, 25, 9, 0))
    assert failure.value.element_id == "Task_tinh_han"
    assert "(Task_tinh_han): Dòng 1: Giá trị của biến 'khoang' không lưu được vào hồ sơ (kiểu range)" \
        in str(failure.value)


def test_a_scenario_expects_a_stored_date_as_an_instant(tmp_path):
    """`kiem_tra: {du_lieu: {han_xac_minh: "2026-11-27 08:00"}}`: the date a script stored is
    written as every instant of a scenario file is (local time), and said so when it differs."""
    from engine.scenarios import format_report, run_file
    bpmn = tmp_path / "bpmn"
    bpmn.mkdir()
    (bpmn / f"{BAN_SAO}.bpmn").write_text(with_script(DATES), encoding="utf-8")
    due = CALENDAR.add_working_days(vn(2026, 11, 25, 8, 0), 2).strftime("%Y-%m-%d %H:%M")

    def run(expected: str):
        path = bpmn / f"{BAN_SAO}.kich-ban.yaml"
        path.write_text(f"""quy_trinh: {BAN_SAO}
du_lieu_chung: {{ho_ten_nguoi_yeu_cau: Nguyễn Văn An, so_ban: 2}}
kich_ban:
  - ten: Hạn xác minh
    bat_dau: 2026-11-23 09:00
    buoc:
      - lam: Tiếp nhận hồ sơ
        du_lieu: {{quyet_dinh: tiep_nhan}}
      - gui: thanh_toan
      - lam: Thẩm định hồ sơ
        du_lieu: {{ket_qua_tham_dinh: dat, y_kien: Hồ sơ đầy đủ.}}
        luc: 2026-11-25 08:00
      - kiem_tra: {{du_lieu: {{han_xac_minh: "{expected}"}}}}
""", encoding="utf-8")
        return run_file(path, bpmn, ROOT / "forms")
    assert run(due).ok, "\n".join(format_report(run(due)))
    wrong = "\n".join(format_report(run("2026-11-26 08:00")))
    assert f"- dữ liệu «han_xac_minh»: mong đợi \"2026-11-26 08:00\", thực tế {due}" in wrong
