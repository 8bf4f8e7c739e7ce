"""Moving a running instance to a fixed version of its diagram (engine/migration.py): a dossier stuck
on a gateway no branch of which matches goes on once the diagram is fixed; one whose current step
or wait is gone from the fixed diagram cannot move, and the reason names that element."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from engine.calendar import WorkingCalendar
from engine.migration import move
from engine.profile import load_profile
from engine.registry import Registry
from engine.runtime import Engine, ProcessFailed
from tests.conftest import vn

ROOT = Path(__file__).resolve().parents[2]
BAN_SAO = "cap_ban_sao_trich_luc_ho_tich"
FORM = {"ho_ten_nguoi_yeu_cau": "Nguyễn Văn An", "so_ban": 3}
PAID = {"so_tien_da_nop": 24000, "hinh_thuc_nop": "truc_tuyen", "ma_giao_dich": "14012345"}
APPRAISE = {"ket_qua_tham_dinh": "dat", "y_kien": "Hồ sơ đầy đủ."}
GOOD_BRANCH = 'ket_qua_tham_dinh == "dat"'


def shipped() -> str:
    return (ROOT / "bpmn" / f"{BAN_SAO}.bpmn").read_text(encoding="utf-8")


def broken(xml: str | None = None) -> str:
    """The appraisal's gateway with a mistake the checks cannot see: from 3 copies on, an appraisal
    that passes matches no branch, and the gateway has no default."""
    xml = xml or shipped()
    assert xml.count(GOOD_BRANCH) == 1
    return xml.replace(GOOD_BRANCH, GOOD_BRANCH + " and so_ban &lt; 3")


def renamed(xml: str, element: str, new_id: str) -> str:
    """The element given another id (the analyst deleted it and drew a new one)."""
    assert f'id="{element}"' in xml
    return xml.replace(element, new_id)


def without(xml: str, *ids: str) -> str:
    """The elements removed, with their flows, their drawing and every reference to them."""
    tree = etree.fromstring(xml.encode("utf-8"))
    flows = {f.get("id") for f in tree.iter("{*}sequenceFlow") if {f.get("sourceRef"), f.get("targetRef")} & set(ids)}
    gone = set(ids) | flows
    for element in list(tree.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        local = etree.QName(element).localname
        if element.get("id") in gone or element.get("bpmnElement") in gone or (
                local in ("incoming", "outgoing", "flowNodeRef") and (element.text or "").strip() in gone):
            element.getparent().remove(element)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8").decode("utf-8")


def engine_with(xml: str) -> tuple[Engine, object]:
    registry = Registry(ROOT / "forms")
    (version,) = registry.add(xml.encode("utf-8"), f"{BAN_SAO}.bpmn")
    return Engine(registry, WorkingCalendar(load_profile("demo"))), version


def save(engine: Engine, xml: str):
    """The analyst saves the diagram: a new version, the one new dossiers start on."""
    (version,) = engine.registry.add(xml.encode("utf-8"), f"{BAN_SAO}.bpmn")
    return version


def waiting_for_fee(engine: Engine, form: dict = FORM):
    start = engine.start(BAN_SAO, form, vn(2026, 11, 23, 9, 0))
    (task,) = start.open_tasks
    return engine.complete_task(BAN_SAO, start.version, start.state, task.id, {"quyet_dinh": "tiep_nhan"},
                                vn(2026, 11, 23, 10, 0))


def at_appraisal(engine: Engine, form: dict = FORM):
    waiting = waiting_for_fee(engine, form)
    return engine.deliver_message(BAN_SAO, waiting.version, waiting.state, "thanh_toan", PAID, vn(2026, 11, 23, 11, 0))


@pytest.mark.rule("QT-26")
def test_a_dossier_stuck_on_a_broken_gateway_moves_to_the_fixed_version_and_completes():
    engine, old = engine_with(broken())
    paid = at_appraisal(engine)
    (appraisal,) = paid.open_tasks
    assert appraisal.name == "Thẩm định hồ sơ"
    for attempt in range(2):  # stuck: every try fails at the gateway and stores nothing
        with pytest.raises(ProcessFailed) as failure:
            engine.complete_task(BAN_SAO, paid.version, paid.state, appraisal.id, APPRAISE, vn(2026, 11, 23, 14, attempt))
        assert failure.value.element_id == "Gateway_tham_dinh"

    fixed = save(engine, shipped())
    assert fixed.version != old.version
    result = move(engine, BAN_SAO, old.version, paid.state, vn(2026, 11, 23, 15, 0))
    assert result.movable and result.obstacles == [] and result.to_version == fixed.version
    moved = result.outcome
    assert moved.version == fixed.version and moved.state != paid.state
    # The same task goes on: same id (its row, its claim), same due instant; nothing ran.
    assert moved.open_tasks == paid.open_tasks and moved.previous_task_ids == {appraisal.id}
    assert sorted(moved.waiting_messages) == ["rut_ho_so"] and moved.status == 4 and not moved.completed
    assert moved.data["so_ban"] == 3 and moved.data["le_phi"] == 24000
    # A move to where the dossier already is says so.
    again = move(engine, BAN_SAO, fixed.version, moved.state, vn(2026, 11, 23, 15, 0))
    assert not again.movable and "đã chạy trên phiên bản" in str(again.obstacles[0])

    approved = engine.complete_task(BAN_SAO, moved.version, moved.state, appraisal.id, APPRAISE, vn(2026, 11, 23, 16, 0))
    assert [t.name for t in approved.open_tasks] == ["Phê duyệt kết quả"] and approved.version == fixed.version
    (approval,) = approved.open_tasks
    signed = engine.complete_task(BAN_SAO, approved.version, approved.state, approval.id,
                                  {"quyet_dinh": "phe_duyet", "y_kien": "Đồng ý."}, vn(2026, 11, 23, 16, 30))
    assert 9 in signed.reached_statuses and [t.name for t in signed.open_tasks] == ["Trả kết quả"]
    (handing,) = signed.open_tasks
    done = engine.complete_task(BAN_SAO, signed.version, signed.state, handing.id, {"hinh_thuc_tra": "truc_tuyen"},
                                vn(2026, 11, 23, 17, 0))
    assert done.completed and done.status == 10
    trail = engine.trail(BAN_SAO, done.version, done.state)
    assert {"Task_tiep_nhan", "Task_tham_dinh", "Task_phe_duyet", "End_tra_ket_qua"} <= trail.completed


@pytest.mark.rule("QT-26")
def test_a_version_without_the_element_the_dossier_waits_at_cannot_move_and_says_which():
    engine, old = engine_with(broken())
    waiting = waiting_for_fee(engine)
    assert "thanh_toan" in waiting.waiting_messages
    save(engine, renamed(shipped(), "Event_cho_nop_phi", "Event_cho_nop_phi_moi"))
    result = move(engine, BAN_SAO, old.version, waiting.state, vn(2026, 11, 23, 12, 0))
    assert not result.movable and result.outcome is None
    (obstacle,) = result.obstacles
    assert (obstacle.element_id, obstacle.element_name) == ("Event_cho_nop_phi", "Chờ công dân nộp phí")
    assert "«Chờ công dân nộp phí» (Event_cho_nop_phi)" in obstacle.message
    assert "đang chờ" in obstacle.message and result.to_version[:10] in obstacle.message
    # The dossier still works on its own version: paying goes on.
    paid = engine.deliver_message(BAN_SAO, old.version, waiting.state, "thanh_toan", PAID, vn(2026, 11, 23, 12, 5))
    assert [t.name for t in paid.open_tasks] == ["Thẩm định hồ sơ"]

    # The open step gone (drawn again with a new id): named as the step the dossier is at.
    save(engine, renamed(shipped(), "Task_tham_dinh", "Task_tham_dinh_moi"))
    (obstacle,) = move(engine, BAN_SAO, old.version, paid.state, vn(2026, 11, 23, 12, 10)).obstacles
    assert obstacle.element_id == "Task_tham_dinh" and "đang ở bước «Thẩm định hồ sơ» (Task_tham_dinh)" in obstacle.message

    # Only a name changed: the dossier moves and waits for the same payment on the new version.
    save(engine, shipped().replace("Chờ công dân nộp phí", "Chờ nộp phí, lệ phí"))
    result = move(engine, BAN_SAO, old.version, waiting.state, vn(2026, 11, 23, 12, 15))
    assert result.movable and sorted(result.outcome.waiting_messages) == ["rut_ho_so", "thanh_toan"]
    assert result.outcome.amount_due == 24000 and result.outcome.status == 6


@pytest.mark.rule("QT-26")
def test_events_armed_on_the_current_step_and_steps_gone_through_are_checked_too():
    engine, old = engine_with(broken())
    start = engine.start(BAN_SAO, FORM, vn(2026, 11, 23, 9, 0))
    assert start.next_timer_at == vn(2026, 11, 25, 9, 0)  # the reception's 8 working hours (24/11 is off)
    # A timer whose expression changed: the running timer keeps the instant it computed.
    longer = save(engine, shipped().replace(">working_hours(8)</bpmn:timeDate>", ">working_hours(24)</bpmn:timeDate>"))
    result = move(engine, BAN_SAO, old.version, start.state, vn(2026, 11, 23, 9, 30))
    assert result.movable and result.outcome.version == longer.version
    assert result.outcome.next_timer_at == start.next_timer_at and result.outcome.open_tasks == start.open_tasks
    fired = engine.fire_timers(BAN_SAO, longer.version, result.outcome.state, vn(2026, 11, 25, 9, 0))
    assert [t.node_id for t in fired.fired_timers] == ["Boundary_qua_han_tiep_nhan"]

    # The timer removed while it runs on the dossier's step: the dossier cannot move.
    no_timer = without(shipped(), "Boundary_qua_han_tiep_nhan", "End_tre_han_tiep_nhan")
    save(engine, no_timer)
    (obstacle,) = move(engine, BAN_SAO, old.version, start.state, vn(2026, 11, 23, 9, 30)).obstacles
    assert obstacle.element_id == "Boundary_qua_han_tiep_nhan" and "«Quá hạn tiếp nhận»" in obstacle.message
    # Once reception is done, that timer was cancelled: the dossier moves without it.
    accepted = engine.complete_task(BAN_SAO, old.version, start.state, start.open_tasks[0].id,
                                    {"quyet_dinh": "tiep_nhan"}, vn(2026, 11, 23, 10, 0))
    assert move(engine, BAN_SAO, old.version, accepted.state, vn(2026, 11, 23, 10, 5)).movable
    # Every event of reception removed: the dossier went through that structure, which is gone.
    save(engine, without(no_timer, "Boundary_rut_ho_so", "End_rut_ho_so"))
    (obstacle,) = move(engine, BAN_SAO, old.version, accepted.state, vn(2026, 11, 23, 10, 5)).obstacles
    assert (obstacle.element_id, obstacle.element_name) == ("Task_tiep_nhan", "Tiếp nhận hồ sơ")
    assert "đã đi qua «Tiếp nhận hồ sơ» (Task_tiep_nhan)" in obstacle.message


@pytest.mark.rule("QT-26")
def test_a_version_reading_data_the_dossier_lacks_before_anything_writes_it_cannot_move():
    """The fixed gateway reads «so_giay_to», which a new application field would hold: a dossier
    filed before has none and no step on the way asks for it, so moved it would stop there."""
    engine, old = engine_with(broken())
    paid, holding = at_appraisal(engine), at_appraisal(engine, {**FORM, "so_giay_to": "012345"})
    save(engine, shipped().replace(GOOD_BRANCH, 'so_giay_to != &quot;&quot; or ' + GOOD_BRANCH))
    result = move(engine, BAN_SAO, old.version, paid.state, vn(2026, 11, 23, 15, 0))
    [obstacle] = result.obstacles
    assert not result.movable and obstacle.element_id == "Gateway_tham_dinh"
    assert obstacle.message.startswith("Phiên bản ") and "đọc «so_giay_to» ở «Kết quả thẩm định?» (Gateway_tham_dinh)" \
        in obstacle.message and "hồ sơ sẽ dừng lại ở đó" in obstacle.message
    assert move(engine, BAN_SAO, old.version, holding.state, vn(2026, 11, 23, 15, 0)).movable
    # Read only in a branch (after «and»): meant for dossiers that have it.
    save(engine, shipped().replace(GOOD_BRANCH, GOOD_BRANCH + ' and so_giay_to != &quot;&quot;'))
    assert move(engine, BAN_SAO, old.version, paid.state, vn(2026, 11, 23, 15, 0)).movable


@pytest.mark.rule("QT-26")
def test_a_name_written_on_the_other_branch_of_a_parallel_join_counts_as_written():
    """The criminal record: the police's branch records the identity it checked, read after the
    join; a dossier on the specialist's branch (or before it) lacks it now, yet the join waits
    for the police, so a fixed version moves it (reviewer's case: every dossier was refused)."""
    from tests.api.test_lifecycle import LLTP_FORM
    lltp = "cap_phieu_ly_lich_tu_phap"
    xml = (ROOT / "bpmn" / f"{lltp}.bpmn").read_text(encoding="utf-8")
    registry = Registry(ROOT / "forms")
    (old,) = registry.add(xml.encode("utf-8"), f"{lltp}.bpmn")
    engine = Engine(registry, WorkingCalendar(load_profile("demo")))
    start = engine.start(lltp, LLTP_FORM, vn(2026, 11, 23, 9, 0))
    (reception,) = start.open_tasks
    waiting = engine.complete_task(lltp, old.version, start.state, reception.id, {"quyet_dinh": "tiep_nhan"},
                                   vn(2026, 11, 23, 10, 0))
    paid = engine.deliver_message(lltp, old.version, waiting.state, "thanh_toan",
                                  {"so_tien_da_nop": waiting.amount_due, "hinh_thuc_nop": "truc_tuyen",
                                   "ma_giao_dich": "1"}, vn(2026, 11, 23, 11, 0))
    assert len(paid.open_tasks) == 2  # the specialist's and the police's, side by side
    renamed = 'name="Giải quyết hồ sơ (sửa)"'
    registry.add(xml.replace('name="Giải quyết hồ sơ"', renamed, 1).encode("utf-8"), f"{lltp}.bpmn")
    for state in (waiting.state, paid.state):
        result = move(engine, lltp, old.version, state, vn(2026, 11, 23, 15, 0))
        assert result.movable, [str(o) for o in result.obstacles]


@pytest.mark.rule("QT-26")
def test_a_script_counting_on_a_name_it_reads_before_setting_is_a_read():
    """`so_lan = so_lan + 1` reads so_lan first: a fixed version counting supplements from a
    counter set before reception cannot take a dossier already past that (reviewer's case)."""
    engine, old = engine_with(broken())
    paid = at_appraisal(engine)
    counted = shipped().replace("le_phi = max(le_phi, phi_moi)</bpmn:script>",
                                "le_phi = max(le_phi, phi_moi)\nso_lan_bo_sung = so_lan_bo_sung + 1</bpmn:script>")
    assert counted != shipped()
    save(engine, counted)
    [obstacle] = move(engine, BAN_SAO, old.version, paid.state, vn(2026, 11, 23, 15, 0)).obstacles
    assert obstacle.element_id == "Task_tinh_lai_phi" and "«so_lan_bo_sung»" in obstacle.message
