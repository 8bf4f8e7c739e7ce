"""The merchant side of the VNPay 2.1.0 protocol, which Vietnamese bank payment gateways speak:
the signed payment URL the citizen's browser is sent to, the check of what the gateway sends back
(IPN and return URL) and the answers it expects, and the transaction query ("querydr") asking the
gateway what became of a transaction whose confirmation never arrived. No Flask: plain functions
over str mappings, and one HTTP call."""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from urllib.error import HTTPError
from urllib.parse import quote_plus, urlsplit
from urllib.request import ProxyHandler, Request, build_opener
from zoneinfo import ZoneInfo

log = logging.getLogger(__name__)

VERSION = "2.1.0"
# The gateway reads and writes its timestamps as Vietnamese wall-clock time, without an offset.
GATEWAY_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
STAMP_FORMAT = "%Y%m%d%H%M%S"
HASH_FIELDS = ("vnp_SecureHash", "vnp_SecureHashType")
# Every field of a pay request; the gateway refuses a request that lacks one.
PAY_FIELDS = ("vnp_Version", "vnp_Command", "vnp_TmnCode", "vnp_Amount", "vnp_CurrCode", "vnp_TxnRef",
              "vnp_OrderInfo", "vnp_OrderType", "vnp_Locale", "vnp_ReturnUrl", "vnp_IpAddr",
              "vnp_CreateDate", "vnp_ExpireDate")
RESULT_FIELDS = ("vnp_TmnCode", "vnp_TxnRef", "vnp_Amount", "vnp_ResponseCode", "vnp_TransactionStatus")
SUCCESS = "00"
EXPIRE_MINUTES = 15  # how long a payment URL may be paid; the gateway refuses it afterwards

# The transaction query (vnp_Command=querydr): a JSON POST to the gateway's merchant API, signed
# with HMAC-SHA512 over the values joined with "|" in the documented order, not a query string.
QUERY_PATH = "/merchant_webapi/api/transaction"
QUERY_COMMAND = "querydr"
QUERY_REQUEST_FIELDS = ("vnp_RequestId", "vnp_Version", "vnp_Command", "vnp_TmnCode", "vnp_TxnRef",
                        "vnp_TransactionDate", "vnp_CreateDate", "vnp_IpAddr", "vnp_OrderInfo")
QUERY_RESPONSE_FIELDS = ("vnp_ResponseId", "vnp_Command", "vnp_ResponseCode", "vnp_Message", "vnp_TmnCode",
                         "vnp_TxnRef", "vnp_Amount", "vnp_BankCode", "vnp_PayDate", "vnp_TransactionNo",
                         "vnp_TransactionType", "vnp_TransactionStatus", "vnp_OrderInfo", "vnp_PromotionCode",
                         "vnp_PromotionAmount")
# vnp_ResponseCode of a query: about the query, not the payment (that is vnp_TransactionStatus).
QUERY_OK, QUERY_NOT_FOUND = "00", "91"
QUERY_MESSAGES = {
    "00": "Request successful",
    "02": "Invalid merchant",
    "03": "Invalid data format",
    "91": "Transaction not found",
    "94": "Duplicate request",
    "97": "Invalid checksum",
    "99": "Unknown error",
}
# vnp_TransactionStatus: the payment's state at the gateway.
PAID, UNFINISHED, FAILED, REVERSED, SUSPECTED = "00", "01", "02", "04", "07"
# Queries go straight to the gateway: a proxy from the environment must not take them.
_http = build_opener(ProxyHandler({}))

# What the merchant answers the gateway's IPN call; the gateway reads only the code.
IPN_MESSAGES = {
    "00": "Confirm Success",
    "01": "Order not found",
    "02": "Order already confirmed",
    "04": "Invalid amount",
    "97": "Invalid signature",
    "99": "Unknown error",
}

