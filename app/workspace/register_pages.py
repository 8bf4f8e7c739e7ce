"""The dossier register (Mẫu 06) of the officer's agency: a period's dossiers on screen, a page at
a time whatever their number, and the same period printed as the template's PDF when it is short
enough to print in one request."""
from __future__ import annotations

from datetime import timedelta

from flask import g, render_template, request

from ..clock import now
from ..dossiers import printouts
from ..dossiers.register import PRINT_MAX_ROWS, register_count, register_rows
from ..files.download import file_response
from ..web.session import login_required
from ..workflow.service import workflow
from .blueprint import STAFF, workspace
from .dossier_pages import typed_date
from ..documents.messages import REGISTER as COLUMNS
from .messages import REGISTER

PER_PAGE = 100
LONGEST = timedelta(days=366)


@workspace.get("/so-theo-doi")
@login_required(*STAFF)
def register():
    """Mẫu 06 of the officer's agency for a period (default: this month so far)."""
    today = now().astimezone(workflow().calendar.tz).date()
    start = typed_date(request.args.get("tu", "")) or today.replace(day=1)
    end = typed_date(request.args.get("den", "")) or today
    agency = g.user.agency
    invalid = start > end or end - start > LONGEST
    context = {"start": start, "end": end, "agency": agency, "invalid": invalid, "messages": REGISTER, "columns": COLUMNS,
               "print_max": PRINT_MAX_ROWS, "rows": [], "total": 0, "page": 1, "pages": 1}
    if agency is None or invalid:
        return render_template("workspace/register.html", **context), 422 if invalid else 200
    total = register_count(agency, start, end)
    if request.args.get("pdf") and total <= PRINT_MAX_ROWS:
        return file_response(printouts.register(agency, start, end, today),
                             f"so-theo-doi-{start:%Y%m%d}-{end:%Y%m%d}.pdf", inline=True)
    pages = max(-(-total // PER_PAGE), 1)
    page = min(max(request.args.get("trang", 1, type=int) or 1, 1), pages)
    context.update(total=total, page=page, pages=pages, first=(page - 1) * PER_PAGE + 1,
                   rows=register_rows(agency, start, end, PER_PAGE, (page - 1) * PER_PAGE),
                   too_long=bool(request.args.get("pdf")))
    return render_template("workspace/register.html", **context), 422 if context["too_long"] else 200
