"""The personal data store page (Kho quản lý dữ liệu điện tử)."""
from __future__ import annotations

from flask import g, render_template

from ..clock import now
from ..db import db
from ..web.session import login_required
from . import datastore
from .blueprint import portal
from .messages import MESSAGES


@portal.get("/kho-du-lieu")
@login_required("citizen")
def data_store():
    files = datastore.stored_files(g.user)
    results = datastore.results(g.user)
    related = datastore.related_procedures(g.user)
    datastore.log_access(g.user, g.user, "view", now())
    db.session.commit()
    return render_template("portal/data_store.html", user=g.user, files=files, results=results, related=related,
                           issued_kinds=MESSAGES["issued_kinds"])
