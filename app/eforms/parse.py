"""A submitted page form back into the JSON the schema describes, and the add/remove actions
of repeated groups. A value that does not convert (letters in a number) is kept as typed, so
the schema's validation names the error and the page shows the user's own input again."""
from __future__ import annotations

import re

from .messages import TEXT
from .paths import field_name, join
from .render import options

MAX_CHARS = 20_000
MAX_FIELDS = 500
DEFAULT_MAX_ITEMS = 100


class FormTooLarge(Exception):
    def __init__(self):
        self.message = TEXT["too_large"].format(chars=f"{MAX_CHARS:,}".replace(",", "."), fields=MAX_FIELDS)
        super().__init__(self.message)


def parse_submission(form, formdata, prefix: str = "f") -> dict:
    keys = [k for k in formdata.keys() if k == prefix or k.startswith(prefix + ".")]
    if len(keys) > MAX_FIELDS:
        raise FormTooLarge()
    for key in keys:
        if any(len(v) > MAX_CHARS for v in formdata.getlist(key)):
            raise FormTooLarge()
    return _object(form.schema, formdata, "", prefix, set(keys))


def _object(schema: dict, formdata, path: str, prefix: str, keys: set) -> dict:
    result = {}
    for name, spec in schema.get("properties", {}).items():
        value = _value(spec, formdata, join(path, name), prefix, keys)
        if value is not None:
            result[name] = value
    return result


def _value(spec: dict, formdata, path: str, prefix: str, keys: set):
    kind, name = spec.get("type"), field_name(path, prefix)
    if kind == "object":
        value = _object(spec, formdata, path, prefix, keys)
        return value or None
    if kind == "array":
        items = spec.get("items", {})
        if options(items, {}):
            chosen = [v for v in formdata.getlist(name) if v]
            return chosen or None
        result = []
        for index in _indices(path, prefix, keys):
            item = _value(items, formdata, join(path, index), prefix, keys)
            if item not in (None, {}, ""):
                result.append(item)
        return result or None
    if kind == "boolean":
        return True if formdata.get(name) == "true" else None
    raw = formdata.get(name)
    if raw is None:
        return None
    text = raw.strip()
    if not text:
        return None
    if kind == "integer":
        return int(text) if re.fullmatch(r"[+-]?\d{1,15}", text) else text
    if kind == "number":
        candidate = text.replace(",", ".")
        return float(candidate) if re.fullmatch(r"[+-]?\d{1,15}(\.\d{1,10})?", candidate) else text
    return text


def _indices(path: str, prefix: str, keys: set) -> list[int]:
    start = field_name(path, prefix) + "."
    found = set()
    for key in keys:
        if key.startswith(start):
            head = key[len(start):].split(".", 1)[0]
            if head.isdigit() and len(head) < 4:
                found.add(int(head))
    return sorted(found)


def _node(schema: dict, parts: list[str]):
    node = schema
    for part in parts:
        node = node.get("items", {}) if part.isdigit() else node.get("properties", {}).get(part, {})
    return node


def _container(data, parts: list[str], create: bool):
    node = data
    for part in parts:
        key = int(part) if part.isdigit() else part
        if isinstance(node, list):
            if not 0 <= key < len(node):
                return None
            node = node[key]
        elif isinstance(node, dict):
            if key not in node:
                if not create:
                    return None
                node[key] = {}
            node = node[key]
        else:
            return None
    return node


def apply_action(form, data: dict, action: str) -> dict:
    """"add:<path>" appends an empty item to a repeated group, "remove:<path>.<i>" drops one,
    within the group's minItems/maxItems; anything else leaves the data as it is."""
    verb, _, path = action.partition(":")
    parts = [p for p in path.split(".") if p]
    if verb not in ("add", "remove") or not parts or not re.fullmatch(r"[\w.]{1,300}", path):
        return data
    target = parts if verb == "add" else parts[:-1]
    spec = _node(form.schema, target)
    if spec.get("type") != "array":
        return data
    parent = _container(data, target[:-1], create=True)
    if not isinstance(parent, (dict, list)):
        return data
    key = int(target[-1]) if target[-1].isdigit() else target[-1]
    if isinstance(parent, dict):
        items = parent.setdefault(key, [])
    else:
        items = parent[key] if 0 <= key < len(parent) else None
    if not isinstance(items, list):
        return data
    if verb == "add":
        shown = max(len(items), 1)  # an empty group shows one blank item already
        while len(items) < shown:
            items.append({} if spec.get("items", {}).get("type") == "object" else "")
        if len(items) < spec.get("maxItems", DEFAULT_MAX_ITEMS):
            items.append({} if spec.get("items", {}).get("type") == "object" else "")
    elif parts[-1].isdigit() and int(parts[-1]) < len(items) and len(items) > spec.get("minItems", 0):
        items.pop(int(parts[-1]))
    return data
