"""Where a page shown in answer to a form belongs in the browser's history. Pages of a logged-in
user are never stored (security/headers.py), so Back to a page a form's sending produced would
ask to send the form again (Chromium: ERR_CACHE_MISS); forms.js gives that history entry the
address of the page the form belongs to instead: the same address when it also answers GET (the
counter intake, the application form), else the nearest one above it that does (a task's
`…/viec/<id>/xu-ly` → `…/viec/<id>`, a dossier's `…/ho-so/<id>/xin-loi` → `…/ho-so/<id>`), with
the query kept (the inbox view a task carries)."""
from __future__ import annotations

from flask import current_app, request
from werkzeug.exceptions import HTTPException


def history_url() -> str:
    """The address for this response's history entry; "" for a GET, or with none to give."""
    if request.method != "POST":
        return ""
    adapter = current_app.create_url_adapter(request)
    path = request.path
    while path:
        try:
            adapter.match(path, method="GET")
        except HTTPException:  # not found, POST only, or another spelling (RequestRedirect)
            path = path.rsplit("/", 1)[0]
            continue
        query = request.query_string.decode("latin-1")
        return request.script_root + path + (f"?{query}" if query else "")
    return ""
