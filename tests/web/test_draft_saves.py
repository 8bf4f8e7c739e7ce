"""Saves of one application draft that meet (two tabs, a resent request): none loses a file
another kept, a file sent twice is attached once, a stale tab's remove button takes off only the
file it names, and "file attached" is said only of a file the draft keeps.

The meeting is forced, not timed: the first save is held after it read the draft and before it
writes, while the other request runs whole in a thread of its own (its own app context and
database session, as a second worker would)."""
from __future__ import annotations

import re
import threading

import pytest
from sqlalchemy import select

from tests.conftest import vn
from tests.web.pages import csrf, login, pdf_bytes, upload
from tests.web.test_portal import APPLY, VALID, _post, _start

FRONT, BACK = pdf_bytes("Mat truoc"), pdf_bytes("Mat sau")


def two_tabs(client, clean_app, clock):
    """The citizen logged in on two clients (two tabs, two devices) at 09:00 Monday 23/11/2026."""
    clock.set(vn(2026, 11, 23, 9, 0))
    login(client, "congdan")
    other = clean_app.test_client()
    login(other, "congdan")
    return client, other


@pytest.fixture()
def tabs(client, clean_app, clock):
    """The citizen's draft open in two tabs (each its own client): their form fields."""
    client, other = two_tabs(client, clean_app, clock)
    first = _start(client)
    second = {**first, "csrf_token": csrf(other, APPLY)}
    return (client, {**first, **VALID}), (other, {**second, **VALID})


def _draft_files(app) -> list[str]:
    from app.db import db
    from app.portal.models import Draft
    with app.app_context():
        files = db.session.execute(select(Draft.files)).scalars().all()
        db.session.remove()
    return [f["file_name"] for draft in files for f in draft]


def _meanwhile(monkeypatch, request):
    """Make `request` (a callable returning a response) run whole, in a thread, after the next
    save has read the draft and before it writes: as if two saves were sent at once."""
    from app.portal import apply
    read = apply.read_uploads
    answers = []

    def held(procedure):
        monkeypatch.setattr(apply, "read_uploads", read)  # only the first save is held
        worker = threading.Thread(target=lambda: answers.append(request()))
        worker.start()
        worker.join()
        return read(procedure)

    monkeypatch.setattr(apply, "read_uploads", held)
    return answers


def _page(client) -> str:
    return client.get(APPLY).get_data(as_text=True)


def test_two_saves_at_once_each_with_a_file_keep_both(tabs, clean_app, monkeypatch):
    (first, fields), (other, other_fields) = tabs
    answers = _meanwhile(monkeypatch, lambda: _post(other, APPLY, {
        **other_fields, "f.so_ban": "2", "action": "save", "tep.GTTT": upload(BACK, "mat-sau.pdf")}))
    response = _post(first, APPLY, {**fields, "f.so_ban": "3", "action": "save",
                                    "tep.GTTT": upload(FRONT, "mat-truoc.pdf")})
    assert response.status_code == 303 and answers[0].status_code == 303
    assert sorted(_draft_files(clean_app)) == ["mat-sau.pdf", "mat-truoc.pdf"]
    page = _page(first)
    assert "Đã đính kèm tệp «mat-truoc.pdf»" in page and "Bỏ tệp «mat-sau.pdf»" in page
    assert re.search(r'name="f.so_ban"[^>]*value="3"', page)  # the later save of the whole form sets the fields


def test_a_save_sent_again_attaches_its_file_once(tabs, clean_app):
    (client, fields), _ = tabs
    for _ in range(2):  # the browser resends the request (a retry, a page sent again)
        assert _post(client, APPLY, {**fields, "action": "save",
                                     "tep.GTTT": upload(FRONT, "mat-truoc.pdf")}).status_code == 303
    assert _draft_files(clean_app) == ["mat-truoc.pdf"]
    page = _page(client)
    assert "Tệp «mat-truoc.pdf» trùng nội dung với tệp đã có của thành phần này: không lưu thêm." in page
    # The same content for another component is that component's own file.
    assert _post(client, APPLY, {**fields, "dai_dien": "person", "action": "save",
                                 "tep.UQ": upload(FRONT, "uy-quyen.pdf")}).status_code == 303
    assert _draft_files(clean_app) == ["mat-truoc.pdf", "uy-quyen.pdf"]


