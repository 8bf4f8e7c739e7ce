"""The return step opens with the applicant's own choice of how to get the result: online for an
online dossier, by post for a postal one (or at the desk, if the intake recorded that they will
collect it there); the officer may still change it."""
from __future__ import annotations

import io
import re

import pytest
from lxml import html as lxml_html

from tests.conftest import vn
from tests.web.pages import pdf_bytes
from tests.workspace.helpers import as_officer, html, processed, submit_lltp
from tests.workspace.test_intake import LLTP_FIELDS, _citizen_id

RETURN_TASK = "Trả kết quả"


def _chosen(client, api, dossier_id: int) -> list[str]:
    page = lxml_html.fromstring(html(client.get(f"/mot-cua/viec/{api.task('motcua', RETURN_TASK, dossier_id)['id']}")))
    return page.xpath('//form[@id="bieu-mau"]//input[@name="f.hinh_thuc_tra"][@checked]/@value')


def _postal(client, clean_app, token, nonce: str, collect: str) -> int:
    citizen = _citizen_id(clean_app, "001090000001")
    response = client.post(f"/mot-cua/tiep-nhan/{citizen}/2.000488", data={
        "csrf_token": token, "nonce": nonce, "hinh_thuc": "postal", "action": "submit", **LLTP_FIELDS,
        "so_buu_gui": "EB123456789VN", "hinh_thuc_tra": collect, "tep.GTTT": (io.BytesIO(pdf_bytes()), "cccd.pdf")},
        content_type="multipart/form-data")
    assert response.status_code == 303, html(response)
    return int(re.search(r'href="/mot-cua/ho-so/(\d+)"', html(client.get(response.headers["Location"]))).group(1))


@pytest.mark.rule("QT-42")
def test_the_return_step_starts_from_the_applicant_s_choice(api, clock, client, clean_app):
    clock.set(vn(2026, 11, 23, 9, 0))
    online = submit_lltp(api)
    processed(api, online)
    token = as_officer(client, "motcua")
    by_post = _postal(client, clean_app, token, "n-1", "buu_chinh")
    at_desk = _postal(client, clean_app, token, "n-2", "truc_tiep")
    for dossier_id in (by_post, at_desk):
        processed(api, dossier_id)
    as_officer(client, "motcua")
    assert _chosen(client, api, online) == ["truc_tuyen"]
    assert _chosen(client, api, by_post) == ["buu_chinh"]
    assert _chosen(client, api, at_desk) == ["truc_tiep"]


def test_a_result_returned_by_post_records_its_postal_item_number(api, clock, client):
    """Like a dossier that arrives by post, a result sent by post carries the number printed on
    the postal slip, so the hand-off can be traced; the dossier page shows it."""
    clock.set(vn(2026, 11, 23, 9, 0))
    dossier_id = submit_lltp(api)
    processed(api, dossier_id)
    token = as_officer(client, "motcua")
    task = api.task("motcua", RETURN_TASK, dossier_id)["id"]
    missing = client.post(f"/mot-cua/viec/{task}/xu-ly", data={
        "csrf_token": token, "action": "submit", "f.hinh_thuc_tra": "buu_chinh", "f.so_buu_gui": "  "})
    assert missing.status_code == 422 and "Số hiệu bưu gửi" in html(missing)
    assert api.task("motcua", RETURN_TASK, dossier_id)["id"] == task  # nothing recorded
    sent = client.post(f"/mot-cua/viec/{task}/xu-ly", data={
        "csrf_token": token, "action": "submit", "f.hinh_thuc_tra": "buu_chinh", "f.so_buu_gui": "EB987654321VN"})
    assert sent.status_code == 303
    assert api.get(f"/dossiers/{dossier_id}", "motcua").get_json()["status"]["code"] == 10
    assert "EB987654321VN" in html(client.get(f"/mot-cua/ho-so/{dossier_id}"))


def test_a_result_is_not_returned_online_to_an_account_nobody_activated(api, clock, client, clean_app):
    """An account the desk opened at the counter and the citizen never activated reaches nobody
    online: returning the result that way is refused in words, on the page and over the API."""
    from sqlalchemy import update

    from app.db import db
    from app.users.models import User
    clock.set(vn(2026, 11, 23, 9, 0))
    dossier_id = submit_lltp(api)
    processed(api, dossier_id)
    with clean_app.app_context():
        desk = db.session.execute(db.select(User.id).where(User.username == "motcua")).scalar()
        db.session.execute(update(User).where(User.username == "congdan").values(created_by_id=desk,
                                                                                 email_verified_at=None))
        db.session.commit()
        db.session.remove()
    token = as_officer(client, "motcua")
    task = api.task("motcua", RETURN_TASK, dossier_id)["id"]
    refused = client.post(f"/mot-cua/viec/{task}/xu-ly", data={
        "csrf_token": token, "action": "submit", "f.hinh_thuc_tra": "truc_tuyen"})
    assert refused.status_code == 422 and "chưa kích hoạt tài khoản" in html(refused)
    over_api = api.post(f"/tasks/{task}/complete", "motcua", json={"data": {"hinh_thuc_tra": "truc_tuyen"}})
    assert over_api.status_code == 422 and over_api.get_json()["error"]["fields"][0]["field"] == "hinh_thuc_tra"
    assert api.task("motcua", RETURN_TASK, dossier_id)["id"] == task  # nothing recorded
    done = client.post(f"/mot-cua/viec/{task}/xu-ly", data={
        "csrf_token": token, "action": "submit", "f.hinh_thuc_tra": "truc_tiep"})
    assert done.status_code == 303
