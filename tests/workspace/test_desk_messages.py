"""The one-stop desk receives on paper what a citizen would send online: a supplement brought to
the counter or posted (the application corrected from the paper, scans of what was asked for)
and a written request to withdraw. Same process message, recorded as received by the desk;
bad input is refused in words with nothing changed; only the dossier agency's desk may do it."""
from __future__ import annotations

import io
import re

import pytest

from tests.api.test_lifecycle import LLTP_FORM
from tests.conftest import vn
from tests.documents.samples import page_count
from tests.web.pages import login, pdf_bytes
from tests.workspace.helpers import (RETURN, accept, as_officer, asked_during_processing, dossier, html, pdf_text,
                                     processed, qr_urls, submit_lltp)

NOT_WAITING = "Hồ sơ hiện không chờ «{name}»."

RECEPTION_ASK = {"quyet_dinh": "yeu_cau_bo_sung", "ly_do": "Thiếu bản chụp giấy tờ tùy thân.",
                 "thanh_phan_can_bo_sung": [{"thanh_phan": "Bản chụp căn cước công dân", "yeu_cau": "Bản chụp rõ hai mặt."}]}


def _fields(data: dict, prefix: str = "f") -> dict:
    """The application as the e-form posts it (f.name, f.group.0.name)."""
    out = {}
    for name, value in data.items():
        if isinstance(value, list):
            for i, item in enumerate(value):
                out.update(_fields(item, f"{prefix}.{name}.{i}"))
        else:
            out[f"{prefix}.{name}"] = str(value)
    return out


def _asked_at_reception(api, clock) -> int:
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    api.complete("motcua", "Tiếp nhận hồ sơ", RECEPTION_ASK)
    assert dossier(api, dossier_id)["status"]["code"] == 5
    return dossier_id


def _form(token: str, **changes) -> dict:
    return {"csrf_token": token, "action": "submit", "tep_da_nhan": "", "hinh_thuc": "counter",
            **_fields({**LLTP_FORM, **changes})}


@pytest.mark.rule("QT-13")
def test_the_desk_receives_a_paper_supplement_for_the_citizen(api, clock, client):
    dossier_id = _asked_at_reception(api, clock)
    token = as_officer(client, "motcua")
    page = html(client.get(f"/mot-cua/ho-so/{dossier_id}"))
    assert f'href="/mot-cua/ho-so/{dossier_id}/bo-sung"' in page
    form = html(client.get(f"/mot-cua/ho-so/{dossier_id}/bo-sung"))
    assert "Thiếu bản chụp giấy tờ tùy thân." in form and "Bản chụp rõ hai mặt." in form
    assert 'value="Nguyễn Văn An"' in form  # the application as it stands, to correct from the paper
    clock.set(vn(2026, 11, 25, 9, 0))
    done = client.post(f"/mot-cua/ho-so/{dossier_id}/bo-sung", data={
        **_form(token, noi_cu_tru="15 Lê Lợi, phường An Bình"),
        "tep.GTTT": (io.BytesIO(pdf_bytes("CCCD hai mat")), "cccd-hai-mat.pdf")}, content_type="multipart/form-data")
    assert done.status_code == 303, html(done)
    state = dossier(api, dossier_id)
    # Back at the desk's reception, its 8 working hours counted again from the supplement.
    assert state["status"]["code"] == 1 and [t["name"] for t in state["open_tasks"]] == ["Tiếp nhận hồ sơ"]
    assert state["form_data"]["noi_cu_tru"] == "15 Lê Lợi, phường An Bình"
    summaries = [e["summary"] for e in state["history"]]
    assert "Bộ phận Một cửa nhận «Bổ sung hồ sơ» của công dân trực tiếp tại Bộ phận Một cửa" in summaries
    assert "Nội dung bổ sung: 1 trường tờ khai, 1 tệp thay đổi" in summaries
    page = html(client.get(f"/mot-cua/ho-so/{dossier_id}"))
    assert "cccd-hai-mat.pdf" in page and "<ins>15 Lê Lợi, phường An Bình</ins>" in page
    assert "Đã nhận hồ sơ bổ sung trực tiếp tại quầy" in page  # the flash
    assert f'href="/mot-cua/ho-so/{dossier_id}/bo-sung"' not in page  # nothing is awaited any more


