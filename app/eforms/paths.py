"""How a field's dotted path (as in FieldError.field) becomes an HTML name and id."""
from __future__ import annotations


def field_name(path: str, prefix: str) -> str:
    return f"{prefix}.{path}" if path else prefix


def field_anchor(path: str, prefix: str) -> str:
    """The id of the field's control: what the error summary links to."""
    return f"{prefix}-{path.replace('.', '-')}" if path else prefix


def join(path: str, part) -> str:
    return f"{path}.{part}" if path else str(part)
