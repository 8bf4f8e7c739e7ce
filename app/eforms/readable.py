"""Form data as people read it: each field's title with its value in words (enum labels, Có /
Không, dates as dd/mm/yyyy), repeated groups as numbered items. For officers' and citizens'
dossier pages and for documents, from the same schema that validated the data."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..localtime import local_time
from .instants import stored_instant
from .messages import TEXT
from .schema import kind, options, ordered


@dataclass(frozen=True)
class Entry:
    title: str
    text: str = ""
    children: list["Entry"] = field(default_factory=list)


def readable(schema: dict, ui: dict | None, data) -> list[Entry]:
    """The filled fields of `data` in the form's order; empty ones are left out."""
    return _properties(schema or {}, ui or {}, data if isinstance(data, dict) else {})


def _properties(schema: dict, ui: dict, data: dict) -> list[Entry]:
    entries = []
    properties = schema.get("properties", {})
    for name in ordered(schema, ui):
        if name in data and data[name] not in (None, "", [], {}):
            node_ui = ui.get(name) if isinstance(ui.get(name), dict) else {}
            entries.append(_entry(properties[name], node_ui, data[name], str(properties[name].get("title", name))))
    return entries


def _entry(spec: dict, ui: dict, value, title: str) -> Entry:
    declared = kind(spec)
    if declared == "object" and isinstance(value, dict):
        return Entry(title, children=_properties(spec, ui, value))
    if declared == "array" and isinstance(value, list):
        item_spec = spec.get("items") or {}
        item_ui = ui.get("items") if isinstance(ui.get("items"), dict) else {}
        if kind(item_spec) == "object":
            return Entry(title, children=[_entry(item_spec, item_ui, item, TEXT["item"].format(n=i + 1))
                                          for i, item in enumerate(value)])
        return Entry(title, "; ".join(_text(item_spec, item_ui, item) for item in value))
    return Entry(title, _text(spec, ui, value))


def _text(spec: dict, ui: dict, value) -> str:
    if isinstance(value, bool):
        return TEXT["yes"] if value else TEXT["no"]
    labels = dict(options(spec, ui))
    if labels:
        return labels.get(str(value), str(value))
    if spec.get("format") == "date-time" and (instant := stored_instant(value)):
        return local_time(instant)
    if spec.get("format") == "date" and isinstance(value, str):
        try:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def field_words(schema: dict, ui: dict | None, name: str, value: str, prefix: str) -> tuple[str, str] | None:
    """One control of the page form as sent (`f.qua_trinh_cu_tru.0.noi_cu_tru`, the text sent) in
    the form's words: its titles down the path ("Quá trình cư trú · Mục 1 · Nơi cư trú") and the
    value as the page offered it (a choice's label, a date as dd/mm/yyyy); None for a name that is
    no field of the form."""
    parts = name.split(".")
    if parts[0] != prefix or len(parts) < 2:
        return None
    spec, ui, titles = schema or {}, ui if isinstance(ui, dict) else {}, []
    for part in parts[1:]:
        if part.isdigit() and kind(spec) == "array":
            spec, ui = spec.get("items") or {}, ui.get("items") if isinstance(ui.get("items"), dict) else {}
            titles.append(TEXT["item"].format(n=int(part) + 1))
        elif part in (spec.get("properties") or {}):
            spec, ui = spec["properties"][part], ui.get(part) if isinstance(ui.get(part), dict) else {}
            titles.append(str(spec.get("title", part)))
        else:
            return None
    return " · ".join(titles), _text(spec, ui, value)
