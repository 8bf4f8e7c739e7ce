"""A citizen who starts a second online payment while the first is still open at the gateway, over
real HTTP with the sandbox gateway: the first is superseded. The gateway cannot cancel it, so when
its page is paid after all our IPN answer refuses it and the gateway voids it (never charged
twice); money that is taken for it anyway (its IPN lost) is recorded as owed back."""
from __future__ import annotations

import html as html_lib
import re
from datetime import timedelta
from urllib.parse import parse_qsl, urlsplit

from sqlalchemy import select

from tests.api.test_lifecycle import dossier
from tests.web.pages import login
from tests.web.test_payment import accepted, ipn_log, pay_at_gateway, press_at_gateway, start_payment
from tests.web.test_payment_reconcile import reconcile


def payments(app) -> list[tuple[str, str | None]]:
    from app.db import db
    from app.payments.models import Payment
    with app.app_context():
        rows = db.session.execute(select(Payment.state, Payment.gateway_code).order_by(Payment.number)).all()
        db.session.remove()
    return [tuple(row) for row in rows]


def fee_table(app, dossier_id: int) -> str:
    """The officer's view of the dossier's payments (its «Phí, lệ phí» table)."""
    officer = app.test_client()
    login(officer, "motcua")
    page = officer.get(f"/mot-cua/ho-so/{dossier_id}").get_data(as_text=True)
    return page[page.index('id="phi"'):]


def test_a_superseded_attempt_paid_later_is_refused_and_never_charged(api, client, clean_app, clock, payment_gateway):
    dossier_id = accepted(api, clock)
    login(client, "congdan")
    first = start_payment(client, dossier_id)  # opened, then left unpaid: the citizen goes back
    back = pay_at_gateway(client, dossier_id)  # a second attempt, paid
    client.get(back[back.index("/thanh-toan/"):])
    assert dossier(api, dossier_id)["status"]["code"] == 4
    table = fee_table(clean_app, dossier_id)
    assert "Đã thay bằng lần nộp sau" in table and "Đang chờ cổng thanh toán" not in table
    # The first attempt's page, paid after all: our IPN answer refuses it, the gateway voids it.
    status, location, page = press_at_gateway(first)
    assert status == 200 and location is None
    assert "không nhận giao dịch" in page and "không bị trừ tiền" in page
    assert ipn_log(payment_gateway)[-1]["answer"] == {"RspCode": "01", "Message": "Order not found"}
    returned = html_lib.unescape(re.search(r'<a href="([^"]+)">Quay lại', page)[1])
    response = client.get(returned[returned.index("/thanh-toan/"):])
    assert response.location.endswith(f"/ho-so/{dossier_id}")
    assert "đã được thay bằng lần nộp sau, nên không được nhận" in client.get(response.location).get_data(as_text=True)
    assert payments(clean_app) == [("superseded", "99"), ("paid", "00")]  # voided: decided
    kinds = [e["kind"] for e in dossier(api, dossier_id)["history"]]
    assert kinds.count("fee_paid") == 1 and "fee_superseded_paid" not in kinds
    # Decided, so the reconciliation does not ask about it again.
    assert reconcile(clean_app, clock.now() + timedelta(minutes=30)) == 0
    assert "Phải hoàn trả" not in fee_table(clean_app, dossier_id)


def test_money_taken_for_a_superseded_attempt_is_owed_back(api, client, clean_app, clock, payment_gateway):
    dossier_id = accepted(api, clock)
    login(client, "congdan")
    first = start_payment(client, dossier_id)
    second = start_payment(client, dossier_id)
    # The first paid with its IPN lost: the gateway took the money, the citizen's return says so.
    status, back, _ = press_at_gateway(first, "00-no-ipn")
    assert status == 302
    response = client.get(back[back.index("/thanh-toan/"):])
    told = client.get(response.location).get_data(as_text=True)
    assert "Đã nhận 16.000 đồng nhưng hồ sơ không nhận khoản này" in told
    assert payments(clean_app) == [("refund_due", "00"), ("pending", None)]
    assert dossier(api, dossier_id)["status"]["code"] == 6  # not delivered: the fee is still due
    # Its IPN arriving late is told it was recorded, so the gateway keeps the money we owe back.
    late = client.get("/thanh-toan/ipn", query_string=dict(parse_qsl(urlsplit(back).query))).get_json()
    assert late["RspCode"] == "02"
    status, back, _ = press_at_gateway(second)
    assert status == 302 and dossier(api, dossier_id)["status"]["code"] == 4
    assert payments(clean_app) == [("refund_due", "00"), ("paid", "00")]
    assert "Phải hoàn trả" in fee_table(clean_app, dossier_id)
    kinds = [e["kind"] for e in dossier(api, dossier_id)["history"]]
    assert kinds.count("fee_superseded_paid") == 1 and kinds.count("fee_paid") == 1


def test_the_reconciliation_finds_money_taken_for_a_superseded_attempt(api, client, clean_app, clock,
                                                                      payment_gateway):
    dossier_id = accepted(api, clock)
    login(client, "congdan")
    first = start_payment(client, dossier_id)
    start_payment(client, dossier_id)
    assert press_at_gateway(first, "00-no-ipn")[0] == 302  # IPN lost, and the citizen closes the tab
    assert payments(clean_app) == [("superseded", None), ("pending", None)]
    # Asked later, the gateway says it was paid: owed back (the second, never opened, is left alone).
    assert reconcile(clean_app, clock.now() + timedelta(minutes=30)) == 1
    assert payments(clean_app) == [("refund_due", "00"), ("pending", None)]
    assert dossier(api, dossier_id)["status"]["code"] == 6


def test_cash_at_the_desk_supersedes_the_online_attempt(api, client, clean_app, clock, payment_gateway):
    dossier_id = accepted(api, clock)
    url = api.post(f"/dossiers/{dossier_id}/payment", "congdan").get_json()["payment_url"]
    assert api.post(f"/dossiers/{dossier_id}/fee", "motcua",
                    json={"channel": "counter", "despite_online": True}).status_code == 200
    status, _, page = press_at_gateway(url)  # the citizen pays online all the same
    assert status == 200 and "không bị trừ tiền" in page
    assert payments(clean_app) == [("superseded", None), ("paid", None)]
