"""Reading the component files of a page form (an application or a supplement, on the portal or
at the counter): each accepted upload is stored and described; a rejected one becomes a message
on its component."""
from __future__ import annotations

from flask import current_app

from ..files.chosen import read_field
from ..files.uploads import allowed_for
from .completeness import upload_components

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
