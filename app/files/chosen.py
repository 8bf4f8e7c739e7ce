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
from .uploads import CheckedUpload, UploadRejected, allowed_for, check_upload, store_upload

EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg,.jpeg", "image/png": ".png"}


def read_field(field: str, types, max_bytes: int) -> tuple[list[dict], str | None]:
    """The files chosen in the input `field`, each accepted one stored and described with its
    signatures' verdict; and why the rejected ones were refused (None when none was)."""
    accepted, refused = check_field(field, types, max_bytes)
    return [stored_file(checked) for checked in accepted], refused


def check_field(field: str, types, max_bytes: int) -> tuple[list[CheckedUpload], str | None]:
    """The files chosen in the input `field` that are accepted, not stored yet; and why the
    others were refused (None when none was)."""
    files, refusals = [], []
    for upload in request.files.getlist(field):
        if upload is None or not upload.filename:
            continue
        try:
            files.append(check_upload(upload, types, max_bytes))
        except UploadRejected as exc:
            refusals.append(str(exc))
    return files, " ".join(refusals) or None


def stored_file(checked: CheckedUpload) -> dict:
    """An accepted file stored, described with its signatures' verdict."""
    stored = store_upload(checked)
    return {**stored.as_dict(), "signature": _signature(stored)}


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
