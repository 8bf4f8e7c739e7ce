"""The files chosen in one file input of a page form: each accepted one stored and described
(with a signed PDF's verdict), each refused one explained; and the limits the page states beside
the input, which the browser checks too (app/web/static/files.js)."""
from __future__ import annotations

from flask import current_app, request

from ..clock import now
from ..signing.inspect import signature_summary
from ..workflow.service import workflow
from .messages import TYPE_NAMES
from .sniff import PDF
from .storage import storage
from .uploads import UploadRejected, accept_upload, allowed_for

EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg,.jpeg", "image/png": ".png"}


def read_field(field: str, types, max_bytes: int) -> tuple[list[dict], str | None]:
    """The files chosen in the input `field`, each accepted one stored and described with its
    signatures' verdict; and why the rejected ones were refused (None when none was)."""
    files, refusals = [], []
    for upload in request.files.getlist(field):
        if upload is None or not upload.filename:
            continue
        try:
            stored = accept_upload(upload, types, max_bytes)
        except UploadRejected as exc:
            refusals.append(str(exc))
            continue
        files.append({**stored.as_dict(), "signature": _signature(stored)})
    return files, " ".join(refusals) or None


def _signature(stored) -> dict | None:
    """A signed PDF's verdict, read once when it arrives."""
    if stored.content_type != PDF:
        return None
    return signature_summary(storage().open(stored.storage_key), current_app.config, now(), workflow().calendar.tz)


def limits_text(procedure) -> dict:
    """What a procedure's file inputs accept: the types in words and as the input's `accept`,
    the size per file in MB for the words and in bytes for the browser's own check."""
    types, max_bytes = allowed_for(procedure.details, current_app.config)
    return {"types": ", ".join(TYPE_NAMES.get(t, t) for t in types),
            "accept": ",".join(EXTENSIONS.get(t, "") for t in types),
            "max_mb": f"{max_bytes / 1024 / 1024:g}", "max_bytes": max_bytes}
