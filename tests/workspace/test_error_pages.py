"""Officers meet no dead ends in the citizens' layout, over HTTP: a 403 or 404 under /mot-cua
keeps the one-stop system's layout with a way back to the inbox; the dossier page links only the
tasks the officer may open; a citizen who strays there still gets the portal's page."""
from __future__ import annotations

from tests.conftest import vn
from tests.workspace.helpers import SEARCH, accept, as_officer, html, submit_lltp

CITIZEN_LINKS = ('href="/ho-so"', 'href="/kho-du-lieu"')
BACK = '<a href="/mot-cua" data-key="Escape">← Hộp công việc</a>'


def _in_workspace(response, status: int, title: str) -> None:
    page = html(response)
    assert response.status_code == status and f"<h1>{title}</h1>" in page
    assert '<body class="workspace">' in page and BACK in page
    assert not any(link in page for link in CITIZEN_LINKS)


def test_officers_stay_in_the_one_stop_system(api, clock, client):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    specialist_task = api.task("chuyenvien", SEARCH)["id"]
    as_officer(client, "motcua")
    _in_workspace(client.get("/mot-cua/ho-so/999999"), 404, "Không tìm thấy trang")
    _in_workspace(client.get("/mot-cua/khong-co-trang-nay"), 404, "Không tìm thấy trang")
    _in_workspace(client.get(f"/mot-cua/viec/{specialist_task}"), 403, "Không có quyền truy cập")
    # The desk sees which step the dossier is at, without a link it may not follow.
    page = html(client.get(f"/mot-cua/ho-so/{dossier_id}"))
    assert f"<li>{SEARCH} · Sở Tư pháp tỉnh Bình An" in page and f'/mot-cua/viec/{specialist_task}"' not in page
    assert BACK in page  # Escape goes back to the inbox from the dossier page too
    as_officer(client, "chuyenvien")
    assert f'/mot-cua/viec/{specialist_task}"' in html(client.get(f"/mot-cua/ho-so/{dossier_id}"))
    # The keyboard help lists the counter intake only to those who may open it.
    assert "<dt>g t</dt>" not in html(client.get("/mot-cua"))
    as_officer(client, "congdan")
    refused = client.get("/mot-cua")
    assert refused.status_code == 403 and all(link in html(refused) for link in CITIZEN_LINKS)


def test_a_request_over_the_limit_says_what_to_do_and_changes_nothing(api, clock, client, clean_app, monkeypatch):
    """Without the browser's own check (app/web/static/files.js), a request larger than
    MAX_CONTENT_LENGTH cannot be read at all: the page says so in the officer's layout, with the
    limit and the way back to what was typed; the step stays open."""
    import io
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    monkeypatch.setitem(clean_app.config, "MAX_CONTENT_LENGTH", 1024 * 1024)
    task = api.task("chuyenvien", SEARCH)["id"]
    as_officer(client, "chuyenvien")
    response = client.post(f"/mot-cua/viec/{task}/xu-ly", content_type="multipart/form-data", data={
        "f.y_kien_tham_dinh": "Đã tra cứu.", "tep_kem_theo": (io.BytesIO(b"%PDF-1.4\n" + b"x" * 2 * 1024 * 1024), "lon.pdf")})
    _in_workspace(response, 413, "Nội dung quá lớn")
    assert "tối đa 1 MB cho một lần gửi; chữ: tối đa 20.000 ký tự mỗi ô), nên chưa có gì được lưu" in html(response)
    assert "nút Quay lại của trình duyệt" in html(response)
    assert api.task("chuyenvien", SEARCH, dossier_id)["id"] == task


def test_a_pasted_text_too_long_for_the_form_is_answered_on_the_task_page(api, clock, client):
    """600 kB typed into one field (beyond werkzeug's own 500 kB for a field) reaches the form's
    own check: the task page names the field and its limit and shows the typed text back, so
    nothing is lost; the step stays open."""
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    task = api.task("chuyenvien", SEARCH)["id"]
    token = as_officer(client, "chuyenvien")
    typed = "Đã tra cứu. " * 50_000
    response = client.post(f"/mot-cua/viec/{task}/xu-ly", data={
        "csrf_token": token, "action": "submit", "f.ket_qua_tham_dinh": "dat", "f.y_kien": typed})
    assert response.status_code == 422
    page = html(response)
    assert "chỉ được có tối đa" in page and SEARCH in page
    assert typed.strip() in page
    assert api.task("chuyenvien", SEARCH, dossier_id)["id"] == task
