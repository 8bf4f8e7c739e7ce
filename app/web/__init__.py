"""Server-rendered pages shared by the portal: the home page, the public lookup, the layout.
The catalogue, accounts, citizen, verification and officer pages are blueprints of their own modules."""
from __future__ import annotations

import unicodedata

from flask import Blueprint, Flask, render_template, request, url_for

from engine.statuses import LABELS as STATUS_LABELS

from ..api.lookup import count_lookup, find_by_code, handled_by
from ..dossiers.events import actor_words
from ..dossiers.label import dossier_label
from ..files.messages import BROWSER as FILE_SCRIPT_TEXTS
from ..files.uploads import kilobytes
from ..localtime import local_date, local_time
from ..privacy import masked_name
from ..security.csrf import init_csrf
from ..security.headers import init_headers
from ..security.messages import MESSAGES as SECURITY
from ..security.ratelimit import RateLimited
from .messages import FORM_SCRIPT
from .history_url import history_url
from .session import load_user

web = Blueprint("web", __name__, template_folder="templates", static_folder="static",
                static_url_path="/tinh")


web.add_app_template_filter(local_time, "local_time")
web.add_app_template_filter(local_date, "local_date")
web.add_app_template_filter(kilobytes, "kilobytes")
web.add_app_template_filter(actor_words, "actor_words")
web.add_app_template_filter(masked_name, "masked_name")
web.add_app_template_filter(dossier_label, "dossier_label")
web.add_app_template_global(FILE_SCRIPT_TEXTS, "file_script_texts")
web.add_app_template_global(FORM_SCRIPT, "form_script_texts")
web.add_app_template_global(history_url, "history_url")


def init_web(app: Flask) -> None:
    app.before_request(load_user)
    init_csrf(app)
    init_headers(app)
    app.register_blueprint(web)
    from ..accounts.views import accounts
    from ..catalogue.views import catalogue_web
    from ..payments.views import payments
    from ..portal.views import portal
    from ..signing.views import signing
    from ..workspace import workspace
    for blueprint in (accounts, catalogue_web, payments, portal, signing, workspace):
        app.register_blueprint(blueprint)


@web.get("/")
def home():
    return render_template("web/home.html")


@web.get("/favicon.ico")
def favicon():
    """Where browsers and feed readers look without reading the page's <link rel="icon">."""
    return web.send_static_file("favicon.svg")


def typed_code(text: str) -> str:
    """A dossier code as typed or pasted: upper case (typed on a phone, often not), full-width
    digits as digits, without spaces or the invisible characters a copy brings (U+200B...)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Cf").upper()


@web.get("/tra-cuu")
def lookup_form():
    code = typed_code(request.args.get("ma", ""))
    return lookup_page(code) if code else render_template("web/home.html")


@web.get("/tra-cuu/<code>/qr.svg")
def lookup_qr(code: str):
    """The QR code of a dossier's public lookup address (what the receipt prints)."""
    import qrcode
    import qrcode.image.svg
    url = url_for("web.lookup_page", code=code[:40], _external=True)
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    return image.to_string(), 200, {"Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=86400"}


@web.get("/tra-cuu/<code>")
def lookup_page(code: str):
    try:
        count_lookup()
    except RateLimited as exc:
        response = render_template("web/error.html", title=SECURITY["rate_limited_title"],
                                   text=SECURITY["rate_limited"].format(seconds=exc.retry_after))
        return response, 429, {"Retry-After": str(exc.retry_after)}
    code = typed_code(code)
    dossier = find_by_code(code)
    status = 404 if dossier is None else 200
    return render_template("web/lookup.html", code=code[:40], dossier=dossier,
                           handled_by=handled_by(dossier) if dossier else [],
                           status_labels=STATUS_LABELS), status
