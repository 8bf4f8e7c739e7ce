"""The receipt for fees paid for a dossier (biên lai thu phí, lệ phí): amounts in figures and in
words, the page read back by pdftotext and zbarimg, long and hostile input kept on the page, and
the receipt signed with an agency's demo key accepted by pdfsig."""
from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from datetime import datetime

import pytest
from reportlab.lib.pagesizes import A4

from app.documents import FeeReceipt, amount_digits, amount_in_words, fee_receipt_pdf
from app.documents.layout import PORTRAIT_MARGINS
from tests.signing import conftest as signing

from . import samples
from .samples import CODE, DESK, PROCEDURE

RECEIPT_NO = "BL-000.00.12.H99-2026-000123"
RECEIPT_URL = f"https://dichvucong.binhan.gov.vn/xac-thuc/{RECEIPT_NO}"
ISSUED_AT = samples.vn(2026, 11, 26, 9, 40)

keys = signing.keys  # the fixture that makes every demo agency's key, as `motcua up` does


def fee_receipt(**changes) -> FeeReceipt:
    return replace(FeeReceipt(
        province="Bình An", agency=DESK, receipt_no=RECEIPT_NO, issued_at=ISSUED_AT,
        payer_name="Nguyễn Văn An", payer_id_number="001090012345",
        payer_address="45 Trần Phú, phường Thạch Thang, tỉnh Bình An", dossier_code=CODE, procedure_name=PROCEDURE,
        lines=[("Phí cung cấp thông tin lý lịch tư pháp", 200000), ("Lệ phí cấp bản sao", 8000)], total=208000,
        method="Trực tuyến qua cổng thanh toán", transaction_no="VNPAY-20261126-884512", collector="Trần Thị Bình",
        verify_url=RECEIPT_URL), **changes)


# --- amounts -----------------------------------------------------------------------------------

@pytest.mark.parametrize("amount, words", [
    (0, "Không đồng"),
    (1, "Một đồng"),
    (5, "Năm đồng"),
    (10, "Mười đồng"),
    (11, "Mười một đồng"),
    (14, "Mười bốn đồng"),
    (15, "Mười lăm đồng"),
    (20, "Hai mươi đồng"),
    (21, "Hai mươi mốt đồng"),
    (24, "Hai mươi tư đồng"),
    (25, "Hai mươi lăm đồng"),
    (55, "Năm mươi lăm đồng"),
    (91, "Chín mươi mốt đồng"),
    (100, "Một trăm đồng"),
    (101, "Một trăm linh một đồng"),
    (104, "Một trăm linh bốn đồng"),
    (105, "Một trăm linh năm đồng"),
    (110, "Một trăm mười đồng"),
    (115, "Một trăm mười lăm đồng"),
    (121, "Một trăm hai mươi mốt đồng"),
    (1000, "Một nghìn đồng"),
    (1005, "Một nghìn không trăm linh năm đồng"),
    (1010, "Một nghìn không trăm mười đồng"),
    (8000, "Tám nghìn đồng"),
    (15000, "Mười lăm nghìn đồng"),
    (25000, "Hai mươi lăm nghìn đồng"),
    (200000, "Hai trăm nghìn đồng"),
    (208000, "Hai trăm linh tám nghìn đồng"),
    (1050000, "Một triệu không trăm năm mươi nghìn đồng"),
    (2000005, "Hai triệu không trăm linh năm đồng"),
    (21500000, "Hai mươi mốt triệu năm trăm nghìn đồng"),
    (1_000_000_000, "Một tỷ đồng"),
    (1_000_000_005, "Một tỷ không trăm linh năm đồng"),
    (1_234_567_894, "Một tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi tư đồng"),
    (1_500_000_000_000, "Một nghìn năm trăm tỷ đồng"),
])
def test_amount_in_words(amount, words):
    assert amount_in_words(amount) == words


def test_negative_or_fractional_amounts_are_refused():
    with pytest.raises(ValueError):
        amount_in_words(-8000)
    with pytest.raises(TypeError):
        amount_in_words(8000.5)
    with pytest.raises(TypeError):
        amount_digits(True)


@pytest.mark.parametrize("amount, digits", [(0, "0"), (999, "999"), (8000, "8.000"), (1050000, "1.050.000"),
                                            (1_000_000_000, "1.000.000.000")])
def test_amount_digits_group_thousands_with_dots(amount, digits):
    assert amount_digits(amount) == digits


def test_figures_that_disagree_are_refused():
    with pytest.raises(ValueError, match="sum"):
        fee_receipt(total=200000)
    with pytest.raises(ValueError):
        fee_receipt(lines=[("Lệ phí", -8000)], total=-8000)
    with pytest.raises(ValueError):
        fee_receipt(lines=[], total=0)
    with pytest.raises(ValueError, match="timezone-aware"):
        fee_receipt(issued_at=datetime(2026, 11, 26, 9, 40))
    assert fee_receipt(lines=[["Lệ phí", 8000]], total=8000).lines == (("Lệ phí", 8000),)


