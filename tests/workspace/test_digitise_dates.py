"""A paper result cannot be signed before the dossier it answers was submitted: digitising one
with such a date is refused at the date field, keeping what was typed and the scan."""
from __future__ import annotations

import io
import re

from lxml import html as lxml_html

from tests.conftest import vn
from tests.workspace.helpers import as_officer, html, processed, submit_lltp
from tests.workspace.test_digitise import _post

BEFORE = ("Ngày ký 01/01/2020 trước ngày nộp hồ sơ (10/11/2026): kết quả bản giấy không thể được ký trước khi hồ "
          "sơ mà nó giải quyết được nộp.")


def _processed(api, clock) -> int:
    clock.set(vn(2026, 11, 10, 9, 0))
    dossier_id = submit_lltp(api)
    processed(api, dossier_id)
    clock.set(vn(2026, 11, 25, 9, 0))
    return dossier_id


def test_a_signing_date_before_the_submission_is_refused_at_the_date_field(api, clock, client):
    dossier_id = _processed(api, clock)
    token = as_officer(client, "motcua")
    refused = _post(client, token, dossier_id, ngay_ky="2020-01-01", so_ky_hieu="99/PLLTP-STP")
    page = html(refused)
    assert refused.status_code == 422
    root = lxml_html.fromstring(page)
    assert " ".join(root.get_element_by_id("ngay_ky-error").text_content().split()).startswith(BEFORE)
    field = root.get_element_by_id("ngay_ky")
    assert field.get("value") == "2020-01-01" and field.get("aria-invalid") == "true"
    assert root.get_element_by_id("so_ky_hieu").get("value") == "99/PLLTP-STP"  # what was typed is kept
    assert "Đã nhận bản quét «ban-quet.png»" in page and re.search(r'name="tep_da_nhan" value="[^"]+"', page)
    assert root.xpath("//details[.//form[contains(@action, 'so-hoa')]]")[0].get("open") is not None
    assert "KQ2" not in page  # nothing digitised


def test_the_day_before_is_refused_and_the_day_of_submission_accepted(api, clock, client):
    dossier_id = _processed(api, clock)
    token = as_officer(client, "motcua")
    day_before = _post(client, token, dossier_id, ngay_ky="2026-11-09")
    assert day_before.status_code == 422 and "trước ngày nộp hồ sơ (10/11/2026)" in html(day_before)
    kept = re.search(r'name="tep_da_nhan" value="([^"]+)"', html(day_before)).group(1)
    same_day = _post(client, token, dossier_id, ngay_ky="2026-11-10", tep_da_nhan=kept, tep_quet=(io.BytesIO(b""), ""))
    assert same_day.status_code == 303


def test_a_damaged_pdf_scan_is_refused_in_words_and_nothing_is_digitised(api, clock, client):
    """It passes the upload check (a PDF's header and end markers) but cannot be opened to sign."""
    dossier_id = _processed(api, clock)
    token = as_officer(client, "motcua")
    damaged = b"%PDF-1.7\n" + b"garbage " * 1000 + b"\nstartxref\n999999\n%%EOF\n"
    refused = _post(client, token, dossier_id, tep_quet=(io.BytesIO(damaged), "hong.pdf"))
    page = html(refused)
    assert refused.status_code == 409 and "Tệp PDF bị hỏng, không đầy đủ hoặc được đặt mật khẩu" in page
    assert "KQ2" not in page
