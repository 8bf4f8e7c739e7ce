"""Reading a form's JSON Schema and UI schema: which widget a field gets, its options, the
order of its fields, how many items a repeated group shows. Shared by the renderer, the parser
and the add/remove actions so that the three always agree."""
from __future__ import annotations

from engine.form_conditions import single_box

RADIO_MAX = 4               # more options than this become a drop-down list
TEXTAREA_MIN_LENGTH = 300   # a longer maxLength gets a multi-line box
DEFAULT_MAX_ITEMS = 100     # a repeated group without maxItems still has a bound


def kind(spec: dict) -> str | None:
    """The field's JSON type; ["string", "null"] counts as "string", properties imply "object"."""
    declared = spec.get("type")
    if isinstance(declared, list):
        declared = next((t for t in declared if t != "null"), None)
    if declared is None and "properties" in spec:
        return "object"
    return declared


def options(spec: dict, ui: dict) -> list[tuple[str, str]]:
    """(value, label) pairs of an enum (labels from ui:enumNames) or a oneOf of consts."""
    if "enum" in spec:
        labels = ui.get("ui:enumNames") or []
        return [(as_text(v), str(labels[i]) if i < len(labels) else as_text(v)) for i, v in enumerate(spec["enum"])]
    return [(as_text(o["const"]), str(o.get("title", o["const"])))
            for o in spec.get("oneOf", []) if isinstance(o, dict) and "const" in o]


def item_options(spec: dict, ui: dict) -> list[tuple[str, str]]:
    """The options of a multiple choice (an array of enum values); labels may be given on the
    items' UI schema or on the field's own."""
    items_ui = ui.get("items") or {}
    return options(spec.get("items") or {}, items_ui if "ui:enumNames" in items_ui else ui)


def as_text(value) -> str:
    """A JSON value as an HTML form carries it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def ordered(schema: dict, ui: dict) -> list[str]:
    """Property names in "ui:order" order; a "*" in the order stands for the unlisted ones,
    which otherwise come last."""
    names = list(schema.get("properties", {}))
    order = [n for n in ui.get("ui:order", []) if n in names or n == "*"]
    rest = [n for n in names if n not in order]
    if "*" not in order:
        return order + rest
    star = order.index("*")
    return order[:star] + rest + order[star + 1:]


def widget(spec: dict, ui: dict, name: str, required: bool) -> str:
    """The control a field is rendered with."""
    declared, chosen = kind(spec), ui.get("ui:widget")
    if declared == "object":
        return "group"
    if declared == "array":
        return "checkboxes" if item_options(spec, ui) else "repeated"
    if declared == "boolean":
        return "checkbox" if single_box(spec, ui, required) else "yes_no"
    choices = options(spec, ui)
    if choices:
        return "select" if chosen == "select" or (chosen != "radio" and len(choices) > RADIO_MAX) else "radio"
    if chosen == "textarea" or (declared == "string" and spec.get("maxLength", 0) > TEXTAREA_MIN_LENGTH):
        return "textarea"
    if declared in ("integer", "number") or chosen == "updown":
        return "number"
    if spec.get("format") == "date" or chosen == "date":
        return "date"
    if spec.get("format") == "date-time":
        return "datetime"
    if spec.get("format") == "email" or chosen == "email":
        return "email"
    if chosen == "tel" or "dien_thoai" in name:
        return "tel"
    return "text"


def min_items(spec: dict) -> int:
    return int(spec.get("minItems", 0))


def max_items(spec: dict) -> int:
    return int(spec.get("maxItems", DEFAULT_MAX_ITEMS))


def shown_count(spec: dict, items: list) -> int:
    """How many items a repeated group shows: its own, at least minItems, at least one."""
    return max(len(items), min_items(spec), 1)


def blank(item_spec: dict):
    """An empty item of a repeated group, as stored in a draft."""
    return {} if kind(item_spec) == "object" else ""


def node_at(schema: dict, parts: list[str]) -> dict:
    """The sub-schema at a dotted path's parts ({} where the path leaves the schema)."""
    node = schema
    for part in parts:
        if not isinstance(node, dict):
            return {}
        if part.isdecimal():
            node = node.get("items") if kind(node) == "array" else None
        else:
            node = node.get("properties", {}).get(part) if kind(node) == "object" else None
    return node if isinstance(node, dict) else {}
