"""The engine alone: no Flask, no database; the shipped diagrams and a controlled clock."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.calendar import WorkingCalendar
from engine.profile import load_profile
from engine.registry import DiagramError, Registry
from engine.runtime import Engine, NotWaiting, ProcessFailed, TaskNotReady, UnknownTask
from tests.conftest import vn

ROOT = Path(__file__).resolve().parents[2]
BAN_SAO = "cap_ban_sao_trich_luc_ho_tich"
FORM = {"ho_ten_nguoi_yeu_cau": "Nguyễn Văn An", "so_ban": 2}
# What the payment gateway or the desk's cashier delivers once the fee (le_phi) is paid.
PAID = {"so_tien_da_nop": 16000, "hinh_thuc_nop": "truc_tuyen", "ma_giao_dich": "14012345"}


@pytest.fixture(scope="module")
def engine():
    registry = Registry(ROOT / "forms")
    assert registry.load_directory(ROOT / "bpmn") == []
    return Engine(registry, WorkingCalendar(load_profile("demo")))


def only_task(outcome, name):
    tasks = [t for t in outcome.open_tasks if t.name == name]
    assert len(tasks) == 1, [t.name for t in outcome.open_tasks]
    return tasks[0]


def test_start_reports_the_open_task_with_lane_role_form_status_and_due(engine):
    outcome = engine.start(BAN_SAO, FORM, vn(2026, 11, 23, 9, 0))
    task = only_task(outcome, "Tiếp nhận hồ sơ")
    assert (task.lane, task.role, task.status) == ("Bộ phận Một cửa", "one_stop", 1)
    assert task.form == "common/tiep_nhan.schema.json"
    assert task.due_at.isoformat() == "2026-11-25T09:00:00+07:00"
    assert outcome.next_timer_at == task.due_at  # the boundary timer of reception
    assert outcome.status == 1 and not outcome.completed
    assert outcome.data["le_phi"] == 16000  # the script task ran in our evaluator
    assert len(outcome.version) == 16 and json.loads(outcome.state)


def test_complete_refuses_a_task_that_is_not_ready_and_unknown_ids(engine):
    start = engine.start(BAN_SAO, FORM, vn(2026, 11, 23, 9, 0))
    task = only_task(start, "Tiếp nhận hosơ".replace("hosơ", "hồ sơ"))
    args = (BAN_SAO, start.version, start.state)
    done = engine.complete_task(*args, task.id, {"quyet_dinh": "tiep_nhan"}, vn(2026, 11, 23, 10, 0))
    assert done.reached_statuses[:2] == [2, 6]  # accepted, then the fee is asked for
    assert done.amount_due == 16000 and sorted(done.waiting_messages) == ["rut_ho_so", "thanh_toan"]
    with pytest.raises(TaskNotReady):  # completing it again on the new state
        engine.complete_task(BAN_SAO, done.version, done.state, task.id, {}, vn(2026, 11, 23, 10, 1))
    with pytest.raises(UnknownTask):
        engine.complete_task(*args, "not-a-uuid", {}, vn(2026, 11, 23, 10, 1))
    with pytest.raises(NotWaiting):
        engine.deliver_message(*args, "bo_sung", {}, vn(2026, 11, 23, 10, 1))


def test_timer_fires_exactly_at_its_due_instant_and_not_before(engine):
    start = engine.start(BAN_SAO, FORM, vn(2026, 11, 20, 16, 0))
    assert start.next_timer_at.isoformat() == "2026-11-23T16:00:00+07:00"
    early = engine.fire_timers(BAN_SAO, start.version, start.state, vn(2026, 11, 23, 15, 59, 59))
    assert early.fired_timers == [] and early.next_timer_at == start.next_timer_at
    due = engine.fire_timers(BAN_SAO, start.version, start.state, vn(2026, 11, 23, 16, 0))
    assert [(t.name, t.marks_late) for t in due.fired_timers] == [("Quá hạn tiếp nhận", True)]
    assert due.next_timer_at is None
    assert [t.name for t in due.open_tasks] == ["Tiếp nhận hồ sơ"]  # non-interrupting


@pytest.mark.rule("QT-26")
def test_a_running_dossier_keeps_its_diagram_version(tmp_path):
    registry = Registry(ROOT / "forms")
    original = (ROOT / "bpmn" / f"{BAN_SAO}.bpmn").read_bytes()
    (first,) = registry.add(original, "a.bpmn")
    engine = Engine(registry, WorkingCalendar(load_profile("demo")))
    start = engine.start(BAN_SAO, FORM, vn(2026, 11, 23, 9, 0))
    changed = original.replace("Thẩm định hồ sơ".encode(), "Thẩm tra hồ sơ".encode())
    (second,) = registry.add(changed, "a.bpmn")
    assert second.version != first.version and registry.latest(BAN_SAO) is second
    task = only_task(start, "Tiếp nhận hồ sơ")
    outcome = engine.complete_task(BAN_SAO, start.version, start.state, task.id,
                                   {"quyet_dinh": "tiep_nhan"}, vn(2026, 11, 23, 10, 0))
    assert outcome.open_tasks == [] and "thanh_toan" in outcome.waiting_messages
    outcome = engine.deliver_message(BAN_SAO, outcome.version, outcome.state, "thanh_toan", PAID,
                                     vn(2026, 11, 23, 11, 0))
    assert outcome.version == start.version
    assert [t.name for t in outcome.open_tasks] == ["Thẩm định hồ sơ"]
    assert [t.name for t in engine.start(BAN_SAO, FORM, vn(2026, 11, 23, 9, 0)).open_tasks] == ["Tiếp nhận hồ sơ"]


def test_an_old_version_is_loaded_back_from_storage():
    original = (ROOT / "bpmn" / f"{BAN_SAO}.bpmn").read_bytes()
    first = Registry(ROOT / "forms")
    (version,) = first.add(original, "a.bpmn")
    start = Engine(first, WorkingCalendar(load_profile("demo"))).start(BAN_SAO, FORM, vn(2026, 11, 23, 9, 0))
    stored = {(BAN_SAO, version.version): original}
    fresh = Registry(ROOT / "forms")  # a new process: the version is only in storage
    engine = Engine(fresh, WorkingCalendar(load_profile("demo")), lambda p, v: stored.get((p, v)))
    outcome = engine.inspect(BAN_SAO, start.version, start.state, vn(2026, 11, 23, 9, 5))
    assert [t.name for t in outcome.open_tasks] == ["Tiếp nhận hồ sơ"]


@pytest.mark.rule("QT-19")
def test_a_failing_gateway_expression_is_reported_with_its_element(engine):
    start = engine.start(BAN_SAO, FORM, vn(2026, 11, 23, 9, 0))
    task = only_task(start, "Tiếp nhận hồ sơ")
    # No decision given: the gateway's conditions read a field that is not in the data.
    with pytest.raises(ProcessFailed) as failure:
        engine.complete_task(BAN_SAO, start.version, start.state, task.id, {}, vn(2026, 11, 23, 9, 5))
    assert "quyet_dinh" in str(failure.value)


def test_a_hostile_diagram_is_refused_before_it_runs():
    xml = (ROOT / "bpmn" / f"{BAN_SAO}.bpmn").read_text(encoding="utf-8")
    hostile = xml.replace("le_phi = so_ban * 8000", "le_phi = ().__class__.__bases__[0].__subclasses__()")
    with pytest.raises(DiagramError) as refused:
        Registry(ROOT / "forms").add(hostile.encode(), "hostile.bpmn")
    assert any(p.element_name == "Tính lệ phí" for p in refused.value.problems)


def test_a_supplement_reaches_the_process_data(engine):
    start = engine.start(BAN_SAO, FORM, vn(2026, 11, 23, 9, 0))
    task = only_task(start, "Tiếp nhận hồ sơ")
    asked = engine.complete_task(BAN_SAO, start.version, start.state, task.id,
                                 {"quyet_dinh": "yeu_cau_bo_sung", "ly_do": "Thiếu bản sao.",
                                  "thanh_phan_can_bo_sung": [{"thanh_phan": "Bản chụp CCCD", "yeu_cau": "Nộp bản chụp rõ nét, đủ hai mặt."}]}, vn(2026, 11, 23, 9, 30))
    assert sorted(asked.waiting_messages) == ["bo_sung", "rut_ho_so"] and asked.status == 5  # or withdraw
    supplied = engine.deliver_message(BAN_SAO, asked.version, asked.state, "bo_sung", {"so_ban": 3},
                                      vn(2026, 11, 23, 10, 0))
    assert supplied.data["so_ban"] == 3 and supplied.data["le_phi"] == 24000  # the fee is recomputed
    assert [t.name for t in supplied.open_tasks] == ["Tiếp nhận hồ sơ"]


def test_which_steps_can_reach_processed_before_another_human_step(engine):
    """The approval (out of the sub-process by its plain end) reaches status 9; the stop's
    approval (an error end, left by a boundary event) and the steps before approval do not."""
    lltp = engine.version("cap_phieu_ly_lich_tu_phap")
    reaching = {n.id for n in lltp.nodes.values() if n.kind == "userTask" and lltp.reaches_status(n.id, 9)}
    assert reaching == {"Task_phe_duyet"}
    ban_sao = engine.version(BAN_SAO)
    assert ban_sao.reaches_status("Task_phe_duyet", 9) and not ban_sao.reaches_status("Task_duyet_dung", 9)
