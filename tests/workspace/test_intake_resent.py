"""Counter intake sent again: under the same one-time value (nonce) with the same content it is
the dossier already entered, said so; with other content it is refused with what was typed kept,
never answered with the first dossier; and a form without a usable one-time value is refused,
never keyed on an empty one that every such form would share."""
from __future__ import annotations

import io
import re

import pytest
from sqlalchemy import func, select

from tests.conftest import vn
from tests.web.pages import pdf_bytes
from tests.workspace.helpers import as_officer, html
from tests.workspace.test_intake import LLTP_FIELDS, _citizen_id

SCAN, OTHER_SCAN = pdf_bytes("CCCD"), pdf_bytes("CCCD cua nguoi khac")


@pytest.fixture()
def desk(client, clock, clean_app):
    """The counter's form for the demo citizen: its path and fields (with the page's nonce)."""
    clock.set(vn(2026, 11, 23, 9, 0))
    token = as_officer(client, "motcua")
    path = f"/mot-cua/tiep-nhan/{_citizen_id(clean_app, '001090000001')}/2.000488"
    nonce = re.search(r'name="nonce" value="([^"]+)"', html(client.get(path))).group(1)
    return path, {"csrf_token": token, "nonce": nonce, "hinh_thuc": "counter", "action": "submit",
                  "tep_da_nhan": "", **LLTP_FIELDS}


def _send(client, path, fields, scan=SCAN, name="cccd.pdf"):
    return client.post(path, data={**fields, "tep.GTTT": (io.BytesIO(scan), name)}, content_type="multipart/form-data")


def _dossiers(app) -> list[dict]:
    from app.db import db
    from app.dossiers.models import Dossier
    with app.app_context():
        rows = db.session.execute(select(Dossier.form_data).order_by(Dossier.id)).scalars().all()
        db.session.remove()
    return rows


def _file_count(app) -> int:
    from app.db import db
    from app.dossiers.models import DossierFile
    with app.app_context():
        value = db.session.execute(select(func.count()).select_from(DossierFile)).scalar()
        db.session.remove()
    return value


def test_the_same_form_sent_again_is_the_dossier_already_entered(client, clean_app, desk):
    path, fields = desk
    done = _send(client, path, fields)
    assert "Đã nhập hồ sơ trực tiếp tại quầy" in html(client.get(done.headers["Location"]))
    again = _send(client, path, fields)  # the browser resends the page: the same bytes
    assert done.status_code == again.status_code == 303
    assert again.headers["Location"] == done.headers["Location"]
    assert len(_dossiers(clean_app)) == 1 and _file_count(clean_app) == 1
    page = html(client.get(again.headers["Location"]))
    assert "Biểu mẫu này đã được gửi lúc 09:00 ngày 23/11/2026 và đã nhập thành hồ sơ" in page
    assert "không tạo hồ sơ mới" in page and "Đã nhập hồ sơ" not in page


def test_the_same_form_sent_again_with_other_content_is_refused_and_kept(client, clean_app, desk):
    path, fields = desk
    assert _send(client, path, fields).status_code == 303
    changed = {**fields, "f.muc_dich": "Du học", "f.so_ban": "2"}
    refused = _send(client, path, changed, OTHER_SCAN, "cccd-moi.pdf")
    page = html(refused)
    assert refused.status_code == 409
    assert re.search(r"Biểu mẫu này đã được gửi lúc 09:00 ngày 23/11/2026 và đã nhập thành hồ sơ số \d+, nhưng "
                     r"nội dung vừa gửi khác với hồ sơ đó nên chưa được ghi", page)
    assert "Du học" in page and "cccd-moi.pdf" in page  # what was typed and scanned is on the page
    assert [d["muc_dich"] for d in _dossiers(clean_app)] == ["Xin việc"] and _file_count(clean_app) == 1
    # The page has a new one-time value: sent once more, the changed form is a dossier of its own.
    nonce = re.search(r'name="nonce" value="([^"]+)"', page).group(1)
    carried = re.search(r'name="tep_da_nhan" value="([^"]+)"', page).group(1)
    assert nonce != fields["nonce"]
    entered = client.post(path, data={**changed, "nonce": nonce, "tep_da_nhan": carried},
                          content_type="multipart/form-data")
    assert entered.status_code == 303
    assert [d["muc_dich"] for d in _dossiers(clean_app)] == ["Xin việc", "Du học"] and _file_count(clean_app) == 2


