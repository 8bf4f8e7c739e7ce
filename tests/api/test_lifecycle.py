"""Both shipped procedures driven through their whole lives over HTTP, with a controlled clock."""
from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import vn

BAN_SAO = "2.000635"
LLTP = "2.000488"

BAN_SAO_FORM = {
    "ho_ten_nguoi_yeu_cau": "Nguyễn Văn An",
    "so_cccd": "001090000001",
    "loai_trich_luc": "khai_sinh",
    "ho_ten_nguoi_duoc_cap": "Nguyễn Thị Bé",
    "ngay_dang_ky": "2020-05-04",
    "noi_dang_ky": "Ủy ban nhân dân phường An Bình",
    "so_ban": 1,
    "so_dien_thoai": "0912345678",
}

LLTP_FORM = {
    "ho_ten": "Nguyễn Văn An",
    "ngay_sinh": "1990-01-15",
    "gioi_tinh": "nam",
    "noi_sinh": "Bình An",
    "quoc_tich": "Việt Nam",
    "loai_giay_to": "cccd",
    "so_cccd": "001090000001",
    "noi_cu_tru": "12 Lê Lợi, phường An Bình",
    "loai_phieu": "1",
    "muc_dich": "Bổ sung hồ sơ xin việc",
    "so_ban": 2,
    "doi_tuong_nop_phi": "thong_thuong",
    "qua_trinh_cu_tru": [{"tu_nam": 1990, "den_nam": 2026, "noi_cu_tru": "phường An Bình"}],
}

ACCEPT = {"quyet_dinh": "tiep_nhan"}
APPRAISE = {"ket_qua_tham_dinh": "dat", "y_kien": "Hồ sơ đầy đủ, đúng quy định."}
APPROVE = {"quyet_dinh": "phe_duyet", "y_kien": "Đồng ý."}
RETURN = {"hinh_thuc_tra": "truc_tuyen"}


def submit(api, code, form, expect=201):
    response = api.post("/dossiers", "congdan", json={"procedure_code": code, "data": form})
    assert response.status_code == expect, response.get_json()
    return response.get_json()


def pay(api, ref) -> dict:
    """The desk takes the fee the dossier waits for (after acceptance)."""
    response = api.post(f"/dossiers/{ref}/fee", "motcua", json={"channel": "counter"})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def dossier(api, ref, user="congdan"):
    response = api.get(f"/dossiers/{ref}", user)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