# --- the page ----------------------------------------------------------------------------------

EXPECTED = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "SỞ TƯ PHÁP TỈNH BÌNH AN",
    f"Số: {RECEIPT_NO}", "Bình An, ngày 26 tháng 11 năm 2026",
    "BIÊN LAI THU PHÍ, LỆ PHÍ", "(Bản thể hiện của biên lai điện tử)",
    "Đơn vị thu: Bộ phận Một cửa Sở Tư pháp tỉnh Bình An", "Địa chỉ: 12 Lê Lợi, phường Hải Châu, tỉnh Bình An",
    "Số điện thoại: 0236 3822 123",
    "Người nộp: Nguyễn Văn An", "Số định danh cá nhân: 001090012345",
    "Địa chỉ: 45 Trần Phú, phường Thạch Thang, tỉnh Bình An", f"Mã hồ sơ: {CODE}",
    f"Thủ tục hành chính: {PROCEDURE}",
    "STT", "Nội dung thu", "Số tiền (đồng)",
    "Phí cung cấp thông tin lý lịch tư pháp", "Lệ phí cấp bản sao", "200.000", "8.000", "Tổng cộng 208.000",
    "Số tiền bằng chữ: Hai trăm linh tám nghìn đồng.",
    "Hình thức thanh toán: Trực tuyến qua cổng thanh toán", "Mã giao dịch: VNPAY-20261126-884512",
    "ĐƠN VỊ THU", "(Chữ ký số)", "Trần Thị Bình", "Quét mã QR để đối chiếu biên lai",
    f"Đối chiếu biên lai điện tử này tại {RECEIPT_URL}",
]


def test_text_extracts_with_diacritics_intact():
    text = samples.text(fee_receipt_pdf(fee_receipt()))
    missing = [expected for expected in EXPECTED if expected not in text]
    assert not missing, f"not found {missing} in {text!r}"


def _rows(pdf: bytes) -> list[str]:
    """pdftotext's reading with the layout kept: a table row on one line, spaces collapsed."""
    out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True,
                         check=True).stdout.decode("utf-8")
    return [" ".join(line.split()) for line in out.splitlines()]


def test_each_fee_stands_on_its_row_with_its_amount():
    rows = _rows(fee_receipt_pdf(fee_receipt()))
    for row in ("STT Nội dung thu Số tiền (đồng)", "1 Phí cung cấp thông tin lý lịch tư pháp 200.000",
                "2 Lệ phí cấp bản sao 8.000", "Tổng cộng 208.000"):
        assert row in rows, rows


def test_what_is_not_known_is_left_out_and_the_date_stands_alone_without_a_province():
    pdf = fee_receipt_pdf(fee_receipt(province="", payer_id_number="", payer_address=" ", transaction_no="",
                                      collector="", dossier_code="", method="Tiền mặt tại Bộ phận Một cửa",
                                      lines=[("Lệ phí", 8000)], total=8000))
    text = samples.text(pdf)
    assert "Ngày 26 tháng 11 năm 2026" in text
    assert "Hình thức thanh toán: Tiền mặt tại Bộ phận Một cửa" in text
    assert "Số tiền bằng chữ: Tám nghìn đồng." in text and "Tổng cộng 8.000" in text
    for label in ("Số định danh cá nhân", "Mã giao dịch", "Địa chỉ: 45", "Mã hồ sơ"):
        assert label not in text


def test_qr_code_carries_the_verify_url():
    assert samples.qr_codes(fee_receipt_pdf(fee_receipt())) == [RECEIPT_URL]


