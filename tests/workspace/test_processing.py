"""Processing rules of the one-stop system, over HTTP: the approval signs the result, a
supplement during processing restarts the legal time, a second supplement request needs a
justification, the stop and withdrawal paths, the apology with a new date."""
from __future__ import annotations

import re

import pytest

from tests.api.test_lifecycle import pay
from tests.conftest import vn
from tests.workspace.helpers import (ACCEPT, AGREE_STOP, APPROVAL, ASK, APPROVE, CHECKED, POLICE, POLICE_TASK, RETURN,
                                     SEARCH, STOP, STOP_APPROVAL, accept, as_officer, dossier, html, pdf_text, pdfsig,
                                     processed, qr_urls, stopped, submit_lltp)



def _ask_form(token: str) -> dict:
    """The appraisal page's form asking for a supplement."""
    return {"csrf_token": token, "action": "submit", "f.ket_qua_tham_dinh": "yeu_cau_bo_sung", "f.ly_do": ASK["ly_do"],
            "f.thanh_phan_can_bo_sung.0.thanh_phan": "Tờ khai", "f.thanh_phan_can_bo_sung.0.yeu_cau": "Ghi đủ nơi cư trú."}


def _refused_without_justification(api, task: dict, dossier_id: int) -> str:
    """Asking over the API without a justification: refused at the justification, nothing changed."""
    refused = api.post(f"/tasks/{task['id']}/complete", "chuyenvien", json={"data": ASK})
    assert refused.status_code == 422
    body = refused.get_json()["error"]
    assert body["fields"][0]["field"] == "justification"
    assert dossier(api, dossier_id)["status"]["code"] == 4  # nothing changed
    return body["message"]


def _results(app, dossier_id):
    from sqlalchemy import select

    from app.db import db
    from app.dossiers.models import DossierResult
    with app.app_context():
        rows = db.session.execute(select(DossierResult).where(DossierResult.dossier_id == dossier_id)).scalars().all()
        found = [(r.code, r.kind, r.signed_by.username, r.file.storage_key, r.file.component_code) for r in rows]
        db.session.remove()
        return found


def _stored(app, key: str) -> bytes:
    from app.files.storage import storage
    with app.app_context():
        return storage().open(key)


@pytest.mark.rule("QT-22")
def test_the_approval_signs_the_result_into_the_data_store(api, clock, client, clean_app, tmp_path):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    state = processed(api, dossier_id)
    assert state["status"]["code"] == 9
    [(code, kind, signer, key, component)] = _results(clean_app, dossier_id)
    assert code == state["code"] + "-KQ1" and kind == "electronic" and signer == "lanhdao" and component == "KQ"
    signed = _stored(clean_app, key)
    assert "Signature is Valid." in pdfsig(signed, tmp_path)
    [keyed] = qr_urls(signed, tmp_path)  # the result's own key rides along (result_keys.py)
    assert re.fullmatch(re.escape(f"{clean_app.config['MOTCUA_PUBLIC_URL']}/xac-thuc/{code}?k=") + r"[\w-]{16}", keyed)
    text = pdf_text(signed, tmp_path)
    for expected in ("PHIẾU LÝ LỊCH TƯ PHÁP", "Phiếu số 1", "Nguyễn Văn An", "Không có án tích.", "Phạm Thị Dung",
                     "KT. GIÁM ĐỐC SỞ TƯ PHÁP", "PHÓ GIÁM ĐỐC SỞ TƯ PHÁP", code):  # a deputy signs for the head
        assert expected in text, expected
    # The verification page finds it by its code and says who signed, for anyone.
    page = html(client.get(f"/xac-thuc/{code}"))
    assert "Phạm Thị Dung" in page and "Sở Tư pháp tỉnh Bình An" in page
    # The citizen has it in the data store and on the dossier page.
    as_officer(client, "congdan")
    assert code + ".pdf" in html(client.get("/kho-du-lieu"))
    assert code + ".pdf" in html(client.get(f"/ho-so/{dossier_id}"))
    api.complete("motcua", "Trả kết quả", RETURN)
    assert dossier(api, dossier_id)["status"]["code"] == 10


