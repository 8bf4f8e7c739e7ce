"""Component files sent with an application or a supplement over the API: a multipart request
whose file parts are named `tep.<component code>` (as the portal's form names them), read and
checked by the portal's own rules (types by content, size). A part the request cannot use (a
name of no component, a file sent as text or without its name) is refused rather than dropped
without a word, and nothing is stored unless the whole request is taken (uploads.stored)."""
from __future__ import annotations

from flask import request

from ..dossiers.completeness import missing_components, missing_message, upload_components
from ..dossiers.uploads import FIELD, checked_uploads, component_anchor
from .blueprint import ApiError
from .input import BODY_PART
from .messages import ERRORS


def component_files(procedure) -> list[dict]:
    """The accepted files of the request, not stored yet; [] for a JSON request. ApiError 422
    naming each refused part (an unknown component, a file of a kind or size not allowed)."""
    if request.mimetype != "multipart/form-data":
        return []
    codes = [c["code"] for c in upload_components(procedure)]
    fields = ", ".join(FIELD.format(code=c) for c in codes) or "—"
    known = {FIELD.format(code=code) for code in codes}
    _refuse({name: ERRORS["file_as_text"].format(name=name) if name in known
             else ERRORS["unknown_part"].format(name=name, body=BODY_PART, fields=fields)
             for name in set(request.form) - {BODY_PART}})
    unknown = sorted(set(request.files) - known - {BODY_PART})
    if unknown:
        message = ERRORS["unknown_component"].format(names=", ".join(unknown), fields=fields)
        raise ApiError(422, "invalid", message, [{"field": name, "message": message} for name in unknown])
    _refuse({name: ERRORS["file_without_name"].format(name=name) for name in sorted(known & set(request.files))
             if any(not part.filename and part.stream.read(1) for part in request.files.getlist(name))})
    files, errors = checked_uploads(procedure)
    if errors:
        parts = {component_anchor(code): FIELD.format(code=code) for code in codes}
        details = [{"field": parts[anchor], "message": text} for anchor, text in errors.items()]
        raise ApiError(422, "invalid", ERRORS["files_refused"], details)
    return files


def require_components(procedure, files: list[dict], data: dict, form) -> None:
    """ApiError 422 naming each component the application must carry and does not, as the
    portal asks for them (`data`: the application as the dossier keeps it)."""
    missing = missing_components(procedure, files, on_behalf=False, data=data)
    _refuse({FIELD.format(code=c["code"]): missing_message(
        ERRORS["missing_component"].format(name=c["name"], field=FIELD.format(code=c["code"])), c, form)
        for c in missing}, ERRORS["components_missing"])


def _refuse(problems: dict[str, str], message: str | None = None) -> None:
    if problems:
        details = [{"field": name, "message": text} for name, text in sorted(problems.items())]
        raise ApiError(422, "invalid", message or " ".join(d["message"] for d in details), details)
