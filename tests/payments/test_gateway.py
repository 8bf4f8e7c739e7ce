"""The merchant side of the VNPay 2.1.0 protocol: signatures checked against HMAC-SHA512 computed
here by hand over the query string the protocol spells out, and the reading of gateway results."""
from __future__ import annotations

import hashlib
import hmac
import re
from datetime import datetime, timezone
from urllib.parse import parse_qsl, urlsplit

import pytest

from app.payments.gateway import (GatewayResult, GatewaySettings, ipn_answer, parse_result, payment_url,
                                  response_text, sign, verify)

SECRET = "SANDBOXSECRETKEY0123456789ABCDEF"
SETTINGS = GatewaySettings(url="http://127.0.0.1:8090/paymentv2/vpcpay.html", tmn_code="MOTCUA01", secret=SECRET)
AT = datetime(2026, 3, 2, 1, 30, 5, tzinfo=timezone.utc)  # 08:30:05 in Hà Nội


def _hmac(data: str) -> str:
    return hmac.new(SECRET.encode(), data.encode(), hashlib.sha512).hexdigest()


def _result(**changes) -> dict[str, str]:
    """An IPN of a successful payment of 8.000 đ, signed."""
    params = {"vnp_TmnCode": "MOTCUA01", "vnp_Amount": "800000", "vnp_BankCode": "NCB",
              "vnp_BankTranNo": "NCB20260302", "vnp_CardType": "ATM", "vnp_PayDate": "20260302083512",
              "vnp_OrderInfo": "Le phi ho so 000.00.12.H99-260302-0001", "vnp_TransactionNo": "14012345",
              "vnp_ResponseCode": "00", "vnp_TransactionStatus": "00", "vnp_TxnRef": "H99-260302-0001-1"}
    params.update(changes)
    params["vnp_SecureHash"] = sign(params, SECRET)
    return params


def test_sign_matches_a_vector_computed_by_hand():
    params = {"vnp_TxnRef": "A 1", "vnp_Amount": "800000", "vnp_OrderInfo": "Le phi: ho so/1&2",
              "vnp_ReturnUrl": "https://dvc.example.vn/thanh-toan/ket-qua?x=1"}
    # Sorted by key, quote_plus on every value: spaces as "+", reserved characters percent-encoded.
    data = ("vnp_Amount=800000&vnp_OrderInfo=Le+phi%3A+ho+so%2F1%262"
            "&vnp_ReturnUrl=https%3A%2F%2Fdvc.example.vn%2Fthanh-toan%2Fket-qua%3Fx%3D1&vnp_TxnRef=A+1")
    assert sign(params, SECRET) == _hmac(data)
    assert len(sign(params, SECRET)) == 128


def test_sign_leaves_out_the_hash_fields_and_foreign_params():
    params = {"vnp_Amount": "800000", "vnp_TxnRef": "R1"}
    noisy = {**params, "vnp_SecureHash": "abc", "vnp_SecureHashType": "HmacSHA512", "ho_so": "7"}
    assert sign(noisy, SECRET) == sign(params, SECRET) == _hmac("vnp_Amount=800000&vnp_TxnRef=R1")


def test_payment_url_carries_every_field_signed():
    url = payment_url(SETTINGS, txn_ref="H99-260302-0001-1", amount=8000,
                      order_info="Lệ phí hồ sơ 000.00.12.H99-260302-0001 (Đăng ký khai sinh)",
                      return_url="http://127.0.0.1:5000/thanh-toan/ket-qua", client_ip="203.0.113.7", at=AT)
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == SETTINGS.url
    params = dict(parse_qsl(parts.query, keep_blank_values=True))
    assert params == {
        "vnp_Version": "2.1.0", "vnp_Command": "pay", "vnp_TmnCode": "MOTCUA01", "vnp_Amount": "800000",
        "vnp_CurrCode": "VND", "vnp_TxnRef": "H99-260302-0001-1",
        "vnp_OrderInfo": "Le phi ho so 000.00.12.H99-260302-0001 (Dang ky khai sinh)",
        "vnp_OrderType": "other", "vnp_Locale": "vn", "vnp_ReturnUrl": "http://127.0.0.1:5000/thanh-toan/ket-qua",
        "vnp_IpAddr": "203.0.113.7", "vnp_CreateDate": "20260302083005", "vnp_ExpireDate": "20260302084505",
        "vnp_SecureHash": params["vnp_SecureHash"],
    }
    # The hash covers exactly the query string before it, as the gateway recomputes it.
    signed, _, given = parts.query.rpartition("&vnp_SecureHash=")
    assert given == _hmac(signed)
    assert signed.split("&")[0].startswith("vnp_Amount=") and verify(params, SECRET)


