"""A field shown only for some values of a choice of the same group, as a UI schema says it:
`"ly_do": {"ui:shownWhen": {"quyet_dinh": ["tu_choi", "yeu_cau_bo_sung"]}}` (ANALYST.md QT-57).
The page hides it while none of those values is chosen (app/web/static/forms.js), and what it
holds then is neither checked nor kept (`visible`): a reason typed before the officer chose to
accept is no part of the acceptance. Whether the field is required while it shows is read from
the form's own branches, `{"if": {"properties": {"quyet_dinh": {"const": "tu_choi"}},
"required": ["quyet_dinh"]}, "then": {"required": ["ly_do"]}}`, so the page marks it; the form
check refuses a rule hiding a field for a value that requires it (`required_for`).
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


def required_for(group: dict, field: str, choice: str) -> list | None:
    """The values of `choice` for which the group's branches require `field`; None when the
    group requires it whatever is chosen."""
    if field in (group.get("required") or []):
        return None
    needed = []
    for condition, branch in _branches(group):
        chosen = _chosen(condition, choice)
        if chosen is not None and field in (branch.get("required") or []):
            needed += [v for v in chosen if v not in needed]
    return needed


def required_while_shown(group: dict, field: str, choice: str, values: list) -> bool:
    """Whether the group's branches require `field` for every one of `values` of `choice`."""
    needed = required_for(group, field, choice)
    return needed is None or bool(values) and all(v in needed for v in values)


def visible(schema: dict, ui: dict, data):
    """`data` without what the fields hidden by their "ui:shownWhen" hold (a copy): the choice
    they follow has none of their values, or none at all."""
    if isinstance(data, list) and isinstance(schema.get("items"), dict):
        items_ui = ui.get("items") if isinstance(ui, dict) and isinstance(ui.get("items"), dict) else {}
        return [visible(schema["items"], items_ui, item) for item in data]
    properties = schema.get("properties")
    if not isinstance(data, dict) or not isinstance(properties, dict):
        return data
    kept = {}
    for name, value in data.items():
        own_ui = ui.get(name) if isinstance(ui, dict) and isinstance(ui.get(name), dict) else {}
        rule = shown_when(own_ui) if name in properties else None
        if rule is not None and rule[0] in properties and name != rule[0] and data.get(rule[0]) not in rule[1]:
            continue
        kept[name] = visible(properties[name], own_ui, value) if isinstance(properties.get(name), dict) else value
    return kept
