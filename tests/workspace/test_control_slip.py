"""The control slip (Mẫu 05) says who handed the dossier to whom: parallel steps are handed by
the step that opened them, a step after a join once by each branch that met there, and a step a
withdrawal or a stop cut short was never worked (no verdict)."""
from __future__ import annotations

from tests.conftest import vn
from tests.workspace.helpers import (APPROVAL, APPROVE, CHECKED, POLICE, POLICE_TASK, RETURN, SEARCH, accept,
                                     as_officer, html, submit_lltp)


def _slip(clean_app, dossier_id: int, at, monkeypatch):
    """The rows handoffs() gives and the slip as printed (what reaches the PDF builder)."""
    from app.db import db
    from app.dossiers import handoffs, printouts
    from app.dossiers.models import Dossier
    printed = {}
    monkeypatch.setattr(printouts.doc, "control_slip_pdf", lambda data: printed.setdefault("slip", data) and b"")
    with clean_app.app_context():
        rows = handoffs.handoffs(dossier_id, at)
        printouts.control_slip(db.session.get(Dossier, dossier_id), at)
        db.session.remove()
    return rows, printed["slip"].rows


def test_parallel_steps_are_handed_by_the_step_that_opened_them(api, clock, clean_app, monkeypatch):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    clock.set(vn(2026, 11, 25, 10, 0))
    api.complete("congan", POLICE_TASK, POLICE)
    clock.set(vn(2026, 11, 25, 11, 0))
    api.complete("chuyenvien", SEARCH, CHECKED)
    clock.set(vn(2026, 11, 26, 9, 0))
    api.complete("lanhdao", APPROVAL, APPROVE)
    api.complete("motcua", "Trả kết quả", RETURN)
    rows, slip = _slip(clean_app, dossier_id, vn(2026, 11, 26, 10, 0), monkeypatch)
    steps = [row.step for row in rows]
    assert steps == ["Tiếp nhận hồ sơ", SEARCH, POLICE_TASK, APPROVAL, "Trả kết quả"]  # parallel: by element id
    assert (slip[0].giver.person, slip[0].verdict) == ("Nguyễn Văn An", None)  # the applicant hands it in
    desk = (slip[0].receiver.agency, slip[0].receiver.person)
    # Both parallel steps come from the desk, not the police from the specialist.
    assert (slip[1].giver.agency, slip[1].giver.person) == desk == (slip[2].giver.agency, slip[2].giver.person)
    assert slip[2].receiver.agency == "Công an tỉnh Bình An"
    # The approval is handed once by each branch that met at the join, first finished first: the
    # police at 10:00, then the search at 11:00, both received when the join let the dossier on.
    assert [(row.giver.person, row.receiver.person, row.at, row.note) for row in slip[3:5]] == [
        (rows[2].officer, rows[3].officer, vn(2026, 11, 25, 11, 0), APPROVAL),
        (rows[1].officer, rows[3].officer, vn(2026, 11, 25, 11, 0), APPROVAL)]
    assert (slip[3].giver.agency, slip[4].giver.agency) == (rows[2].agency, rows[1].agency)
    assert slip[3].verdict == rows[2].verdict == "early" and slip[4].verdict == rows[1].verdict == "early"
    assert slip[5].note == "Trả kết quả" and slip[5].giver.person == rows[3].officer
    # The return to the applicant closes the slip.
    assert slip[-1].receiver.person == "Nguyễn Văn An" and slip[-1].giver.agency == desk[0]


def test_steps_a_withdrawal_cut_short_were_never_worked(api, clock, clean_app, client, monkeypatch):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    clock.set(vn(2026, 11, 25, 10, 0))
    api.complete("congan", POLICE_TASK, POLICE)
    response = api.post(f"/dossiers/{dossier_id}/withdraw", "congdan", json={"data": {"ly_do_rut": "Không cần nữa."}})
    assert response.status_code == 200, response.get_json()
    rows, slip = _slip(clean_app, dossier_id, vn(2026, 11, 26, 10, 0), monkeypatch)
    by_step = {row.step: row for row in rows}
    assert by_step[SEARCH].verdict == "cancelled" and by_step[POLICE_TASK].verdict == "early"
    assert by_step["Tiếp nhận hồ sơ"].verdict != "cancelled"
    assert len(slip) == len(rows)  # no return to the applicant: nothing was returned
    as_officer(client, "motcua")
    page = html(client.get(f"/mot-cua/ho-so/{dossier_id}"))
    assert "Không thực hiện (hồ sơ đã rút hoặc dừng xử lý)" in page