def test_one_a4_page_fonts_embedded_same_bytes_named_in_vietnamese():
    pdf = fee_receipt_pdf(fee_receipt())
    assert samples.page_count(pdf) == 1
    assert b"/MediaBox [ 0 0 595.2756 841.8898 ]" in pdf
    used = samples.fonts(pdf)
    assert used and all(used.values()) and all("LiberationSerif" in font for font in used), used
    assert pdf == fee_receipt_pdf(fee_receipt())
    info = subprocess.run(["pdfinfo", "-enc", "UTF-8", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode("utf-8")
    assert "Title:           Biên lai thu phí, lệ phí" in info
    assert "Author:          Bộ phận Một cửa Sở Tư pháp tỉnh Bình An" in info


# --- long and hostile input --------------------------------------------------------------------

LONG_NAME = "Công ty trách nhiệm hữu hạn một thành viên Thương mại Dịch vụ Xây dựng và Đầu tư Phát triển Bình An"
LONG_PROCEDURE = ("Thủ tục cấp giấy chứng nhận đủ điều kiện kinh doanh dịch vụ, cấp lại, điều chỉnh và gia hạn "
                  "giấy chứng nhận đối với tổ chức, cá nhân có hoạt động liên quan trên địa bàn nhiều huyện, "
                  "thị xã, thành phố thuộc tỉnh theo quy định của pháp luật chuyên ngành hiện hành")
HUGE_WORD = "Bắt" + "đầu" * 150 + "Hết"
HOSTILE = '<b>Lê & "Con"</b> <font size=40> &amp; </td>'


def _words_outside_the_frame(pdf: bytes) -> list[str]:
    """Words pdftotext places beyond the left or right margin: text that overflowed its box."""
    out = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True,
                         check=True).stdout.decode("utf-8")
    left, right = PORTRAIT_MARGINS["leftMargin"] - 1, A4[0] - PORTRAIT_MARGINS["rightMargin"] + 1
    boxes = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', out)
    return [word for x_min, x_max, word in boxes if float(x_min) < left or float(x_max) > right]


def test_long_names_wrap_inside_the_page_and_keep_it_to_one_page():
    pdf = fee_receipt_pdf(fee_receipt(payer_name=LONG_NAME, procedure_name=LONG_PROCEDURE,
                                      lines=[(LONG_PROCEDURE, 1_050_000)], total=1_050_000))
    assert samples.page_count(pdf) == 1
    text = samples.text(pdf)
    assert f"Người nộp: {LONG_NAME}" in text and f"Thủ tục hành chính: {LONG_PROCEDURE}" in text
    assert "Số tiền bằng chữ: Một triệu không trăm năm mươi nghìn đồng." in text
    assert not _words_outside_the_frame(pdf)
    assert samples.qr_codes(pdf) == [RECEIPT_URL]


def test_a_word_wider_than_the_page_or_cell_is_broken_not_lost():
    pdf = fee_receipt_pdf(fee_receipt(payer_name=HUGE_WORD, procedure_name=HUGE_WORD, payer_address=HUGE_WORD,
                                      lines=[(HUGE_WORD, 8000)], total=8000))
    joined = "".join(samples.text(pdf).split())
    assert joined.count(HUGE_WORD) >= 4
    assert not _words_outside_the_frame(pdf)


def test_markup_in_user_text_prints_as_itself():
    pdf = fee_receipt_pdf(fee_receipt(payer_name=HOSTILE, method=HOSTILE, lines=[(HOSTILE, 8000)], total=8000))
    assert samples.text(pdf).count(HOSTILE) == 3


def test_many_lines_flow_onto_more_pages_with_the_table_header_repeated():
    lines = [(f"Khoản thu số {i}", 1000) for i in range(1, 61)]
    pdf = fee_receipt_pdf(fee_receipt(lines=lines, total=60000))
    pages = samples.page_count(pdf)
    assert pages >= 2
    texts = [samples.text(pdf, page) for page in range(1, pages + 1)]
    with_rows = [page for page, text in enumerate(texts, 1) if "Khoản thu số" in text]
    assert len(with_rows) >= 2
    for page in with_rows:
        assert "STT Nội dung thu Số tiền (đồng)" in texts[page - 1], f"page {page} lacks the table header"
    for page in range(2, pages + 1):
        assert texts[page - 1].split()[0] == str(page), "page numbers from page 2, top centre"
    last = texts[with_rows[-1] - 1]
    assert "60 Khoản thu số 60 1.000 Tổng cộng 60.000" in last
    assert "Số tiền bằng chữ: Sáu mươi nghìn đồng." in " ".join(texts)
    assert "ĐƠN VỊ THU" in texts[-1] and samples.qr_codes(pdf, pages) == [RECEIPT_URL]


# --- signed ------------------------------------------------------------------------------------

def test_the_signed_receipt_is_valid_and_trusted_for_pdfsig(keys, clean_app, tmp_path):
    from app.signing.sign import sign_pdf
    original = fee_receipt_pdf(fee_receipt())
    signed = sign_pdf(original, signing.SIGNING_AGENCY, "Trần Thị Bình",
                      "Thu phí, lệ phí giải quyết thủ tục hành chính", "Bình An", clean_app.config)
    assert signed.startswith(original), "the signature is an incremental update"
    trusting_our_root = signing.nss_database(tmp_path / "nss", trusted_root=keys / "root.cert.pem")
    report = signing.pdfsig(signed, tmp_path, nss_dir=trusting_our_root)
    assert "Signature is Valid." in report, report
    assert "Certificate is Trusted." in report, report
    assert "Total document signed" in report, report
    assert "Signer Certificate Common Name: Sở Tư pháp tỉnh Bình An" in report, report
    assert "BIÊN LAI THU PHÍ, LỆ PHÍ" in samples.text(signed)
    assert samples.qr_codes(signed) == [RECEIPT_URL]
