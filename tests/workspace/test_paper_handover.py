"""Decree 61/2018 Điều 20.1.b: a paper dossier the desk accepts after 15:00 reaches the department
the next working morning; the steps it opens count their time limits from then, and the control
slip and the timeline say so. Online dossiers are handed at once, at any hour."""
from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from tests.conftest import vn
from tests.web.pages import pdf_bytes
from tests.api.test_lifecycle import pay
from tests.workspace.helpers import ACCEPT, SEARCH, accept, as_officer, html, submit_lltp, task_id
from tests.workspace.test_intake import LLTP_FIELDS, _citizen_id


def _paper_dossier(client, clean_app, channel: str) -> int:
    token = as_officer(client, "motcua")
    citizen = _citizen_id(clean_app, "001090000001")
    response = client.post(f"/mot-cua/tiep-nhan/{citizen}/2.000488", data={
        "csrf_token": token, "nonce": f"h-{channel}", "hinh_thuc": channel, "so_buu_gui": "EB123456789VN",
        "action": "submit", **LLTP_FIELDS, "tep.GTTT": (io.BytesIO(pdf_bytes()), "cccd.pdf")},
        content_type="multipart/form-data")
    assert response.status_code == 303
    return _search_task(clean_app, None)[0]


def _search_task(clean_app, dossier_id: int | None):
    """(dossier id, the appraisal task's opened_at and due_at, the dossier's due_at)."""
    from app.db import db
    from app.dossiers.models import Dossier, OpenTask
    with clean_app.app_context():
        dossier = db.session.execute(select(Dossier).order_by(Dossier.id.desc())).scalars().first() \
            if dossier_id is None else db.session.get(Dossier, dossier_id)
        task = db.session.execute(select(OpenTask).where(OpenTask.dossier_id == dossier.id,
                                                         OpenTask.name == SEARCH)).scalar()
        found = (dossier.id, task.opened_at if task else None, task.due_at if task else None, dossier.due_at)
        db.session.remove()
    return found


@pytest.mark.rule("QT-06")
@pytest.mark.parametrize("channel,accepted,handed,due", [
    # Wednesday after 15:00: the specialist has it on Thursday 07:30, five working days from then.
    ("counter", vn(2026, 11, 25, 15, 30), vn(2026, 11, 26, 7, 30), vn(2026, 12, 2, 17, 0)),
    # Friday after 15:00, by post: Monday morning.
    ("postal", vn(2026, 11, 27, 16, 10), vn(2026, 11, 30, 7, 30), vn(2026, 12, 4, 17, 0)),
    # Before the cut-off: handed at once.
    ("counter", vn(2026, 11, 25, 14, 59), vn(2026, 11, 25, 14, 59), vn(2026, 12, 2, 14, 59)),
])
def test_a_paper_dossier_accepted_after_15_reaches_the_department_next_morning(
        client, clock, clean_app, api, channel, accepted, handed, due):
    clock.set(accepted.replace(minute=0) if accepted.minute else accepted)
    dossier_id = _paper_dossier(client, clean_app, channel)
    clock.set(accepted)
    accept(api, dossier_id)  # the fee taken at the counter at once
    _, opened_at, task_due, dossier_due = _search_task(clean_app, dossier_id)
    assert (opened_at, task_due) == (handed, due)
    assert dossier_due is not None  # the appointment date still counts from the acceptance
    page = html(client.get(f"/mot-cua/ho-so/{dossier_id}"))
    when = handed.strftime("%H:%M ngày %d/%m/%Y")
    assert (f"vào đầu giờ làm việc {when}" in page) == (handed != accepted)
    slip = page[page.index("Phiếu kiểm soát"):]
    assert f"<td>{when}</td>" in slip  # the next step's row starts at the hand-over


def test_an_online_dossier_is_handed_at_once_whatever_the_hour(client, clock, clean_app, api):
    clock.set(vn(2026, 11, 25, 16, 0))
    dossier_id = submit_lltp(api)
    clock.set(vn(2026, 11, 25, 16, 30))
    accept(api, dossier_id)
    _, opened_at, task_due, _ = _search_task(clean_app, dossier_id)
    assert opened_at == vn(2026, 11, 25, 16, 30) and task_due == vn(2026, 12, 2, 16, 30)


def test_the_desk_is_told_when_to_hand_the_paper_dossier_on(client, clock, clean_app):
    clock.set(vn(2026, 11, 25, 15, 40))
    dossier_id = _paper_dossier(client, clean_app, "counter")
    token = as_officer(client, "motcua")
    page = html(client.get("/mot-cua?tab=nhom"))
    task = task_id(page, "Tiếp nhận hồ sơ")
    response = client.post(f"/mot-cua/viec/{task}/xu-ly", data={"csrf_token": token, "action": "submit",
                                                                "f.quyet_dinh": "tiep_nhan"})
    assert response.status_code == 303
    shown = html(client.get(response.headers["Location"]))
    assert "chuyển hồ sơ giấy đến bộ phận giải quyết" not in shown  # it waits at the desk for its fee
    collected = client.post(f"/mot-cua/ho-so/{dossier_id}/thu-phi", data={"csrf_token": token, "hinh_thuc": "counter"})
    shown = html(client.get(collected.headers["Location"]))
    assert "chuyển hồ sơ giấy đến bộ phận giải quyết vào đầu giờ làm việc 07:30 ngày 26/11/2026" in shown
    assert _search_task(clean_app, dossier_id)[1] == vn(2026, 11, 26, 7, 30)


