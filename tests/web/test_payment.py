"""Paying a dossier's fee online, end to end over real HTTP: the portal sends the citizen to the
local sandbox gateway (VNPay 2.1.0 protocol), the gateway confirms to the served app (IPN) and
sends the citizen back; the dossier goes on, its clock moved by the time waited, with a signed
receipt. Forged or replayed confirmations change nothing."""
from __future__ import annotations

import html as html_lib
import json
import re
import urllib.parse
import urllib.request
from datetime import timedelta

import pytest

from sqlalchemy import func, select

from tests.api.test_lifecycle import ACCEPT, BAN_SAO, BAN_SAO_FORM, dossier, submit
from tests.conftest import PAYMENT_SECRET as SECRET, vn
from tests.web.pages import csrf, login
from tests.workspace.helpers import pdf_text, pdfsig, qr_urls



class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def accepted(api, clock) -> int:
    clock.set(vn(2026, 11, 23, 9, 0))
    created = submit(api, BAN_SAO, {**BAN_SAO_FORM, "so_ban": 2})
    clock.set(vn(2026, 11, 23, 10, 0))
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT)
    return created["id"]


def start_payment(client, dossier_id: int) -> str:
    """The citizen presses "Thanh toán trực tuyến": the gateway address they are sent to."""
    token = csrf(client, f"/ho-so/{dossier_id}")
    response = client.post(f"/ho-so/{dossier_id}/nop-phi", data={"csrf_token": token})
    assert response.status_code == 303
    return response.location


def press_at_gateway(location: str, outcome: str = "00") -> tuple[int, str | None, str]:
    """The gateway's page at `location` opened and one of its buttons pressed: the status, the
    address the gateway sends the browser back to (a redirect), and the page it shows."""
    with urllib.request.urlopen(location, timeout=10) as page:
        body = page.read().decode()
    assert "16.000" in body  # two copies at 8.000 đồng
    fields = {html_lib.unescape(n): html_lib.unescape(v)
              for n, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', body)}
    action = urllib.parse.urljoin(location, re.search(r'<form method="post" action="([^"]+)"', body)[1])
    request = urllib.request.Request(action, data=urllib.parse.urlencode({**fields, "outcome": outcome}).encode())
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=20) as answer:
            return answer.status, None, answer.read().decode()
    except urllib.error.HTTPError as redirect:
        return redirect.code, redirect.headers["Location"], redirect.read().decode()


def pay_at_gateway(client, dossier_id: int, outcome: str = "00") -> str:
    """The citizen presses "Thanh toán trực tuyến", then a button of the gateway's page; the
    address the gateway sends them back to."""
    status, back, _ = press_at_gateway(start_payment(client, dossier_id), outcome)
    assert status == 302, "the gateway did not send the citizen back"
    return back


def ipn_log(gateway) -> list[dict]:
    with urllib.request.urlopen(gateway.url + "/nhat-ky", timeout=5) as response:
        return json.loads(response.read())


