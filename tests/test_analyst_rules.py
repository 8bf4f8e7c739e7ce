"""docs/ANALYST.md, rule by rule: each test shows the behaviour of the rule tagged in its marker,
on the shipped diagrams or on a copy an analyst would edit. Rules shown by tests elsewhere carry
the same marker there; tests/test_analyst_guide.py checks that every tag of the guide has one."""
from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from lxml import html as lxml_html

from engine import expressions
from engine.calendar import WorkingCalendar
from engine.calendar_functions import deadline_functions
from engine.profile import load_profile
from engine.registry import DiagramError, Registry, build_versions
from engine.runtime import Engine, NotWaiting, ProcessFailed
from tests.conftest import vn

ROOT = Path(__file__).resolve().parents[1]
BAN_SAO = "cap_ban_sao_trich_luc_ho_tich"
LLTP = "cap_phieu_ly_lich_tu_phap"
BAN_SAO_CODE = "2.000635"  # its catalogue entry
SOURCE = (ROOT / "bpmn" / f"{BAN_SAO}.bpmn").read_text(encoding="utf-8")
FORM = {"ho_ten_nguoi_yeu_cau": "Nguyễn Văn An", "so_ban": 2}
# What the payment gateway (or the desk's cashier) delivers with `thanh_toan` once the fee is paid.
PAID = {"so_tien_da_nop": 16000, "hinh_thuc_nop": "truc_tuyen", "ma_giao_dich": "14012345"}
CALENDAR = WorkingCalendar(load_profile("demo"))
GUIDE = (ROOT / "docs" / "ANALYST.md").read_text(encoding="utf-8")


def problems(xml: str) -> list:
    """What `motcua bpmn check` says about a diagram (its checks, with the province calendar)."""
    try:
        build_versions(xml.encode(), "thu.bpmn", ROOT / "forms", deadline_functions(CALENDAR, vn(2026, 11, 23, 8, 0)))
    except DiagramError as refused:
        return refused.problems
    return []


def engine_for(*xmls: str) -> Engine:
    registry = Registry(ROOT / "forms")
    if xmls:
        for n, xml in enumerate(xmls):
            registry.add(xml.encode(), f"thu{n}.bpmn")
    else:
        assert registry.load_directory(ROOT / "bpmn") == []
    return Engine(registry, CALENDAR)


def task(outcome, name: str):
    [found] = [t for t in outcome.open_tasks if t.name == name]
    return found


def accepted(engine, process=BAN_SAO, data=FORM, at=vn(2026, 11, 23, 8, 0)):
    """Accepted at the desk and, where the process then asks for the fee (QT-40), paid at once:
    processing has started."""
    start = engine.start(process, data, at)
    done = engine.complete_task(process, start.version, start.state, task(start, "Tiếp nhận hồ sơ").id,
                                {"quyet_dinh": "tiep_nhan"}, at)
    if "thanh_toan" in done.waiting_messages:
        done = engine.deliver_message(process, done.version, done.state, "thanh_toan",
                                      {**PAID, "so_tien_da_nop": done.amount_due}, at)
    return done


@pytest.mark.rule("QT-01")
def test_a_lane_name_is_the_role_that_works_its_tasks():
    outcome = engine_for(SOURCE.replace('name="Chuyên viên"', 'name="chuyên viên"'))
    opened = accepted(outcome)
    assert task(opened, "Thẩm định hồ sơ").role == "specialist"
    coded = engine_for(SOURCE.replace('name="Lãnh đạo"', 'name="leader"'))
    assert coded.registry.latest(BAN_SAO).node("Task_phe_duyet").role == "leader"
    [problem] = problems(SOURCE.replace('name="Chuyên viên"', 'name="Phòng Kế toán"'))
    assert problem.element_id == "Lane_chuyen_vien" and "Phòng Kế toán" in problem.message
    assert "Bộ phận Một cửa" in problem.message and "Chuyên viên" in problem.message


@pytest.mark.rule("QT-02")
def test_a_user_task_outside_every_lane_is_refused():
    found = problems(SOURCE.replace("<bpmn:flowNodeRef>Task_tham_dinh</bpmn:flowNodeRef>", ""))
    assert [(p.element_id, p.element_name) for p in found] == [("Task_tham_dinh", "Thẩm định hồ sơ")]
    assert "làn" in found[0].message


@pytest.mark.rule("QT-03")
def test_form_files_must_exist_inside_forms():
    missing = problems(SOURCE.replace('"common/tham_dinh.schema.json"', '"common/khong_co.schema.json"'))
    assert [p.element_id for p in missing] == ["Task_tham_dinh"] and "khong_co.schema.json" in missing[0].message
    outside = problems(SOURCE.replace('"common/tham_dinh.schema.json"', '"../setup.cfg"'))
    assert outside and "forms/" in outside[0].message
    absolute = problems(SOURCE.replace('"common/tham_dinh.schema.json"',
                                       f'"{ROOT / "forms" / "common" / "tham_dinh.schema.json"}"'))
    assert [p.element_id for p in absolute] == ["Task_tham_dinh"] and "tương đối" in absolute[0].message
    no_form = problems(SOURCE.replace('<spiffworkflow:property name="formJsonSchemaFilename" '
                                      'value="common/tham_dinh.schema.json" />', "").replace(
        '<spiffworkflow:property name="formUiSchemaFilename" value="common/tham_dinh.uischema.json" />', ""))
    assert [(p.element_id, p.element_name) for p in no_form] == [("Task_tham_dinh", "Thẩm định hồ sơ")]
    assert "chưa có biểu mẫu" in no_form[0].message


@pytest.mark.rule("QT-03")
@pytest.mark.rule("QT-25")
def test_the_citizen_form_of_a_catalogue_entry_is_checked_like_a_steps_form(workspace):
    from tests.test_procedure_new import cli
    folder, env = workspace
    form = folder / "forms" / BAN_SAO / "don.schema.json"
    form.write_text(form.read_text(encoding="utf-8").replace('"type": "integer"', '"type": "integr"'), "utf-8")
    entry = folder / "catalogue" / "2.000635.json"
    entry.write_text(entry.read_text(encoding="utf-8").replace("don.uischema.json", "don.ui.json"), "utf-8")
    result = cli(env, "bpmn", "check", str(folder / "bpmn" / f"{BAN_SAO}.bpmn"))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert (f"2.000635.json: [form «{BAN_SAO}/don.schema.json»] Tệp biểu mẫu «{BAN_SAO}/don.schema.json», "
            "trường «so_ban»: kiểu (type) «integr» không có (có phải ý bạn là «integer»?)") in "\n".join(lines)
    [ui] = [line for line in lines if line.startswith("2.000635.json: [ui_schema")]
    assert "Không tìm thấy" in ui and f"ý bạn là «{BAN_SAO}/don.uischema.json»" in ui
    assert "2.000488.json" not in result.output  # only the entries of the diagram checked
    # A citizen form that is no JSON is named by the entry's field, not by a step's property.
    form.write_text("{ho_ten: 1}", "utf-8")
    broken = cli(env, "bpmn", "check", str(folder / "bpmn" / f"{BAN_SAO}.bpmn"))
    assert (f"2.000635.json: [form «{BAN_SAO}/don.schema.json»] Tệp tờ khai (trường form của mục danh mục) "
            f"«{BAN_SAO}/don.schema.json» không phải JSON hợp lệ") in broken.output
    assert "formJsonSchemaFilename" not in broken.output
    assert f"Đạt: {BAN_SAO}.bpmn" not in broken.output and f"Không đạt: {BAN_SAO}.bpmn" in broken.output
    assert lines[-1] == "Có 2 lỗi: 0 sơ đồ và 1 mục danh mục cần sửa."
    everything = cli(env, "bpmn", "check")
    assert everything.exit_code == 1 and "2.000635.json: [form" in everything.output


@pytest.mark.rule("QT-07")
def test_an_agency_must_be_a_code_the_province_has(workspace):
    [lower] = problems(SOURCE.replace('name="timeLimit" value="working_days(1)"',
                                      'name="agency" value="000.00.30.h99" />\n<spiffworkflow:property '
                                      'name="timeLimit" value="working_days(1)"', 1))
    assert lower.element_id == "Task_tham_dinh" and "chữ in hoa" in lower.message and "«000.00.30.H99»" in lower.message
    [named] = problems(SOURCE.replace('value="working_days(1)"', 'value="working_days(1)" />\n'
                                      '<spiffworkflow:property name="agency" value="Công an tỉnh"', 1))
    assert "không phải mã định danh" in named.message and "Biểu thức" not in named.message
    assert problems(SOURCE.replace('value="working_days(1)"', 'value="working_days(1)" />\n'
                                   '<spiffworkflow:property name="agency" value="co_quan_phoi_hop"', 1)) == []
    # With the province's agencies at hand (its database), a code nobody has is refused.
    from sqlalchemy import create_engine, insert

    from app.agencies.models import Agency
    from tests.test_procedure_new import cli
    folder, env = workspace
    database = create_engine(f"sqlite:///{folder / 'tinh.db'}")
    Agency.__table__.create(database)
    with database.begin() as connection:
        connection.execute(insert(Agency.__table__), [
            {"code": "000.00.12.H99", "name": "Sở Tư pháp", "level": "tinh"},
            {"code": "000.00.30.H99", "name": "Công an tỉnh", "level": "tinh"}])
    database.dispose()
    diagram = folder / "bpmn" / f"{LLTP}.bpmn"
    diagram.write_text(diagram.read_text(encoding="utf-8").replace("000.00.30.H99", "000.00.39.H99"), "utf-8")
    result = cli(env, "bpmn", "check", "--db", str(folder / "tinh.db"), str(diagram))
    assert result.exit_code == 1
    assert "[Task_y_kien_cong_an «Lấy ý kiến Công an tỉnh»] Thuộc tính agency «000.00.39.H99» không phải mã " \
           "của cơ quan nào trong hệ thống (có phải ý bạn là «000.00.30.H99»?)" in result.output
    without = cli(env, "bpmn", "check", str(diagram))  # no database: said, and not checked
    assert without.exit_code == 0 and "chưa kiểm tra mã cơ quan" in without.output


@pytest.mark.rule("QT-04")
def test_a_steps_data_is_checked_against_its_form_then_read_by_the_gateway(api, clock):
    clock.set(vn(2026, 11, 23, 8, 0))
    from tests.api.test_lifecycle import BAN_SAO_FORM, BAN_SAO as CODE
    dossier = api.post("/dossiers", "congdan", json={"procedure_code": CODE, "data": BAN_SAO_FORM}).get_json()
    refused = api.complete("motcua", "Tiếp nhận hồ sơ", {"quyet_dinh": "co_le"}, expect=422)
    assert refused["error"]["fields"][0]["field"] == "quyet_dinh"
    assert api.get(f"/dossiers/{dossier['id']}", "motcua").get_json()["status"]["code"] == 1
    api.complete("motcua", "Tiếp nhận hồ sơ", {"quyet_dinh": "tu_choi", "ly_do": "Không thuộc thẩm quyền."})
    assert api.get(f"/dossiers/{dossier['id']}", "motcua").get_json()["status"]["code"] == 3


@pytest.mark.rule("QT-05")
def test_status_of_an_open_step_and_of_an_event_passed():
    engine = engine_for()
    start = engine.start(BAN_SAO, FORM, vn(2026, 11, 23, 8, 0))
    assert start.status == 1  # the reception task's own status while it is open
    done = engine.complete_task(BAN_SAO, start.version, start.state, task(start, "Tiếp nhận hồ sơ").id,
                                {"quyet_dinh": "tiep_nhan"}, vn(2026, 11, 23, 8, 0))
    assert done.reached_statuses == [2, 6] and done.status == 6  # the event "cấp mã", then the fee's wait
    paid = engine.deliver_message(BAN_SAO, done.version, done.state, "thanh_toan", PAID, vn(2026, 11, 23, 9, 0))
    assert paid.status == 4 and task(paid, "Thẩm định hồ sơ").status == 4  # appraisal
    [problem] = problems(SOURCE.replace('<spiffworkflow:property name="status" value="4" />',
                                        '<spiffworkflow:property name="status" value="11" />', 1))
    assert problem.element_id == "Task_tham_dinh" and "1 đến 10" in problem.message


@pytest.mark.rule("QT-06")
def test_a_step_time_limit_is_computed_once_when_it_opens():
    engine = engine_for()
    opened = accepted(engine, at=vn(2026, 11, 23, 10, 0))
    due = task(opened, "Thẩm định hồ sơ").due_at
    assert due == vn(2026, 11, 25, 10, 0)  # one working day; 24/11 is Vietnam Cultural Day
    later = engine.inspect(BAN_SAO, opened.version, opened.state, vn(2026, 12, 20, 9, 0))
    assert task(later, "Thẩm định hồ sơ").due_at == due
    [problem] = problems(SOURCE.replace('value="working_days(1)"', 'value="working_days(1"', 1))
    assert problem.element_id == "Task_tham_dinh" and "timeLimit" in problem.message


@pytest.mark.rule("QT-07")
def test_a_step_with_an_agency_goes_to_that_agencys_officers(api, clock):
    clock.set(vn(2026, 11, 23, 8, 0))
    from tests.workspace.helpers import POLICE_TASK, accept, submit_lltp
    accept(api, submit_lltp(api))
    consult = api.task("congan", POLICE_TASK)
    assert consult["agency"]["code"] == "000.00.30.H99" and consult["due_at"] == "2026-12-01T08:00:00+07:00"
    assert POLICE_TASK not in [t["name"] for t in api.get("/tasks", "chuyenvien").get_json()["items"]]


@pytest.mark.rule("QT-07")
def test_a_step_naming_an_agency_the_province_lacks_is_said_on_the_dossier(api, clock, clean_app):
    """Should the province's agencies change under a running diagram, the step still gets done
    (by the dossier's agency) and the officers read why on the dossier, not only in a log."""
    clock.set(vn(2026, 11, 23, 8, 0))
    from sqlalchemy import update

    from app.agencies.models import Agency
    from app.db import db
    from tests.workspace.helpers import POLICE_TASK, accept, dossier, submit_lltp
    with clean_app.app_context():
        db.session.execute(update(Agency).where(Agency.code == "000.00.30.H99").values(code="000.00.30.X99"))
        db.session.commit()
        db.session.remove()
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    consult = api.task("chuyenvien", POLICE_TASK)
    assert consult["agency"]["code"] == "000.00.12.H99"
    assert (f"Bước «{POLICE_TASK}» ghi cơ quan mã «000.00.30.H99», mã không có trong danh sách cơ quan của tỉnh: "
            "việc được giao cho cơ quan giải quyết hồ sơ; quản trị cần sửa sơ đồ quy trình") in [
        e["summary"] for e in dossier(api, dossier_id)["history"]]


