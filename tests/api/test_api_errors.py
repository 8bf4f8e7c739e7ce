"""Bad input gets a clear Vietnamese error with the right status, and changes nothing."""
from __future__ import annotations

import threading

from tests.api.test_lifecycle import ACCEPT, BAN_SAO, BAN_SAO_FORM, dossier, submit
from tests.conftest import vn


def counts(app):
    from app.db import db
    from app.dossiers.models import Dossier, DossierEvent, OpenTask
    with app.app_context():
        result = (db.session.query(Dossier).count(), db.session.query(DossierEvent).count(),
                  db.session.query(OpenTask).filter(OpenTask.closed_at.is_(None)).count())
        db.session.remove()
    return result


def error(response, status):
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()["error"]
    assert body["message"] and body["code"]
    return body


def test_tokens(api, client):
    error(api.post("/auth/token", json={"username": "congdan", "password": "sai"}), 401)
    error(api.post("/auth/token", json={"username": "không-có", "password": "x"}), 401)
    body = error(api.post("/auth/token", json={"username": "congdan"}), 422)
    assert body["fields"] == [{"field": "password", "message": "Trường này là bắt buộc."}]
    error(api.post("/auth/token", data="{not json", content_type="application/json"), 400)
    error(api.get("/dossiers"), 401)
    error(api.get("/dossiers", headers={"Authorization": "Bearer forged.token.value"}), 401)
    error(api.get("/tasks", "congdan"), 403)
    error(api.post("/dossiers", "motcua", json={"procedure_code": BAN_SAO, "data": BAN_SAO_FORM}), 403)


def test_lockout_after_repeated_failures(api):
    for _ in range(5):
        error(api.post("/auth/token", json={"username": "motcua", "password": "sai"}), 401)
    # Even the right password is refused while the account is locked.
    error(api.post("/auth/token", json={"username": "motcua", "password": "MotCua@2026"}), 401)


def test_invalid_form_data_is_refused_with_field_messages_and_nothing_stored(api, clean_app, clock):
    clock.set(vn(2026, 11, 23, 9, 0))
    before = counts(clean_app)
    bad = {**BAN_SAO_FORM, "so_cccd": "12ab", "so_ban": 0, "extra": "<script>alert(1)</script>"}
    del bad["ho_ten_nguoi_yeu_cau"]
    body = error(api.post("/dossiers", "congdan", json={"procedure_code": BAN_SAO, "data": bad}), 422)
    fields = {f["field"]: f["message"] for f in body["fields"]}
    assert "ho_ten_nguoi_yeu_cau" in fields and "bắt buộc" in fields["ho_ten_nguoi_yeu_cau"]
    assert "so_cccd" in fields and "so_ban" in fields
    assert any("extra" in m for m in fields.values())
    error(api.post("/dossiers", "congdan", json={"procedure_code": BAN_SAO, "data": "x" * 100_000}), 422)
    # A runaway list (or keys) is refused whole before the schema walks it, in one short message.
    for runaway in ({**BAN_SAO_FORM, "so_ban": [1] * 200_000}, {f"k{n}": 1 for n in range(20_000)}):
        response = api.post("/dossiers", "congdan", json={"procedure_code": BAN_SAO, "data": runaway})
        assert len(response.get_data()) < 2000, len(response.get_data())
        assert "nhiều hơn mọi biểu mẫu cần" in error(response, 422)["fields"][0]["message"]
    error(api.post("/dossiers", "congdan", json={"procedure_code": "9.999999", "data": BAN_SAO_FORM}), 404)
    error(api.post("/dossiers", "congdan", json={"data": BAN_SAO_FORM}), 422)
    assert counts(clean_app) == before


def test_unknown_things_are_404(api):
    error(api.get("/procedures/9.999999"), 404)
    error(api.get("/lookup/000.00.12.H99-261123-9999"), 404)
    error(api.get("/dossiers/999999", "congdan"), 404)
    error(api.post("/tasks/00000000-0000-0000-0000-000000000000/complete", "motcua", json={"data": {}}), 404)
    error(api.get("/khong-co"), 404)