def test_payment_url_expiry_and_refusals():
    url = payment_url(SETTINGS, txn_ref="R", amount=1, order_info="x", return_url="http://r", client_ip="::1",
                      at=AT, expire_minutes=60)
    params = dict(parse_qsl(urlsplit(url).query))
    assert (params["vnp_Amount"], params["vnp_ExpireDate"]) == ("100", "20260302093005")
    common = dict(txn_ref="R", order_info="x", return_url="http://r", client_ip="::1")
    for amount in (8000.0, 0, -5, True, "8000"):
        with pytest.raises(ValueError, match="amount"):
            payment_url(SETTINGS, amount=amount, at=AT, **common)
    with pytest.raises(ValueError, match="timezone-aware"):
        payment_url(SETTINGS, amount=8000, at=datetime(2026, 3, 2, 8, 30), **common)
    with pytest.raises(ValueError, match="txn_ref"):
        payment_url(SETTINGS, amount=8000, at=AT, **{**common, "txn_ref": ""})


def test_verify_accepts_the_signed_result_only():
    params = _result()
    assert verify(params, SECRET)
    assert verify({**params, "vnp_SecureHash": params["vnp_SecureHash"].upper()}, SECRET)
    assert verify({**params, "ho_so": "7"}, SECRET)  # not a vnp_ field: not signed, not checked
    assert not verify(params, "another secret")
    assert not verify({**params, "vnp_Amount": "80000000"}, SECRET)
    assert not verify({**params, "vnp_ResponseCode": "24"}, SECRET)
    assert not verify({**params, "vnp_TxnRef": "H99-260302-0002-1"}, SECRET)
    assert not verify({**params, "vnp_Extra": "1"}, SECRET)
    assert not verify({k: v for k, v in params.items() if k != "vnp_BankCode"}, SECRET)
    assert not verify({k: v for k, v in params.items() if k != "vnp_SecureHash"}, SECRET)
    assert not verify({**params, "vnp_SecureHash": ""}, SECRET)
    assert not verify({**params, "vnp_SecureHash": "é" * 128}, SECRET)


def test_parse_result_reads_a_payment():
    result = parse_result(_result())
    assert result == GatewayResult(
        tmn_code="MOTCUA01", txn_ref="H99-260302-0001-1", amount=8000, response_code="00",
        transaction_status="00", transaction_no="14012345", bank_code="NCB",
        paid_at=datetime(2026, 3, 2, 1, 35, 12, tzinfo=timezone.utc), succeeded=True)
    assert isinstance(result.amount, int)
    cancelled = parse_result(_result(vnp_ResponseCode="24", vnp_TransactionStatus="02", vnp_PayDate=""))
    assert (cancelled.succeeded, cancelled.response_code, cancelled.paid_at) == (False, "24", None)
    # Success needs both codes.
    assert not parse_result(_result(vnp_TransactionStatus="01")).succeeded


@pytest.mark.parametrize("changes, message", [
    ({"vnp_Amount": "8000.00"}, "vnp_Amount '8000.00' is not a whole number"),
    ({"vnp_Amount": "-800000"}, "not a whole number"),
    ({"vnp_Amount": "abc"}, "not a whole number"),
    ({"vnp_Amount": "800050"}, "not a multiple of 100"),
    ({"vnp_PayDate": "20261302083512"}, "vnp_PayDate '20261302083512' is not a valid date"),
    ({"vnp_PayDate": "2026030208351"}, "is not a yyyyMMddHHmmss timestamp"),
    ({"vnp_PayDate": "2026-03-02T08:35"}, "is not a yyyyMMddHHmmss timestamp"),
    ({"vnp_TxnRef": ""}, "missing vnp_TxnRef"),
    ({"vnp_ResponseCode": "", "vnp_Amount": ""}, "missing vnp_Amount, vnp_ResponseCode"),
])
def test_parse_result_refuses_malformed_fields(changes, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_result(_result(**changes))


def test_ipn_answers_and_citizen_texts():
    assert ipn_answer("00") == {"RspCode": "00", "Message": "Confirm Success"}
    assert ipn_answer("97") == {"RspCode": "97", "Message": "Invalid signature"}
    assert [ipn_answer(code)["Message"] for code in ("01", "02", "04", "99")] == [
        "Order not found", "Order already confirmed", "Invalid amount", "Unknown error"]
    with pytest.raises(ValueError):
        ipn_answer("42")
    assert response_text("00") == "Thanh toán thành công."
    assert "không đủ số dư" in response_text("51")
    assert "hủy" in response_text("24")
    assert response_text("42") == "Giao dịch không thành công (mã lỗi 42)."
