"""Online payments the gateway never confirmed, reconciled by asking it (its transaction query),
over real HTTP with the sandbox gateway: a citizen pays but the gateway's IPN is lost and the
citizen closes the tab, so the dossier still waits for its fee; the scheduled reconciliation
settles it as the IPN would have, once. A payment abandoned at the gateway becomes failed once
its payment URL has expired; one the gateway never heard of is left alone."""
from __future__ import annotations

import socket
import urllib.request
from datetime import timedelta

from sqlalchemy import func, select

from tests.api.test_lifecycle import dossier
from tests.conftest import vn
from tests.web.pages import csrf, login
from tests.web.test_payment import accepted, ipn_log, pay_at_gateway


def reconcile(app, at, **kwargs) -> int:
    from app.db import db
    from app.payments.reconcile import reconcile_pending
    with app.app_context():
        try:
            return reconcile_pending(at, **kwargs)
        finally:
            db.session.remove()


def payments(app) -> list[tuple]:
    from app.db import db
    from app.payments.models import Payment
    with app.app_context():
        rows = db.session.execute(select(Payment.state, Payment.gateway_code, Payment.transaction_no, Payment.paid_at,
                                         Payment.receipt_code).order_by(Payment.number)).all()
        db.session.remove()
    return [tuple(row) for row in rows]


def events(app) -> int:
    from app.db import db
    from app.dossiers.models import DossierEvent
    with app.app_context():
        count = db.session.execute(select(func.count()).select_from(DossierEvent)).scalar()
        db.session.remove()
    return count


def open_gateway_page(client, dossier_id: int) -> None:
    """The citizen presses "Thanh toán trực tuyến" and the gateway's page opens; nothing more."""
    token = csrf(client, f"/ho-so/{dossier_id}")
    response = client.post(f"/ho-so/{dossier_id}/nop-phi", data={"csrf_token": token})
    assert response.status_code == 303
    with urllib.request.urlopen(response.location, timeout=10) as page:
        assert page.status == 200 and "16.000" in page.read().decode()


def test_a_payment_whose_ipn_was_lost_is_settled_by_asking_the_gateway(api, client, clean_app, clock,
                                                                       payment_gateway):
    dossier_id = accepted(api, clock)
    login(client, "congdan")
    clock.set(vn(2026, 11, 23, 11, 0))
    back = pay_at_gateway(client, dossier_id, outcome="00-no-ipn")  # and the tab closed: never followed
    assert ipn_log(payment_gateway) == []  # the gateway's confirmation never reached the app
    assert dossier(api, dossier_id)["status"]["code"] == 6
    [(state, *_)] = payments(clean_app)
    assert state == "pending"
    # Ten minutes on, the citizen may still be at the gateway: not asked yet.
    clock.set(vn(2026, 11, 23, 11, 10))
    assert reconcile(clean_app, clock.now()) == 0
    # Twenty-five minutes on, with the gateway unreachable: nothing learnt, nothing changed.
    clock.set(vn(2026, 11, 23, 11, 25))
    gateway_url = clean_app.config["MOTCUA_PAYMENT_URL"]
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    clean_app.config["MOTCUA_PAYMENT_URL"] = f"http://127.0.0.1:{closed}/paymentv2/vpcpay.html"
    try:
        assert reconcile(clean_app, clock.now()) == 0
    finally:
        clean_app.config["MOTCUA_PAYMENT_URL"] = gateway_url
    assert payments(clean_app)[0][0] == "pending" and dossier(api, dossier_id)["status"]["code"] == 6
    # The gateway answers: paid at 11:00. Settled as the IPN would have, with its signed receipt.
    assert reconcile(clean_app, clock.now()) == 1
    state = dossier(api, dossier_id)
    code = state["code"]
    assert state["status"]["code"] == 4 and state["amount_due"] is None
    # The wait ended when the bank took the money (11:00), not when the app learnt it (11:25).
    assert state["due_at"] == "2026-11-26T11:00:00+07:00"
    [(payment_state, gateway_code, transaction_no, paid_at, receipt)] = payments(clean_app)
    assert (payment_state, gateway_code, paid_at, receipt) == ("paid", "00", vn(2026, 11, 23, 11, 0), f"{code}-BL1")
    assert transaction_no.isdigit()
    kinds = [e["kind"] for e in state["history"]]
    assert kinds.count("fee_paid") == 1
    verified = client.get(f"/xac-thuc/{code}-BL1").get_data(as_text=True)
    assert "hợp lệ" in verified and "không hợp lệ" not in verified
    # A second run changes nothing; nor does the citizen coming back late with the gateway's result.
    before = events(clean_app)
    clock.set(vn(2026, 11, 23, 11, 45))
    assert reconcile(clean_app, clock.now()) == 0
    response = client.get(back[back.index("/thanh-toan/"):])
    assert response.status_code == 303 and response.location.endswith(f"/ho-so/{dossier_id}")
    page = client.get(f"/ho-so/{dossier_id}").get_data(as_text=True)
    assert f"Đã nộp 16.000 đồng. Biên lai điện tử {code}-BL1" in page and "Thanh toán trực tuyến" not in page
    assert events(clean_app) == before and payments(clean_app)[0][0] == "paid"
    assert dossier(api, dossier_id)["status"]["code"] == 4


