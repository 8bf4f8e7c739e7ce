"""The demo's payment gateway: with none configured, `motcua up` runs the local sandbox beside the
portal (the next port when free), so a citizen of the demo can pay a fee end to end with no real money."""
from __future__ import annotations

import secrets

from flask import Flask

from .sandbox import PAY_PATH, SandboxMerchant, create_sandbox_app, serve_in_thread

DEMO_MERCHANT = "MOTCUADEMO"


def start_demo_gateway(app: Flask, host: str, port: int) -> str | None:
    """The sandbox's payment page URL once it runs; None when the province configured a gateway."""
    if app.config.get("MOTCUA_PAYMENT_URL"):
        return None
    secret = secrets.token_hex(16)
    ipn = app.config["MOTCUA_PUBLIC_URL"].rstrip("/") + "/thanh-toan/ipn"
    sandbox = create_sandbox_app({DEMO_MERCHANT: SandboxMerchant(secret=secret, ipn_url=ipn)})
    try:
        server = serve_in_thread(sandbox, host, port)
    except OSError:  # the next port is taken: any free one
        server = serve_in_thread(sandbox, host, 0)
    url = f"http://{host}:{server.port}{PAY_PATH}"
    app.config.update(MOTCUA_PAYMENT_URL=url, MOTCUA_PAYMENT_TMN_CODE=DEMO_MERCHANT, MOTCUA_PAYMENT_SECRET=secret)
    return url
