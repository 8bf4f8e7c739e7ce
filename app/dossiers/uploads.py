"""Reading the component files of a page form (an application or a supplement, on the portal or
at the counter): each accepted upload is stored and described; a rejected one becomes a message
on its component. A request that keeps nothing unless all of it is accepted (the API) reads them
unstored (`checked_uploads`): the dossier stores them once it takes them (`stored`)."""
from __future__ import annotations

from flask import current_app

from ..files.chosen import check_field, stored_file
from ..files.uploads import allowed_for
from .completeness import upload_components

FIELD = "tep.{code}"
PENDING = "pending"  # an accepted file's key while it is not stored yet: its CheckedUpload


def component_anchor(code: str) -> str:
    return f"tep-{code}"


def read_uploads(procedure) -> tuple[list[dict], dict[str, str]]:
    """The accepted files, stored; why the others were refused, by component anchor."""
    files, errors = checked_uploads(procedure)
    return stored(files), errors


def checked_uploads(procedure) -> tuple[list[dict], dict[str, str]]:
    """As read_uploads, the accepted files not stored yet (as `stored` takes them)."""
    types, max_bytes = allowed_for(procedure.details, current_app.config)
    files, errors = [], {}
    for component in upload_components(procedure):
        accepted, error = check_field(FIELD.format(code=component["code"]), types, max_bytes)
        files.extend({"component_code": component["code"], "file_name": item.file_name, "sha256": item.sha256,
                      PENDING: item} for item in accepted)
        if error:
            errors[component_anchor(component["code"])] = error
    return files, errors


def stored(files: list[dict]) -> list[dict]:
    """`files` with those not stored yet stored (and described as an accepted upload is)."""
    return [{**stored_file(f[PENDING]), "component_code": f["component_code"]} if PENDING in f else f for f in files]
