"""A procedure's application form (tờ khai điện tử), as its catalogue entry names it."""
from __future__ import annotations

from flask import current_app

from engine.forms import load_form


def application_form(procedure):
    return load_form(current_app.config["MOTCUA_FORMS_DIR"], procedure.form, procedure.ui_schema)
