"""Officers find a dossier by a postal item number its history records: the envelope it arrived
in, and the one its result went back in (a citizen calling about a letter reads the number on
the slip); typed in any case, with spaces. The migration finds those already recorded."""
from __future__ import annotations

import io
import re

from sqlalchemy import text

from tests.conftest import vn
from tests.schema_at import agency_citizen_procedures, schema_at
from tests.web.pages import pdf_bytes
from tests.workspace.helpers import as_officer, html, processed
from tests.workspace.test_intake import LLTP_FIELDS, _citizen_id
from tests.workspace.test_return_choice import RETURN_TASK


def _found(client, q: str) -> list[str]:
    return re.findall(r'href="/mot-cua/ho-so/(\d+)"', html(client.get("/mot-cua/ho-so", query_string={"q": q})))


def test_a_dossier_is_found_by_the_item_number_it_came_in_and_went_back_in(client, clock, clean_app, api):
    clock.set(vn(2026, 11, 23, 9, 0))
    token = as_officer(client, "motcua")
    arrived = client.post(f"/mot-cua/tiep-nhan/{_citizen_id(clean_app, '001090000001')}/2.000488", data={
        "csrf_token": token, "nonce": "n-1", "hinh_thuc": "postal", "action": "submit", **LLTP_FIELDS,
        "so_buu_gui": "eb 123 456 789 vn", "tep.GTTT": (io.BytesIO(pdf_bytes()), "cccd.pdf")},
        content_type="multipart/form-data")
    assert arrived.status_code == 303
    dossier_id = re.search(r'href="/mot-cua/ho-so/(\d+)"', html(client.get(arrived.headers["Location"]))).group(1)
    assert _found(client, "EB123456789VN") == [dossier_id] and _found(client, "eb 123456789 vn") == [dossier_id]
    assert _found(client, "EB123456780VN") == []  # another item: nothing

    processed(api, int(dossier_id))
    task = api.task("motcua", RETURN_TASK, int(dossier_id))["id"]
    sent = client.post(f"/mot-cua/viec/{task}/xu-ly", data={
        "csrf_token": token, "action": "submit", "f.hinh_thuc_tra": "buu_chinh", "f.so_buu_gui": "RR987654321VN"})
    assert sent.status_code == 303
    assert _found(client, "RR987654321VN") == [dossier_id]
    as_officer(client, "congan")  # the police, consulted on it (liên thông), find it as they find it by code
    assert _found(client, "EB123456789VN") == [dossier_id]


def test_the_migration_records_the_item_numbers_already_in_the_history(tmp_path):
    from flask_migrate import downgrade, upgrade

    from app import MIGRATIONS_DIR
    from app.db import db
    with schema_at(tmp_path, "a1c3e5b7d9f2"):
        run = db.session.execute
        agency_citizen_procedures(run)
        run(text("INSERT INTO dossiers (id, owner_id, procedure_id, agency_id, applicant_name, channel, status, late,"
                 " submitted_at, counts_from, form_data, submission_key, process_id, process_version, workflow_state,"
                 " waiting_messages, version, created_at, updated_at) VALUES (1, 1, 1, 1, 'An', 'postal', 1, :f,"
                 " '2026-11-23 02:00:00', '2026-11-23 02:00:00', '{}', 'k', 'p', 'v', '{}', '[]', 1,"
                 " '2026-11-23 02:00:00', '2026-11-23 02:00:00')"), {"f": False})
        for kind, data in (("submitted", '{"so_buu_gui": "eb123456789vn", "hinh_thuc_tra": "buu_chinh"}'),
                           ("task_completed", '{"hinh_thuc_tra": "truc_tiep"}'),
                           ("task_completed", '{"so_buu_gui": "  "}'),
                           ("task_completed", '{"hinh_thuc_tra": "buu_chinh", "so_buu_gui": "RR 987654321 VN"}')):
            run(text("INSERT INTO dossier_events (dossier_id, at, kind, summary, data) VALUES"
                     " (1, '2026-11-23 02:00:00', :kind, 'x', :data)"), {"kind": kind, "data": data})
        db.session.commit()
        upgrade(directory=str(MIGRATIONS_DIR))
        assert run(text("SELECT dossier_id, number FROM postal_items ORDER BY id")).all() == [
            (1, "EB123456789VN"), (1, "RR987654321VN")]
        db.session.rollback()
        downgrade(directory=str(MIGRATIONS_DIR), revision="a1c3e5b7d9f2")
        upgrade(directory=str(MIGRATIONS_DIR))
