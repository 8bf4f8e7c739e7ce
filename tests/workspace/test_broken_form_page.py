"""A task's form file saved broken and never read whole by the running server (a restart after
the bad save): the task page says so in words, naming the file and the place for the officer to
pass on, keeps what a sent form carried, and changes nothing; the API answers 409 in JSON."""
from __future__ import annotations

import json

from tests.conftest import Api, vn
from tests.test_broken_diagram_at_start import _restart
from tests.web.pages import csrf, login
from tests.workspace.helpers import SEARCH, accept, html, submit_lltp

FILE = "common/tham_dinh.schema.json"


def test_a_broken_task_form_is_said_on_the_page_and_nothing_changes(clean_app, database_url, workspace):
    folder, _ = workspace
    clean_app.extensions["motcua_clock"].set(vn(2026, 11, 23, 8, 0))
    api = Api(clean_app.test_client())
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    task = api.task("chuyenvien", SEARCH, dossier_id)

    (folder / "forms" / FILE).write_text('{"type": "object", "properties": {', encoding="utf-8")
    app = _restart(clean_app, database_url, folder)  # runs the stored version; the form is read at the task
    client = app.test_client()
    login(client, "chuyenvien")
    page = client.get(f"/mot-cua/viec/{task['id']}")
    assert page.status_code == 503
    text = html(page)
    assert "Biểu mẫu đang bị lỗi" in text and "hồ sơ vẫn giữ nguyên" in text
    assert f"Tệp biểu mẫu {FILE} không đọc được: sai cú pháp JSON ở dòng 1" in text
    assert 'href="/mot-cua"' in text  # the one-stop system's own layout, a way back to the inbox

    sent = client.post(f"/mot-cua/viec/{task['id']}/xu-ly", data={
        "csrf_token": csrf(client, "/mot-cua"), "y_kien": "Không có án tích, đã đối chiếu."},
        headers={"Referer": f"http://localhost/mot-cua/viec/{task['id']}"})
    assert sent.status_code == 503 and "Không có án tích, đã đối chiếu." in html(sent)  # written back, not lost
    over_api = Api(app.test_client()).post(f"/tasks/{task['id']}/complete", "chuyenvien",
                                           json={"data": {"ket_qua_tham_dinh": "dat", "y_kien": "Đạt."}})
    assert over_api.status_code == 409 and over_api.get_json()["error"]["code"] == "form_unusable"
    assert FILE in json.dumps(over_api.get_json(), ensure_ascii=False)
    assert api.task("chuyenvien", SEARCH, dossier_id)["id"] == task["id"]  # still open, nothing done
