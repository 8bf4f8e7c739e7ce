"""The officers' script around forms, in a real Chromium (app/workspace/static/forms.js): a page
whose form holds unsaved changes asks before a shortcut leaves it (window.confirm, in Vietnamese)
and before a link does (the browser's beforeunload dialog), while sending the form asks nothing;
a decision the UI schema marks final (ui:confirm) and the apology ask before they are sent, and
cancelling leaves the dossier as it was."""
from __future__ import annotations

from tests.api.test_lifecycle import LLTP, LLTP_FORM, submit
from tests.browser.test_officer_journey import officer  # noqa: F401 (the fixture)
from tests.conftest import vn
from tests.workspace.helpers import accept, dossier

UNSAVED = "Bạn có thay đổi chưa lưu trên trang này. Rời trang và bỏ các thay đổi?"
REFUSE = ("Từ chối tiếp nhận hồ sơ? Hồ sơ kết thúc và công dân nhận Phiếu từ chối tiếp nhận (Mẫu 03) kèm lý do; "
          "không hoàn tác được.")
APOLOGY = ("Gửi thư xin lỗi (Mẫu 04) và hẹn ngày trả kết quả mới? Mỗi hồ sơ chỉ được hẹn lại một lần; thư đã gửi "
           "không sửa hay rút lại được.")
RECEPTION = "Tiếp nhận hồ sơ"
REASON = "Thiếu bản chụp giấy tờ tùy thân."


class Dialogs:
    """Every dialog the page opens, answered with `answer` (True: accept, False: dismiss)."""

    def __init__(self, page):
        self.seen: list[tuple[str, str]] = []
        self.answer = False
        page.on("dialog", self._handle)

    def _handle(self, dialog) -> None:
        self.seen.append((dialog.type, dialog.message))
        dialog.accept() if self.answer else dialog.dismiss()

    def take(self) -> list[tuple[str, str]]:
        seen, self.seen = self.seen, []
        return seen


def _open_reception(page, dossier_id: int) -> None:
    page.goto(f"/mot-cua/ho-so/{dossier_id}")
    page.get_by_role("link", name=RECEPTION, exact=True).click()
    page.wait_for_url("**/mot-cua/viec/*")
    page.wait_for_load_state()  # the scripts too


def _keys(page, *keys: str) -> None:
    page.locator("h1").click()  # out of the fields: shortcuts are not typed into them
    for key in keys:
        page.keyboard.press(key)


def _submitted_and_desk(officer, api, clock):  # noqa: F811
    """A criminal-record dossier submitted Monday 23/11/2026 08:00, and the desk's page, with the
    dialogs it will meet."""
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit(api, LLTP, LLTP_FORM)["id"]
    desk = officer("motcua")
    return dossier_id, desk, Dialogs(desk)


def _open_tasks(api, dossier_id: int) -> list[str]:
    return [t["name"] for t in dossier(api, dossier_id)["open_tasks"]]


def test_a_half_filled_task_form_is_not_lost_to_a_shortcut_or_a_link(officer, api, clock):  # noqa: F811
    dossier_id, desk, dialogs = _submitted_and_desk(officer, api, clock)
    _open_reception(desk, dossier_id)
    task_url = desk.url
    _keys(desk, "g", "i")  # nothing typed yet: the shortcut leaves at once
    desk.wait_for_url("**/mot-cua")
    assert dialogs.take() == []

    _open_reception(desk, dossier_id)
    desk.get_by_label("Yêu cầu bổ sung, hoàn thiện hồ sơ", exact=True).check()
    desk.locator("#f-ly_do").fill(REASON)
    for keys in (("g", "i"), ("Escape",)):
        _keys(desk, *keys)
        assert dialogs.take() == [("confirm", UNSAVED)]
        assert desk.url == task_url
    assert desk.get_by_label("Yêu cầu bổ sung, hoàn thiện hồ sơ", exact=True).is_checked()
    assert desk.locator("#f-ly_do").input_value() == REASON
    # A link, the back button or closing the tab: the browser's own question.
    desk.get_by_role("link", name="Tra cứu hồ sơ").click()
    desk.wait_for_timeout(300)
    assert dialogs.take() == [("beforeunload", "")]
    assert desk.url == task_url and desk.locator("#f-ly_do").input_value() == REASON

    dialogs.answer = True
    _keys(desk, "g", "i")
    desk.wait_for_url("**/mot-cua")
    assert dialogs.take() == [("confirm", UNSAVED)]  # asked once: the beforeunload does not ask again
    assert _open_tasks(api, dossier_id) == [RECEPTION] and dossier(api, dossier_id)["status"]["code"] == 1

    # Sending the form is not leaving it: no question.
    _open_reception(desk, dossier_id)
    desk.get_by_label(RECEPTION, exact=True).check()
    desk.get_by_role("button", name=f"Hoàn thành «{RECEPTION}»").click()
    desk.wait_for_url(f"**/mot-cua/ho-so/{dossier_id}*")
    assert dialogs.take() == []


