"""The transaction query (VNPay 2.1.0 "querydr"): a JSON POST to the gateway's merchant API, signed
with HMAC-SHA512 over the values joined with "|" in the documented order (checked here against
strings built by hand), and its answer, signed the same way in its own order. Over real HTTP with
the sandbox gateway, including a payment whose IPN was lost; and with a tiny fake gateway whose
answers are tampered with, which the merchant must refuse."""
from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import socket
from datetime import datetime, timedelta, timezone
from urllib.error import HTTPError
from urllib.parse import parse_qsl, urlsplit
from urllib.request import ProxyHandler, Request, build_opener

import pytest
from flask import Flask, jsonify, request

from app.payments.gateway import (GatewayResult, GatewaySettings, parse_query_response, query, query_request,
                                  query_url, sign_query_response, verify_query_request, verify_query_response)
from app.payments.sandbox import PAY_PATH, QUERY_PATH, serve_in_thread
from tests.payments.conftest import SECRET, TMN
from tests.payments.test_sandbox import _Form, _log, _pay_url, fetch

AT = datetime(2026, 3, 2, 1, 30, 5, tzinfo=timezone.utc)  # 08:30:05 in Hà Nội: the payment's creation
ASKED = AT + timedelta(minutes=25)  # 08:55:05: when the merchant asks
TXN = "17T1Rdeadbeef"
SETTINGS = GatewaySettings(url="http://127.0.0.1:8090/paymentv2/vpcpay.html", tmn_code=TMN, secret=SECRET)


def _hmac(data: str, secret: str = SECRET) -> str:
    return hmac.new(secret.encode(), data.encode(), hashlib.sha512).hexdigest()


def _answer(**changes) -> dict:
    """A gateway's answer that the transaction was paid, 8.000 đ, signed by hand in the documented
    order (ResponseId|Command|ResponseCode|Message|TmnCode|TxnRef|Amount|BankCode|PayDate|
    TransactionNo|TransactionType|TransactionStatus|OrderInfo|PromotionCode|PromotionAmount)."""
    body = {"vnp_ResponseId": "4f1c0e6b8a2d4c3e", "vnp_Command": "querydr", "vnp_ResponseCode": "00",
            "vnp_Message": "QueryDR Success", "vnp_TmnCode": TMN, "vnp_TxnRef": TXN, "vnp_Amount": "800000",
            "vnp_BankCode": "NCB", "vnp_PayDate": "20260302083512", "vnp_TransactionNo": "14012345",
            "vnp_TransactionType": "01", "vnp_TransactionStatus": "00", "vnp_OrderInfo": "Le phi ho so 17"}
    body.update(changes)
    secret = body.pop("secret", SECRET)
    body["vnp_SecureHash"] = _hmac("|".join("" if body.get(name) is None else str(body[name]) for name in (
        "vnp_ResponseId", "vnp_Command", "vnp_ResponseCode", "vnp_Message", "vnp_TmnCode", "vnp_TxnRef", "vnp_Amount",
        "vnp_BankCode", "vnp_PayDate", "vnp_TransactionNo", "vnp_TransactionType", "vnp_TransactionStatus",
        "vnp_OrderInfo", "vnp_PromotionCode", "vnp_PromotionAmount")), secret)
    return body


# --- The protocol, without a network -------------------------------------------------------------

def test_the_request_is_signed_over_its_fields_joined_in_the_documented_order():
    body = query_request(SETTINGS, txn_ref=TXN, transaction_date=AT, client_ip="203.0.113.7", at=ASKED,
                         request_id="a1B2c3")
    assert body == {
        "vnp_RequestId": "a1B2c3", "vnp_Version": "2.1.0", "vnp_Command": "querydr", "vnp_TmnCode": TMN,
        "vnp_TxnRef": TXN, "vnp_OrderInfo": f"Truy van ket qua giao dich {TXN}",
        "vnp_TransactionDate": "20260302083005", "vnp_CreateDate": "20260302085505", "vnp_IpAddr": "203.0.113.7",
        "vnp_SecureHash": body["vnp_SecureHash"],
    }
    # RequestId|Version|Command|TmnCode|TxnRef|TransactionDate|CreateDate|IpAddr|OrderInfo, as is.
    assert body["vnp_SecureHash"] == _hmac(f"a1B2c3|2.1.0|querydr|{TMN}|{TXN}|20260302083005|20260302085505|"
                                           f"203.0.113.7|Truy van ket qua giao dich {TXN}")
    assert verify_query_request(body, SECRET)
    assert not verify_query_request(body, "another secret")
    assert not verify_query_request({**body, "vnp_TxnRef": "17T1Rcafebabe"}, SECRET)
    assert not verify_query_request({**body, "vnp_SecureHash": ""}, SECRET)


