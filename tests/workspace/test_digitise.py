"""A paper result digitised into the citizen's data store (An Giang 2023, Điều 28): the scan
becomes a PDF signed with the agency's key in the name of the officer who digitised it."""
from __future__ import annotations

import io
import re

from tests.conftest import vn
from tests.workspace.helpers import as_officer, html, pdfsig, processed, qr_urls, submit_lltp

META = {"trich_yeu": "Phiếu lý lịch tư pháp số 1 (bản giấy)", "so_ky_hieu": "125/PLLTP-STP",
        "co_quan_ban_hanh": "Sở Tư pháp tỉnh Bình An", "nguoi_ky": "Phạm Thị Dung", "ngay_ky": "2026-11-25"}


def _png(color: str = "white") -> bytes:
    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", (600, 850), color).save(out, format="PNG")
    return out.getvalue()


def _post(client, token, dossier_id, **fields):
    data = {"csrf_token": token, **META, **fields}
    data.setdefault("tep_quet", (io.BytesIO(_png()), "ban-quet.png"))
    return client.post(f"/mot-cua/ho-so/{dossier_id}/so-hoa", data=data, content_type="multipart/form-data")


def test_a_scanned_paper_result_is_signed_by_the_officer_who_digitised_it(api, clock, client, clean_app, tmp_path):
    clock.set(vn(2026, 11, 25, 9, 0))
    dossier_id = submit_lltp(api)
    token = as_officer(client, "motcua")
    assert _post(client, token, dossier_id).status_code == 403  # not processed yet
    code = processed(api, dossier_id)["code"]
    page = html(client.get(f"/mot-cua/ho-so/{dossier_id}"))
    assert "Số hóa kết quả bản giấy" in page
    refused = _post(client, token, dossier_id, so_ky_hieu=" ", ngay_ky="2030-01-01")
    text = html(refused)
    assert refused.status_code == 422 and "Vui lòng nhập số, ký hiệu văn bản." in text and "ở tương lai" in text
    assert "Đã nhận bản quét «ban-quet.png»" in text  # the scan is kept for the corrected form
    kept = re.search(r'name="tep_da_nhan" value="([^"]+)"', text).group(1)
    hostile = _post(client, token, dossier_id, tep_quet=(io.BytesIO(b"MZ\x90\x00 not a scan"), "scan.png"))
    assert hostile.status_code == 422
    done = _post(client, token, dossier_id, tep_da_nhan=kept, tep_quet=(io.BytesIO(b""), ""))
    assert done.status_code == 303
    page = html(client.get(f"/mot-cua/ho-so/{dossier_id}"))
    assert f"{code}-KQ2" in page and "Số hóa từ bản giấy" in page and "Trần Thị Bình" in page
    from sqlalchemy import select

    from app.db import db
    from app.dossiers.models import DossierResult
    from app.files.storage import storage
    with clean_app.app_context():
        result = db.session.execute(select(DossierResult).where(DossierResult.code == f"{code}-KQ2")).scalar_one()
        signed = storage().open(result.file.storage_key)
        assert result.kind == "digitised" and result.details["paper"]["document_number"] == "125/PLLTP-STP"
        from app.signing.verify import verify_pdf
        [report] = verify_pdf(signed, clean_app.config, vn(2026, 11, 25, 10, 0))
        assert report.valid and report.signer_name == "Trần Thị Bình" and report.signer_code == "000.00.12.H99"
        db.session.remove()
    assert "Signature is Valid." in pdfsig(signed, tmp_path)
    [keyed] = qr_urls(signed, tmp_path)  # the result's own key rides along (result_keys.py)
    assert re.fullmatch(re.escape(f"{clean_app.config['MOTCUA_PUBLIC_URL']}/xac-thuc/{code}-KQ2?k=") + r"[\w-]{16}",
                        keyed)
    # Opened from that QR code, the page shows the paper original as the officer recorded it.
    shown = html(client.get(keyed.split("/", 3)[3].join(["/", ""])))
    assert "<dd>125/PLLTP-STP</dd>" in shown and "<dd>25/11/2026</dd>" in shown and "bản giấy" in shown
    as_officer(client, "congdan")
    assert f"{code}-KQ2.pdf" in html(client.get("/kho-du-lieu"))
    # Only the desk and specialists of the resolving agency digitise.
    token = as_officer(client, "lanhdao")
    assert _post(client, token, dossier_id).status_code == 403


def _nonce(client, dossier_id) -> str:
    page = html(client.get(f"/mot-cua/ho-so/{dossier_id}"))
    return re.search(r'action="/mot-cua/ho-so/\d+/so-hoa".*?name="nonce" value="([^"]+)"', page, re.S).group(1)


def _result_codes(clean_app, dossier_id) -> list[str]:
    from sqlalchemy import select

    from app.db import db
    from app.dossiers.models import DossierResult
    with clean_app.app_context():
        codes = db.session.execute(select(DossierResult.code).where(DossierResult.dossier_id == dossier_id)
                                   .order_by(DossierResult.number)).scalars().all()
        db.session.remove()
    return codes


