"""Generated e-forms: a procedure's JSON Schema rendered as an accessible HTML form, and the
submitted page form parsed back into JSON for the schema's own validation."""
from .parse import FormTooLarge, apply_action, parse_submission
from .paths import field_anchor, field_name
from .render import render_fields

__all__ = ["FormTooLarge", "apply_action", "parse_submission", "field_anchor", "field_name", "render_fields"]
