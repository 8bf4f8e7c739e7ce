"""A draft open in two tabs, the older page saved or submitted after the other tab saved other
fields: the other tab's fields stay, the older page's are shown back to it with what happened
(nothing either typed is lost), its files are kept, and a second «Lưu nháp» saves it on purpose."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from tests.conftest import vn
from tests.web.pages import csrf, pdf_bytes, upload
from tests.web.test_draft_saves import two_tabs
from tests.web.test_portal import APPLY, VALID, _post

STALE = "đã được lưu từ một cửa sổ khác lúc 09:05 ngày 23/11/2026, sau khi trang này được mở"


def _fields(client) -> dict:
    html = client.get(APPLY).get_data(as_text=True)
    return {"csrf_token": csrf(client, APPLY), **VALID,
            **dict(re.findall(r'name="(draft_id|revision)" value="(\d+)"', html))}


@pytest.fixture()
def tabs(client, clean_app, clock):
    """The citizen's draft open in two tabs, each page as it was when opened."""
    client, other = two_tabs(client, clean_app, clock)
    return (client, _fields(client)), (other, _fields(other))


def _stored(app):
    from app.db import db
    from app.dossiers.models import Dossier
    from app.portal.models import Draft
    with app.app_context():
        draft = db.session.execute(select(Draft)).scalar_one()
        kept = draft.data["so_ban"], [f["file_name"] for f in draft.files], draft.revision
        dossiers = db.session.execute(select(func.count()).select_from(Dossier)).scalar()
        db.session.remove()
    return kept, dossiers


def _number_shown(html: str) -> str:
    return re.search(r'name="f.so_ban"[^>]*value="(\d+)"', html).group(1)


def test_an_older_page_saved_after_another_tab_keeps_both_then_saves_on_purpose(tabs, clean_app, clock):
    (first, fields), (other, other_fields) = tabs
    clock.set(vn(2026, 11, 23, 9, 5))
    assert _post(other, APPLY, {**other_fields, "f.so_ban": "2", "action": "save"}).status_code == 303
    clock.set(vn(2026, 11, 23, 9, 9))
    answer = _post(first, APPLY, {**fields, "f.so_ban": "3", "action": "save",
                                  "tep.GTTT": upload(pdf_bytes("Mat truoc"), "mat-truoc.pdf")})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 409 and STALE in page
    assert _number_shown(page) == "3"  # what this page sent, shown back to it
    assert "Đã đính kèm tệp «mat-truoc.pdf»" in page  # its file is kept all the same
    (number, files, revision), _ = _stored(clean_app)
    assert (number, files) == (2, ["mat-truoc.pdf"])  # the other tab's fields stay
    shown = re.search(r'name="revision" value="(\d+)"', page).group(1)
    assert int(shown) == revision  # the page now knows the draft as it is
    # «Lưu nháp» again: this page's fields, on purpose.
    again = _post(first, APPLY, {**fields, "revision": shown, "f.so_ban": "3", "action": "save"})
    assert again.status_code == 303
    assert _stored(clean_app)[0][:2] == (3, ["mat-truoc.pdf"])
    # The other tab, now the older page, is told in its turn.
    assert _post(other, APPLY, {**other_fields, "revision": str(revision), "f.so_ban": "4",
                                "action": "save"}).status_code == 409


def test_an_older_page_is_not_submitted_over_another_tabs_save(tabs, clean_app, clock):
    (first, fields), (other, other_fields) = tabs
    clock.set(vn(2026, 11, 23, 9, 5))
    assert _post(other, APPLY, {**other_fields, "f.so_ban": "2", "action": "save"}).status_code == 303
    answer = _post(first, APPLY, {**fields, "f.so_ban": "3", "action": "submit"})
    assert answer.status_code == 409 and STALE in answer.get_data(as_text=True)
    assert _stored(clean_app) == ((2, [], 1), 0)  # no dossier; the other tab's fields stay


def test_the_same_fields_sent_from_an_older_page_or_twice_are_no_conflict(tabs, clean_app):
    (first, fields), (other, other_fields) = tabs
    for client, sent in ((other, other_fields), (first, fields), (first, fields)):
        assert _post(client, APPLY, {**sent, "f.so_ban": "2", "action": "save"}).status_code == 303
    assert _stored(clean_app)[0] == (2, [], 1)  # one change of the fields, one revision
