"""The error summary at the top of a page: announced when the page loads (role="alert"), one
link per problem to the control that needs correcting."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from markupsafe import Markup, escape

from .messages import TEXT
from .paths import field_anchor

SUMMARY_ID = "tom-tat-loi"


def render_error_summary(errors: Iterable | Mapping[str, str], prefix: str = "f") -> Markup:
    """`errors` are FieldErrors (linked to their field's id under `prefix`; a form-level error,
    field "", is listed without a link), or a mapping of element id → message for a page that
    mixes e-form fields with its own controls. Nothing when there are no errors."""
    if isinstance(errors, Mapping):
        items = list(errors.items())
    else:
        items = [(field_anchor(e.field, prefix) if e.field else None, e.message) for e in errors or ()]
    if not items:
        return Markup("")
    rows = "".join(f'<li><a href="#{escape(anchor)}">{escape(message)}</a></li>' if anchor
                   else f"<li>{escape(message)}</li>" for anchor, message in items)
    return Markup(f'<div class="error-summary" role="alert" tabindex="-1" id="{SUMMARY_ID}" '
                  f'aria-labelledby="{SUMMARY_ID}-tieu-de"><h2 id="{SUMMARY_ID}-tieu-de">'
                  f'{escape(TEXT["summary_title"].format(n=len(items)))}</h2><ul>{rows}</ul></div>')
