"""Documents of a dossier without a code (not received, or refused) and of one received by post,
read back with pdftotext and zbarimg: no empty code, no appointment that is not one, no signature
box for an applicant who never stood at the counter."""
from __future__ import annotations

import re

from app.documents import control_slip_pdf, receipt_pdf, refusal_pdf, supplement_request_pdf

from . import samples
from .samples import APPLICANT, CODE, LOOKUP_URL, page_count, qr_codes, text

OWN_PAGE = "https://dichvucong.binhan.gov.vn/ho-so/42"
EMPTY_CODE = re.compile(r"mã hồ sơ:\s*(\)|$)", re.IGNORECASE)


def test_a_control_slip_without_code_or_appointment_says_why():
    refused = control_slip_pdf(samples.control_slip(code="", due_at=None, reference="42", refused=True,
                                                    lookup_url=OWN_PAGE))
    words = text(refused)
    assert "Hồ sơ số 42 (không được tiếp nhận, không cấp mã hồ sơ)" in words
    assert "Thời gian hẹn trả kết quả: — (hồ sơ không được tiếp nhận)" in words
    # Its only instant is the submission's: not printed as a reception.
    assert re.search(r"Thời gian nhận hồ sơ: — \(hồ sơ không được tiếp nhận; nộp lúc \d\d giờ", words)
    assert "Người nộp xem hồ sơ trên Cổng Dịch vụ công bằng tài khoản của mình: quét mã QR hoặc truy cập " \
           f"{OWN_PAGE}; hoặc hỏi Bộ phận Một cửa, nêu số hồ sơ ghi trên phiếu này" in words  # a walk-in may have no login
    assert not EMPTY_CODE.search(words) and "Mã hồ sơ" not in words
    assert qr_codes(refused) == [OWN_PAGE]
    waiting = text(control_slip_pdf(samples.control_slip(code="", due_at=None, reference="42",
                                                         lookup_url=OWN_PAGE)))
    assert "Hồ sơ số 42 (chưa cấp mã hồ sơ)" in waiting
    assert "Thời gian hẹn trả kết quả: — (hồ sơ chưa được tiếp nhận)" in waiting
    assert "Thời gian nhận hồ sơ: — (hồ sơ chưa được tiếp nhận; nộp lúc" in waiting
    # With its code and appointment, as before.
    coded = text(control_slip_pdf(samples.control_slip()))
    assert f"Mã hồ sơ: {CODE}" in coded and f"(mã hồ sơ: {CODE})" in coded and "Hồ sơ số" not in coded
    assert "Thời gian nhận hồ sơ: — " not in coded and "Thời gian nhận hồ sơ: " in coded


def test_reception_documents_without_code_name_the_dossier_by_number():
    refusal = refusal_pdf(samples.refusal(code="", reference="42", lookup_url=OWN_PAGE))
    assert "Hồ sơ số 42 (không được tiếp nhận, không cấp mã hồ sơ)" in text(refusal)
    assert qr_codes(refusal) == [OWN_PAGE]
    request = text(supplement_request_pdf(samples.supplement(code="", reference="42", lookup_url=OWN_PAGE)))
    assert "Hồ sơ số 42 (chưa cấp mã hồ sơ)" in request and not EMPTY_CODE.search(request)
    # Nothing known at all: no line rather than an empty one.
    bare = text(refusal_pdf(samples.refusal(code="", lookup_url=OWN_PAGE)))
    assert "Hồ sơ số" not in bare and not EMPTY_CODE.search(bare)


def test_a_receipt_for_a_dossier_received_by_post():
    pdf = receipt_pdf(samples.receipt(by_post=True, postal_item="EB123456789VN", return_by_post=True))
    words = text(pdf)
    assert "4. Thời gian nhận hồ sơ: 08 giờ 15 phút, ngày 23 tháng 11 năm 2026, qua dịch vụ bưu chính công ích " \
           "(số hiệu bưu gửi: EB123456789VN)" in words
    assert f"6. Đăng ký nhận kết quả qua dịch vụ bưu chính công ích, tại địa chỉ: {APPLICANT.address}" in words
    assert "NGƯỜI NỘP HỒ SƠ" not in words and "NGƯỜI TIẾP NHẬN HỒ SƠ" in words
    assert "Không có mặt" not in words and "Người nộp không có mặt tại Bộ phận Một cửa nên không ký nhận" in words
    assert qr_codes(pdf) == [LOOKUP_URL] and page_count(pdf) == 1
    # Without an address on record: the sender's, as written on the item; the desk, when asked.
    unknown = samples.receipt(by_post=True, return_by_post=True,
                              applicant=samples.Applicant("Nguyễn Văn An"))
    words = text(receipt_pdf(unknown))
    assert "6. Đăng ký nhận kết quả qua dịch vụ bưu chính công ích, tại địa chỉ người gửi ghi trên bưu gửi" in words
    assert "qua dịch vụ bưu chính công ích" in words and "số hiệu bưu gửi" not in words
    collected = text(receipt_pdf(samples.receipt(by_post=True, postal_item="EB1")))
    assert "6. Đăng ký nhận kết quả tại: Bộ phận Một cửa Sở Tư pháp tỉnh Bình An" in collected
    # At the counter, as before: both sign.
    counter = text(receipt_pdf(samples.receipt()))
    assert "NGƯỜI NỘP HỒ SƠ" in counter and "bưu chính" not in counter
    # Online: nobody at the counter either; the officer signs beside the note.
    online_pdf = receipt_pdf(samples.receipt(online=True))
    online = text(online_pdf)
    assert page_count(online_pdf) == 1
    assert "NGƯỜI NỘP HỒ SƠ" not in online and "Hồ sơ nộp trực tuyến trên Cổng Dịch vụ công" in online
    assert "Người nộp không có mặt tại Bộ phận Một cửa nên không ký nhận" in online