def test_a_payment_abandoned_at_the_gateway_fails_once_it_has_expired(api, client, clean_app, clock,
                                                                      payment_gateway):
    dossier_id = accepted(api, clock)
    login(client, "congdan")
    clock.set(vn(2026, 11, 23, 11, 0))
    open_gateway_page(client, dossier_id)  # then the citizen walks away
    before = events(clean_app)
    # Asked early (the gateway still calls it unfinished, its URL valid until 11:15): left pending.
    clock.set(vn(2026, 11, 23, 11, 10))
    assert reconcile(clean_app, clock.now(), older_than=timedelta(minutes=5)) == 0
    assert payments(clean_app)[0][0] == "pending"
    # Twenty-five minutes on, long expired: failed, the fee still to pay, nothing on the dossier.
    clock.set(vn(2026, 11, 23, 11, 25))
    assert reconcile(clean_app, clock.now()) == 1
    [(state, gateway_code, _, paid_at, receipt)] = payments(clean_app)
    assert (state, gateway_code, paid_at, receipt) == ("failed", "11", None, None)
    assert dossier(api, dossier_id)["status"]["code"] == 6 and events(clean_app) == before
    assert "Thanh toán trực tuyến" in client.get(f"/ho-so/{dossier_id}").get_data(as_text=True)
    assert reconcile(clean_app, clock.now()) == 0
    # A new attempt the gateway never saw (the tab closed before its page opened): the gateway
    # does not know it (91), so nobody can say it will not be paid; it stays pending.
    clock.set(vn(2026, 11, 23, 11, 30))
    token = csrf(client, f"/ho-so/{dossier_id}")
    assert client.post(f"/ho-so/{dossier_id}/nop-phi", data={"csrf_token": token}).status_code == 303
    clock.set(vn(2026, 11, 23, 12, 0))
    assert reconcile(clean_app, clock.now()) == 0
    assert [p[0] for p in payments(clean_app)] == ["failed", "pending"]
    assert dossier(api, dossier_id)["status"]["code"] == 6 and ipn_log(payment_gateway) == []


def test_without_a_gateway_there_is_nothing_to_ask(api, client, clean_app, clock):
    dossier_id = accepted(api, clock)
    assert dossier(api, dossier_id)["status"]["code"] == 6
    assert reconcile(clean_app, clock.now() + timedelta(hours=1)) == 0


def test_the_operator_reconciles_now_from_the_command_line(api, client, clean_app, clock, database_url,
                                                          payment_gateway):
    """`motcua payments reconcile`, a process of its own on the same database, asks the gateway
    over HTTP as the scheduler would."""
    import os
    import subprocess
    import sys
    from pathlib import Path
    from datetime import datetime, timezone

    from tests.api.test_lifecycle import ACCEPT, BAN_SAO, BAN_SAO_FORM, submit
    # The command reads the wall clock: the payment is made two hours before it.
    start = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(hours=2)
    clock.set(start)
    dossier_id = submit(api, BAN_SAO, {**BAN_SAO_FORM, "so_ban": 2})["id"]
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT)
    login(client, "congdan")
    clock.set(start + timedelta(minutes=10))
    pay_at_gateway(client, dossier_id, outcome="00-no-ipn")
    config = clean_app.config
    env = {**os.environ, "MOTCUA_PAYMENT_URL": config["MOTCUA_PAYMENT_URL"], "MOTCUA_SECRET_KEY": "cli-test",
           "MOTCUA_PAYMENT_TMN_CODE": config["MOTCUA_PAYMENT_TMN_CODE"],
           "MOTCUA_PAYMENT_SECRET": config["MOTCUA_PAYMENT_SECRET"], "MOTCUA_KEYS_DIR": str(config["MOTCUA_KEYS_DIR"]),
           "MOTCUA_UPLOAD_DIR": str(config["MOTCUA_UPLOAD_DIR"])}
    done = subprocess.run([sys.executable, "-m", "app.cli", "payments", "reconcile", "--db", database_url],
                          cwd=Path(__file__).resolve().parents[2], env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "Đã cập nhật 1 giao dịch theo trả lời của cổng thanh toán." in done.stdout
    assert dossier(api, dossier_id)["status"]["code"] == 4