def test_a_supplement_at_reception_is_noted_and_handed_in_again_by_the_applicant(api, clock, clean_app, monkeypatch):
    """The slip's Ghi chú says what a step decided beside its name (Mẫu 02 with its instant), and
    the reception opened again by the supplement is handed by the applicant, not by the desk."""
    asked = {"quyet_dinh": "yeu_cau_bo_sung", "ly_do": "Thiếu bản chụp giấy tờ tùy thân.",
             "thanh_phan_can_bo_sung": [{"thanh_phan": "Bản chụp căn cước công dân", "yeu_cau": "Bản chụp rõ hai mặt."}]}
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    clock.set(vn(2026, 11, 23, 9, 0))
    api.complete("motcua", "Tiếp nhận hồ sơ", asked)
    clock.set(vn(2026, 11, 25, 14, 0))
    response = api.post(f"/dossiers/{dossier_id}/supplement", "congdan",
                        json={"data": {"noi_cu_tru": "15 Trần Phú, phường An Bình"}})
    assert response.status_code == 200, response.get_json()
    rows, slip = _slip(clean_app, dossier_id, vn(2026, 11, 25, 15, 0), monkeypatch)
    assert [row.step for row in rows] == ["Tiếp nhận hồ sơ", "Tiếp nhận hồ sơ"]
    # The desk's request hands the dossier to the applicant: a row with its verdict.
    assert [(row.giver.person, row.receiver.person, row.at, row.verdict) for row in slip] == [
        ("Nguyễn Văn An", "Trần Thị Bình", vn(2026, 11, 23, 8, 0), None),
        ("Trần Thị Bình", "Nguyễn Văn An", vn(2026, 11, 23, 9, 0), "early"),
        ("Nguyễn Văn An", "Trần Thị Bình", vn(2026, 11, 25, 14, 0), None)]
    assert slip[0].note == ("Tiếp nhận hồ sơ. Yêu cầu bổ sung, hoàn thiện hồ sơ lần 1 (Mẫu 02) "
                            "lúc 09:00 ngày 23/11/2026.")
    assert slip[2].note == "Tiếp nhận hồ sơ. Nhận hồ sơ bổ sung lúc 14:00 ngày 25/11/2026."


def test_an_apology_and_a_restart_are_noted_on_the_step_open_then(api, clock, clean_app, monkeypatch):
    from tests.workspace.helpers import asked_during_processing
    dossier_id = asked_during_processing(api, clock)  # the appraisal asks on 25/11 09:00
    clock.set(vn(2026, 11, 27, 10, 0))
    response = api.post(f"/dossiers/{dossier_id}/supplement", "congdan",
                        json={"data": {"noi_cu_tru": "12 Lê Lợi, phường An Bình (từ 1990)"}})
    assert response.status_code == 200, response.get_json()
    _, slip = _slip(clean_app, dossier_id, vn(2026, 11, 27, 11, 0), monkeypatch)
    search = [row for row in slip if row.note.startswith(SEARCH)]
    assert "Yêu cầu bổ sung, hoàn thiện hồ sơ lần 1 (Mẫu 02) lúc 09:00 ngày 25/11/2026." in search[0].note
    assert search[-1].giver.person == "Nguyễn Văn An" and search[-1].at == vn(2026, 11, 27, 10, 0)
    assert search[-1].note.endswith("Nhận đủ hồ sơ bổ sung lúc 10:00 ngày 27/11/2026; thời hạn giải quyết tính lại.")
    # The appraisal's request handed the dossier to the applicant, with its verdict as on the screen.
    [back] = [row for row in slip if row.receiver.person == "Nguyễn Văn An"]
    assert back.at == vn(2026, 11, 25, 9, 0) and back.note == SEARCH and back.verdict in ("early", "on_time")


