"""A field shown only for some values of a choice of the same group, as a UI schema says it:
`"ly_do": {"ui:shownWhen": {"quyet_dinh": ["tu_choi", "yeu_cau_bo_sung"]}}` (ANALYST.md QT-57).
The page hides it while none of those values is chosen (app/web/static/forms.js), and what it
holds then is neither checked nor kept (`visible`): a reason typed before the officer chose to
accept is no part of the acceptance. Whether the field is required while it shows is read from
the form's own branches, `{"if": {"properties": {"quyet_dinh": {"const": "tu_choi"}},
"required": ["quyet_dinh"]}, "then": {"required": ["ly_do"]}}`, so the page marks it; the form
check refuses a rule hiding a field for a value that requires it (`required_for`). A field
following a hidden choice is hidden too, whatever the choice held before it was hidden; an
unticked yes/no box (sent as nothing) is `false`.
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
    """The group's (if, then, else) triples, its own and those of its allOf; a missing then or
    else is {}."""
    items = [group] + [item for item in group.get("allOf") or [] if isinstance(item, dict)] \
        if isinstance(group.get("allOf", []), list) else [group]
    for item in items:
        if isinstance(item.get("if"), dict) and any(isinstance(item.get(k), dict) for k in ("then", "else")):
            yield item["if"], _dict(item.get("then")), _dict(item.get("else"))


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def one_of_values(spec: dict) -> list:
    """The values of a choice written as oneOf [{"const": …, "title": …}]."""
    return [o["const"] for o in spec.get("oneOf", []) if isinstance(o, dict) and "const" in o]


def choice_values(spec) -> list | None:
    """Every value a single choice takes (oneOf, enum, or a yes/no); None for any other field."""
    if not isinstance(spec, dict):
        return None
    kinds = spec.get("type") if isinstance(spec.get("type"), list) else [spec.get("type")]
    if "array" in kinds:
        return None
    found = one_of_values(spec) or (spec["enum"] if isinstance(spec.get("enum"), list) else [])
    return found or ([True, False] if "boolean" in kinds else None)


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
    """The values of `choice` for which the group's branches require `field` (an else branch:
    for the values its condition does not hold for); None when the group requires it whatever
    is chosen."""
    if field in (group.get("required") or []):
        return None
    needed = []
    for condition, then, otherwise in _branches(group):
        chosen = _chosen(condition, choice)
        if chosen is None:
            continue
        if field in (then.get("required") or []):
            needed += [v for v in chosen if v not in needed]
        if field in (otherwise.get("required") or []):
            others = choice_values((group.get("properties") or {}).get(choice)) or []
            needed += [v for v in others if v not in chosen and v not in needed]
    return needed


def sometimes_required(group: dict) -> set[str]:
    """The fields the group's branches (if/then/else, its own and its allOf's) require with
    some answers only."""
    return {name for _, then, otherwise in _branches(group) for part in (then, otherwise)
            for name in part.get("required") or [] if isinstance(name, str)}


def deciding_fields(group: dict, field: str) -> set[str]:
    """The fields whose answers decide, by the group's branches, whether `field` is required."""
    return {name for condition, then, otherwise in _branches(group)
            if field in (then.get("required") or []) or field in (otherwise.get("required") or [])
            for name in _dict(condition.get("properties")) if isinstance(name, str)}


def required_while_shown(group: dict, field: str, choice: str, values: list) -> bool:
    """Whether the group's branches require `field` for every one of `values` of `choice`."""
    needed = required_for(group, field, choice)
    return needed is None or bool(values) and all(v in needed for v in values)


def visible(schema: dict, ui: dict, data):
    """`data` without what the fields hidden by their "ui:shownWhen" hold (a copy)."""
    return split(schema, ui, data)[0]


def split(schema: dict, ui: dict, data) -> tuple:
    """(what `data` keeps, the dotted paths, as FieldError names them, of the fields it hides)."""
    hidden: set[str] = set()
    return _split(schema, ui, data, "", hidden), hidden


def _split(schema: dict, ui, data, path: str, hidden: set[str]):
    """What `data` keeps of the fields shown; the paths of the others go into `hidden`."""
    ui = ui if isinstance(ui, dict) else {}
    if isinstance(data, list) and isinstance(schema.get("items"), dict):
        items_ui = ui.get("items") if isinstance(ui.get("items"), dict) else {}
        return [_split(schema["items"], items_ui, item, _join(path, index), hidden) for index, item in enumerate(data)]
    properties = schema.get("properties")
    if not isinstance(data, dict) or not isinstance(properties, dict):
        return data
    gone = _hidden(properties, ui, data, schema.get("required") if isinstance(schema.get("required"), list) else [])
    hidden.update(_join(path, name) for name in gone)
    return {name: _split(properties[name], ui.get(name), value, _join(path, name), hidden)
            if isinstance(properties.get(name), dict) else value
            for name, value in data.items() if name not in gone}


def group_rules(properties: dict, ui) -> dict[str, tuple[str, list]]:
    """Field -> (choice, values) of the group's rules that name another field of the group; a
    rule naming none (or the field itself) the form check refuses, and nothing hides by it."""
    ui = ui if isinstance(ui, dict) else {}
    found = {}
    for name in properties:
        rule = shown_when(ui.get(name) if isinstance(ui.get(name), dict) else {})
        if rule is not None and rule[0] in properties and rule[0] != name:
            found[name] = rule
    return found


def _hidden(properties: dict, ui: dict, data: dict, required: list) -> set[str]:
    """The group's fields hidden: the choice they follow has none of their values, or none at
    all, or is itself hidden (a chain)."""
    rules = group_rules(properties, ui)
    gone = {name for name, (choice, values) in rules.items()
            if _value(properties[choice], ui.get(choice), data, choice, choice in required) not in values}
    while True:
        more = {name for name, (choice, _) in rules.items() if choice in gone} - gone
        if not more:
            return gone
        gone |= more


def _value(spec, ui, data: dict, choice: str, required: bool):
    """What the choice holds; unanswered, its "default" (the page chooses it beforehand), an
    unticked box "no" (it sends nothing), an unanswered yes/no question none."""
    if choice in data or not isinstance(spec, dict):
        return data.get(choice)
    if "default" in spec:
        return spec["default"]
    return False if spec.get("type") == "boolean" and single_box(spec, ui if isinstance(ui, dict) else {}, required) \
        else None


def single_box(spec: dict, ui: dict, required: bool) -> bool:
    """Whether a yes/no field is one box to tick rather than a question with a "no" to choose:
    a required question needs a way to answer "no"; a consent (const true) does not."""
    chosen = ui.get("ui:widget")
    return not (chosen == "radio" or (required and chosen != "checkbox" and spec.get("const") is not True))


def _join(path: str, name) -> str:
    return f"{path}.{name}" if path else str(name)
