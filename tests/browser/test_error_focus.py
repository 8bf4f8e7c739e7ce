"""After a refused form, the keyboard and the screen reader start at the summary of what to fix
(focused and scrolled to), not at the top of an unchanged-looking page."""
from __future__ import annotations


def test_the_error_summary_takes_the_focus(page, clean_app):
    page.goto("/dang-nhap")
    page.fill("#ten_dang_nhap", "congdan")
    page.fill("#mat_khau", "sai-mat-khau")
    page.click("form button[type=submit]:not(.link)")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'tom-tat-loi'")
    assert "Chưa đăng nhập được" in page.inner_text("#tom-tat-loi")


def test_the_icon_is_served_where_browsers_look(page):
    response = page.request.get("/favicon.ico")
    assert response.status == 200 and response.headers["content-type"].startswith("image/svg+xml")