@pytest.mark.parametrize("changes, message", [
    ({"request_id": ""}, "request_id"),
    ({"request_id": "a" * 33}, "request_id"),
    ({"request_id": "with-dash"}, "request_id"),
    ({"txn_ref": ""}, "txn_ref"),
    ({"at": datetime(2026, 3, 2, 8, 55)}, "timezone-aware"),
    ({"transaction_date": datetime(2026, 3, 2, 8, 30)}, "timezone-aware"),
])
def test_a_request_that_cannot_be_right_is_not_built(changes, message):
    arguments = dict(txn_ref=TXN, transaction_date=AT, client_ip="127.0.0.1", at=ASKED, request_id="r1")
    with pytest.raises(ValueError, match=message):
        query_request(SETTINGS, **{**arguments, **changes})


def test_the_api_address_is_the_payment_pages_origin():
    assert query_url(GatewaySettings("https://sandbox.vnpayment.vn/paymentv2/vpcpay.html", TMN, SECRET)) == \
        "https://sandbox.vnpayment.vn/merchant_webapi/api/transaction"
    assert query_url(GatewaySettings("http://[::1]:8090/paymentv2/vpcpay.html?x=1#y", TMN, SECRET)) == \
        "http://[::1]:8090/merchant_webapi/api/transaction"
    with pytest.raises(ValueError, match="origin"):
        query_url(GatewaySettings("/paymentv2/vpcpay.html", TMN, SECRET))


def test_the_answer_is_verified_over_its_own_order():
    answer = _answer()
    assert verify_query_response(answer, SECRET)
    assert verify_query_response({**answer, "vnp_Extra": "1"}, SECRET)  # not a signed field
    assert not verify_query_response(answer, "another secret")
    for name, value in (("vnp_TransactionStatus", "02"), ("vnp_Amount", "100"), ("vnp_TxnRef", "18T1R00"),
                        ("vnp_ResponseCode", "91"), ("vnp_PayDate", "20260302083513"), ("vnp_PromotionAmount", "1")):
        assert not verify_query_response({**answer, name: value}, SECRET), name
    assert not verify_query_response({k: v for k, v in answer.items() if k != "vnp_BankCode"}, SECRET)
    assert not verify_query_response({k: v for k, v in answer.items() if k != "vnp_SecureHash"}, SECRET)
    assert not verify_query_response({**answer, "vnp_SecureHash": "é" * 128}, SECRET)
    assert not verify_query_response({**answer, "vnp_SecureHash": 7}, SECRET)
    # JSON numbers are signed as their digits, absent fields as empty strings.
    numeric = _answer(vnp_Amount=800000, vnp_TransactionNo=14012345, vnp_PromotionAmount=0)
    assert json.loads(json.dumps(numeric))["vnp_Amount"] == 800000 and verify_query_response(numeric, SECRET)


def test_the_answer_reads_as_a_gateway_result():
    assert parse_query_response(_answer()) == GatewayResult(
        tmn_code=TMN, txn_ref=TXN, amount=8000, response_code="00", transaction_status="00",
        transaction_no="14012345", bank_code="NCB", paid_at=datetime(2026, 3, 2, 1, 35, 12, tzinfo=timezone.utc),
        succeeded=True)
    unfinished = parse_query_response(_answer(vnp_TransactionStatus="01", vnp_PayDate="", vnp_TransactionNo=""))
    assert (unfinished.succeeded, unfinished.transaction_status, unfinished.paid_at) == (False, "01", None)
    assert parse_query_response(_answer(vnp_Amount=800000)).amount == 8000
    # Not found, duplicate, refused: the query has nothing to say about the transaction.
    for code in ("91", "94", "97", "99"):
        assert parse_query_response(_answer(vnp_ResponseCode=code)) is None
    with pytest.raises(ValueError, match="vnp_Amount"):
        parse_query_response(_answer(vnp_Amount="800050"))
    with pytest.raises(ValueError, match="missing vnp_TransactionStatus"):
        parse_query_response(_answer(vnp_TransactionStatus=None))


# --- Over HTTP, with the sandbox gateway ---------------------------------------------------------

def _settings(server) -> GatewaySettings:
    return GatewaySettings(url=server.url + PAY_PATH, tmn_code=TMN, secret=SECRET)


def _open(sandbox, merchant, clock, txn_ref: str) -> dict[str, str]:
    """The citizen opens the gateway's page for a payment created at AT; its hidden form."""
    clock.at = AT + timedelta(minutes=1)
    status, _, page = fetch(_pay_url(sandbox, merchant, txn_ref=txn_ref, at=AT))
    assert status == 200
    return _Form(page).hidden


