"""The police attach their reply to the consultation step in a real Chromium: a file chosen is an
unsaved change (leaving asks), sending the form is not leaving it (nothing asks), and the reply is
on the dossier page under the step's name afterwards. The page passes axe with the file input."""
from __future__ import annotations

from tests.browser.conftest import axe_violations
from tests.browser.test_officer_journey import officer  # noqa: F401 (the fixture)
from tests.browser.test_unsaved_and_confirm import UNSAVED, Dialogs, _keys
from tests.conftest import vn
from tests.web.pages import pdf_bytes
from tests.workspace.helpers import CHECKED, POLICE_TASK, SEARCH, accept, submit_lltp


def test_a_reply_chosen_is_kept_from_a_shortcut_and_attached_when_sent(officer, api, clock):  # noqa: F811
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    api.complete("chuyenvien", SEARCH, CHECKED)
    police = officer("congan")
    dialogs = Dialogs(police)
    police.goto(f"/mot-cua/viec/{api.task('congan', POLICE_TASK, dossier_id)['id']}")
    police.wait_for_load_state()
    task_url = police.url
    assert axe_violations(police) == []
    police.get_by_label("Văn bản, tài liệu kèm theo").set_input_files(
        [{"name": "van-ban-tra-loi.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("Tra loi")}])
    _keys(police, "g", "i")  # only a file chosen: still a change the shortcut would lose
    assert dialogs.take() == [("confirm", UNSAVED)]
    assert police.url == task_url

    police.get_by_label("Không có án tích").check()
    police.get_by_label("Ý kiến của cơ quan phối hợp").fill("Không có án tích.")
    police.get_by_label("Có", exact=True).check()
    police.get_by_role("button", name=f"Hoàn thành «{POLICE_TASK}»").click()
    police.wait_for_selector("text=kèm 1 tệp: van-ban-tra-loi.pdf")
    assert dialogs.take() == []  # sending the form asks nothing

    police.goto(f"/mot-cua/ho-so/{dossier_id}")
    documents = police.locator("#tep-kem-theo-cac-buoc")
    assert POLICE_TASK in documents.inner_text() and "van-ban-tra-loi.pdf" in documents.inner_text()
    with police.expect_download() as download:
        documents.get_by_role("link", name="van-ban-tra-loi.pdf").click()
    assert download.value.suggested_filename == "van-ban-tra-loi.pdf"
