"""A paper dossier brought to the counter for someone else (nộp thay, ủy quyền): the desk records
who asks, the authorisation becomes a required scan, and the dossier's pages show both who asks
and who sent it, as for a dossier sent that way on the portal."""
from __future__ import annotations

import io
import re

from tests.conftest import vn
from tests.web.pages import pdf_bytes
from tests.workspace.helpers import accept, as_officer, html, pdf_text
from tests.workspace.test_intake import LLTP_FIELDS, _citizen_id

PRINCIPAL = {"dai_dien": "person", "dai_dien_ho_ten": "Trần Văn Bảy", "dai_dien_cccd": "001085000777"}


def test_the_desk_enters_a_dossier_brought_for_someone_else(client, clock, clean_app, api, tmp_path):
    clock.set(vn(2026, 11, 23, 9, 0))
    token = as_officer(client, "motcua")
    form_path = f"/mot-cua/tiep-nhan/{_citizen_id(clean_app, '001090000001')}/2.000488"
    form = html(client.get(form_path))
    assert "Người nộp hồ sơ cho ai" in form and 'id="dai_dien-self" name="dai_dien" value="self" checked' in form
    fields = {"csrf_token": token, "nonce": "n-1", "hinh_thuc": "counter", "action": "submit", "tep_da_nhan": "",
              **LLTP_FIELDS}
    scan = pdf_bytes("CCCD")
    # Said to be for someone else, without who, and without the authorisation: all said at once, kept.
    refused = client.post(form_path, data={**fields, "dai_dien": "person", "dai_dien_cccd": "0010 8500",
                                           "tep.GTTT": (io.BytesIO(scan), "cccd.pdf")},
                          content_type="multipart/form-data")
    text = html(refused)
    assert refused.status_code == 422
    assert "Vui lòng nhập họ và tên người ủy quyền" in text and "Số định danh cá nhân của người ủy quyền phải gồm" in text
    assert "Thiếu bản quét thành phần «Văn bản ủy quyền" in text
    assert 'id="dai_dien-person" name="dai_dien" value="person" checked' in text and 'value="00108500"' in text
    carried = re.search(r'name="tep_da_nhan" value="([^"]+)"', text).group(1)
    done = client.post(form_path, data={**fields, **PRINCIPAL, "tep_da_nhan": carried,
                                        "tep.UQ": (io.BytesIO(pdf_bytes("Uy quyen")), "uy-quyen.pdf")},
                       content_type="multipart/form-data")
    assert done.status_code == 303, html(done)
    task_page = html(client.get(done.headers["Location"]))
    assert "<dt>Người yêu cầu</dt><dd>Trần Văn Bảy · Số định danh cá nhân (CCCD) 001085000777</dd>" in task_page
    assert re.search(r"<dt>Người nộp thay</dt><dd>Nguyễn Văn An · Số định danh cá nhân \(CCCD\) 001090000001 · 0912345678", task_page)
    assert "Được người yêu cầu ủy quyền" in task_page
    dossier_id = int(re.search(r'href="/mot-cua/ho-so/(\d+)"', task_page).group(1))
    state = api.get(f"/dossiers/{dossier_id}", "motcua").get_json()
    assert state["applicant_name"] == "Trần Văn Bảy"
    # The receipt names both: the contact it prints is the one who brought it, said so.
    accept(api, dossier_id)
    receipt = pdf_text(client.get(f"/mot-cua/ho-so/{dossier_id}/giay-to/mau-01.pdf").get_data(), tmp_path)
    lines = " ".join(receipt.split())
    assert "Tiếp nhận hồ sơ của: Trần Văn Bảy" in lines
    assert "Người nộp thay: Nguyễn Văn An (địa chỉ, số điện thoại, thư điện tử dưới đây là của người nộp thay)" in lines
    assert lines.index("Người nộp thay: Nguyễn Văn An") < lines.index("Số điện thoại: 0912345678")
    # The citizen who brought it reads on the portal whom it is for.
    as_officer(client, "congdan")
    assert "Nộp cho</dt><dd>Người khác (tôi được ủy quyền): Trần Văn Bảy" in html(client.get(f"/ho-so/{dossier_id}"))
