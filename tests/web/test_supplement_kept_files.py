"""The citizen's online supplement keeps the files it accepted when the form is sent back (a
field to correct, a file refused, a repeated group grown): listed on the page, each removable,
carried in a signed field and sent with the supplement once the form is valid, never chosen
twice; a tampered carried field, or one signed for another form, is ignored."""
from __future__ import annotations

import io
import re

from tests.api.test_lifecycle import LLTP_FORM
from tests.conftest import vn
from tests.web.pages import csrf, login, pdf_bytes
from tests.workspace.helpers import html
from tests.workspace.test_desk_messages import _asked_at_reception, _fields
from tests.workspace.test_intake_kept_files import _carried, _files

SCAN = pdf_bytes("CCCD hai mat ro net")
KEPT_HELP = "Các tệp đã đính kèm dưới đây được giữ lại, không cần chọn lại"
NOTHING = "Vui lòng đính kèm ít nhất một tệp hoặc sửa thông tin được yêu cầu bổ sung."


def _waiting(api, clock, client) -> tuple[str, dict]:
    """A criminal-record dossier the desk asked to supplement at reception, its citizen logged in
    on the portal: (the supplement form's address, the form's fields as the page shows them)."""
    dossier_id = _asked_at_reception(api, clock)
    login(client, "congdan")
    token = csrf(client, f"/ho-so/{dossier_id}")
    return f"/ho-so/{dossier_id}/bo-sung", {"csrf_token": token, "action": "submit", **_fields(LLTP_FORM)}


def _post(client, path: str, fields: dict):
    return client.post(path, data=fields, content_type="multipart/form-data")


def _dossier_id(path: str) -> int:
    return int(path.split("/")[2])


def test_a_file_accepted_with_an_invalid_field_is_kept_and_sent_with_the_correction(api, clock, client, clean_app):
    path, fields = _waiting(api, clock, client)
    dossier_id = _dossier_id(path)
    before = _files(clean_app, dossier_id)

    # A valid scan, a refused file and two invalid fields: all said at once, the scan kept.
    bad = _post(client, path, {**fields, "f.so_ban": "nhiều", "f.ho_ten": "",
                               "f.noi_cu_tru": "15 Lê Lợi, phường An Bình", "tep_da_nhan": "",
                               "tep.GTTT": (io.BytesIO(SCAN), "hai-mat.pdf"),
                               "tep.UQ": (io.BytesIO(b"MZ\x90\x00" + b"\x00" * 64), "uy-quyen.pdf")})
    page = html(bad)
    assert bad.status_code == 422
    assert 'name="action" value="bo_tep:0">Bỏ tệp «hai-mat.pdf»</button>' in page and KEPT_HELP in page
    # The refusal is at its own component, with the field errors, in the summary too.
    assert re.search(r'id="tep-UQ-error">Tệp «uy-quyen.pdf» không phải là tệp', page)
    assert 'href="#tep-UQ"' in page and 'href="#f-so_ban"' in page and 'href="#f-ho_ten"' in page
    assert 'value="15 Lê Lợi, phường An Bình"' in page and 'value="nhiều"' in page  # what was typed stays
    kept = _carried(page)
    assert kept and _files(clean_app, dossier_id) == before  # nothing sent yet

    # Corrected, without choosing the scan again: the supplement goes with the kept scan.
    clock.set(vn(2026, 11, 23, 10, 0))
    done = _post(client, path, {**fields, "f.noi_cu_tru": "15 Lê Lợi, phường An Bình", "tep_da_nhan": kept})
    assert done.status_code == 303, html(done)
    assert done.headers["Location"].endswith(f"/ho-so/{dossier_id}")
    assert "Đã gửi hồ sơ bổ sung" in html(client.get(f"/ho-so/{dossier_id}"))
    changed = [f for f in _files(clean_app, dossier_id) if f not in before]
    assert changed == [("GTTT", "gttt.pdf", True), ("GTTT", "hai-mat.pdf", False)]  # the first scan replaced
    state = api.get(f"/dossiers/{dossier_id}", "motcua").get_json()
    assert state["status"]["code"] == 1 and state["form_data"]["noi_cu_tru"] == "15 Lê Lợi, phường An Bình"


def test_a_kept_file_is_removable_and_the_same_file_chosen_again_is_kept_once(api, clock, client, clean_app):
    path, fields = _waiting(api, clock, client)
    dossier_id = _dossier_id(path)
    before = _files(clean_app, dossier_id)
    first = _post(client, path, {**fields, "f.so_ban": "nhiều", "tep_da_nhan": "",
                                 "tep.GTTT": (io.BytesIO(SCAN), "hai-mat.pdf")})
    assert first.status_code == 422
    kept = _carried(html(first))

    # Chosen again after the correction: listed once, and the page says why.
    again = _post(client, path, {**fields, "f.so_ban": "nhiều", "tep_da_nhan": kept,
                                 "tep.GTTT": (io.BytesIO(SCAN), "hai-mat-lan-2.pdf")})
    page = html(again)
    assert again.status_code == 422 and page.count("Bỏ tệp «") == 1 and "Bỏ tệp «hai-mat.pdf»" in page
    assert "Tệp «hai-mat-lan-2.pdf» trùng nội dung với tệp đã có của thành phần này: không lưu thêm." in page
    kept = _carried(page)

    # A remove button that names nothing (a stale or forged index) changes nothing.
    for action in ("bo_tep:3", "bo_tep:-1", "bo_tep:x", "bo_tep:"):
        same = _post(client, path, {**fields, "tep_da_nhan": kept, "action": action})
        assert same.status_code == 200 and "Bỏ tệp «hai-mat.pdf»" in html(same), action
        assert _files(clean_app, dossier_id) == before

    # Taken off: the page says so, the file is gone from the form, what was typed stays, nothing is sent.
    removed = _post(client, path, {**fields, "f.noi_cu_tru": "15 Lê Lợi", "tep_da_nhan": kept, "action": "bo_tep:0"})
    page = html(removed)
    assert removed.status_code == 200 and "Đã bỏ tệp «hai-mat.pdf»." in page
    assert "Bỏ tệp «hai-mat.pdf»" not in page and KEPT_HELP not in page and 'value="15 Lê Lợi"' in page
    assert _files(clean_app, dossier_id) == before
    # Sent as it now stands: no file and the application unchanged, so nothing to send.
    nothing = _post(client, path, {**fields, "tep_da_nhan": _carried(page)})
    assert nothing.status_code == 422 and NOTHING in html(nothing)
    assert _files(clean_app, dossier_id) == before