@pytest.mark.rule("QT-40")
def test_a_citizen_pays_online_and_gets_a_signed_receipt(api, client, clean_app, clock, payment_gateway, tmp_path):
    dossier_id = accepted(api, clock)
    login(client, "congdan")
    page = client.get(f"/ho-so/{dossier_id}").get_data(as_text=True)
    assert "Nộp phí, lệ phí" in page and "16.000 đồng" in page and "Thanh toán trực tuyến" in page
    clock.set(vn(2026, 11, 23, 11, 0))
    back = pay_at_gateway(client, dossier_id)
    # The gateway's own call reached the app first and was confirmed.
    log = ipn_log(payment_gateway)
    assert log[-1]["answer"] == {"RspCode": "00", "Message": "Confirm Success"}
    state = dossier(api, dossier_id)
    assert state["status"]["code"] == 4 and state["amount_due"] is None
    # An hour waiting for the citizen's money is not the agency's: due Thursday 11:00, not 10:00.
    assert state["due_at"] == "2026-11-26T11:00:00+07:00"
    # Coming back from the gateway: the payment is already settled, and said so once.
    response = client.get(back[back.index("/thanh-toan/"):])
    assert response.status_code == 303 and response.location.endswith(f"/ho-so/{dossier_id}")
    page = client.get(f"/ho-so/{dossier_id}").get_data(as_text=True)
    code = state["code"]
    assert f"Đã nộp 16.000 đồng. Biên lai điện tử {code}-BL1" in page and "Thanh toán trực tuyến" not in page
    # The same address opened by someone else (a shared computer's history) tells them nothing.
    stranger = clean_app.test_client()
    told = stranger.get(back[back.index("/thanh-toan/"):], follow_redirects=True).get_data(as_text=True)
    assert "Đã ghi nhận kết quả thanh toán" in told and "16.000" not in told and "BL1" not in told
    # The receipt: signed by the agency, verifiable by its code, its QR code leading there.
    verified = client.get(f"/xac-thuc/{code}-BL1").get_data(as_text=True)
    assert "hợp lệ" in verified and "không hợp lệ" not in verified
    with clean_app.app_context():
        from app.payments.receipts import find_pdf
        pdf = find_pdf(f"{code}-BL1")
    assert "Signature is Valid." in pdfsig(pdf, tmp_path)
    text = " ".join(pdf_text(pdf, tmp_path).split())
    assert "BIÊN LAI THU PHÍ, LỆ PHÍ" in text and "Mười sáu nghìn đồng" in text and "Nguyễn Văn An" in text
    [url] = qr_urls(pdf, tmp_path)  # with the receipt's key (result_keys.py), which shows its record
    assert re.fullmatch(re.escape(f"{clean_app.config['MOTCUA_PUBLIC_URL']}/xac-thuc/{code}-BL1?k=") + r"[\w-]{16}", url)
    kinds = [e["kind"] for e in state["history"]]
    assert kinds.count("fee_requested") == 1 and kinds.count("fee_paid") == 1


def test_a_failed_payment_leaves_the_fee_to_pay_and_a_retry_pays_it(api, client, clean_app, clock, payment_gateway):
    dossier_id = accepted(api, clock)
    login(client, "congdan")
    back = pay_at_gateway(client, dossier_id, outcome="51")  # insufficient balance
    client.get(back[back.index("/thanh-toan/"):])
    page = client.get(f"/ho-so/{dossier_id}").get_data(as_text=True)
    assert "Thanh toán chưa thành công" in page and "không đủ số dư" in page
    assert dossier(api, dossier_id)["status"]["code"] == 6
    pay_at_gateway(client, dossier_id)  # a new transaction
    assert dossier(api, dossier_id)["status"]["code"] == 4
    # The failed attempt's address opened again (history, back button): it says what it was,
    # not that the fee is still to pay.
    client.get(back[back.index("/thanh-toan/"):])
    page = client.get(f"/ho-so/{dossier_id}").get_data(as_text=True)
    assert "Lần thanh toán này không thành công" in page and "không phải thanh toán lại" in page
    assert "vẫn chờ nộp phí" not in page
    with clean_app.app_context():
        from app.db import db
        from app.payments.models import Payment
        states = [p.state for p in db.session.execute(select(Payment).order_by(Payment.number)).scalars()]
        db.session.remove()
    assert states == ["failed", "paid"]