@pytest.mark.rule("QT-08")
def test_timers_count_working_time_from_their_start_or_a_given_instant():
    start = engine_for().start(BAN_SAO, FORM, vn(2026, 11, 23, 14, 0))
    assert start.next_timer_at == vn(2026, 11, 25, 14, 0)  # 8 working hours, over the holiday
    functions = deadline_functions(CALENDAR, vn(2026, 11, 23, 8, 0))
    # The guide's own example of a given instant, as a step's time limit, with the field in the data.
    [(example, field)] = re.findall(r"`(working_days\(3, (\w+)\))`", GUIDE)
    given = engine_for(SOURCE.replace('value="working_days(1)"', f'value="{example}"'))
    opened = accepted(given, data={**FORM, field: "2026-11-20T09:00:00+07:00"})
    assert task(opened, "Thẩm định hồ sơ").due_at == vn(2026, 11, 26, 9, 0)
    assert expressions.evaluate("calendar_days(1)", {}, functions) == vn(2026, 11, 25, 17, 0)  # 24/11 is off
    [problem] = problems(SOURCE.replace("working_hours(8)</bpmn:timeDate>", "8</bpmn:timeDate>"))
    assert problem.element_id == "Boundary_qua_han_tiep_nhan" and "không phải một thời điểm" in problem.message


@pytest.mark.rule("QT-08")
def test_a_deadline_counted_from_the_citizens_date_field_is_refused_at_check_time(tmp_path):
    """The date a citizen gives (`ngay_dang_ky`, "format": "date") has no time: counted from, it
    would stop the dossier at the step."""
    from engine.catalogue_forms import citizen_forms
    from engine.checking import check_files
    path = tmp_path / f"{BAN_SAO}.bpmn"
    path.write_text(SOURCE.replace('value="working_days(1)"', 'value="working_days(1, ngay_dang_ky)"'), encoding="utf-8")
    ok, lines = check_files([path], ROOT / "forms", citizen_forms=citizen_forms(ROOT / "catalogue"))
    assert not ok
    assert lines[0].startswith(f"{BAN_SAO}.bpmn: [Task_tham_dinh «Thẩm định hồ sơ»] Biểu thức «timeLimit» tính thời "
                               f"hạn từ mốc «ngay_dang_ky», nhưng trong biểu mẫu {BAN_SAO}/don.schema.json")
    assert "working_days(1)." in lines[0]


@pytest.mark.rule("QT-09")
def test_duration_and_cycle_timers_are_refused_with_the_fix():
    xml = SOURCE.replace('<bpmn:timeDate xsi:type="bpmn:tFormalExpression">working_hours(8)</bpmn:timeDate>',
                         '<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT8H</bpmn:timeDuration>')
    [problem] = problems(xml)
    assert problem.element_id == "Boundary_qua_han_tiep_nhan" and "timeDate" in problem.message


@pytest.mark.rule("QT-10")
def test_a_marks_late_timer_marks_the_dossier_and_leaves_the_step_open():
    engine = engine_for()
    start = engine.start(BAN_SAO, FORM, vn(2026, 11, 23, 8, 0))
    fired = engine.fire_timers(BAN_SAO, start.version, start.state, vn(2026, 11, 25, 8, 0))
    assert [(t.node_id, t.marks_late) for t in fired.fired_timers] == [("Boundary_qua_han_tiep_nhan", True)]
    assert [t.name for t in fired.open_tasks] == ["Tiếp nhận hồ sơ"]


@pytest.mark.rule("QT-11")
def test_work_started_outside_working_hours_counts_from_the_next_working_period():
    start = engine_for().start(BAN_SAO, FORM, vn(2026, 11, 20, 18, 0))  # Friday evening
    # From Monday 07:30: 4 hours to 11:30, 4 hours from 13:00: Monday 17:00.
    assert task(start, "Tiếp nhận hồ sơ").due_at == vn(2026, 11, 23, 17, 0)
    assert not CALENDAR.is_working_day(datetime(2026, 11, 24).date())  # Vietnam Cultural Day
    assert CALENDAR.is_working_day(datetime(2027, 1, 9).date())  # a Saturday the province works


@pytest.mark.rule("QT-12")
def test_a_message_is_taken_only_while_the_process_waits_for_it():
    engine = engine_for()
    start = engine.start(BAN_SAO, FORM, vn(2026, 11, 23, 8, 0))
    with pytest.raises(NotWaiting):
        engine.deliver_message(BAN_SAO, start.version, start.state, "bo_sung", {}, vn(2026, 11, 23, 9, 0))
    asked = engine.complete_task(BAN_SAO, start.version, start.state, task(start, "Tiếp nhận hồ sơ").id,
                                 {"quyet_dinh": "yeu_cau_bo_sung", "ly_do": "Thiếu giấy tờ.",
                                  "thanh_phan_can_bo_sung": [{"thanh_phan": "CCCD", "yeu_cau": "Bản chụp"}]},
                                 vn(2026, 11, 23, 9, 0))
    assert sorted(asked.waiting_messages) == ["bo_sung", "rut_ho_so"] and asked.status == 5
    supplied = engine.deliver_message(BAN_SAO, asked.version, asked.state, "bo_sung", {"so_ban": 2},
                                      vn(2026, 11, 23, 10, 0))
    assert [t.name for t in supplied.open_tasks] == ["Tiếp nhận hồ sơ"]


@pytest.mark.rule("QT-12")
@pytest.mark.parametrize("name, words", [("nop_phi", ["«nop_phi»", "bo_sung hoặc rut_ho_so hoặc thanh_toan"]),
                                         ("bo_sun", ["«bo_sun»", "ý bạn là «bo_sung»"]),
                                         ("Bổ sung hồ sơ", ["ý bạn là «bo_sung»"])])
def test_a_message_nobody_can_send_is_refused(name, words):
    found = problems(SOURCE.replace('name="bo_sung"', f'name="{name}"'))
    assert {(p.element_id, p.element_name) for p in found} == {("Event_cho_bo_sung", "Chờ công dân bổ sung"),
                                                              ("Event_cho_bo_sung_xu_ly", "Chờ công dân bổ sung")}
    for word in words:
        assert all(word in p.message for p in found), found


@pytest.mark.rule("QT-12")
def test_the_messages_the_check_accepts_are_the_ones_the_system_delivers():
    from app.dossiers.messages import MESSAGE_NAMES
    from engine.diagram_check import DELIVERABLE_MESSAGES
    assert sorted(DELIVERABLE_MESSAGES) == sorted(MESSAGE_NAMES)
    section = GUIDE[GUIDE.index("## 5. "):GUIDE.index("## 6. ")]
    assert [name for name in DELIVERABLE_MESSAGES if f"`{name}`" not in section] == []


@pytest.mark.rule("QT-13")
@pytest.mark.rule("QT-15")
def test_a_supplement_request_is_recorded_printed_and_restarts_reception(api, clock, clean_app):
    clock.set(vn(2026, 11, 23, 8, 0))
    from tests.workspace.helpers import submit_lltp
    dossier_id = submit_lltp(api)
    api.complete("motcua", "Tiếp nhận hồ sơ", {
        "quyet_dinh": "yeu_cau_bo_sung", "ly_do": "Thiếu giấy tờ tùy thân.",
        "thanh_phan_can_bo_sung": [{"thanh_phan": "Căn cước công dân", "yeu_cau": "Bản chụp hai mặt"}]})
    state = api.get(f"/dossiers/{dossier_id}", "motcua").get_json()
    assert state["status"]["code"] == 5 and state["history"][-1]["kind"] == "supplement_requested"
    from app.db import db
    from app.dossiers import printouts
    from app.dossiers.models import Dossier, DossierEvent
    with clean_app.app_context():
        asked = db.session.execute(db.select(DossierEvent).where(DossierEvent.kind == "supplement_requested")).scalar()
        assert asked.data["thanh_phan_can_bo_sung"] == [{"thanh_phan": "Căn cước công dân", "yeu_cau": "Bản chụp hai mặt"}]
        assert "mau-02-1" in [a.key for a in printouts.available(db.session.get(Dossier, dossier_id))]
        db.session.remove()
    clock.set(vn(2026, 11, 25, 9, 0))  # the supplement arrives: the desk's 8 working hours again
    api.post(f"/dossiers/{dossier_id}/supplement", "congdan", json={"data": {"so_ban": 1}})
    state = api.get(f"/dossiers/{dossier_id}", "motcua").get_json()
    assert state["reception_due_at"] == "2026-11-26T09:00:00+07:00" and state["code"] is None
    assert state["counts_from"] == "2026-11-25T09:00:00+07:00"  # the complete dossier counts from now
    assert state["submitted_at"] == "2026-11-23T08:00:00+07:00"


@pytest.mark.rule("QT-16")
def test_a_withdrawal_while_a_supplement_is_awaited():
    engine = engine_for()
    start = engine.start(BAN_SAO, FORM, vn(2026, 11, 23, 8, 0))
    asked = engine.complete_task(BAN_SAO, start.version, start.state, task(start, "Tiếp nhận hồ sơ").id,
                                 {"quyet_dinh": "yeu_cau_bo_sung", "ly_do": "Thiếu giấy tờ.",
                                  "thanh_phan_can_bo_sung": [{"thanh_phan": "CCCD", "yeu_cau": "Bản chụp"}]},
                                 vn(2026, 11, 23, 9, 0))
    assert asked.status == 5 and sorted(asked.waiting_messages) == ["bo_sung", "rut_ho_so"]
    withdrawn = engine.deliver_message(BAN_SAO, asked.version, asked.state, "rut_ho_so", {}, vn(2026, 11, 24, 9, 0))
    assert withdrawn.status == 7 and withdrawn.completed and withdrawn.waiting_messages == []


@pytest.mark.rule("QT-16")
def test_no_withdrawal_once_processing_is_over():
    engine = engine_for()
    opened = accepted(engine)
    assert "rut_ho_so" in opened.waiting_messages
    checked = engine.complete_task(BAN_SAO, opened.version, opened.state, task(opened, "Thẩm định hồ sơ").id,
                                   {"ket_qua_tham_dinh": "dat"}, vn(2026, 11, 23, 9, 0))
    approved = engine.complete_task(BAN_SAO, checked.version, checked.state, task(checked, "Phê duyệt kết quả").id,
                                    {"quyet_dinh": "phe_duyet"}, vn(2026, 11, 23, 10, 0))
    assert approved.status == 9 and "rut_ho_so" not in approved.waiting_messages


@pytest.mark.rule("QT-16")
@pytest.mark.rule("QT-40")
@pytest.mark.parametrize("wait, name, words", [
    ("nop_phi", "Chờ công dân nộp phí", "chờ công dân nộp phí, lệ phí"),
    ("bo_sung", "Chờ công dân bổ sung", "chờ công dân nộp bổ sung"),
])
def test_a_wait_on_the_citizen_with_no_way_to_withdraw_is_warned(tmp_path, wait, name, words):
    """The citizen asked to pay or to supplement may give up instead: a wait with no `rut_ho_so`
    beside it (here turned into a deadline) leaves them no way to, which the check says at the wait."""
    from engine.catalogue_forms import citizen_forms
    from engine.checking import check_files
    catch = f'<bpmn:messageEventDefinition id="MessageEventDefinition_rut_cho_{wait}" messageRef="Message_rut_ho_so" />'
    assert SOURCE.count(catch) == 1
    path = tmp_path / f"{BAN_SAO}.bpmn"
    path.write_text(SOURCE.replace(catch, '<bpmn:timerEventDefinition id="Timer_qua_han">'
                                          '<bpmn:timeDate>working_days(30)</bpmn:timeDate></bpmn:timerEventDefinition>'),
                    encoding="utf-8")
    ok, lines = check_files([path], ROOT / "forms", citizen_forms=citizen_forms(ROOT / "catalogue"))
    warned = [line for line in lines if "Cảnh báo" in line and "[Event_" in line]
    assert ok and len(warned) == 1, lines  # a warning: the diagram still runs
    assert f"[Event_cho_{wait} «{name}»] Cảnh báo: Trong khi hồ sơ {words} ở đây, công dân không rút được hồ sơ" \
        in warned[0]
    assert "cổng sự kiện (Event-based Gateway)" in warned[0] and "QT-16" in warned[0]


AMOUNT = '<spiffworkflow:property name="amount" value="le_phi" />'
FEE_STATUS = '<spiffworkflow:property name="status" value="6" />'


def _fee_wait(xml: str, prop: str) -> str:
    """A copy of the diagram whose fee wait (Event_cho_nop_phi) has `prop` for its amount property."""
    assert xml.count(AMOUNT) == 1
    return xml.replace(AMOUNT, prop)


@pytest.mark.rule("QT-40")
def test_a_fee_wait_asks_its_amount_and_the_payment_lets_processing_start():
    engine = engine_for()
    start = engine.start(BAN_SAO, FORM, vn(2026, 11, 23, 8, 0))
    assert start.amount_due is None and start.data["le_phi"] == 16000  # 2 copies at 8.000 đồng (QT-20)
    done = engine.complete_task(BAN_SAO, start.version, start.state, task(start, "Tiếp nhận hồ sơ").id,
                                {"quyet_dinh": "tiep_nhan"}, vn(2026, 11, 23, 8, 0))
    assert (done.status, done.amount_due, done.open_tasks) == (6, 16000, [])
    assert sorted(done.waiting_messages) == ["rut_ho_so", "thanh_toan"]  # behind an event-based gateway
    later = engine.fire_timers(BAN_SAO, done.version, done.state, vn(2026, 12, 1, 8, 0))
    assert (later.status, later.amount_due, later.open_tasks) == (6, 16000, [])  # still waiting, nothing due
    paid = engine.deliver_message(BAN_SAO, done.version, done.state, "thanh_toan", PAID, vn(2026, 11, 23, 9, 0))
    assert paid.amount_due is None and paid.status == 4 and "thanh_toan" not in paid.waiting_messages
    assert task(paid, "Thẩm định hồ sơ").due_at == vn(2026, 11, 25, 9, 0)  # its time limit counts from the payment
    assert {key: paid.data[key] for key in PAID} == PAID  # the later steps read the payment
    with pytest.raises(NotWaiting):  # paid once
        engine.deliver_message(BAN_SAO, paid.version, paid.state, "thanh_toan", PAID, vn(2026, 11, 23, 9, 5))
    withdrawn = engine.deliver_message(BAN_SAO, done.version, done.state, "rut_ho_so", {"ly_do_rut": "Không cần."},
                                       vn(2026, 11, 23, 9, 0))
    assert (withdrawn.status, withdrawn.completed, withdrawn.amount_due) == (7, True, None)
    with pytest.raises(NotWaiting):  # withdrawn while the fee was awaited: nothing to pay any more
        engine.deliver_message(BAN_SAO, withdrawn.version, withdrawn.state, "thanh_toan", PAID, vn(2026, 11, 23, 9, 5))


