"""Long tables split across pages with their header repeated; long texts wrap; what a user typed
prints as itself (markup, entities, huge words, NFD input, control characters)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

import pytest

from app.documents import (Applicant, Component, Handoff, MissingItem, RegisterRow, ResultContent, control_slip_pdf,
                           paper_result_pdf, receipt_pdf, refusal_pdf, register_pdf, result_pdf,
                           supplement_request_pdf)

from . import samples

ROWS = 80


def _long(name: str) -> tuple[bytes, str, str]:
    """(pdf, a header text every page must repeat, the last row's text)."""
    if name == "receipt":
        items = [Component(f"Thành phần hồ sơ số {i}", "ban_chup", i) for i in range(1, ROWS + 1)]
        return receipt_pdf(samples.receipt(components=items)), "Tên thành phần hồ sơ", f"Thành phần hồ sơ số {ROWS}"
    if name == "supplement":
        items = [MissingItem(f"Giấy tờ số {i}", f"Nộp bản chính giấy tờ số {i}.") for i in range(1, ROWS + 1)]
        return (supplement_request_pdf(samples.supplement(items=items)), "Nội dung yêu cầu bổ sung, hoàn thiện",
                f"Nộp bản chính giấy tờ số {ROWS}.")
    if name == "control_slip":
        rows = [samples.handoff(i) for i in range(1, ROWS + 1)]
        return control_slip_pdf(samples.control_slip(rows=rows)), "THỜI GIAN GIAO, NHẬN HỒ SƠ", f"Lần giao số {ROWS}"
    rows = [samples.register_row(i) for i in range(1, ROWS + 1)]
    return (register_pdf(samples.register(rows=rows)), "Nhận kết quả từ cơ quan giải quyết",
            f"000.00.12.H99-261123-{ROWS:04d}")


@pytest.mark.parametrize("name", ["receipt", "supplement", "control_slip", "register"])
def test_eighty_rows_span_pages_with_the_header_repeated(name):
    pdf, head, last_row = _long(name)
    texts = [samples.text(pdf, page) for page in range(1, samples.page_count(pdf) + 1)]
    (end,) = [page for page, text in enumerate(texts, 1) if last_row in text]
    assert end >= 2
    for page in range(1, end + 1):
        assert head in texts[page - 1], f"page {page} lacks the table header"
    for page in range(2, len(texts) + 1):
        assert texts[page - 1].split()[0] == str(page), "page numbers from page 2, top centre"


def test_the_control_slips_closing_never_stands_alone_on_a_page():
    """Whatever number of hand-offs, the last page of Mẫu 05 holds the last hand-off (whole, under
    the repeated header) with the note and the QR code, never the note and the QR code alone."""
    seen_pages = set()
    for count in range(1, 17):
        rows = [samples.handoff(i) for i in range(1, count + 1)]
        pdf = control_slip_pdf(samples.control_slip(rows=rows))
        pages = samples.page_count(pdf)
        seen_pages.add(pages)
        last = samples.text(pdf, pages)
        assert f"Lần giao số {count}" in last, count
        assert "THỜI GIAN GIAO, NHẬN HỒ SƠ" in last and samples.qr_codes(pdf, pages) == [samples.LOOKUP_URL], count
        assert all(f"Lần giao số {count}" not in samples.text(pdf, page) for page in range(1, pages)), count
    assert len(seen_pages) >= 2  # the counts cross a page break


def _long_handoff(index: int, opinions: int) -> Handoff:
    note = f"Lần giao số {index}. " + "Ý kiến: đề nghị bổ sung xác minh. " * opinions
    return replace(samples.handoff(index), note=note)


def test_a_long_control_slip_breaks_between_rows_under_one_header_per_page():
    """Rows of several lines each: every page has the header once, at its top, and every row
    whole (its number, its "Giao:" and its "Nhận:" on one page); pages are filled, not left half
    empty by a header repeated mid-page."""
    pdf = control_slip_pdf(samples.control_slip(rows=[_long_handoff(i, 2) for i in range(1, 31)]))
    pages = samples.page_count(pdf)
    assert pages >= 3
    numbers = []
    for page in range(1, pages + 1):
        lines = samples.lines(pdf, page)
        heads = [n for n, line in enumerate(lines) if line.startswith("TT ")]
        assert len(heads) == 1, f"page {page}: {len(heads)} table headers"
        rows = [int(match.group(1)) for line in lines[heads[0]:] if (match := re.match(r"\s*(\d+)\s+Giao:", line))]
        assert rows, f"page {page} holds no row"
        assert sum("Nhận:" in line for line in lines) == len(rows), f"page {page} has a row cut in two"
        numbers += rows
    assert numbers == list(range(1, 31))
    assert pages <= 6  # 30 rows of 7 lines: about 7 a page


def test_a_long_register_has_its_header_once_on_every_page():
    pdf = register_pdf(samples.register(rows=[samples.register_row(i) for i in range(1, 41)]))
    pages = samples.page_count(pdf)
    assert pages >= 3
    for page in range(1, pages + 1):
        assert samples.text(pdf, page).count("Nhận kết quả từ cơ quan giải quyết") == 1, page


def test_a_hand_off_taller_than_a_page_is_split_and_still_closes_the_slip():
    """The last resort: a row no page can hold goes on over pages, under the header each time,
    and the slip's note and QR code still come after a part of it, not alone."""
    pdf = control_slip_pdf(samples.control_slip(rows=[_long_handoff(1, 2), _long_handoff(2, 70)]))
    pages = samples.page_count(pdf)
    assert pages >= 3
    for page in range(1, pages + 1):
        assert sum(line.startswith("TT ") for line in samples.lines(pdf, page)) == 1, page
    last = samples.text(pdf, pages)
    assert "xác minh" in last and samples.qr_codes(pdf, pages) == [samples.LOOKUP_URL]


def test_a_counter_receipt_with_a_long_address_stays_on_one_page_with_its_signatures():
    """The closing (register line, QR code, both signatures) would not fit under a long address and
    three components: the tighter closing keeps Mẫu 01 on the page the applicant signs."""
    address = ("Số 123, đường Nguyễn Thị Minh Khai, tổ dân phố 5, khu phố 3, phường Bến Thành, thành phố Thủ "
               "Dầu Một, tỉnh Bình An, gần chợ Bến Thành, đối diện công viên")
    items = [Component("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", "ban_chinh", 1),
             Component("Giấy tờ tùy thân: Bản chụp Căn cước công dân hai mặt hoặc hộ chiếu còn giá trị", "ban_chup", 1),
             Component("Văn bản ủy quyền", "ban_sao_chung_thuc", 2)]
    pdf = receipt_pdf(samples.receipt(applicant=replace(samples.APPLICANT, address=address), components=items,
                                      due_note="Ngày hẹn trả đã cộng thêm 7 giờ 56 phút làm việc chờ nộp phí."))
    assert samples.page_count(pdf) == 1
    text = samples.text(pdf)
    assert "NGƯỜI NỘP HỒ SƠ" in text and "Vào Sổ theo dõi hồ sơ" in text and address in text
    assert samples.qr_codes(pdf) == [samples.LOOKUP_URL]


def test_a_long_reason_wraps_and_flows_onto_more_pages():
    reason = " ".join(f"Lý do thứ {i} về việc không đủ điều kiện tiếp nhận hồ sơ." for i in range(1, 301))
    pdf = refusal_pdf(samples.refusal(reason=reason))
    pages = samples.page_count(pdf)
    assert pages >= 3
    # the page number heading each later page is no part of the flowing text
    text = " ".join([samples.text(pdf, 1)] + [samples.text(pdf, page).split(" ", 1)[1] for page in range(2, pages + 1)])
    assert reason in text
    assert samples.qr_codes(pdf, samples.page_count(pdf)) == [samples.LOOKUP_URL]


HOSTILE_NAME = '<b>Lê & "Con"</b> <font size=40>'
HOSTILE_TEXT = "&amp; <br/> <para> <![CDATA[x]]> &#x41; </td></table>"
HUGE_WORD = "Bắt" + "đầu" * 150 + "Hết"


def test_markup_in_user_text_prints_as_itself():
    applicant = Applicant(HOSTILE_NAME, address=HOSTILE_TEXT, phone="<i>0905</i>", email="a&b@example.vn")
    pdf = receipt_pdf(samples.receipt(applicant=applicant, components=[Component(HOSTILE_TEXT)]))
    text = samples.text(pdf)
    for literal in ('<b>Lê & "Con"</b> <font size=40>', HOSTILE_TEXT, "<i>0905</i>", "a&b@example.vn"):
        assert literal in text


@pytest.mark.parametrize("name", ["supplement", "result", "paper_result", "register"])
def test_a_word_wider_than_the_page_or_cell_is_broken_not_lost(name):
    if name == "supplement":
        pdf = supplement_request_pdf(samples.supplement(items=[MissingItem(HUGE_WORD, HUGE_WORD)], reason=HUGE_WORD))
    elif name == "register":
        pdf = register_pdf(samples.register(rows=[RegisterRow(HUGE_WORD, HUGE_WORD, HUGE_WORD,
                                                               samples.vn(2026, 11, 23, 8), samples.vn(2026, 12, 1, 8),
                                                               note=HUGE_WORD)]))
    else:
        content = ResultContent(title=HUGE_WORD, fields=[(HUGE_WORD, HUGE_WORD)], paragraphs=[HUGE_WORD])
        pdf = (result_pdf(samples.result(content=content)) if name == "result"
               else paper_result_pdf(samples.paper(content=content)))
    joined = "".join(samples.text(pdf).split())
    assert HUGE_WORD in joined


def test_decomposed_input_prints_composed():
    """Text typed on some keyboards arrives decomposed (NFD); the PDF carries NFC letters."""
    name = unicodedata.normalize("NFD", "Nguyễn Văn Ấn")
    assert name != "Nguyễn Văn Ấn"
    pdf = result_pdf(samples.result(applicant=name, content=ResultContent(
        title=unicodedata.normalize("NFD", "Phiếu lý lịch tư pháp số 2"))))
    text = samples.text(pdf)
    assert "Người yêu cầu: Nguyễn Văn Ấn" in text
    assert "PHIẾU LÝ LỊCH TƯ PHÁP SỐ 2" in text


def test_control_and_bidi_characters_are_dropped():
    applicant = Applicant("Nguyễn\x00 Văn\u202e An\x1b", phone="0905\u200b123")
    text = samples.text(receipt_pdf(samples.receipt(applicant=applicant)))
    assert "Tiếp nhận hồ sơ của: Nguyễn Văn An" in text
    assert "Số điện thoại: 0905123" in text
