"""`motcua files sweep`: a blob no dossier file and no draft names, last stored more than the
given days ago, is listed, and removed with --delete; a blob named by a dossier or a draft, or
stored recently (a form still open carries it), is kept; storing the same content again makes
it recent."""
from __future__ import annotations

import os
import time
from datetime import datetime, timezone

from click.testing import CliRunner

from tests.conftest import vn
from tests.workspace.helpers import submit_lltp

DAY = 24 * 3600


def _age(app, key: str, days: float) -> None:
    path = app.config["MOTCUA_UPLOAD_DIR"] / key[:2] / key[2:4] / key
    os.utime(path, (time.time() - days * DAY,) * 2)


def test_only_old_blobs_nothing_names_are_swept(api, clock, clean_app, database_url, monkeypatch):
    from app.cli import main
    from app.db import db
    from app.dossiers.models import Dossier, DossierFile
    from app.files.storage import storage
    from app.portal.models import Draft
    from app.users.models import User
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    with clean_app.app_context():
        store = storage()
        filed, drafted, forgotten, recent, again = (store.put(f"blob {n}".encode()) for n in range(5))
        citizen = db.session.execute(db.select(User).filter_by(username="congdan")).scalar_one()
        db.session.add(DossierFile(dossier_id=dossier_id, component_code="GTTT", file_name="cccd.pdf",
                                   content_type="application/pdf", size=6, sha256=filed, storage_key=filed,
                                   uploaded_by_id=citizen.id, uploaded_at=vn(2026, 11, 23, 8, 0), source="submission"))
        procedure_id = db.session.get(Dossier, dossier_id).procedure_id
        db.session.add(Draft(owner_id=citizen.id, procedure_id=procedure_id, data={}, representation={},
                             files=[{"component_code": "GTTT", "storage_key": drafted}],
                             created_at=vn(2026, 11, 1, 8, 0), updated_at=vn(2026, 11, 1, 8, 0)))
        db.session.commit()
        for key in (filed, drafted, forgotten, again):
            _age(clean_app, key, 30)
        _age(clean_app, recent, 2)
        store.put(b"blob 4")  # `again`: the same content chosen again today

    monkeypatch.setenv("MOTCUA_UPLOAD_DIR", str(clean_app.config["MOTCUA_UPLOAD_DIR"]))
    runner = CliRunner()
    listed = runner.invoke(main, ["files", "sweep", "--db", database_url])
    assert listed.exit_code == 0, listed.output
    assert "Có 1 tệp không còn được dùng (0,0 MB), đã lưu quá 7 ngày; 2 tệp cũ hơn vẫn được dùng." in listed.output
    assert forgotten in listed.output and "--delete" in listed.output
    with clean_app.app_context():
        assert storage().exists(forgotten)  # only listed

    deleted = runner.invoke(main, ["files", "sweep", "--db", database_url, "--delete"])
    assert deleted.exit_code == 0 and "Đã xóa 1 tệp không còn được dùng" in deleted.output
    with clean_app.app_context():
        store = storage()
        assert not store.exists(forgotten)
        assert all(store.exists(key) for key in (filed, drafted, recent, again))
    shorter = runner.invoke(main, ["files", "sweep", "--db", database_url, "--days", "1"]).output
    assert "Có 1 tệp" in shorter and recent in shorter  # stored 2 days ago, named by nothing
    refused = runner.invoke(main, ["files", "sweep", "--db", database_url, "--days", "0"])
    assert refused.exit_code == 2 and "số ngày phải lớn hơn 0" in refused.output


def test_a_carried_file_swept_meanwhile_is_asked_for_again(client, clock, clean_app):
    """A counter intake left open past the sweep: the scan it carried is gone, so the form says
    to choose it again and does not accept the dossier without it."""
    import hashlib
    import io

    from tests.web.pages import pdf_bytes
    from tests.workspace.helpers import as_officer, html
    from tests.workspace.test_intake import LLTP_FIELDS, _citizen_id
    from tests.workspace.test_intake_kept_files import _carried
    scan = pdf_bytes("CCCD quet lau")
    clock.set(vn(2026, 11, 23, 9, 0))
    token = as_officer(client, "motcua")
    path = f"/mot-cua/tiep-nhan/{_citizen_id(clean_app, '001090000001')}/2.000488"
    fields = {"csrf_token": token, "nonce": "s-1", "hinh_thuc": "counter", "action": "submit", **LLTP_FIELDS}
    first = client.post(path, data={**fields, "f.noi_sinh": "", "tep_da_nhan": "",
                                    "tep.GTTT": (io.BytesIO(scan), "cccd.pdf")}, content_type="multipart/form-data")
    assert first.status_code == 422
    with clean_app.app_context():
        from app.files.storage import storage
        storage().delete(hashlib.sha256(scan).hexdigest())  # what the sweep does after --days
    again = client.post(path, data={**fields, "tep_da_nhan": _carried(html(first))}, content_type="multipart/form-data")
    page = html(again)
    assert again.status_code == 422
    assert "Tệp «cccd.pdf» được chọn đã quá lâu nên không còn được lưu trên máy chủ: vui lòng chọn lại tệp này." in page
    assert "Bỏ tệp «cccd.pdf»" not in page