@pytest.mark.rule("QT-22")
def test_a_result_template_reading_a_name_the_dossier_lacks_is_refused(tmp_path):
    """A misspelt {name} in the catalogue's result template would print nothing on a signed result."""
    import json
    import shutil

    from engine.catalogue_forms import citizen_forms
    from engine.checking import check_files
    catalogue = tmp_path / "catalogue"
    shutil.copytree(ROOT / "catalogue", catalogue)
    path = catalogue / f"{BAN_SAO_CODE}.json"
    entry = json.loads(path.read_text(encoding="utf-8"))
    template = entry["result_document"]
    template["fields"] = [*template["fields"], ["Người nộp", "{ho_ten_nguoi_nop}"], ["Mã hồ sơ", "{ma_ho_so}"]]
    path.write_text(json.dumps(entry), encoding="utf-8")
    ok, lines = check_files([ROOT / "bpmn" / f"{BAN_SAO}.bpmn"], ROOT / "forms", citizen_forms=citizen_forms(catalogue))
    assert ok, lines  # process data, a step's field and the two names the system adds are all known
    template["paragraphs"] = ["Cấp cho {ho_ten_nguoi_duoc_capp} theo {ket_qua_tham_dinh}."]
    path.write_text(json.dumps(entry), encoding="utf-8")
    ok, lines = check_files([ROOT / "bpmn" / f"{BAN_SAO}.bpmn"], ROOT / "forms", citizen_forms=citizen_forms(catalogue))
    [problem] = [line for line in lines if "result_document" in line]
    # The entry's mistake, listed with the catalogue's: the diagram itself is fine, the procedure is not.
    assert not ok and problem.startswith(f"{BAN_SAO_CODE}.json: ")
    assert lines[0] == (f"Không đạt: {BAN_SAO}.bpmn (quy trình: {BAN_SAO}): sơ đồ không có lỗi, nhưng mục danh mục "
                        f"{BAN_SAO_CODE}.json dùng nó có lỗi (xem dưới đây): sửa các lỗi đó rồi kiểm tra lại.")
    assert "«{ho_ten_nguoi_duoc_capp}»" in problem and f"quy trình «{BAN_SAO}»" in problem
    assert "có phải ý bạn là «ho_ten_nguoi_duoc_cap»?" in problem and "in trống" in problem
    assert lines[-1] == "Có 1 lỗi: 0 sơ đồ và 1 mục danh mục cần sửa."


@pytest.mark.rule("QT-40")
def test_the_check_warns_when_the_catalogue_and_the_diagram_disagree_on_the_fee(tmp_path):
    """The portal tells citizens the fee from the catalogue entry; the diagram asks for it."""
    import json
    import shutil

    from engine.catalogue_forms import citizen_forms
    from engine.checking import check_files
    catalogue = tmp_path / "catalogue"
    shutil.copytree(ROOT / "catalogue", catalogue)

    def warnings(diagram: str, fees) -> list[str]:
        entry = json.loads((ROOT / "catalogue" / f"{BAN_SAO_CODE}.json").read_text(encoding="utf-8"))
        (catalogue / f"{BAN_SAO_CODE}.json").write_text(json.dumps({**entry, "fees": fees}), encoding="utf-8")
        path = tmp_path / f"{BAN_SAO}.bpmn"
        path.write_text(diagram, encoding="utf-8")
        ok, lines = check_files([path], ROOT / "forms", citizen_forms=citizen_forms(catalogue))
        assert ok  # a warning: the diagram still loads
        return [line for line in lines if "Cảnh báo" in line]

    listed = [{"name": "Phí", "amount": 8000, "unit": "đồng/bản"}]
    assert warnings(SOURCE, listed) == []
    # The waits for the fee made waits of a day: the fee the citizen reads is never asked for.
    unpaid = re.sub(r'<spiffworkflow:property name="amount" value="\w+" />', "", SOURCE)
    unpaid = re.sub(r'<bpmn:messageEventDefinition id="(\w+)" messageRef="Message_thanh_toan" />',
                    r'<bpmn:timerEventDefinition id="\1"><bpmn:timeDate xsi:type="bpmn:tFormalExpression">'
                    r'working_days(1)</bpmn:timeDate></bpmn:timerEventDefinition>', unpaid)
    unpaid = unpaid.replace('<spiffworkflow:property name="status" value="6" />',
                            '<spiffworkflow:property name="status" value="4" />')  # waits for nobody (QT-53)
    [never] = warnings(unpaid, listed)
    assert never.startswith(f"{BAN_SAO}.bpmn: [{BAN_SAO} «Cấp bản sao trích lục hộ tịch»]")
    assert f"{BAN_SAO_CODE}.json ghi phí, lệ phí" in never and "thanh_toan" in never
    # The other way round: a fee asked for that the portal calls free.
    for free in ([], [{"name": "Phí", "amount": 0}]):
        [unlisted] = warnings(SOURCE, free)
        assert "[Event_cho_nop_phi «Chờ công dân nộp phí»]" in unlisted and "không mất phí" in unlisted


@pytest.mark.rule("QT-40")
def test_the_amount_is_an_expression_over_the_data_and_must_give_whole_dong():
    computed = engine_for(_fee_wait(SOURCE, '<spiffworkflow:property name="amount" value="so_ban * 8000 + 2000" />'))
    start = computed.start(BAN_SAO, FORM, vn(2026, 11, 23, 8, 0))
    done = computed.complete_task(BAN_SAO, start.version, start.state, task(start, "Tiếp nhận hồ sơ").id,
                                  {"quyet_dinh": "tiep_nhan"}, vn(2026, 11, 23, 8, 0))
    assert done.amount_due == 18000
    # Expressions the check cannot judge before they run: a fraction of a đồng, a negative sum,
    # a number that is none. Reaching the wait fails, names it, and the dossier stays as it was.
    # (The same reading no data, 17001 / 2 or float("nan"), is said by the check: test_diagram_messages.)
    for expression in ("le_phi / 3", "le_phi - 20000", 'le_phi * 0 + float(&quot;nan&quot;)',
                       'le_phi * float(&quot;inf&quot;)'):
        engine = engine_for(_fee_wait(SOURCE, f'<spiffworkflow:property name="amount" value="{expression}" />'))
        start = engine.start(BAN_SAO, FORM, vn(2026, 11, 23, 8, 0))
        with pytest.raises(ProcessFailed) as failure:
            engine.complete_task(BAN_SAO, start.version, start.state, task(start, "Tiếp nhận hồ sơ").id,
                                 {"quyet_dinh": "tiep_nhan"}, vn(2026, 11, 23, 8, 0))
        assert failure.value.element_id == "Event_cho_nop_phi", expression
        assert "«Chờ công dân nộp phí» (Event_cho_nop_phi)" in str(failure.value)
        assert "không phải một số đồng nguyên không âm" in str(failure.value)


@pytest.mark.rule("QT-40")
@pytest.mark.parametrize("edit, element, words", [
    (lambda xml: _fee_wait(xml, ""), "Event_cho_nop_phi", ["chưa nói phải nộp bao nhiêu", "amount", "le_phi"]),
    (lambda xml: _fee_wait(xml, '<spiffworkflow:property name="amount" value="  " />'),
     "Event_cho_nop_phi", ["amount «  » không phải biểu thức tính được", "le_phi"]),
    (lambda xml: xml.replace(FEE_STATUS + "\n          " + AMOUNT, AMOUNT),
     "Event_cho_nop_phi", ["status = 6", "không phải «không có»"]),
    (lambda xml: xml.replace(FEE_STATUS + "\n          " + AMOUNT,
                             '<spiffworkflow:property name="status" value="4" />\n          ' + AMOUNT),
     "Event_cho_nop_phi", ["status = 6", "không phải «4»", "không tính vào thời hạn"]),
    (lambda xml: xml.replace(
        '<bpmn:boundaryEvent id="Boundary_rut_ho_so_xu_ly" name="Công dân rút hồ sơ" attachedToRef="Sub_giai_quyet">',
        '<bpmn:boundaryEvent id="Boundary_rut_ho_so_xu_ly" name="Công dân rút hồ sơ" attachedToRef="Sub_giai_quyet">'
        f'<bpmn:extensionElements><spiffworkflow:properties>{FEE_STATUS}{AMOUNT}</spiffworkflow:properties>'
        '</bpmn:extensionElements>').replace('messageRef="Message_rut_ho_so" />\n    </bpmn:boundaryEvent>\n'
                                             '    <bpmn:boundaryEvent id="Boundary_dung_xu_ly"',
                                             'messageRef="Message_thanh_toan" />\n    </bpmn:boundaryEvent>\n'
                                             '    <bpmn:boundaryEvent id="Boundary_dung_xu_ly"'),
     "Boundary_rut_ho_so_xu_ly", ["sự kiện biên", "Intermediate Catch Event", "Event-based Gateway"]),
    (lambda xml: xml.replace('<spiffworkflow:property name="timeLimit" value="working_days(1)" />',
                             '<spiffworkflow:property name="timeLimit" value="working_days(1)" />' + AMOUNT, 1),
     "Task_tham_dinh", ["chỉ dùng trên sự kiện chờ tin nhắn thanh_toan"]),
    (lambda xml: xml.replace('<spiffworkflow:property name="status" value="5" />',
                             '<spiffworkflow:property name="status" value="5" />' + AMOUNT, 1),
     "Event_cho_bo_sung", ["chỉ dùng trên sự kiện chờ tin nhắn thanh_toan"]),
    (lambda xml: _fee_wait(xml, '<spiffworkflow:property name="amount" value="le_phi +" />'),
     "Event_cho_nop_phi", ["amount «le_phi +» không phải biểu thức tính được", "so_ban * 8000"]),
    (lambda xml: _fee_wait(xml, '<spiffworkflow:property name="amount" value="&quot;8000&quot;" />'),
     "Event_cho_nop_phi", ["amount «\"8000\"» không phải biểu thức tính được"]),
    (lambda xml: _fee_wait(xml, '<spiffworkflow:property name="amount" value="working_days(1)" />'),
     "Event_cho_nop_phi", ["amount «working_days(1)» không phải biểu thức tính được"]),
    # The Vietnamese thousands separator is a decimal point in an expression: 8.000 would charge 8 đồng.
    (lambda xml: _fee_wait(xml, '<spiffworkflow:property name="amount" value="8.000" />'),
     "Event_cho_nop_phi", ["amount «8.000» có số viết với dấu chấm", "8.000 là 8 đồng", "không có dấu chấm: 8000."]),
    (lambda xml: _fee_wait(xml, '<spiffworkflow:property name="amount" value="so_ban * 8.500 + 1.000.000" />'),
     "Event_cho_nop_phi", ["(8.500, 1.000.000)", "không có dấu chấm: so_ban * 8500 + 1000000."]),
    (lambda xml: _fee_wait(xml, '<spiffworkflow:property name="amount" value="le_phi * 1.5" />'),
     "Event_cho_nop_phi", ["(1.5)", "ví dụ 8000, không viết 8.000"]),
], ids=["no_amount", "blank_amount", "no_status", "status_4", "on_a_boundary", "on_a_task", "on_another_wait",
        "not_an_expression", "text_not_money", "an_instant_not_money", "thousands_dot", "thousands_dots_in_a_sum",
        "a_fraction"])
def test_what_the_check_refuses_on_a_fee_wait_names_the_element(edit, element, words):
    found = problems(edit(SOURCE))
    assert len(found) == 1, [str(p) for p in found]
    assert found[0].element_id == element
    for word in words:
        assert word in found[0].message, (word, found[0].message)


@pytest.mark.rule("QT-40")
def test_a_fee_a_script_writes_with_a_thousands_dot_is_refused_on_the_script():
    """`le_phi = 500.000` is 500 đồng: the amount reading le_phi would charge that."""
    [found] = problems(SOURCE.replace("le_phi = so_ban * 8000", "le_phi = so_ban * 500.000"))
    assert (found.element_id, found.element_name) == ("Task_tinh_le_phi", "Tính lệ phí")
    for word in ("le_phi số 500.000", "amount của «Chờ công dân nộp phí»", "500.000 là 500 đồng",
                 "không có dấu chấm: 500000."):
        assert word in found.message, (word, found.message)
    # A name no amount reads is left alone (a ratio may be 1.500); and a number with two dots
    # does not parse at all: the syntax error says why.
    assert problems(SOURCE.replace("le_phi = so_ban * 8000", "he_so = 1.500\nle_phi = so_ban * 8000")) == []
    [grouped] = problems(SOURCE.replace("le_phi = so_ban * 8000", "le_phi = 1.200.000"))
    assert grouped.element_id == "Task_tinh_le_phi" and "Lỗi cú pháp" in grouped.message
    assert "số 1.200.000 viết với dấu chấm ngăn cách hàng nghìn" in grouped.message and "như 1200000" in grouped.message


@pytest.mark.rule("QT-40")
@pytest.mark.rule("QT-37")
def test_the_amount_reads_known_names_and_later_steps_read_the_payment(workspace):
    from tests.test_procedure_new import cli
    folder, env = workspace
    diagram = folder / "bpmn" / f"{BAN_SAO}.bpmn"
    text = diagram.read_text(encoding="utf-8")
    payment = 'so_tien_da_nop &gt;= 0 and hinh_thuc_nop in [&quot;truc_tuyen&quot;, &quot;truc_tiep&quot;] and ma_giao_dich'
    diagram.write_text(text.replace('quyet_dinh == "phe_duyet"', f'quyet_dinh == "phe_duyet" and {payment}', 1),
                       encoding="utf-8")
    result = cli(env, "bpmn", "check", str(diagram))
    assert result.exit_code == 0, result.output  # what `thanh_toan` carries is known to the later steps
    diagram.write_text(_fee_wait(text, '<spiffworkflow:property name="amount" value="lephi" />'), encoding="utf-8")
    result = cli(env, "bpmn", "check", str(diagram))
    assert result.exit_code == 1
    [line] = [line for line in result.output.splitlines() if "«lephi»" in line]
    assert line.startswith(f"{BAN_SAO}.bpmn: [Event_cho_nop_phi «Chờ công dân nộp phí»] Biểu thức «amount» đọc «lephi»")
    assert "(có phải ý bạn là «le_phi»?)" in line


