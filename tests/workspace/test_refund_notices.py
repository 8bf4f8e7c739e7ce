"""The applicant hears by mail what they will get back when a paid dossier ends unfinished: the
mail of a stop says the sum owed back (every sum paid, once) and where to collect it; a withdrawal,
otherwise not mailed (the applicant asked for it), is mailed when it made fees owed back; a dossier
that paid nothing says nothing of refunds. Mails read from a real local SMTP server."""
from __future__ import annotations

from tests.api.test_lifecycle import BAN_SAO, BAN_SAO_FORM, pay, submit
from tests.conftest import vn
from tests.web.test_portal_outcomes import _mails
from tests.workspace.helpers import (ACCEPT, AGREE_STOP, STOP, STOP_APPROVAL, accept, dossier, stopped, submit_lltp,
                                     withdrawn_after_paying)
from tests.workspace.test_fee_refunds import MORE_COPIES

AGENCY = "Sở Tư pháp tỉnh Bình An"


def _refund_line(amount: str) -> str:
    return (f"{amount} đồng phí, lệ phí đã nộp sẽ được hoàn trả cho ông/bà. Vui lòng liên hệ Bộ phận Một cửa "
            f"của {AGENCY} để nhận lại.")


def _code(api, dossier_id: int) -> str:
    return dossier(api, dossier_id)["code"]


def test_the_stop_mail_says_the_fee_will_be_given_back(api, clock, clean_app, mail_sink):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)  # 200.000 đồng at the counter
    clock.set(vn(2026, 11, 25, 9, 0))
    stopped(api, dossier_id)
    body = _mails(clean_app, mail_sink, vn(2026, 11, 25, 9, 1))[f"Hồ sơ {_code(api, dossier_id)}: dừng xử lý"]
    assert f"Lý do: {STOP['ly_do']}" in body and f"/ho-so/{dossier_id}" in body
    assert _refund_line("200.000") in body
    assert body.index("Lý do:") < body.index("sẽ được hoàn trả")


def test_every_sum_paid_is_said_once_in_one_mail(api, clock, clean_app, mail_sink):
    """The fee and the difference asked after a supplement (8.000 + 32.000 đồng), then the stop."""
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit(api, BAN_SAO, BAN_SAO_FORM)["id"]
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT, dossier=dossier_id)
    pay(api, dossier_id)
    clock.set(vn(2026, 11, 25, 8, 0))
    api.complete("chuyenvien", "Thẩm định hồ sơ", MORE_COPIES, dossier=dossier_id)
    clock.set(vn(2026, 11, 25, 9, 0))
    assert api.post(f"/dossiers/{dossier_id}/supplement", "congdan", json={"data": {"so_ban": 5}}).status_code == 200
    pay(api, dossier_id)
    clock.set(vn(2026, 11, 25, 10, 0))
    api.complete("chuyenvien", "Thẩm định hồ sơ", STOP, dossier=dossier_id)
    api.complete("lanhdao", STOP_APPROVAL, AGREE_STOP, dossier=dossier_id)
    mails = _mails(clean_app, mail_sink, vn(2026, 11, 25, 10, 1))
    body = mails[f"Hồ sơ {_code(api, dossier_id)}: dừng xử lý"]
    assert body.count("sẽ được hoàn trả") == 1 and _refund_line("40.000") in body
    assert sum("hoàn trả" in text for text in mails.values()) == 1


def test_a_paid_dossier_withdrawn_is_mailed_with_its_refund(api, clock, clean_app, mail_sink):
    dossier_id = withdrawn_after_paying(api, clock)
    code = _code(api, dossier_id)
    body = _mails(clean_app, mail_sink, vn(2026, 11, 25, 9, 1))[f"Hồ sơ {code}: đã rút, phí, lệ phí sẽ được hoàn trả"]
    assert "Kính gửi Nguyễn Văn An" in body and f"(mã {code}) đã được rút theo yêu cầu của ông/bà" in body
    assert _refund_line("200.000") in body


def test_nothing_paid_nothing_said_of_refunds(api, clock, clean_app, mail_sink):
    """Withdrawn while its fee was still awaited: no mail; an exempt dossier stopped: the stop's
    mail, without a word of refunds."""
    clock.set(vn(2026, 11, 23, 8, 0))
    waiting = submit_lltp(api)
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT, dossier=waiting)
    exempt = submit_lltp(api, doi_tuong_nop_phi="mien", muc_dich="Bổ sung hồ sơ du học")
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT, dossier=exempt)  # no fee to wait for
    sent = len(_mails(clean_app, mail_sink, vn(2026, 11, 23, 8, 1)))
    clock.set(vn(2026, 11, 25, 9, 0))
    assert api.post(f"/dossiers/{waiting}/withdraw", "congdan",
                    json={"data": {"ly_do_rut": "Không còn nhu cầu."}}).status_code == 200
    assert dossier(api, waiting)["status"]["code"] == 7
    stopped(api, exempt)
    mails = _mails(clean_app, mail_sink, vn(2026, 11, 25, 9, 1))
    assert len(mails) == sent + 1  # the stop's only
    body = mails[f"Hồ sơ {_code(api, exempt)}: dừng xử lý"]
    assert f"Lý do: {STOP['ly_do']}" in body and "hoàn trả" not in body


def test_the_fee_paid_after_acceptance_mails_the_appointment_it_moved(api, clock, clean_app, mail_sink):
    """Asked for the fee on acceptance, the applicant's acceptance mail is the fee's; paying moves
    the appointment by the wait, and the mail of the payment gives the new one."""
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit(api, BAN_SAO, BAN_SAO_FORM)["id"]
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT, dossier=dossier_id)
    clock.set(vn(2026, 11, 23, 10, 0))
    pay(api, dossier_id)
    state = dossier(api, dossier_id)
    body = _mails(clean_app, mail_sink, vn(2026, 11, 23, 10, 1))[f"Hồ sơ {state['code']}: đã nhận phí, lệ phí"]
    due = vn(2026, 11, 23, 10, 0).fromisoformat(state["due_at"])
    assert f"ngày hẹn trả kết quả: {due:%H:%M} ngày {due:%d/%m/%Y}" in body and f"/ho-so/{dossier_id}" in body


def test_no_apology_while_the_dossier_waits_for_the_applicant(api, clock, client, clean_app):
    """Its time stands still while it waits for the fee: a date promised then would move again."""
    from tests.workspace.helpers import as_officer, html
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit(api, BAN_SAO, BAN_SAO_FORM)["id"]
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT, dossier=dossier_id)
    token = as_officer(client, "lanhdao")
    assert "đang chờ công dân bổ sung hồ sơ hoặc nộp phí" in html(client.get(f"/mot-cua/ho-so/{dossier_id}"))
    response = client.post(f"/mot-cua/ho-so/{dossier_id}/xin-loi", data={
        "csrf_token": token, "ngay_hen_moi": "2026-12-15T10:00", "ly_do": "Chờ ý kiến."})
    assert response.status_code == 409 and dossier(api, dossier_id)["status"]["code"] == 6
