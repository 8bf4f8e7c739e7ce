"""Response headers that keep pages from being framed, sniffed, fed foreign scripts or, for a
logged-in user, stored (but the site's own scripts and styles, and what says it is public).
The pages need no script at all, so the policy allows none but the site's own. Forms post to
the site only, but for the one that continues to the province's payment gateway (browsers check
the redirect a form leads to against form-action too)."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, current_app, g, request

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
    if getattr(g, "user", None) is not None and not (request.endpoint or "").endswith("static") \
            and "public" not in response.headers.get("Cache-Control", ""):
        # A logged-in user's pages and files hold personal data: kept by no cache, so Back on a
        # shared counter computer after logging out shows nothing (web/history_url.py keeps Back
        # to a page a form produced working).
        response.headers["Cache-Control"] = "no-store"
    return response


def init_headers(app: Flask) -> None:
    app.after_request(_headers)