def test_task_rules(api, clean_app, clock):
    clock.set(vn(2026, 11, 23, 9, 0))
    created = submit(api, BAN_SAO, BAN_SAO_FORM)
    task = api.task("motcua", "Tiếp nhận hồ sơ")
    # The police's specialist may neither read this dossier (not even learn it exists) nor work the desk's task.
    error(api.get(f"/dossiers/{created['id']}", "congan"), 404)  # not confirmed to exist
    error(api.post(f"/tasks/{task['id']}/complete", "chuyenvien", json={"data": ACCEPT}), 403)
    # The form of the task is checked.
    body = error(api.post(f"/tasks/{task['id']}/complete", "motcua", json={"data": {"quyet_dinh": "gi_do"}}), 422)
    assert body["fields"][0]["field"] == "quyet_dinh"
    body = error(api.post(f"/tasks/{task['id']}/complete", "motcua",
                          json={"data": {"quyet_dinh": "tu_choi"}}), 422)  # a refusal needs a reason
    assert any(f["field"] == "ly_do" for f in body["fields"])
    assert dossier(api, created["id"])["status"]["code"] == 1
    # Claimed by one officer: another one of the desk cannot take or complete it.
    from app.db import db
    from app.users.models import User
    from app.users.passwords import hash_password
    with clean_app.app_context():
        db.session.add(User(username="motcua2", password_hash=hash_password("MotCua@2026"), role="one_stop",
                            agency_id=db.session.query(User).filter_by(username="motcua").one().agency_id,
                            full_name="Đỗ Văn Hải"))
        db.session.commit()
        db.session.remove()
    assert api.post(f"/tasks/{task['id']}/claim", "motcua").status_code == 200
    body = error(api.post(f"/tasks/{task['id']}/claim", "motcua2"), 409)
    assert "Trần Thị Bình" in body["message"]
    error(api.post(f"/tasks/{task['id']}/complete", "motcua2", json={"data": ACCEPT}), 409)
    assert api.post(f"/tasks/{task['id']}/release", "motcua").status_code == 200
    api.complete("motcua2", "Tiếp nhận hồ sơ", ACCEPT)
    # The task is gone: completing it again is a conflict, and the state is intact.
    error(api.post(f"/tasks/{task['id']}/complete", "motcua", json={"data": ACCEPT}), 409)
    assert dossier(api, created["id"])["status"]["code"] == 6  # accepted, waiting for the fee
    # A supplement is only accepted while the process waits for one.
    error(api.post(f"/dossiers/{created['id']}/supplement", "congdan", json={"data": {}}), 409)


def test_two_officers_completing_the_same_task_one_wins(api, clean_app, clock):
    clock.set(vn(2026, 11, 23, 9, 0))
    created = submit(api, BAN_SAO, BAN_SAO_FORM)
    task = api.task("motcua", "Tiếp nhận hồ sơ")
    token = api.token("motcua")
    before = counts(clean_app)
    barrier = threading.Barrier(2)
    results = []

    def work():
        client = clean_app.test_client()
        barrier.wait()
        response = client.post(f"/api/v1/tasks/{task['id']}/complete", json={"data": ACCEPT},
                               headers={"Authorization": f"Bearer {token}"})
        results.append((response.status_code, response.get_json()))

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(code for code, _ in results) == [200, 409], results
    loser = [body for code, body in results if code == 409][0]
    assert loser["error"]["message"]
    state = dossier(api, created["id"])
    assert state["status"]["code"] == 6 and state["code"].endswith("-0001")  # accepted, fee asked once
    assert [e["kind"] for e in state["history"]].count("task_completed") == 1
    dossiers, events, tasks = counts(clean_app)
    assert dossiers == before[0] and tasks == before[2] - 1  # reception closed; the fee comes first
    assert events == before[1] + 3  # task_completed + code_issued + fee_requested, once


