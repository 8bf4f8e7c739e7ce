"""What a logged-in user sees is kept by no cache (Back on a shared counter computer after logging
out shows nothing), a page a refused form produced names the address it belongs at in the history
(app/web/history_url.py), and the session cookie is sent only where it should be."""
from __future__ import annotations

from app.config import settings
from tests.api.test_lifecycle import LLTP, LLTP_FORM, submit
from tests.web.pages import login
from tests.workspace.helpers import as_officer, html, task_id


def test_a_logged_in_users_pages_and_files_are_not_stored_the_public_ones_may_be(client, api, clock):
    assert "no-store" not in client.get("/thu-tuc").headers.get("Cache-Control", "")
    dossier_id = submit(api, LLTP, LLTP_FORM)["id"]
    as_officer(client, "motcua")
    for path in ("/mot-cua", f"/mot-cua/ho-so/{dossier_id}", "/thu-tuc"):
        assert client.get(path).headers["Cache-Control"] == "no-store", path
    assert "no-store" not in client.get("/tinh/forms.js").headers.get("Cache-Control", "")  # the site's own
    login(client, "congdan")
    assert client.get(f"/ho-so/{dossier_id}").headers["Cache-Control"] == "no-store"


def test_a_refused_task_form_names_the_task_page_with_the_inbox_view_it_came_from(client, api, clock):
    dossier_id = submit(api, LLTP, LLTP_FORM)["id"]
    token = as_officer(client, "motcua")
    task = task_id(html(client.get(f"/mot-cua/ho-so/{dossier_id}")), "Tiếp nhận hồ sơ")
    opened = client.get(f"/mot-cua/viec/{task}?tab=cho-nhan")
    assert opened.status_code == 200 and 'name="page-url"' not in html(opened)  # a GET is its own address
    refused = client.post(f"/mot-cua/viec/{task}/xu-ly?tab=cho-nhan",
                          data={"csrf_token": token, "f.quyet_dinh": "yeu_cau_bo_sung"})
    assert refused.status_code == 422
    assert f'<meta name="page-url" content="/mot-cua/viec/{task}?tab=cho-nhan">' in html(refused)


def test_the_session_cookie_is_lax_and_secure_behind_https():
    public = settings(MOTCUA_PUBLIC_URL="https://dichvucong.binhan.gov.vn", SECRET_KEY="x")
    assert (public["SESSION_COOKIE_SECURE"], public["SESSION_COOKIE_SAMESITE"], public["SESSION_COOKIE_HTTPONLY"]) \
        == (True, "Lax", True)
    assert settings(MOTCUA_PUBLIC_URL="http://127.0.0.1:5000", SECRET_KEY="x")["SESSION_COOKIE_SECURE"] is False
    assert settings(MOTCUA_PUBLIC_URL="https://a.vn", SESSION_COOKIE_SECURE=False, SECRET_KEY="x")[
        "SESSION_COOKIE_SECURE"] is False  # an operator's own setting wins


def test_the_login_cookie_is_not_sent_by_another_sites_form(client):
    login(client, "congdan")
    cookie = client.get_cookie("session")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"
