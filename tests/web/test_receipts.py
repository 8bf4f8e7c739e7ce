"""Electronic receipts of paid fees: numbered in the order they are issued, without gaps (a failed
payment attempt takes no number), never by the bare dossier id before acceptance; a receipt that
could not be signed when the fee was paid is signed and issued later by the desk; the public
verification page shows what the system recorded, to compare with the paper."""
from __future__ import annotations

from sqlalchemy import select

from tests.api.test_lifecycle import dossier, pay
from tests.conftest import vn
from tests.web.pages import csrf, login
from tests.web.test_payment import accepted
from tests.workspace.helpers import qr_urls


def _payments(app, dossier_id: int) -> list[tuple]:
    from app.db import db
    from app.payments.models import Payment
    with app.app_context():
        rows = [(p.number, p.method, p.state, p.receipt_code) for p in db.session.execute(
            select(Payment).where(Payment.dossier_id == dossier_id).order_by(Payment.number)).scalars()]
        db.session.remove()
    return rows


def _receipt_files(app, dossier_id: int) -> list[str]:
    from app.db import db
    from app.dossiers.models import DossierFile
    with app.app_context():
        names = db.session.execute(select(DossierFile.file_name).where(
            DossierFile.dossier_id == dossier_id, DossierFile.component_code == "BL")).scalars().all()
        db.session.remove()
    return list(names)


def _failed_attempt(app, dossier_id: int) -> None:
    """An online attempt the gateway refused (insufficient balance): attempt 1, no receipt."""
    from app.db import db
    from app.payments.models import Payment
    with app.app_context():
        db.session.add(Payment(dossier_id=dossier_id, number=1, txn_ref=f"{dossier_id}T1Rfailed", amount=16000,
                               method="online", state="failed", gateway_code="51",
                               created_at=vn(2026, 11, 23, 10, 30)))
        db.session.commit()
        db.session.remove()


def test_receipts_are_numbered_without_gaps_after_a_failed_attempt(api, clean_app, clock):
    dossier_id = accepted(api, clock)
    _failed_attempt(clean_app, dossier_id)
    clock.set(vn(2026, 11, 23, 11, 0))
    pay(api, dossier_id)
    code = dossier(api, dossier_id)["code"]
    # The desk's payment is attempt 2, but the dossier's first receipt.
    assert _payments(clean_app, dossier_id) == [(1, "online", "failed", None), (2, "counter", "paid", f"{code}-BL1")]
    assert _receipt_files(clean_app, dossier_id) == [f"{code}-BL1.pdf"]
    assert api.client.get(f"/xac-thuc/{code}-BL1").status_code == 200
    assert api.client.get(f"/xac-thuc/{code}-BL2").status_code == 404
    with clean_app.app_context():
        from app.db import db
        from app.dossiers.models import Dossier
        from app.payments.receipts import MAX_CODE, next_code
        row = db.session.get(Dossier, dossier_id)
        at = vn(2026, 11, 23, 12, 0)
        assert next_code(row, at) == f"{code}-BL2"  # the next one follows on
        # Paid before acceptance (no dossier code yet): not the bare id, dated, the agency's.
        row.code = None
        early = next_code(row, at)
        assert early == f"BL-000.00.12.H99-20261123-{dossier_id}-2" and len(early) <= MAX_CODE
        db.session.rollback()
        db.session.remove()