def test_an_officer_and_the_timer_on_the_same_dossier(api, clean_app, clock):
    """Reception completes at the very instant its late timer is due: both run, one after the
    other, and the dossier ends in one consistent state whichever came first."""
    from app.dossiers.timers import fire_due_timers
    clock.set(vn(2026, 11, 20, 16, 0))
    created = submit(api, BAN_SAO, BAN_SAO_FORM)
    due = vn(2026, 11, 23, 16, 0)
    clock.set(due)
    task = api.task("motcua", "Tiếp nhận hồ sơ")
    token = api.token("motcua")
    barrier = threading.Barrier(2)
    results = {}

    def officer():
        barrier.wait()
        response = clean_app.test_client().post(f"/api/v1/tasks/{task['id']}/complete", json={"data": ACCEPT},
                                                headers={"Authorization": f"Bearer {token}"})
        results["officer"] = response.status_code

    def timer():
        with clean_app.app_context():
            barrier.wait()
            results["timer"] = fire_due_timers(due)

    threads = [threading.Thread(target=officer), threading.Thread(target=timer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results["officer"] == 200 and results["timer"] in (0, 1)
    state = dossier(api, created["id"])
    assert state["status"]["code"] == 6 and state["code"]
    kinds = [e["kind"] for e in state["history"]]
    assert kinds.count("task_completed") == 1 and kinds.count("code_issued") == 1
    # The timer either fired first (and marked the dossier late) or found nothing left to fire.
    assert state["late"] is (results["timer"] == 1)
    assert kinds.count("marked_late") == results["timer"]


def test_hostile_encodings_are_refused_in_words(api, clean_app, clock):
    """Valid JSON that no database can store, JSON nested past any real client, and digits that
    are not ASCII digits: 400/404/422 in Vietnamese, never a server error, nothing stored."""
    clock.set(vn(2026, 11, 23, 9, 0))
    before = counts(clean_app)
    surrogate = '{"procedure_code": "%s", "data": {"ho_ten_nguoi_yeu_cau": "A\\ud800"}}' % BAN_SAO
    body = error(api.post("/dossiers", "congdan", data=surrogate, content_type="application/json"), 400)
    assert body["message"] == "Nội dung yêu cầu phải là JSON hợp lệ."
    error(api.post("/auth/token", data='{"username": "a\\ud800", "password": "x"}',
                   content_type="application/json"), 400)
    deep = '{"data": ' + "[" * 100_000 + "]" * 100_000 + "}"
    error(api.post("/dossiers", "congdan", data=deep, content_type="application/json"), 400)
    error(api.get("/dossiers/\u00b2", "congdan"), 404)
    error(api.get("/tasks?page=\u00b2", "motcua"), 422)
    error(api.get("/tasks?status=\u00b2", "motcua"), 422)
    # The lengths the schemas state are enforced, and what is echoed back is bounded.
    body = error(api.post("/auth/token", json={"username": "", "password": "x"}), 422)
    assert body["fields"] == [{"field": "username", "message": "Độ dài phải từ 1 đến 64 ký tự."}]
    body = error(api.post("/dossiers", "congdan", json={"procedure_code": "X" * 100_000, "data": {}}), 422)
    assert body["fields"][0]["field"] == "procedure_code"
    assert len(api.get("/procedures/" + "X" * 5000).get_data()) < 500
    assert counts(clean_app) == before


def test_guessing_passwords_over_the_api_is_limited_per_address(api, clock):
    clock.set(vn(2026, 11, 23, 9, 0))  # all guesses in one window of the limit, whatever the wall clock
    for i in range(30):
        error(api.post("/auth/token", json={"username": f"doan{i}", "password": "Password1!"}), 401)
    limited = api.post("/auth/token", json={"username": "congdan", "password": "MotCua@2026"})
    body = error(limited, 429)
    assert "thử lại sau" in body["message"] and int(limited.headers["Retry-After"]) > 0


def test_an_idempotency_key_stands_for_its_request_only(api, clean_app, clock):
    clock.set(vn(2026, 11, 23, 9, 0))
    headers = {"Idempotency-Key": "k-123"}
    first = api.post("/dossiers", "congdan", json={"procedure_code": BAN_SAO, "data": BAN_SAO_FORM}, headers=headers)
    again = api.post("/dossiers", "congdan", json={"procedure_code": BAN_SAO, "data": BAN_SAO_FORM},
                     headers={"Idempotency-Key": "k-123"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.get_json()["id"] == again.get_json()["id"]  # a retry: the same dossier
    other = api.post("/dossiers", "congdan", json={"procedure_code": BAN_SAO, "data": {**BAN_SAO_FORM, "so_ban": 3}},
                     headers={"Idempotency-Key": "k-123"})
    assert other.status_code == 201 and other.get_json()["id"] != first.get_json()["id"]  # never swallowed


def test_the_citizen_messages_carry_what_they_must_and_only_that(api, clean_app, clock):
    clock.set(vn(2026, 11, 23, 9, 0))
    created = submit(api, BAN_SAO, BAN_SAO_FORM)
    path = f"/dossiers/{created['id']}/withdraw"
    body = error(api.post(path, "congdan", json={"data": {}}), 422)
    assert body["message"] == "Ghi lý do rút hồ sơ (tối đa 1.000 ký tự)." and body["fields"][0]["field"] == "ly_do_rut"
    error(api.post(path, "congdan", json={"data": {"ly_do_rut": "A" * 1001}}), 422)
    assert dossier(api, created["id"])["status"]["code"] == 1
    # The citizen sees the step and where it is, not the officers' task ids or accounts.
    steps = dossier(api, created["id"])["open_tasks"]
    assert steps and set(steps[0]) == {"name", "agency", "status", "due_at"}
    done = api.post(path, "congdan", json={"data": {"ly_do_rut": " Không còn  nhu cầu. ", "quyet_dinh": "tiep_nhan"}})
    assert done.status_code == 200 and done.get_json()["status"]["code"] == 7
    message = [e for e in done.get_json()["history"] if e["kind"] == "message"]
    assert message and message[-1]["summary"].startswith("Công dân gửi")

    from app.db import db
    from app.dossiers.models import Dossier, DossierEvent
    with clean_app.app_context():
        event = db.session.query(DossierEvent).filter_by(dossier_id=created["id"], kind="message").one()
        assert event.data == {"ly_do_rut": "Không còn nhu cầu."}  # nothing else reaches the process
        assert "quyet_dinh" not in str(db.session.get(Dossier, created["id"]).workflow_state)
        db.session.remove()


def test_numbers_no_column_holds_are_not_found_not_a_server_error(api, client):
    from tests.web.pages import login
    huge = "9" * 23
    login(client, "admin")
    for path in (f"/mot-cua?trang={huge}", f"/mot-cua/ho-so?trang_thai={huge}", f"/thu-tuc?trang={huge}",
                 f"/mot-cua/can-bo?co_quan={huge}"):
        assert client.get(path).status_code == 200, path
    for path in (f"/mot-cua/ho-so/{huge}", f"/mot-cua/can-bo/{huge}", f"/ho-so/{huge}"):
        assert client.get(path).status_code == 404, path
    error(api.get("/dossiers/9999999999", "motcua"), 404)
    error(api.get(f"/tasks?page={huge}", "motcua"), 422)


def test_behind_a_proxy_each_citizen_has_their_own_limit(clean_app, database_url, clock):
    """MOTCUA_PROXY_HOPS=1: the address the proxy forwards is the client's, so one address
    guessing passwords does not lock out everyone else behind the same proxy."""
    from app import create_app
    app = create_app(db=database_url, SECRET_KEY="test-secret", MOTCUA_PROXY_HOPS=1,
                     MOTCUA_KEYS_DIR=clean_app.config["MOTCUA_KEYS_DIR"])
    app.extensions["motcua_clock"].set(vn(2026, 11, 23, 9, 0))
    client = app.test_client()

    def token(address: str, username: str, password: str = "MotCua@2026") -> int:
        return client.post("/api/v1/auth/token", json={"username": username, "password": password},
                           headers={"X-Forwarded-For": address}).status_code

    for i in range(30):
        assert token("203.0.113.5", f"doan{i}", "Sai-mat-khau-1") == 401
    assert token("203.0.113.5", "congdan") == 429
    assert token("203.0.113.6", "congdan") == 200
