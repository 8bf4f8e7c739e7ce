"""Response headers that keep pages from being framed, sniffed or fed foreign scripts.
The pages need no script at all, so the policy allows none but the site's own."""
from __future__ import annotations

from flask import Flask

POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
          "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")


def _headers(response):
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if response.mimetype == "text/html":
        response.headers.setdefault("Content-Security-Policy", POLICY)
    return response


def init_headers(app: Flask) -> None:
    app.after_request(_headers)
