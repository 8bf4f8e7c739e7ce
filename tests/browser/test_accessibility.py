"""axe-core on the public pages that need no account, and keyboard use of the home page."""
from __future__ import annotations

import pytest

from tests.browser.conftest import axe_violations


@pytest.mark.parametrize("path", ["/", "/tra-cuu/000.00.12.H99-261123-9999", "/khong-co-trang-nay"])
def test_public_pages_have_no_serious_violations(page, path):
    page.goto(path)
    assert axe_violations(page) == []


def test_home_page_works_with_the_keyboard_alone(page):
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Bỏ qua, đến nội dung chính"
    page.keyboard.press("Enter")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "ma":
            break
    assert page.evaluate("document.activeElement.id") == "ma"
    page.keyboard.type("000.00.12.H99-261123-0001")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tra-cuu?ma=*")
    assert "Không tìm thấy hồ sơ" in page.inner_text("main")