@pytest.mark.rule("QT-40")
def test_the_scenario_key_phai_nop_checks_the_amount_due(tmp_path):
    from engine.scenarios import format_report, run_file
    path = tmp_path / "thu.kich-ban.yaml"
    text = """quy_trinh: cap_ban_sao_trich_luc_ho_tich
du_lieu_chung: {{ho_ten_nguoi_yeu_cau: Nguyễn Văn An, so_ban: 2}}
kich_ban:
  - ten: Nộp lệ phí
    bat_dau: 2026-11-23 08:00
    buoc:
      - kiem_tra: {{phai_nop: 0}}
      - lam: Tiếp nhận hồ sơ
        du_lieu: {{quyet_dinh: tiep_nhan}}
      - kiem_tra: {{trang_thai: 6, viec: [], cho_tin_nhan: [thanh_toan, rut_ho_so], phai_nop: {due}}}
      - gui: thanh_toan
        du_lieu: {{so_tien_da_nop: 16000, hinh_thuc_nop: truc_tiep}}
      - kiem_tra: {{trang_thai: 4, phai_nop: 0, du_lieu: {{so_tien_da_nop: 16000, hinh_thuc_nop: truc_tiep}}}}
"""

    def run(due):
        path.write_text(text.format(due=due), encoding="utf-8")
        return run_file(path, ROOT / "bpmn", ROOT / "forms")

    report = run(16000)
    assert report.ok, "\n".join(format_report(report))
    assert report.scenarios[0].steps[3].message.endswith("; phải nộp 16.000 đồng")
    wrong = run(8000)
    [failed] = [s for s in wrong.scenarios[0].steps if not s.passed]
    assert failed.number == 3 and "- số tiền phải nộp: mong đợi 8.000 đồng, thực tế 16.000 đồng" in failed.message
    for bad in ("16.000", '"16000"', "-1", "16000.5", "true"):
        [refused] = [s for s in run(bad).scenarios[0].steps if not s.passed]
        assert "Khóa «phai_nop» là số đồng phải nộp" in refused.message, (bad, refused.message)


@pytest.mark.rule("QT-17")
def test_a_gateway_needs_a_default_or_a_condition_on_every_flow():
    xml = SOURCE.replace('<bpmn:exclusiveGateway id="Gateway_phe_duyet" name="Phê duyệt?" default="Flow_tra_lai">',
                         '<bpmn:exclusiveGateway id="Gateway_phe_duyet" name="Phê duyệt?">')
    [problem] = [p for p in problems(xml) if p.element_id == "Gateway_phe_duyet"]
    assert problem.element_name == "Phê duyệt?"
    assert "Trả lại" in problem.message and "mặc định" in problem.message


@pytest.mark.rule("QT-18")
def test_the_expression_language_has_what_the_guide_lists():
    data = {"so_ban": 3, "quyet_dinh": "phe_duyet", "ho_ten": "  nguyễn văn an ", "cac_ban": [1, 2, 3],
            "ho_so": {"loai": "khai_sinh"}}
    assert expressions.evaluate('so_ban > 2 and quyet_dinh in ["phe_duyet", "tra_lai"]', data) is True
    assert expressions.evaluate("200000 + (so_ban - 2) * 5000 if so_ban > 2 else 200000", data) == 205000
    assert expressions.evaluate("ho_ten.strip().title()", data) == "Nguyễn Văn An"
    assert expressions.evaluate('ho_so.get("loai") == "khai_sinh" and not False', data) is True
    assert expressions.evaluate("len(cac_ban) + max(cac_ban) + sum(cac_ban) + abs(-1) + round(2.5)", data) == 15
    assert expressions.evaluate("sorted([x * 2 for x in cac_ban if x > 1])", data) == [4, 6]
    expressions.execute("tong = 0\nfor x in cac_ban:\n    tong = tong + x\nif tong > 5:\n    lon = True", data)
    assert data["tong"] == 6 and data["lon"] is True
    # Text with values filled in is an f-string; `%` formatting is refused with that hint.
    assert expressions.evaluate('f"Cấp {so_ban} bản, lệ phí {so_ban * 8000:,} đồng"', data) == \
        "Cấp 3 bản, lệ phí 24,000 đồng"
    assert "f-string" in expressions.check('"%s bản" % so_ban', "eval")[0]
    section = GUIDE[GUIDE.index("**[QT-18]**"):GUIDE.index("**[QT-63]**")]
    assert 'f"Cấp {so_ban} bản"' in section and "`%`" in section


@pytest.mark.rule("QT-19")
@pytest.mark.parametrize("source", ["import os", "__import__('os')", "(lambda: 1)()", "so_ban.__class__",
                                    "open('/etc/passwd')", "eval('1')", "getattr(so_ban, 'real')",
                                    "while True:\n    pass", "def f():\n    return 1"])
def test_what_could_run_code_is_refused_before_anything_runs(source):
    assert expressions.check(source, "exec")
    with pytest.raises(expressions.ExpressionError):
        expressions.execute(source, {"so_ban": 1})


@pytest.mark.rule("QT-19")
def test_a_gateway_no_branch_of_which_holds_is_named_with_the_fix():
    xml = SOURCE.replace('<bpmn:exclusiveGateway id="Gateway_phe_duyet" name="Phê duyệt?" default="Flow_tra_lai">',
                         '<bpmn:exclusiveGateway id="Gateway_phe_duyet" name="Phê duyệt?">').replace(
        'sourceRef="Gateway_phe_duyet" targetRef="Task_tham_dinh" />',
        'sourceRef="Gateway_phe_duyet" targetRef="Task_tham_dinh"><bpmn:conditionExpression>quyet_dinh == "tra_lai"'
        '</bpmn:conditionExpression></bpmn:sequenceFlow>')
    assert problems(xml) == []  # every flow has a condition: allowed (QT-17)
    engine = engine_for(xml)
    opened = accepted(engine)
    checked = engine.complete_task(BAN_SAO, opened.version, opened.state, task(opened, "Thẩm định hồ sơ").id,
                                   {"ket_qua_tham_dinh": "dat"}, vn(2026, 11, 23, 9, 0))
    with pytest.raises(ProcessFailed) as failure:
        engine.complete_task(BAN_SAO, checked.version, checked.state, task(checked, "Phê duyệt kết quả").id,
                             {"quyet_dinh": "xem_lai"}, vn(2026, 11, 23, 10, 0))
    message = str(failure.value)
    assert "«Phê duyệt?» (Gateway_phe_duyet)" in message and "nhánh mặc định" in message, message
    assert "No conditions" not in message and failure.value.element_id == "Gateway_phe_duyet"


@pytest.mark.rule("QT-21")
@pytest.mark.rule("QT-22")
def test_a_process_must_reach_statuses_2_and_9():
    no_code = problems(SOURCE.replace('<spiffworkflow:property name="status" value="2" />', ""))
    assert [(p.element_id, p.element_name) for p in no_code] == [(BAN_SAO, "Cấp bản sao trích lục hộ tịch")]
    assert "status 2" in no_code[0].message and "mã hồ sơ" in no_code[0].message
    no_result = problems(SOURCE.replace('<spiffworkflow:property name="status" value="9" />', ""))
    assert [p.element_id for p in no_result] == [BAN_SAO] and "status 9" in no_result[0].message
    assert "kết quả" in no_result[0].message


@pytest.mark.rule("QT-20")
def test_a_script_task_computes_data_for_the_next_steps():
    start = engine_for().start(LLTP, {"so_ban": 4, "doi_tuong_nop_phi": "thong_thuong"}, vn(2026, 11, 23, 8, 0))
    assert start.data["le_phi"] == 210000
    reduced = engine_for().start(LLTP, {"so_ban": 4, "doi_tuong_nop_phi": "giam"}, vn(2026, 11, 23, 8, 0))
    assert reduced.data["le_phi"] == 110000


@pytest.mark.rule("QT-01")
def test_a_lane_name_needs_its_diacritics_not_its_case_or_spacing():
    from engine.roles import role_for_lane
    assert role_for_lane("  chuyên   VIÊN ") == role_for_lane("Chuyên viên") == "specialist"
    assert role_for_lane("Chuyen vien") is None
    [problem] = problems(SOURCE.replace('name="Chuyên viên"', 'name="Chuyen vien"', 1))
    assert "ý bạn là «Chuyên viên»" in problem.message


@pytest.mark.rule("QT-33")
def test_the_citizen_has_no_lane():
    lane = ('<bpmn:lane id="Lane_cong_dan" name="Công dân"><bpmn:flowNodeRef>Start_nop_ho_so</bpmn:flowNodeRef>'
            '</bpmn:lane>')
    start_ref = "<bpmn:flowNodeRef>Start_nop_ho_so</bpmn:flowNodeRef>"
    assert start_ref in SOURCE
    outside = SOURCE.replace(start_ref, "", 1)
    assert problems(outside) == []  # the citizen's start event needs no lane
    with_citizen = outside.replace('<bpmn:lane ', lane + '<bpmn:lane ', 1)
    [problem] = problems(with_citizen)
    assert (problem.element_id, problem.element_name) == ("Lane_cong_dan", "Công dân")
    assert "công dân không có làn" in problem.message and "tin nhắn" in problem.message


@pytest.mark.rule("QT-34")
def test_the_ui_schema_options_the_guide_lists_change_how_a_form_shows():
    from app.eforms.render import render_fields
    from engine.forms import Form
    schema = {"type": "object", "properties": {
        "ho_ten": {"type": "string", "title": "Họ và tên"},
        "quy_mo": {"type": "string", "title": "Quy mô", "enum": ["nho", "lon"]},
        "ghi_chu": {"type": "string", "title": "Ghi chú"}}}
    ui = {"ui:order": ["quy_mo", "*"], "quy_mo": {"ui:widget": "select", "ui:enumNames": ["Quy mô nhỏ", "Quy mô lớn"]},
          "ghi_chu": {"ui:widget": "textarea", "ui:help": "Không bắt buộc.", "ui:placeholder": "Ví dụ: …"}}
    html = str(render_fields(Form(schema, ui), {}, []))
    assert html.index("Quy mô") < html.index("Họ và tên") < html.index("Ghi chú")
    assert "<select" in html and "Quy mô lớn</option>" in html and "<textarea" in html
    assert "Không bắt buộc." in html and 'placeholder="Ví dụ: …"' in html
    for option in ("ui:order", "ui:enumNames", "ui:widget", "ui:help", "ui:placeholder", "ui:autocomplete"):
        assert f"`{option}`" in GUIDE
    for widget in ("radio", "select", "checkbox", "textarea", "updown", "date", "email", "tel"):
        assert f"`{widget}`" in GUIDE


SCENARIO = """quy_trinh: cap_ban_sao_trich_luc_ho_tich
tinh: demo
du_lieu_chung: {{ho_ten_nguoi_yeu_cau: Nguyễn Văn An, so_cccd: "001090000001", loai_trich_luc: khai_sinh,
                ho_ten_nguoi_duoc_cap: Nguyễn Thị Bé}}
kich_ban:
  - ten: Đủ giấy tờ
    bat_dau: 2026-11-23 08:00
    du_lieu: {{so_ban: {so_ban}}}
    buoc:
      - lam: Tiếp nhận hồ sơ
        vai_tro: Bộ phận Một cửa
        luc: 2026-11-23 09:00
        du_lieu: {{quyet_dinh: yeu_cau_bo_sung, ly_do: Thiếu giấy tờ.,
                  thanh_phan_can_bo_sung: [{{thanh_phan: CCCD, yeu_cau: Bản chụp rõ nét.}}]}}
      - gui: bo_sung
        du_lieu: {supplement}
      - kiem_tra: {{viec: [Tiếp nhận hồ sơ], du_lieu: {{so_ban: 2}}}}
"""


@pytest.mark.rule("QT-35")
def test_the_scenario_keys_the_guide_lists_are_the_ones_the_runner_takes(workspace):
    from engine.scenarios import model
    from tests.test_procedure_new import cli
    folder, env = workspace
    keys = {*model.FILE_KEYS, *model.SCENARIO_KEYS, *(k for ks in model.STEP_KEYS.values() for k in ks),
            *model.CHECK_KEYS}
    assert [key for key in sorted(keys) if not re.search(rf"\b{key}\b", GUIDE)] == []
    path = folder / "bpmn" / "thu.kich-ban.yaml"
    path.write_text(SCENARIO.format(so_ban=1, supplement="{so_ban: 2}"), encoding="utf-8")
    result = cli(env, "procedure", "test", str(path))
    assert result.exit_code == 0, result.output
    assert "(sơ đồ cap_ban_sao_trich_luc_ho_tich.bpmn, tỉnh demo)" in result.output
    path.write_text(SCENARIO.format(so_ban=1, supplement="{so_ban: 2}").replace(
        "        luc: 2026-11-23 09:00", "        co_quan: 000.00.30.H99\n        luc: 2026-11-23 09:00"), encoding="utf-8")
    refused = cli(env, "procedure", "test", str(path)).output
    assert "được giao cho cơ quan giải quyết hồ sơ (sơ đồ không ghi agency riêng), không phải cơ quan " \
           "«000.00.30.H99»" in refused


