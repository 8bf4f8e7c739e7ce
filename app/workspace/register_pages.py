"""The dossier register (Mẫu 06) of the officer's agency (any agency, for an administrator): a
period's dossiers on screen, a page at a time whatever their number, and the same period printed
as the template's PDF when it is short enough to print in one request."""
from __future__ import annotations

from datetime import date, timedelta

from flask import render_template, request

from ..localtime import local_today
from ..dossiers import printouts
from ..dossiers.register import PRINT_MAX_ROWS, register_count, register_rows, resolves_any
from ..files.download import file_response
from ..web.session import login_required
from . import agency_choice
from .blueprint import STAFF, workspace
from .dossier_pages import EARLIEST_DAY, LATEST_DAY, typed_date
from ..documents.messages import REGISTER as COLUMNS
from .messages import REGISTER

PER_PAGE = 100
LONGEST = timedelta(days=366)


@workspace.get("/so-theo-doi")
@login_required(*STAFF)
def register():
    """Mẫu 06 of the officer's agency (an administrator's choice) for a period (default: this
    month so far)."""
    today = local_today()
    start, end = today.replace(day=1), today
    typed = {name: request.args.get(name, "")[:32] for name in ("tu", "den")}
    days = {name: _day(name, text) for name, text in typed.items()}
    refusals = [problem for _, problem in days.values() if problem]
    if refusals:  # a day not understood: the default period, said so, never a PDF of another period
        refusals.append(REGISTER["shown_instead"].format(start=f"{start:%d/%m/%Y}", end=f"{end:%d/%m/%Y}"))
    else:
        start, end = days["tu"][0] or start, days["den"][0] or end
    agencies = agency_choice.choices()
    agency = agency_choice.shown(agencies)
    invalid = start > end or end - start > LONGEST
    context = {"start": start, "end": end, "agency": agency, "agencies": agencies, "invalid": invalid, "messages": REGISTER, "columns": COLUMNS,
               "print_max": PRINT_MAX_ROWS, "rows": [], "total": 0, "page": 1, "pages": 1, "refusals": refusals}
    if agency is None or invalid:
        return render_template("workspace/register.html", **context), 422 if invalid or refusals else 200
    total = register_count(agency, start, end)
    if request.args.get("pdf") and total <= PRINT_MAX_ROWS and not refusals:
        return file_response(printouts.register(agency, start, end, today),
                             f"so-theo-doi-{start:%Y%m%d}-{end:%Y%m%d}.pdf", inline=True)
    pages = max(-(-total // PER_PAGE), 1)
    page = min(max(request.args.get("trang", 1, type=int) or 1, 1), pages)
    context.update(total=total, page=page, pages=pages, first=(page - 1) * PER_PAGE + 1,
                   receives_none=not total and not resolves_any(agency),
                   rows=register_rows(agency, start, end, PER_PAGE, (page - 1) * PER_PAGE),
                   too_long=bool(request.args.get("pdf")) and not refusals)
    return render_template("workspace/register.html", **context), 422 if context["too_long"] or refusals else 200


def _day(name: str, text: str) -> tuple[date | None, str | None]:
    """The day typed for `tu` or `den` (None: not given), or why it cannot be used."""
    if not text:
        return None, None
    day = typed_date(text)
    if day is not None:
        return day, None
    field = REGISTER["fields"][name]
    try:
        outside = date.fromisoformat(text)
    except ValueError:
        return None, REGISTER["not_understood"].format(field=field, text=text)
    return None, REGISTER["out_of_range"].format(field=field, day=_shown(outside), earliest=_shown(EARLIEST_DAY),
                                                 latest=_shown(LATEST_DAY))


def _shown(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"  # strftime writes year 1 as "1"