def test_a_paper_supplement_sent_twice_is_received_once_and_said_received_both_times(api, clock, client):
    """A double click on a slow line: the second sending finds the first delivered (same form,
    same one-time value) and the officer reads the same confirmation, not "not waiting"."""
    dossier_id = _asked_at_reception(api, clock)
    token = as_officer(client, "motcua")
    form = html(client.get(f"/mot-cua/ho-so/{dossier_id}/bo-sung"))
    nonce = re.search(r'name="nonce" value="([^"]+)"', form).group(1)
    clock.set(vn(2026, 11, 25, 9, 0))
    scan = pdf_bytes("CCCD hai mat")  # the browser sends the same bytes again
    sent = [client.post(f"/mot-cua/ho-so/{dossier_id}/bo-sung", data={
        **_form(token, noi_cu_tru="15 Lê Lợi, phường An Bình"), "nonce": nonce,
        "tep.GTTT": (io.BytesIO(scan), "cccd-hai-mat.pdf")}, content_type="multipart/form-data")
        for _ in range(2)]
    assert [r.status_code for r in sent] == [303, 303]
    assert "Đã nhận hồ sơ bổ sung trực tiếp tại quầy" in html(client.get(sent[1].headers["Location"]))
    summaries = [e["summary"] for e in dossier(api, dossier_id)["history"]]
    assert summaries.count("Nội dung bổ sung: 1 trường tờ khai, 1 tệp thay đổi") == 1
    # Another sending (a new form, or the same page sent again with other content) is refused in
    # words: nothing is awaited any more; it is never taken for the first.
    received = "Hồ sơ đã được bổ sung lúc 09:00 ngày 25/11/2026 (cán bộ Trần Thị Bình đã nhận bản giấy)"
    for other in ("khac", nonce):
        again = client.post(f"/mot-cua/ho-so/{dossier_id}/bo-sung", data={**_form(token, so_ban=5), "nonce": other},
                            content_type="multipart/form-data")
        assert again.status_code == 409 and received in html(again)
    # Even with no file and a field left wrong: the dossier not waiting is said first, not the form.
    stale = client.post(f"/mot-cua/ho-so/{dossier_id}/bo-sung", data={**_form(token, so_ban=0), "nonce": "cu"},
                        content_type="multipart/form-data")
    assert stale.status_code == 409 and received in html(stale)


def test_a_paper_supplement_from_a_stale_page_keeps_what_was_typed_and_says_who_supplied_first(api, clock, client):
    """The citizen supplied online while the desk's page was open: the desk's corrections and
    scans come back, not saved, with who supplied the dossier and when."""
    dossier_id = _asked_at_reception(api, clock)
    token = as_officer(client, "motcua")
    nonce = re.search(r'name="nonce" value="([^"]+)"', html(client.get(f"/mot-cua/ho-so/{dossier_id}/bo-sung"))).group(1)
    clock.set(vn(2026, 11, 24, 14, 30))
    online = api.post(f"/dossiers/{dossier_id}/supplement", "congdan", content_type="multipart/form-data", data={
        "body": '{"data": {}}', "tep.GTTT": (io.BytesIO(pdf_bytes("CCCD ro")), "cccd-ro.pdf")})
    assert online.status_code == 200, online.get_json()
    clock.set(vn(2026, 11, 24, 15, 0))
    stale = client.post(f"/mot-cua/ho-so/{dossier_id}/bo-sung", content_type="multipart/form-data", data={
        **_form(token, noi_cu_tru="27 Trần Phú, phường Hải Cảng"), "nonce": nonce,
        "tep.GTTT": (io.BytesIO(pdf_bytes("CCCD giay")), "cccd-ban-giay.pdf")})
    page = html(stale)
    assert stale.status_code == 409
    assert "Hồ sơ đã được bổ sung lúc 14:30 ngày 24/11/2026 (công dân đã gửi trực tuyến)" in page
    assert "chưa được ghi" in page and "27 Trần Phú, phường Hải Cảng" in page and "cccd-ban-giay.pdf" in page
    assert dossier(api, dossier_id)["form_data"]["noi_cu_tru"] != "27 Trần Phú, phường Hải Cảng"