@pytest.mark.rule("QT-36")
def test_a_scenarios_citizen_data_must_pass_the_citizen_form_as_on_the_portal(workspace):
    from tests.test_procedure_new import cli
    folder, env = workspace
    path = folder / "bpmn" / "thu.kich-ban.yaml"
    path.write_text(SCENARIO.format(so_ban=0, supplement="{so_ban: 2}"), encoding="utf-8")
    result = cli(env, "procedure", "test", str(path))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "Kịch bản 1: Đủ giấy tờ (thu.kich-ban.yaml:6)" in lines
    [start] = [line for line in lines if line.startswith("  ✗ bắt đầu")]
    assert (f"Tờ khai «{BAN_SAO}/don.schema.json» (mục danh mục 2.000635.json) không nhận dữ liệu công dân "
            "của kịch bản này") in start and "Cổng Dịch vụ công sẽ từ chối hồ sơ" in start
    assert "      - so_ban: Trường «Số bản sao đề nghị cấp» phải lớn hơn hoặc bằng 1." in lines
    # A supplement completes the application as it stands: what it leaves out stays, what it
    # sends must pass the form too.
    path.write_text(SCENARIO.format(so_ban=1, supplement="{so_ban: hai}"), encoding="utf-8")
    lines = cli(env, "procedure", "test", str(path)).output.splitlines()
    [step] = [line for line in lines if line.startswith("  ✗ bước 2")]
    assert "gửi tin nhắn «bo_sung»" in step and "không nhận tờ khai sau khi bổ sung" in step
    assert "      - so_ban: Trường «Số bản sao đề nghị cấp» phải là số nguyên." in lines
    path.write_text(SCENARIO.format(so_ban=1, supplement="{so_ban: hai}\n        loi: phải là số nguyên"),
                    encoding="utf-8")
    assert cli(env, "procedure", "test", str(path)).exit_code == 1  # refused as expected, then not at 2
    path.write_text(SCENARIO.format(so_ban=1, supplement="{so_ban: hai}\n        loi: phải là số nguyên")
                    .replace("      - kiem_tra: {viec: [Tiếp nhận hồ sơ], du_lieu: {so_ban: 2}}\n", ""),
                    encoding="utf-8")
    assert cli(env, "procedure", "test", str(path)).exit_code == 0


@pytest.mark.rule("QT-37")
def test_a_name_no_form_script_or_the_system_provides_is_refused_with_a_suggestion(workspace):
    from tests.test_procedure_new import cli
    folder, env = workspace
    diagram = folder / "bpmn" / f"{BAN_SAO}.bpmn"
    text = diagram.read_text(encoding="utf-8")
    assert text.count("ket_qua_tham_dinh == ") >= 2 and '"working_days(1)"' in text
    valid = ('ket_qua_tham_dinh == "dat" and le_phi >= 0 and all(n > 0 for n in [so_ban]) '
             'and len(ly_do_rut or "") >= 0 and [m for m in thanh_phan_can_bo_sung or [] if m.get("thanh_phan")] == []')
    diagram.write_text(text.replace('ket_qua_tham_dinh == "dat"', valid.replace('"', "&quot;"), 1), encoding="utf-8")
    result = cli(env, "bpmn", "check", str(diagram))
    assert result.exit_code == 0, result.output
    diagram.write_text(text.replace("ket_qua_tham_dinh == ", "ket_qua_thamdinh == ", 1)
                       .replace('"working_days(1)"', '"working_days(1, ngay_tiep_nhan)"', 1), encoding="utf-8")
    result = cli(env, "bpmn", "check", str(diagram))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    [condition] = [line for line in lines if "«ket_qua_thamdinh»" in line]
    assert condition.startswith(f"{BAN_SAO}.bpmn: [Flow_")
    assert "Điều kiện trên nhánh" in condition and "(có phải ý bạn là «ket_qua_tham_dinh»?)" in condition
    [deadline] = [line for line in lines if "«ngay_tiep_nhan»" in line]
    assert "Biểu thức «timeLimit»" in deadline and "Không có biến 'ngay_tiep_nhan'" in deadline
    assert lines[-1] == "Có 2 lỗi: 1 sơ đồ và 0 mục danh mục cần sửa."


@pytest.mark.rule("QT-41")
def test_a_scenario_reads_today_on_its_own_clock(tmp_path):
    """Registered on the 25th: a dossier submitted on the 23rd cannot say so, whatever the day
    the scenario is run."""
    from engine.scenarios import format_report, run_file
    path = tmp_path / "ngay.kich-ban.yaml"
    path.write_text("""quy_trinh: cap_ban_sao_trich_luc_ho_tich
du_lieu_chung: {ho_ten_nguoi_yeu_cau: Nguyễn Văn An, so_cccd: "001090000001", loai_trich_luc: khai_sinh,
  ho_ten_nguoi_duoc_cap: Nguyễn Thị Bé, ngay_dang_ky: "2026-11-25", noi_dang_ky: UBND phường An Bình, so_ban: 1}
kich_ban:
  - ten: Ngày đăng ký sau ngày nộp
    bat_dau: 2026-11-23 08:00
    buoc:
      - kiem_tra: {trang_thai: 1}
  - ten: Ngày đăng ký là hôm nay
    bat_dau: 2026-11-25 08:00
    buoc:
      - kiem_tra: {trang_thai: 1}
""", encoding="utf-8")
    report = run_file(path, ROOT / "bpmn", ROOT / "forms", catalogue_dir=ROOT / "catalogue")
    lines = "\n".join(format_report(report))
    assert [s.passed for s in report.scenarios] == [False, True], lines
    assert "Trường «Ngày đăng ký hộ tịch» không được sau hôm nay." in lines


@pytest.mark.rule("QT-41")
def test_a_date_field_whose_first_day_is_after_its_last_is_refused(tmp_path):
    import json

    from engine.clock import frozen_at
    from engine.form_check import form_problems

    def found(low, high) -> list[str]:
        (tmp_path / "f.schema.json").write_text(json.dumps({"type": "object", "properties": {
            "ngay": {"type": "string", "title": "Ngày", "format": "date", "formatMinimum": low,
                     "formatMaximum": high}}}), encoding="utf-8")
        with frozen_at(vn(2026, 11, 23, 8, 0)):
            return form_problems(tmp_path, "f.schema.json", schema=True)

    [swapped] = found("today", "1900-01-01")
    assert swapped.startswith("Tệp biểu mẫu «f.schema.json», trường «ngay»: ngày sớm nhất (formatMinimum = "
                              '"today" (hôm nay, 23/11/2026)) sau ngày muộn nhất (formatMaximum = "1900-01-01")')
    assert "không chọn được ngày nào" in swapped and "đổi chỗ" in swapped
    assert found("2026-12-01", "2026-11-30") and found("2027-01-01", "today")
    assert found("1900-01-01", "today") == found("2026-11-23", "today") == found("today", "today") == []
    assert len(found("hom_nay", "1900-01-01")) == 1  # a bound that is no day is said once, not compared


@pytest.mark.rule("QT-34")
def test_labels_must_match_the_values_of_the_field_they_name(workspace):
    """ui:enumNames, one label per enum value in the same order: a label short shifts the rest."""
    import json

    from tests.test_procedure_new import cli
    folder, env = workspace
    step_ui = folder / "forms" / "common" / "phe_duyet.uischema.json"
    step_ui.write_text(step_ui.read_text(encoding="utf-8").replace('"Phê duyệt, ký kết quả", ', ""), "utf-8")
    citizen_ui = folder / "forms" / BAN_SAO / "don.uischema.json"
    ui = json.loads(citizen_ui.read_text(encoding="utf-8"))
    ui["ho_ten_nguoi_yeu_cau"] = {"ui:enumNames": ["Ông", "Bà"]}
    ui["loai_trich_luc "] = ui.pop("loai_trich_luc")
    citizen_ui.write_text(json.dumps(ui, ensure_ascii=False), "utf-8")
    result = cli(env, "bpmn", "check", str(folder / "bpmn" / f"{BAN_SAO}.bpmn"))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    [step] = [line for line in lines if line.startswith(f"{BAN_SAO}.bpmn: [Task_phe_duyet")]
    assert ("Tệp giao diện biểu mẫu «common/phe_duyet.uischema.json», trường «quyet_dinh»: «ui:enumNames» có 1 "
            "nhãn nhưng trường có 2 giá trị trong tệp biểu mẫu «common/phe_duyet.schema.json» "
            '("phe_duyet", "tra_lai")') in step and "Ghi đúng 2 nhãn, cùng thứ tự" in step
    entry = [line for line in lines if line.startswith(f"2.000635.json: [ui_schema «{BAN_SAO}/don.uischema.json»]")]
    assert len(entry) == 2, lines
    assert "trường «ho_ten_nguoi_yeu_cau»: có «ui:enumNames» nhưng" in entry[0] and "không có danh sách giá trị (enum)" in entry[0]
    # Options for a field the form lacks leave the form usable: a warning, not an error.
    assert ("Cảnh báo: " in entry[1] and "không có trường «loai_trich_luc »" in entry[1]
            and "(có phải ý bạn là «loai_trich_luc»?)" in entry[1])
    assert lines[-1] == "Có 2 lỗi: 1 sơ đồ và 1 mục danh mục cần sửa. Có 1 cảnh báo: sơ đồ vẫn chạy, nhưng nên sửa."


@pytest.mark.rule("QT-34")
def test_labels_of_yes_no_questions_and_multiple_choices_are_checked_too(tmp_path):
    import json

    from engine.form_check import pair_problems
    (tmp_path / "f.schema.json").write_text(json.dumps({"type": "object", "properties": {
        "dong_y": {"type": "boolean", "title": "Đồng ý"},
        "giay_to": {"type": "array", "title": "Giấy tờ", "items": {"type": "string", "enum": ["cccd", "ho_chieu"]}},
        "nhom": {"type": "array", "items": {"type": "object", "properties": {
            "muc": {"type": "string", "oneOf": [{"const": "a", "title": "A"}]}}}}}}), encoding="utf-8")

    def found(ui: dict) -> list[str]:
        (tmp_path / "f.uischema.json").write_text(json.dumps(ui), encoding="utf-8")
        return pair_problems(tmp_path, "f.schema.json", "f.uischema.json")

    assert found({"dong_y": {"ui:enumNames": ["Có", "Không"]}, "giay_to": {"ui:enumNames": ["CCCD", "Hộ chiếu"]},
                  "nhom": {"items": {"muc": {"ui:widget": "radio"}}}}) == []
    [yes_no] = found({"dong_y": {"ui:enumNames": ["Có"]}})
    assert "1 nhãn nhưng trường có 2 giá trị" in yes_no and "(true, false)" in yes_no
    [items] = found({"giay_to": {"items": {"ui:enumNames": ["CCCD"]}}})
    assert "trường «giay_to»: «ui:enumNames» có 1 nhãn" in items
    [one_of] = found({"nhom": {"items": {"muc": {"ui:enumNames": ["A"]}}}})
    assert "trường «nhom.muc»" in one_of and "nhãn là title" in one_of
    [text] = found({"giay_to": {"ui:enumNames": "CCCD, Hộ chiếu"}})
    assert "phải là một danh sách nhãn" in text


@pytest.mark.rule("QT-25")
@pytest.mark.parametrize("edit, words", [
    ({"published": "false"}, ['«published» phải là true hoặc false viết không có dấu ngoặc kép, không phải "false"']),
    ({"published": 0}, ["«published»", "không phải 0"]),
    ({"processing_time": {"amount": True, "unit": "working_days"}}, ["«amount»", "số dương", "không phải true"]),
    ({"processing_time": {"amount": "2", "unit": "working_days"}}, ['không phải "2"']),
    ({"fees": [{"name": "Phí", "amount": "8000"}]}, ['khoản phí, lệ phí thứ 1 («Phí») là "8000"', "8.000 là 8 đồng"]),
    ({"fees": [{"name": "Phí", "amount": 8000}, {"name": "Lệ phí", "amount": -1}]}, ["thứ 2 («Lệ phí») là -1"]),
    ({"fees": [{"name": "Phí", "amount": 8.0}]}, ["là 8.0"]),
    ({"fees": {"name": "Phí", "amount": 8000}}, ["«fees» phải là danh sách"]),
])
def test_a_catalogue_entry_says_yes_no_and_amounts_as_json_values(tmp_path, edit, words):
    """A quoted "false" is a true value in most readers: the entry would publish what its author
    closed. Amounts in quotes, true for 1 or 8.000 for 8 đồng are refused in words too."""
    import json

    from app.catalogue.loader import CatalogueError, check_entries, read_entry
    entry = json.loads((ROOT / "catalogue" / f"{BAN_SAO_CODE}.json").read_text(encoding="utf-8"))
    path = tmp_path / f"{BAN_SAO_CODE}.json"
    path.write_text(json.dumps({**entry, "fees": [{"name": "Phí", "amount": 0}], "published": False}), encoding="utf-8")
    assert read_entry(path)["published"] is False
    path.write_text(json.dumps({**entry, **edit}, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CatalogueError) as refused:
        read_entry(path)
    assert str(refused.value).startswith(f"{BAN_SAO_CODE}.json: ")
    assert all(word in str(refused.value) for word in words), str(refused.value)
    assert check_entries(tmp_path, ROOT / "forms") == [str(refused.value)]


@pytest.mark.rule("QT-25")
def test_a_fee_written_with_a_thousands_dot_is_quoted_as_written(tmp_path):
    """200.000 in the file is read as 200.0: the refusal quotes what the analyst typed."""
    import json

    from app.catalogue.loader import CatalogueError, read_entry
    entry = json.loads((ROOT / "catalogue" / f"{BAN_SAO_CODE}.json").read_text(encoding="utf-8"))
    text = json.dumps({**entry, "fees": [{"name": "Lệ phí", "amount": 1}]}, ensure_ascii=False)
    path = tmp_path / f"{BAN_SAO_CODE}.json"
    path.write_text(text.replace('"amount": 1}', '"amount": 200.000}'), encoding="utf-8")
    with pytest.raises(CatalogueError) as refused:
        read_entry(path)
    assert "thứ 1 («Lệ phí») là 200.000, không phải một số đồng" in str(refused.value), str(refused.value)


def _components(edit) -> list:
    import json
    entry = json.loads((ROOT / "catalogue" / f"{BAN_SAO_CODE}.json").read_text(encoding="utf-8"))
    components = json.loads(json.dumps(entry["components"]))
    edit(components)
    return components


@pytest.mark.rule("QT-62")
@pytest.mark.parametrize("edit, words", [
    (lambda c: c[1].pop("code"), ["thành phần hồ sơ thứ 2 («Giấy tờ tùy thân", "thiếu mã «code»", '"code": "GTTT"']),
    (lambda c: c[1].__setitem__("code", "GT TT"), ['có mã «code» là "GT TT"', "không có dấu cách"]),
    (lambda c: c[1].__setitem__("code", "Giấy"), ['có mã «code» là "Giấy"', "chữ cái không dấu"]),
    (lambda c: c[1].pop("name"), ["thành phần hồ sơ thứ 2 (mã «GTTT») thiếu tên «name»"]),
    (lambda c: c[1].__setitem__("code", "tk"), ["thứ 1 («Tờ khai", "và thứ 2 («Giấy tờ tùy thân", "cùng mã «tk»"]),
    (lambda c: c[1].__setitem__("required", "false"), ['«required» phải là true hoặc false', 'không phải "false"',
                                                       "bắt buộc với mọi hồ sơ"]),
    (lambda c: c[0].__setitem__("copies", "2"), ['số bản «copies»', 'không phải "2"']),
    (lambda c: c[0].__setitem__("kind", "ban_chinhh"), ['«kind» là "ban_chinhh"', "ý bạn là «ban_chinh»"]),
    (lambda c: c.append("Tờ khai"), ["«components» (thành phần hồ sơ) phải là danh sách"]),
])
def test_a_catalogue_entrys_components_have_a_code_a_name_and_json_flags(tmp_path, edit, words):
    """A component without its code or name, two with one code, or "false" in quotes passes the
    diagram and its scenarios, then fails or wrongly accepts every application: refused on load."""
    import json

    from app.catalogue.loader import CatalogueError, check_entries, read_entry
    entry = json.loads((ROOT / "catalogue" / f"{BAN_SAO_CODE}.json").read_text(encoding="utf-8"))
    path = tmp_path / f"{BAN_SAO_CODE}.json"
    path.write_text(json.dumps({**entry, "components": _components(edit)}, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CatalogueError) as refused:
        read_entry(path)
    assert str(refused.value).startswith(f"{BAN_SAO_CODE}.json: ")
    assert all(word in str(refused.value) for word in words), str(refused.value)
    assert check_entries(tmp_path, ROOT / "forms") == [str(refused.value)]


@pytest.mark.rule("QT-62")
def test_bpmn_check_names_a_component_without_a_code(workspace):
    import json

    from tests.test_procedure_new import cli
    folder, env = workspace
    path = folder / "catalogue" / f"{BAN_SAO_CODE}.json"
    entry = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**entry, "components": _components(lambda c: c[1].pop("code"))}, ensure_ascii=False),
                    encoding="utf-8")
    result = cli(env, "bpmn", "check", str(folder / "bpmn" / f"{BAN_SAO}.bpmn"))
    assert result.exit_code == 1 and f"{BAN_SAO_CODE}.json: thành phần hồ sơ thứ 2" in result.output


