"""A supplement request that names a component of the procedure (its name, its short name, its
code: the step's form offers the names) binds the supplement to a new file of that component,
whichever way it comes (portal, desk, API); a request naming anything else asks in words only."""
from __future__ import annotations

import io

import pytest

from tests.api.test_component_files import _multipart as _api_multipart
from tests.api.test_lifecycle import LLTP_FORM
from tests.conftest import vn
from tests.web.pages import csrf, login, pdf_bytes
from tests.workspace.helpers import as_officer, dossier, html, submit_lltp
from tests.workspace.test_desk_messages import _fields, _form

GTTT = "Giấy tờ tùy thân (Căn cước công dân, hộ chiếu)"
ASK = {"quyet_dinh": "yeu_cau_bo_sung", "ly_do": "Ảnh giấy tờ bị mờ.",
       "thanh_phan_can_bo_sung": [{"thanh_phan": "giấy tờ tuỳ thân", "yeu_cau": "Bản chụp rõ hai mặt."},
                                  {"thanh_phan": "Tờ khai", "yeu_cau": "Ghi đủ nơi cư trú."}]}
PORTAL_ASKED = f"Cơ quan đã yêu cầu bổ sung «{GTTT}»: vui lòng đính kèm tệp mới cho thành phần này."


def _asked(api, clock, ask: dict = ASK) -> int:
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    api.complete("motcua", "Tiếp nhận hồ sơ", ask)
    clock.set(vn(2026, 11, 24, 9, 0))
    return dossier_id


def _multipart(form: dict, **files) -> dict:
    return {**form, **{f"tep.{code}": (io.BytesIO(pdf_bytes(name)), f"{name}.pdf") for code, name in files.items()}}


@pytest.mark.rule("QT-58")
def test_the_step_form_offers_the_procedure_components_by_name(api, clock, client):
    clock.set(vn(2026, 11, 23, 8, 0))
    submit_lltp(api)
    task = api.task("motcua", "Tiếp nhận hồ sơ")
    as_officer(client, "motcua")
    page = html(client.get(f"/mot-cua/viec/{task['id']}"))
    box = 'id="f-thanh_phan_can_bo_sung-0-thanh_phan"'
    assert box in page and 'list="f-thanh_phan_can_bo_sung-0-thanh_phan-goi-y"' in page
    assert f'<option value="{GTTT}">' in page and '<option value="Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp">' in page


@pytest.mark.rule("QT-58")
def test_the_citizen_must_send_a_new_file_of_the_named_component(api, clock, client):
    dossier_id = _asked(api, clock)
    login(client, "congdan")
    page = html(client.get(f"/ho-so/{dossier_id}"))
    # Named first and marked; the e-form's line asks in words only.
    assert page.index("Chọn tệp cho «" + GTTT) < page.index("Chọn tệp cho «Văn bản ủy quyền")
    assert f"{GTTT} <span class=\"required-mark\">(được yêu cầu bổ sung)</span>" in page
    assert page.count("(được yêu cầu bổ sung)") == 1
    form = {"csrf_token": csrf(client, f"/ho-so/{dossier_id}"), "action": "submit", "tep_da_nhan": "",
            **_fields({**LLTP_FORM, "noi_cu_tru": "15 Lê Lợi, phường An Bình"})}
    refused = client.post(f"/ho-so/{dossier_id}/bo-sung", data=form, content_type="multipart/form-data")
    assert refused.status_code == 422 and PORTAL_ASKED in html(refused) and 'href="#tep-GTTT"' in html(refused)
    assert dossier(api, dossier_id)["status"]["code"] == 5 and "15 Lê Lợi" not in str(dossier(api, dossier_id)["form_data"])
    # Another component's file does not stand for it.
    other = client.post(f"/ho-so/{dossier_id}/bo-sung", data=_multipart(form, UQ="uy-quyen"),
                        content_type="multipart/form-data")
    assert other.status_code == 422 and PORTAL_ASKED in html(other)
    sent = client.post(f"/ho-so/{dossier_id}/bo-sung", data=_multipart(form, GTTT="cccd-ro"),
                       content_type="multipart/form-data")
    assert sent.status_code == 303
    state = dossier(api, dossier_id)
    assert state["status"]["code"] == 1 and state["form_data"]["noi_cu_tru"] == "15 Lê Lợi, phường An Bình"
    assert ("cccd-ro.pdf", True) in {(f["file_name"], f["current"]) for f in state["files"]}


@pytest.mark.rule("QT-58")
def test_the_desk_records_a_paper_supplement_only_with_the_named_scan(api, clock, client):
    dossier_id = _asked(api, clock)
    token = as_officer(client, "motcua")
    page = html(client.get(f"/mot-cua/ho-so/{dossier_id}/bo-sung"))
    assert f"{GTTT} <span class=\"required-mark\">(được yêu cầu bổ sung)</span>" in page
    form = _form(token, noi_cu_tru="15 Lê Lợi, phường An Bình")
    refused = client.post(f"/mot-cua/ho-so/{dossier_id}/bo-sung", data=form, content_type="multipart/form-data")
    assert refused.status_code == 422
    assert f"Thiếu bản quét mới của «{GTTT}»: thành phần này đã được yêu cầu bổ sung." in html(refused)
    assert dossier(api, dossier_id)["status"]["code"] == 5
    done = client.post(f"/mot-cua/ho-so/{dossier_id}/bo-sung", data=_multipart(form, GTTT="cccd"),
                       content_type="multipart/form-data")
    assert done.status_code == 303 and dossier(api, dossier_id)["status"]["code"] == 1


@pytest.mark.rule("QT-58")
def test_the_api_says_which_components_need_a_file_and_refuses_a_supplement_without(api, clock):
    dossier_id = _asked(api, clock)
    asked = dossier(api, dossier_id, "congdan")["supplement_request"]["components"]
    assert [(c["name"], c["component_code"]) for c in asked] == [("giấy tờ tuỳ thân", "GTTT"), ("Tờ khai", None)]
    refused = api.post(f"/dossiers/{dossier_id}/supplement", "congdan", json={"data": {"so_ban": 3}})
    error = refused.get_json()["error"]
    assert refused.status_code == 422 and error["fields"] == [
        {"field": "tep.GTTT", "message": f"Thiếu tệp mới của thành phần «{GTTT}» mà cơ quan đã yêu cầu bổ sung."}]
    assert dossier(api, dossier_id)["form_data"]["so_ban"] == LLTP_FORM["so_ban"]
    sent = _api_multipart(api, f"/dossiers/{dossier_id}/supplement", {"data": {"so_ban": 3}},
                          {"tep.GTTT": (pdf_bytes("ro"), "ro.pdf")})
    assert sent.status_code == 200, sent.get_json()
    assert sent.get_json()["form_data"]["so_ban"] == 3


def test_a_request_naming_no_component_asks_in_words_only(api, clock):
    dossier_id = _asked(api, clock, {**ASK, "thanh_phan_can_bo_sung": [
        {"thanh_phan": "Bản chụp CCCD", "yeu_cau": "Rõ nét."}]})
    asked = dossier(api, dossier_id, "congdan")["supplement_request"]["components"]
    assert asked == [{"name": "Bản chụp CCCD", "to_do": "Rõ nét.", "component_code": None}]
    sent = api.post(f"/dossiers/{dossier_id}/supplement", "congdan", json={"data": {"so_ban": 3}})
    assert sent.status_code == 200, sent.get_json()
