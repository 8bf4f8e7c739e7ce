"""The citizen is told why a dossier ended without a result and gets the documents the agency
issued: the reason of a refusal (with Mẫu 03) or of a stop on the dossier page and in the mail;
each supplement request (Mẫu 02) and the apology (Mẫu 04) to download; never the agencies' own
control slip (Mẫu 05), never another citizen's documents."""
from __future__ import annotations

from datetime import datetime

from tests.conftest import vn
from app.localtime import local_time
from tests.web.pages import login
from tests.workspace.helpers import ACCEPT, ASK, SEARCH, accept, html, pdf_text, stopped, submit_lltp


def _mails(app, mail_sink, at):
    from app.mail.outbox import deliver_pending
    with app.app_context():
        deliver_pending(at)
    return {m["Subject"]: m.get_content() for m in mail_sink.messages}


def test_a_refusal_says_why_on_the_page_in_the_mail_and_in_mau_03(api, clock, client, clean_app, mail_sink, tmp_path):
    clock.set(vn(2026, 11, 23, 9, 0))
    dossier_id = submit_lltp(api)
    api.complete("motcua", "Tiếp nhận hồ sơ", {"quyet_dinh": "tu_choi", "ly_do": "Không thuộc thẩm quyền của Sở Tư pháp."})
    login(client, "congdan")
    page = html(client.get(f"/ho-so/{dossier_id}"))
    assert "Lý do không tiếp nhận" in page and "Không thuộc thẩm quyền của Sở Tư pháp." in page
    link = f"/ho-so/{dossier_id}/van-ban/mau-03.pdf"
    assert link in page
    pdf = client.get(link)
    assert pdf.status_code == 200 and "Không thuộc thẩm quyền của Sở Tư pháp." in pdf_text(pdf.get_data(), tmp_path)
    assert client.get(f"/ho-so/{dossier_id}/van-ban/mau-05.pdf").status_code == 404  # the agencies' own
    assert client.get(f"/ho-so/{dossier_id}/van-ban/mau-04.pdf").status_code == 404  # none was issued
    body = _mails(clean_app, mail_sink, vn(2026, 11, 23, 9, 5))[f"Hồ sơ số {dossier_id}: không được tiếp nhận"]
    assert "Lý do: Không thuộc thẩm quyền của Sở Tư pháp." in body and "(mã" not in body
    login(client, "congan")  # nobody else's documents
    assert client.get(link).status_code in (403, 404)


def test_a_stop_says_why_and_every_supplement_request_can_be_downloaded(api, clock, client, clean_app, mail_sink,
                                                                          tmp_path):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    api.complete("chuyenvien", SEARCH, ASK)
    login(client, "congdan")
    page = html(client.get(f"/ho-so/{dossier_id}"))
    link = f"/ho-so/{dossier_id}/van-ban/mau-02-1.pdf"
    assert "Văn bản cơ quan gửi bạn" in page and link in page
    assert ASK["ly_do"] in pdf_text(client.get(link).get_data(), tmp_path)
    api.post(f"/dossiers/{dossier_id}/supplement", "congdan", json={"data": {"so_ban": 3}})
    stopped(api, dossier_id)
    page = html(client.get(f"/ho-so/{dossier_id}"))
    assert "Lý do dừng xử lý" in page and "Người yêu cầu không thuộc diện được cấp." in page
    notice = f"/ho-so/{dossier_id}/van-ban/dung-xu-ly.pdf"  # the leader's written notice, signed with the reason
    assert notice in page and "Thông báo dừng giải quyết hồ sơ" in page
    assert "Người yêu cầu không thuộc diện được cấp." in pdf_text(client.get(notice).get_data(), tmp_path)
    code = api.get(f"/dossiers/{dossier_id}", "congdan").get_json()["code"]
    mails = _mails(clean_app, mail_sink, vn(2026, 11, 23, 9, 0))
    body = mails[f"Hồ sơ {code}: dừng xử lý"]
    assert "Lý do: Người yêu cầu không thuộc diện được cấp." in body



def test_an_online_dossier_accepted_is_mailed_with_its_code_and_appointment(api, clock, clean_app, mail_sink):
    """The applicant of an online dossier learns its code and appointment when the desk accepts
    it; one accepted with fees to pay hears it in the fee's mail, once."""
    clock.set(vn(2026, 11, 23, 8, 0))
    free = submit_lltp(api, doi_tuong_nop_phi="mien")
    paying = submit_lltp(api)
    for dossier_id in (free, paying):
        api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT, dossier=dossier_id)
    mails = _mails(clean_app, mail_sink, vn(2026, 11, 23, 8, 5))
    free_code, paying_code = (api.get(f"/dossiers/{d}", "congdan").get_json()["code"] for d in (free, paying))
    body = mails[f"Hồ sơ {free_code}: đã được tiếp nhận"]
    due = api.get(f"/dossiers/{free}", "congdan").get_json()["due_at"]
    assert f"(mã {free_code})" not in body and f"mã {free_code}" in body and "Mẫu 01" in body
    with clean_app.app_context():
        assert local_time(datetime.fromisoformat(due)) in body and f"/ho-so/{free}" in body
    assert sorted(mails) == sorted([f"Hồ sơ {free_code}: đã được tiếp nhận", f"Hồ sơ {paying_code}: mời nộp phí, lệ phí"])