def test_forged_or_replayed_confirmations_change_nothing(api, client, clean_app, clock, payment_gateway):
    from app.payments.gateway import sign
    dossier_id = accepted(api, clock)
    login(client, "congdan")
    back = pay_at_gateway(client, dossier_id, outcome="24")  # cancelled: nothing paid
    params = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(back).query))

    def ipn(values: dict) -> str:
        return client.get("/thanh-toan/ipn", query_string=values).get_json()["RspCode"]

    def events() -> int:
        with clean_app.app_context():
            from app.db import db
            from app.dossiers.models import DossierEvent
            count = db.session.execute(select(func.count()).select_from(DossierEvent)).scalar()
            db.session.remove()
        return count

    before = events()
    success = {**params, "vnp_ResponseCode": "00", "vnp_TransactionStatus": "00"}
    assert ipn(success) == "97"  # changed after signing: the signature no longer holds
    assert ipn({**success, "vnp_SecureHash": sign(success, "not-the-secret")}) == "97"
    assert ipn({**success, "vnp_TmnCode": "OTHER", "vnp_SecureHash": sign({**success, "vnp_TmnCode": "OTHER"},
                                                                          SECRET)}) == "97"
    unknown = {**success, "vnp_TxnRef": "999T1Rdeadbeef"}
    assert ipn({**unknown, "vnp_SecureHash": sign(unknown, SECRET)}) == "01"
    assert ipn(params) == "02"  # the cancellation, replayed: already recorded
    assert events() == before and dossier(api, dossier_id)["status"]["code"] == 6
    # A genuine success for a new transaction with the wrong amount is refused too.
    token = csrf(client, f"/ho-so/{dossier_id}")
    location = client.post(f"/ho-so/{dossier_id}/nop-phi", data={"csrf_token": token}).location
    txn = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))["vnp_TxnRef"]
    cheap = {**success, "vnp_TxnRef": txn, "vnp_Amount": "100000"}
    assert ipn({**cheap, "vnp_SecureHash": sign(cheap, SECRET)}) == "04"
    # Not recorded as paid, but written down for whoever reconciles the gateway's statement.
    state = dossier(api, dossier_id, user="motcua")
    assert events() == before + 1 and state["status"]["code"] == 6
    assert state["history"][-1]["summary"].startswith("Cổng thanh toán báo đã thu 1.000 đồng, khác số phải nộp 16.000")
    before += 1
    # The citizen's browser brought back with forged values: told so, nothing recorded.
    response = client.get("/thanh-toan/ket-qua", query_string=success)
    assert response.status_code == 303
    assert "không hợp lệ" in client.get(response.location).get_data(as_text=True)
    assert events() == before


@pytest.mark.rule("QT-40")
def test_without_a_gateway_the_fee_is_taken_at_the_desk(api, client, clean_app, clock, mail_sink):
    from app.mail.outbox import deliver_pending
    dossier_id = accepted(api, clock)
    with clean_app.app_context():
        deliver_pending(clock.now())
    mails = {m["Subject"]: m.get_content() for m in mail_sink.messages}
    code = dossier(api, dossier_id)["code"]
    assert "16.000 đồng" in mails[f"Hồ sơ {code}: mời nộp phí, lệ phí"]
    login(client, "congdan")
    page = client.get(f"/ho-so/{dossier_id}").get_data(as_text=True)
    assert "16.000 đồng" in page and "Thanh toán trực tuyến" not in page and "Bộ phận Một cửa" in page
    token = csrf(client, f"/ho-so/{dossier_id}")
    response = client.post(f"/ho-so/{dossier_id}/nop-phi", data={"csrf_token": token})
    assert "chưa kết nối cổng thanh toán" in client.get(response.location).get_data(as_text=True)
    # The desk's page offers to take it; a citizen may not.
    assert client.post(f"/mot-cua/ho-so/{dossier_id}/thu-phi", data={"csrf_token": token}).status_code in (302, 403)
    officer = clean_app.test_client()
    login(officer, "motcua")
    desk_page = officer.get(f"/mot-cua/ho-so/{dossier_id}").get_data(as_text=True)
    assert "Thu phí, lệ phí" in desk_page and "16.000 đồng" in desk_page
    token = csrf(officer, f"/mot-cua/ho-so/{dossier_id}")
    response = officer.post(f"/mot-cua/ho-so/{dossier_id}/thu-phi", data={"csrf_token": token, "hinh_thuc": "counter"})
    assert response.status_code == 303
    desk_page = officer.get(response.location).get_data(as_text=True)
    state = dossier(api, dossier_id)
    assert f"Đã thu 16.000 đồng trực tiếp tại Bộ phận Một cửa; biên lai điện tử {state['code']}-BL1" in desk_page
    ledger = desk_page[desk_page.index('id="phi"'):desk_page.index('id="ket-qua"')]
    assert "16.000" in ledger and "Trực tiếp tại quầy" in ledger and "Đã nộp" in ledger and f"{state['code']}-BL1" in ledger
    assert state["status"]["code"] == 4
    # Sent twice at once (a double click): the second says what the first did, and takes nothing.
    twice = officer.post(f"/mot-cua/ho-so/{dossier_id}/thu-phi", data={"csrf_token": token, "hinh_thuc": "counter"})
    assert f"biên lai điện tử {state['code']}-BL1" in officer.get(twice.location).get_data(as_text=True)
    # Taking it again later is refused with a reason, and changes nothing.
    clock.set(clock.now() + timedelta(minutes=5))
    again = officer.post(f"/mot-cua/ho-so/{dossier_id}/thu-phi", data={"csrf_token": token})
    assert "không chờ nộp phí" in officer.get(again.location).get_data(as_text=True)
    assert len(dossier(api, dossier_id)["history"]) == len(state["history"])