def _press(sandbox, form: dict[str, str], outcome: str) -> dict[str, str]:
    """A button of the gateway's page; the signed result the citizen's browser is sent back with."""
    status, headers, _ = fetch(sandbox.url + PAY_PATH, {**form, "outcome": outcome})
    assert status == 302
    return dict(parse_qsl(urlsplit(headers["Location"]).query))


def _query(server, txn_ref: str = TXN, transaction_date: datetime = AT, settings: GatewaySettings | None = None):
    return query(settings or _settings(server), txn_ref=txn_ref, transaction_date=transaction_date,
                 client_ip="127.0.0.1", at=ASKED, request_id=secrets.token_hex(8))


_direct = build_opener(ProxyHandler({}))


def post(url: str, data: bytes, content_type: str = "application/json") -> tuple[int, dict]:
    try:
        with _direct.open(Request(url, data=data, headers={"Content-Type": content_type}), timeout=10) as response:
            return response.status, json.loads(response.read())
    except HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_a_payment_whose_ipn_was_lost_is_learnt_by_querying_the_gateway(sandbox, merchant, clock):
    returned = _press(sandbox, _open(sandbox, merchant, clock, TXN), "00-no-ipn")
    assert merchant.received == [] and _log(sandbox) == []  # no IPN sent, none attempted
    assert (returned["vnp_ResponseCode"], returned["vnp_TransactionStatus"]) == ("00", "00")
    result = _query(sandbox)
    assert result == GatewayResult(
        tmn_code=TMN, txn_ref=TXN, amount=8000, response_code="00", transaction_status="00",
        transaction_no=returned["vnp_TransactionNo"], bank_code="NCB", paid_at=clock.at, succeeded=True)
    # The raw answer: every documented field, signed with the merchant's secret.
    request_body = query_request(_settings(sandbox), txn_ref=TXN, transaction_date=AT, client_ip="127.0.0.1",
                                 at=ASKED, request_id="raw1")
    status, answer = post(sandbox.url + QUERY_PATH, json.dumps(request_body).encode())
    assert status == 200 and verify_query_response(answer, SECRET)
    assert answer["vnp_SecureHash"] == sign_query_response(answer, SECRET)
    assert {k: answer[k] for k in ("vnp_Command", "vnp_ResponseCode", "vnp_TransactionType", "vnp_Amount",
                                   "vnp_TransactionStatus", "vnp_OrderInfo")} == {
        "vnp_Command": "querydr", "vnp_ResponseCode": "00", "vnp_TransactionType": "01", "vnp_Amount": "800000",
        "vnp_TransactionStatus": "00", "vnp_OrderInfo": "Le phi ho so H99-260302-0001"}
    assert re.fullmatch(r"[0-9a-f]{32}", answer["vnp_ResponseId"])
    # A query does not confirm anything: still no IPN.
    assert merchant.received == []


def test_the_gateway_tells_failed_unfinished_and_unknown_transactions(sandbox, merchant, clock):
    _press(sandbox, _open(sandbox, merchant, clock, "A1"), "24")  # cancelled
    cancelled = _query(sandbox, "A1")
    assert (cancelled.succeeded, cancelled.response_code, cancelled.transaction_status) == (False, "00", "02")
    _open(sandbox, merchant, clock, "A2")  # the page opened, nothing pressed
    unfinished = _query(sandbox, "A2")
    assert (unfinished.succeeded, unfinished.transaction_status, unfinished.paid_at) == (False, "01", None)
    assert unfinished.amount == 8000
    # Never opened: the gateway does not know it.
    assert _query(sandbox, "A3") is None
    body = query_request(_settings(sandbox), txn_ref="A3", transaction_date=AT, client_ip="127.0.0.1", at=ASKED,
                         request_id="raw2")
    status, answer = post(sandbox.url + QUERY_PATH, json.dumps(body).encode())
    assert status == 200 and answer["vnp_ResponseCode"] == "91" and verify_query_response(answer, SECRET)
    # Asked with another creation date than the pay request's: not found either.
    assert _query(sandbox, "A1", transaction_date=AT + timedelta(seconds=1)) is None


