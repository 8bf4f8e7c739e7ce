"""The one-stop system on a phone (390×844): the inbox, a task and a dossier fit the screen
with no sideways page scroll, and an inbox row is compact with its claim button in view."""
from __future__ import annotations

import pytest

from tests.api.test_lifecycle import LLTP, LLTP_FORM, submit
from tests.browser.conftest import officer_windows
from tests.conftest import vn
from tests.workspace.helpers import processed

PHONE = {"width": 390, "height": 844}


@pytest.fixture()
def phone(browser, live_server):
    """Opens a phone-sized browser window logged in as a demo officer."""
    yield from officer_windows(browser, live_server, viewport=PHONE)


def _page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def _wider_than_screen(page) -> list[str]:
    """What sticks out past the right edge of the screen (to say why the page scrolls)."""
    return page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5
                     && !e.closest('.table-scroll, .diagram'))
        .slice(0, 8).map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className
                              + ' ' + Math.round(e.getBoundingClientRect().right))""")


def _fits(page, name: str, screen: int = PHONE["width"]) -> None:
    width = _page_width(page)
    assert width <= screen, f"{name}: page {width} px wide: {_wider_than_screen(page)}"


@pytest.mark.parametrize("username", ["motcua", "admin"])
def test_the_inbox_fits_a_phone_with_the_claim_button_in_view(phone, api, clock, username):
    """The desk's rows with their claim button; the administrator's (who assigns, never claims)
    without one, just as narrow."""
    clock.set(vn(2026, 11, 23, 8, 0))
    for copies in (1, 2, 3):
        submit(api, LLTP, {**LLTP_FORM, "so_ban": copies})
    page = phone(username)
    for tab in ("cho-nhan", "nhom"):
        page.goto(f"/mot-cua?tab={tab}")
        _fits(page, f"/mot-cua?tab={tab} as {username}")
        rows = page.locator("tr[data-row]")
        assert rows.count() == 3
        for index in range(rows.count()):
            box = rows.nth(index).bounding_box()
            assert box["height"] < 320, f"row {index} is {box['height']} px tall"
            if username == "admin":
                assert rows.nth(index).locator("button[data-claim]").count() == 0
                continue
            claim = rows.nth(index).locator("button[data-claim]").bounding_box()
            assert claim["x"] >= 0 and claim["x"] + claim["width"] <= PHONE["width"], claim


def test_a_task_and_a_dossier_fit_a_phone(phone, api, clock):
    """A dossier that has been through every step: its page carries the diagram, the control
    slip, the step records and the signed result; its last task is the return."""
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier = submit(api, LLTP, LLTP_FORM)["id"]
    processed(api, dossier)
    page = phone("motcua")
    page.goto("/mot-cua?tab=cho-nhan")
    page.locator("tr[data-row]").filter(has_text="Trả kết quả").get_by_role("link").click()
    page.wait_for_url("**/mot-cua/viec/*")
    _fits(page, "the task page")
    page.goto(f"/mot-cua/ho-so/{dossier}")
    _fits(page, "the dossier page")
    page.goto("/mot-cua/ho-so")
    _fits(page, "the dossier search")
    page.goto("/mot-cua/tiep-nhan")
    _fits(page, "the intake")


def test_a_repeated_group_in_the_application_fits_its_column_on_a_desk(browser, live_server, api, clock):
    """The criminal-record application's residence history (a group of groups) used to push the
    task page past a 1280 px screen; the leader's approval step shows it beside the form."""
    from tests.browser.conftest import officer_windows
    from tests.workspace.helpers import awaiting_approval
    clock.set(vn(2026, 11, 23, 8, 0))
    awaiting_approval(api, submit(api, LLTP, LLTP_FORM)["id"])
    windows = officer_windows(browser, live_server, viewport={"width": 1280, "height": 900})
    page = next(windows)("lanhdao")
    page.goto("/mot-cua?tab=nhom")
    page.locator("a[href^='/mot-cua/viec/']").first.click()
    page.wait_for_url("**/mot-cua/viec/*")
    _fits(page, "the approval step", 1280)
    windows.close()


def test_a_long_unbroken_note_wraps(phone, api, clock):
    """A pasted link or code of thousands of characters in a step's note wraps within the
    screen on the dossier page and on the later step that shows it."""
    from tests.workspace.helpers import CHECKED, POLICE_TASK, SEARCH, accept
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier = submit(api, LLTP, LLTP_FORM)["id"]
    accept(api, dossier)
    api.complete("chuyenvien", SEARCH, {**CHECKED, "y_kien": "https://tra-cuu.example.vn/" + "x" * 3000})
    page = phone("congan")
    page.goto(f"/mot-cua/viec/{api.task('congan', POLICE_TASK, dossier)['id']}")
    _fits(page, "the police's step")
    page.goto(f"/mot-cua/ho-so/{dossier}")
    _fits(page, "the dossier page")


def test_a_citizens_lists_are_cards_on_a_phone(page, api, clock):
    """«Hồ sơ của tôi», the data store and a procedure's components: each row a card whose cells say what they are, no
    table wider than the screen (no sideways scroll inside it either)."""
    from tests.conftest import PASSWORD
    clock.set(vn(2026, 11, 23, 8, 0))
    processed(api, submit(api, LLTP, LLTP_FORM)["id"])
    submit(api, LLTP, {**LLTP_FORM, "so_ban": 3})
    page.goto("/dang-nhap")
    page.fill("#ten_dang_nhap", "congdan")
    page.fill("#mat_khau", PASSWORD)
    page.click("form button[type=submit]:not(.link)")
    page.wait_for_load_state()
    for path, cards in (("/ho-so", 2), ("/kho-du-lieu", 3), ("/thu-tuc/2.000635", 3)):
        page.goto(path)
        _fits(page, path)
        wide = page.evaluate("[...document.querySelectorAll('.table-scroll')].filter(e => e.scrollWidth > e.clientWidth).length")
        assert wide == 0, f"{path}: a table scrolls sideways"
        rows = page.locator("table.cards tbody tr")
        assert rows.count() >= cards
        label = rows.first.locator("td[data-label]").first
        assert page.evaluate("e => getComputedStyle(e, '::before').content", label.element_handle()).startswith('"')
        assert rows.first.bounding_box()["width"] <= PHONE["width"]