def test_money_for_a_dossier_withdrawn_meanwhile_is_recorded_for_refund(api, client, clean_app, clock,
                                                                        payment_gateway):
    dossier_id = accepted(api, clock)
    login(client, "congdan")
    token = csrf(client, f"/ho-so/{dossier_id}")
    location = client.post(f"/ho-so/{dossier_id}/nop-phi", data={"csrf_token": token}).location
    sent = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))
    # While the citizen is at the gateway, the dossier is withdrawn (from another window).
    response = api.post(f"/dossiers/{dossier_id}/withdraw", "congdan", json={"data": {"ly_do_rut": "Nộp nhầm."}})
    assert response.status_code == 200
    assert _gateway_says(client, sent, clock, "00") == "00"  # the gateway's money is acknowledged, never lost
    state = dossier(api, dossier_id)
    assert state["status"]["code"] == 7
    assert [e["kind"] for e in state["history"]][-1] == "fee_refund_due"
    with clean_app.app_context():
        from app.db import db
        from app.payments.models import Payment
        payment = db.session.execute(select(Payment)).scalar_one()
        assert (payment.state, payment.amount, payment.transaction_no) == ("refund_due", 16000, "14226199")
        db.session.remove()
    officer = clean_app.test_client()
    login(officer, "motcua")
    desk_page = officer.get(f"/mot-cua/ho-so/{dossier_id}").get_data(as_text=True)
    assert "Phải hoàn trả" in desk_page and "14226199" in desk_page
    owed = officer.get("/mot-cua/thu-phi?ngay=2026-11-20").get_data(as_text=True)  # another day: still owed
    assert "Phải hoàn trả (mọi ngày)" in owed and "16.000 đồng, nhận lúc" in owed
    # The desk gives it back and says how; without saying how, nothing is recorded.
    token = csrf(officer, f"/mot-cua/ho-so/{dossier_id}")
    blank = officer.post(f"/mot-cua/ho-so/{dossier_id}/hoan-phi/1", data={"csrf_token": token, "cach_hoan": " "})
    assert "Ghi cách đã hoàn trả" in officer.get(blank.location).get_data(as_text=True)
    done = officer.post(f"/mot-cua/ho-so/{dossier_id}/hoan-phi/1",
                        data={"csrf_token": token, "cach_hoan": "Tiền mặt tại quầy, công dân ký nhận"})
    page = officer.get(done.location).get_data(as_text=True)
    assert "Đã ghi nhận hoàn trả 16.000 đồng: Tiền mặt tại quầy, công dân ký nhận." in page and "Đã hoàn trả" in page
    assert "Phải hoàn trả (mọi ngày)" not in officer.get("/mot-cua/thu-phi").get_data(as_text=True)
    assert dossier(api, dossier_id)["history"][-1]["summary"].startswith("Hoàn trả 16.000 đồng phí, lệ phí đã nhận")
    again = officer.post(f"/mot-cua/ho-so/{dossier_id}/hoan-phi/1", data={"csrf_token": token, "cach_hoan": "x"})
    assert "không ở tình trạng phải hoàn trả" in officer.get(again.location).get_data(as_text=True)


