"""Component files sent with an application or a supplement over the API: a multipart request
whose file parts are named `tep.<component code>` (as the portal's form names them), read and
checked by the portal's own rules (types by content, size). A part naming no component of the
procedure is refused, rather than dropped without a word."""
from __future__ import annotations

from flask import request

from ..dossiers.completeness import upload_components
from ..dossiers.uploads import FIELD, component_anchor, read_uploads
from .blueprint import ApiError
from .messages import ERRORS


def component_files(procedure) -> list[dict]:
    """The accepted uploads (stored) of the request; [] for a JSON request. ApiError 422 naming
    each refused part (an unknown component, a file of a kind or size not allowed)."""
    if not request.files:
        return []
    codes = [c["code"] for c in upload_components(procedure)]
    known = {FIELD.format(code=code) for code in codes}
    unknown = sorted(set(request.files) - known)
    if unknown:
        message = ERRORS["unknown_component"].format(
            names=", ".join(unknown), fields=", ".join(FIELD.format(code=c) for c in codes) or "—")
        raise ApiError(422, "invalid", message, [{"field": name, "message": message} for name in unknown])
    files, errors = read_uploads(procedure)
    if errors:
        parts = {component_anchor(code): FIELD.format(code=code) for code in codes}
        details = [{"field": parts[anchor], "message": text} for anchor, text in errors.items()]
        raise ApiError(422, "invalid", ERRORS["files_refused"], details)
    return files
