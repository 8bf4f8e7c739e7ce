"""Bounds that name another field of the same form instead of a fixed value, as ajv's `$data`
option reads them: `"minimum": {"$data": "1/tu_nam"}` on "den_nam" says the year it ends is not
before the year it starts, in the same item of a list. The pointer is a relative JSON pointer
(how many levels up from this field, then the names down: "1/tu_nam" is the field tu_nam beside
this one) or an absolute one ("/ngay_sinh": the form's own ngay_sinh).

A bound whose field is empty is no bound (the other field's own rules speak for it). This module
only finds the pairs, in the data (`related_bounds`) and in the schema (`schema_target`); the
engine's validation (engine/forms.py) and the form check (engine/form_check.py) say the words.
"""
from __future__ import annotations

NUMBER_BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
DATE_BOUNDS = ("formatMinimum", "formatMaximum")
BOUNDS = (*NUMBER_BOUNDS, *DATE_BOUNDS)
KEY = "$data"


def reference(bound) -> str | None:
    """The pointer of `{"$data": "<pointer>"}`; None for a literal bound or anything else."""
    if isinstance(bound, dict) and set(bound) == {KEY} and isinstance(bound[KEY], str):
        return bound[KEY]
    return None


def parse(pointer: str) -> tuple[int | None, list[str]] | None:
    """(levels up, names down) of a pointer; levels None for an absolute one. None when the
    pointer is malformed or names no field (a bare "0" is the field itself)."""
    head, slash, rest = pointer.partition("/")
    if not slash or not rest:
        return None
    if head and not (head.isdigit() and (head == "0" or not head.startswith("0"))):
        return None
    names = [part.replace("~1", "/").replace("~0", "~") for part in rest.split("/")]
    if any(name == "" for name in names):
        return None
    return (int(head) if head else None), names


def target(path: list, pointer: str) -> list | None:
    """The data path the pointer reaches from the field at `path` (keys and list indexes);
    None when it climbs above the form."""
    parsed = parse(pointer)
    if parsed is None:
        return None
    up, names = parsed
    if up is not None and up > len(path):
        return None
    base = [] if up is None else path[:len(path) - up]
    return [*base, *(int(name) if name.isdigit() else name for name in names)]  # digits: a list's item


def value_at(data, path: list):
    """(found, value) at a data path; a list's index is written as digits in a pointer."""
    node = data
    for part in path:
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            node = node[part]
        elif isinstance(node, list) and str(part).isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return False, None
    return True, node


def related_bounds(schema: dict, data, path: tuple = ()):
    """(field path, field schema, its value, keyword, other field's path, its value) for every
    bound that names another field holding a value, walking the fields and list items the data has."""
    if not isinstance(schema, dict):
        return
    here = value_at(data, list(path))[1]
    for keyword in BOUNDS:
        pointer = reference(schema.get(keyword))
        other = target(list(path), pointer) if pointer is not None else None
        if other is not None:
            found, value = value_at(data, other)
            if found and value is not None:
                yield list(path), schema, here, keyword, other, value
    properties = schema.get("properties")
    if isinstance(properties, dict) and isinstance(here, dict):
        for name, child in properties.items():
            if name in here:
                yield from related_bounds(child, data, (*path, name))
    if isinstance(schema.get("items"), dict) and isinstance(here, list):
        for index in range(len(here)):
            yield from related_bounds(schema["items"], data, (*path, index))


def data_steps(schema_path: list) -> list | None:
    """The data levels of a schema at `schema_path` (keys from the form's root): a field name
    for each "properties", "items" for each list; combinators (allOf, if/then…) add none. None
    where the data place is not known from the schema alone (definitions, patternProperties)."""
    steps, index = [], 0
    while index < len(schema_path):
        part = schema_path[index]
        if part == "properties" and index + 1 < len(schema_path):
            steps.append(schema_path[index + 1])
            index += 2
        elif part == "items":
            steps.append("items")
            index += 1
        elif part in ("allOf", "anyOf", "oneOf") and index + 1 < len(schema_path):
            index += 2
        elif part in ("if", "then", "else", "not"):
            index += 1
        else:
            return None
    return steps


def schema_target(root: dict, schema_path: list, pointer: str):
    """The schema of the field a bound at `schema_path` names: (schema, its name) or, when
    nothing answers, (None, the name it looked for); None when the place is not known or the
    pointer is malformed or climbs above the form (the caller says which)."""
    steps = data_steps(schema_path)
    parsed = parse(pointer)
    if steps is None or parsed is None:
        return None
    up, names = parsed
    if up is not None and up > len(steps):
        return None
    node = root
    # The levels climbed through are the field's own ("items": the item it is in); a pointer
    # names a list's item by its number, as the data holds it ("items" is no key of the data).
    base = [] if up is None else steps[:len(steps) - up]
    for step, own in [*((s, True) for s in base), *((n, False) for n in names)]:
        if not isinstance(node, dict):
            return None, step
        properties = node.get("properties") if isinstance(node.get("properties"), dict) else {}
        if step in properties:
            node = properties[step]
        elif (step == "items" if own else step.isdigit()) and isinstance(node.get("items"), dict):
            node = node["items"]
        else:
            return None, step
    return node, names[-1]


def without_references(node):
    """A copy of a schema without the bounds naming another field, for what knows only JSON
    Schema's own words (the meta-schema)."""
    if isinstance(node, dict):
        return {key: without_references(value) for key, value in node.items()
                if not (key in BOUNDS and reference(value) is not None)}
    if isinstance(node, list):
        return [without_references(value) for value in node]
    return node