def test_a_mobile_app_gets_the_gateway_address_over_the_api(api, clean_app, clock, payment_gateway):
    dossier_id = accepted(api, clock)
    response = api.post(f"/dossiers/{dossier_id}/payment", "congdan")
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["amount"] == 16000 and body["payment_url"].startswith(payment_gateway.url)
    sent = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(body["payment_url"]).query))
    assert sent["vnp_Amount"] == "1600000" and sent["vnp_ReturnUrl"].endswith("/thanh-toan/ket-qua")
    # Not the owner, or nothing to pay: refused with a reason, no transaction made.
    assert api.post(f"/dossiers/{dossier_id}/payment", "motcua").status_code == 403
    # The desk will not take cash while that attempt may still take the money, unless the
    # citizen says they are not paying online.
    busy = api.post(f"/dossiers/{dossier_id}/fee", "motcua", json={"channel": "counter"})
    assert busy.status_code == 409 and "Công dân đang thanh toán trực tuyến" in busy.get_json()["error"]["message"]
    assert api.post(f"/dossiers/{dossier_id}/fee", "motcua",
                    json={"channel": "counter", "despite_online": True}).status_code == 200
    refused = api.post(f"/dossiers/{dossier_id}/payment", "congdan")
    assert refused.status_code == 409 and "không chờ nộp phí" in refused.get_json()["error"]["message"]


def test_the_days_fees_add_up_for_the_desk_and_the_accountant(api, client, clean_app, clock, payment_gateway):
    online_id = accepted(api, clock)
    login(client, "congdan")
    pay_at_gateway(client, online_id)
    clock.set(vn(2026, 11, 23, 14, 0))
    formula = '=HYPERLINK("http://evil.example/","Nguyễn Văn An")'  # a name a spreadsheet would run
    cash_id = submit(api, BAN_SAO, {**BAN_SAO_FORM, "so_ban": 3, "ho_ten_nguoi_yeu_cau": formula})["id"]
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT)
    assert api.post(f"/dossiers/{cash_id}/fee", "motcua", json={"channel": "counter"}).status_code == 200
    officer = clean_app.test_client()
    login(officer, "motcua")
    page = officer.get("/mot-cua/thu-phi?ngay=2026-11-23").get_data(as_text=True)
    assert "1 khoản, 16.000 đồng" in page and "1 khoản, 24.000 đồng" in page  # online; cash at the counter
    assert "40.000 đồng" in page and "Trần Thị Bình thu" in page
    sheet = officer.get("/mot-cua/thu-phi?ngay=2026-11-23&csv=1")
    assert sheet.mimetype == "text/csv" and sheet.data.startswith("\ufeff".encode())
    rows = sheet.data.decode("utf-8-sig").splitlines()
    assert rows[0].startswith("Thời điểm nộp,Mã hồ sơ") and len(rows) == 3 and "24000" in rows[2]
    assert ",\"'=HYPERLINK(" in rows[2] and ",\"=HYPERLINK(" not in rows[2]  # shown as text, never run
    assert "Chưa có khoản nào" in officer.get("/mot-cua/thu-phi?ngay=2026-11-20").get_data(as_text=True)
    assert "Chưa đối soát" not in page
    # An online attempt the gateway has not decided shows until it is.
    third = submit(api, BAN_SAO, BAN_SAO_FORM)["id"]
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT)
    assert api.post(f"/dossiers/{third}/payment", "congdan").status_code == 201
    page = officer.get("/mot-cua/thu-phi?ngay=2026-11-23").get_data(as_text=True)
    assert "Chưa đối soát" in page and "8.000 đồng, tạo lúc 14:00 ngày 23/11/2026" in page
    specialist = clean_app.test_client()
    login(specialist, "chuyenvien")
    assert specialist.get("/mot-cua/thu-phi").status_code == 403