@pytest.mark.rule("QT-37")
def test_a_condition_comparing_a_field_with_a_value_its_form_never_gives_is_refused(workspace):
    from tests.test_procedure_new import cli
    folder, env = workspace
    diagram = folder / "bpmn" / f"{BAN_SAO}.bpmn"
    text = diagram.read_text(encoding="utf-8")
    # Allowed: values the forms list, fields without enum, names a script or a comprehension sets.
    valid = ('quyet_dinh in ["tiep_nhan", "phe_duyet"] and ly_do != "x" and le_phi != "x" '
             'and all(q != "x" for q in [quyet_dinh]) and "tiep_nhan" == quyet_dinh')
    diagram.write_text(text.replace('quyet_dinh == "tiep_nhan"', valid.replace('"', "&quot;"), 1), encoding="utf-8")
    assert cli(env, "bpmn", "check", str(diagram)).exit_code == 0
    diagram.write_text(text.replace('quyet_dinh == "tiep_nhan"', 'quyet_dinh == "tiep_nhan "', 1)
                       .replace('ket_qua_tham_dinh == "dat"', 'ket_qua_tham_dinh not in ["dat", "Dat"]', 1)
                       .replace("le_phi = so_ban * 8000", 'le_phi = so_ban * 8000 if loai_trich_luc != 1 else 0', 1),
                       encoding="utf-8")
    result = cli(env, "bpmn", "check", str(diagram))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    [accepted] = [line for line in lines if line.startswith(f"{BAN_SAO}.bpmn: [Flow_tiep_nhan «Tiếp nhận»]")]
    assert ('Điều kiện trên nhánh «Tiếp nhận» so sánh «quyet_dinh» với "tiep_nhan " (trong «quyet_dinh == '
            '"tiep_nhan "»), nhưng trường «quyet_dinh» chỉ nhận "tiep_nhan", "yeu_cau_bo_sung", "tu_choi", '
            '"phe_duyet", "tra_lai" (biểu mẫu common/phe_duyet.schema.json, common/tiep_nhan.schema.json)') in accepted
    assert "phép so sánh luôn sai (có phải ý bạn là «\"tiep_nhan\"»?)" in accepted
    [listed] = [line for line in lines if '"Dat"' in line]
    assert listed.startswith(f"{BAN_SAO}.bpmn: [Flow_du_dieu_kien «Đạt»]") and "«\"dat\"»" in listed
    [script] = [line for line in lines if "Mã của công việc tự động" in line]
    assert "«loai_trich_luc» với 1" in script and "luôn đúng" in script
    assert lines[-1] == "Có 3 lỗi: 1 sơ đồ và 0 mục danh mục cần sửa."
    # Without the catalogue entry the citizen's form is not known: nothing is said for sure.
    assert [p for p in problems(text.replace('quyet_dinh == "tiep_nhan"', 'quyet_dinh == "tiep_nhan "', 1))] == []


@pytest.mark.rule("QT-37")
def test_a_script_comparing_the_fee_category_with_a_typo_is_refused(tmp_path):
    from engine.catalogue_forms import citizen_forms
    from engine.checking import check_files
    path = tmp_path / f"{LLTP}.bpmn"
    source = (ROOT / "bpmn" / f"{LLTP}.bpmn").read_text(encoding="utf-8")
    path.write_text(source.replace("le_phi = muc_phi[doi_tuong_nop_phi]\n", 'le_phi = muc_phi[doi_tuong_nop_phi]\n'
                                   'if doi_tuong_nop_phi == "thong_thuong ":\n    le_phi = 200000\n', 1), encoding="utf-8")
    ok, lines = check_files([path], ROOT / "forms", citizen_forms=citizen_forms(ROOT / "catalogue"))
    assert not ok
    [line] = [line for line in lines if "thong_thuong " in line]
    assert line.startswith(f"{LLTP}.bpmn: [Task_tinh_le_phi «Tính lệ phí»] Mã của công việc tự động so sánh "
                           '«doi_tuong_nop_phi» với "thong_thuong "')
    assert f"(biểu mẫu {LLTP}/to_khai.schema.json)" in line and "(có phải ý bạn là «\"thong_thuong\"»?)" in line


@pytest.mark.rule("QT-37")
@pytest.mark.rule("QT-20")
def test_a_fee_table_lacking_a_value_of_its_field_is_refused_before_a_dossier_stops_on_it(tmp_path):
    """`muc_phi[doi_tuong_nop_phi]` with no key for a value the citizen can choose: every dossier
    choosing it stops at the script. Said only when the dict and the lookup are known for sure."""
    from engine.catalogue_forms import citizen_forms
    from engine.checking import check_files
    source = (ROOT / "bpmn" / f"{LLTP}.bpmn").read_text(encoding="utf-8")
    table = 'muc_phi = {"thong_thuong": 200000, "giam": 100000, "mien": 0}\nle_phi = muc_phi[doi_tuong_nop_phi]\n'
    assert table in source
    catalogue = citizen_forms(ROOT / "catalogue")

    def found(edited: str, name: str = LLTP) -> list[str]:
        path = tmp_path / f"{name}.bpmn"
        path.write_text(edited, encoding="utf-8")
        ok, lines = check_files([path], ROOT / "forms", citizen_forms=catalogue)
        return [] if ok else [line for line in lines if line.startswith(f"{name}.bpmn: [")]

    without_mien = source.replace(table, table.replace(', "mien": 0', ""), 1)
    [line] = found(without_mien)
    assert line.startswith(f"{LLTP}.bpmn: [Task_tinh_le_phi «Tính lệ phí»] Mã của công việc tự động tra từ điển "
                           "«muc_phi» theo «doi_tuong_nop_phi» (trong «muc_phi[doi_tuong_nop_phi]»), nhưng từ điển "
                           'không có khóa cho giá trị "mien" của trường «doi_tuong_nop_phi» '
                           f"(biểu mẫu {LLTP}/to_khai.schema.json)")
    assert "dừng ở bước này với lỗi «Không có khóa 'mien' trong từ điển»" in line
    assert 'Từ điển có các khóa "thong_thuong", "giam"; trường nhận "thong_thuong", "giam", "mien"' in line
    with pytest.raises(ProcessFailed) as stopped:  # what the check foretells
        engine_for(without_mien).start(LLTP, {"doi_tuong_nop_phi": "mien", "so_ban": 1}, vn(2026, 11, 23, 8, 0))
    assert "Không có khóa 'mien' trong từ điển" in str(stopped.value)

    typo = found(source.replace(table, table.replace('"mien": 0', '"mien_phi": 0'), 1))
    assert len(typo) == 2 and 'không có khóa cho giá trị "mien"' in typo[0]
    assert ('nhưng khóa "mien_phi" của từ điển không phải giá trị nào của trường «doi_tuong_nop_phi»' in typo[1]
            and "(có phải ý bạn là «\"mien\"»?)" in typo[1])
    [inline] = found(source.replace(table, 'le_phi = {"thong_thuong": 200000, "giam": 100000}[doi_tuong_nop_phi]\n', 1))
    assert "tra từ điển viết thẳng theo «doi_tuong_nop_phi»" in inline and 'cho giá trị "mien"' in inline
    # A condition too: the gateway would stop the dossier where its officer chose "dung_xu_ly".
    ban_sao = SOURCE.replace('ket_qua_tham_dinh == "dat"',
                             '{"dat": True, "yeu_cau_bo_sung": False}[ket_qua_tham_dinh]'.replace('"', "&quot;"), 1)
    [condition] = found(ban_sao, BAN_SAO)
    assert condition.startswith(f"{BAN_SAO}.bpmn: [Flow_du_dieu_kien «Đạt»] Điều kiện trên nhánh «Đạt» tra từ điển "
                                "viết thẳng theo «ket_qua_tham_dinh»") and 'cho giá trị "dung_xu_ly"' in condition
    # Not known for sure, or no lookup that fails: nothing is said.
    for script in ('le_phi = muc_phi[doi_tuong_nop_phi] if doi_tuong_nop_phi in muc_phi else 0\n',
                   'le_phi = 0\nif doi_tuong_nop_phi != "mien":\n    le_phi = muc_phi[doi_tuong_nop_phi]\n',
                   'le_phi = muc_phi.get(doi_tuong_nop_phi, 0)\n',
                   'muc_phi["mien"] = 0\nle_phi = muc_phi[doi_tuong_nop_phi]\n',
                   'muc_phi = dict(muc_phi, mien=0)\nle_phi = muc_phi[doi_tuong_nop_phi]\n',
                   'doi_tuong_nop_phi = "giam"\nle_phi = muc_phi[doi_tuong_nop_phi]\n'):
        edited = source.replace(table, table.replace(', "mien": 0', "").replace(table.splitlines()[1] + "\n", script), 1)
        assert found(edited) == [], script


@pytest.mark.rule("QT-34")
def test_an_order_naming_a_field_the_form_lacks_or_leaving_one_out_is_warned(workspace, tmp_path):
    """ui:order as the e-form renders it: a name that is no field is skipped, so the field meant
    falls to the end; without "*" a field left out shows last (warnings: the form still works, and
    a field added in place to a shared form must not stop its procedures); a second "*" breaks
    the form (an error)."""
    import json

    from app.eforms.render import render_fields
    from engine.form_check import pair_problems
    from engine.forms import Form
    from tests.test_procedure_new import cli
    folder, env = workspace
    step_ui = folder / "forms" / "common" / "phe_duyet.uischema.json"
    step_ui.write_text(step_ui.read_text(encoding="utf-8").replace('"ui:order": ["quyet_dinh", "y_kien"]',
                                                                   '"ui:order": ["quyet_dinh", "y_kein"]'), "utf-8")
    citizen_ui = folder / "forms" / BAN_SAO / "don.uischema.json"
    ui = json.loads(citizen_ui.read_text(encoding="utf-8"))
    ui["ui:order"].remove("email")
    citizen_ui.write_text(json.dumps(ui, ensure_ascii=False), "utf-8")
    result = cli(env, "bpmn", "check", str(folder / "bpmn" / f"{BAN_SAO}.bpmn"))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    [step] = [line for line in lines if line.startswith(f"{BAN_SAO}.bpmn: [Task_phe_duyet «")]
    assert ("Cảnh báo: Tệp giao diện biểu mẫu «common/phe_duyet.uischema.json»: «ui:order» ghi «y_kein» nhưng tệp biểu mẫu "
            "«common/phe_duyet.schema.json» không có trường đó (có phải ý bạn là «y_kien»?), nên tên này bị bỏ qua "
            "khi hiện biểu mẫu, còn trường «y_kien» không có trong «ui:order» nên hiện ở cuối biểu mẫu") in step
    [entry] = [line for line in lines if line.startswith(f"2.000635.json: [ui_schema «{BAN_SAO}/don.uischema.json»]")]
    assert (f"«ui:order» không liệt kê trường «email» của tệp biểu mẫu «{BAN_SAO}/don.schema.json» và không có "
            '"*", nên trường «email» hiện ở cuối biểu mẫu') in entry and 'hoặc thêm "*"' in entry
    assert "Cảnh báo: " in entry and lines[-1].endswith("Có 2 cảnh báo: sơ đồ vẫn chạy, nhưng nên sửa."), lines[-1]

    def found(ui: dict) -> list[str]:
        (tmp_path / "f.uischema.json").write_text(json.dumps(ui), encoding="utf-8")
        advice = []
        return pair_problems(tmp_path, "f.schema.json", "f.uischema.json", advice) + advice

    schema = {"type": "object", "properties": {
        "ho_ten": {"type": "string", "title": "Họ và tên"}, "ghi_chu": {"type": "string", "title": "Ghi chú"},
        "cu_tru": {"type": "array", "title": "Cư trú", "items": {"type": "object", "properties": {
            "tu_nam": {"type": "integer", "title": "Từ năm"}, "den_nam": {"type": "integer", "title": "Đến năm"}}}}}}
    (tmp_path / "f.schema.json").write_text(json.dumps(schema), encoding="utf-8")

    def shown(ui: dict) -> str:
        return str(render_fields(Form(schema, ui), {}, []))

    assert found({"ui:order": ["ghi_chu", "*"], "cu_tru": {"items": {"ui:order": ["den_nam", "tu_nam"]}}}) == []
    assert found({"ui:order": []}) == []  # no order at all: the form's own
    html = shown({"ui:order": ["ghi_chu", "ho_tn", "cu_tru"]})  # what the messages say happens
    assert html.index("Ghi chú") < html.index("Cư trú") < html.index("Họ và tên")
    [group] = found({"ui:order": ["*"], "cu_tru": {"items": {"ui:order": ["den_nam", "tu_nma"]}}})
    assert group.startswith("Tệp giao diện biểu mẫu «f.uischema.json», trường «cu_tru»: «ui:order» ghi «tu_nma» "
                            "nhưng nhóm trường này") and "«tu_nam» không có trong «ui:order» nên hiện ở cuối nhóm" in group
    [stars, twice] = found({"ui:order": ["ho_ten", "ho_ten", "*", "cu_tru", "*"]})  # the error first
    assert "«ui:order» ghi «ho_ten» 2 lần, nên trường hiện 2 lần" in twice
    assert "ghi «*» 2 lần, nên biểu mẫu không mở được" in stars
    with pytest.raises(KeyError):
        shown({"ui:order": ["ho_ten", "*", "cu_tru", "*"]})
    [text] = found({"ui:order": "ho_ten, ghi_chu"})
    assert "«ui:order» phải là một danh sách tên trường" in text and 'không phải "ho_ten, ghi_chu"' in text