def test_a_receipt_that_could_not_be_signed_is_issued_later_by_the_desk(api, clean_app, client, clock, tmp_path):
    dossier_id = accepted(api, clock)
    clock.set(vn(2026, 11, 23, 11, 0))
    keys = clean_app.config["MOTCUA_KEYS_DIR"]
    clean_app.config["MOTCUA_KEYS_DIR"] = str(tmp_path / "no-keys")  # the agency's key is unavailable
    try:
        pay(api, dossier_id)  # the payment stands, without a receipt
        state = dossier(api, dossier_id)
        assert state["status"]["code"] == 4 and state["amount_due"] is None
        assert _payments(clean_app, dossier_id) == [(1, "counter", "paid", None)]
        # The desk sees it on the dossier page, with the action.
        login(client, "motcua")
        page = client.get(f"/mot-cua/ho-so/{dossier_id}").get_data(as_text=True)
        assert "Chưa có biên lai (chưa ký được)" in page and "Ký và cấp biên lai" in page
        address = f"/mot-cua/ho-so/{dossier_id}/bien-lai/1"
        token = csrf(client, f"/mot-cua/ho-so/{dossier_id}")
        assert client.post(address).status_code == 400  # no CSRF token
        # Still no key: a clear message, nothing changed.
        clock.set(vn(2026, 11, 23, 14, 0))
        response = client.post(address, data={"csrf_token": token})
        assert response.status_code == 303 and response.location.endswith(f"/mot-cua/ho-so/{dossier_id}#phi")
        page = client.get(f"/mot-cua/ho-so/{dossier_id}").get_data(as_text=True)
        assert "Chưa ký được biên lai điện tử" in page and "khóa ký" in page
        assert "Chưa có biên lai (chưa ký được)" in page
        assert _payments(clean_app, dossier_id) == [(1, "counter", "paid", None)]
        assert _receipt_files(clean_app, dossier_id) == []
    finally:
        clean_app.config["MOTCUA_KEYS_DIR"] = keys
    # Only the desk of the dossier's agency issues it.
    login(client, "chuyenvien")
    assert client.post(address, data={"csrf_token": csrf(client, "/mot-cua")}).status_code == 403
    login(client, "motcua")
    assert client.post(f"/mot-cua/ho-so/{dossier_id}/bien-lai/9", data={"csrf_token": token}).status_code == 404
    # With the key back, the same action signs and issues it.
    response = client.post(address, data={"csrf_token": token})
    assert response.status_code == 303
    code = state["code"]
    assert _payments(clean_app, dossier_id) == [(1, "counter", "paid", f"{code}-BL1")]
    assert _receipt_files(clean_app, dossier_id) == [f"{code}-BL1.pdf"]
    page = client.get(f"/mot-cua/ho-so/{dossier_id}").get_data(as_text=True)
    assert f"Đã ký số và cấp biên lai điện tử {code}-BL1" in page
    assert "Chưa có biên lai" not in page and "Ký và cấp biên lai" not in page
    verified = client.get(f"/xac-thuc/{code}-BL1").get_data(as_text=True)
    assert "Văn bản hợp lệ" in verified and "không hợp lệ" not in verified
    # Pressed twice: one receipt only.
    client.post(address, data={"csrf_token": token})
    assert "đã có biên lai điện tử" in client.get(f"/mot-cua/ho-so/{dossier_id}").get_data(as_text=True)
    assert _receipt_files(clean_app, dossier_id) == [f"{code}-BL1.pdf"]


def test_the_verification_page_shows_what_was_recorded_for_a_receipt(api, clean_app, client, clock, tmp_path):
    dossier_id = accepted(api, clock)
    clock.set(vn(2026, 11, 23, 11, 0))
    pay(api, dossier_id)
    state = dossier(api, dossier_id)
    code = state["code"]
    with clean_app.app_context():
        from app.db import db
        from app.dossiers.models import Dossier
        from app.payments.receipts import find_pdf
        procedure = db.session.get(Dossier, dossier_id).procedure.name
        pdf = find_pdf(f"{code}-BL1")
        db.session.remove()
    # The code alone (guessable: the dossier's code and BL1) proves the paper genuine, nothing more.
    typed = " ".join(client.get(f"/xac-thuc/{code}-BL1").get_data(as_text=True).split())
    assert "Văn bản hợp lệ" in typed and "chỉ hiện khi mở trang này từ mã QR in trên biên lai" in typed
    assert procedure not in typed and "16.000" not in typed and "Nguyễn V** A*" not in typed
    assert procedure not in client.get(f"/xac-thuc/{code}-BL1?k=doan-bua").get_data(as_text=True)
    # The paper's QR code carries the receipt's key: scanned, the page shows the record.
    [url] = qr_urls(pdf, tmp_path)
    assert url.startswith(f"{clean_app.config['MOTCUA_PUBLIC_URL']}/xac-thuc/{code}-BL1?k=")
    response = client.get(url[url.index("/xac-thuc/"):])
    assert response.status_code == 200
    page = " ".join(response.get_data(as_text=True).split())
    assert "Văn bản hợp lệ" in page and "chỉ hiện khi" not in page
    assert f"Biên lai {code}-BL1" in page and f"<dd>{code}</dd>" in page and procedure in page
    assert "16.000 đồng" in page and "11:00 ngày 23/11/2026" in page and "Tiền mặt tại Bộ phận Một cửa" in page
    assert "Nguyễn V** A*" in page and "Nguyễn Văn An" not in page  # the payer, partly masked
    assert "đối chiếu với biên lai bản giấy" in page
    # Not a receipt: no such section.
    missing = client.get(f"/xac-thuc/{code}-BL7")
    assert missing.status_code == 404 and "Biên lai " + code not in missing.get_data(as_text=True)


def test_the_payers_name_is_masked_word_by_word():
    from app.privacy import masked_name
    assert masked_name("Nguyễn Văn An") == "Nguyễn V** A*"
    assert masked_name("  Lê   Thị Ánh Tuyết ") == "Lê T** Á** T****"
    assert masked_name("") == ""
