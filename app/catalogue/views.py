"""The public catalogue: search procedures, and a procedure's page."""
from __future__ import annotations

from flask import Blueprint, abort, render_template, request, url_for
from sqlalchemy import select

from engine.numbers import grouped

from ..db import db
from ..dossiers.completeness import ON_BEHALF, answer_condition, condition_text, condition_words
from . import messages
from .forms import application_form
from .models import Procedure
from .search import clean, facets, search as search_procedures

catalogue_web = Blueprint("catalogue", __name__, template_folder="templates")
PER_PAGE = 20
# Query-string names (Vietnamese, as citizens see them in the address) -> search() arguments.
FILTERS = {"linh_vuc": "sector", "co_quan": "agency_code", "cap": "level", "muc_do": "online_level"}


@catalogue_web.app_template_filter("processing_time")
def processing_time(procedure) -> str:
    amount = f"{procedure.processing_amount:g}".replace(".", ",")
    return f"{amount} {messages.UNITS.get(procedure.processing_unit, procedure.processing_unit)}"


@catalogue_web.app_template_filter("money")
def money(amount) -> str:
    """8000 -> "8.000", the Vietnamese way of grouping thousands."""
    return grouped(amount) if isinstance(amount, (int, float)) else str(amount)


def requirement(component: dict, form=None) -> str:
    """Whether a component is required, as the procedure's page says it: always, when applying on
    someone's behalf, when the application form's answer is one of some values (QT-45), or not."""
    if component.get("required"):
        return messages.REQUIRED[True]
    when = component.get("required_when")
    if when == ON_BEHALF:
        return messages.REQUIRED[ON_BEHALF]
    condition = condition_words(component, form)
    if condition is not None:
        return messages.REQUIRED_WHEN.format(condition=condition)
    return messages.REQUIRED[False]


def _application_form(procedure):
    """The procedure's application form, for the words of its components' conditions; None when
    its file cannot be read (the page still shows the field's own name)."""
    try:
        return application_form(procedure)
    except (OSError, ValueError):
        return None


def filter_options(chosen: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
    """(value, label) pairs of each filter's select, by query-string name. A chosen value the
    catalogue no longer has stays listed, so the select shows the filter actually applied."""
    shown = facets()
    options = {"linh_vuc": [(s, s) for s in shown["sectors"]], "co_quan": shown["agencies"],
               "cap": [(level, messages.LEVELS.get(level, level)) for level in shown["levels"]],
               "muc_do": list(messages.ONLINE_LEVELS.items())}
    for name, value in chosen.items():
        if value and value not in dict(options[name]):
            options[name].append((value, messages.LEVELS.get(value, value) if name == "cap" else value))
    return options


def page_numbers(page: int, pages: int, around: int = 2) -> list[int]:
    """First, last and the pages around the current one; the template marks the gaps."""
    return sorted({1, pages, *range(max(page - around, 1), min(page + around, pages) + 1)})


@catalogue_web.get("/thu-tuc")
def search():
    query = clean(request.args.get("q"))
    chosen = {param: clean(request.args.get(param)) for param in FILTERS}
    # "😀", '"': no letter or digit to look for; every procedure is listed, and said why, never
    # as procedures «matching» it.
    wordless = query if query and not any(ch.isalnum() for ch in query) else ""
    results = search_procedures(None if wordless else query,
                                **{FILTERS[p]: value or None for p, value in chosen.items()},
                                page=request.args.get("trang", 1, type=int), per_page=PER_PAGE)
    kept = {name: value for name, value in {"q": query, **chosen}.items() if value}

    def page_url(number: int) -> str:
        return url_for("catalogue.search", **kept, trang=number, _anchor="ket-qua")

    return render_template("catalogue/search.html", query="" if wordless else query, typed=query, wordless=wordless,
                           chosen=chosen, results=results,
                           numbers=page_numbers(results.page, results.pages), page_url=page_url,
                           first=(results.page - 1) * PER_PAGE + 1, filtered=any(chosen.values()),
                           options=filter_options(chosen), m=messages)


@catalogue_web.get("/thu-tuc/<code>")
def procedure(code: str):
    found = None
    if clean(code, 32) == code:  # a code with control characters or overlong is no code
        found = db.session.execute(select(Procedure).where(Procedure.code == code)).scalar_one_or_none()
    if found is None:
        abort(404)
    form = _application_form(found)
    alone = answer_condition(found.details.get("self_only_when"))
    return render_template("catalogue/procedure.html", p=found, d=found.details,
                           requirement=lambda component: requirement(component, form), m=messages,
                           self_only=messages.SELF_ONLY_NOTE.format(condition=condition_text(*alone, form)) if alone else None)
