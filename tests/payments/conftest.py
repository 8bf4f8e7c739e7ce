"""The payments tests' own servers, on loopback ports: the sandbox gateway, the merchant it
confirms to (a tiny app checking the IPN's signature as the product must), and the sandbox's clock."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from flask import Flask, jsonify, request

from app.payments.gateway import ipn_answer, verify
from app.payments.sandbox import SandboxMerchant, create_sandbox_app, serve_in_thread

SECRET = "SANDBOXSECRETKEY0123456789ABCDEF"
TMN = "MOTCUA01"


class Clock:
    def __init__(self):
        self.at: datetime | None = None

    def __call__(self) -> datetime:
        return self.at or datetime.now(timezone.utc)


@pytest.fixture()
def merchant():
    """A merchant's IPN endpoint that checks the signature as the product must, and its return page."""
    app = Flask("merchant")
    app.received = []

    @app.get("/ipn")
    def ipn():
        params = request.args.to_dict()
        app.received.append(params)
        return jsonify(ipn_answer("00" if verify(params, SECRET) else "97"))

    @app.get("/ket-qua")
    def back():
        return "ok"

    server = serve_in_thread(app, "127.0.0.1", 0)
    server.received = app.received
    yield server
    server.shutdown()


@pytest.fixture()
def clock():
    return Clock()


@pytest.fixture()
def sandbox(merchant, clock):
    app = create_sandbox_app({TMN: SandboxMerchant(secret=SECRET, ipn_url=merchant.url + "/ipn")}, now=clock)
    server = serve_in_thread(app, "127.0.0.1", 0)
    yield server
    server.shutdown()
