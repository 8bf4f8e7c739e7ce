"""Reading the component files of a page form (application or supplement): each accepted
upload is stored and described; a rejected one becomes a message on its component."""
from __future__ import annotations

from flask import current_app, request

from ..dossiers.completeness import upload_components
from ..files.uploads import UploadRejected, accept_upload, allowed_for

FIELD = "tep.{code}"


def component_anchor(code: str) -> str:
    return f"tep-{code}"


def read_uploads(procedure) -> tuple[list[dict], dict[str, str]]:
    types, max_bytes = allowed_for(procedure.details, current_app.config)
    files, errors = [], {}
    for component in upload_components(procedure):
        for storage in request.files.getlist(FIELD.format(code=component["code"])):
            if storage is None or not storage.filename:
                continue
            try:
                stored = accept_upload(storage, types, max_bytes)
            except UploadRejected as exc:
                errors[component_anchor(component["code"])] = str(exc)
                continue
            files.append({**stored.as_dict(), "component_code": component["code"]})
    return files, errors


def limits_text(procedure) -> dict:
    types, max_bytes = allowed_for(procedure.details, current_app.config)
    names = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}
    extensions = {"application/pdf": ".pdf", "image/jpeg": ".jpg,.jpeg", "image/png": ".png"}
    return {"types": ", ".join(names.get(t, t) for t in types),
            "accept": ",".join(extensions.get(t, "") for t in types),
            "max_mb": f"{max_bytes / 1024 / 1024:g}"}