# What the citizen reads about a gateway response code, on the page the gateway returns them to.
RESPONSE_TEXTS = {
    "00": "Thanh toán thành công.",
    "07": "Đã trừ tiền nhưng giao dịch đang bị nghi ngờ (liên quan tới lừa đảo hoặc giao dịch bất thường); "
          "ngân hàng sẽ kiểm tra và thông báo lại.",
    "09": "Giao dịch không thành công: thẻ hoặc tài khoản chưa đăng ký dịch vụ Internet Banking tại ngân hàng.",
    "10": "Giao dịch không thành công: xác thực thông tin thẻ hoặc tài khoản không đúng quá 3 lần.",
    "11": "Giao dịch không thành công: đã hết thời gian chờ thanh toán. Xin vui lòng thực hiện lại giao dịch.",
    "12": "Giao dịch không thành công: thẻ hoặc tài khoản bị khóa.",
    "13": "Giao dịch không thành công: nhập sai mật khẩu xác thực giao dịch (OTP). Xin vui lòng thực hiện lại.",
    "24": "Giao dịch đã bị hủy theo yêu cầu của quý khách.",
    "51": "Giao dịch không thành công: tài khoản không đủ số dư để thực hiện giao dịch.",
    "65": "Giao dịch không thành công: tài khoản đã vượt quá hạn mức giao dịch trong ngày.",
    "75": "Ngân hàng thanh toán đang bảo trì. Xin vui lòng thử lại sau.",
    "79": "Giao dịch không thành công: nhập sai mật khẩu thanh toán quá số lần quy định. "
          "Xin vui lòng thực hiện lại giao dịch.",
    "99": "Giao dịch không thành công do lỗi khác.",
}
UNKNOWN_RESPONSE_TEXT = "Giao dịch không thành công (mã lỗi {code})."


@dataclass(frozen=True)
class GatewaySettings:
    url: str  # the gateway's payment page, e.g. https://sandbox.vnpayment.vn/paymentv2/vpcpay.html
    tmn_code: str  # the merchant's terminal code at the gateway
    secret: str  # the shared HMAC secret


@dataclass(frozen=True)
class GatewayResult:
    tmn_code: str
    txn_ref: str
    amount: int  # VND
    response_code: str
    transaction_status: str
    transaction_no: str
    bank_code: str
    paid_at: datetime | None  # timezone-aware (UTC)
    succeeded: bool


def _signed_data(params: Mapping[str, str]) -> str:
    """The query string the signature covers: every vnp_ field but the hash itself, sorted by key."""
    fields = sorted((k, v) for k, v in params.items() if k.startswith("vnp_") and k not in HASH_FIELDS)
    return "&".join(f"{quote_plus(k)}={quote_plus(str(v))}" for k, v in fields)


def sign(params: Mapping[str, str], secret: str) -> str:
    return hmac.new(secret.encode(), _signed_data(params).encode(), hashlib.sha512).hexdigest()


def verify(params: Mapping[str, str], secret: str) -> bool:
    given = params.get("vnp_SecureHash")
    if not given:
        return False
    # Bytes, so that a hash with non-ASCII characters is simply wrong rather than a TypeError.
    return hmac.compare_digest(sign(params, secret).encode(), str(given).lower().encode())


def format_stamp(at: datetime) -> str:
    if at.tzinfo is None:
        raise ValueError("the gateway needs a timezone-aware instant")
    return at.astimezone(GATEWAY_TZ).strftime(STAMP_FORMAT)


def parse_stamp(text: str, field: str = "timestamp") -> datetime:
    """yyyyMMddHHmmss in Vietnamese time, as an aware instant; ValueError naming the field."""
    # strptime alone would take "2026111" for a date: insist on the 14 digits.
    if not re.fullmatch(r"[0-9]{14}", text or ""):
        raise ValueError(f"{field} {text!r} is not a yyyyMMddHHmmss timestamp")
    try:
        return datetime.strptime(text, STAMP_FORMAT).replace(tzinfo=GATEWAY_TZ)
    except ValueError:
        raise ValueError(f"{field} {text!r} is not a valid date and time") from None


def parse_amount(text: str) -> int:
    """vnp_Amount (VND × 100, digits only) as whole VND; ValueError when it is anything else."""
    if not re.fullmatch(r"[0-9]{1,15}", text or ""):
        raise ValueError(f"vnp_Amount {text!r} is not a whole number")
    value = int(text)
    if value % 100:
        raise ValueError(f"vnp_Amount {text!r} is not a multiple of 100 (whole VND)")
    return value // 100


def _without_diacritics(text: str) -> str:
    # The gateway takes vnp_OrderInfo as Vietnamese without diacritics.
    text = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")


