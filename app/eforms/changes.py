"""What a supplement changed in an application, field by field and in words: the history of
changes a supplemented dossier keeps (Bình Định 2023, Điều 10.2), for the officer who receives
it and for the citizen."""
from __future__ import annotations

from .readable import Entry, readable

SEPARATOR = " › "


def _flat(entries: list[Entry], prefix: str = "") -> dict[str, str]:
    """Each leaf field as "Group › Field" → its text, in the form's order."""
    flat: dict[str, str] = {}
    for entry in entries:
        path = prefix + entry.title
        if entry.children:
            flat.update(_flat(entry.children, path + SEPARATOR))
        else:
            flat[path] = entry.text
    return flat


def changes(schema: dict, ui: dict | None, before, after) -> list[dict]:
    """[{"field", "before", "after"}] for every field added, changed or emptied, in form order
    (fields of `after` first, then those only `before` had)."""
    old, new = _flat(readable(schema, ui, before)), _flat(readable(schema, ui, after))
    order = list(new) + [path for path in old if path not in new]
    return [{"field": path, "before": old.get(path, ""), "after": new.get(path, "")}
            for path in order if old.get(path, "") != new.get(path, "")]
