"""Each document read back by independent tools: its Vietnamese text by pdftotext, its QR code by
zbarimg from a 150 dpi rendering, its fonts by pdffonts; and equal input gives equal bytes."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.documents import (apology_pdf, control_slip_pdf, paper_result_pdf, receipt_pdf, refusal_pdf,
                           register_pdf, result_pdf, supplement_request_pdf)

from . import samples
from .samples import CODE, LOOKUP_URL, PROCEDURE, RESULT_CODE, VERIFY_URL

MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]

# document: (render, sample, the URL its QR code must carry, what its text must say)
DOCUMENTS = {
    "receipt": (receipt_pdf, samples.receipt, LOOKUP_URL, MOTTO + [
        "SỞ TƯ PHÁP TỈNH BÌNH AN", "Số: 125/BPMC", "Bình An, ngày 23 tháng 11 năm 2026",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", f"Mã hồ sơ: {CODE}",
        "Bộ phận Một cửa Sở Tư pháp tỉnh Bình An", "Tiếp nhận hồ sơ của: Nguyễn Văn An",
        "Địa chỉ: 45 Trần Phú, phường Thạch Thang, tỉnh Bình An", "Số điện thoại: 0905 123 456",
        "Email: an.nguyen@example.vn", f"Nội dung yêu cầu giải quyết: {PROCEDURE}",
        "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", "Căn cước công dân", "Văn bản ủy quyền",
        "Bản chính", "Bản sao có chứng thực", "Số lượng hồ sơ: 1 (bộ)",
        "Thời gian giải quyết hồ sơ theo quy định là: 10 ngày làm việc",
        "Thời gian nhận hồ sơ: 08 giờ 15 phút, ngày 23 tháng 11 năm 2026",
        "Thời gian trả kết quả giải quyết hồ sơ: 08 giờ 15 phút, ngày 07 tháng 12 năm 2026",
        "Đăng ký nhận kết quả tại: Bộ phận Một cửa Sở Tư pháp tỉnh Bình An",
        "Quyển số: 03", "Số thứ tự: 1257", LOOKUP_URL,
        "NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)", "Trần Thị Bình"]),
    "supplement": (supplement_request_pdf, samples.supplement, LOOKUP_URL, MOTTO + [
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "Số: 15/BPMC", "Bình An, ngày 23 tháng 11 năm 2026",
        "Hồ sơ của: Nguyễn Văn An", "Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:",
        "Thành phần hồ sơ", "Nội dung yêu cầu bổ sung, hoàn thiện", "Căn cước công dân",
        "Bản chụp bị mờ, không đọc được số định danh; nộp lại bản rõ nét.",
        "Thiếu chữ ký của người ủy quyền.", "Lý do: Hồ sơ chưa đầy đủ, hợp lệ theo quy định.",
        "ông/bà liên hệ với Trần Thị Bình số điện thoại 0236 3822 123 để được hướng dẫn./.",
        "NGƯỜI HƯỚNG DẪN"]),
    "refusal": (refusal_pdf, samples.refusal, LOOKUP_URL, MOTTO + [
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", "Tiếp nhận hồ sơ của: Nguyễn Văn An",
        "Qua xem xét, Bộ phận Một cửa Sở Tư pháp tỉnh Bình An thông báo không tiếp nhận, giải quyết hồ sơ "
        "này với lý do cụ thể như sau:",
        "Yêu cầu cấp Phiếu cho người khác không có văn bản ủy quyền theo quy định.",
        "Xin thông báo để ông/bà được biết và thực hiện./.", "NGƯỜI TIẾP NHẬN HỒ SƠ", "Trần Thị Bình"]),
    "apology": (apology_pdf, samples.apology, LOOKUP_URL, MOTTO + [
        "UBND TỈNH BÌNH AN", "SỞ TƯ PHÁP TỈNH BÌNH AN", "Số: 88/STP-HCTP", "Bình An, ngày 04 tháng 12 năm 2026",
        "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", "Kính gửi: Nguyễn Văn An",
        "Ngày 23 tháng 11 năm 2026, Sở Tư pháp tỉnh Bình An tiếp nhận giải quyết hồ sơ của ông/bà/tổ chức "
        "Nguyễn Văn An.", f"Mã số hồ sơ: {CODE}",
        "Ngày hẹn trả kết quả giải quyết hồ sơ: 08 giờ 15 phút, ngày 07 tháng 12 năm 2026",
        "Công an tỉnh Bình An chưa có văn bản trả lời về tình trạng án tích.",
        "Sự chậm trễ này đã gây phiền hà, tốn kém chi phí đi lại của ông/bà/tổ chức.",
        "vào 16 giờ 00 phút, ngày 14 tháng 12 năm 2026.", "Xin trân trọng cảm ơn./.",
        "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Văn Cường"]),
    "control_slip": (control_slip_pdf, samples.control_slip, LOOKUP_URL, MOTTO + [
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", f"Mã hồ sơ: {CODE}", "(Kèm theo hồ sơ của: Nguyễn Văn An)",
        "Thời gian hẹn trả kết quả: 08 giờ 15 phút, ngày 07 tháng 12 năm 2026",
        "Cơ quan (bộ phận) giải quyết hồ sơ: Sở Tư pháp tỉnh Bình An",
        "Cơ quan phối hợp giải quyết hồ sơ: Công an tỉnh Bình An",
        "TÊN CƠ QUAN", "THỜI GIAN GIAO, NHẬN HỒ SƠ", "(Trước hạn/đúng hạn/quá hạn)",
        # cells side by side interleave in pdftotext's reading: only what fits on one cell line
        "Giao: Bộ phận Một cửa", "Nhận: Sở Tư pháp tỉnh Bình An", "Phòng Hành chính tư pháp",
        "14 giờ 05 phút, ngày 24 tháng 11 năm 2026", "Người giao: Trần Thị Bình", "Người nhận: Phạm Minh Đức",
        "Trước hạn", "Đúng hạn", "Quá hạn", "Lấy ý kiến liên thông", "Đỗ Quang Huy"]),
    "register": (register_pdf, samples.register, None, MOTTO + [
        "SỔ THEO DÕI HỒ SƠ", "Từ ngày 01/11/2026 đến ngày 30/11/2026", "Bình An, ngày 01 tháng 12 năm 2026",
        "Mã hồ sơ", "Tên thủ tục hành chính", "Hẹn trả kết quả",
        "Chuyển hồ sơ đến cơ quan giải quyết", "Nhận kết quả từ cơ quan giải quyết",
        "Trả kết quả cho cá nhân, tổ chức", "Ký nhận", "Cấp bản sao trích lục hộ tịch", "Nguyễn Văn An",
        "000.00.12.H99-261123-0001", "000.00.12.H99-261123-0002", "23/11/2026", "24/11/2026"]),
    "result": (result_pdf, samples.result, VERIFY_URL, MOTTO + [
        "UBND TỈNH BÌNH AN", "SỞ TƯ PHÁP TỈNH BÌNH AN", "Số: 1234/LLTP-STP", "Bình An, ngày 04 tháng 12 năm 2026",
        "PHIẾU LÝ LỊCH TƯ PHÁP SỐ 1", f"Mã kết quả: {RESULT_CODE}", "Người yêu cầu: Nguyễn Văn An",
        "Họ và tên: Nguyễn Văn An", "Nơi cư trú: 45 Trần Phú, phường Thạch Thang, tỉnh Bình An",
        "Án tích: Không có án tích.", "Phiếu lý lịch tư pháp này được cấp theo yêu cầu",
        "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Văn Cường", "Nơi nhận:", "Lưu: VT, HCTP", VERIFY_URL]),
    "paper_result": (paper_result_pdf, samples.paper, VERIFY_URL, [
        "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH BÌNH AN",
        "- Địa chỉ: 127 Hai Bà Trưng, phường Quy Nhơn, tỉnh Bình An", "- Số điện thoại: 0256 3822 999",
        "KẾT QUẢ", "Giải quyết hồ sơ thủ tục hành chính được chuyển đổi từ văn bản điện tử",
        "I. THÔNG TIN VĂN BẢN ĐIỆN TỬ ĐƯỢC CHUYỂN ĐỔI", "1. Ký hiệu văn bản: 1234/LLTP-STP",
        "2. Cơ quan thẩm quyền ký văn bản: Sở Tư pháp tỉnh Bình An",
        "3. Họ và tên người ký ban hành: Lê Văn Cường", "4. Ngày ký văn bản: ngày 04 tháng 12 năm 2026",
        f"5. Mã số hồ sơ thủ tục hành chính: {RESULT_CODE}", "II. NỘI DUNG VĂN BẢN ĐIỆN TỬ ĐƯỢC CHUYỂN ĐỔI",
        "PHIẾU LÝ LỊCH TƯ PHÁP SỐ 1", "Họ và tên: Nguyễn Văn An", "Phiếu lý lịch tư pháp này được cấp",
        "Không yêu cầu tổ chức, cá nhân cung cấp văn bản chuyển đổi có đóng dấu",
        "Được cung cấp bởi Hệ thống thông tin một cửa điện tử tỉnh Bình An./."]),
}


def render(name: str, **changes) -> bytes:
    make, sample, _, _ = DOCUMENTS[name]
    return make(sample(**changes))


@pytest.mark.parametrize("name", DOCUMENTS)
def test_text_extracts_with_diacritics_intact(name):
    pdf = render(name)
    assert pdf.startswith(b"%PDF-")
    text = samples.text(pdf)
    missing = [expected for expected in DOCUMENTS[name][3] if expected not in text]
    assert not missing, f"{name}: not found {missing} in {text!r}"


@pytest.mark.parametrize("name", [name for name, spec in DOCUMENTS.items() if spec[2]])
def test_qr_code_on_page_one_carries_the_url(name):
    assert samples.qr_codes(render(name)) == [DOCUMENTS[name][2]]


def test_a_receipt_issued_again_after_a_supplement_keeps_to_one_page():
    """Audit #28: Mẫu 01 issued when a supplement restarted the time carries the restart note
    (the printout's own message) and still fits one A4 page, its QR code readable; the regular
    Mẫu 01 stays on one page with its full-size QR code."""
    from app.dossiers.messages import PRINTOUTS
    note = PRINTOUTS["restart_note"].format(n=1, received="08:15 ngày 23/11/2026", original="08:15 ngày 07/12/2026")
    pdf = render("receipt", note=note)
    assert samples.page_count(pdf) == 1
    assert "Tiếp nhận hồ sơ bổ sung lần 1" in samples.text(pdf)
    assert samples.qr_codes(pdf) == [LOOKUP_URL]
    assert samples.page_count(render("receipt")) == 1


def test_register_row_qr_codes_carry_each_dossier_lookup_url():
    """The register covers many dossiers: each row's code leads to that dossier's lookup."""
    assert sorted(samples.qr_codes(render("register"))) == [samples.register_lookup_url(1),
                                                            samples.register_lookup_url(2)]


def test_register_rows_keep_their_codes_on_every_page():
    """A month's register runs to many pages: every row's QR code is readable on its own page."""
    rows = [samples.register_row(index) for index in range(1, 13)]
    pdf = register_pdf(samples.register(rows=rows))
    pages = samples.page_count(pdf)
    assert pages > 1
    read = [url for page in range(1, pages + 1) for url in samples.qr_codes(pdf, page)]
    assert sorted(read) == [samples.register_lookup_url(index) for index in range(1, 13)]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_font_is_embedded_and_a4(name):
    pdf = render(name)
    used = samples.fonts(pdf)
    assert used and all(used.values()), used
    assert all("LiberationSerif" in font for font in used), used
    size = b"/MediaBox [ 0 0 841.8898 595.2756 ]" if name == "register" else b"/MediaBox [ 0 0 595.2756 841.8898 ]"
    assert size in pdf


@pytest.mark.parametrize("name", DOCUMENTS)
def test_same_input_same_bytes(name):
    assert render(name) == render(name)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_dated_when_made(name):
    """pdfinfo's CreationDate and ModDate are the instant the document was made (issued, received,
    printed), in Vietnam's offset, not reportlab's invariant 2000-01-01."""
    data = DOCUMENTS[name][1]()
    made = next(value for key in ("made_at", "issued_at", "received_at") if (value := getattr(data, key, None)))
    info = subprocess.run(["pdfinfo", "-isodates", "-"], input=render(name), capture_output=True,
                          check=True).stdout.decode()
    expected = made.strftime("%Y-%m-%dT%H:%M:%S+07")
    dates = dict(line.split(None, 1) for line in info.splitlines() if line.endswith("+07"))
    assert dates == {"CreationDate:": expected, "ModDate:": expected}, info


def test_same_bytes_in_a_fresh_process():
    """Nothing process-wide (font registration order, counters, the clock) leaks into the output."""
    script = ("import sys; from tests.documents.test_documents import render; "
              "sys.stdout.buffer.write(render('paper_result') + render('receipt'))")
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, check=True, timeout=120)
    assert out.stdout == render("paper_result") + render("receipt")


def test_result_code_is_the_dossier_code_with_its_rank():
    assert RESULT_CODE == f"{CODE}-KQ1"


def test_a_long_governing_body_breaks_before_its_place_name_not_inside_it():
    from app.documents.data import Agency
    agency = Agency("Sở Tư pháp tỉnh Bình An", parent="Ủy ban nhân dân tỉnh Bình An", place="Bình An")
    pdf = receipt_pdf(samples.receipt(agency=agency))
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True)
    lines = [" ".join(line.split()) for line in out.stdout.decode("utf-8").splitlines()]
    assert any(line.startswith("TỈNH BÌNH AN") for line in lines)  # "ỦY BAN NHÂN DÂN" above it
    assert not any(line.endswith("TỈNH BÌNH") for line in lines)


@pytest.mark.parametrize("name, words", [
    ("Văn phòng Đăng ký đất đai tỉnh Bình An - Chi nhánh khu vực Bắc Sông Hàn",
     ["VĂN", "PHÒNG", "ĐĂNG", "KÝ", "ĐẤT", "ĐAI", "TỈNH", "BÌNH", "AN", "-", "CHI", "NHÁNH", "KHU", "VỰC", "BẮC",
      "SÔNG", "HÀN"]),
    ("Chi cục Thuế tỉnh Bình An Mở Rộng Phía Nam",
     ["CHI", "CỤC", "THUẾ", "TỈNH", "BÌNH", "AN", "MỞ", "RỘNG", "PHÍA", "NAM"]),
])
def test_a_title_going_on_after_its_place_name_breaks_between_words(name, words, tmp_path):
    """Only the place's own name is kept on one line: the rest of a long title wraps at its spaces,
    never inside a word ("KH" / "U VỰC")."""
    from app.documents.data import Agency
    pdf = result_pdf(samples.result(agency=Agency(name, parent="Ủy ban nhân dân tỉnh Bình An", place="Bình An")))
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True)
    text = out.stdout.decode("utf-8")
    start = text.index(words[0])
    assert text[start:].split()[:len(words)] == words, text[start:start + 200]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_metadata_names_the_document_in_vietnamese(name):
    info = subprocess.run(["pdfinfo", "-enc", "UTF-8", "-"], input=render(name), capture_output=True,
                          check=True).stdout.decode("utf-8")
    assert "unspecified" not in info and "anonymous" not in info
    assert "Creator:         Hệ thống thông tin một cửa điện tử" in info


def test_a_scanned_page_says_who_made_it_and_carries_the_verification_page():
    """A scan sent as an image gets the last page a scanned PDF gets: the paper original's facts,
    the result code and the address in words under the QR code, readable without a phone."""
    import io
    from datetime import date

    from PIL import Image

    from app.documents import ScanFacts, image_pdf
    scan = io.BytesIO()
    Image.new("RGB", (200, 280), "white").save(scan, "PNG")
    facts = ScanFacts("Giấy phép xây dựng", "12/GPXD", "Sở Xây dựng tỉnh Bình An", "Lê Văn Cường",
                      date(2026, 11, 20), RESULT_CODE, "Trần Thị Bình", "Sở Tư pháp tỉnh Bình An",
                      samples.vn(2026, 11, 25, 9, 0), VERIFY_URL)
    pdf = image_pdf(scan.getvalue(), facts)
    info = subprocess.run(["pdfinfo", "-enc", "UTF-8", "-isodates", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode("utf-8")
    assert "Author:          Sở Tư pháp tỉnh Bình An" in info and "Subject:         Giấy phép xây dựng" in info
    assert "anonymous" not in info and "unspecified" not in info
    assert "CreationDate:    2026-11-25T09:00:00+07" in info
    assert samples.page_count(pdf) == 2
    text = samples.text(pdf, 2)
    for expected in ("TRANG XÁC THỰC BẢN SỐ HÓA", "1. Văn bản: Giấy phép xây dựng", "2. Số, ký hiệu: 12/GPXD",
                     f"6. Mã kết quả: {RESULT_CODE}", "Số hóa và ký số bởi Trần Thị Bình"):
        assert expected in text, expected
    assert VERIFY_URL in "".join(text.split())  # the address, wrapped where the line ends
    assert samples.qr_codes(pdf, 2) == [VERIFY_URL]