def payment_url(settings: GatewaySettings, *, txn_ref: str, amount: int, order_info: str, return_url: str,
                client_ip: str, at: datetime, expire_minutes: int = EXPIRE_MINUTES) -> str:
    """The gateway URL to send the citizen's browser to, to pay `amount` VND for `txn_ref`.
    A transaction reference may be paid once: make a new one for every attempt."""
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise ValueError(f"amount must be a positive whole number of VND, not {amount!r}")
    if not txn_ref:
        raise ValueError("txn_ref must not be empty")
    params = {
        "vnp_Version": VERSION,
        "vnp_Command": "pay",
        "vnp_TmnCode": settings.tmn_code,
        "vnp_Amount": str(amount * 100),
        "vnp_CurrCode": "VND",
        "vnp_TxnRef": txn_ref,
        "vnp_OrderInfo": _without_diacritics(order_info),
        "vnp_OrderType": "other",
        "vnp_Locale": "vn",
        "vnp_ReturnUrl": return_url,
        "vnp_IpAddr": client_ip,
        "vnp_CreateDate": format_stamp(at),
        "vnp_ExpireDate": format_stamp(at + timedelta(minutes=expire_minutes)),
    }
    separator = "&" if "?" in settings.url else "?"
    return f"{settings.url}{separator}{_signed_data(params)}&vnp_SecureHash={sign(params, settings.secret)}"


def parse_result(params: Mapping[str, str]) -> GatewayResult:
    """What the gateway reports (IPN or return URL). Check `verify` first: this reads, it does not
    authenticate. ValueError, naming the field, when a field is missing or malformed."""
    missing = [name for name in RESULT_FIELDS if not params.get(name)]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    pay_date = params.get("vnp_PayDate")
    response_code, status = params["vnp_ResponseCode"], params["vnp_TransactionStatus"]
    return GatewayResult(
        tmn_code=params["vnp_TmnCode"],
        txn_ref=params["vnp_TxnRef"],
        amount=parse_amount(params["vnp_Amount"]),
        response_code=response_code,
        transaction_status=status,
        transaction_no=params.get("vnp_TransactionNo", ""),
        bank_code=params.get("vnp_BankCode", ""),
        paid_at=parse_stamp(pay_date, "vnp_PayDate").astimezone(timezone.utc) if pay_date else None,
        # The gateway's documentation: paid only when both the response and the transaction say 00.
        succeeded=response_code == SUCCESS and status == SUCCESS,
    )


def ipn_answer(code: str) -> dict:
    """The JSON body answering an IPN call, e.g. {"RspCode": "00", "Message": "Confirm Success"}."""
    if code not in IPN_MESSAGES:
        raise ValueError(f"unknown IPN answer code {code!r}")
    return {"RspCode": code, "Message": IPN_MESSAGES[code]}


def response_text(code: str) -> str:
    return RESPONSE_TEXTS.get(code) or UNKNOWN_RESPONSE_TEXT.format(code=code)


def _text(value) -> str:
    """A JSON value as the gateway signs it: absent or null is empty, a number its digits."""
    return "" if value is None else str(value)


def _pipe_signature(values: Mapping, fields: tuple[str, ...], secret: str) -> str:
    data = "|".join(_text(values.get(name)) for name in fields)
    return hmac.new(secret.encode(), data.encode(), hashlib.sha512).hexdigest()


def query_url(settings: GatewaySettings) -> str:
    """The gateway's merchant API: the payment page's origin + /merchant_webapi/api/transaction,
    as VNPay lays out its hosts (sandbox.vnpayment.vn/paymentv2/vpcpay.html → …/merchant_webapi/…)."""
    parts = urlsplit(settings.url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"the payment URL {settings.url!r} has no http(s) origin")
    return f"{parts.scheme}://{parts.netloc}{QUERY_PATH}"


def query_request(settings: GatewaySettings, *, txn_ref: str, transaction_date: datetime, client_ip: str,
                  at: datetime, request_id: str) -> dict:
    """The signed JSON body asking the gateway about `txn_ref`. `transaction_date`: when the
    payment was created (its pay request's vnp_CreateDate); `client_ip`: this server's address;
    `request_id`: 1 to 32 letters or digits, never reused (the gateway refuses a repeat the same day)."""
    if not txn_ref:
        raise ValueError("txn_ref must not be empty")
    if not re.fullmatch(r"[A-Za-z0-9]{1,32}", request_id or ""):
        raise ValueError(f"request_id {request_id!r} must be 1 to 32 letters or digits")
    body = {
        "vnp_RequestId": request_id,
        "vnp_Version": VERSION,
        "vnp_Command": QUERY_COMMAND,
        "vnp_TmnCode": settings.tmn_code,
        "vnp_TxnRef": txn_ref,
        "vnp_OrderInfo": f"Truy van ket qua giao dich {txn_ref}",
        "vnp_TransactionDate": format_stamp(transaction_date),
        "vnp_CreateDate": format_stamp(at),
        "vnp_IpAddr": client_ip,
    }
    body["vnp_SecureHash"] = _pipe_signature(body, QUERY_REQUEST_FIELDS, settings.secret)
    return body


