"""A procedure's application form (tờ khai điện tử), as its catalogue entry names it."""
from __future__ import annotations

from flask import current_app

from engine.forms import load_form

from ..db import db
from .models import Procedure


def application_form(procedure):
    return load_form(current_app.config["MOTCUA_FORMS_DIR"], procedure.form, procedure.ui_schema)


def application_form_of(code: str, **_other_view_args):
    """The application form of the procedure `code` (a page's address names it), or None."""
    procedure = db.session.execute(db.select(Procedure).where(Procedure.code == code[:64])).scalar()
    return application_form(procedure) if procedure is not None else None