@pytest.mark.rule("QT-22")
def test_the_police_answer_prints_as_its_label_and_their_notes_stay_inside(api, clock, clean_app, tmp_path):
    """A step's choice prints as the label the officer chose, never its code; the record's details
    follow as their own paragraph; the police's notes to the Sở are not on the signed Phiếu."""
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    api.complete("chuyenvien", SEARCH, CHECKED)
    api.complete("congan", POLICE_TASK, {"tinh_trang_an_tich": "co_an_tich",
                                         "noi_dung_an_tich": "Bản án số 12/2020/HS-ST ngày 05/3/2020 của Tòa án "
                                                             "nhân dân thành phố An Bình.",
                                         "y_kien_phoi_hop": "Ghi chú nội bộ: đã đối chiếu hồ sơ lưu.", "dong_y": True})
    api.complete("lanhdao", APPROVAL, APPROVE)
    [(_, _, _, key, _)] = _results(clean_app, dossier_id)
    text = " ".join(pdf_text(_stored(clean_app, key), tmp_path).split())
    assert "Tình trạng án tích: Có án tích." in text and "co_an_tich" not in text
    assert "Bản án số 12/2020/HS-ST ngày 05/3/2020 của Tòa án nhân dân thành phố An Bình." in text
    assert "Ghi chú nội bộ" not in text


def test_an_approval_without_a_signing_key_changes_nothing(api, clock, clean_app, tmp_path):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    api.complete("chuyenvien", SEARCH, CHECKED)
    api.complete("congan", POLICE_TASK, POLICE)
    previous = clean_app.config["MOTCUA_KEYS_DIR"]
    clean_app.config["MOTCUA_KEYS_DIR"] = str(tmp_path / "no-keys")
    try:
        body = api.complete("lanhdao", APPROVAL, APPROVE, expect=409)
    finally:
        clean_app.config["MOTCUA_KEYS_DIR"] = previous
    assert "khóa ký" in body["error"]["message"]
    state = dossier(api, dossier_id)
    assert state["status"]["code"] == 4 and [t["name"] for t in state["open_tasks"]] == [APPROVAL]
    assert _results(clean_app, dossier_id) == []
    api.complete("lanhdao", APPROVAL, APPROVE)  # with the key back, the same approval goes through
    assert dossier(api, dossier_id)["status"]["code"] == 9


@pytest.mark.rule("QT-15")
def test_a_supplement_during_processing_restarts_the_legal_time(api, clock, client):
    clock.set(vn(2026, 11, 23, 8, 0))  # Monday; 24/11 is Vietnam Cultural Day
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    assert dossier(api, dossier_id)["due_at"] == "2026-12-08T08:00:00+07:00"
    clock.set(vn(2026, 11, 25, 9, 0))
    api.complete("chuyenvien", SEARCH, ASK)
    state = dossier(api, dossier_id)
    assert state["status"]["code"] == 5 and "bo_sung" in state["waiting_for"]
    assert [t["name"] for t in state["open_tasks"]] == [POLICE_TASK]  # the consultation goes on
    clock.set(vn(2026, 11, 27, 10, 0))
    response = api.post(f"/dossiers/{dossier_id}/supplement", "congdan",
                        json={"data": {"noi_cu_tru": "12 Lê Lợi, phường An Bình (từ 1990)"}})
    assert response.status_code == 200, response.get_json()
    state = dossier(api, dossier_id)
    # Ten working days again from the full supplement (Decree 61 Điều 19.4), same code.
    assert state["due_at"] == "2026-12-11T10:00:00+07:00" and state["status"]["code"] == 4
    kinds = [e["kind"] for e in state["history"]]
    assert kinds.count("supplement_requested") == 1 and "deadline_restarted" in kinds
    # The national index pauses the clock instead: 17 waiting working hours after the first due.
    assert state["index_due_at"] == "2026-12-10T09:00:00+07:00"
    as_officer(client, "chuyenvien")
    page = html(client.get(f"/mot-cua/ho-so/{dossier_id}"))
    assert "Hạn theo Chỉ số phục vụ" in page and "09:00 ngày 10/12/2026" in page


