"""The sandbox gateway over real HTTP on loopback: a merchant makes a payment URL, a "browser"
(urllib, following no redirect) opens it and submits the page's form as a browser would, and a
tiny real merchant server receives the IPN and checks its signature."""
from __future__ import annotations

import json
import socket
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from urllib.error import HTTPError
from urllib.parse import parse_qsl, urlencode, urlsplit
from urllib.request import HTTPRedirectHandler, ProxyHandler, Request, build_opener

import pytest
from click.testing import CliRunner

from app.payments.gateway import GatewaySettings, parse_result, payment_url, sign, verify
from app.payments.sandbox import PAY_PATH, SandboxMerchant, create_sandbox_app, serve_in_thread
from app.payments.sandbox_cli import payment_sandbox

from tests.payments.conftest import SECRET, TMN


class _NoRedirect(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the test reads the 302 itself


_browser = build_opener(ProxyHandler({}), _NoRedirect())


def fetch(url: str, form: dict | None = None) -> tuple[int, dict, str]:
    data = urlencode(form).encode() if form is not None else None
    try:
        with _browser.open(Request(url, data=data), timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read().decode()


class _Form(HTMLParser):
    """The hidden fields and the submit buttons of the sandbox's page (the ones a person sees, and
    the hidden ones a test presses)."""

    def __init__(self, page: str):
        super().__init__()
        self.hidden: dict[str, str] = {}
        self.buttons: dict[str, str] = {}
        self.hidden_buttons: dict[str, str] = {}
        self._button: tuple[str, bool] | None = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "hidden":
            self.hidden[attrs["name"]] = attrs["value"]
        elif tag == "button":
            self._button = (attrs["value"], "hidden" in attrs)

    def handle_data(self, data):
        if self._button:
            value, hidden = self._button
            (self.hidden_buttons if hidden else self.buttons)[value] = data.strip()
            self._button = None


def _pay_url(sandbox, merchant, *, txn_ref="H99-260302-0001-1", amount=8000, at=None, secret=SECRET, tmn=TMN):
    settings = GatewaySettings(url=sandbox.url + PAY_PATH, tmn_code=tmn, secret=secret)
    return payment_url(settings, txn_ref=txn_ref, amount=amount, order_info="Lệ phí hồ sơ H99-260302-0001",
                       return_url=merchant.url + "/ket-qua?ho_so=17", client_ip="127.0.0.1",
                       at=at or datetime.now(timezone.utc))


def _log(sandbox) -> list[dict]:
    status, _, body = fetch(sandbox.url + "/nhat-ky")
    assert status == 200
    return json.loads(body)


def _signed_query(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))


def test_the_page_shows_the_payment_and_three_outcomes(sandbox, merchant):
    status, headers, page = fetch(_pay_url(sandbox, merchant))
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "Cổng thanh toán thử nghiệm" in page and 'name="viewport"' in page
    assert TMN in page and "Le phi ho so H99-260302-0001" in page and "8.000 đ" in page
    form = _Form(page)
    assert form.buttons == {"00": "Thanh toán", "51": "Thanh toán thất bại: tài khoản không đủ số dư",
                            "24": "Hủy giao dịch"}
    # Hidden from people: a test's way to lose the IPN (tests/payments/test_query.py).
    assert form.hidden_buttons == {"00-no-ipn": "Thanh toán (không gửi IPN — mô phỏng mất kết nối)"}
    assert verify(form.hidden, SECRET) and form.hidden["vnp_Amount"] == "800000"
    assert merchant.received == [] and _log(sandbox) == []


@pytest.mark.parametrize("outcome, succeeded", [("00", True), ("24", False), ("51", False)])
def test_an_outcome_reaches_the_merchant_by_ipn_and_by_the_return_url(sandbox, merchant, outcome, succeeded):
    _, _, page = fetch(_pay_url(sandbox, merchant))
    status, headers, _ = fetch(sandbox.url + PAY_PATH, {**_Form(page).hidden, "outcome": outcome})

    assert status == 302
    location = headers["Location"]
    assert location.startswith(merchant.url + "/ket-qua?ho_so=17&")
    returned = _signed_query(location)
    assert returned.pop("ho_so") == "17"
    assert verify(returned, SECRET)
    result = parse_result(returned)
    assert (result.tmn_code, result.txn_ref, result.amount) == (TMN, "H99-260302-0001-1", 8000)
    assert (result.response_code, result.transaction_status, result.succeeded) == (outcome, outcome, succeeded)
    assert result.bank_code == "NCB" and result.transaction_no.isdigit()
    assert abs(result.paid_at - datetime.now(timezone.utc)) < timedelta(minutes=1)
    assert returned["vnp_OrderInfo"] == "Le phi ho so H99-260302-0001"
    assert ("vnp_BankTranNo" in returned) == succeeded

    # The same signed params went server-to-server, once, before the browser came back.
    assert merchant.received == [returned]
    [entry] = _log(sandbox)
    assert entry["status"] == 200 and entry["error"] is None
    assert entry["answer"] == {"RspCode": "00", "Message": "Confirm Success"}
    assert entry["params"] == returned


def test_each_payment_gets_its_own_transaction_number(sandbox, merchant):
    numbers = []
    for attempt in (1, 2):
        _, _, page = fetch(_pay_url(sandbox, merchant, txn_ref=f"H99-260302-0001-{attempt}"))
        _, headers, _ = fetch(sandbox.url + PAY_PATH, {**_Form(page).hidden, "outcome": "24"})
        numbers.append(_signed_query(headers["Location"])["vnp_TransactionNo"])
    assert len(set(numbers)) == 2 and len(merchant.received) == 2


def _assert_refused(sandbox, merchant, response, text):
    status, _, page = response
    assert status == 400, page
    assert "Không thể thực hiện giao dịch" in page and text in page
    assert merchant.received == [] and _log(sandbox) == []


def test_forged_or_unsigned_requests_are_refused(sandbox, merchant):
    url = _pay_url(sandbox, merchant)
    unsigned = url.rpartition("&vnp_SecureHash=")[0]
    _assert_refused(sandbox, merchant, fetch(unsigned), "Chữ ký của yêu cầu thanh toán không hợp lệ")
    _assert_refused(sandbox, merchant, fetch(url.replace("vnp_Amount=800000", "vnp_Amount=100")), "Chữ ký")
    _assert_refused(sandbox, merchant, fetch(url + "&vnp_BankCode=NCB"), "Chữ ký")
    _assert_refused(sandbox, merchant, fetch(url + "&vnp_Amount=100"), "tham số bị lặp lại")
    _assert_refused(sandbox, merchant, fetch(_pay_url(sandbox, merchant, secret="guessed")), "Chữ ký")
    _assert_refused(sandbox, merchant, fetch(_pay_url(sandbox, merchant, tmn="KHACH001")),
                    "Đơn vị chấp nhận thanh toán «KHACH001» chưa được đăng ký")


def test_a_forged_form_is_refused_and_sends_no_ipn(sandbox, merchant):
    _, _, page = fetch(_pay_url(sandbox, merchant))
    hidden = _Form(page).hidden
    cheaper = {**hidden, "vnp_Amount": "100", "outcome": "00"}
    _assert_refused(sandbox, merchant, fetch(sandbox.url + PAY_PATH, cheaper), "Chữ ký")
    unsigned = {k: v for k, v in hidden.items() if k != "vnp_SecureHash"}
    _assert_refused(sandbox, merchant, fetch(sandbox.url + PAY_PATH, {**unsigned, "outcome": "00"}), "Chữ ký")
    _assert_refused(sandbox, merchant, fetch(sandbox.url + PAY_PATH, {**hidden, "outcome": "07"}),
                    "Kết quả giao dịch được chọn không hợp lệ")
    _assert_refused(sandbox, merchant, fetch(sandbox.url + PAY_PATH, {"outcome": "00"}), "«»")


def test_a_signed_request_with_bad_content_is_refused(sandbox, merchant):
    params = _signed_query(_pay_url(sandbox, merchant))
    for changes, text in (({"vnp_Amount": "800050"}, "Số tiền thanh toán không hợp lệ"),
                          ({"vnp_Amount": "0"}, "Số tiền thanh toán không hợp lệ"),
                          ({"vnp_CurrCode": "USD"}, "«vnp_CurrCode»"),
                          ({"vnp_ExpireDate": "20261345000000"}, "«vnp_ExpireDate»"),
                          ({"vnp_ReturnUrl": "javascript:alert(1)"}, "«vnp_ReturnUrl»"),
                          ({"vnp_IpAddr": ""}, "thiếu thông tin: vnp_IpAddr")):
        forged = {**params, **changes}
        forged["vnp_SecureHash"] = sign(forged, SECRET)
        _assert_refused(sandbox, merchant, fetch(sandbox.url + PAY_PATH + "?" + urlencode(forged)), text)


def test_an_expired_request_is_refused(sandbox, merchant):
    url = _pay_url(sandbox, merchant, at=datetime.now(timezone.utc) - timedelta(minutes=16))
    _assert_refused(sandbox, merchant, fetch(url), "quá thời gian chờ thanh toán")


def test_a_page_left_open_past_the_expiry_pays_nothing(sandbox, merchant, clock):
    at = datetime(2026, 3, 2, 1, 30, tzinfo=timezone.utc)
    clock.at = at + timedelta(minutes=5)
    _, _, page = fetch(_pay_url(sandbox, merchant, at=at))
    clock.at = at + timedelta(minutes=16)
    status, headers, _ = fetch(sandbox.url + PAY_PATH, {**_Form(page).hidden, "outcome": "00"})
    assert status == 302
    result = parse_result(_signed_query(headers["Location"]))
    assert (result.response_code, result.succeeded) == ("11", False)
    assert result.paid_at == clock.at and len(merchant.received) == 1


def test_a_transaction_reference_is_paid_once(sandbox, merchant):
    url = _pay_url(sandbox, merchant)
    _, _, page = fetch(url)
    form = {**_Form(page).hidden, "outcome": "00"}
    assert fetch(sandbox.url + PAY_PATH, form)[0] == 302
    for response in (fetch(sandbox.url + PAY_PATH, form), fetch(url)):  # back button, reload
        status, _, body = response
        assert status == 400 and "«H99-260302-0001-1» đã được xử lý" in body
    assert len(merchant.received) == 1 and len(_log(sandbox)) == 1


def test_a_merchant_that_does_not_answer_does_not_break_the_page(merchant):
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    merchants = {TMN: SandboxMerchant(SECRET, f"http://127.0.0.1:{closed}/ipn"),
                 "MOTCUA02": SandboxMerchant(SECRET, merchant.url + "/khong-co")}
    server = serve_in_thread(create_sandbox_app(merchants), "127.0.0.1", 0)
    try:
        for tmn in merchants:
            _, _, page = fetch(_pay_url(server, merchant, tmn=tmn))
            status, headers, _ = fetch(server.url + PAY_PATH, {**_Form(page).hidden, "outcome": "00"})
            assert status == 302 and headers["Location"].startswith(merchant.url + "/ket-qua?")
        refused, not_found = _log(server)
        assert refused["status"] is None and refused["error"].startswith("URLError")
        assert not_found["status"] == 404 and not_found["error"] == "HTTP 404"
    finally:
        server.shutdown()
    assert merchant.received == []


def test_the_command_needs_a_merchant_secret_and_ipn_url():
    runner = CliRunner()
    help_text = runner.invoke(payment_sandbox, ["--help"]).output
    assert "--merchant" in help_text and "--ipn-url" in help_text and "thử nghiệm" in help_text
    unset = {"MOTCUA_PAYMENT_TMN_CODE": None, "MOTCUA_PAYMENT_SECRET": None}
    result = runner.invoke(payment_sandbox, ["--merchant", TMN, "--ipn-url", "http://127.0.0.1:5000/ipn"], env=unset)
    assert result.exit_code == 2 and "--secret" in result.output


def test_the_demo_gateway_takes_another_port_when_the_next_one_is_taken(clean_app):
    """`motcua up --port N` runs the sandbox on N+1 when free: a taken one (another program, another
    demo's gateway) moves it to a free port, never stops the portal (werkzeug exits on its own)."""
    import socket

    from app.payments.demo import start_demo_gateway
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    busy = taken.getsockname()[1]
    app = clean_app.test_client().application
    saved = {k: app.config.get(k) for k in ("MOTCUA_PAYMENT_URL", "MOTCUA_PAYMENT_TMN_CODE", "MOTCUA_PAYMENT_SECRET")}
    try:
        app.config["MOTCUA_PAYMENT_URL"] = ""
        url = start_demo_gateway(app, "127.0.0.1", busy)
        assert url and f":{busy}/" not in url and url.startswith("http://127.0.0.1:")
    finally:
        app.config.update(saved)
        taken.close()
