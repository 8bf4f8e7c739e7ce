"""The public verification page: anyone checks a signed result, uploaded or by its result code
(the QR code on a converted paper result points to /xac-thuc/<code>). No login; limited per
client address, since checking a PDF costs far more than a status lookup."""
from __future__ import annotations

import re

from flask import Blueprint, current_app, redirect, render_template, request, url_for

from ..clock import now
from ..files.uploads import clean_name, read_at_most
from ..security.messages import MESSAGES as SECURITY
from ..security.ratelimit import Limit, RateLimited, hit
from . import settings
from .messages import PAGE
from .results import find_receipt, find_result_content, find_result_pdf, is_receipt
from .issued import verify_document
from .verify import VerificationError

signing = Blueprint("signing", __name__, template_folder="templates")
CODE_MAX = 60
CODE = re.compile(r"[0-9A-Z][0-9A-Z.\-]*")  # what result and receipt codes are made of
FIELD = "tep"


def _rate_limited():
    """The 429 page when the client is over the limits, else None (and the request counted)."""
    per_minute, per_hour = settings.verify_limits(current_app.config)
    client, at = request.remote_addr or "?", now()
    try:
        for limit in (Limit("verify-m", per_minute, 60), Limit("verify-h", per_hour, 3600)):
            hit(limit, client, at)
    except RateLimited as exc:
        page = render_template("web/error.html", title=SECURITY["rate_limited_title"],
                               text=SECURITY["rate_limited"].format(seconds=exc.retry_after))
        return page, 429, {"Retry-After": str(exc.retry_after)}
    return None


def _page(status: int = 200, **context):
    return render_template("signing/verify.html", messages=PAGE,
                           max_bytes=settings.verify_max_bytes(current_app.config), **context), status


def _verdict(pdf: bytes, **context):
    """200 with one report per signature (valid or not: the file was checked); 422 when the
    file cannot be read as a PDF, 413 when it is too large to check."""
    try:
        reports = verify_document(pdf, current_app.config, now())
    except VerificationError as exc:
        return _page(413 if exc.reason == "too_large" else 422, error=exc.message, **context)
    return _page(reports=reports, checked=True, **context)


def _typed(code: str) -> str:
    """A code as typed or pasted: result and receipt codes are upper case and have no spaces
    (a copy from a PDF may break one with spaces or a line)."""
    return re.sub(r"\s+", "", code).upper()[:CODE_MAX]


def _bad_code():
    # Not echoed: what is no code (a NUL, a slash) has nothing to show between « ».
    return _page(404, error=PAGE["bad_code"])


@signing.get("/xac-thuc")
def verify_form():
    code = _typed(request.args.get("ma") or "")
    if not code:
        return _page()
    if not CODE.fullmatch(code):
        return _bad_code()
    # The code form is a GET form: one address per result, as the QR code has.
    return redirect(url_for("signing.verify_code", code=code))


@signing.post("/xac-thuc")
def verify_upload():
    limited = _rate_limited()
    if limited:
        return limited
    upload = request.files.get(FIELD)
    if upload is None or not upload.filename:
        return _page(422, form_error=PAGE["no_file"])
    data = read_at_most(upload.stream, settings.verify_max_bytes(current_app.config) + 1)
    return _verdict(data, file_name=clean_name(upload.filename))


@signing.get("/xac-thuc/<code>")
def verify_code(code: str):
    limited = _rate_limited()
    if limited:
        return limited
    code = _typed(code)
    if not CODE.fullmatch(code):
        return _bad_code()
    pdf = find_result_pdf(code)
    if pdf is None:
        return _page(404, code=code, error=PAGE["unknown_code"].format(code=code))
    # Also what was recorded, since a printed copy can be altered under a genuine QR code: only
    # with the key its QR code carries (result_keys.py), for a receipt as for a result, since
    # their codes are guessable. Without it, the page says only whether the document is genuine.
    key, receipt_code = (request.args.get("k") or "").strip(), is_receipt(code)
    receipt = find_receipt(code, key) if receipt_code else None
    result = None if receipt_code else find_result_content(code, key)
    hidden = None if receipt or result else PAGE["receipt_hidden" if receipt_code else "result_hidden"]
    return _verdict(pdf, code=code, receipt=receipt, result=result, hidden=hidden)