@pytest.mark.rule("QT-14")
def test_a_second_supplement_request_of_a_stage_needs_a_justification(api, clock, client):
    """Reception and processing each ask everything once (DOMAIN.md §3.2, §3.4): the desk's request
    does not use up the specialist's; the specialist's second one needs a reason."""
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    api.complete("motcua", "Tiếp nhận hồ sơ", {"quyet_dinh": "yeu_cau_bo_sung", "ly_do": "Thiếu giấy tờ.",
                                               "thanh_phan_can_bo_sung": [{"thanh_phan": "Căn cước", "yeu_cau": "Bản chụp"}]})
    api.post(f"/dossiers/{dossier_id}/supplement", "congdan", json={"data": {"so_ban": 1}})
    accept(api, dossier_id)
    task = api.task("chuyenvien", SEARCH)
    token = as_officer(client, "chuyenvien")
    assert 'name="ly_do_bo_sung_them"' not in html(client.get(f"/mot-cua/viec/{task['id']}"))
    assert client.post(f"/mot-cua/viec/{task['id']}/xu-ly", data=_ask_form(token)).status_code == 303
    api.post(f"/dossiers/{dossier_id}/supplement", "congdan", json={"data": {"so_ban": 2}})
    task = api.task("chuyenvien", SEARCH)
    assert "một lần" in _refused_without_justification(api, task, dossier_id)
    # On the task page the justification box is there, and the refusal is shown at it.
    page = html(client.get(f"/mot-cua/viec/{task['id']}"))
    assert 'name="ly_do_bo_sung_them"' in page and "Ở giai đoạn này, hồ sơ đã được yêu cầu bổ sung 1 lần" in page
    form = _ask_form(token)
    response = client.post(f"/mot-cua/viec/{task['id']}/xu-ly", data=form)
    # One thing to fix, said once, at the justification box: why a reason is needed.
    assert response.status_code == 422 and "Có 1 lỗi cần sửa" in html(response)
    assert html(response).count("Trong khi giải quyết, hồ sơ này đã được yêu cầu bổ sung 1 lần. Pháp luật") == 2
    # Too long a reason is refused in words, not cut to fit: what was typed stays in the box.
    typed = "Công an tỉnh báo có thông tin cư trú mới. " + "x" * 3000
    response = client.post(f"/mot-cua/viec/{task['id']}/xu-ly", data={**form, "ly_do_bo_sung_them": typed})
    assert response.status_code == 422
    assert "Trường «Lý do yêu cầu bổ sung» chỉ được có tối đa 2.000 ký tự." in html(response)
    assert typed in html(response)
    assert dossier(api, dossier_id)["status"]["code"] == 4 and api.task("chuyenvien", SEARCH)["id"] == task["id"]
    response = client.post(f"/mot-cua/viec/{task['id']}/xu-ly",
                           data={**form, "ly_do_bo_sung_them": "Công an tỉnh báo có thông tin cư trú mới."})
    assert response.status_code == 303
    state = dossier(api, dossier_id)
    assert state["status"]["code"] == 5
    asked = [e for e in state["history"] if e["kind"] == "supplement_requested"]
    assert [e["summary"] for e in asked] == ["Yêu cầu bổ sung, hoàn thiện hồ sơ (lần 1)",
                                              "Yêu cầu bổ sung, hoàn thiện hồ sơ (lần 2)",
                                              "Yêu cầu bổ sung, hoàn thiện hồ sơ (lần 3)"]


