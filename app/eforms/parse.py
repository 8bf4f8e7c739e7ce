"""A submitted page form back into the JSON the schema describes. Text is trimmed and cleaned,
empty optional fields are left out, numbers converted; a value that does not convert (letters
in a number) is kept as typed, so the schema's validation names the error in Vietnamese and the
page shows the user's own input again (text longer than the engine's limit too: a field error, not
a refusal). Names the schema does not have are ignored."""
from __future__ import annotations

import re
import unicodedata
from datetime import date

from werkzeug.datastructures import MultiDict

from engine.visible import visible

from .instants import stored_instant, typed_instant
from .messages import TEXT
from .paths import ancestors, field_name, join
from .schema import blank, item_options, kind

MAX_FIELDS = 500
_INTEGER = re.compile(r"[+-]?[0-9]{1,15}")
_NUMBER = re.compile(r"[+-]?[0-9]{1,15}(?:[.,][0-9]{1,10})?")  # "1,5" is how a Vietnamese writes 1.5
# A date typed where the browser has no date picker, as a Vietnamese writes it: 15/01/1990.
_TYPED_DAY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # PostgreSQL refuses NUL in JSON; tab and newline stay
_BOOLEANS = {"true": True, "false": False}


class FormTooLarge(Exception):
    """More than the form can hold: the caller answers with `message` and stores nothing."""

    def __init__(self):
        self.message = TEXT["too_large"].format(fields=MAX_FIELDS)
        super().__init__(self.message)


def parse_submission(form, formdata, prefix: str = "f") -> dict:
    """The data of the fields named `prefix.<path>` in `formdata` (a MultiDict).

    Fully empty items of a repeated group are dropped, except when the button pressed (the
    "action" value) adds to or removes from that group: then every item keeps its place, so
    "remove:<path>.<i>" removes the item the user saw as number i + 1."""
    if not hasattr(formdata, "getlist"):
        formdata = MultiDict(formdata)
    ours = [(k, v) for k, v in formdata.items(multi=True) if k == prefix or k.startswith(prefix + ".")]
    if len(ours) > MAX_FIELDS:
        raise FormTooLarge()
    action = formdata.get("action")
    pressed = isinstance(action, str) and action.startswith(("add:", "remove:"))
    kept = ancestors(action.split(":", 1)[1]) if pressed else set()
    return _Reader(formdata, prefix, {k for k, _ in ours}, kept).object(form.schema, "")


def clean_text(raw) -> str | None:
    """Trimmed, NFC (a Vietnamese letter typed as base + combining marks becomes one character),
    browser line ends (CRLF) as LF, control characters removed, invisible characters trimmed at
    the ends as spaces are; None when nothing is left."""
    if not isinstance(raw, str):
        return None
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    # What shows nothing is trimmed at the ends as spaces are: a required text of it alone is blank.
    return visible(_CONTROL.sub("", text)) or None


def tidy(value):
    """JSON data (an API client's) as a page's form would have sent it: text cleaned as
    `clean_text` cleans it, a field left blank (spaces alone) left out, as the page leaves it."""
    if isinstance(value, dict):
        return {key: item for key, item in ((key, tidy(item)) for key, item in value.items()) if item is not None}
    if isinstance(value, list):
        return [tidy(item) for item in value]
    return clean_text(value) if isinstance(value, str) else value


def convert(spec: dict, raw):
    """One submitted value as the schema's type; kept as text when it does not convert."""
    text = clean_text(raw)
    declared = kind(spec)
    if text is None:
        return None
    if declared == "integer" and _INTEGER.fullmatch(text):
        return int(text)
    if declared == "number" and _NUMBER.fullmatch(text):
        number = text.replace(",", ".")
        return float(number) if "." in number else int(number)
    if declared == "boolean":
        return _BOOLEANS.get(text, text)
    if spec.get("format") == "date-time":
        return text if stored_instant(text) else typed_instant(text) or text
    typed = _TYPED_DAY.fullmatch(text) if spec.get("format") == "date" else None
    if typed:
        day, month, year = (int(part) for part in typed.groups())
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return text  # no such day: the form says the date is wrong, with what was typed
    return text


class _Reader:
    def __init__(self, formdata, prefix: str, keys: set[str], kept: set[str]):
        self.formdata, self.prefix, self.keys, self.kept = formdata, prefix, keys, kept

    def object(self, spec: dict, path: str) -> dict:
        result = {}
        for name, sub in (spec.get("properties") or {}).items():
            value = self.value(sub, join(path, name))
            if value is not None:
                result[name] = value
        return result

    def value(self, spec: dict, path: str):
        declared = kind(spec)
        if declared == "object":
            return self.object(spec, path) or None
        if declared == "array":
            return self.array(spec, path)
        return convert(spec, self.formdata.get(field_name(path, self.prefix)))

    def array(self, spec: dict, path: str) -> list | None:
        items = spec.get("items") or {}
        if item_options(spec, {}):  # check boxes: one name, many values
            chosen = [convert(items, v) for v in self.formdata.getlist(field_name(path, self.prefix))]
            return [v for v in chosen if v is not None] or None
        indices = self.indices(path)
        keep = path in self.kept
        if keep and indices:
            indices = range(max(indices) + 1)
        result = []
        for index in indices:
            item = self.value(items, join(path, index))
            if item is not None:
                result.append(item)
            elif keep:
                result.append(blank(items))
        return result or None

    def indices(self, path: str) -> list[int]:
        """The item numbers present in the submission, in order (at most MAX_FIELDS of them)."""
        start = field_name(path, self.prefix) + "."
        found = set()
        for key in self.keys:
            if key.startswith(start):
                head = key[len(start):].split(".", 1)[0]
                if head.isascii() and head.isdigit() and head == str(int(head)) and int(head) < MAX_FIELDS:
                    found.add(int(head))
        return sorted(found)
