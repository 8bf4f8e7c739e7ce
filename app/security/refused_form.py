"""What a form refused by the CSRF check or sent after its session ended carried (an expired
session, a page from before a new login, a password changed elsewhere): shown back on the error page so that nothing typed is lost, only when the form was sent
from this site (a cross-site post could otherwise write its own text on our page)."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import current_app, request
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect

from ..eforms.readable import field_words

# The form's own machinery, not what the user typed.
TECHNICAL = {"csrf_token", "nonce", "tep_da_nhan", "action", "draft_id", "revision", "next"}
# Never written back on a page, whoever sent them: passwords and one-time codes.
SECRET = re.compile(r"mat_khau|password|ma_xac_(nhan|thuc)|otp|token", re.I)
MAX_FIELDS = 60
MAX_CHARS = 4000
# Endpoint -> (its view arguments -> the e-form its page sends, or None): an e-form's fields are
# said in the form's own words (engine forms, app/eforms/readable.field_words).
FORM_PAGES: dict[str, Callable[..., object]] = {}
PREFIX = "f"  # the e-forms' controls (app/eforms): f.<path>
# A page's own control outside its e-form, named alike wherever it is -> (its label, what each
# value it sends means): registered by the module whose words they are (plain_field).
PLAIN_FIELDS: dict[str, tuple[str, dict[str, str]]] = {}


def describes(endpoint: str):
    """Register the function giving the e-form a page at `endpoint` sends."""
    def register(finder):
        FORM_PAGES[endpoint] = finder
        return finder
    return register


def plain_field(name: str, label: str, values: dict[str, str] | None = None) -> None:
    """Say the control `name` by `label`, and a value it sends by what `values` calls it."""
    PLAIN_FIELDS[name] = (label, values or {})


@dataclass(frozen=True)
class Typed:
    fields: list[tuple[str, str]]  # (the field's name in words, what was typed)
    files: list[str]  # the names of the files chosen, which are not kept
    back: str | None  # the page the form was on (this site's path)


def typed_back(verified: bool = False) -> Typed | None:
    """`verified`: the form passed the CSRF check, so this site sent it whatever its headers say."""
    if not (verified or _same_site()):
        return None
    form = _form_sent()
    fields = [_described(form, name, value[:MAX_CHARS]) for name, value in request.form.items(multi=True)
              if name not in TECHNICAL and not SECRET.search(name) and value.strip()][:MAX_FIELDS]
    files = [f.filename for f in request.files.values() if f.filename][:MAX_FIELDS]
    if not fields and not files:
        return None
    return Typed(fields, files, form_page())


def form_page() -> str | None:
    """The page the form was on: the Referer's path when it is this site's and a page (answers
    GET); never an address only a form is sent to, which would answer 405 once opened."""
    referrer = urlsplit(request.referrer or "")
    path = referrer.path
    if referrer.netloc != request.host or not path.startswith("/") or path.startswith("//"):
        return None
    urls = current_app.url_map.bind(request.host)
    try:
        page, _ = urls.match(path, method="GET", return_rule=True)
    except (MethodNotAllowed, NotFound):
        return None
    except RequestRedirect:  # a page under another spelling (a trailing slash): still a page
        return path
    try:
        form, _ = urls.match(path, method="POST", return_rule=True)
    except (MethodNotAllowed, NotFound, RequestRedirect):
        return path
    # /tiep-nhan/1/sua-thong-tin (POST only) is also /tiep-nhan/<id>/<code> to a GET: the rule
    # naming more of the path literally is the address it is.
    return None if form is not page and len(form.arguments) < len(page.arguments) else path


def _same_site() -> bool:
    origin = request.headers.get("Origin") or request.referrer or ""
    return bool(origin) and urlsplit(origin).netloc == request.host


def _form_sent():
    """The e-form of the page that sent the request, when its endpoint said which (FORM_PAGES);
    None otherwise, or when it cannot be read now: the page must answer anyway."""
    finder = FORM_PAGES.get(request.endpoint or "")
    try:
        return finder(**(request.view_args or {})) if finder else None
    except Exception:  # noqa: BLE001 -- a form gone or broken since: the fields said by their names
        current_app.logger.debug("refused form: no e-form for %s", request.endpoint, exc_info=True)
        return None


def _described(form, name: str, value: str) -> tuple[str, str]:
    said = field_words(form.schema, form.ui_schema, name, value, PREFIX) if form is not None else None
    if said is None and name in PLAIN_FIELDS:
        label, values = PLAIN_FIELDS[name]
        said = label, values.get(value, value)
    return said or (_words(name), value)


def _words(name: str) -> str:
    """f.qua_trinh_cu_tru.0.noi_cu_tru → qua trinh cu tru 1 noi cu tru: the field, readable enough."""
    parts = name.split(".")
    parts = parts[1:] if parts[0] == "f" and len(parts) > 1 else parts
    return " ".join(str(int(p) + 1) if p.isdigit() else p.replace("_", " ") for p in parts)