def test_a_supplement_by_post_needs_its_item_number_and_a_change(api, clock, client):
    dossier_id = _asked_at_reception(api, clock)
    token = as_officer(client, "motcua")
    path = f"/mot-cua/ho-so/{dossier_id}/bo-sung"
    nothing = client.post(path, data=_form(token), content_type="multipart/form-data")
    assert nothing.status_code == 422 and "Chưa có nội dung bổ sung" in html(nothing)
    posted = client.post(path, data={**_form(token, so_ban=3), "hinh_thuc": "postal", "so_buu_gui": ""},
                         content_type="multipart/form-data")
    assert posted.status_code == 422 and "Nhập số hiệu bưu gửi" in html(posted)
    assert 'value="3"' in html(posted)  # what the officer typed is kept
    bad = client.post(path, data={**_form(token), "f.so_ban": "nhiều"}, content_type="multipart/form-data")
    assert bad.status_code == 422
    assert dossier(api, dossier_id)["status"]["code"] == 5  # nothing changed
    ok = client.post(path, data={**_form(token, so_ban=3), "hinh_thuc": "postal", "so_buu_gui": "EB123456789VN"},
                     content_type="multipart/form-data")
    assert ok.status_code == 303
    summaries = [e["summary"] for e in dossier(api, dossier_id)["history"]]
    assert "Bộ phận Một cửa nhận «Bổ sung hồ sơ» của công dân qua dịch vụ bưu chính công ích" in summaries
    # The item number is not lost: the dossier's timeline shows it with the receipt.
    assert re.search(r"công dân qua dịch vụ bưu chính công ích · [^<]*· số hiệu bưu gửi: EB123456789VN",
                     html(client.get(f"/mot-cua/ho-so/{dossier_id}")))


def test_only_the_dossier_agency_desk_receives_for_the_citizen(api, clock, client):
    dossier_id = _asked_at_reception(api, clock)
    token = as_officer(client, "chuyenvien")
    assert client.get(f"/mot-cua/ho-so/{dossier_id}/bo-sung").status_code == 403
    assert client.post(f"/mot-cua/ho-so/{dossier_id}/bo-sung", data=_form(token),
                       content_type="multipart/form-data").status_code == 403
    assert f'/mot-cua/ho-so/{dossier_id}/bo-sung"' not in html(client.get(f"/mot-cua/ho-so/{dossier_id}"))
    assert dossier(api, dossier_id)["status"]["code"] == 5


@pytest.mark.rule("QT-16")
def test_the_desk_receives_a_written_withdrawal_during_processing(api, clock, client):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    token = as_officer(client, "motcua")
    page = html(client.get(f"/mot-cua/ho-so/{dossier_id}"))
    assert f'action="/mot-cua/ho-so/{dossier_id}/rut"' in page
    empty = client.post(f"/mot-cua/ho-so/{dossier_id}/rut", data={"csrf_token": token, "hinh_thuc": "counter",
                                                                  "ly_do_rut": "  "})
    assert empty.status_code == 422 and "Nhập lý do rút hồ sơ" in html(empty)
    too_long = "Công dân không còn nhu cầu, " + "vì " * 400  # refused whole, shown back whole to shorten
    refused = client.post(f"/mot-cua/ho-so/{dossier_id}/rut", data={"csrf_token": token, "hinh_thuc": "counter",
                                                                  "ly_do_rut": too_long})
    assert refused.status_code == 422 and f">{too_long}</textarea>" in html(refused)
    assert dossier(api, dossier_id)["status"]["code"] == 4
    done = client.post(f"/mot-cua/ho-so/{dossier_id}/rut", data={
        "csrf_token": token, "hinh_thuc": "counter", "ly_do_rut": "Công dân không còn nhu cầu (đơn ngày 24/11)."})
    assert done.status_code == 303
    state = dossier(api, dossier_id)
    assert state["status"]["code"] == 7 and state["open_tasks"] == [] and state["finished_at"]
    assert "Bộ phận Một cửa nhận «Yêu cầu rút hồ sơ» của công dân trực tiếp tại Bộ phận Một cửa" in [
        e["summary"] for e in state["history"]]
    again = client.post(f"/mot-cua/ho-so/{dossier_id}/rut", data={
        "csrf_token": token, "hinh_thuc": "counter", "ly_do_rut": "Lần nữa."})
    assert again.status_code == 409 and "Hồ sơ đã được rút lúc 08:00 ngày 23/11/2026" in html(again)