def test_a_step_reopened_once_the_supplements_extra_fee_is_paid_is_handed_by_the_applicant(clean_app):
    """The supplement raised the fee: the appraisal opens again when it is paid, a second later;
    nothing was done in between, so the applicant handed it, not the specialist to himself."""
    from types import SimpleNamespace

    from app.dossiers.handoffs import SUPPLIED, Handoff, transfers

    def row(step, received, finished):
        return Handoff(step, step, "Sở Tư pháp tỉnh Bình An", "Chuyên viên", "Lê Văn Cường", received, None, finished,
                       "early")

    asked, supplied, paid = vn(2026, 11, 25, 9, 0), vn(2026, 11, 27, 10, 0), vn(2026, 11, 27, 10, 0, 1)
    rows = [row("Tiếp nhận hồ sơ", vn(2026, 11, 23, 8, 0), vn(2026, 11, 23, 8, 30)),
            row(SEARCH, vn(2026, 11, 23, 8, 30), asked), row(SEARCH, paid, None)]
    events = [SimpleNamespace(kind=SUPPLIED, at=supplied)]
    with clean_app.app_context():
        found = transfers(SimpleNamespace(process_id="khong_co", process_version="0"), rows, events)
    assert [(t.giver, t.taker) for t in found] == [(None, 0), (0, 1), (None, 2)]
    # Without the supplement, the step after a wait is handed by the step before it, as always.
    with clean_app.app_context():
        found = transfers(SimpleNamespace(process_id="khong_co", process_version="0"), rows, [])
    assert [(t.giver, t.taker) for t in found] == [(None, 0), (0, 1), (1, 2)]


def test_the_applicants_hand_off_is_dated_with_the_reception_not_the_online_submission(api, clock, clean_app,
                                                                                        monkeypatch):
    """Sent online at 08:30, received by the desk at 09:00: the slip's first row (applicant to
    desk) says 09:00, as its header and Mẫu 01 do; the desk's own hand-off is unchanged."""
    clock.set(vn(2026, 11, 23, 8, 30))
    dossier_id = submit_lltp(api)
    clock.set(vn(2026, 11, 23, 9, 0))
    accept(api, dossier_id)
    rows, slip = _slip(clean_app, dossier_id, vn(2026, 11, 23, 10, 0), monkeypatch)
    assert rows[0].received_at == vn(2026, 11, 23, 8, 30)  # the desk's task opened at the submission
    assert (slip[0].giver.person, slip[0].at) == ("Nguyễn Văn An", vn(2026, 11, 23, 9, 0))
    assert slip[1].at == rows[1].received_at
    from app.db import db
    from app.dossiers.models import Dossier
    with clean_app.app_context():
        assert db.session.get(Dossier, dossier_id).received_at == slip[0].at
        db.session.remove()


def test_an_apology_is_noted_on_the_sos_step_not_on_the_consulted_agencys(api, clock, client, clean_app,
                                                                          monkeypatch):
    """The leader apologises while the appraisal and the police's step are both open: the note
    goes on the Sở's own step, never on the consulted agency's, which did not issue it."""
    from tests.workspace.helpers import POLICE_TASK, accept, as_officer, submit_lltp
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    clock.set(vn(2026, 11, 25, 9, 0))
    token = as_officer(client, "lanhdao")
    apology = client.post(f"/mot-cua/ho-so/{dossier_id}/xin-loi",
                          data={"csrf_token": token, "ngay_hen_moi": "2026-12-15T16:00", "ly_do": "Chờ xác minh."})
    assert apology.status_code == 303
    _, slip = _slip(clean_app, dossier_id, vn(2026, 11, 25, 10, 0), monkeypatch)
    [noted] = [row for row in slip if "Xin lỗi" in row.note]
    assert noted.note.startswith(SEARCH) and POLICE_TASK not in noted.note


def test_a_supplement_received_while_its_extra_fee_waits_is_noted_on_the_step_it_reopened():
    """No step is open when the supplement arrives (the fee it raised is due first): the note goes
    on the step the dossier went to next, not on the last row of the slip."""
    from app.dossiers.handoffs import Handoff
    from app.dossiers.slip_notes import Note, placed

    def row(step, received, finished):
        return Handoff(step, step, "Sở Tư pháp tỉnh Bình An", "Chuyên viên", None, received, None, finished, "early")

    supplied = vn(2026, 11, 27, 10, 0)
    rows = [row("Tiếp nhận hồ sơ", vn(2026, 11, 23, 8, 0), vn(2026, 11, 23, 8, 30)),
            row(SEARCH, vn(2026, 11, 23, 8, 30), vn(2026, 11, 25, 9, 0)),
            row(SEARCH, vn(2026, 11, 27, 14, 0), vn(2026, 11, 30, 9, 0)),  # opened once the fee was paid
            row(APPROVAL, vn(2026, 11, 30, 9, 0), vn(2026, 11, 30, 10, 0)),
            row("Trả kết quả", vn(2026, 11, 30, 10, 0), None)]
    assert placed([Note(supplied, None, "Nhận đủ hồ sơ bổ sung")], rows) == {2: ["Nhận đủ hồ sơ bổ sung"]}
