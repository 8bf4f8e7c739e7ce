"""The buttons of a repeated group: "add:<path>" appends an empty item, "remove:<path>.<i>"
drops one, within the group's minItems/maxItems. The page works without JavaScript: each press
posts the whole form, which is parsed, changed here, saved as the draft and shown again."""
from __future__ import annotations

import copy
import re

from .schema import blank, item_options, kind, max_items, min_items, node_at, shown_count

_ACTION = re.compile(r"(add|remove):([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+){0,19})")


def apply_action(form, data: dict, action) -> dict:
    """A copy of `data` with the action applied; unknown or malformed actions, and actions
    outside the group's bounds, leave the data as it is."""
    found = _ACTION.fullmatch(action) if isinstance(action, str) and len(action) <= 300 else None
    if found is None:
        return data
    verb, parts = found.group(1), found.group(2).split(".")
    if verb == "remove" and not parts[-1].isdecimal():
        return data
    group = parts if verb == "add" else parts[:-1]
    spec = node_at(form.schema, group)
    if not group or kind(spec) != "array" or item_options(spec, {}):
        return data
    result = copy.deepcopy(data) if isinstance(data, dict) else {}
    parent, key = _parent(result, form.schema, group)
    if parent is None:
        return data
    items = parent.get(key) if isinstance(parent, dict) else parent[key]
    items = list(items) if isinstance(items, list) else []
    item_spec = spec.get("items") or {}
    if verb == "add":
        # The page showed placeholders for missing items; the new one comes after them.
        items += [blank(item_spec)] * (shown_count(spec, items) - len(items))
        if len(items) < max_items(spec):
            items.append(blank(item_spec))
    else:
        index = int(parts[-1])
        if index >= len(items) or len(items) <= min_items(spec):
            return data
        items.pop(index)
    if items or isinstance(parent, list):
        parent[key] = items
    else:
        parent.pop(key, None)  # an emptied group shows one blank item, as a new one does
    return result


def _parent(data: dict, schema: dict, group: list[str]):
    """The container holding the group's list and its key, creating missing objects on the
    way; (None, None) when the path crosses an item that does not exist."""
    node, spec = data, schema
    for part in group[:-1]:
        if isinstance(node, list) and part.isdecimal() and int(part) < len(node):
            node, spec = node[int(part)], spec.get("items") or {}
        elif isinstance(node, dict) and not part.isdecimal():
            spec = (spec.get("properties") or {}).get(part) or {}
            if part not in node and kind(spec) == "object":
                node[part] = {}
            node = node.get(part)
        else:
            return None, None
        if not isinstance(node, (dict, list)):
            return None, None
    last = group[-1]
    if isinstance(node, dict) and not last.isdecimal():
        return node, last
    if isinstance(node, list) and last.isdecimal() and int(last) < len(node):
        return node, int(last)
    return None, None
