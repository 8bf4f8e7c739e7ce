"""The supervision page (Theo dõi xử lý): how the open work of an agency is spread over its
officers, for its leader, or an administrator choosing the agency, to rebalance it; every count
leads to the inbox listing those very tasks (dossiers/supervision.py)."""
from __future__ import annotations

from flask import g, render_template, url_for

from engine.roles import ROLE_LABELS

from ..clock import now
from ..dossiers import consultations, inbox, supervision
from ..web.session import login_required
from . import agency_choice
from .blueprint import workspace
from .messages import DUE_FILTERS, SUPERVISION


def _inbox_link(agency_id: int, row: supervision.Row | None, due: str | None = None) -> str | None:
    """The inbox page listing the tasks a count counts (`row` None: the totals), or None where the
    inbox has no such list for this user: a leader's group tab holds one role's tasks at a time."""
    args = {"han": due} if due else {}
    if g.user.role == "admin":
        args["co_quan"] = agency_id
    if row is None:  # every open task of the agency
        return url_for("workspace.inbox_page", tab="nhom", **args) if g.user.role == "admin" else None
    if row.officer_id is not None:
        return url_for("workspace.inbox_page", tab="nhom", nguoi_xu_ly=row.officer_id, **args)
    return url_for("workspace.inbox_page", tab="cho-nhan", vai_tro=row.role, **args)


@workspace.get("/theo-doi")
@login_required(*inbox.SUPERVISORS)
def supervision_page():
    agencies = agency_choice.choices()
    agency = agency_choice.shown(agencies)
    at = now()
    return render_template(
        "workspace/supervision.html", agency=agency, agencies=agencies, at=at,
        workload=supervision.workload(agency.id, at) if agency else None, due_counts=supervision.DUE_COUNTS,
        waits=consultations.waits(agency.id, at) if agency else None,
        due_filters=DUE_FILTERS, roles=ROLE_LABELS, link=_inbox_link, messages=SUPERVISION)