def test_a_stale_tab_removes_only_the_file_its_button_names(tabs, clean_app):
    (first, fields), (other, other_fields) = tabs
    _post(first, APPLY, {**fields, "action": "save", "tep.GTTT": [upload(FRONT, "mat-truoc.pdf"),
                                                                  upload(BACK, "mat-sau.pdf")]})
    stale = _page(first)  # this tab shows both files
    buttons = dict(re.findall(r'value="(bo_tep:[^"]+)">Bỏ tệp «([^»]+)»', stale))
    by_name = {name: action for action, name in buttons.items()}
    assert set(by_name) == {"mat-truoc.pdf", "mat-sau.pdf"}
    # The other tab takes the front side off: the back side moves up to the first place.
    assert _post(other, APPLY, {**other_fields, "action": by_name["mat-truoc.pdf"]}).status_code == 303
    assert _draft_files(clean_app) == ["mat-sau.pdf"]
    # The stale tab's button for the front side (the first place) does not take the back side off.
    assert _post(first, APPLY, {**fields, "action": by_name["mat-truoc.pdf"]}).status_code == 303
    assert _draft_files(clean_app) == ["mat-sau.pdf"]
    # Its button for the back side (the second place, gone) still takes off the back side.
    assert _post(first, APPLY, {**fields, "action": by_name["mat-sau.pdf"]}).status_code == 303
    assert _draft_files(clean_app) == []


def test_a_save_that_comes_after_the_submission_says_its_file_was_not_attached(tabs, clean_app, monkeypatch):
    (first, fields), (other, other_fields) = tabs
    _post(first, APPLY, {**fields, "action": "save", "tep.GTTT": upload(FRONT, "mat-truoc.pdf")})
    first.get(APPLY)  # the flashes of that save read
    answers = _meanwhile(monkeypatch, lambda: _post(other, APPLY, {**other_fields, "action": "submit"}))
    late = _post(first, APPLY, {**fields, "action": "save", "tep.UQ": upload(BACK, "uy-quyen.pdf")})
    assert answers[0].status_code == 303 and "/ho-so/" in answers[0].headers["Location"]
    assert late.status_code == 303 and late.headers["Location"] == answers[0].headers["Location"]
    page = first.get(late.headers["Location"]).get_data(as_text=True)
    assert "Đã đính kèm tệp «uy-quyen.pdf»" not in page
    assert "thông tin và tệp vừa gửi chưa được ghi vào đâu" in page


def test_a_submission_sends_its_own_tab_and_a_save_right_after_it_finds_the_dossier(tabs, clean_app, monkeypatch):
    """One tab submits while the other saves: the other's save runs whole right after the
    submitting request's first commit once it holds the draft. Saved, committed and locked again
    apart, the submission was made of the other tab's fields and files, its own lost; saved and
    submitted in one transaction, the dossier is what the submitting tab sent, and the late save
    finds the dossier (the draft is gone: it is sent there, as a resent submission is)."""
    from app.db import db
    from app.dossiers.models import Dossier, DossierFile
    from app.portal import apply
    (first, fields), (other, other_fields) = tabs
    main, lock_draft, commit = threading.get_ident(), apply.drafts.lock_draft, db.session.commit
    holding, answers = [], []

    def locking(user, draft_id):
        if threading.get_ident() == main:
            holding.append(True)
        return lock_draft(user, draft_id)

    def committing():
        commit()
        if threading.get_ident() == main and holding and not answers:
            worker = threading.Thread(target=lambda: answers.append(_post(other, APPLY, {
                **other_fields, "f.so_ban": "5", "action": "save", "tep.GTTT": upload(BACK, "mat-sau.pdf")})))
            worker.start()
            worker.join()

    monkeypatch.setattr(apply.drafts, "lock_draft", locking)
    monkeypatch.setattr(db.session, "commit", committing)
    sent = _post(first, APPLY, {**fields, "f.so_ban": "3", "action": "submit",
                                "tep.GTTT": upload(FRONT, "mat-truoc.pdf")})
    monkeypatch.undo()
    assert sent.status_code == 303 and "/ho-so/" in sent.headers["Location"], sent.get_data(as_text=True)
    with clean_app.app_context():
        dossier = db.session.execute(select(Dossier)).scalar_one()
        names = db.session.execute(select(DossierFile.file_name).where(DossierFile.dossier_id == dossier.id)).scalars().all()
        copies = dossier.form_data["so_ban"]
        db.session.remove()
    assert (copies, names) == (3, ["mat-truoc.pdf"])
    late = answers[0]
    assert late.status_code == 303 and late.headers["Location"] == sent.headers["Location"]
    page = other.get(late.headers["Location"]).get_data(as_text=True)
    assert "Hồ sơ này đã được gửi trước đó" in page and _draft_files(clean_app) == []
    assert "thông tin và tệp vừa gửi chưa được ghi vào đâu" in page  # its 5 copies and file are not in it


