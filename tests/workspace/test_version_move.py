"""QT-26: the administrator moves the dossiers stuck on a broken diagram version to the fixed one,
from the procedures page (preview, then a confirmed POST) or with `motcua dossiers move-version`;
a dossier whose current wait is gone from the fixed diagram stays, with the reason."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from tests.api.test_lifecycle import ACCEPT, APPRAISE, APPROVE, BAN_SAO as CODE, BAN_SAO_FORM, RETURN, pay, submit
from tests.conftest import vn
from tests.engine.test_migration import BAN_SAO as PROCESS, broken, renamed, shipped
from tests.web.pages import csrf, login
from tests.workspace.helpers import html

MOVE_TITLE = "Chuyển các hồ sơ đang chạy sang phiên bản hiện hành"


def _stored(app, dossier_id: int):
    from app.db import db
    from app.dossiers.models import Dossier, DossierEvent, OpenTask
    with app.app_context():
        dossier = db.session.get(Dossier, dossier_id)
        events = db.session.execute(select(DossierEvent).where(DossierEvent.dossier_id == dossier_id)
                                    .order_by(DossierEvent.id)).scalars().all()
        tasks = db.session.execute(select(OpenTask).where(OpenTask.dossier_id == dossier_id,
                                                          OpenTask.closed_at.is_(None))).scalars().all()
        found = (dossier.process_version, [(e.kind, e.data, e.summary, e.actor_id) for e in events],
                 [(t.id, t.name, t.claimed_by_id, t.due_at) for t in tasks])
        db.session.remove()
    return found


def _stuck_and_waiting(api, clock, diagrams) -> tuple[str, int, int, dict]:
    """Two dossiers on the broken version: one whose appraisal (3 copies) fails at the gateway,
    its task claimed by the specialist; one accepted and waiting for its fee."""
    clock.set(vn(2026, 11, 23, 8, 0))
    old = diagrams(broken())
    stuck = submit(api, CODE, {**BAN_SAO_FORM, "so_ban": 3})["id"]
    waiting = submit(api, CODE, BAN_SAO_FORM)["id"]
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT, dossier=stuck)
    pay(api, stuck)
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT, dossier=waiting)
    clock.set(vn(2026, 11, 23, 10, 0))
    task = api.task("chuyenvien", "Thẩm định hồ sơ", stuck)
    assert api.post(f"/tasks/{task['id']}/claim", "chuyenvien").status_code == 200
    refused = api.post(f"/tasks/{task['id']}/complete", "chuyenvien", json={"data": APPRAISE})
    assert refused.status_code == 409 and "Gateway_tham_dinh" in refused.get_json()["error"]["message"]
    return old, stuck, waiting, task


@pytest.mark.rule("QT-26")
def test_the_administrator_moves_stuck_dossiers_to_the_fixed_version(clean_app, clock, api, diagrams, database_url):
    old, stuck, waiting, task = _stuck_and_waiting(api, clock, diagrams)
    _, _, before_tasks = _stored(clean_app, stuck)
    # The analyst fixes the gateway; the fee wait is drawn again too (a new element id).
    clock.set(vn(2026, 11, 23, 11, 0))
    new = diagrams(renamed(shipped(), "Event_cho_nop_phi", "Event_cho_nop_phi_moi"))
    assert new != old

    client = clean_app.test_client()
    login(client, "admin")
    page = html(client.get(f"/mot-cua/quy-trinh/{PROCESS}?phien_ban={old}"))
    assert MOVE_TITLE in page and f"/mot-cua/quy-trinh/{PROCESS}/chuyen-phien-ban?phien_ban={old}" in page
    assert MOVE_TITLE not in html(client.get(f"/mot-cua/quy-trinh/{PROCESS}"))  # the current version: nothing to move
    preview_url = f"/mot-cua/quy-trinh/{PROCESS}/chuyen-phien-ban?phien_ban={old}"
    preview = html(client.get(preview_url))
    codes = {d: api.get(f"/dossiers/{d}", "motcua").get_json()["code"] for d in (stuck, waiting)}
    rows = {d: re.search(rf'<tr id="ho-so-{d}">.*?</tr>', preview, re.S).group(0) for d in (stuck, waiting)}
    assert codes[stuck] in rows[stuck] and "<strong>chuyển được</strong>" in rows[stuck]
    assert codes[waiting] in rows[waiting] and "không chuyển được" in rows[waiting]
    assert "«Chờ công dân nộp phí» (Event_cho_nop_phi)" in rows[waiting]
    assert "2 hồ sơ đang chạy trên phiên bản " + old[:10] + ": 1 hồ sơ chuyển được." in preview
    assert f'data-confirm="Chuyển 1 hồ sơ đang chạy trên phiên bản {old[:10]} sang phiên bản hiện hành {new[:10]}?' \
        in preview
    assert _stored(clean_app, stuck)[0] == old  # a preview writes nothing

    # Only administrators; only with the form's CSRF token.
    other = clean_app.test_client()
    login(other, "chuyenvien")
    assert other.get(preview_url).status_code == 403
    form = {"phien_ban": old, "den_phien_ban": new}
    assert other.post(f"/mot-cua/quy-trinh/{PROCESS}/chuyen-phien-ban",
                      data={**form, "csrf_token": csrf(other, "/mot-cua")}).status_code == 403
    assert client.post(f"/mot-cua/quy-trinh/{PROCESS}/chuyen-phien-ban", data=form).status_code == 400
    assert _stored(clean_app, stuck)[0] == old
    # A diagram saved again since the preview: nothing moves, the list is shown again.
    token = csrf(client, preview_url)
    response = client.post(f"/mot-cua/quy-trinh/{PROCESS}/chuyen-phien-ban",
                           data={**form, "den_phien_ban": old, "csrf_token": token})
    assert response.status_code == 303 and _stored(clean_app, stuck)[0] == old

    clock.set(vn(2026, 11, 23, 11, 30))
    response = client.post(f"/mot-cua/quy-trinh/{PROCESS}/chuyen-phien-ban", data={**form, "csrf_token": token})
    assert response.status_code == 303 and response.headers["Location"].endswith(preview_url)
    after = html(client.get(preview_url))
    assert f"Đã chuyển 1 hồ sơ sang phiên bản {new[:10]}." in after
    assert "1 hồ sơ không chuyển được" in after and f'<tr id="ho-so-{stuck}">' not in after
    assert f'<tr id="ho-so-{waiting}">' in after

    # The moved dossier: its version, the version's XML kept, the event, the same task still claimed.
    version, events, tasks = _stored(clean_app, stuck)
    assert version == new
    kind, data, summary, actor = events[-1]
    assert kind == "version_moved" and data == {"from": old, "to": new} and actor is not None
    assert summary.startswith(f"Chuyển hồ sơ sang phiên bản {new[:10]} của sơ đồ quy trình (từ phiên bản {old[:10]})")
    assert tasks == before_tasks and tasks[0][0] == task["id"] and tasks[0][2] is not None
    from app.db import db
    from app.workflow.models import ProcessVersionRecord
    with clean_app.app_context():
        assert db.session.get(ProcessVersionRecord, (PROCESS, new)).xml.decode("utf-8") == \
            renamed(shipped(), "Event_cho_nop_phi", "Event_cho_nop_phi_moi")
        db.session.remove()
    assert _stored(clean_app, waiting)[0] == old  # the other one stays, with its reason
    timeline = html(client.get(f"/mot-cua/ho-so/{stuck}"))
    assert f"Chuyển hồ sơ sang phiên bản {new[:10]}" in timeline
    # Housekeeping: not on the applicant's page nor in the API as they read it, and the public
    # lookup does not count the administrator's agency among those that handled the dossier.
    assert "version_moved" in [e["kind"] for e in api.get(f"/dossiers/{stuck}", "motcua").get_json()["history"]]
    assert "version_moved" not in [e["kind"] for e in api.get(f"/dossiers/{stuck}", "congdan").get_json()["history"]]
    applicant = clean_app.test_client()
    login(applicant, "congdan")
    assert "Chuyển hồ sơ sang phiên bản" not in html(applicant.get(f"/ho-so/{stuck}"))
    public = clean_app.test_client().get(f"/api/v1/lookup/{codes[stuck]}").get_json()
    assert "Ủy ban nhân dân tỉnh Bình An" not in str(public) and "Sở Tư pháp tỉnh Bình An" in str(public)

    # The specialist finds the step in their inbox, still theirs, and it goes on now.
    specialist = clean_app.test_client()
    login(specialist, "chuyenvien")
    inbox = html(specialist.get("/mot-cua?tab=cua-toi"))
    assert codes[stuck] in inbox and "Thẩm định hồ sơ" in inbox
    mine = [t for t in api.get("/tasks?tab=mine", "chuyenvien").get_json()["items"] if t["dossier"]["id"] == stuck]
    assert [(t["id"], t["claimed_by"]) for t in mine] == [(task["id"], "chuyenvien")]
    clock.set(vn(2026, 11, 23, 14, 0))
    api.complete("chuyenvien", "Thẩm định hồ sơ", APPRAISE, dossier=stuck)
    api.complete("lanhdao", "Phê duyệt kết quả", APPROVE, dossier=stuck)
    api.complete("motcua", "Trả kết quả", RETURN, dossier=stuck)
    assert api.get(f"/dossiers/{stuck}", "congdan").get_json()["status"]["code"] == 10

    # The console says the same of the one left (a dry run writes nothing).
    env = {"MOTCUA_BPMN_DIR": str(diagrams.folder), "MOTCUA_DATABASE_URL": database_url}
    from app.cli import main
    result = CliRunner().invoke(main, ["dossiers", "move-version", PROCESS, "--from", old[:10], "--dry-run",
                                       "--db", database_url], env=env, catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert f"{codes[waiting]}: không chuyển được: " in result.output and "(Event_cho_nop_phi)" in result.output
    assert "0/1 hồ sơ chuyển được" in result.output
    assert _stored(clean_app, waiting)[0] == old
    # It still runs on its own version: paid, it goes on.
    pay(api, waiting)
    assert [t["name"] for t in api.get(f"/dossiers/{waiting}", "motcua").get_json()["open_tasks"]] == ["Thẩm định hồ sơ"]


@pytest.mark.rule("QT-26")
def test_the_console_moves_the_stuck_dossiers(clean_app, clock, api, diagrams, database_url):
    old, stuck, waiting, task = _stuck_and_waiting(api, clock, diagrams)
    new = diagrams(shipped())
    env = {"MOTCUA_BPMN_DIR": str(diagrams.folder), "MOTCUA_DATABASE_URL": database_url}
    from app.cli import main

    def run(*args):
        return CliRunner().invoke(main, ["dossiers", "move-version", PROCESS, *args, "--db", database_url], env=env,
                                  catch_exceptions=False)

    assert run("--from", "ffffff").exit_code == 2
    short = run("--from", old[:2])  # a slip: even if one running version starts so, nothing moves
    assert short.exit_code == 2 and "quá ngắn" in short.output and "ít nhất 6 ký tự" in short.output, short.output
    dry = run("--from", old[:10], "--dry-run")
    assert dry.exit_code == 0 and dry.output.count(": chuyển được") == 2, dry.output
    assert _stored(clean_app, stuck)[0] == old
    done = run("--from", old)
    assert done.exit_code == 0 and done.output.count(": đã chuyển") == 2, done.output
    assert f"Đã chuyển 2/2 hồ sơ sang phiên bản {new[:10]}." in done.output
    for dossier_id in (stuck, waiting):
        version, events, _ = _stored(clean_app, dossier_id)
        assert version == new and events[-1][0] == "version_moved" and events[-1][3] is None
    # The fee wait goes on on the new version, and the appraisal too.
    pay(api, waiting)
    clock.set(vn(2026, 11, 23, 14, 0))
    api.complete("chuyenvien", "Thẩm định hồ sơ", APPRAISE, dossier=stuck)
    assert [t["name"] for t in api.get(f"/dossiers/{stuck}", "motcua").get_json()["open_tasks"]] == ["Phê duyệt kết quả"]
    assert run("--from", old).exit_code == 2  # nothing runs on it any more
