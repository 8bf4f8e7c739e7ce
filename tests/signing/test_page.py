"""The public verification page over HTTP, as a citizen or an officer uses it."""
from __future__ import annotations

import io

import pytest

from tests.web.pages import csrf

from .conftest import (
    NOT_PDF_WITH_BYTE_RANGE, TEXT, add_annotation, flip, in_padding, make_pdf, sign,
)


def post(client, data: bytes, name: str = "ket-qua.pdf"):
    return client.post("/xac-thuc", data={"csrf_token": csrf(client, "/xac-thuc"), "tep": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def test_the_page_offers_both_ways(client):
    response = client.get("/xac-thuc")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in html and 'name="csrf_token"' in html
    assert 'type="file" id="tep" name="tep"' in html and 'name="ma"' in html
    assert '<a href="/xac-thuc">Xác thực kết quả</a>' in client.get("/").get_data(as_text=True)  # found from the portal


def test_a_signed_result_is_shown_valid(keys, client, clean_app):
    response = post(client, sign(clean_app))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Văn bản hợp lệ: chữ ký số đúng và văn bản không bị thay đổi sau khi ký." in html
    assert "Sở Tư pháp tỉnh Bình An (Ủy ban nhân dân tỉnh Bình An) — mã định danh 000.00.12.H99" in html
    assert "<h3>Chữ ký 1: hợp lệ</h3>" in html
    assert "<dt>Tên người ký ghi kèm chữ ký</dt><dd>Phạm Thị Dung</dd>" in html
    assert "<dt>Thời điểm ký</dt><dd>09:30 ngày 13/02/2026</dd>" in html  # Asia/Ho_Chi_Minh
    assert "<dt>Thay đổi sau khi ký</dt><dd>Không." in html
    assert "tệp «ket-qua.pdf»" in html
    # The demo's own root (motcua keys init): valid, and said to be a test certificate.
    assert "Chứng thư số thử nghiệm: do hệ thống tạo khi cài đặt để dùng thử" in html
    assert "văn bản không có giá trị pháp lý" in html


def test_a_result_signed_twice_is_valid(keys, client, clean_app):
    twice = sign(clean_app, sign(clean_app), agency="000.00.00.H99")
    html = post(client, twice).get_data(as_text=True)
    assert "Văn bản hợp lệ: chữ ký số đúng; sau khi ký, văn bản chỉ được bổ sung chữ ký khác" in html
    assert "<h3>Chữ ký 1 trong 2 chữ ký: hợp lệ</h3>" in html and "<h3>Chữ ký 2 trong 2 chữ ký: hợp lệ</h3>" in html
    assert "Có. Sau khi ký, tệp được bổ sung chữ ký khác" in html


def test_one_changed_byte_is_shown_as_a_broken_signature(keys, client, clean_app):
    signed = sign(clean_app)
    at = signed.index(TEXT.encode())
    response = post(client, signed[:at] + b"X" + signed[at + 1:])
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Cảnh báo: văn bản chưa được xác thực đầy đủ." in html
    assert "<h3>Chữ ký 1: không hợp lệ</h3>" in html
    assert "Chữ ký số không còn nguyên vẹn: nội dung tệp đã bị sửa sau khi ký." in html
    assert "<dt>Chữ ký còn nguyên vẹn</dt><dd>Không: nội dung đã ký bị sửa</dd>" in html
    assert "<dt>Thay đổi sau khi ký</dt><dd>Có. Nội dung đã ký bị sửa: tệp đã bị thay đổi sau khi ký.</dd>" in html
    assert "tệp không bị thay đổi" not in html


@pytest.mark.parametrize("position", [2, -3], ids=["header", "end marker"])
def test_a_changed_header_or_end_marker_is_shown_as_a_change_with_the_signer(keys, client, clean_app, position):
    signed = sign(clean_app)
    response = post(client, flip(signed, position % len(signed)))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h3>Chữ ký 1: không hợp lệ</h3>" in html
    assert "Chữ ký số không còn nguyên vẹn: nội dung tệp đã bị sửa sau khi ký." in html
    assert "Sở Tư pháp tỉnh Bình An (Ủy ban nhân dân tỉnh Bình An) — mã định danh 000.00.12.H99" in html
    assert "không phải là tệp PDF" not in html and "không đầy đủ" not in html


def test_a_changed_byte_in_the_signature_padding_is_shown_valid(keys, client, clean_app):
    signed = sign(clean_app)
    html = post(client, flip(signed, in_padding(signed))).get_data(as_text=True)
    assert "<h3>Chữ ký 1: hợp lệ</h3>" in html and "bị hỏng" not in html


def test_an_update_after_signing_is_shown(keys, client, clean_app):
    html = post(client, add_annotation(sign(clean_app))).get_data(as_text=True)
    assert "<h3>Chữ ký 1: tệp đã bị sửa đổi thêm sau khi ký (phần đã ký còn nguyên vẹn)</h3>" in html
    assert "<dt>Thay đổi sau khi ký</dt><dd>Có. Sau khi ký, tệp đã bị sửa đổi thêm" in html


def test_a_pdf_without_signature_is_checked_and_says_so(client):
    response = post(client, make_pdf())
    assert response.status_code == 200
    assert "Tệp PDF này không có chữ ký số nào." in response.get_data(as_text=True)


@pytest.mark.parametrize("data, message", [
    (b"GIF89a not a document", "Tệp không phải là tệp PDF."),
    (NOT_PDF_WITH_BYTE_RANGE, "Tệp không phải là tệp PDF."),
    (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", "Tệp PDF bị hỏng hoặc không đầy đủ"),
    (b"", "Tệp rỗng"),
])
def test_unreadable_files_get_422_and_a_vietnamese_reason(client, data, message):
    response = post(client, data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)


def test_a_truncated_signed_file_gets_422(keys, client, clean_app):
    signed = sign(clean_app)
    response = post(client, signed[: len(signed) // 2])
    assert response.status_code == 422
    assert "Tệp PDF bị hỏng hoặc không đầy đủ" in response.get_data(as_text=True)


def test_no_file_chosen(client):
    response = client.post("/xac-thuc", data={"csrf_token": csrf(client, "/xac-thuc")})
    assert response.status_code == 422
    assert "Vui lòng chọn tệp PDF cần kiểm tra." in response.get_data(as_text=True)


def test_a_file_over_the_limit_is_not_read(client, clean_app):
    clean_app.config["MOTCUA_VERIFY_MAX_MB"] = 0.001
    try:
        response = post(client, make_pdf())
    finally:
        clean_app.config.pop("MOTCUA_VERIFY_MAX_MB")
    assert response.status_code == 413
    assert "vượt quá dung lượng cho phép (0 MB)" in response.get_data(as_text=True)


def test_the_form_needs_its_csrf_token(client):
    response = client.post("/xac-thuc", data={"tep": (io.BytesIO(make_pdf()), "a.pdf")},
                           content_type="multipart/form-data")
    assert response.status_code == 400


def test_a_result_code_is_looked_up_and_verified(keys, client, clean_app, monkeypatch):
    from app.signing import views
    assert client.get("/xac-thuc?ma=000.00.12.H99-260213-0001-KQ1").headers["Location"].endswith(
        "/xac-thuc/000.00.12.H99-260213-0001-KQ1")
    missing = client.get("/xac-thuc/000.00.12.H99-260213-0001-KQ1")  # the stub finds nothing
    assert missing.status_code == 404
    assert "Không tìm thấy kết quả hay biên lai có mã «000.00.12.H99-260213-0001-KQ1»" in missing.get_data(as_text=True)
    stored = {"000.00.12.H99-260213-0001-KQ1": sign(clean_app)}
    monkeypatch.setattr(views, "find_result_pdf", stored.get)  # the dossiers module's part
    found = client.get("/xac-thuc/000.00.12.H99-260213-0001-KQ1")
    assert found.status_code == 200
    html = found.get_data(as_text=True)
    assert "Văn bản hợp lệ" in html and "văn bản mã 000.00.12.H99-260213-0001-KQ1" in html


def test_verification_is_limited_per_client(client, clean_app, clock):
    from tests.conftest import vn
    clock.set(vn(2026, 11, 23, 9, 0))  # one window of the limit, whatever the wall clock
    clean_app.config["MOTCUA_VERIFY_PER_MINUTE"] = 2
    try:
        statuses = [client.get("/xac-thuc/KHONG-CO").status_code for _ in range(2)]
        statuses.append(post(client, make_pdf()).status_code)
        other = clean_app.test_client().get("/xac-thuc/KHONG-CO", environ_base={"REMOTE_ADDR": "10.0.0.9"})
    finally:
        clean_app.config.pop("MOTCUA_VERIFY_PER_MINUTE")
    assert statuses[:2] == [404, 404] and statuses[2] == 429
    assert other.status_code == 404  # another address has its own count


@pytest.mark.parametrize("address", ["/xac-thuc/%00", "/xac-thuc?ma=a/b", "/xac-thuc/%C3%A1b", "/xac-thuc?ma=%00"])
def test_what_is_no_code_is_said_so_without_empty_guillemets(client, address):
    response = client.get(address)
    html = response.get_data(as_text=True)
    assert response.status_code == 404 and "không phải mã kết quả hay mã biên lai" in html and "« »" not in html


def test_spaces_inside_a_pasted_code_are_dropped(client):
    response = client.get("/xac-thuc?ma=000.00.12.H99-260213-%200001-kq1")
    assert response.status_code == 302 and response.location.endswith("/xac-thuc/000.00.12.H99-260213-0001-KQ1")
    html = client.get("/xac-thuc/000.00.12.H99-260213-%200001-KQ1").get_data(as_text=True)
    assert "«000.00.12.H99-260213-0001-KQ1»" in html
