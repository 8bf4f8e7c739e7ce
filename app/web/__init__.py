"""Server-rendered pages. The foundation has the home page and the public lookup page that the
receipt's QR code points to; the portal and the officers' workspace grow here."""
from __future__ import annotations

from flask import Blueprint, render_template, request

from ..api.lookup import find_by_code, handled_by
from ..dossiers.messages import STATUS_LABELS
from ..workflow.service import workflow

web = Blueprint("web", __name__, template_folder="templates")


@web.app_template_filter("local_time")
def local_time(value):
    return value.astimezone(workflow().calendar.tz).strftime("%H:%M ngày %d/%m/%Y") if value else "—"


@web.get("/")
def home():
    return render_template("web/home.html")


@web.get("/tra-cuu")
def lookup_form():
    code = request.args.get("ma", "").strip()
    return lookup_page(code) if code else render_template("web/home.html")


@web.get("/tra-cuu/<code>")
def lookup_page(code: str):
    dossier = find_by_code(code)
    status = 404 if dossier is None else 200
    return render_template("web/lookup.html", code=code[:40], dossier=dossier,
                           handled_by=handled_by(dossier) if dossier else [],
                           status_labels=STATUS_LABELS), status