@pytest.mark.rule("QT-21")
def test_copy_of_civil_status_extract_with_a_supplement_request(api, clock):
    clock.set(vn(2026, 11, 23, 9, 0))  # Monday; Tuesday 24/11 is Vietnam Cultural Day
    created = submit(api, BAN_SAO, BAN_SAO_FORM)
    assert created["status"]["code"] == 1 and created["code"] is None
    assert created["counts_from"] == "2026-11-23T09:00:00+07:00"
    # 8 working hours: 6.5 on Monday, 24/11 is a holiday, 1.5 on Wednesday.
    assert created["reception_due_at"] == "2026-11-25T09:00:00+07:00"
    task = api.task("motcua", "Tiếp nhận hồ sơ")
    assert task["due_at"] == "2026-11-25T09:00:00+07:00"
    assert api.get("/tasks", "chuyenvien").get_json()["items"] == []

    clock.set(vn(2026, 11, 23, 9, 30))
    api.complete("motcua", "Tiếp nhận hồ sơ", {
        "quyet_dinh": "yeu_cau_bo_sung", "ly_do": "Thiếu bản sao giấy tờ tùy thân.",
        "thanh_phan_can_bo_sung": [{"thanh_phan": "Bản chụp Căn cước công dân", "yeu_cau": "Nộp bản chụp rõ nét, đủ hai mặt."}]})
    state = dossier(api, created["id"])
    assert state["status"]["code"] == 5 and state["waiting_for"] == ["bo_sung", "rut_ho_so"]  # or withdraw
    assert state["open_tasks"] == []
    # What to bring, as Mẫu 02 says it: the citizen's client needs no page to know.
    assert state["supplement_request"] == {
        "number": 1, "stage": "reception", "reason": "Thiếu bản sao giấy tờ tùy thân.",
        "components": [{"name": "Bản chụp Căn cước công dân", "to_do": "Nộp bản chụp rõ nét, đủ hai mặt.",
                        "component_code": None}]}
    assert api.get(f"/dossiers/{created['id']}", "motcua").get_json()["supplement_request"]["late"] is False

    clock.set(vn(2026, 11, 23, 9, 45))
    response = api.post(f"/dossiers/{created['id']}/supplement", "congdan", json={"data": {"so_ban": 2}})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["status"]["code"] == 1
    assert response.get_json()["form_data"]["so_ban"] == 2 and response.get_json()["supplement_request"] is None

    clock.set(vn(2026, 11, 23, 10, 0))
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT)
    state = dossier(api, created["id"])
    assert state["code"] == "000.00.12.H99-261123-0001"
    # Accepted, the dossier waits for its fee: 2 copies at 8.000 đồng.
    assert state["status"]["code"] == 6 and state["amount_due"] == 16000
    assert sorted(state["waiting_for"]) == ["rut_ho_so", "thanh_toan"] and state["open_tasks"] == []
    assert state["received_at"] == "2026-11-23T10:00:00+07:00"
    # 2 working days = 16 working hours: 5.5 on Monday, 8 on Wednesday, 2.5 on Thursday.
    assert state["due_at"] == "2026-11-26T10:00:00+07:00"
    assert state["form_data"]["so_ban"] == 2

    clock.set(vn(2026, 11, 23, 10, 30))
    state = pay(api, created["id"])
    assert state["status"]["code"] == 4 and state["amount_due"] is None
    # The half hour the citizen took to pay does not count against the agency.
    assert state["due_at"] == "2026-11-26T10:30:00+07:00"
    paid = [e for e in state["history"] if e["kind"] in ("fee_requested", "fee_paid")]
    assert [(e["kind"], e["status_after"]) for e in paid] == [("fee_requested", None), ("fee_paid", 4)]

    clock.set(vn(2026, 11, 25, 8, 0))
    api.complete("chuyenvien", "Thẩm định hồ sơ", APPRAISE)
    api.complete("lanhdao", "Phê duyệt kết quả", {"quyet_dinh": "tra_lai", "y_kien": "Xem lại."})
    api.complete("chuyenvien", "Thẩm định hồ sơ", APPRAISE)
    api.complete("lanhdao", "Phê duyệt kết quả", APPROVE)
    assert dossier(api, created["id"])["status"]["code"] == 9
    api.complete("motcua", "Trả kết quả", RETURN)

    final = dossier(api, state["code"], user="motcua")
    assert final["status"]["code"] == 10
    assert final["finished_at"] == "2026-11-25T08:00:00+07:00"
    assert final["open_tasks"] == [] and final["waiting_for"] == []
    kinds = [e["kind"] for e in final["history"]]
    assert kinds[0] == "submitted" and "code_issued" in kinds and kinds.count("task_completed") == 7
    assert [e["status_after"] for e in final["history"] if e["kind"] == "message"] == [1]

    lookup = api.get(f"/lookup/{state['code']}").get_json()
    assert lookup["applicant_name"] == "Nguyễn Văn An"
    assert lookup["status"] == {"code": 10, "label": "Đã trả kết quả"}
    assert lookup["appointment_at"] == "2026-11-26T10:30:00+07:00"
    assert "Sở Tư pháp tỉnh Bình An" in lookup["handled_by"]
    assert "form_data" not in lookup and "so_cccd" not in str(lookup)


def test_refusal_ends_the_dossier_without_a_code(api, clock):
    clock.set(vn(2026, 11, 23, 14, 0))
    created = submit(api, BAN_SAO, BAN_SAO_FORM)
    api.complete("motcua", "Tiếp nhận hồ sơ", {"quyet_dinh": "tu_choi", "ly_do": "Không thuộc thẩm quyền."})
    state = dossier(api, created["id"])
    assert state["status"]["code"] == 3
    assert state["code"] is None and state["finished_at"] == "2026-11-23T14:00:00+07:00"
    assert state["open_tasks"] == [] and api.get("/tasks", "motcua").get_json()["items"] == []


def test_reception_timer_marks_the_dossier_late_after_8_working_hours(api, clock, clean_app):
    from app.dossiers.timers import fire_due_timers
    clock.set(vn(2026, 11, 20, 16, 0))  # Friday 16:00: one hour on Friday, seven on Monday
    created = submit(api, BAN_SAO, BAN_SAO_FORM)
    assert created["reception_due_at"] == "2026-11-23T16:00:00+07:00"
    with clean_app.app_context():
        assert fire_due_timers(vn(2026, 11, 23, 15, 59)) == 0
    assert dossier(api, created["id"])["late"] is False
    with clean_app.app_context():
        assert fire_due_timers(vn(2026, 11, 23, 16, 0)) == 1
        assert fire_due_timers(vn(2026, 11, 23, 16, 5)) == 0  # safe to run twice
    state = dossier(api, created["id"])
    assert state["late"] is True
    assert [e["kind"] for e in state["history"]][-2:] == ["timer_fired", "marked_late"]
    # The timer does not interrupt reception: the desk still accepts the dossier.
    assert state["status"]["code"] == 1
    clock.set(vn(2026, 11, 23, 16, 30))
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT)
    assert pay(api, created["id"])["status"]["code"] == 4