@pytest.mark.rule("QT-06")
def test_a_paper_dossier_whose_fee_is_paid_after_15_reaches_the_department_next_morning(client, clock, clean_app, api):
    """Accepted before the cut-off, its fee paid at the counter after it: the paper leaves the desk
    with the fee, so the next working morning."""
    clock.set(vn(2026, 11, 25, 14, 0))
    dossier_id = _paper_dossier(client, clean_app, "counter")
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT)
    clock.set(vn(2026, 11, 25, 15, 20))
    pay(api, dossier_id)
    _, opened_at, task_due, _ = _search_task(clean_app, dossier_id)
    assert (opened_at, task_due) == (vn(2026, 11, 26, 7, 30), vn(2026, 12, 2, 17, 0))


def test_a_step_worked_on_screen_before_the_paper_arrives_keeps_the_slip_in_order(client, clock, clean_app, api):
    """The specialist opens the dossier on screen at 15:40, before the paper reaches them the
    next morning: the control slip receives that step when it was worked, in order."""
    from app.db import db
    from app.dossiers.handoffs import handoffs
    clock.set(vn(2026, 11, 25, 15, 30))
    dossier_id = _paper_dossier(client, clean_app, "counter")
    accept(api, dossier_id)
    clock.set(vn(2026, 11, 25, 15, 40))
    api.complete("chuyenvien", SEARCH, {"ket_qua_tham_dinh": "dat", "y_kien": "Đủ điều kiện."})
    with clean_app.app_context():
        rows = handoffs(dossier_id, vn(2026, 11, 25, 16, 0))
        db.session.remove()
    received = [r.received_at for r in rows]
    assert received == sorted(received)
    search = next(r for r in rows if r.step == SEARCH)
    assert search.received_at <= search.finished_at == vn(2026, 11, 25, 15, 40)


def test_the_receipt_printed_after_the_fee_gives_the_appointment_the_wait_moved(client, clock, clean_app, api, tmp_path):
    """The wait for the fee does not count against the agency, so paying moves the appointment;
    Mẫu 01 printed after that says the same instant as the dossier page, and why it moved."""
    from tests.workspace.helpers import pdf_text
    clock.set(vn(2026, 11, 25, 9, 0))
    dossier_id = _paper_dossier(client, clean_app, "counter")
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT)
    as_officer(client, "motcua")
    before = pdf_text(client.get(f"/mot-cua/ho-so/{dossier_id}/giay-to/mau-01.pdf").data, tmp_path)
    clock.set(vn(2026, 11, 25, 9, 30))
    pay(api, dossier_id)
    *_, due = _search_task(clean_app, dossier_id)
    after = pdf_text(client.get(f"/mot-cua/ho-so/{dossier_id}/giay-to/mau-01.pdf").data, tmp_path)
    assert " ".join(before.split()).count("09 giờ 00 phút") and "chờ nộp phí" not in before
    assert due.minute == 30 and "09 giờ 30 phút" in " ".join(after.split())
    assert "đã cộng thêm 30 phút làm việc chờ nộp phí, lệ phí" in " ".join(after.split())


@pytest.mark.rule("QT-35")
@pytest.mark.rule("QT-06")
@pytest.mark.parametrize("channel,at,due", [
    ("truc_tiep", "2026-11-25 15:30", "2026-12-02 17:00"),   # after the cut-off: from Thursday 07:30
    ("buu_chinh", "2026-11-27 16:10", "2026-12-04 17:00"),   # Friday by post: from Monday 07:30
    ("truc_tiep", "2026-11-25 14:59", "2026-12-02 14:59"),   # before it: at once
    ("truc_tuyen", "2026-11-25 15:30", "2026-12-02 15:30"),  # online: at once, at any hour
])
def test_a_scenario_says_when_a_paper_dossier_reaches_the_department(tmp_path, channel, at, due):
    """`kenh` in a scenario: the same instants as the app's (the parametrized test above)."""
    import yaml
    from pathlib import Path

    from engine.scenarios import format_report, run_file
    from tests.api.test_lifecycle import LLTP_FORM
    root = Path(__file__).resolve().parents[2]
    steps = [{"lam": "Tiếp nhận hồ sơ", "du_lieu": ACCEPT, "luc": at},
             {"gui": "thanh_toan", "luc": at, "du_lieu": {"hinh_thuc_nop": "truc_tiep"}},
             {"kiem_tra": {"han": {SEARCH: due}}}]
    path = tmp_path / "cap_phieu_ly_lich_tu_phap.kich-ban.yaml"
    path.write_text(yaml.safe_dump({
        "quy_trinh": "cap_phieu_ly_lich_tu_phap", "du_lieu_chung": LLTP_FORM,
        "kich_ban": [{"ten": "Hồ sơ giấy", "bat_dau": at[:11] + "14:00", "kenh": channel, "buoc": steps}]},
        allow_unicode=True, sort_keys=False), encoding="utf-8")
    report = run_file(path, root / "bpmn", root / "forms", catalogue_dir=root / "catalogue")
    text = "\n".join(format_report(report))
    assert report.ok, text
    assert ("các bước vừa mở tính thời hạn từ" in text) == (due.endswith("17:00"))