def test_a_submission_refused_keeps_what_the_tab_sent(tabs, clean_app, monkeypatch):
    """The submission refused after the save (the procedure closed a moment ago, say): its
    rollback would take the save with it, so the save is made again and kept."""
    from app.dossiers.errors import Conflict
    from app.portal import apply
    (first, fields), _ = tabs

    def refused(*args, **kwargs):
        raise Conflict("Thủ tục này tạm ngừng tiếp nhận hồ sơ trực tuyến.")

    monkeypatch.setattr(apply, "submit", refused)
    sent = _post(first, APPLY, {**fields, "f.so_ban": "4", "action": "submit", "tep.GTTT": upload(FRONT, "mat-truoc.pdf")})
    assert sent.status_code == 422 and "tạm ngừng tiếp nhận" in sent.get_data(as_text=True)
    assert _draft_files(clean_app) == ["mat-truoc.pdf"]
    assert re.search(r'name="f.so_ban"[^>]*value="4"', _page(first))


def test_a_draft_deleted_in_another_tab_keeps_what_this_tab_sends(tabs, clean_app):
    """The dossiers page deletes the draft while the form is open elsewhere: the form's next save
    goes into a new draft of the procedure, said so, with what was typed and chosen."""
    (first, fields), (other, other_fields) = tabs
    draft_id = fields["draft_id"]
    token = csrf(other, "/ho-so")
    assert other.post(f"/ho-so/nhap/{draft_id}/xoa", data={"csrf_token": token}).status_code == 303
    saved = _post(first, APPLY, {**fields, "action": "save", "f.ho_ten_nguoi_duoc_cap": "Trần Văn Mới",
                                 "tep.GTTT": upload(FRONT, "mat-truoc.pdf")})
    assert saved.status_code == 303
    page = first.get(saved.headers["Location"]).get_data(as_text=True)
    assert "đã được ghi vào bản nháp đang soạn của thủ tục này" in page and "chưa được ghi vào đâu" not in page
    assert "Trần Văn Mới" in page and _draft_files(clean_app) == ["mat-truoc.pdf"]
    assert re.search(r'name="draft_id" value="(\d+)"', page).group(1) != draft_id


@pytest.mark.parametrize("draft_id", ["99999999999999999999999", "-3", "abc"])
def test_a_draft_number_no_row_can_have_is_a_draft_gone(tabs, clean_app, draft_id):
    """A tampered page (a number past any id column): what it sends goes into the procedure's
    draft as for a draft deleted elsewhere, never a server error."""
    (first, fields), _ = tabs
    saved = _post(first, APPLY, {**fields, "draft_id": draft_id, "action": "save",
                                 "f.ho_ten_nguoi_duoc_cap": "Trần Văn Mới"})
    assert saved.status_code == 303
    page = first.get(saved.headers["Location"]).get_data(as_text=True)
    assert "Trần Văn Mới" in page


def test_a_submission_sent_again_while_the_first_runs_is_told_it_is_in(tabs, clean_app, monkeypatch):
    """A retried «Nộp hồ sơ» (a slow network) arriving while the first makes the dossier: the same
    application, so the citizen is shown the dossier, not told what they sent was lost."""
    (first, fields), _ = tabs
    _post(first, APPLY, {**fields, "action": "save", "tep.GTTT": upload(FRONT, "mat-truoc.pdf")})
    first.get(APPLY)
    answers = _meanwhile(monkeypatch, lambda: _post(first, APPLY, {**fields, "action": "submit"}))
    again = _post(first, APPLY, {**fields, "action": "submit"})
    assert answers[0].status_code == 303 and "/ho-so/" in answers[0].headers["Location"]
    assert again.status_code == 303 and again.headers["Location"] == answers[0].headers["Location"]
    page = first.get(again.headers["Location"]).get_data(as_text=True)
    assert "Hồ sơ này đã được gửi trước đó" in page and "chưa được ghi vào đâu" not in page