def _draft_and_dossier(app, api, key: str) -> tuple[int, int, int]:
    """A dossier, and a draft of the citizen's naming `key`, saved a month ago; (dossier, draft,
    citizen) ids."""
    from app.db import db
    from app.dossiers.models import Dossier
    from app.portal.models import Draft
    from app.users.models import User
    dossier_id = submit_lltp(api)
    with app.app_context():
        citizen = db.session.execute(db.select(User).filter_by(username="congdan")).scalar_one()
        draft = Draft(owner_id=citizen.id, procedure_id=db.session.get(Dossier, dossier_id).procedure_id, data={},
                      representation={}, files=[{"component_code": "GTTT", "storage_key": key}],
                      created_at=vn(2026, 11, 1, 8, 0), updated_at=vn(2026, 11, 1, 8, 0))
        db.session.add(draft)
        db.session.commit()
        found = (dossier_id, draft.id, citizen.id)
        db.session.remove()
    return found


def test_a_draft_submitted_while_the_sweep_reads_keeps_its_files(api, clock, clean_app, monkeypatch):
    """The draft becomes a dossier (its key moves from the draft to the dossier's files in one
    transaction) right after the sweep's read of the references began: the key is in the one
    snapshot the sweep reads, so the blob stays."""
    from sqlalchemy import delete, insert

    from app.db import db
    from app.dossiers.models import DossierFile
    from app.files import sweep as sweeping
    from app.files.storage import storage
    from app.portal.models import Draft
    clock.set(vn(2026, 11, 23, 8, 0))
    with clean_app.app_context():
        key = storage().put(b"a scan submitted during the sweep")
    _age(clean_app, key, 30)
    dossier_id, draft_id, citizen_id = _draft_and_dossier(clean_app, api, key)
    real_execute, moved = db.session.execute, []

    def execute(*args, **kwargs):
        result = real_execute(*args, **kwargs)
        if not moved:  # the submission commits between the sweep's first read and anything after it
            moved.append(True)
            with db.engine.begin() as other:
                other.execute(insert(DossierFile).values(
                    dossier_id=dossier_id, component_code="GTTT", file_name="cccd.pdf", content_type="application/pdf",
                    size=33, sha256=key, storage_key=key, uploaded_by_id=citizen_id,
                    uploaded_at=vn(2026, 11, 23, 8, 0), source="submission"))
                other.execute(delete(Draft).where(Draft.id == draft_id))
        return result

    with clean_app.app_context():
        monkeypatch.setattr(db.session, "execute", execute)
        result = sweeping.sweep(storage(), datetime.now(timezone.utc), 7, delete=True)
        monkeypatch.undo()
        assert moved and key not in dict(result.unreferenced) and storage().exists(key)
        db.session.remove()


def test_a_blob_stored_again_after_the_listing_is_not_deleted(clock, clean_app, monkeypatch):
    """An old blob nothing names, chosen again on a form (put() renews it) after the sweep listed
    it: its age is looked at again before it is removed, so the form's file stays."""
    from app.files import sweep as sweeping
    from app.files.storage import storage
    content = b"an old scan chosen again"
    with clean_app.app_context():
        key = storage().put(content)
    _age(clean_app, key, 30)
    real_referenced = sweeping.referenced

    def referenced():
        found = real_referenced()
        storage().put(content)  # the citizen chooses the same file again now
        return found

    monkeypatch.setattr(sweeping, "referenced", referenced)
    with clean_app.app_context():
        result = sweeping.sweep(storage(), datetime.now(timezone.utc), 7, delete=True)
        assert key not in dict(result.unreferenced) and storage().exists(key)


def test_a_file_missing_from_the_store_answers_a_page_not_an_error(api, client, clock, clean_app):
    from app.db import db
    from app.dossiers.models import DossierFile
    from app.users.models import User
    from tests.web.pages import login
    from tests.workspace.helpers import as_officer, html
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    with clean_app.app_context():
        citizen = db.session.execute(db.select(User).filter_by(username="congdan")).scalar_one()
        row = DossierFile(dossier_id=dossier_id, component_code="GTTT", file_name="cccd.pdf",
                          content_type="application/pdf", size=6, sha256="ab" * 32, storage_key="ab" * 32,
                          uploaded_by_id=citizen.id, uploaded_at=vn(2026, 11, 23, 8, 0), source="submission")
        db.session.add(row)
        db.session.commit()
        file_id = row.id
        db.session.remove()
    login(client, "congdan")
    mine = client.get(f"/ho-so/{dossier_id}/tep/{file_id}")
    assert mine.status_code == 404 and "không còn trên máy chủ" in html(mine)
    officer = clean_app.test_client()
    as_officer(officer, "motcua")
    desk = officer.get(f"/mot-cua/ho-so/{dossier_id}/tep/{file_id}")
    assert desk.status_code == 404 and "không còn trên máy chủ" in html(desk)