def test_the_same_digitising_form_sent_twice_makes_one_result(api, clock, client, clean_app):
    clock.set(vn(2026, 11, 25, 9, 0))
    dossier_id = submit_lltp(api)
    code = processed(api, dossier_id)["code"]
    token = as_officer(client, "motcua")
    nonce = _nonce(client, dossier_id)
    assert _post(client, token, dossier_id, nonce=nonce).status_code == 303
    again = _post(client, token, dossier_id, nonce=nonce)  # the browser re-sent the form
    assert again.status_code == 303
    page = html(client.get(again.headers["Location"]))
    assert f"Bản giấy này đã được số hóa thành {code}-KQ2" in page
    assert _result_codes(clean_app, dossier_id) == [f"{code}-KQ1", f"{code}-KQ2"]
    # A new form (a second paper result, its own scan) is digitised as the next result.
    assert _post(client, token, dossier_id, nonce=_nonce(client, dossier_id),
                 tep_quet=(io.BytesIO(_png("lightgray")), "ban-quet-2.png")).status_code == 303
    assert _result_codes(clean_app, dossier_id)[-1] == f"{code}-KQ3"
    # The first page sent again with another paper (its number, its scan) is that paper: never dropped.
    assert _post(client, token, dossier_id, nonce=nonce, so_ky_hieu="126/PLLTP-STP",
                 tep_quet=(io.BytesIO(_png("ivory")), "ban-quet-3.png")).status_code == 303
    assert _result_codes(clean_app, dossier_id)[-1] == f"{code}-KQ4"


def test_two_digitisations_at_once_neither_fails(api, clock, client, clean_app):
    """A double click sends the form twice at the same instant: one result, and the other
    request is told so in words (never a server error)."""
    import threading
    clock.set(vn(2026, 11, 25, 9, 0))
    dossier_id = submit_lltp(api)
    code = processed(api, dossier_id)["code"]
    as_officer(client, "motcua")
    nonce = _nonce(client, dossier_id)
    clients = [clean_app.test_client() for _ in range(2)]
    tokens = [as_officer(c, "motcua") for c in clients]
    barrier, answers = threading.Barrier(2), []

    def post(c, token):
        barrier.wait()
        response = _post(c, token, dossier_id, nonce=nonce)
        answers.append((response.status_code, html(c.get(response.headers["Location"])) if response.status_code == 303
                        else html(response)))

    threads = [threading.Thread(target=post, args=pair) for pair in zip(clients, tokens)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [status for status, _ in answers] == [303, 303], answers
    assert sum(f"Đã số hóa kết quả giấy thành {code}-KQ2" in page for _, page in answers) == 1
    assert sum(f"Bản giấy này đã được số hóa thành {code}-KQ2" in page for _, page in answers) == 1
    assert _result_codes(clean_app, dossier_id) == [f"{code}-KQ1", f"{code}-KQ2"]


def test_facts_too_long_for_their_box_are_refused_not_cut(api, clock, client, clean_app):
    """What the paper says is recorded as typed or not at all: a summary over 200 characters, or a
    number over the 64 its column holds, is refused in words, kept on the form, and nothing is
    digitised."""
    clock.set(vn(2026, 11, 25, 9, 0))
    dossier_id = submit_lltp(api)
    code = processed(api, dossier_id)["code"]
    token = as_officer(client, "motcua")
    summary, number = "Phiếu lý lịch tư pháp " + "rất dài " * 100, "125/PLLTP-STP-" + "9" * 60
    refused = _post(client, token, dossier_id, trich_yeu=summary, so_ky_hieu=number)
    text = html(refused)
    assert refused.status_code == 422
    assert "Trường «Trích yếu (tên kết quả)» chỉ được có tối đa 200 ký tự." in text
    assert "Trường «Số, ký hiệu văn bản» chỉ được có tối đa 64 ký tự." in text
    assert f'value="{summary.strip()}"' in text and f'value="{number}"' in text
    assert _result_codes(clean_app, dossier_id) == [f"{code}-KQ1"]


def test_the_same_scan_sent_again_under_a_fresh_nonce_is_refused_naming_its_result(api, clock, client, clean_app):
    """Back, then send again: the page has a new one-time value, the browser the same paper's
    scan. It was digitised once; the second sending says as what and when, and makes no KQ3."""
    clock.set(vn(2026, 11, 25, 9, 0))
    dossier_id = submit_lltp(api)
    token = as_officer(client, "motcua")
    code = processed(api, dossier_id)["code"]

    def nonce():
        return re.search(r'name="nonce" value="([^"]+)"', html(client.get(f"/mot-cua/ho-so/{dossier_id}"))).group(1)

    assert _post(client, token, dossier_id, nonce=nonce()).status_code == 303
    clock.set(vn(2026, 11, 25, 9, 5))
    again = _post(client, token, dossier_id, nonce=nonce(), trich_yeu="Phiếu gửi lại")
    page = html(again)
    assert again.status_code == 409
    assert f"Bản quét này đã số hóa thành {code}-KQ2 lúc 09:00 ngày 25/11/2026" in page
    assert "Phiếu gửi lại" in page  # what was typed stays on the page
    assert f"{code}-KQ3" not in page
    other = _post(client, token, dossier_id, nonce=nonce(),  # another paper's scan: another result
                  tep_quet=(io.BytesIO(_png("lightgray")), "ban-khac.png"))
    assert other.status_code == 303
    assert f"{code}-KQ3" in html(client.get(f"/mot-cua/ho-so/{dossier_id}"))
