"""A citizen's draft open in two tabs of a real Chromium: the older tab's «Lưu nháp» after the
other saved is told so, its fields stay on its page, and leaving that page asks first, since
what it shows is not saved."""
from __future__ import annotations

from tests.conftest import PASSWORD, vn
from tests.web.test_portal import APPLY

NUMBER = "#f-so_ban"


def _tab(context):
    tab = context.new_page()
    tab.set_default_timeout(15000)
    tab.goto(APPLY)
    tab.wait_for_load_state()
    return tab


def test_the_older_tab_keeps_its_fields_and_asks_before_leaving(page, clock):
    clock.set(vn(2026, 11, 23, 9, 0))
    page.goto("/dang-nhap")
    page.fill("#ten_dang_nhap", "congdan")
    page.fill("#mat_khau", PASSWORD)
    page.click("form button[type=submit]:not(.link)")
    page.wait_for_load_state()
    first, second = _tab(page.context), _tab(page.context)
    second.fill(NUMBER, "2")
    second.locator("button.secondary[value=save]").click()
    second.wait_for_selector("text=Đã lưu nháp.")

    first.fill(NUMBER, "3")
    first.locator("button.secondary[value=save]").click()
    first.wait_for_selector("text=đã được lưu từ một cửa sổ khác")
    assert first.input_value(NUMBER) == "3"
    asked = []
    first.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    first.get_by_role("link", name="Cấp bản sao trích lục hộ tịch").first.click()
    first.wait_for_timeout(500)
    assert asked == ["beforeunload"] and first.url.endswith(APPLY)

    second.reload()
    assert second.input_value(NUMBER) == "2"  # the other tab's save stands until this one's is sent again
