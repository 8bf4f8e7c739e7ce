"""A local sandbox payment gateway speaking VNPay 2.1.0, so that tests and the demo pay through a
real HTTP server instead of a mock: it checks the merchant's signed request, lets the tester pick
an outcome, calls the merchant's IPN URL server-to-server (voiding a payment the merchant answers
it has no order for) and returns the browser to the merchant;
and it answers the merchant's transaction queries (querydr) about the transactions it has seen.
A Flask app of its own, not part of the product's app."""
from __future__ import annotations

import itertools
import json
import secrets
import socket
import threading
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.error import HTTPError
from urllib.parse import urlencode, urlsplit
from urllib.request import ProxyHandler, Request, build_opener

from flask import Flask, jsonify, redirect, render_template_string, request
from werkzeug.serving import make_server

from engine.numbers import grouped

from . import gateway

TEXT = {
    "title": "Cổng thanh toán thử nghiệm",
    "notice": "Môi trường thử nghiệm: không có giao dịch hay khoản tiền thật nào.",
    "merchant": "Mã đơn vị",
    "order_info": "Nội dung thanh toán",
    "txn_ref": "Mã giao dịch",
    "amount": "Số tiền",
    "currency": "đ",
    "choose": "Chọn kết quả giao dịch:",
    "outcomes": {
        "00": "Thanh toán",
        "51": "Thanh toán thất bại: tài khoản không đủ số dư",
        "24": "Hủy giao dịch",
    },
    # For tests, hidden from people: paid, but the IPN is lost on the way (the merchant learns
    # of it only by asking the gateway, or when the citizen comes back).
    "test_outcomes": {
        "00-no-ipn": "Thanh toán (không gửi IPN — mô phỏng mất kết nối)",
    },
    "error_title": "Không thể thực hiện giao dịch",
    "errors": {
        "repeated": "Yêu cầu thanh toán có tham số bị lặp lại.",
        "unknown_merchant": "Đơn vị chấp nhận thanh toán «{code}» chưa được đăng ký với cổng thanh toán.",
        "bad_signature": "Chữ ký của yêu cầu thanh toán không hợp lệ.",
        "missing": "Yêu cầu thanh toán thiếu thông tin: {fields}.",
        "bad_field": "Thông tin «{field}» của yêu cầu thanh toán không hợp lệ.",
        "bad_amount": "Số tiền thanh toán không hợp lệ.",
        "expired": "Giao dịch đã quá thời gian chờ thanh toán. Xin vui lòng thực hiện lại giao dịch.",
        "used": "Mã giao dịch «{ref}» đã được xử lý; mỗi lần thanh toán cần một mã giao dịch mới.",
        "bad_outcome": "Kết quả giao dịch được chọn không hợp lệ.",
        "refused": "Đơn vị chấp nhận thanh toán không nhận giao dịch «{ref}» (đơn hàng không còn hiệu lực), nên "
                   "giao dịch đã bị hủy: tài khoản của bạn không bị trừ tiền.",
    },
    "back": "Quay lại trang của đơn vị",
}

PAY_PATH = "/paymentv2/vpcpay.html"
QUERY_PATH = gateway.QUERY_PATH
NO_IPN = "00-no-ipn"  # a test outcome: paid, the IPN never sent
IPN_TIMEOUT_SECONDS = 10
LOG_SIZE = 200
EXPIRED = "11"  # the gateway's code for a payment not completed before vnp_ExpireDate
# The merchant's IPN answer that it has no such order (one it superseded): the payment is voided,
# as the merchant cannot cancel an order at the gateway itself; recorded as failed ("other error").
ORDER_REFUSED, VOIDED = "01", "99"
# The protocol's fixed fields, checked so a merchant bug shows here rather than at the real gateway.
FIXED_FIELDS = {"vnp_Version": gateway.VERSION, "vnp_Command": "pay", "vnp_CurrCode": "VND"}
# The IPN goes straight to the merchant: a proxy from the environment must not swallow loopback calls.
_http = build_opener(ProxyHandler({}))

PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ t.title }}</title>
<style>
 body { font-family: system-ui, sans-serif; margin: 0; padding: 1rem; background: #f4f6f8; color: #1b1b1b; }
 main { max-width: 28rem; margin: 0 auto; background: #fff; padding: 1.25rem; border-radius: .5rem; }
 h1 { font-size: 1.3rem; margin-top: 0; } dt { color: #555; font-size: .9rem; } dd { margin: 0 0 .75rem; }
 .amount { font-size: 1.5rem; font-weight: bold; } .notice { font-size: .9rem; color: #555; }
 .error { color: #a4001c; }
 button { display: block; width: 100%; padding: .8rem; margin: .5rem 0; font-size: 1rem; border: 0;
          border-radius: .4rem; background: #e3e6ea; color: #1b1b1b; cursor: pointer; }
 button.primary { background: #0b5ed7; color: #fff; }
</style></head>
<body><main>
<h1>{{ t.title }}</h1>
{% if error %}
 <h2 class="error">{{ t.error_title }}</h2><p class="error">{{ error }}</p>
 {% if back %}<p><a href="{{ back }}">{{ t.back }}</a></p>{% endif %}
{% else %}
 <dl>
  <dt>{{ t.merchant }}</dt><dd>{{ params.vnp_TmnCode }}</dd>
  <dt>{{ t.txn_ref }}</dt><dd>{{ params.vnp_TxnRef }}</dd>
  <dt>{{ t.order_info }}</dt><dd>{{ params.vnp_OrderInfo }}</dd>
  <dt>{{ t.amount }}</dt><dd class="amount">{{ amount }}</dd>
 </dl>
 <form method="post" action="{{ action }}">
  {% for name, value in params.items() %}<input type="hidden" name="{{ name }}" value="{{ value }}">{% endfor %}
  <p>{{ t.choose }}</p>
  {% for code, label in t.outcomes.items() %}
   <button type="submit" name="outcome" value="{{ code }}"
    {%- if code == "00" %} class="primary"{% endif %}>{{ label }}</button>
  {% endfor %}
  {% for code, label in t.test_outcomes.items() %}
   <button type="submit" name="outcome" value="{{ code }}" hidden>{{ label }}</button>
  {% endfor %}
 </form>
{% endif %}
<p class="notice">{{ t.notice }}</p>
</main></body></html>"""


@dataclass(frozen=True)
class SandboxMerchant:
    secret: str
    ipn_url: str


@dataclass(frozen=True)
class _PayRequest:
    merchant: SandboxMerchant
    params: dict[str, str]
    amount: int  # VND
    expires: datetime


class _Refused(Exception):
    """A pay request the gateway turns away; the message is the Vietnamese text shown."""


class _QueryRefused(Exception):
    """A transaction query the gateway turns away (HTTP 400): its vnp_ResponseCode, and the
    merchant whose secret signs the answer when the request names a known one."""

    def __init__(self, code: str, merchant: SandboxMerchant | None = None):
        super().__init__(code)
        self.code = code
        self.merchant = merchant


def format_vnd(amount: int) -> str:
    """8000 → "8.000 đ"."""
    return grouped(amount) + " " + TEXT["currency"]


def _with_query(url: str, params: Mapping[str, str]) -> str:
    return url + ("&" if "?" in url else "?") + urlencode(params)


def _stamp(params: Mapping[str, str], name: str) -> datetime:
    try:
        return gateway.parse_stamp(params[name], name)
    except ValueError:
        raise _Refused(TEXT["errors"]["bad_field"].format(field=name)) from None


def _single_values(values) -> dict[str, str]:
    """The vnp_ fields of a query or form; a repeated field is refused rather than guessed."""
    if any(len(values.getlist(name)) > 1 for name in values):
        raise _Refused(TEXT["errors"]["repeated"])
    return {name: values[name] for name in values if name.startswith("vnp_")}


class _Gateway:
    def __init__(self, merchants: Mapping[str, SandboxMerchant], now: Callable[[], datetime]):
        self.merchants = dict(merchants)
        self.now = now
        self.log: deque[dict] = deque(maxlen=LOG_SIZE)
        self.used: set[tuple[str, str]] = set()  # (merchant, txn_ref): each is paid at most once
        # What a transaction query can learn: the pay requests whose page was opened, and the
        # result of those completed, by (merchant, txn_ref).
        self.opened: dict[tuple[str, str], _PayRequest] = {}
        self.completed: dict[tuple[str, str], dict[str, str]] = {}
        self.request_ids: set[tuple[str, str]] = set()  # (merchant, vnp_RequestId) of queries seen
        self.lock = threading.Lock()
        # Transaction numbers start at a random point so a restarted sandbox does not repeat them.
        self.numbers = itertools.count(10_000_000 + secrets.randbelow(80_000_000))

    def check(self, params: dict[str, str]) -> _PayRequest:
        """The merchant's signed pay request, or _Refused. Expiry is the caller's decision."""
        errors = TEXT["errors"]
        code = params.get("vnp_TmnCode", "")
        merchant = self.merchants.get(code)
        if merchant is None:
            raise _Refused(errors["unknown_merchant"].format(code=code))
        if not gateway.verify(params, merchant.secret):
            raise _Refused(errors["bad_signature"])
        missing = [name for name in gateway.PAY_FIELDS if not params.get(name)]
        if missing:
            raise _Refused(errors["missing"].format(fields=", ".join(missing)))
        for name, expected in FIXED_FIELDS.items():
            if params[name] != expected:
                raise _Refused(errors["bad_field"].format(field=name))
        try:
            amount = gateway.parse_amount(params["vnp_Amount"])
        except ValueError:
            amount = 0
        if amount <= 0:
            raise _Refused(errors["bad_amount"])
        if urlsplit(params["vnp_ReturnUrl"]).scheme not in ("http", "https"):
            raise _Refused(errors["bad_field"].format(field="vnp_ReturnUrl"))
        _stamp(params, "vnp_CreateDate")
        expires = _stamp(params, "vnp_ExpireDate")
        if (code, params["vnp_TxnRef"]) in self.used:
            raise _Refused(errors["used"].format(ref=params["vnp_TxnRef"]))
        return _PayRequest(merchant, params, amount, expires)

    def result(self, pay: _PayRequest, outcome: str) -> dict[str, str]:
        """The signed result the merchant receives, by IPN and on the return URL."""
        request_params = pay.params
        with self.lock:
            number = str(next(self.numbers))
        params = {
            "vnp_Amount": request_params["vnp_Amount"],
            "vnp_BankCode": "NCB",
            "vnp_CardType": "ATM",
            "vnp_OrderInfo": request_params["vnp_OrderInfo"],
            "vnp_PayDate": gateway.format_stamp(self.now()),
            "vnp_ResponseCode": outcome,
            "vnp_TmnCode": request_params["vnp_TmnCode"],
            "vnp_TransactionNo": number,
            "vnp_TransactionStatus": outcome,
            "vnp_TxnRef": request_params["vnp_TxnRef"],
        }
        if outcome == gateway.SUCCESS:  # only a completed payment has a bank-side transaction
            params["vnp_BankTranNo"] = "NCB" + number
        params["vnp_SecureHash"] = gateway.sign(params, pay.merchant.secret)
        return params

    def notify(self, merchant: SandboxMerchant, params: dict[str, str]) -> dict:
        """Call the merchant's IPN URL and record what happened; never raises, as a gateway whose
        merchant is down still finishes the citizen's page."""
        entry = {"at": self.now().astimezone(timezone.utc).isoformat(), "ipn_url": merchant.ipn_url,
                 "params": params, "status": None, "answer": None, "error": None}
        try:
            with _http.open(Request(_with_query(merchant.ipn_url, params), method="GET"),
                            timeout=IPN_TIMEOUT_SECONDS) as response:
                entry["status"], body = response.status, response.read()
        except HTTPError as exc:
            entry["status"], body = exc.code, exc.read()
            entry["error"] = f"HTTP {exc.code}"
        except (OSError, ValueError) as exc:  # refused, unreachable, timed out, malformed URL
            entry["error"] = f"{type(exc).__name__}: {exc}"
            body = None
        if body is not None:
            try:
                entry["answer"] = json.loads(body)
            except ValueError:
                entry["error"] = entry["error"] or "answer is not JSON"
                entry["answer"] = body[:500].decode("utf-8", "replace")
        with self.lock:
            self.log.append(entry)
        return entry

    def opened_page(self, pay: _PayRequest) -> None:
        with self.lock:
            self.opened.setdefault((pay.params["vnp_TmnCode"], pay.params["vnp_TxnRef"]), pay)

    def complete(self, pay: _PayRequest, params: dict[str, str]) -> None:
        key = (pay.params["vnp_TmnCode"], pay.params["vnp_TxnRef"])
        with self.lock:
            self.opened.setdefault(key, pay)
            self.completed[key] = params

    def answer_query(self, body) -> dict:
        """The signed answer to a merchant's querydr body, or _QueryRefused."""
        if not isinstance(body, dict):
            raise _QueryRefused("03")
        tmn = body.get("vnp_TmnCode")
        merchant = self.merchants.get(tmn) if isinstance(tmn, str) else None
        if merchant is None:
            raise _QueryRefused("02")
        if not gateway.verify_query_request(body, merchant.secret):
            raise _QueryRefused("97", merchant)
        if any(not isinstance(body.get(name), str) or not body[name] for name in gateway.QUERY_REQUEST_FIELDS):
            raise _QueryRefused("03", merchant)
        if (body["vnp_Version"], body["vnp_Command"]) != (gateway.VERSION, gateway.QUERY_COMMAND):
            raise _QueryRefused("03", merchant)
        for name in ("vnp_TransactionDate", "vnp_CreateDate"):
            try:
                gateway.parse_stamp(body[name], name)
            except ValueError:
                raise _QueryRefused("03", merchant) from None
        key = (tmn, body["vnp_TxnRef"])
        with self.lock:
            if (tmn, body["vnp_RequestId"]) in self.request_ids:
                return self.signed_answer(merchant, body, "94")
            self.request_ids.add((tmn, body["vnp_RequestId"]))
            pay, result = self.opened.get(key), self.completed.get(key)
        # The transaction is looked for on the day and instant the merchant created it: a query
        # with another vnp_TransactionDate than the pay request's vnp_CreateDate finds nothing.
        if pay is None or pay.params["vnp_CreateDate"] != body["vnp_TransactionDate"]:
            return self.signed_answer(merchant, body, gateway.QUERY_NOT_FOUND)
        fields = {"vnp_Amount": pay.params["vnp_Amount"], "vnp_OrderInfo": pay.params["vnp_OrderInfo"],
                  "vnp_TransactionType": "01", "vnp_TransactionStatus": gateway.UNFINISHED}
        if result is not None:
            paid = result["vnp_ResponseCode"] == gateway.SUCCESS
            fields.update({"vnp_BankCode": result["vnp_BankCode"], "vnp_PayDate": result["vnp_PayDate"],
                           "vnp_TransactionNo": result["vnp_TransactionNo"],
                           "vnp_TransactionStatus": gateway.PAID if paid else gateway.FAILED})
        return self.signed_answer(merchant, body, gateway.QUERY_OK, fields)

    def signed_answer(self, merchant: SandboxMerchant, body: Mapping, code: str,
                      fields: Mapping[str, str] | None = None) -> dict:
        """A query answer with the documented fields (those it has no value for empty), signed."""
        answer = {name: "" for name in gateway.QUERY_RESPONSE_FIELDS if "Promotion" not in name}  # no promotions here
        answer.update({"vnp_ResponseId": secrets.token_hex(16), "vnp_Command": gateway.QUERY_COMMAND,
                       "vnp_ResponseCode": code, "vnp_Message": gateway.QUERY_MESSAGES[code],
                       "vnp_TmnCode": body.get("vnp_TmnCode"), "vnp_TxnRef": body.get("vnp_TxnRef"), **(fields or {})})
        answer = {name: value if isinstance(value, str) else "" for name, value in answer.items()}
        answer["vnp_SecureHash"] = gateway.sign_query_response(answer, merchant.secret)
        return answer

    def claim(self, pay: _PayRequest) -> bool:
        """Mark the transaction reference used; False when another request got there first."""
        key = (pay.params["vnp_TmnCode"], pay.params["vnp_TxnRef"])
        with self.lock:
            if key in self.used:
                return False
            self.used.add(key)
            return True


def _page(status: int = 200, **context):
    return render_template_string(PAGE, t=TEXT, **context), status


def create_sandbox_app(merchants: Mapping[str, SandboxMerchant], *,
                       now: Callable[[], datetime] | None = None) -> Flask:
    """The sandbox gateway for `merchants` (terminal code → secret and IPN URL); `now` lets a test
    or a demo running at a set instant decide what has expired."""
    app = Flask(__name__)
    state = _Gateway(merchants, now or (lambda: datetime.now(timezone.utc)))
    app.extensions["payment_sandbox"] = state

    @app.errorhandler(_Refused)
    def refused(exc: _Refused):
        return _page(400, error=str(exc))

    @app.get(PAY_PATH)
    def pay_page():
        pay = state.check(_single_values(request.args))
        if state.now() > pay.expires:
            raise _Refused(TEXT["errors"]["expired"])
        state.opened_page(pay)
        return _page(params=pay.params, amount=format_vnd(pay.amount), action=PAY_PATH)

    @app.post(PAY_PATH)
    def pay():
        # The form only carries the merchant's signed request back: check it all again.
        pay = state.check(_single_values(request.form))
        outcome = request.form.get("outcome", "")
        if outcome not in TEXT["outcomes"] and outcome not in TEXT["test_outcomes"]:
            raise _Refused(TEXT["errors"]["bad_outcome"])
        if not state.claim(pay):
            raise _Refused(TEXT["errors"]["used"].format(ref=pay.params["vnp_TxnRef"]))
        send_ipn = outcome != NO_IPN
        outcome = gateway.SUCCESS if outcome == NO_IPN else outcome
        if state.now() > pay.expires:
            outcome = EXPIRED
        params = state.result(pay, outcome)
        state.complete(pay, params)
        # The IPN goes before the redirect, so the merchant knows the outcome when the citizen returns.
        if send_ipn:
            answer = state.notify(pay.merchant, params)["answer"]
            if outcome == gateway.SUCCESS and isinstance(answer, dict) and answer.get("RspCode") == ORDER_REFUSED:
                params = state.result(pay, VOIDED)
                state.complete(pay, params)
                back = _with_query(pay.params["vnp_ReturnUrl"], params)
                return _page(error=TEXT["errors"]["refused"].format(ref=pay.params["vnp_TxnRef"]), back=back)
        return redirect(_with_query(pay.params["vnp_ReturnUrl"], params), 302)

    @app.errorhandler(_QueryRefused)
    def query_refused(exc: _QueryRefused):
        answer = {"vnp_ResponseCode": exc.code, "vnp_Message": gateway.QUERY_MESSAGES[exc.code]}
        if exc.merchant is not None:
            body = request.get_json(silent=True)
            answer = state.signed_answer(exc.merchant, body if isinstance(body, dict) else {}, exc.code)
        return jsonify(answer), 400

    @app.post(QUERY_PATH)
    def transaction_query():
        """The merchant API: querydr only (refunds are not simulated)."""
        return jsonify(state.answer_query(request.get_json(silent=True)))

    @app.get("/nhat-ky")
    def ipn_log():
        with state.lock:
            return jsonify(list(state.log))

    return app


class ServerThread:
    """A WSGI server running in a daemon thread; `port` is the one bound (useful with port 0)."""

    def __init__(self, app: Flask, host: str, port: int):
        """Raises OSError when `port` is taken (werkzeug would say so in English and exit)."""
        if port:
            with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server will
                probe.bind((host, port))  # raises OSError when taken
        try:
            self._server = make_server(host, port, app, threaded=True)
        except SystemExit as exc:  # taken between the probe and now
            raise OSError(f"port {port} is taken") from exc
        self.host = host
        self.port = self._server.server_port
        # A short poll so shutdown() returns at once: tests start and stop servers by the dozen.
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"wsgi-{self.port}", daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def shutdown(self) -> None:
        self._server.shutdown()
        self._thread.join()
        self._server.server_close()


def serve_in_thread(app: Flask, host: str, port: int) -> ServerThread:
    return ServerThread(app, host, port)
