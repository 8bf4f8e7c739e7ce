"""The keyboard shortcut `n` in a real Chromium: on the inbox it claims only the selected task (a
stray key with nothing selected takes no work and says what to do); on a task page it claims
the task that is open."""
from __future__ import annotations

from tests.api.test_lifecycle import LLTP, LLTP_FORM, submit
from tests.browser.test_officer_journey import officer  # noqa: F401 (the fixture)
from tests.conftest import vn


def _claimed(api) -> list[str]:
    return [t["claimed_by"] for t in api.get("/tasks?mine=1", "motcua").get_json()["items"]]


def test_n_claims_only_a_selected_or_open_task(officer, api, clock):  # noqa: F811
    clock.set(vn(2026, 11, 23, 8, 0))
    for copies in (1, 2):
        submit(api, LLTP, {**LLTP_FORM, "so_ban": copies})
    desk = officer("motcua")
    desk.wait_for_load_state()  # the shortcuts script too
    desk.keyboard.press("n")
    note = desk.locator("[data-select-first]")
    assert note.inner_text() == "Chọn một công việc trước (phím j hoặc k), rồi nhấn n để nhận xử lý."
    assert desk.url.endswith("/mot-cua") and _claimed(api) == []
    # On a task page, `n` claims the task that is open.
    desk.locator("tr[data-row]").first.get_by_role("link").first.click()
    desk.wait_for_url("**/mot-cua/viec/*")
    desk.wait_for_load_state()
    desk.keyboard.press("n")
    desk.wait_for_selector("text=Đã nhận xử lý «Tiếp nhận hồ sơ»")
    assert _claimed(api) == ["motcua"]
    # With Caps Lock on (capital letters), on a row already taken: said so, nothing else happens.
    desk.goto(desk.url.split("/mot-cua")[0] + "/mot-cua?tab=cua-toi")
    desk.wait_for_load_state()
    desk.keyboard.press("J")
    desk.keyboard.press("N")
    assert desk.locator("[data-not-claimable]").inner_text().startswith("Không nhận được công việc đang chọn")
    assert desk.url.endswith("tab=cua-toi") and _claimed(api) == ["motcua"]


def test_question_mark_opens_the_shortcut_list_and_moves_the_focus_to_it(officer):  # noqa: F811
    desk = officer("motcua")
    desk.keyboard.press("?")
    assert desk.evaluate("document.getElementById('phim-tat').open") is True
    assert desk.evaluate("document.activeElement.tagName") == "SUMMARY"
    assert desk.evaluate("document.activeElement.closest('#phim-tat') !== null") is True
    desk.keyboard.press("?")
    assert desk.evaluate("document.getElementById('phim-tat').open") is False


def test_enter_on_a_control_is_the_controls_own_with_a_row_selected(officer, api, clock):  # noqa: F811
    """With a row selected (j), Enter on its claim button claims the task, and Enter on a filter's
    button filters: only from the row itself does Enter open the selected task."""
    clock.set(vn(2026, 11, 23, 8, 0))
    submit(api, LLTP, LLTP_FORM)
    desk = officer("motcua")
    desk.wait_for_load_state()  # the shortcuts script too
    desk.keyboard.press("j")
    claim = desk.locator("tr[data-row].selected").get_by_role("button", name="Nhận")
    claim.focus()
    desk.keyboard.press("Enter")
    desk.wait_for_selector("text=Đã nhận xử lý «Tiếp nhận hồ sơ»")
    assert _claimed(api) == ["motcua"] and "/mot-cua/viec/" not in desk.url
    desk.wait_for_load_state()
    desk.keyboard.press("j")
    desk.get_by_label("Thời hạn").select_option(label="Đã quá hạn")
    desk.get_by_role("button", name="Lọc").focus()
    desk.keyboard.press("Enter")
    desk.wait_for_url("**han=qua-han*")
    desk.wait_for_load_state()
    assert desk.locator("tr[data-row]").count() == 0
    # From the selected row's own link, Enter opens it.
    desk.goto(desk.url.split("?")[0] + "?tab=cua-toi")
    desk.wait_for_load_state()
    desk.keyboard.press("j")
    desk.keyboard.press("Enter")
    desk.wait_for_url("**/mot-cua/viec/*")


def test_escape_on_a_task_goes_back_to_the_inbox_view_it_came_from(officer, api, clock):  # noqa: F811
    clock.set(vn(2026, 11, 23, 8, 0))
    submit(api, LLTP, LLTP_FORM)
    desk = officer("motcua")
    desk.goto(desk.url.split("?")[0] + "?tab=nhom&trang_thai=1")
    desk.wait_for_load_state()
    desk.locator("tr[data-row]").first.get_by_role("link").first.click()
    desk.wait_for_url("**/mot-cua/viec/*")
    desk.wait_for_load_state()
    desk.keyboard.press("Escape")
    desk.wait_for_url("**/mot-cua?*")
    assert desk.url.split("/mot-cua", 1)[1] == "?tab=nhom&trang_thai=1"
    assert desk.locator("[aria-current=page]").inner_text().startswith("Tất cả việc của nhóm")


def test_a_pending_g_ends_in_a_field_or_after_a_moment(officer):  # noqa: F811
    """`g` then `h` opens the dossier search; a `g` followed by typing in a field, or left alone
    for a moment, is no shortcut: the `h` after it stays a plain key."""
    desk = officer("motcua")
    desk.wait_for_load_state()
    desk.keyboard.press("g")
    desk.locator("[data-search]").focus()
    desk.keyboard.type("hồ sơ")
    desk.evaluate("document.activeElement.blur()")
    desk.keyboard.press("h")
    desk.wait_for_timeout(300)
    assert desk.url.endswith("/mot-cua")
    desk.keyboard.press("g")
    desk.wait_for_timeout(1700)
    desk.keyboard.press("h")
    desk.wait_for_timeout(300)
    assert desk.url.endswith("/mot-cua")
    desk.keyboard.press("g")
    desk.keyboard.press("h")
    desk.wait_for_url("**/mot-cua/ho-so")
