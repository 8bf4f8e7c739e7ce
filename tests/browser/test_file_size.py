"""Files too large are stopped in the browser, before anything is sent: a file over its input's
limit is said at the input, files together over the request's limit at the top of the form, and
what the officer typed stays on the page; a file within the limits is then sent with it. Without
the script, the server's 413 page says what to do (tests/web/test_request_too_large.py)."""
from __future__ import annotations

from tests.browser.test_officer_journey import officer  # noqa: F401 (the fixture)
from tests.conftest import vn
from tests.web.pages import pdf_bytes
from tests.workspace.helpers import CHECKED, LLTP, POLICE_TASK, SEARCH, accept, submit_lltp

KB = 1024


def _limit_files(app, megabytes: float) -> None:
    """The criminal-record procedure's own limit of a file (its catalogue entry's)."""
    from app.catalogue.models import Procedure
    from app.db import db
    with app.app_context():
        procedure = db.session.execute(db.select(Procedure).filter_by(code=LLTP)).scalar_one()
        procedure.details = {**procedure.details, "attachments": {**procedure.details["attachments"],
                                                                  "max_size_mb": megabytes}}
        db.session.commit()


def _pdf(name: str, size: int) -> dict:
    """A real PDF of `size` bytes: a comment after its header makes up the size."""
    data = pdf_bytes(name)
    header, rest = data.split(b"\n", 1)
    return {"name": name, "mimeType": "application/pdf",
            "buffer": header + b"\n%" + b"x" * (size - len(data) - 2) + b"\n" + rest}


def test_files_too_large_are_stopped_before_sending_and_nothing_typed_is_lost(
        officer, api, clock, clean_app, monkeypatch):  # noqa: F811
    _limit_files(clean_app, 20 / 1024)                                    # 20 KB a file
    monkeypatch.setitem(clean_app.config, "MAX_CONTENT_LENGTH", 50 * KB)  # 50 KB a request
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    api.complete("chuyenvien", SEARCH, CHECKED)
    task_id = api.task("congan", POLICE_TASK, dossier_id)["id"]
    police = officer("congan")
    police.goto(f"/mot-cua/viec/{task_id}")
    police.get_by_label("Không có án tích").check()
    police.get_by_label("Ý kiến của cơ quan phối hợp").fill("Không có án tích.")
    police.get_by_label("Có", exact=True).check()
    files = police.get_by_label("Văn bản, tài liệu kèm theo")
    send = police.get_by_role("button", name=f"Hoàn thành «{POLICE_TASK}»")

    files.set_input_files([_pdf("ban-quet-lon.pdf", 30 * KB)])
    message = police.locator("#tep-kem-theo-size")
    assert "«ban-quet-lon.pdf»" in message.inner_text() and "vượt quá 0,1 MB cho mỗi tệp" in message.inner_text()
    assert files.get_attribute("aria-invalid") == "true"
    assert "tep-kem-theo-size" in files.get_attribute("aria-describedby")
    send.click()
    police.wait_for_timeout(300)
    assert police.url.endswith(f"/mot-cua/viec/{task_id}")  # nothing was sent
    assert police.evaluate("document.activeElement.id") == "tep-kem-theo"

    files.set_input_files([_pdf(f"phan-{n}.pdf", 19 * KB) for n in range(3)])  # each fits, not together
    assert police.locator("#tep-kem-theo-size").count() == 0 and files.get_attribute("aria-invalid") is None
    send.click()
    total = police.get_by_role("alert").filter(has_text="tổng cộng")
    assert "vượt quá 0,1 MB cho một lần gửi" in total.inner_text()
    assert police.url.endswith(f"/mot-cua/viec/{task_id}")
    assert police.get_by_label("Ý kiến của cơ quan phối hợp").input_value() == "Không có án tích."
    assert api.task("congan", POLICE_TASK, dossier_id) is not None  # still open

    files.set_input_files([_pdf("van-ban-tra-loi.pdf", 10 * KB)])
    assert total.count() == 0
    send.click()
    police.wait_for_selector("text=kèm 1 tệp: van-ban-tra-loi.pdf")


def test_a_file_stopped_in_the_browser_clears_the_messages_of_the_sending_before(
        officer, api, clock, clean_app):  # noqa: F811
    """The server refused the form (a choice missing); the officer fills it and picks a file too
    large: the sending is stopped here, and the server's messages about the earlier form go, so
    only what is wrong now is said."""
    _limit_files(clean_app, 20 / 1024)
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    task_id = api.task("congan", POLICE_TASK, dossier_id)["id"]
    police = officer("congan")
    police.goto(f"/mot-cua/viec/{task_id}")
    send = police.get_by_role("button", name=f"Hoàn thành «{POLICE_TASK}»")
    send.click()
    police.wait_for_selector("#tom-tat-loi")
    assert police.locator(".field-error[id$='-error']").count() > 0
    police.get_by_label("Không có án tích").check()
    police.get_by_label("Ý kiến của cơ quan phối hợp").fill("Không có án tích.")
    police.get_by_label("Có", exact=True).check()
    police.get_by_label("Văn bản, tài liệu kèm theo").set_input_files([_pdf("ban-quet-lon.pdf", 30 * KB)])
    send.click()
    police.wait_for_timeout(300)
    assert police.locator("#tom-tat-loi").count() == 0
    assert police.locator(".field-error[id$='-error']").count() == 0
    assert "ban-quet-lon.pdf" in police.locator("#tep-kem-theo-size").inner_text()
    assert police.locator("[aria-invalid='true']").count() == 1  # the file input alone
