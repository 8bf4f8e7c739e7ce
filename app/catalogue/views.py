"""The public catalogue: search procedures, and a procedure's page."""
from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from sqlalchemy import select

from ..db import db
from .messages import KINDS, LEVELS, ONLINE_LEVELS, UNITS
from .models import Procedure
from .search import Filters, facets, search as search_procedures

catalogue_web = Blueprint("catalogue", __name__, template_folder="templates")
PER_PAGE = 20


@catalogue_web.app_template_filter("processing_time")
def processing_time(procedure) -> str:
    amount = procedure.processing_amount
    return f"{amount:g} {UNITS.get(procedure.processing_unit, procedure.processing_unit)}".replace(".", ",")


@catalogue_web.app_template_filter("money")
def money(amount) -> str:
    return f"{int(amount):,}".replace(",", ".") if isinstance(amount, (int, float)) else str(amount)


@catalogue_web.get("/thu-tuc")
def search():
    args = request.args
    query = args.get("q", "")[:200]
    filters = Filters(*(args.get(name, "")[:64] or None for name in ("linh_vuc", "co_quan", "cap", "muc_do")))
    page = max(args.get("trang", 1, type=int) or 1, 1)
    results, total = search_procedures(query, **filters.as_kwargs(), page=page, per_page=PER_PAGE)
    return render_template("catalogue/search.html", query=query, filters=filters, results=results, total=total,
                           page=page, pages=max((total + PER_PAGE - 1) // PER_PAGE, 1), facets=facets(),
                           levels=LEVELS, online_levels=ONLINE_LEVELS, args=args)


@catalogue_web.get("/thu-tuc/<code>")
def procedure(code: str):
    found = db.session.execute(select(Procedure).where(Procedure.code == code[:32])).scalar_one_or_none()
    if found is None:
        abort(404)
    return render_template("catalogue/procedure.html", p=found, d=found.details, levels=LEVELS,
                           online_levels=ONLINE_LEVELS, kinds=KINDS)
