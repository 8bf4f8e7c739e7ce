"""A scan kept across a correction (the signed carry field) can be taken off, and the same scan
chosen again is stored once: at counter intake and when the desk receives a paper supplement."""
from __future__ import annotations

import io
import re

from sqlalchemy import select

from tests.conftest import vn
from tests.web.pages import pdf_bytes
from tests.workspace.helpers import as_officer, html
from tests.workspace.test_desk_messages import _asked_at_reception, _form
from tests.workspace.test_intake import LLTP_FIELDS, _citizen_id

SCAN = pdf_bytes("CCCD hai mat")


def _carried(page: str) -> str:
    return re.search(r'name="tep_da_nhan" value="([^"]*)"', page).group(1)


def _files(app, dossier_id: int | None = None) -> list[tuple[str, str, bool]]:
    """(component, file name, superseded) of the dossier's files (the latest dossier when None)."""
    from app.db import db
    from app.dossiers.models import Dossier, DossierFile
    with app.app_context():
        if dossier_id is None:
            dossier_id = db.session.execute(select(Dossier.id).order_by(Dossier.id.desc())).scalars().first()
        rows = db.session.execute(select(DossierFile.component_code, DossierFile.file_name, DossierFile.superseded)
                                  .where(DossierFile.dossier_id == dossier_id).order_by(DossierFile.id)).all()
        db.session.remove()
    return [tuple(row) for row in rows]


def test_a_kept_scan_is_removable_and_the_same_scan_is_stored_once(client, clock, clean_app):
    clock.set(vn(2026, 11, 23, 9, 0))
    token = as_officer(client, "motcua")
    path = f"/mot-cua/tiep-nhan/{_citizen_id(clean_app, '001090000001')}/2.000488"
    fields = {"csrf_token": token, "nonce": "k-1", "hinh_thuc": "counter", "action": "submit", **LLTP_FIELDS}

    # The birthplace is missing: refused, the scan kept and offered for removal.
    first = client.post(path, data={**fields, "f.noi_sinh": "", "tep_da_nhan": "",
                                    "tep.GTTT": (io.BytesIO(SCAN), "plain.pdf")}, content_type="multipart/form-data")
    page = html(first)
    assert first.status_code == 422 and "plain.pdf" in page
    assert 'name="action" value="bo_tep:0">Bỏ tệp «plain.pdf»</button>' in page
    kept = _carried(page)

    # The same scan chosen again: still one file, and the page says why.
    again = client.post(path, data={**fields, "f.noi_sinh": "", "tep_da_nhan": kept,
                                    "tep.GTTT": (io.BytesIO(SCAN), "plain.pdf")}, content_type="multipart/form-data")
    page = html(again)
    assert again.status_code == 422 and page.count("Bỏ tệp «plain.pdf»") == 1
    assert "Tệp «plain.pdf» trùng nội dung với tệp đã có của thành phần này: không lưu thêm." in page
    kept = _carried(page)

    # Taken off: gone from the form, and the required component is missing again.
    removed = client.post(path, data={**fields, "tep_da_nhan": kept, "action": "bo_tep:0"},
                          content_type="multipart/form-data")
    page = html(removed)
    assert removed.status_code == 200 and "Đã bỏ tệp «plain.pdf»." in page and "Bỏ tệp «plain.pdf»" not in page
    assert 'value="Bình An"' in page  # what was typed stays
    empty = _carried(page)
    missing = client.post(path, data={**fields, "tep_da_nhan": empty}, content_type="multipart/form-data")
    assert missing.status_code == 422 and "Thiếu bản quét thành phần «Giấy tờ tùy thân" in html(missing)

    # An index that names nothing, or a forged one, changes nothing.
    for action in ("bo_tep:7", "bo_tep:-1", "bo_tep:x", "bo_tep:"):
        same = client.post(path, data={**fields, "tep_da_nhan": kept, "action": action},
                           content_type="multipart/form-data")
        assert same.status_code == 200 and "Bỏ tệp «plain.pdf»" in html(same), action

    # Entered with the kept scan and the same one chosen again (twice in one picker): stored once.
    done = client.post(path, data={**fields, "tep_da_nhan": kept,
                                   "tep.GTTT": [(io.BytesIO(SCAN), "plain.pdf"), (io.BytesIO(SCAN), "copy.pdf")],
                                   "tep.UQ": (io.BytesIO(SCAN), "uy-quyen.pdf")},
                       content_type="multipart/form-data")
    assert done.status_code == 303, html(done)
    # The same bytes under another component are that component's own file.
    assert _files(clean_app) == [("GTTT", "plain.pdf", False), ("UQ", "uy-quyen.pdf", False)]


def test_the_desk_supplement_keeps_removes_and_stores_a_scan_once(api, clock, client, clean_app):
    dossier_id = _asked_at_reception(api, clock)
    token = as_officer(client, "motcua")
    path = f"/mot-cua/ho-so/{dossier_id}/bo-sung"
    bad = client.post(path, data={**_form(token), "f.so_ban": "nhiều",
                                  "tep.GTTT": (io.BytesIO(SCAN), "hai-mat.pdf")}, content_type="multipart/form-data")
    page = html(bad)
    assert bad.status_code == 422 and 'value="bo_tep:0">Bỏ tệp «hai-mat.pdf»</button>' in page
    kept = _carried(page)
    removed = client.post(path, data={**_form(token), "tep_da_nhan": kept, "action": "bo_tep:0"},
                          content_type="multipart/form-data")
    assert "Đã bỏ tệp «hai-mat.pdf»." in html(removed) and "Bỏ tệp «hai-mat.pdf»" not in html(removed)
    done = client.post(path, data={**_form(token), "tep_da_nhan": kept,
                                   "tep.GTTT": (io.BytesIO(SCAN), "hai-mat.pdf")}, content_type="multipart/form-data")
    assert done.status_code == 303, html(done)
    current = [f for f in _files(clean_app, dossier_id) if f[0] == "GTTT" and not f[2]]
    assert current == [("GTTT", "hai-mat.pdf", False)]
