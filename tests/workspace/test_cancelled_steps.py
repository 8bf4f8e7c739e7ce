"""A step closed before anyone worked it (here the police consultation, when the leader agrees
to stop the dossier) is said to have ended unworked: on the timeline, on the control slip
(Mẫu 05) and to the consulted officer who opens it, never a row that just goes blank."""
from __future__ import annotations

import subprocess

from tests.conftest import vn
from tests.workspace.helpers import POLICE_TASK, accept, as_officer, html, stopped, submit_lltp

CLOSED = "Bước «Lấy ý kiến Công an tỉnh» được đóng lại, không còn phải xử lý"


def test_a_consultation_cut_short_by_a_stop_is_recorded_as_not_done(api, clock, client, tmp_path):
    clock.set(vn(2026, 11, 25, 9, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    police = api.task("congan", POLICE_TASK)
    clock.set(vn(2026, 11, 25, 10, 0))
    stopped(api, dossier_id)
    history = api.get(f"/dossiers/{dossier_id}", "motcua").get_json()["history"]
    cancelled = [e for e in history if e["kind"] == "task_cancelled"]
    # Only the police step: the specialist's and the leader's were completed, not cut short.
    assert len(cancelled) == 1 and POLICE_TASK in str(cancelled[0]), cancelled
    as_officer(client, "motcua")
    assert CLOSED in html(client.get(f"/mot-cua/ho-so/{dossier_id}"))
    path = tmp_path / "mau-05.pdf"
    path.write_bytes(client.get(f"/mot-cua/ho-so/{dossier_id}/giay-to/mau-05.pdf").data)
    # Read in reading order (not -layout), so the note's cell reads as one sentence.
    slip = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split())
    assert "Lấy ý kiến Công an tỉnh (không thực hiện: bước được đóng lại trước khi xử lý)" in slip
    as_officer(client, "congan")
    page = " ".join(html(client.get(f"/mot-cua/viec/{police['id']}")).split())
    assert "bước được đóng lại trước khi có người xử lý" in page
