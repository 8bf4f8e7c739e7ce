"""Before approving, the leader reads the result their approval would sign: the same document,
unsigned, marked as a preview, with no QR code to a verification that would find nothing; nothing
is issued or stored by reading it; only for the leader's open step on a dossier in processing."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.conftest import vn
from tests.workspace.helpers import (ACCEPT, APPROVAL, APPROVE, SEARCH, STOP, STOP_APPROVAL, accept, as_officer,
                                     awaiting_approval, dossier, html, pdf_text, qr_urls, submit_lltp)


def _results(app) -> int:
    from app.db import db
    from app.dossiers.models import DossierResult
    with app.app_context():
        count = db.session.execute(select(func.count()).select_from(DossierResult)).scalar_one()
        db.session.remove()
    return count


def test_the_leader_reads_the_result_before_signing_it(api, clock, client, clean_app, tmp_path):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    awaiting_approval(api, dossier_id)
    task = api.task("lanhdao", APPROVAL)
    path = f"/mot-cua/viec/{task['id']}/xem-truoc-ket-qua.pdf"
    as_officer(client, "lanhdao")
    assert path in html(client.get(f"/mot-cua/viec/{task['id']}"))
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdf_text(response.get_data(), tmp_path)
    code = dossier(api, dossier_id)["code"]
    assert "BẢN XEM TRƯỚC: CHƯA PHÊ DUYỆT, CHƯA KÝ SỐ, KHÔNG CÓ GIÁ TRỊ PHÁP LÝ" in text
    assert "Nguyễn Văn An" in text and f"{code}-KQ1" in text and "Phạm Thị Dung" in text
    assert qr_urls(response.get_data(), tmp_path) == [] and _results(clean_app) == 0
    as_officer(client, "chuyenvien")  # not the specialist's step
    assert client.get(path).status_code in (403, 404)
    api.complete("lanhdao", APPROVAL, APPROVE)
    assert _results(clean_app) == 1
    as_officer(client, "lanhdao")
    assert client.get(path).status_code in (404, 409)  # approved: the signed result is the one to read


def test_the_preview_says_what_the_signed_result_says(api, clock, client, clean_app, tmp_path):
    """The civil-status copy (2.000635): the preview and the signed result carry the same words,
    and the applicant is named once (the catalogue's template no longer repeats it)."""
    from tests.api.test_lifecycle import APPRAISE, BAN_SAO, BAN_SAO_FORM, pay
    clock.set(vn(2026, 11, 23, 9, 0))
    created = api.post("/dossiers", "congdan", json={"procedure_code": BAN_SAO, "data": BAN_SAO_FORM}).get_json()
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT)
    pay(api, created["id"])
    api.complete("chuyenvien", "Thẩm định hồ sơ", APPRAISE)
    task = api.task("lanhdao", "Phê duyệt kết quả")
    as_officer(client, "lanhdao")
    preview = pdf_text(client.get(f"/mot-cua/viec/{task['id']}/xem-truoc-ket-qua.pdf").get_data(), tmp_path)
    api.complete("lanhdao", "Phê duyệt kết quả", APPROVE)
    from app.db import db
    from app.dossiers.models import DossierFile
    from app.files.storage import storage
    with clean_app.app_context():
        row = db.session.execute(select(DossierFile).where(DossierFile.dossier_id == created["id"],
                                                           DossierFile.component_code == "KQ")).scalar_one()
        result = pdf_text(storage().open(row.storage_key), tmp_path)
        db.session.remove()
    for text in (preview, result):
        assert text.count("Người yêu cầu") == 1 and "Bản sao được cấp từ Sổ đăng ký hộ tịch" in text
    words = [" ".join(text.split()) for text in (preview, result)]
    for phrase in ("BẢN SAO TRÍCH LỤC HỘ TỊCH", "Họ, chữ đệm, tên người được cấp trích lục: Nguyễn Thị Bé",
                   "Số bản sao: 1", "000.00.12.H99-261123-0001-KQ1", "Phạm Thị Dung"):
        assert all(phrase in text for text in words), phrase


def test_the_preview_carries_the_consulted_agencys_answer_whichever_branch_ended_last(api, clock, client, tmp_path):
    """The police answer before the specialist finishes the search: the approval step sees both
    parallel branches' data, and so does its preview (the Phiếu prints the police's answer)."""
    from tests.workspace.helpers import CHECKED
    _convicted(api, clock, "Có 1 án tích về tội trộm cắp tài sản.")
    api.complete("chuyenvien", SEARCH, CHECKED)
    preview = _preview(api, client, tmp_path)
    assert "Tình trạng án tích: Có án tích. Có 1 án tích về tội trộm cắp tài sản." in preview