@pytest.mark.rule("QT-40")
def test_the_national_index_also_stops_its_clock_for_the_fee(api, clock):
    """Accepted Monday 10:00 (due Thursday 10:00); fee paid Wednesday 10:00 (8 working hours);
    a supplement asked Wednesday 14:00 comes back Thursday 14:00 (8 more): the law restarts the
    time (due Monday 30/11 14:00), the index moves the first appointment by both waits."""
    from tests.api.test_lifecycle import pay
    dossier_id = accepted(api, clock)
    clock.set(vn(2026, 11, 25, 10, 0))
    assert pay(api, dossier_id)["due_at"] == "2026-11-27T10:00:00+07:00"
    clock.set(vn(2026, 11, 25, 14, 0))
    api.complete("chuyenvien", "Thẩm định hồ sơ", {"ket_qua_tham_dinh": "yeu_cau_bo_sung", "ly_do": "Thiếu.",
                                                  "thanh_phan_can_bo_sung": [{"thanh_phan": "CCCD",
                                                                              "yeu_cau": "Bản chụp rõ."}]})
    clock.set(vn(2026, 11, 26, 14, 0))
    assert api.post(f"/dossiers/{dossier_id}/supplement", "congdan",
                    json={"data": {"so_dien_thoai": "0912345679"}}).status_code == 200
    state = dossier(api, dossier_id)
    assert state["due_at"] == "2026-11-30T14:00:00+07:00"
    assert state["index_due_at"] == "2026-11-30T10:00:00+07:00"


def _gateway_says(client, sent: dict, clock, code: str) -> str:
    """The gateway's signed word on the transaction `sent` (what we sent it), with `code`."""
    from app.payments.gateway import format_stamp, sign
    said = {"vnp_TmnCode": sent["vnp_TmnCode"], "vnp_TxnRef": sent["vnp_TxnRef"], "vnp_Amount": sent["vnp_Amount"],
            "vnp_ResponseCode": code, "vnp_TransactionStatus": code, "vnp_TransactionNo": "14226199",
            "vnp_BankCode": "NCB", "vnp_PayDate": format_stamp(clock.now()), "vnp_OrderInfo": sent["vnp_OrderInfo"]}
    return client.get("/thanh-toan/ipn", query_string={**said, "vnp_SecureHash": sign(said, SECRET)}).get_json()["RspCode"]


def test_money_the_bank_holds_for_review_is_never_asked_twice(api, client, clean_app, clock, payment_gateway):
    dossier_id = accepted(api, clock)
    login(client, "congdan")
    token = csrf(client, f"/ho-so/{dossier_id}")
    location = client.post(f"/ho-so/{dossier_id}/nop-phi", data={"csrf_token": token}).location
    sent = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))
    page = client.get(f"/ho-so/{dossier_id}").get_data(as_text=True)
    assert "cổng thanh toán chưa báo kết quả" in page and "Thanh toán lại" in page  # back without paying
    assert _gateway_says(client, sent, clock, "07") == "00"  # debited, held for review
    page = client.get(f"/ho-so/{dossier_id}").get_data(as_text=True)
    assert "đang xem xét giao dịch" in page and "Vui lòng không thanh toán lại" in page and "nop-phi\" method" not in page
    again = client.post(f"/ho-so/{dossier_id}/nop-phi", data={"csrf_token": token})
    assert "đang xem xét giao dịch" in client.get(again.location).get_data(as_text=True)
    desk = api.post(f"/dossiers/{dossier_id}/fee", "motcua", json={"despite_online": True})
    assert desk.status_code == 409 and "không thu tiền mặt" in desk.get_json()["error"]["message"]
    # The bank's final word: paid.
    assert _gateway_says(client, sent, clock, "00") == "00"
    assert dossier(api, dossier_id)["status"]["code"] == 4
