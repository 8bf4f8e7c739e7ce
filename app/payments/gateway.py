"""The merchant side of the VNPay 2.1.0 protocol, which Vietnamese bank payment gateways speak:
the signed payment URL the citizen's browser is sent to, the check of what the gateway sends back
(IPN and return URL) and the answers it expects. No Flask: plain functions over str mappings."""
from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from urllib.parse import quote_plus
from zoneinfo import ZoneInfo

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
                client_ip: str, at: datetime, expire_minutes: int = 15) -> str:
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
