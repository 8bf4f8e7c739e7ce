"""A foreigner living in the province asks for a criminal-record certificate (2.000488 serves
"công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam") with a passport instead of a
CCCD: the form asks for one or the other, and the fee receipt and the signed Phiếu print the
passport number under its own name, with no blank CCCD line."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.conftest import vn
from tests.workspace.helpers import as_officer, pdf_text, processed

PASSPORT = {"loai_giay_to": "ho_chieu", "so_ho_chieu": "M12345678", "quoc_tich": "Hàn Quốc",
            "ho_ten": "Kim Min Jun", "so_cccd": None}


def _application(**changes) -> dict:
    from tests.api.test_lifecycle import LLTP_FORM
    return {k: v for k, v in {**LLTP_FORM, **changes}.items() if v is not None}


def _post(api, data):
    from tests.api.test_lifecycle import LLTP
    return api.post("/dossiers", "congdan", json={"procedure_code": LLTP, "data": data})


def test_the_form_asks_for_the_paper_the_applicant_has(api, clock):
    clock.set(vn(2026, 11, 23, 8, 0))
    missing = _post(api, _application(loai_giay_to="ho_chieu", so_cccd=None))
    assert missing.status_code == 422
    assert "Trường «Số hộ chiếu» là bắt buộc." in str(missing.get_json())
    for bad in ("m1234567", "M 123", "M-1234567"):
        refused = _post(api, _application(**{**PASSPORT, "so_ho_chieu": bad}))
        assert refused.status_code == 422 and "Số hộ chiếu gồm 6 đến 20" in str(refused.get_json()), bad
    # Without a choice the paper is a CCCD, as before: its number is still required.
    assert "Số định danh cá nhân (Căn cước công dân)" in str(_post(api, _application(so_cccd=None)).get_json())


@pytest.mark.rule("QT-22")
def test_the_receipt_and_the_signed_result_print_the_passport(api, clock, client, clean_app, tmp_path):
    from app.db import db
    from app.dossiers.models import DossierFile
    from app.payments.receipts import RECEIPT_COMPONENT
    clock.set(vn(2026, 11, 23, 8, 0))
    created = _post(api, _application(**PASSPORT))
    assert created.status_code == 201, created.get_json()
    dossier_id = created.get_json()["id"]
    processed(api, dossier_id)
    with clean_app.app_context():
        files = dict(db.session.execute(select(DossierFile.component_code, DossierFile.id).where(
            DossierFile.dossier_id == dossier_id, DossierFile.component_code.in_(("KQ", RECEIPT_COMPONENT)))).all())
        db.session.remove()
    as_officer(client, "motcua")
    result = pdf_text(client.get(f"/mot-cua/ho-so/{dossier_id}/tep/{files['KQ']}").get_data(), tmp_path)
    lines = [" ".join(line.split()) for line in result.splitlines()]
    assert any(line.startswith("Số hộ chiếu") and line.endswith("M12345678") for line in lines), result
    assert "Hàn Quốc" in result and "Kim Min Jun" in result
    assert "Số định danh cá nhân" not in result  # the row of data it does not hold is left out
    receipt = pdf_text(client.get(f"/mot-cua/ho-so/{dossier_id}/tep/{files[RECEIPT_COMPONENT]}").get_data(), tmp_path)
    assert "Số hộ chiếu: M12345678" in " ".join(receipt.split()) and "Số định danh cá nhân" not in receipt
