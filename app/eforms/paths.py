"""How a field's dotted path (as in FieldError.field, e.g. "qua_trinh_cu_tru.0.tu_nam") becomes
an HTML name ("f.qua_trinh_cu_tru.0.tu_nam") and id ("f-qua_trinh_cu_tru-0-tu_nam")."""
from __future__ import annotations


def field_name(path: str, prefix: str) -> str:
    return f"{prefix}.{path}" if path else prefix


def field_anchor(path: str, prefix: str) -> str:
    """The id of the field's control (of a group's first choice, of a fieldset for a group of
    fields): what the error summary links to."""
    return f"{prefix}-{path.replace('.', '-')}" if path else prefix


def join(path: str, part) -> str:
    return f"{path}.{part}" if path else str(part)


def ancestors(path: str) -> set[str]:
    """The path and every path above it: "a.0.b" → {"a", "a.0", "a.0.b"}."""
    parts = path.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts) + 1)}