@pytest.mark.rule("QT-15")
def test_a_supplement_during_processing_received_at_the_desk_restarts_the_time(api, clock, client, clean_app,
                                                                             tmp_path):
    dossier_id = asked_during_processing(api, clock)
    clock.set(vn(2026, 11, 27, 10, 0))
    token = as_officer(client, "motcua")
    done = client.post(f"/mot-cua/ho-so/{dossier_id}/bo-sung",
                       data=_form(token, noi_cu_tru="12 Lê Lợi, phường An Bình (từ 1990)"),
                       content_type="multipart/form-data")
    assert done.status_code == 303
    assert done.headers["Location"].endswith(f"/mot-cua/ho-so/{dossier_id}#giay-to")
    state = dossier(api, dossier_id)
    assert state["status"]["code"] == 4 and state["due_at"] == "2026-12-11T10:00:00+07:00"
    page = html(client.get(f"/mot-cua/ho-so/{dossier_id}"))
    assert "hẹn trả kết quả 10:00 ngày 11/12/2026: in Giấy tiếp nhận hồ sơ bổ sung" in page
    link = f"/mot-cua/ho-so/{dossier_id}/giay-to/mau-01-bs-1.pdf"
    assert link in page
    # The new appointment, who received it, and why the time restarted; its QR leads to the lookup.
    pdf = client.get(link).get_data()
    text = " ".join(pdf_text(pdf, tmp_path).split())
    for expected in ("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "Tiếp nhận hồ sơ bổ sung lần 1",
                     "Nghị định số 61/2018/NĐ-CP", "Trần Thị Bình", state["code"],
                     f"Số: {state['code'][-4:]}/{state['code'].split('-')[1]}/TN2"):
        assert expected in text, expected
    assert "trả kết quả giải quyết hồ sơ: 10 giờ 00 phút, ngày 11 tháng 12 năm 2026" in text  # the new one
    assert "hẹn trả kết quả lúc 08:00 ngày 08/12/2026" in text  # and the first
    assert qr_urls(pdf, tmp_path) == [f"{clean_app.config['MOTCUA_PUBLIC_URL']}/tra-cuu/{state['code']}"]
    assert page_count(pdf) == 1  # the restart note does not push the signatures onto a second page
    # The citizen has it on the portal too; the first receipt keeps its own appointment.
    login(client, "congdan")
    own = client.get(f"/ho-so/{dossier_id}/giay-tiep-nhan-bo-sung-1.pdf")
    assert own.status_code == 200 and "ngày 11 tháng 12 năm 2026" in pdf_text(own.get_data(), tmp_path)
    assert f"/ho-so/{dossier_id}/giay-tiep-nhan-bo-sung-1.pdf" in html(client.get(f"/ho-so/{dossier_id}"))
    first = " ".join(pdf_text(client.get(f"/ho-so/{dossier_id}/giay-tiep-nhan.pdf").get_data(), tmp_path).split())
    assert "ngày 08 tháng 12 năm 2026" in first and "Tiếp nhận hồ sơ bổ sung" not in first
    assert client.get(f"/ho-so/{dossier_id}/giay-tiep-nhan-bo-sung-2.pdf").status_code == 404


def test_a_dossier_not_waiting_for_a_supplement_is_refused_in_words(api, clock, client):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    token = as_officer(client, "motcua")
    response = client.get(f"/mot-cua/ho-so/{dossier_id}/bo-sung", follow_redirects=True)
    assert "Hồ sơ này không chờ công dân bổ sung" in html(response)
    response = client.post(f"/mot-cua/ho-so/{dossier_id}/bo-sung", data=_form(token, so_ban=5),
                           content_type="multipart/form-data")
    assert response.status_code == 409  # what was sent comes back, not saved
    assert "Hồ sơ hiện không chờ công dân bổ sung, nên nội dung bạn vừa gửi chưa được ghi" in html(response)
    assert dossier(api, dossier_id)["form_data"]["so_ban"] == LLTP_FORM["so_ban"]


def test_the_desk_lists_the_dossiers_waiting_for_a_supplement(api, clock, client):
    waiting = _asked_at_reception(api, clock)
    other = submit_lltp(api, ho_ten="Lê Thị Hoa")
    as_officer(client, "motcua")
    page = html(client.get("/mot-cua/ho-so", query_string={"trang_thai": 5}))
    assert f'href="/mot-cua/ho-so/{waiting}"' in page and f'href="/mot-cua/ho-so/{other}"' not in page
    assert '<option value="5" selected>' in page
    empty = html(client.get("/mot-cua/ho-so", query_string={"trang_thai": 8}))
    assert "Không tìm thấy hồ sơ nào ở trạng thái «Dừng xử lý»." in empty
    for hostile in ("abc", "99", "-1"):  # ignored: every dossier
        page = html(client.get("/mot-cua/ho-so", query_string={"trang_thai": hostile}))
        assert f'href="/mot-cua/ho-so/{waiting}"' in page and f'href="/mot-cua/ho-so/{other}"' in page