def test_the_sandbox_refuses_a_forged_or_malformed_query(sandbox, merchant, clock):
    _press(sandbox, _open(sandbox, merchant, clock, TXN), "00-no-ipn")
    url = sandbox.url + QUERY_PATH

    def ask(request_id: str, **changes) -> dict:
        body = query_request(_settings(sandbox), txn_ref=TXN, transaction_date=AT, client_ip="127.0.0.1", at=ASKED,
                             request_id=request_id)
        return {**body, **changes}

    # Changed after signing, or signed with another secret: 400, "97", nothing about the payment.
    for forged in (ask("f1", vnp_TxnRef="A9"), ask("f2", vnp_IpAddr="10.0.0.1"), ask("f3", vnp_SecureHash="00"),
                   {**ask("f4"), "vnp_SecureHash": query_request(
                       GatewaySettings(sandbox.url, TMN, "guessed"), txn_ref=TXN, transaction_date=AT,
                       client_ip="127.0.0.1", at=ASKED, request_id="f4")["vnp_SecureHash"]}):
        status, answer = post(url, json.dumps(forged).encode())
        assert (status, answer["vnp_ResponseCode"], answer["vnp_Amount"]) == (400, "97", ""), forged
        assert answer["vnp_TransactionStatus"] == "" and verify_query_response(answer, SECRET)
    status, answer = post(url, json.dumps(ask("u1", vnp_TmnCode="KHACH001")).encode())
    assert (status, answer["vnp_ResponseCode"]) == (400, "02") and "vnp_SecureHash" not in answer
    for raw, content_type in ((b"vnp_TxnRef=" + TXN.encode(), "application/x-www-form-urlencoded"),
                              (b"[1, 2]", "application/json"), (b"{", "application/json")):
        status, answer = post(url, raw, content_type)
        assert (status, answer["vnp_ResponseCode"]) == (400, "03")
    # Signed, but not a 2.1.0 querydr: refused as malformed.
    refund = ask("c1", vnp_Command="refund")
    refund["vnp_SecureHash"] = _hmac("|".join(refund[name] for name in (
        "vnp_RequestId", "vnp_Version", "vnp_Command", "vnp_TmnCode", "vnp_TxnRef", "vnp_TransactionDate",
        "vnp_CreateDate", "vnp_IpAddr", "vnp_OrderInfo")))
    status, answer = post(url, json.dumps(refund).encode())
    assert (status, answer["vnp_ResponseCode"]) == (400, "03")
    # The same request id twice: the second is a duplicate.
    assert post(url, json.dumps(ask("d1")).encode())[1]["vnp_ResponseCode"] == "00"
    status, answer = post(url, json.dumps(ask("d1")).encode())
    assert (status, answer["vnp_ResponseCode"], answer["vnp_TransactionStatus"]) == (200, "94", "")


# --- Over HTTP, with a gateway whose answers are not to be trusted -------------------------------

@pytest.fixture()
def fake_gateway():
    """A server answering the transaction query with whatever the test sets; it keeps the requests."""
    app = Flask("fake-gateway")
    state = {"answer": _answer(), "status": 200, "requests": []}

    @app.post(QUERY_PATH)
    def transaction():
        state["requests"].append((request.content_type, request.get_json(silent=True)))
        answer = state["answer"]
        return (answer, state["status"]) if isinstance(answer, str) else (jsonify(answer), state["status"])

    server = serve_in_thread(app, "127.0.0.1", 0)
    server.state = state
    yield server
    server.shutdown()


def test_a_genuine_answer_from_any_gateway_is_read(fake_gateway):
    result = _query(fake_gateway)
    assert result is not None and result.succeeded and result.transaction_no == "14012345"
    [(content_type, body)] = fake_gateway.state["requests"]
    assert content_type == "application/json" and verify_query_request(body, SECRET)
    assert (body["vnp_TxnRef"], body["vnp_TransactionDate"], body["vnp_CreateDate"]) == (
        TXN, "20260302083005", "20260302085505")


@pytest.mark.parametrize("answer, status", [
    ({**_answer(vnp_TransactionStatus="02"), "vnp_TransactionStatus": "00"}, 200),  # tampered after signing
    ({**_answer(vnp_Amount="100"), "vnp_Amount": "800000"}, 200),
    (_answer(secret="another secret"), 200),
    ({k: v for k, v in _answer().items() if k != "vnp_SecureHash"}, 200),
    (_answer(vnp_TxnRef="18T1Rcafebabe"), 200),  # signed, but about another transaction
    (_answer(vnp_TmnCode="KHACH001"), 200),  # or another merchant's
    (_answer(vnp_ResponseCode="91", vnp_TransactionStatus="", vnp_Amount=""), 200),  # not found
    (_answer(vnp_Amount="abc"), 200),  # signed, malformed
    ("<html>Service Unavailable</html>", 200),
    ([_answer()], 200),
    (_answer(), 500),
])
def test_a_doubtful_answer_is_no_answer(fake_gateway, answer, status):
    fake_gateway.state.update(answer=answer, status=status)
    assert _query(fake_gateway) is None


def test_an_unreachable_gateway_is_no_answer():
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    settings = GatewaySettings(url=f"http://127.0.0.1:{closed}{PAY_PATH}", tmn_code=TMN, secret=SECRET)
    assert _query(None, settings=settings) is None