@pytest.mark.rule("QT-14")
def test_a_supplement_asked_after_three_working_days_of_processing_needs_a_justification(api, clock, client):
    """DOMAIN.md §3.4: asked during processing within 3 working days of receipt; later, the
    officer says why, and the request is recorded as late (the agency's fault)."""
    clock.set(vn(2026, 11, 20, 9, 0))  # Friday; Tuesday 24/11 is Vietnam Cultural Day
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    task = api.task("chuyenvien", SEARCH)
    clock.set(vn(2026, 11, 26, 9, 1))  # Mon, Wed, Thu: three working days ended at 09:00
    assert "đã hết lúc 09:00 ngày 26/11/2026" in _refused_without_justification(api, task, dossier_id)
    token = as_officer(client, "chuyenvien")
    form = _ask_form(token)
    assert 'name="ly_do_bo_sung_them"' not in html(client.get(f"/mot-cua/viec/{task['id']}"))
    response = client.post(f"/mot-cua/viec/{task['id']}/xu-ly", data=form)
    page = html(response)
    assert response.status_code == 422 and "Lý do yêu cầu bổ sung sau thời hạn" in page
    assert "Có 1 lỗi cần sửa" in page and "Muốn yêu cầu bổ sung, phải ghi rõ lý do" in page
    response = client.post(f"/mot-cua/viec/{task['id']}/xu-ly",
                           data={**form, "ly_do_bo_sung_them": "Công an tỉnh trả lời muộn, có thông tin cư trú mới."})
    assert response.status_code == 303
    assert dossier(api, dossier_id)["status"]["code"] == 5
    page = html(client.get(f"/mot-cua/ho-so/{dossier_id}"))
    assert "Sau thời hạn yêu cầu bổ sung" in page and "Lý do yêu cầu bổ sung sau thời hạn: Công an tỉnh trả lời muộn" in page


