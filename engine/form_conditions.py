"""A field shown only for some values of a choice of the same group, as a UI schema says it:
`"ly_do": {"ui:shownWhen": {"quyet_dinh": ["tu_choi", "yeu_cau_bo_sung"]}}` (ANALYST.md QT-57).
Display only: what the field holds is still sent and checked, and a hidden field holding an
error is shown (app/web/static/forms.js). Whether the field is required while it shows is read
from the form's own branches, `{"if": {"properties": {"quyet_dinh": {"const": "tu_choi"}},
"required": ["quyet_dinh"]}, "then": {"required": ["ly_do"]}}`, so the page marks it.
"""
from __future__ import annotations

KEYWORD = "ui:shownWhen"


def shown_when(ui: dict) -> tuple[str, list] | None:
    """(choice field, its values) of a field's UI schema; None when it has none or it is not one
    field and a non-empty list (or one value): the form check says what is wrong with it."""
    rule = ui.get(KEYWORD) if isinstance(ui, dict) else None
    if not isinstance(rule, dict) or len(rule) != 1:
        return None
    [(choice, values)] = rule.items()
    values = values if isinstance(values, list) else [values]
    return (choice, values) if values and all(isinstance(v, (str, int, float, bool)) for v in values) else None


def _branches(group: dict):
    """The group's if/then pairs: its own and those of its allOf."""
    items = [group] + [item for item in group.get("allOf") or [] if isinstance(item, dict)] \
        if isinstance(group.get("allOf", []), list) else [group]
    for item in items:
        if isinstance(item.get("if"), dict) and isinstance(item.get("then"), dict):
            yield item["if"], item["then"]


def _chosen(condition: dict, choice: str) -> list | None:
    """The values of `choice` a condition holds for (its const or enum, the field required);
    None for a condition on anything else."""
    properties = condition.get("properties")
    if not isinstance(properties, dict) or set(properties) != {choice} or choice not in (condition.get("required") or []):
        return None
    spec = properties[choice]
    if isinstance(spec, dict) and "const" in spec:
        return [spec["const"]]
    return spec["enum"] if isinstance(spec, dict) and isinstance(spec.get("enum"), list) else None


def required_while_shown(group: dict, field: str, choice: str, values: list) -> bool:
    """Whether the group's branches require `field` for every one of `values` of `choice`."""
    needed = set()
    for condition, branch in _branches(group):
        chosen = _chosen(condition, choice)
        if chosen is not None and field in (branch.get("required") or []):
            needed.update(map(repr, chosen))
    return bool(values) and all(repr(v) in needed for v in values)