def _convicted(api, clock, conviction: str) -> int:
    """A criminal-record dossier received Monday 23/11/2026 08:00, fee paid, whose police answer
    first: a conviction."""
    from tests.workspace.helpers import POLICE, POLICE_TASK
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    api.complete("congan", POLICE_TASK, {**POLICE, "tinh_trang_an_tich": "co_an_tich", "noi_dung_an_tich": conviction})
    return dossier_id


def _preview(api, client, tmp_path) -> str:
    task = api.task("lanhdao", APPROVAL)
    as_officer(client, "lanhdao")
    return " ".join(pdf_text(client.get(f"/mot-cua/viec/{task['id']}/xem-truoc-ket-qua.pdf").get_data(),
                             tmp_path).split())


@pytest.mark.rule("QT-57")
def test_a_second_police_answer_leaving_the_conviction_empty_prints_none(api, clock, client, tmp_path):
    """The police found a conviction under the old name; asked again after the supplement corrected
    it (QT-66), they answer «no criminal record» and leave the conviction empty: the Phiếu says
    so, without the first answer's conviction."""
    from tests.workspace.helpers import ASK, CHECKED, POLICE
    dossier_id = _convicted(api, clock, "Bản án số 12/2015/HS-ST: trộm cắp tài sản.")
    api.complete("chuyenvien", SEARCH, ASK)
    clock.set(vn(2026, 11, 25, 10, 0))
    response = api.post(f"/dossiers/{dossier_id}/supplement", "congdan", json={"data": {"ho_ten": "Nguyễn Văn Ân"}})
    assert response.status_code == 200, response.get_json()
    api.complete("chuyenvien", SEARCH, CHECKED)
    api.complete("congan", "Lấy lại ý kiến Công an tỉnh theo nhân thân đã bổ sung", POLICE)
    preview = _preview(api, client, tmp_path)
    assert "Tình trạng án tích: Không có án tích." in preview and "Nguyễn Văn Ân" in preview
    assert "12/2015" not in preview


@pytest.mark.rule("QT-57")
def test_a_passport_number_a_supplement_replaced_with_a_cccd_is_not_printed(api, clock, client, tmp_path):
    """Applied with a passport, asked at reception for the CCCD: the supplement switches the
    document, so the passport number is no longer the application's, nor on the Phiếu."""
    from tests.workspace.helpers import CHECKED, POLICE, POLICE_TASK, pay
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api, loai_giay_to="ho_chieu", so_ho_chieu="B1234567", so_cccd=None)
    api.complete("motcua", "Tiếp nhận hồ sơ", {"quyet_dinh": "yeu_cau_bo_sung", "ly_do": "Cần Căn cước công dân.",
                                               "thanh_phan_can_bo_sung": [{"thanh_phan": "Tờ khai",
                                                                           "yeu_cau": "Khai số Căn cước."}]})
    response = api.post(f"/dossiers/{dossier_id}/supplement", "congdan",
                        json={"data": {"loai_giay_to": "cccd", "so_cccd": "001090000001"}})
    assert response.status_code == 200, response.get_json()
    assert "so_ho_chieu" not in dossier(api, dossier_id)["form_data"]
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT, dossier=dossier_id)
    pay(api, dossier_id)
    api.complete("congan", POLICE_TASK, POLICE)
    api.complete("chuyenvien", SEARCH, CHECKED)
    preview = _preview(api, client, tmp_path)
    assert "001090000001" in preview and "B1234567" not in preview and "Số hộ chiếu" not in preview


def test_a_leader_s_step_that_cannot_sign_a_result_offers_no_preview(api, clock, client):
    """Agreeing to a stop, or sending it back, never reaches "processed": nothing to preview."""
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    api.complete("chuyenvien", SEARCH, STOP, dossier=dossier_id)
    task = api.task("lanhdao", STOP_APPROVAL, dossier_id)
    path = f"/mot-cua/viec/{task['id']}/xem-truoc-ket-qua.pdf"
    as_officer(client, "lanhdao")
    assert path not in html(client.get(f"/mot-cua/viec/{task['id']}"))
    assert client.get(path).status_code == 404