def test_a_supplement_asked_within_three_working_days_needs_no_justification(api, clock, client):
    clock.set(vn(2026, 11, 20, 9, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    clock.set(vn(2026, 11, 26, 9, 0))
    api.complete("chuyenvien", SEARCH, ASK)
    assert dossier(api, dossier_id)["status"]["code"] == 5
    as_officer(client, "chuyenvien")
    assert "Sau thời hạn yêu cầu bổ sung" not in html(client.get(f"/mot-cua/ho-so/{dossier_id}"))


@pytest.mark.rule("QT-23")
def test_a_stop_ends_processing_with_status_8(api, clock):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    clock.set(vn(2026, 11, 25, 8, 0))
    api.complete("chuyenvien", SEARCH, STOP)
    proposed = dossier(api, dossier_id)  # only proposed: the leader decides, the consultation goes on
    assert proposed["status"]["code"] == 4
    assert {t["name"] for t in proposed["open_tasks"]} == {POLICE_TASK, STOP_APPROVAL}
    api.complete("lanhdao", STOP_APPROVAL, AGREE_STOP)
    state = dossier(api, dossier_id)
    assert state["status"] == {"code": 8, "label": "Dừng xử lý"}
    assert state["open_tasks"] == [] and state["finished_at"] == "2026-11-25T08:00:00+07:00"
    assert api.get("/tasks", "congan").get_json()["items"] == []  # the consultation is cancelled too


@pytest.mark.rule("QT-23")
def test_the_leader_decides_a_stop_and_signs_its_notice(api, clock, client, tmp_path):
    clock.set(vn(2026, 11, 23, 8, 0))
    kept = submit_lltp(api)
    accept(api, kept)
    clock.set(vn(2026, 11, 25, 8, 0))
    # Disagreeing needs the leader's instruction, and sends the dossier back to the specialist.
    api.complete("chuyenvien", SEARCH, STOP, dossier=kept)
    refused = api.complete("lanhdao", STOP_APPROVAL, {"quyet_dinh_dung": "khong_dong_y"}, expect=422, dossier=kept)
    assert any(f["field"] == "y_kien" for f in refused["error"]["fields"])
    api.complete("lanhdao", STOP_APPROVAL, {"quyet_dinh_dung": "khong_dong_y", "y_kien": "Xác minh thêm."},
                 dossier=kept)
    state = dossier(api, kept)
    assert state["status"]["code"] == 4 and {t["name"] for t in state["open_tasks"]} == {POLICE_TASK, SEARCH}

    # Agreeing without a reason of the leader's own: the notice carries the specialist's.
    stopped_id = submit_lltp(api, so_ban=3)
    accept(api, stopped_id)
    stopped(api, stopped_id)
    as_officer(client, "lanhdao")
    page = html(client.get(f"/mot-cua/ho-so/{stopped_id}"))
    link = f"/mot-cua/ho-so/{stopped_id}/giay-to/dung-xu-ly.pdf"
    assert "Thông báo dừng giải quyết hồ sơ" in page and link in page
    pdf = client.get(link).get_data()
    text = pdf_text(pdf, tmp_path)
    code = dossier(api, stopped_id)["code"]
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text and STOP["ly_do"] in text and code in text
    assert "Phạm Thị Dung" in text and "PHÓ GIÁM ĐỐC" in text  # the leader who agreed signs it
    assert "KT. GIÁM ĐỐC SỞ TƯ PHÁP" in text
    day, running = code.rsplit("-", 2)[-2:]
    assert f"Số: {running}/{day}/DX" in text  # the notice's own number (document_numbers.py)
    assert any(code in url for url in qr_urls(pdf, tmp_path))

    # The leader's own reason, when written, is the one the applicant reads.
    own = submit_lltp(api, so_ban=4)
    accept(api, own)
    stopped(api, own, decision={**AGREE_STOP, "ly_do": "Không thuộc diện cấp Phiếu số 2 (Điều 45 Luật Lý lịch tư pháp)."})
    text = pdf_text(client.get(f"/mot-cua/ho-so/{own}/giay-to/dung-xu-ly.pdf").get_data(), tmp_path)
    assert "Điều 45 Luật Lý lịch tư pháp" in text and STOP["ly_do"] not in text


@pytest.mark.rule("QT-16")
def test_a_withdrawal_during_processing_ends_it_and_none_after_approval(api, clock):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT)
    response = api.post(f"/dossiers/{dossier_id}/withdraw", "congdan", json={"data": {"ly_do_rut": "Không cần nữa."}})
    assert response.status_code == 200
    state = response.get_json()
    assert state["status"]["code"] == 7 and state["open_tasks"] == []
    assert api.get("/tasks", "chuyenvien").get_json()["items"] == []
    other = submit_lltp(api, so_ban=3)
    processed(api, other)
    late = api.post(f"/dossiers/{other}/withdraw", "congdan", json={"data": {"ly_do_rut": "Muộn."}})
    assert late.status_code == 409  # the result exists: nothing to withdraw from


def _apology(client, token, dossier_id, when="2026-12-15T16:00", reason="Chờ Công an tỉnh trả lời."):
    return client.post(f"/mot-cua/ho-so/{dossier_id}/xin-loi",
                       data={"csrf_token": token, "ngay_hen_moi": when, "ly_do": reason})


def test_an_apology_moves_the_due_date_once_and_only_in_time(api, clock, client):
    clock.set(vn(2026, 11, 23, 8, 0))
    first, second = submit_lltp(api), submit_lltp(api, so_ban=4)
    accept(api, first)  # its fee taken at once: no apology while it waits for the applicant
    accept(api, second)
    token = as_officer(client, "lanhdao")
    clock.set(vn(2026, 12, 4, 10, 0))  # 14 working hours before the due instant of 8/12 08:00
    assert _apology(client, token, first, when="2026-12-07T10:00").status_code == 422  # not after the due date
    assert _apology(client, token, first, reason=" ").status_code == 422
    both = _apology(client, token, first, when="", reason="")  # everything to fix is said at once
    assert both.status_code == 422
    assert "Ngày giờ hẹn mới không hợp lệ." in html(both) and "Ghi rõ lý do chậm trả kết quả" in html(both)
    assert _apology(client, token, first, when="2026-12-12T10:00").status_code == 422  # a Saturday
    assert dossier(api, first)["due_at"] == "2026-12-08T08:00:00+07:00"
    response = _apology(client, token, first)
    assert response.status_code == 303
    state = dossier(api, first)
    assert state["due_at"] == "2026-12-15T16:00:00+07:00"
    assert [e["kind"] for e in state["history"]][-1] == "apology"
    page = html(client.get(f"/mot-cua/ho-so/{first}"))
    assert "Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)" in page and "chỉ cho phép hẹn lại một lần" in page
    again = _apology(client, token, first, when="2026-12-18T16:00")
    assert again.status_code == 409 and dossier(api, first)["due_at"] == "2026-12-15T16:00:00+07:00"
    clock.set(vn(2026, 12, 7, 10, 0))  # 6 working hours before its due instant: too late
    late = _apology(client, token, second)
    assert late.status_code == 409 and "chậm nhất 1 ngày làm việc" in html(late)
    # Only the resolving agency's leaders may apologise: the desk is told so (403), nothing moves.
    token = as_officer(client, "motcua")
    refused = _apology(client, token, second)
    assert refused.status_code == 403 and "Chỉ lãnh đạo của cơ quan giải quyết" in html(refused)
    token = as_officer(client, "congan")
    assert _apology(client, token, second).status_code in (403, 404, 409)
    assert dossier(api, second)["due_at"] == "2026-12-08T08:00:00+07:00"


def test_an_apology_sets_a_later_day_at_a_working_time_and_keeps_a_late_comers_words(api, clock, client):
    """The new date is another, later day (a minute later would spend the one apology for
    nothing), at a working time, a period's closing instant included (the calendar's own due
    instants fall there); only what the date box sends is read. A second leader sending from
    a page older than the first apology sees what they typed, and when it was moved."""
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    token = as_officer(client, "lanhdao")
    clock.set(vn(2026, 12, 4, 10, 0))
    due = dossier(api, dossier_id)["due_at"]
    assert due == "2026-12-08T08:00:00+07:00"
    same_day = _apology(client, token, dossier_id, when="2026-12-08T16:00")
    assert same_day.status_code == 422 and "Ngày hẹn mới phải là một ngày sau ngày hẹn hiện tại" in html(same_day)
    for typed in ("2026-12-15T10:00:30", "2026-12-15T03:00+00:00", "15/12/2026 10:00"):
        refused = _apology(client, token, dossier_id, when=typed)
        assert refused.status_code == 422 and "Ngày giờ hẹn mới không hợp lệ." in html(refused), typed
    lunch = _apology(client, token, dossier_id, when="2026-12-15T12:00")
    assert lunch.status_code == 422 and "trong giờ làm việc của một ngày làm việc" in html(lunch)
    assert dossier(api, dossier_id)["due_at"] == due
    assert _apology(client, token, dossier_id, when="2026-12-15T17:00").status_code == 303
    assert dossier(api, dossier_id)["due_at"] == "2026-12-15T17:00:00+07:00"
    late = _apology(client, token, dossier_id, when="2026-12-18T09:00", reason="Lãnh đạo khác gõ lý do dài.")
    page = html(late)
    assert late.status_code == 409 and "Nội dung bạn đã nhập (chưa được ghi vào hồ sơ)" in page
    assert "Lãnh đạo khác gõ lý do dài." in page and "2026-12-18T09:00" in page
    assert "đã được hẹn lại ngày trả kết quả lúc 10:00 ngày 04/12/2026 (ngày hẹn mới: 17:00 ngày 15/12/2026)" in page


def test_the_applicant_is_told_by_mail(api, clock, clean_app, mail_sink):
    from app.mail.outbox import deliver_pending
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    api.complete("chuyenvien", SEARCH, ASK)
    api.post(f"/dossiers/{dossier_id}/supplement", "congdan", json={"data": {"so_ban": 3}})
    api.complete("chuyenvien", SEARCH, CHECKED)
    api.complete("congan", POLICE_TASK, POLICE)
    pay(api, dossier_id)  # the third Phiếu the supplement asked for: 5.000 đồng more
    api.complete("lanhdao", APPROVAL, APPROVE)
    with clean_app.app_context():
        deliver_pending(vn(2026, 11, 23, 9, 0))
    code = dossier(api, dossier_id)["code"]
    subjects = [m["Subject"] for m in mail_sink.messages]
    assert subjects == [f"Hồ sơ {code}: mời nộp phí, lệ phí", f"Hồ sơ {code}: đã nhận phí, lệ phí",
                        f"Hồ sơ {code}: cần bổ sung, hoàn thiện",
                        f"Hồ sơ {code}: đã nhận đủ hồ sơ bổ sung, hẹn trả kết quả mới",
                        f"Hồ sơ {code}: mời nộp phí, lệ phí", f"Hồ sơ {code}: đã nhận phí, lệ phí",
                        f"Hồ sơ {code}: đã có kết quả"]
    assert "ngày hẹn trả kết quả mới: 08:00 ngày 08/12/2026" in mail_sink.messages[3].get_content()
    assert all(m["To"] == "congdan@binhan.example.vn" for m in mail_sink.messages)
    assert mail_sink.links(f"/ho-so/{dossier_id}")


def test_the_citizen_may_withdraw_while_asked_to_supplement(api, clock):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    api.complete("motcua", "Tiếp nhận hồ sơ", {"quyet_dinh": "yeu_cau_bo_sung", "ly_do": "Thiếu giấy tờ.",
                                               "thanh_phan_can_bo_sung": [{"thanh_phan": "CCCD", "yeu_cau": "Bản chụp"}]})
    assert sorted(dossier(api, dossier_id, "congdan")["waiting_for"]) == ["bo_sung", "rut_ho_so"]
    response = api.post(f"/dossiers/{dossier_id}/withdraw", "congdan", json={"data": {"ly_do_rut": "Không cần nữa."}})
    assert response.status_code == 200 and response.get_json()["status"]["code"] == 7
    assert api.post(f"/dossiers/{dossier_id}/supplement", "congdan", json={"data": {"so_ban": 2}}).status_code == 409


def test_the_national_index_takes_an_apologys_new_date_after_a_restart(clean_app):
    from types import SimpleNamespace as Event

    from app.dossiers.supplements import paused_due
    asked = Event(kind="supplement_requested", at=vn(2026, 11, 25, 9, 0), data={"stage": "processing"}, due_at=None)
    back = Event(kind="deadline_restarted", at=vn(2026, 11, 27, 10, 0), data={}, due_at=vn(2026, 12, 11, 10, 0))
    issued = Event(kind="code_issued", at=vn(2026, 11, 23, 8, 0), data={}, due_at=vn(2026, 12, 8, 8, 0))
    apology = Event(kind="apology", at=vn(2026, 12, 9, 8, 0), data={}, due_at=vn(2026, 12, 15, 8, 0))
    with clean_app.app_context():
        assert paused_due(None, [issued, asked, back]) == vn(2026, 12, 10, 9, 0)
        assert paused_due(None, [issued, asked, back, apology]) == vn(2026, 12, 15, 8, 0)
        # Asked and brought back outside working hours: no working time waited, nothing moves.
        night = Event(kind="deadline_restarted", at=vn(2026, 11, 25, 20, 0), data={}, due_at=None)
        evening = Event(kind="supplement_requested", at=vn(2026, 11, 25, 18, 0), data={"stage": "processing"},
                        due_at=None)
        assert paused_due(None, [issued, evening, night]) == vn(2026, 12, 8, 8, 0)