def test_criminal_record_certificate_consults_the_police_in_parallel(api, clock):
    clock.set(vn(2026, 11, 23, 8, 0))
    created = submit(api, LLTP, LLTP_FORM)
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT)
    assert dossier(api, created["id"])["amount_due"] == 200000
    state = pay(api, created["id"])
    assert state["status"]["code"] == 4
    names = sorted(t["name"] for t in state["open_tasks"])
    assert names == ["Lấy ý kiến Công an tỉnh", "Tra cứu, xác minh thông tin lý lịch tư pháp"]
    # The consultation belongs to the police's specialists, not to the justice department's.
    assert [t["name"] for t in api.get("/tasks", "chuyenvien").get_json()["items"]] == [
        "Tra cứu, xác minh thông tin lý lịch tư pháp"]
    police = api.task("congan", "Lấy ý kiến Công an tỉnh")
    # 5 working days from Monday 08:00, with 24/11 off: due Tuesday 1/12 08:00.
    assert police["due_at"] == "2026-12-01T08:00:00+07:00"
    assert state["due_at"] == "2026-12-08T08:00:00+07:00"  # 10 working days
    api.complete("congan", "Lấy ý kiến Công an tỉnh", {"tinh_trang_an_tich": "khong_co_an_tich", "y_kien_phoi_hop": "Không có án tích.", "dong_y": True})
    assert dossier(api, created["id"])["status"]["code"] == 4
    assert api.get("/tasks", "lanhdao").get_json()["items"] == []  # the join waits for both branches
    api.complete("chuyenvien", "Tra cứu, xác minh thông tin lý lịch tư pháp", APPRAISE)
    api.complete("lanhdao", "Phê duyệt, ký Phiếu", APPROVE)
    api.complete("motcua", "Trả kết quả", RETURN)
    final = dossier(api, created["id"])
    assert final["status"]["code"] == 10
    # The police officer may read the dossier they worked on; their agency shows in the lookup.
    assert api.get(f"/dossiers/{created['id']}", "congan").status_code == 200
    assert "Công an tỉnh Bình An" in api.get(f"/lookup/{final['code']}").get_json()["handled_by"]


def test_dossier_codes_count_per_agency_and_day(api, clock):
    clock.set(vn(2026, 11, 23, 8, 0))
    codes = []
    for _ in range(3):
        created = submit(api, BAN_SAO, {**BAN_SAO_FORM, "so_ban": len(codes) + 1})
        api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT)
        codes.append(dossier(api, created["id"])["code"])
    clock.set(vn(2026, 11, 25, 8, 0))
    created = submit(api, BAN_SAO, {**BAN_SAO_FORM, "so_ban": 9})
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT)
    codes.append(dossier(api, created["id"])["code"])
    assert codes == ["000.00.12.H99-261123-0001", "000.00.12.H99-261123-0002",
                     "000.00.12.H99-261123-0003", "000.00.12.H99-261125-0001"]


def test_a_repeated_submission_creates_one_dossier(api, clock):
    clock.set(vn(2026, 11, 23, 8, 0))
    first = submit(api, BAN_SAO, BAN_SAO_FORM)
    again = submit(api, BAN_SAO, BAN_SAO_FORM, expect=200)
    assert again["id"] == first["id"]
    keyed = api.post("/dossiers", "congdan", json={"procedure_code": BAN_SAO, "data": {**BAN_SAO_FORM, "so_ban": 3}},
                     headers={"Idempotency-Key": "abc"})
    retried = api.post("/dossiers", "congdan", json={"procedure_code": BAN_SAO, "data": {**BAN_SAO_FORM, "so_ban": 3}},
                       headers={"Idempotency-Key": "abc"})
    assert keyed.status_code == 201 and retried.status_code == 200
    assert keyed.get_json()["id"] == retried.get_json()["id"]
    clock.advance(timedelta(hours=1))  # the same application later is a new dossier
    assert submit(api, BAN_SAO, BAN_SAO_FORM)["id"] != first["id"]
    assert len(api.get("/dossiers", "congdan").get_json()["items"]) == 3


def test_withdrawal_before_reception_ends_the_dossier(api, clock):
    clock.set(vn(2026, 11, 23, 9, 0))
    created = submit(api, BAN_SAO, BAN_SAO_FORM)
    assert dossier(api, created["id"])["waiting_for"] == ["rut_ho_so"]
    task = api.task("motcua", "Tiếp nhận hồ sơ")
    clock.set(vn(2026, 11, 23, 9, 20))
    response = api.post(f"/dossiers/{created['id']}/withdraw", "congdan",
                        json={"data": {"ly_do_rut": "Đã nộp nhầm thủ tục."}})
    assert response.status_code == 200, response.get_json()
    state = response.get_json()
    assert state["status"] == {"code": 7, "label": "Công dân yêu cầu rút hồ sơ"}
    assert state["finished_at"] == "2026-11-23T09:20:00+07:00" and state["open_tasks"] == []
    assert api.get("/tasks", "motcua").get_json()["items"] == []
    # The desk's task closed with it: acting on it now is a conflict, not a silent success.
    response = api.post(f"/tasks/{task['id']}/complete", "motcua", json={"data": ACCEPT})
    assert response.status_code == 409
    # Only the owner may withdraw, and only while the process allows it.
    again = api.post(f"/dossiers/{created['id']}/withdraw", "congdan", json={"data": {}})
    assert again.status_code == 409