def test_a_final_decision_asks_before_it_is_sent(officer, api, clock):  # noqa: F811
    dossier_id, desk, dialogs = _submitted_and_desk(officer, api, clock)
    _open_reception(desk, dossier_id)
    task_url = desk.url
    desk.get_by_label("Từ chối tiếp nhận", exact=True).check()
    desk.locator("#f-ly_do").fill("Hồ sơ không thuộc thẩm quyền của Sở Tư pháp.")
    desk.get_by_role("button", name=f"Hoàn thành «{RECEPTION}»").click()
    assert dialogs.take() == [("confirm", REFUSE)]
    desk.locator("#f-ly_do").press("Control+Enter")  # the shortcut sends: the same question
    assert dialogs.take() == [("confirm", REFUSE)]
    desk.wait_for_timeout(300)
    assert desk.url == task_url and desk.get_by_label("Từ chối tiếp nhận", exact=True).is_checked()
    state = dossier(api, dossier_id)
    assert state["status"]["code"] == 1 and [t["name"] for t in state["open_tasks"]] == [RECEPTION]

    dialogs.answer = True
    desk.get_by_role("button", name=f"Hoàn thành «{RECEPTION}»").click()
    desk.wait_for_selector("text=Đã từ chối tiếp nhận hồ sơ")
    assert dialogs.take() == [("confirm", REFUSE)]  # and no question about leaving the form sent
    assert dossier(api, dossier_id)["status"]["code"] == 3


def test_the_apology_asks_before_it_is_sent(officer, api, clock):  # noqa: F811
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit(api, LLTP, LLTP_FORM)["id"]
    accept(api, dossier_id)
    clock.set(vn(2026, 12, 4, 8, 0))
    leader = officer("lanhdao")
    dialogs = Dialogs(leader)
    leader.goto(f"/mot-cua/ho-so/{dossier_id}")
    leader.wait_for_load_state()
    leader.get_by_label("Ngày giờ hẹn trả kết quả mới").fill("2026-12-10T10:00")
    leader.get_by_label("Lý do").fill("Chờ Công an tỉnh trả lời kết quả xác minh.")
    leader.get_by_role("button", name="Gửi thư xin lỗi (Mẫu 04)").click()
    assert dialogs.take() == [("confirm", APOLOGY)]
    leader.wait_for_timeout(300)
    assert leader.get_by_label("Lý do").input_value() == "Chờ Công an tỉnh trả lời kết quả xác minh."
    assert dossier(api, dossier_id)["due_at"] == "2026-12-08T08:00:00+07:00"  # no apology, no new date

    dialogs.answer = True
    leader.get_by_role("button", name="Gửi thư xin lỗi (Mẫu 04)").click()
    leader.wait_for_selector("text=Đã gửi thư xin lỗi; ngày hẹn trả kết quả mới: 10:00 ngày 10/12/2026.")
    assert dialogs.take() == [("confirm", APOLOGY)]
    assert dossier(api, dossier_id)["due_at"] == "2026-12-10T10:00:00+07:00"


def test_back_to_a_form_the_server_refused_opens_its_page_again(officer, api, clock):  # noqa: F811
    """An officer's pages are never stored (Cache-Control: no-store), so Back to the page a refused
    sending produced would ask to send the form again (ERR_CACHE_MISS): that history entry holds
    the task page's own address instead, and Back opens the task page afresh."""
    dossier_id, desk, dialogs = _submitted_and_desk(officer, api, clock)
    _open_reception(desk, dossier_id)
    task_url = desk.url
    desk.get_by_label("Yêu cầu bổ sung, hoàn thiện hồ sơ", exact=True).check()
    with desk.expect_response(lambda r: r.request.method == "POST") as refused:
        desk.get_by_role("button", name=f"Hoàn thành «{RECEPTION}»").click()  # no reason, nothing asked
    assert refused.value.status == 422 and refused.value.headers["cache-control"] == "no-store"
    desk.wait_for_load_state()
    assert desk.url == task_url and desk.get_by_label("Yêu cầu bổ sung, hoàn thiện hồ sơ", exact=True).is_checked()
    desk.get_by_label(RECEPTION, exact=True).check()
    desk.get_by_role("button", name=f"Hoàn thành «{RECEPTION}»").click()
    desk.wait_for_url(f"**/mot-cua/ho-so/{dossier_id}*")
    assert dialogs.take() == []
    desk.go_back()  # no "Confirm Form Resubmission": the task page, now done
    desk.wait_for_load_state()
    assert desk.url == task_url and desk.locator("h1").count() == 1
    assert RECEPTION not in _open_tasks(api, dossier_id)  # accepted once, not sent again
