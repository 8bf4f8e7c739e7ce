"""Reading the component files of a page form (application or supplement): each accepted
upload is stored and described; a rejected one becomes a message on its component."""
from __future__ import annotations

from flask import current_app, request

from ..clock import now
from ..dossiers.completeness import upload_components
from ..files.sniff import PDF
from ..files.storage import storage
from ..files.uploads import UploadRejected, accept_upload, allowed_for
from ..signing.inspect import signature_summary
from ..workflow.service import workflow

FIELD = "tep.{code}"


def component_anchor(code: str) -> str:
    return f"tep-{code}"


def read_uploads(procedure) -> tuple[list[dict], dict[str, str]]:
    types, max_bytes = allowed_for(procedure.details, current_app.config)
    files, errors = [], {}
    for component in upload_components(procedure):
        accepted, error = read_field(FIELD.format(code=component["code"]), types, max_bytes)
        files.extend({**item, "component_code": component["code"]} for item in accepted)
        if error:
            errors[component_anchor(component["code"])] = error
    return files, errors


def read_field(field: str, types, max_bytes: int) -> tuple[list[dict], str | None]:
    """The files chosen in one file input of the request, each accepted one stored and described
    with its signatures' verdict; and why the rejected ones were refused (None when none was)."""
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
    types, max_bytes = allowed_for(procedure.details, current_app.config)
    names = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}
    extensions = {"application/pdf": ".pdf", "image/jpeg": ".jpg,.jpeg", "image/png": ".png"}
    return {"types": ", ".join(names.get(t, t) for t in types),
            "accept": ",".join(extensions.get(t, "") for t in types),
            "max_mb": f"{max_bytes / 1024 / 1024:g}"}
