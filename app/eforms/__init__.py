"""Generated e-forms: a procedure's JSON Schema rendered as an accessible HTML form, and the
submitted page form parsed back into JSON for the schema's own validation.

A page's round trip::

    data = parse_submission(form, request.form)        # FormTooLarge: answer 413, store nothing
    if request.form.get("action", "").startswith(("add:", "remove:")):
        data = apply_action(form, data, request.form["action"])
    errors = form.validate(data)                      # engine.forms.FieldError, in Vietnamese

and in the template (every function returns Markup, so no `|safe`), inside
`<form method="post" novalidate>`::

    {{ render_error_summary(errors) }}
    {{ render_fields(form, data, errors) }}

`init_app(app)` makes both render functions Jinja globals; without it, pass their results to
`render_template` as values.
"""
from .actions import apply_action
from .parse import FormTooLarge, parse_submission
from .paths import field_anchor, field_name
from .render import render_fields
from .summary import SUMMARY_ID, render_error_summary

__all__ = ["FormTooLarge", "SUMMARY_ID", "apply_action", "field_anchor", "field_name", "init_app", "parse_submission",
           "render_error_summary", "render_fields"]


def init_app(app) -> None:
    app.add_template_global(render_fields)
    app.add_template_global(render_error_summary)