def _matches(given, expected: str) -> bool:
    # Bytes, so that a hash with non-ASCII characters is simply wrong rather than a TypeError.
    return isinstance(given, str) and bool(given) and hmac.compare_digest(expected.encode(), given.lower().encode())


def verify_query_request(body: Mapping, secret: str) -> bool:
    """The gateway's side: is a query body signed with `secret`? (The sandbox uses it.)"""
    return _matches(body.get("vnp_SecureHash"), _pipe_signature(body, QUERY_REQUEST_FIELDS, secret))


def sign_query_response(body: Mapping, secret: str) -> str:
    """The signature of a query answer (the gateway's side; the sandbox uses it)."""
    return _pipe_signature(body, QUERY_RESPONSE_FIELDS, secret)


def verify_query_response(body: Mapping, secret: str) -> bool:
    return _matches(body.get("vnp_SecureHash"), sign_query_response(body, secret))


def parse_query_response(body: Mapping) -> GatewayResult | None:
    """What a query answer says about the transaction; None when the query found nothing to say
    (vnp_ResponseCode other than 00: not found, refused, duplicate…). `response_code` is then
    the query's 00, so `succeeded` means paid (vnp_TransactionStatus 00). Check
    `verify_query_response` first. ValueError, naming the field, when one is missing or malformed."""
    if _text(body.get("vnp_ResponseCode")) != QUERY_OK:
        return None
    return parse_result({name: _text(value) for name, value in body.items()})


def query(settings: GatewaySettings, *, txn_ref: str, transaction_date: datetime, client_ip: str, at: datetime,
          request_id: str, timeout: float = 10) -> GatewayResult | None:
    """Ask the gateway what became of `txn_ref`: its signed word, or None when it cannot be had
    (unreachable, an error status, not JSON, a bad signature, another merchant's or transaction's
    answer, the transaction unknown to it (91) or any other refusal)."""
    body = query_request(settings, txn_ref=txn_ref, transaction_date=transaction_date, client_ip=client_ip,
                         at=at, request_id=request_id)
    url = query_url(settings)
    request = Request(url, data=json.dumps(body).encode(), method="POST",
                      headers={"Content-Type": "application/json", "Accept": "application/json"})
    try:
        with _http.open(request, timeout=timeout) as response:
            raw = response.read()
    except HTTPError as exc:
        log.warning("transaction query %s: the gateway answered HTTP %s", txn_ref, exc.code)
        return None
    except (OSError, ValueError) as exc:  # refused, unreachable, timed out
        log.warning("transaction query %s: the gateway at %s did not answer: %s", txn_ref, url, exc)
        return None
    try:
        answer = json.loads(raw)
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        log.warning("transaction query %s: the gateway's answer is not a JSON object", txn_ref)
        return None
    if not verify_query_response(answer, settings.secret):
        log.warning("transaction query %s: the answer's signature is wrong (code %r); ignored",
                    txn_ref, answer.get("vnp_ResponseCode"))
        return None
    code = _text(answer.get("vnp_ResponseCode"))
    if code != QUERY_OK:
        log.info("transaction query %s: the gateway answered %s (%s)", txn_ref, code, _text(answer.get("vnp_Message")))
        return None
    if _text(answer.get("vnp_TmnCode")) != settings.tmn_code or _text(answer.get("vnp_TxnRef")) != txn_ref:
        log.warning("transaction query %s: the answer is about %s/%s; ignored", txn_ref,
                    answer.get("vnp_TmnCode"), answer.get("vnp_TxnRef"))
        return None
    try:
        return parse_query_response(answer)
    except ValueError as exc:
        log.warning("transaction query %s: malformed answer: %s", txn_ref, exc)
        return None
