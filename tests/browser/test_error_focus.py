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


def test_a_summary_link_shows_the_field_with_its_label(page, clean_app):
    """On a phone, following "Trường «Đến năm» …" from the top of a long application lands on the
    box with its label above it in view, not the box at the very top with its label scrolled away."""
    from tests.conftest import PASSWORD
    page.goto("/dang-nhap?next=/thu-tuc/2.000488/nop")
    page.fill("#ten_dang_nhap", "congdan")
    page.fill("#mat_khau", PASSWORD)
    page.click("form button[type=submit]:not(.link)")
    page.wait_for_url("**/thu-tuc/2.000488/nop")
    page.fill("#f-qua_trinh_cu_tru-0-tu_nam", "2015")
    page.fill("#f-qua_trinh_cu_tru-0-den_nam", "2010")
    page.click("button:has-text('Nộp hồ sơ')")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'tom-tat-loi'")
    page.locator("#tom-tat-loi a[href='#f-qua_trinh_cu_tru-0-den_nam']").click()
    page.wait_for_function("location.hash === '#f-qua_trinh_cu_tru-0-den_nam'")
    box = page.locator("label[for='f-qua_trinh_cu_tru-0-den_nam']").bounding_box()
    assert box is not None and box["y"] >= 0, box  # the label is on screen, above its box


def test_the_summary_lists_the_problems_in_the_order_of_the_page(page, clean_app):
    """The server lists the form's errors, then who applies: the page reads top down, so does the
    summary (its first link is the first problem met going down)."""
    from tests.conftest import PASSWORD
    page.goto("/dang-nhap?next=/thu-tuc/2.000488/nop")
    page.fill("#ten_dang_nhap", "congdan")
    page.fill("#mat_khau", PASSWORD)
    page.click("form button[type=submit]:not(.link)")
    page.wait_for_url("**/thu-tuc/2.000488/nop")
    page.fill("#f-so_cccd", "123")  # above «Mục đích» on the page, after it in the server's list
    page.fill("#f-muc_dich", "")
    page.click("button:has-text('Nộp hồ sơ')")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'tom-tat-loi'")
    page.wait_for_load_state("load")  # the page's script, which orders the summary, has run (autofocus can come first)
    targets = page.eval_on_selector_all("#tom-tat-loi a", "links => links.map(a => a.getAttribute('href'))")
    positions = page.evaluate("""hrefs => hrefs.map(h => {
        const all = Array.from(document.querySelectorAll('[id]'));
        return all.indexOf(document.getElementById(h.slice(1)));
    })""", targets)
    assert len(targets) >= 2 and positions == sorted(positions), (targets, positions)


def test_an_item_added_to_a_list_takes_the_focus(page, clean_app):
    """«Thêm quá trình cư trú» sends the form and the page comes back: the keyboard is in the new
    item's first box, not at the top of the page."""
    from tests.conftest import PASSWORD
    page.goto("/dang-nhap?next=/thu-tuc/2.000488/nop")
    page.fill("#ten_dang_nhap", "congdan")
    page.fill("#mat_khau", PASSWORD)
    page.click("form button[type=submit]:not(.link)")
    page.wait_for_url("**/thu-tuc/2.000488/nop")
    page.click("button[value='add:qua_trinh_cu_tru']")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'f-qua_trinh_cu_tru-1-tu_nam'")