@pytest.mark.rule("QT-34")
def test_ui_confirm_asks_before_a_decision_that_ends_the_dossier_or_signs():
    """"ui:confirm" maps a choice's values to the question the officer's page asks before the form
    is sent with that value chosen; the shipped steps ask only where the dossier ends or the result
    is signed, and every value they name is one of the field's."""
    import json

    from app.eforms.render import render_fields
    from engine.forms import Form, load_form
    assert "`ui:confirm`" in GUIDE
    schema = {"type": "object", "properties": {"quyet_dinh": {"type": "string", "title": "Quyết định",
                                                              "enum": ["dong_y", "tu_choi"]}}}
    ui = {"quyet_dinh": {"ui:confirm": {"tu_choi": "Từ chối? Không hoàn tác được."}}}
    html = str(render_fields(Form(schema, ui), {}, []))
    assert re.search(r'<input[^>]*value="tu_choi"[^>]*data-confirm="Từ chối\? Không hoàn tác được\.">', html)
    assert html.count("data-confirm") == 1  # "dong_y" is sent without a question
    asked = {}
    for path in sorted((ROOT / "forms").rglob("*.uischema.json")):
        for name, options in json.loads(path.read_text(encoding="utf-8")).items():
            if isinstance(options, dict) and "ui:confirm" in options:
                relative = str(path.relative_to(ROOT / "forms"))
                spec = load_form(ROOT / "forms", relative.replace(".uischema.json", ".schema.json")).schema
                assert set(options["ui:confirm"]) <= set(spec["properties"][name]["enum"]), relative
                asked[relative, name] = sorted(options["ui:confirm"])
    assert asked == {("common/duyet_dung.uischema.json", "quyet_dinh_dung"): ["dong_y"],
                     ("common/phe_duyet.uischema.json", "quyet_dinh"): ["phe_duyet"],
                     ("common/tiep_nhan.uischema.json", "quyet_dinh"): ["tu_choi"]}


@pytest.mark.rule("QT-34")
def test_a_ui_confirm_naming_no_value_of_its_field_is_warned(tmp_path):
    """A typo in "ui:confirm" would let a stop go without its question: said, with the value meant."""
    import json

    from engine.form_check import pair_problems
    (tmp_path / "f.schema.json").write_text(json.dumps({"type": "object", "properties": {
        "ket_qua": {"type": "string", "enum": ["dat", "dung_xu_ly"]}}}), encoding="utf-8")

    def advice(ui: dict) -> list[str]:
        (tmp_path / "f.uischema.json").write_text(json.dumps(ui), encoding="utf-8")
        found: list[str] = []
        assert pair_problems(tmp_path, "f.schema.json", "f.uischema.json", found) == []  # the form still works
        return found

    assert advice({"ket_qua": {"ui:confirm": {"dung_xu_ly": "Dừng xử lý?"}}}) == []
    [typo] = advice({"ket_qua": {"ui:confirm": {"dung_xu_li": "Dừng xử lý?"}}})
    assert ('«ui:confirm» đặt câu hỏi cho giá trị "dung_xu_li", nhưng trường chỉ nhận "dat", "dung_xu_ly"' in typo
            and "(có phải ý bạn là «dung_xu_ly»?)" in typo and "không bao giờ hiện" in typo)
    [text] = advice({"ket_qua": {"ui:confirm": "Dừng xử lý?"}})
    assert "«ui:confirm» phải là một đối tượng" in text


@pytest.mark.rule("QT-43")
def test_a_choice_no_branch_takes_is_named_before_a_dossier_stops_on_it(tmp_path):
    """Every branch of «Kết quả thẩm định?» tests ket_qua_tham_dinh, none is the default, and the
    stop proposal's branch was rewritten to test "dat" again: "dung_xu_ly", which the form offers,
    would stop the dossier at the gateway."""
    from engine.catalogue_forms import citizen_forms
    from engine.checking import check_files
    catalogue = citizen_forms(ROOT / "catalogue")

    def found(edited: str) -> list[str]:
        path = tmp_path / f"{BAN_SAO}.bpmn"
        path.write_text(edited, encoding="utf-8")
        ok, lines = check_files([path], ROOT / "forms", citizen_forms=catalogue)
        return [] if ok else [line for line in lines if line.startswith(f"{BAN_SAO}.bpmn: [")]

    condition = 'ket_qua_tham_dinh == "dung_xu_ly"</bpmn:conditionExpression>\n      </bpmn:sequenceFlow>\n' \
                '      <bpmn:sequenceFlow id="Flow_duyet_dung_xong"'
    assert condition in SOURCE and found(SOURCE) == []
    xml = SOURCE.replace(condition, condition.replace('"dung_xu_ly"', '"dat"'))
    [line] = found(xml)
    assert line.startswith(f"{BAN_SAO}.bpmn: [Gateway_tham_dinh «Kết quả thẩm định?»] Cổng rẽ nhánh không có "
                           "nhánh mặc định và mọi nhánh ra chỉ xét «ket_qua_tham_dinh»")
    assert 'không nhánh nào nhận "dung_xu_ly"' in line and "common/tham_dinh.schema.json" in line
    assert "nhánh mặc định" in line
    # A default branch takes what no condition names: nothing to say.
    assert found(xml.replace('<bpmn:exclusiveGateway id="Gateway_tham_dinh" name="Kết quả thẩm định?">',
                             '<bpmn:exclusiveGateway id="Gateway_tham_dinh" name="Kết quả thẩm định?" '
                             'default="Flow_du_dieu_kien">')) == []
    # A value tested among others (`in [...]`) is routed too.
    assert found(SOURCE.replace(condition, condition.replace('== "dung_xu_ly"', 'in ["dung_xu_ly", "dat"]'))) == []


@pytest.mark.rule("QT-54")
def test_words_a_form_says_that_nothing_reads_are_warned_and_badly_written_values_refused(workspace):
    """A keyword nothing reads is a warning naming the file, the field and what was meant (the
    form still works; a shared form warned once per check); a value written the wrong way is an
    error in Vietnamese with the field and the keyword."""
    from tests.test_procedure_new import cli
    folder, env = workspace
    step_form = folder / "forms" / "common" / "tham_dinh.schema.json"
    text = step_form.read_text(encoding="utf-8")
    step_form.write_text(text.replace('"required": ["ket_qua_tham_dinh"],', '"requried": ["ket_qua_tham_dinh"],', 1)
                         .replace('"title": "Ý kiến thẩm định", "maxLength": 4000',
                                  '"title": "Ý kiến thẩm định", "maximum": 4000'), "utf-8")
    citizen_form = folder / "forms" / BAN_SAO / "don.schema.json"
    citizen = citizen_form.read_text(encoding="utf-8")
    citizen_form.write_text(citizen.replace('"title": "Loại trích lục",', '"title": "Loại trích lục", "ui:widget": "radio",'),
                            "utf-8")
    result = cli(env, "bpmn", "check", str(folder / "bpmn" / f"{BAN_SAO}.bpmn"))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    step = [line for line in lines if "Tệp biểu mẫu «common/tham_dinh.schema.json»" in line]
    # Its consequence, said where the field is read: «ket_qua_tham_dinh» is not required any more (QT-61).
    blank = [line for line in lines if "«ket_qua_tham_dinh» không bắt buộc trong biểu mẫu common/tham_dinh" in line]
    assert blank and len(step) == 2 and all(line.startswith(f"{BAN_SAO}.bpmn: [Task_tham_dinh «Thẩm định hồ sơ»] Cảnh báo: ")
                                  for line in step), step
    assert ("Tệp biểu mẫu «common/tham_dinh.schema.json»: «requried» không phải từ khóa mà hệ thống đọc (JSON Schema "
            "2020-12, cùng errorMessage, formatMinimum, formatMaximum) (có phải ý bạn là «required»?), nên nó bị bỏ qua"
            ) in step[0]
    assert ("trường «y_kien»: «maximum» chỉ có tác dụng với trường số (number), mà trường này có kiểu (type) chữ "
            "(string), nên nó bị bỏ qua. Với trường chữ (string), từ khóa tương ứng là «maxLength»") in step[1]
    [entry] = [line for line in lines if line.startswith(f"2.000635.json: [form «{BAN_SAO}/don.schema.json»]")]
    assert ("Cảnh báo: Tệp biểu mẫu «cap_ban_sao_trich_luc_ho_tich/don.schema.json», trường «loai_trich_luc»: "
            "«ui:widget» là thiết lập hiển thị, thuộc tệp giao diện") in entry
    assert lines[-1].endswith(f"Có {3 + len(blank)} cảnh báo: sơ đồ vẫn chạy, nhưng nên sửa."), lines[-1]

    citizen_form.write_text(citizen.replace('"pattern": "^[0-9]{12}$"', '"pattern": "^[0-9{12}$"')
                            .replace('"minLength": 1, "maxLength": 200}', '"minLength": "1", "maxLength": 200}', 1),
                            "utf-8")
    step_form.write_text(text, "utf-8")
    refused = cli(env, "bpmn", "check", str(folder / "bpmn" / f"{BAN_SAO}.bpmn"))
    assert refused.exit_code == 1
    [error] = [line for line in refused.output.splitlines() if line.startswith("2.000635.json: [form")]
    assert "không phải JSON Schema hợp lệ: trường «" in error and " is not " not in error
    from engine.form_check import schema_problems
    [pattern] = schema_problems({"type": "object", "properties": {"so": {"type": "string", "pattern": "^[0-9{12}$"}}},
                                "f.schema.json")
    assert ('trường «so», từ khóa «pattern»: "^[0-9{12}$" không phải biểu thức chính quy (pattern) viết đúng: mở «[» '
            "mà không đóng bằng «]» (ở ký tự thứ 2)") in pattern
    [count] = schema_problems({"type": "object", "properties": {"ten": {"type": "string", "minLength": "1"}}},
                              "f.schema.json")
    assert 'trường «ten», từ khóa «minLength»: "1" phải là số nguyên (integer).' in count


@pytest.mark.rule("QT-55")
@pytest.mark.parametrize("prop, value, element", [
    ("timeLimit", "working_days(5)", "Gateway_tham_dinh"),
    ("agency", "000.00.30.H99", "Gateway_tham_dinh"),
    ("formJsonSchemaFilename", "common/tham_dinh.schema.json", "Gateway_tham_dinh"),
    ("formUiSchemaFilename", "common/tham_dinh.uischema.json", "Gateway_tham_dinh"),
    ("marksLate", "true", "Task_tham_dinh"),
])
def test_a_property_on_an_element_that_never_reads_it_is_refused(prop, value, element):
    """What the engine reads only on a step officers work (form, deadline, agency) or only on a
    timer (marksLate) is an error elsewhere, with where it belongs: it would do nothing there."""
    setting = f'<spiffworkflow:property name="{prop}" value="{value}" />'
    if element == "Task_tham_dinh":
        xml = SOURCE.replace('<spiffworkflow:property name="timeLimit" value="working_days(1)"',
                             setting + '\n<spiffworkflow:property name="timeLimit" value="working_days(1)"', 1)
    else:
        xml = re.sub(rf'(<bpmn:exclusiveGateway id="{element}"[^>]*>)',
                     rf"\1<bpmn:extensionElements><spiffworkflow:properties>{setting}"
                     r"</spiffworkflow:properties></bpmn:extensionElements>", SOURCE)
    assert xml != SOURCE
    [problem] = problems(xml)
    assert problem.element_id == element and f"Thuộc tính {prop} không có tác dụng trên" in problem.message
    where = {"marksLate": "bộ hẹn giờ", "timeLimit": "bộ hẹn giờ biên"}.get(prop, "userTask")
    assert where in problem.message, problem.message
    # The same property where it belongs is accepted (the shipped diagram has it there, or a timer).
    assert problems(SOURCE) == []


@pytest.mark.rule("QT-57")
def test_ui_shown_when_wraps_a_field_in_the_choice_it_belongs_to_and_marks_it_required_there():
    from app.eforms.render import render_fields
    from engine.forms import Form
    schema = {"type": "object", "required": ["quyet_dinh"], "properties": {
        "quyet_dinh": {"type": "string", "title": "Quyết định", "enum": ["tiep_nhan", "bo_sung", "tu_choi"]},
        "ly_do": {"type": "string", "title": "Lý do"}, "ghi_chu": {"type": "string", "title": "Ghi chú"},
        "nhom": {"type": "object", "title": "Nhóm", "properties": {
            "gui_thu": {"type": "boolean", "title": "Gửi thư"}, "dia_chi": {"type": "string", "title": "Địa chỉ"}}}},
        "allOf": [{"if": {"properties": {"quyet_dinh": {"const": "tu_choi"}}, "required": ["quyet_dinh"]},
                   "then": {"required": ["ly_do"]}},
                  {"if": {"properties": {"quyet_dinh": {"enum": ["bo_sung"]}}, "required": ["quyet_dinh"]},
                   "then": {"required": ["ly_do"]}}]}
    ui = {"ly_do": {"ui:shownWhen": {"quyet_dinh": ["bo_sung", "tu_choi"]}},
          "ghi_chu": {"ui:shownWhen": {"khong_co": ["x"]}},                       # no such choice: always shown
          "nhom": {"dia_chi": {"ui:shownWhen": {"gui_thu": [True]}}}}
    page = lxml_html.fromstring(f"<div>{render_fields(Form(schema, ui), {}, [])}</div>")
    parts = {p.xpath(".//*[@id]")[0].get("id"): p.get("data-shown-when") for p in page.xpath("//*[@data-shown-when]")}
    assert parts == {"f-ly_do": "f.quyet_dinh=bo_sung|tu_choi", "f-nhom-dia_chi": "f.nhom.gui_thu=true"}
    # Without the page's script every field shows: each says when it applies.
    assert page.xpath('//*[@data-shown-when]/p[@class="help shown-when-note"]/text()') == [
        "Chỉ điền khi «Quyết định» là «bo_sung» hoặc «tu_choi».", "Chỉ điền khi «Gửi thư» là «Có»."]
    # Required whenever it shows (both choices require it): marked so; the address never is.
    assert page.xpath('//*[@id="f-ly_do"]/@aria-required') == ["true"]
    assert page.xpath('//*[@id="f-nhom-dia_chi"]/@aria-required') == []
    # What a hidden field holds is neither checked nor kept; shown, it is both.
    form = Form(schema, ui)
    assert form.validate({"quyet_dinh": "tiep_nhan", "ly_do": 5}) == []
    assert form.visible({"quyet_dinh": "tiep_nhan", "ly_do": "Đã gõ", "ghi_chu": "g"}) == {"quyet_dinh": "tiep_nhan",
                                                                                          "ghi_chu": "g"}
    assert [e.field for e in form.validate({"quyet_dinh": "tu_choi", "ly_do": 5})] == ["ly_do"]
    assert form.visible({"quyet_dinh": "tu_choi", "ly_do": "Đã gõ"}) == {"quyet_dinh": "tu_choi", "ly_do": "Đã gõ"}
    assert form.visible({"nhom": {"gui_thu": False, "dia_chi": "x"}}) == {"nhom": {"gui_thu": False}}