@pytest.mark.parametrize("nonce", [None, "", "a" * 65, "mã có dấu"])
def test_a_form_without_a_usable_nonce_is_refused_and_kept(client, clean_app, desk, nonce):
    path, fields = desk
    fields = {k: v for k, v in fields.items() if k != "nonce"} | ({} if nonce is None else {"nonce": nonce})
    for purpose in ("Xin việc", "Du học"):  # two forms sent so: neither becomes the other's dossier
        refused = _send(client, path, {**fields, "f.muc_dich": purpose})
        page = html(refused)
        assert refused.status_code == 422
        assert "Biểu mẫu gửi lên thiếu mã nhận diện lần gửi hoặc mã không hợp lệ" in page
        assert purpose in page and "cccd.pdf" in page
        given = re.search(r'name="nonce" value="([^"]*)"', page).group(1)
        assert re.fullmatch(r"[A-Za-z0-9_-]{16,64}", given)  # a new one, to send the form with
    assert _dossiers(clean_app) == []


def _fresh_nonce(client, path) -> str:
    return re.search(r'name="nonce" value="([^"]+)"', html(client.get(path))).group(1)


def test_the_same_content_sent_again_under_a_fresh_nonce_is_the_dossier_already_entered(client, clean_app, desk):
    """Back re-renders the form with a new one-time value while the browser restores the typed
    fields and the chosen scan; a double click sends twice. Neither makes a second dossier."""
    path, fields = desk
    done = _send(client, path, fields)
    for _ in range(2):  # Back then send; a double click
        again = _send(client, path, {**fields, "nonce": _fresh_nonce(client, path)})
        assert again.status_code == 303 and again.headers["Location"] == done.headers["Location"]
        page = html(client.get(again.headers["Location"]))
        assert "Biểu mẫu này đã được gửi lúc 09:00 ngày 23/11/2026 và đã nhập thành hồ sơ" in page
        assert "không tạo hồ sơ mới" in page
    assert len(_dossiers(clean_app)) == 1 and _file_count(clean_app) == 1
    # Another scan (or other content) under a fresh nonce is another dossier.
    other = _send(client, path, {**fields, "nonce": _fresh_nonce(client, path)}, OTHER_SCAN)
    assert other.status_code == 303 and other.headers["Location"] != done.headers["Location"]
    assert len(_dossiers(clean_app)) == 2


def test_the_same_content_after_the_dedup_window_is_a_new_dossier(client, clean_app, clock, desk):
    path, fields = desk
    assert _send(client, path, fields).status_code == 303
    clock.set(vn(2026, 11, 23, 9, 11))
    assert _send(client, path, {**fields, "nonce": _fresh_nonce(client, path)}).status_code == 303
    assert len(_dossiers(clean_app)) == 2


def test_the_same_form_for_another_principal_is_another_dossier(client, clean_app, desk):
    """Who the dossier is for is part of what was sent: the same scans brought for someone else
    under a fresh one-time value are a dossier of their own, and under the same value refused."""
    path, fields = desk
    authorisation = pdf_bytes("Uy quyen")

    def send(principal, nonce):
        return client.post(path, data={**fields, "nonce": nonce, "dai_dien": "person", **principal,
                                       "tep.GTTT": (io.BytesIO(SCAN), "cccd.pdf"),
                                       "tep.UQ": (io.BytesIO(authorisation), "uy-quyen.pdf")},
                           content_type="multipart/form-data")

    bay = {"dai_dien_ho_ten": "Trần Văn Bảy", "dai_dien_cccd": "001085000777"}
    tam = {"dai_dien_ho_ten": "Lê Thị Tám", "dai_dien_cccd": "001085000888"}
    first = send(bay, fields["nonce"])
    assert first.status_code == 303
    assert send(tam, fields["nonce"]).status_code == 409
    other = send(tam, _fresh_nonce(client, path))
    assert other.status_code == 303 and other.headers["Location"] != first.headers["Location"]
    same = send(bay, _fresh_nonce(client, path))  # the first again: still the first dossier
    assert same.status_code == 303 and same.headers["Location"] == first.headers["Location"]
    assert len(_dossiers(clean_app)) == 2
