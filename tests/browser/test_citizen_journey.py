"""A citizen on a phone, in a real Chromium: home → search → procedure → register (mail
through a local SMTP server) → log in → fill the e-form with an error and correct it →
upload → submit → answer a supplement request → pay the fee at the (sandbox) payment gateway →
look the dossier up by code → see the result.
The desk and the agency act through the API. axe-core checks every kind of page on the way."""
from __future__ import annotations

import re

from tests.api.test_lifecycle import ACCEPT, APPRAISE, APPROVE, RETURN
from tests.browser.conftest import axe_violations
from tests.conftest import Api, vn
from tests.web.pages import pdf_bytes

PASSWORD = "MatKhau2026"


def _accessible(page, name: str) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{name}: {violations}"


def _verification_link(mail_sink) -> str:
    body = mail_sink.messages[-1].get_body(preferencelist=("plain",)).get_content()
    return re.search(r"https?://\S+/dang-ky/xac-thuc/\S+", body).group(0)


def test_citizen_applies_follows_and_receives_the_result(page, live_server, payment_gateway, clean_app, clock,
                                                         mail_sink, tmp_path):
    clock.set(vn(2026, 11, 23, 9, 0))
    page.goto("/")
    _accessible(page, "trang chủ")

    page.fill("#q", "cap ban sao")
    page.click("button:has-text('Tìm thủ tục')")
    page.wait_for_url(re.compile(r".*/thu-tuc\?.*"))
    _accessible(page, "kết quả tìm kiếm")
    page.click("a:has-text('Cấp bản sao trích lục hộ tịch')")
    page.wait_for_url("**/thu-tuc/2.000635")
    _accessible(page, "trang thủ tục")
    page.click("a:has-text('Nộp hồ sơ trực tuyến')")
    page.wait_for_url(re.compile(r".*/dang-nhap\?next=.*"))

    page.goto("/dang-ky")
    page.fill("#ho_ten", "Trần Thị Hoa")
    page.fill("#ngay_sinh", "1992-03-08")
    page.fill("#so_cccd", "001192000123")
    page.fill("#dia_chi", "Số 5 đường Trần Phú, phường An Bình, tỉnh Bình An")
    page.fill("#so_dien_thoai", "0987654321")
    page.fill("#email", "hoa@example.vn")
    page.fill("#mat_khau", PASSWORD)
    page.fill("#nhap_lai_mat_khau", PASSWORD)
    page.click("form button[type=submit]:not(.link)")
    page.wait_for_selector("text=Kiểm tra hộp thư")
    page.goto(_verification_link(mail_sink))

    page.goto("/dang-nhap?next=/thu-tuc/2.000635/nop")
    page.fill("#ten_dang_nhap", "001192000123")
    page.fill("#mat_khau", PASSWORD)
    page.click("form button[type=submit]:not(.link)")
    page.wait_for_url("**/thu-tuc/2.000635/nop")

    assert page.input_value("#f-ho_ten_nguoi_yeu_cau") == "Trần Thị Hoa"  # from the profile
    page.select_option("#f-loai_trich_luc", "khai_sinh")
    page.fill("#f-so_ban", "")
    page.click("button:has-text('Nộp hồ sơ')")
    page.wait_for_selector("#tom-tat-loi")
    assert "«Họ và tên người được cấp trích lục» là bắt buộc" in page.inner_text("#tom-tat-loi")
    _accessible(page, "biểu mẫu có lỗi")

    page.click("#tom-tat-loi a[href='#f-ho_ten_nguoi_duoc_cap']")
    page.fill("#f-ho_ten_nguoi_duoc_cap", "Trần Văn Nam")
    page.fill("#f-so_ban", "2")
    document = tmp_path / "cccd.pdf"
    document.write_bytes(pdf_bytes())
    page.set_input_files("#tep-GTTT", str(document))
    page.click("button:has-text('Nộp hồ sơ')")
    page.wait_for_url(re.compile(r".*/ho-so/\d+$"))
    assert "Hồ sơ đã được gửi lúc 09:00 ngày 23/11/2026" in page.inner_text("main")
    assert "cccd.pdf" in page.inner_text("main")
    _accessible(page, "trang hồ sơ")
    dossier_url = page.url

    api = Api(clean_app.test_client())
    api.complete("motcua", "Tiếp nhận hồ sơ", {
        "quyet_dinh": "yeu_cau_bo_sung", "ly_do": "Ảnh chụp giấy tờ bị mờ.",
        "thanh_phan_can_bo_sung": [{"thanh_phan": "Bản chụp rõ nét Căn cước công dân", "yeu_cau": "Nộp bản chụp rõ nét, đủ hai mặt."}]})
    page.goto(dossier_url)
    assert "Yêu cầu bổ sung giấy tờ" in page.inner_text("main")
    assert "Bản chụp rõ nét Căn cước công dân" in page.inner_text("#bo-sung")
    _accessible(page, "trang hồ sơ chờ bổ sung")
    clearer = tmp_path / "cccd-ro-net.pdf"
    clearer.write_bytes(pdf_bytes("ro net"))
    page.set_input_files("#bo-sung #tep-GTTT", str(clearer))
    page.click("button:has-text('Gửi hồ sơ bổ sung')")
    page.wait_for_selector("text=Đã gửi hồ sơ bổ sung")

    clock.set(vn(2026, 11, 23, 10, 0))
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT)
    page.goto(dossier_url)
    code = re.search(r"000\.00\.12\.H99-261123-\d{4}", page.inner_text("h1")).group(0)
    # Accepted: the fee (two copies, 16.000 đồng), paid online at the sandbox gateway.
    assert "16.000 đồng" in page.inner_text("#nop-phi")
    _accessible(page, "trang hồ sơ chờ nộp phí")
    page.click("button:has-text('Thanh toán trực tuyến')")
    page.wait_for_selector("text=Cổng thanh toán thử nghiệm")
    assert "16.000" in page.inner_text("body")
    page.click("button.primary")
    page.wait_for_url(dossier_url)
    assert f"Đã nộp 16.000 đồng. Biên lai điện tử {code}-BL1" in page.inner_text("main")
    assert "Đang xử lý" in page.inner_text("main")

    page.goto("/")
    page.fill("#ma", code)
    page.click("button:has-text('Tra cứu')")
    page.wait_for_url(re.compile(r".*/tra-cuu\?ma=.*"))
    lookup = page.inner_text("main")
    assert code in lookup and "Trần T** H**" in lookup and "Trần Thị Hoa" not in lookup and "Sở Tư pháp tỉnh Bình An" in lookup
    assert "Trần Văn Nam" not in lookup  # only the fields the law allows without login

    api.complete("chuyenvien", "Thẩm định hồ sơ", APPRAISE)
    api.complete("lanhdao", "Phê duyệt kết quả", APPROVE)
    api.complete("motcua", "Trả kết quả", RETURN)
    page.goto(dossier_url)
    assert "Đã trả kết quả" in page.inner_text("main")
    assert "Kết quả giải quyết" in page.inner_text("main")
    page.check("#muc_do-3")
    page.click("button:has-text('Gửi đánh giá')")
    page.wait_for_selector("text=Cảm ơn bạn đã đánh giá")
    _accessible(page, "trang hồ sơ đã trả kết quả")