def test_growing_a_repeated_group_keeps_the_files_and_sends_nothing(api, clock, client, clean_app):
    path, fields = _waiting(api, clock, client)
    dossier_id = _dossier_id(path)
    before = _files(clean_app, dossier_id)
    grown = _post(client, path, {**fields, "action": "add:qua_trinh_cu_tru", "tep_da_nhan": "",
                                 "tep.GTTT": (io.BytesIO(SCAN), "hai-mat.pdf")})
    page = html(grown)
    assert grown.status_code == 200 and "Bỏ tệp «hai-mat.pdf»" in page
    assert f'name="f.qua_trinh_cu_tru.{len(LLTP_FORM["qua_trinh_cu_tru"])}.noi_cu_tru"' in page
    assert _files(clean_app, dossier_id) == before
    # The page's default button (Enter in a field) sends the form, never a remove button.
    form = page[page.index(f'action="{path}"'):]
    assert re.search(r'<button type="submit" name="action" value="submit" class="visually-hidden"', form.split("<h3>")[0])


def test_a_tampered_carried_field_or_one_signed_for_another_form_is_ignored(api, clock, client, clean_app):
    path, fields = _waiting(api, clock, client)
    dossier_id = _dossier_id(path)
    before = _files(clean_app, dossier_id)
    first = _post(client, path, {**fields, "f.so_ban": "nhiều", "tep_da_nhan": "",
                                 "tep.GTTT": (io.BytesIO(SCAN), "hai-mat.pdf")})
    kept = _carried(html(first))
    from app.files.carried import carried, carry
    with clean_app.test_request_context():
        files = carried(kept, f"portal-supplement:{_user_id(clean_app, 'congdan')}:{dossier_id}")
        assert [f["file_name"] for f in files] == ["hai-mat.pdf"]
        desk_token = carry(files)  # as the desk's forms sign it
        other_dossier = carry(files, f"portal-supplement:{_user_id(clean_app, 'congdan')}:{dossier_id + 1}")
    tampered = kept[:-3] + ("AAA" if not kept.endswith("AAA") else "BBB")
    for token in (tampered, desk_token, other_dossier, "not-a-token"):
        response = _post(client, path, {**fields, "tep_da_nhan": token})
        page = html(response)
        assert response.status_code == 422 and NOTHING in page and "hai-mat.pdf" not in page
        assert _files(clean_app, dossier_id) == before


def _user_id(app, username: str) -> int:
    from sqlalchemy import select

    from app.db import db
    from app.users.models import User
    with app.app_context():
        found = db.session.execute(select(User.id).where(User.username == username)).scalar_one()
        db.session.remove()
    return found


def test_a_supplement_sent_twice_by_a_double_click_is_delivered_once(api, clock, client, clean_app):
    path, fields = _waiting(api, clock, client)
    dossier_id = _dossier_id(path)
    nonce = re.search(r'name="nonce" value="([^"]+)"', html(client.get(f"/ho-so/{dossier_id}"))).group(1)
    sent = [_post(client, path, {**fields, "nonce": nonce, "tep_da_nhan": "",
                                 "tep.GTTT": (io.BytesIO(SCAN), "hai-mat.pdf")}) for _ in range(2)]
    assert [r.status_code for r in sent] == [303, 303]
    page = html(client.get(f"/ho-so/{dossier_id}"))
    assert "Đã gửi hồ sơ bổ sung" in page and "không chờ" not in page
    assert [f for f in _files(clean_app, dossier_id) if f[1] == "hai-mat.pdf"] == [("GTTT", "hai-mat.pdf", False)]
    # The same page sent again after an edit is another supplement, never taken for the first:
    # the citizen reads that the dossier no longer waits for one.
    _post(client, path, {**fields, "f.so_ban": "5", "nonce": nonce, "tep_da_nhan": "",
                         "tep.GTTT": (io.BytesIO(SCAN), "hai-mat.pdf")})
    page = html(client.get(f"/ho-so/{dossier_id}"))
    assert "không chờ" in page
    # What that page sent is named as not recorded, not silently dropped.
    assert "Nội dung bạn vừa gửi ở trang này và các tệp «hai-mat.pdf» chưa được ghi vào hồ sơ" in page
    # Another tab's page, without the file asked for: told at once, not asked to attach it.
    stale = _post(client, path, {**fields, "f.so_ban": "6", "nonce": "tab-khac", "tep_da_nhan": ""})
    page = html(client.get(stale.headers["Location"]))
    assert stale.status_code == 303 and "không chờ" in page and "Nội dung bạn vừa gửi ở trang này chưa được ghi" in page