@pytest.mark.rule("QT-57")
def test_a_field_following_a_hidden_choice_is_hidden_and_an_unticked_box_is_no():
    from engine.forms import Form
    schema = {"type": "object", "properties": {
        "quy_mo": {"type": "string", "enum": ["lon", "nho"]},
        "loai_ve": {"type": "string", "enum": ["co_phi", "mien_phi"]},
        "gia_ve": {"type": "integer", "title": "Giá vé", "minimum": 1000},
        "co_tai_tro": {"type": "boolean", "title": "Có tài trợ"},
        "nguon_kinh_phi": {"type": "string", "title": "Nguồn kinh phí"}}}
    ui = {"loai_ve": {"ui:shownWhen": {"quy_mo": ["lon"]}}, "gia_ve": {"ui:shownWhen": {"loai_ve": ["co_phi"]}},
          "nguon_kinh_phi": {"ui:shownWhen": {"co_tai_tro": [False]}}}
    form = Form(schema, ui)
    # The scale turned small hides the ticket kind, and with it the price chosen for it.
    typed = {"quy_mo": "nho", "loai_ve": "co_phi", "gia_ve": 500}
    assert form.visible(typed) == {"quy_mo": "nho"} and form.validate(typed) == []
    assert [e.field for e in form.validate({**typed, "quy_mo": "lon"})] == ["gia_ve"]
    # The box left unticked (the page sends nothing) is "no": what it shows is kept.
    assert form.visible({"nguon_kinh_phi": "Ngân sách đoàn"}) == {"nguon_kinh_phi": "Ngân sách đoàn"}
    assert form.visible({"co_tai_tro": True, "nguon_kinh_phi": "x"}) == {"co_tai_tro": True}


@pytest.mark.rule("QT-57")
def test_a_choice_with_a_default_counts_as_it_until_answered_and_the_page_chooses_it():
    """The criminal-record form: the ID paper defaults to the identity card. A passport number
    typed, then abandoned by choosing the card again, is neither kept nor printed."""
    import json

    from app.eforms.render import render_fields
    from engine.forms import Form
    folder = ROOT / "forms" / "cap_phieu_ly_lich_tu_phap"
    form = Form(json.loads((folder / "to_khai.schema.json").read_text(encoding="utf-8")),
                json.loads((folder / "to_khai.uischema.json").read_text(encoding="utf-8")))
    abandoned = {"loai_giay_to": "cccd", "so_cccd": "001090000123", "so_ho_chieu": "B1234567"}
    assert "so_ho_chieu" not in form.visible(abandoned) and "so_cccd" in form.visible(abandoned)
    unanswered = form.visible({"so_ho_chieu": "B1234567"})
    assert "so_ho_chieu" not in unanswered
    assert "so_cccd" in {e.field for e in form.validate({"so_ho_chieu": "B1234567"})}  # the card's number is asked
    page = render_fields(form, {}, [])
    assert re.search(r'<input[^>]*name="f.loai_giay_to"[^>]*value="cccd"[^>]*checked', page)


@pytest.mark.rule("QT-57")
def test_an_else_branch_requires_a_field_only_for_the_other_values_and_never_while_hidden(tmp_path):
    import json

    from app.eforms.render import render_fields
    from engine.form_check import pair_problems
    from engine.forms import Form
    schema = {"type": "object", "required": ["loai_hinh"], "properties": {
        "loai_hinh": {"type": "string", "enum": ["trong_nuoc", "nuoc_ngoai", "lien_ket"]},
        "muc_phi": {"type": "string", "title": "Mức phí áp dụng"}},
        "if": {"properties": {"loai_hinh": {"const": "nuoc_ngoai"}}, "required": ["loai_hinh"]},
        "else": {"required": ["muc_phi"]}}
    hidden_when_needed = {"muc_phi": {"ui:shownWhen": {"loai_hinh": ["nuoc_ngoai"]}}}
    (tmp_path / "f.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    (tmp_path / "f.uischema.json").write_text(json.dumps(hidden_when_needed), encoding="utf-8")
    [needed] = pair_problems(tmp_path, "f.schema.json", "f.uischema.json")
    assert 'ẩn trường khi «loai_hinh» là "trong_nuoc", "lien_ket"' in needed and "if/then hay else" in needed
    right = {"muc_phi": {"ui:shownWhen": {"loai_hinh": ["trong_nuoc", "lien_ket"]}}}
    (tmp_path / "f.uischema.json").write_text(json.dumps(right), encoding="utf-8")
    assert pair_problems(tmp_path, "f.schema.json", "f.uischema.json") == []
    form = Form(schema, right)
    assert [e.field for e in form.validate({"loai_hinh": "trong_nuoc"})] == ["muc_phi"]
    assert form.validate({"loai_hinh": "nuoc_ngoai"}) == []
    # No kind chosen yet: the else branch holds, but the field is hidden, so only the kind is asked for.
    assert [e.field for e in form.validate({})] == ["loai_hinh"]
    page = render_fields(form, {}, [])
    assert 'aria-required="true"' in page.split('id="f-muc_phi"')[1].split(">")[0]


@pytest.mark.rule("QT-57")
def test_the_check_refuses_shown_when_rules_in_a_loop_or_on_the_field_itself(tmp_path):
    import json

    from engine.form_check import pair_problems
    (tmp_path / "f.schema.json").write_text(json.dumps({"type": "object", "properties": {
        "kenh": {"type": "string", "enum": ["web", "quay"]}, "hinh_thuc": {"type": "string", "enum": ["truc_tuyen"]},
        "dia_diem": {"type": "string", "enum": ["a"]}, "co": {"type": "boolean"}}}), encoding="utf-8")
    (tmp_path / "f.uischema.json").write_text(json.dumps({
        "hinh_thuc": {"ui:shownWhen": {"kenh": ["web"]}}, "kenh": {"ui:shownWhen": {"hinh_thuc": ["truc_tuyen"]}},
        "dia_diem": {"ui:shownWhen": {"dia_diem": ["a"]}}, "co": {"ui:shownWhen": {"kenh": ["web"]}}}),
        encoding="utf-8")
    found = pair_problems(tmp_path, "f.schema.json", "f.uischema.json")
    [loop] = [p for p in found if "thành vòng" in p]
    assert "«kenh» → «hinh_thuc» → «kenh»" in loop and "không trường nào trong vòng hiện được" in loop
    [itself] = [p for p in found if "dựa vào chính trường" in p]
    assert "«dia_diem»" in itself and len(found) == 2
    (tmp_path / "f.uischema.json").write_text(json.dumps({"dia_diem": {"ui:shownWhen": {"co": ["true"]}}}),
                                              encoding="utf-8")
    [typed] = pair_problems(tmp_path, "f.schema.json", "f.uischema.json")
    assert "(có phải ý bạn là «true»?)" in typed  # as the JSON file spells it


@pytest.mark.rule("QT-57")
def test_a_ui_shown_when_naming_no_choice_or_no_value_of_it_is_an_error(tmp_path):
    import json

    from engine.form_check import pair_problems
    def found(rule, required=(), branch=None) -> list[str]:
        (tmp_path / "f.schema.json").write_text(json.dumps({"type": "object", "required": list(required), "properties": {
            "ket_qua": {"type": "string", "enum": ["dat", "dung_xu_ly"]}, "ghi_chu": {"type": "string"},
            "nhu_cau": {"type": "array", "items": {"type": "string", "enum": ["a", "b"]}},
            "ly_do": {"type": "string"}}, **({"allOf": [{"if": {"properties": {"ket_qua": {"const": branch}},
                                                            "required": ["ket_qua"]}, "then": {"required": ["ly_do"]}}]}
                                             if branch else {})}), encoding="utf-8")
        (tmp_path / "f.uischema.json").write_text(json.dumps({"ly_do": {"ui:shownWhen": rule}}), encoding="utf-8")
        return pair_problems(tmp_path, "f.schema.json", "f.uischema.json")

    assert found({"ket_qua": ["dung_xu_ly"]}) == [] and found({"ket_qua": "dat"}) == []
    [typo] = found({"ket_qua": ["dung_xuly"]})
    assert "«ly_do»" in typo and 'khi «ket_qua» là "dung_xuly"' in typo and "(có phải ý bạn là «dung_xu_ly»?)" in typo
    [field] = found({"ket_qa": ["dat"]})
    assert "dựa vào trường «ket_qa»" in field and "(có phải ý bạn là «ket_qua»?)" in field
    for not_one in ("ghi_chu", "nhu_cau"):  # a text; a multiple choice
        [text] = found({not_one: ["a"]})
        assert f"dựa vào trường «{not_one}», nhưng trường đó không phải trường chọn một giá trị" in text
    # Hidden for a value that requires it: nobody could send the form with that value.
    assert found({"ket_qua": ["dung_xu_ly"]}, branch="dung_xu_ly") == []
    [needed] = found({"ket_qua": ["dat"]}, branch="dung_xu_ly")
    assert 'ẩn trường khi «ket_qua» là "dung_xu_ly"' in needed and "Thêm giá trị đó vào «ui:shownWhen»" in needed
    [always] = found({"ket_qua": ["dat"]}, required=["ly_do"])
    assert "luôn bắt buộc trường này (required)" in always
    [shape] = found(["ket_qua", "dat"])
    assert "«ui:shownWhen» phải ghi một trường lựa chọn" in shape and "nên trường luôn hiện" in shape


@pytest.mark.rule("QT-60")
def test_a_branch_at_a_parallel_join_is_reported_and_a_hang_is_said_by_the_scenario_runner():
    """The specialist's branch done, the criminal-record dossier waits at «Tổng hợp kết quả» for
    the police's answer: the engine says so (waiting_joins). Were nothing else left to move it on,
    the scenario runner would say the dossier waits there for ever, pointing to the check."""
    from dataclasses import replace
    from types import SimpleNamespace
    from engine.scenarios.runner import _Run
    engine = engine_for()
    opened = accepted(engine, LLTP, {"so_ban": 1, "doi_tuong_nop_phi": "thong_thuong"})
    search = task(opened, "Tra cứu, xác minh thông tin lý lịch tư pháp")
    checked = engine.complete_task(LLTP, opened.version, opened.state, search.id,
                                   {"ket_qua_tham_dinh": "dat"}, vn(2026, 11, 23, 9, 0))
    assert checked.waiting_joins == [("Gateway_tong_hop", "Tổng hợp kết quả")]
    assert [t.name for t in checked.open_tasks] == ["Lấy ý kiến Công an tỉnh"]
    hung = replace(checked, open_tasks=[], next_timer_at=None, waiting_messages=[])
    words = _Run.state(SimpleNamespace(outcome=hung, status=4, status_set=True,
                                      shown_status=lambda o: (4, "")), outcome=hung)
    assert "hồ sơ chờ mãi ở Gateway_tong_hop «Tổng hợp kết quả»" in words and "QT-60" in words


@pytest.mark.rule("QT-63")
@pytest.mark.parametrize("written, words", [
    ('ket_qua_tham_dinh is "dat"', ['«ket_qua_tham_dinh is "dat"» dùng «is»', 'Sửa thành: ket_qua_tham_dinh == "dat"']),
    ('ket_qua_tham_dinh is not "dat"', ['luôn đúng', 'Sửa thành: ket_qua_tham_dinh != "dat"']),
    ('ket_qua_tham_dinh == "dat" or "yeu_cau_bo_sung"', ['"yeu_cau_bo_sung" đứng một mình giữa các vế của «or»',
                                                          'Sửa thành: ket_qua_tham_dinh in ["dat", "yeu_cau_bo_sung"]']),
    ('so_ban > 1 or "dat"', ['"dat" đứng một mình', 'hoặc quyet_dinh in ["a", "b"]']),
    ('"dat"', ['chỉ là giá trị "dat", không phải một phép so sánh, nên luôn đúng']),
])
def test_python_that_runs_but_does_not_say_what_it_reads_as_is_refused(written, words):
    source = SOURCE.replace('ket_qua_tham_dinh == "dat"', written.replace('"', "&quot;"), 1)
    said = [str(p) for p in problems(source)]
    found = [p for p in said if "Điều kiện trên nhánh" in p and ("«is»" in p or "«or»" in p or "chỉ là giá trị" in p)]
    assert len(found) == 1 and all(word in found[0] for word in words), found


@pytest.mark.rule("QT-63")
def test_or_giving_a_value_and_is_none_stay_allowed():
    from engine.diagram_check import _bare_values_in_or, _identity_tests, _parsed
    for source in ('ghi_chu = ho_ten or "—"', "if so_ban is None:\n    so_ban = 1", 'x = [a for a in b if a is not None]'):
        _, tree, _ = _parsed(source, "exec")
        assert list(_bare_values_in_or(tree)) == [] and list(_identity_tests(tree)) == [], source
    _, tree, _ = _parsed('if ket_qua == "a" or "b":\n    x = 1', "exec")
    assert len(list(_bare_values_in_or(tree))) == 1
