"""Which agency a page about one agency's work shows (supervision, register): an officer's own;
an administrator, who keeps every agency, chooses it (`co_quan`)."""
from __future__ import annotations

from flask import flash, g, request

from ..users import officers
from .messages import MESSAGES


def choices() -> list:
    """The agencies the user may choose among: all of them for an administrator, none otherwise."""
    return officers.agencies() if g.user.role == "admin" else []


def shown(agencies) -> object | None:
    """The agency shown: an officer's own, whatever the address says; an administrator's choice
    among `agencies`, else (said so when they asked for one there is not) their own agency, else
    the first one."""
    if g.user.role != "admin":
        return g.user.agency
    by_id = {a.id: a for a in agencies}
    asked = request.args.get("co_quan", "")[:32]
    chosen = by_id.get(request.args.get("co_quan", type=int))
    shown = chosen or by_id.get(g.user.agency_id) or next(iter(agencies), None)
    if asked and chosen is None and shown is not None:
        flash(MESSAGES["agency_unknown"].format(asked=asked, shown=shown.name), "error")
    return shown
