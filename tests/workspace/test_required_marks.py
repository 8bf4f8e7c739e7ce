"""Audit #22: a field carries the required mark (*) exactly when the server refuses the form
without it: the digitising of a paper result, the citizen recorded at the counter, and the
optional e-mail address added later for the activation."""
from __future__ import annotations

import io
import re

from tests.conftest import vn
from tests.workspace.helpers import as_officer, html, processed, submit_lltp


def _marked(page: str) -> set[str]:
    """The ids of the fields whose label has the required mark."""
    return set(re.findall(r'<label for="([^"]+)">[^<]*<span class="required-mark"', page))


def _labelled(page: str, names) -> set[str]:
    return {name for name in names if f'<label for="{name}">' in page}


def _refused(page: str) -> set[str]:
    """The fields the server's answer says are wrong (each error sits under its field)."""
    return set(re.findall(r'<p class="field-error" id="([^"]+)-error">', page))


def test_every_field_of_the_digitising_form_is_marked_required(api, clock, client):
    clock.set(vn(2026, 11, 25, 9, 0))
    dossier_id = submit_lltp(api)
    processed(api, dossier_id)
    token = as_officer(client, "motcua")
    page = html(client.get(f"/mot-cua/ho-so/{dossier_id}"))
    form = page[page.index("<summary>Số hóa kết quả bản giấy</summary>"):]
    form = form[:form.index("</form>")]
    empty = client.post(f"/mot-cua/ho-so/{dossier_id}/so-hoa", data={"csrf_token": token, "tep_quet": (io.BytesIO(b""), "")},
                        content_type="multipart/form-data")
    assert empty.status_code == 422
    refused = _refused(html(empty))
    assert refused == {"trich_yeu", "so_ky_hieu", "co_quan_ban_hanh", "nguoi_ky", "ngay_ky", "tep_quet"}
    assert _marked(form) == refused
    assert "Các trường có dấu * là bắt buộc." in form


def test_the_counter_marks_what_it_requires_and_not_the_optional_address(client, clock):
    clock.set(vn(2026, 11, 23, 9, 0))
    token = as_officer(client, "motcua")
    fields = ("ho_ten", "ngay_sinh", "dia_chi", "so_dien_thoai", "email")
    page = html(client.get("/mot-cua/tiep-nhan?so_cccd=001085000999"))
    empty = client.post("/mot-cua/tiep-nhan", follow_redirects=True, data={"csrf_token": token, "so_cccd": "001085000999"})
    assert empty.status_code == 422
    assert _marked(page) & set(fields) == _refused(html(empty)) == {"ho_ten", "ngay_sinh", "dia_chi", "so_dien_thoai"}
    # Recorded without an address: adding one later is offered, not required to go on.
    recorded = client.post("/mot-cua/tiep-nhan", follow_redirects=True, data={
        "csrf_token": token, "so_cccd": "001085000999", "ho_ten": "Đỗ Văn Tám", "ngay_sinh": "1985-01-02",
        "dia_chi": "Số 8 Lê Lai, phường An Bình", "so_dien_thoai": "0905123999"})
    page = html(recorded)
    assert recorded.status_code == 200 and _labelled(page, ["email"]) == {"email"}
    assert "email" not in _marked(page)
    assert "Bổ sung địa chỉ thư điện tử để công dân kích hoạt tài khoản (không bắt buộc)" in page
    assert "Không cần để tiếp nhận hồ sơ" in page