def test_the_desk_records_paper_messages_through_the_api(api, clock):
    """For an integration (the postal service's, a counter kiosk): the same messages over the API,
    with how the desk received them; refused in words, with nothing changed, when that is missing."""
    dossier_id = _asked_at_reception(api, clock)
    path = f"/dossiers/{dossier_id}/supplement"
    supplement = {"data": {"so_ban": 3}}
    no_channel = api.post(path, "motcua", json=supplement)
    assert no_channel.status_code == 422 and "channel" in no_channel.get_json()["error"]["message"]
    no_number = api.post(path, "motcua", json={**supplement, "channel": "postal", "postal_code": " "})
    assert no_number.status_code == 422 and "số hiệu bưu gửi" in no_number.get_json()["error"]["message"]
    assert api.post(path, "chuyenvien", json={**supplement, "channel": "counter"}).status_code == 403
    assert api.post(path, "congdan", json={**supplement, "channel": "counter"}).status_code == 403
    for user, body in (("motcua", {"data": {"so_ban": 2}, "channel": "counter"}), ("congdan", {"data": {}})):
        nothing = api.post(path, user, json=body)  # the application as it was, and no file
        assert nothing.status_code == 422 and "Chưa có nội dung bổ sung" in nothing.get_json()["error"]["message"]
    assert dossier(api, dossier_id)["status"]["code"] == 5
    done = api.post(path, "motcua", json={**supplement, "channel": "postal", "postal_code": "EB123456789VN"})
    assert done.status_code == 200, done.get_json()
    state = done.get_json()
    assert state["status"]["code"] == 1 and state["form_data"]["so_ban"] == 3
    assert "Bộ phận Một cửa nhận «Bổ sung hồ sơ» của công dân qua dịch vụ bưu chính công ích" in [
        e["summary"] for e in state["history"]]
    accept(api, dossier_id)
    withdraw = f"/dossiers/{dossier_id}/withdraw"
    no_reason = api.post(withdraw, "motcua", json={"channel": "counter"})
    assert no_reason.status_code == 422 and "ly_do_rut" in no_reason.get_json()["error"]["fields"][0]["field"]
    assert dossier(api, dossier_id)["status"]["code"] == 4
    done = api.post(withdraw, "motcua", json={"channel": "counter", "data": {"ly_do_rut": "Đơn rút ngày 26/11."}})
    assert done.status_code == 200 and done.get_json()["status"]["code"] == 7


def test_a_withdrawal_of_a_dossier_that_ended_says_how_it_ended(api, clock, client):
    """A written withdrawal recorded from a page opened before the dossier ended: refused with how
    and when it ended, nothing changed; the citizen and the API hear the same."""
    clock.set(vn(2026, 11, 23, 8, 0))
    refused_id = submit_lltp(api)
    token = as_officer(client, "motcua")
    assert f'action="/mot-cua/ho-so/{refused_id}/rut"' in html(client.get(f"/mot-cua/ho-so/{refused_id}"))
    clock.set(vn(2026, 11, 23, 9, 30))
    api.complete("motcua", "Tiếp nhận hồ sơ", {"quyet_dinh": "tu_choi", "ly_do": "Không thuộc thẩm quyền."})
    typed = "Công dân không còn nhu cầu (đơn ngày 23/11)."
    late = client.post(f"/mot-cua/ho-so/{refused_id}/rut", data={"csrf_token": token, "hinh_thuc": "counter",
                                                               "ly_do_rut": typed})
    ended = "Hồ sơ đã kết thúc (không được tiếp nhận lúc 09:30 ngày 23/11/2026) nên không thể rút hồ sơ nữa."
    assert late.status_code == 409 and ended in html(late) and "hiện không chờ" not in html(late)
    state = dossier(api, refused_id)
    assert state["status"]["code"] == 3 and "message_at_desk" not in [e["kind"] for e in state["history"]]
    by_citizen = api.post(f"/dossiers/{refused_id}/withdraw", "congdan", json={"data": {"ly_do_rut": typed}})
    assert by_citizen.status_code == 409 and by_citizen.get_json()["error"]["message"] == ended
    returned_id = submit_lltp(api)
    processed(api, returned_id)
    clock.set(vn(2026, 11, 23, 10, 0))
    api.complete("motcua", "Trả kết quả", RETURN, dossier=returned_id)
    late = client.post(f"/mot-cua/ho-so/{returned_id}/rut", data={"csrf_token": token, "hinh_thuc": "counter",
                                                                "ly_do_rut": typed})
    assert late.status_code == 409
    assert "Hồ sơ đã kết thúc (đã trả kết quả lúc 10:00 ngày 23/11/2026) nên không thể rút hồ sơ nữa." in html(late)
