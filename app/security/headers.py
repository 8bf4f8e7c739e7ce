"""Response headers that keep pages from being framed, sniffed or fed foreign scripts.
The pages need no script at all, so the policy allows none but the site's own. Forms post to
the site only, but for the one that continues to the province's payment gateway (browsers check
the redirect a form leads to against form-action too)."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, current_app

POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
          "form-action 'self'{targets}; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")


def _policy() -> str:
    gateway = urlsplit(current_app.config.get("MOTCUA_PAYMENT_URL") or "")
    return POLICY.format(targets=f" {gateway.scheme}://{gateway.netloc}" if gateway.scheme and gateway.netloc else "")


def _headers(response):
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if response.mimetype == "text/html":
        response.headers.setdefault("Content-Security-Policy", _policy())
    return response


def init_headers(app: Flask) -> None:
    app.after_request(_headers)
