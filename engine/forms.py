"""E-forms: JSON Schema documents in `forms/`, and validation with Vietnamese messages.

The same schema drives the generated HTML form, the API's validation and the scenario runner,
so a field error reads the same wherever it is met.
"""
from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError

from .clock import frozen_at, now
from .form_conditions import split, visible
from .numbers import grouped
from .related_fields import NUMBER_BOUNDS, related_bounds

log = logging.getLogger(__name__)
FORM_FILE_MESSAGES = {
    "json": "Tệp biểu mẫu {file} không đọc được: sai cú pháp JSON ở dòng {line}, cột {column}. Sửa tệp (chạy "
            "motcua bpmn check để xem lỗi), rồi làm lại bước.",
    "schema": "Tệp biểu mẫu {file} không dùng được: tại «{place}», {detail}. Sửa tệp (chạy motcua bpmn check để "
              "xem cách sửa), rồi làm lại bước.",
    "type": "kiểu «{value}» không phải kiểu JSON nào (các kiểu: {types})",
}

MESSAGES = {
    "required": "Trường «{title}» là bắt buộc.",
    "type": "Trường «{title}» phải là {expected}.",
    "minLength": "Trường «{title}» phải có ít nhất {limit} ký tự.",
    "maxLength": "Trường «{title}» chỉ được có tối đa {limit} ký tự.",
    "minimum": "Trường «{title}» phải lớn hơn hoặc bằng {limit}.",
    "maximum": "Trường «{title}» phải nhỏ hơn hoặc bằng {limit}.",
    "exclusiveMinimum": "Trường «{title}» phải lớn hơn {limit}.",
    "exclusiveMaximum": "Trường «{title}» phải nhỏ hơn {limit}.",
    "pattern": "Trường «{title}» không đúng định dạng.",
    "enum": "Giá trị của trường «{title}» không nằm trong danh sách cho phép.",
    "const": "Giá trị của trường «{title}» không hợp lệ.",
    "oneOf": "Giá trị của trường «{title}» không nằm trong danh sách cho phép.",
    "format": "Trường «{title}» không đúng định dạng {format}.",
    "minItems": "Trường «{title}» cần ít nhất {limit} mục.",
    "maxItems": "Trường «{title}» chỉ được có tối đa {limit} mục.",
    "additionalProperties": "Biểu mẫu có trường không được khai báo: {fields}.",
    "not_object": "Dữ liệu biểu mẫu phải là một đối tượng JSON.",
    "too_many_values": "Dữ liệu biểu mẫu có hơn {limit} giá trị, nhiều hơn mọi biểu mẫu cần: kiểm tra lại dữ liệu "
                       "gửi lên (một danh sách bị lặp, các trường biểu mẫu không có).",
    "other": "Trường «{title}» không hợp lệ.",
    "controls": "Trường «{title}» có ký tự điều khiển ẩn (đảo chiều chữ hoặc ký tự điều khiển); "
                "hãy gõ lại nội dung, không dán từ nơi khác.",
    "form": "biểu mẫu",
    "formatMaximum": "Trường «{title}» không được sau {limit}.",
    "formatMinimum": "Trường «{title}» không được trước {limit}.",
    "related": {  # a bound naming another field (engine/related_fields.py): its title, then its value
        "minimum": "Trường «{title}» phải lớn hơn hoặc bằng «{other}» ({limit}).",
        "maximum": "Trường «{title}» phải nhỏ hơn hoặc bằng «{other}» ({limit}).",
        "exclusiveMinimum": "Trường «{title}» phải lớn hơn «{other}» ({limit}).",
        "exclusiveMaximum": "Trường «{title}» phải nhỏ hơn «{other}» ({limit}).",
        "formatMinimum": "Trường «{title}» không được trước «{other}» ({limit}).",
        "formatMaximum": "Trường «{title}» không được sau «{other}» ({limit}).",
    },
    "today": "hôm nay",
    "day": "ngày {day}",
}
TYPE_NAMES = {
    "string": "chuỗi ký tự", "integer": "số nguyên", "number": "số", "boolean": "đúng/sai",
    "array": "danh sách", "object": "nhóm thông tin", "null": "rỗng",
}
OWN_MESSAGE_KINDS = ("pattern", "format", "minLength", "maxLength", "formatMinimum", "formatMaximum")
FORMAT_NAMES = {"date": "ngày (ngày/tháng/năm, ví dụ 15/01/1990)", "email": "thư điện tử",
                "date-time": "ngày giờ (ngày/tháng/năm giờ:phút, ví dụ 01/12/2026 09:00)"}
_FORMATS = FormatChecker()
# jsonschema's own e-mail check asks only for an "@": "an@" and "an@gmail" pass, and no mail
# reaches them. A name, an @, and a domain with a dot, as the accounts' own check (users/identity).
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")


# RFC 3339 with its offset, as timers read it; checked here, not by an optional package of jsonschema.
_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})")


@_FORMATS.checks("date-time")
def _date_time(value) -> bool:
    if not isinstance(value, str):
        return True
    try:
        return _DATE_TIME.fullmatch(value) is not None and datetime.fromisoformat(value) is not None
    except ValueError:  # 2026-02-30T…: the pattern holds, the day does not exist
        return False


def format_holds(value, name: str) -> bool:
    """Whether `value` is written as the format `name` ("date", "date-time", "email") stores it."""
    return _FORMATS.conforms(value, name)


@_FORMATS.checks("email")
def _email(value) -> bool:
    return not isinstance(value, str) or _EMAIL.fullmatch(value) is not None
# Characters that reorder or hide text (bidi overrides and isolates, NUL...) make what an officer
# reads differ from what was stored: never accepted in a form's text.
_CONTROLS = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]")
# Any text field holds at most this many characters, whatever its schema says: a longer value is
# a field error (the page shows the typed text back with it), never a refusal of the whole form.
MAX_TEXT = 20_000
# Far above what any form holds (its fields, a few lists of tens of items): a body past it (an
# API client's runaway list) is refused before the schema walks every value of it.
MAX_VALUES = 10_000


def _ecma_pattern(pattern: str) -> str:
    """JSON Schema patterns are ECMA-262, where `$` is the end of the text; in Python it also
    matches before a final newline, so "012345678901\\n" would pass "^[0-9]{12}$"."""
    out, escaped, in_class = [], False, False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        elif ch == "$" and not in_class:
            out.append("\\Z")
            continue
        out.append(ch)
    return "".join(out)


def _pattern(validator, pattern, instance, schema):
    if validator.is_type(instance, "string") and not re.search(_ecma_pattern(pattern), instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _texts(value, path: tuple = ()):
    """(path, text) of every text value in the data."""
    if isinstance(value, str):
        yield list(path), value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


def _text_errors(schema: dict, data) -> list:
    """Hidden control characters and over-long text, one message per field (a field whose schema
    sets a smaller maxLength gets the schema's own message)."""
    result = []
    for path, text in _texts(data):
        if _CONTROLS.search(text):
            result.append(FieldError(".".join(map(str, path)), MESSAGES["controls"].format(title=_title(schema, path))))
        elif len(text) > MAX_TEXT and not _walk(schema, path)[0].get("maxLength", MAX_TEXT + 1) <= MAX_TEXT:
            result.append(FieldError(".".join(map(str, path)), too_long(_title(schema, path), MAX_TEXT)))
    return result


def too_long(title: str, limit: int) -> str:
    """The e-forms' words for a text over its limit, also said by the app's own boxes outside an
    e-form, so an over-long text reads alike wherever it is refused."""
    return MESSAGES["maxLength"].format(title=title, limit=grouped(limit))


# A date field's bounds, by ajv-formats' keywords: an ISO date, or "today" (the day in Vietnam at
# the instant of the check: the engine's clock, so scenarios and tests control it).
TODAY = "today"
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def date_bound(value) -> date | None:
    """The day a formatMinimum/formatMaximum stands for; None for anything else."""
    if value == TODAY:
        return now().astimezone(VIETNAM).date()
    return _day(value)


def _day(value) -> date | None:
    """The day an ISO date ("2026-11-27") names; None for anything else."""
    try:
        return date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def _bound(later_is_wrong: bool):
    def check(validator, bound, instance, schema):
        limit = date_bound(bound)
        if schema.get("format") != "date" or limit is None or not validator.is_type(instance, "string"):
            return
        day = _day(instance)  # None: the format check says what is wrong
        if day is not None and (day > limit if later_is_wrong else day < limit):
            yield ValidationError(f"{instance} is {'after' if later_is_wrong else 'before'} {bound}")
    return check


def _day_words(bound) -> str:
    limit = date_bound(bound)
    return MESSAGES["today"] if bound == TODAY else MESSAGES["day"].format(day=f"{limit:%d/%m/%Y}") if limit else str(bound)


def _literal(keyword: str):
    """A number bound as jsonschema checks it; one naming another field is checked after (below)."""
    check = Draft202012Validator.VALIDATORS[keyword]

    def literal(validator, bound, instance, schema):
        if isinstance(bound, (int, float)) and not isinstance(bound, bool):
            yield from check(validator, bound, instance, schema)
    return literal


_Validator = validators.extend(Draft202012Validator, {"pattern": _pattern, "formatMaximum": _bound(True),
                                                      "formatMinimum": _bound(False),
                                                      **{keyword: _literal(keyword) for keyword in NUMBER_BOUNDS}})


def _breaks(keyword: str, value, limit) -> bool:
    """Whether `value` is out of the bound `limit` stands for; False when they do not compare
    (the field's own type or format check says what is wrong)."""
    if keyword in NUMBER_BOUNDS:
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (value, limit)):
            return False
    else:
        value, limit = _day(value), _day(limit)
        if value is None or limit is None:
            return False
    return {"minimum": value < limit, "maximum": value > limit, "exclusiveMinimum": value <= limit,
            "exclusiveMaximum": value >= limit, "formatMinimum": value < limit, "formatMaximum": value > limit}[keyword]


def _related_errors(schema: dict, data) -> list:
    """Bounds naming another field ("den_nam" not before "tu_nam"), said with both fields."""
    result = []
    for path, spec, value, keyword, other, limit in related_bounds(schema, data):
        if keyword in NUMBER_BOUNDS or spec.get("format") == "date":
            if _breaks(keyword, value, limit):
                field = ".".join(map(str, path))
                shown = f"{_day(limit):%d/%m/%Y}" if keyword not in NUMBER_BOUNDS else limit
                own = spec.get("errorMessage") if keyword in OWN_MESSAGE_KINDS else None
                result.append(FieldError(field, own if isinstance(own, str) else MESSAGES["related"][keyword].format(
                    title=_title(schema, path), other=_title(schema, other), limit=shown)))
    return result


@dataclass(frozen=True)
class FieldError:
    field: str      # dotted path, e.g. "qua_trinh_cu_tru.0.tu_nam"; "" for the form itself
    message: str

    def as_dict(self) -> dict:
        return {"field": self.field, "message": self.message}


def _walk(schema: dict, path: list) -> tuple[dict, str | None]:
    """The field's schema and its own Vietnamese title, walking the schema along a path."""
    node, title = schema, None
    for part in path:
        if isinstance(part, int):
            node = node.get("items", {}) if isinstance(node, dict) else {}
            continue
        node = node.get("properties", {}).get(part, {}) if isinstance(node, dict) else {}
        title = node.get("title", part) if isinstance(node, dict) else part
    return (node if isinstance(node, dict) else {}), title


def _title(schema: dict, path: list) -> str:
    return _walk(schema, path)[1] or MESSAGES["form"]


def _message(schema: dict, error) -> FieldError:
    path = list(error.absolute_path)
    kind = error.validator
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else ""
        path = path + [missing]
    field, title = _walk(schema, path)
    title = title or MESSAGES["form"]
    if kind in OWN_MESSAGE_KINDS and isinstance(field.get("errorMessage"), str):
        # The form's own words for a value of the wrong shape ("12 chữ số"), as ajv-errors reads them.
        return FieldError(".".join(str(p) for p in path), field["errorMessage"])
    values = {"title": title, "limit": error.validator_value}
    if kind == "type":
        expected = error.validator_value
        values["expected"] = " hoặc ".join(TYPE_NAMES.get(t, t) for t in
                                            (expected if isinstance(expected, list) else [expected]))
    elif kind == "format":
        values["format"] = FORMAT_NAMES.get(error.validator_value, error.validator_value)
    elif kind in ("formatMaximum", "formatMinimum"):
        values["limit"] = _day_words(error.validator_value)
    elif kind == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        values["fields"] = ", ".join(extra)
    template = MESSAGES.get(kind, MESSAGES["other"])
    return FieldError(".".join(str(p) for p in path), template.format(**values))


def dropped(before: dict | None, after: dict) -> list[str]:
    """The fields of the application `before` that the supplemented application `after` no longer
    holds: the engine clears them (a passport number replaced by a CCCD)."""
    return [name for name in before or {} if name not in after]


class Form:
    def __init__(self, schema: dict, ui_schema: dict | None = None):
        self.schema = schema
        self.ui_schema = ui_schema or {}
        self._validator = _Validator(schema, format_checker=_FORMATS)

    def visible(self, data):
        """What the form keeps of `data`: not what a field hidden by the choice it follows holds
        (engine/form_conditions.py, ANALYST.md QT-57)."""
        return visible(self.schema, self.ui_schema, data)

    def left_empty(self, data) -> list[str]:
        """The form's own fields `data` does not hold (left empty, or hidden by a choice): what an
        earlier answer to them said no longer holds."""
        return [name for name in self.schema.get("properties") or {} if name not in data]

    def validate(self, data, at: datetime | None = None) -> list[FieldError]:
        """`at`: the instant whose day is "today" for date bounds (default: the engine's clock)."""
        if not isinstance(data, dict):
            return [FieldError("", MESSAGES["not_object"])]
        if at is not None:
            with frozen_at(at):
                return self.validate(data)
        if _more_values_than(data, MAX_VALUES):
            return [FieldError("", MESSAGES["too_many_values"].format(limit=f"{MAX_VALUES:,}".replace(",", ".")))]
        # A hidden field is not asked for, even when a branch (an else) would require it.
        data, seen = split(self.schema, self.ui_schema, data)
        errors = sorted(self._validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
        result = _text_errors(self.schema, data)
        seen |= {item.field for item in result}
        for error in errors:
            # if/then and oneOf report their sub-errors; one message per field is enough.
            for leaf in (error.context or [error]) if error.validator in ("allOf",) else [error]:
                item = _message(self.schema, leaf)
                if item.field not in seen:
                    seen.add(item.field)
                    result.append(item)
        return result + [item for item in _related_errors(self.schema, data) if item.field not in seen]


def _more_values_than(data, limit: int) -> bool:
    """Whether `data` holds more than `limit` values (keys, items, leaves), counted only that far."""
    stack, count = [data], 0
    while stack:
        value = stack.pop()
        count += 1
        if count > limit:
            return True
        if isinstance(value, dict):
            count += len(value)
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return False


class FormUnusable(ValueError):
    """A form file on disk that cannot be read as a form (forms are not versioned, QT-26), and no
    earlier content of it was read: said in Vietnamese, naming the file and the place."""


# The last content of each form file that loaded: a file saved broken while dossiers run keeps
# serving its previous content (said in the log) rather than failing every step that uses it.
_last_good: dict[Path, dict] = {}


@lru_cache(maxsize=256)
def _load(path: Path, mtime: float) -> dict:
    document = json.loads(path.read_text(encoding="utf-8-sig"))  # -sig: a byte-order mark (Notepad) is no error
    if path.name.endswith(".schema.json"):
        _check_types(document)  # "type": "strng" fails every validation that reaches it
    return document


JSON_TYPES = ("string", "integer", "number", "boolean", "object", "array", "null")


class _UnknownType(ValueError):
    def __init__(self, path: list, value):
        super().__init__(FORM_FILE_MESSAGES["type"].format(value=value, types=", ".join(JSON_TYPES)))
        self.path, self.message = path, str(self)


def _check_types(schema, path: tuple = ()) -> None:
    """Every `type` a schema names is a JSON type (a full metaschema check would refuse the
    `{"$data": …}` bounds our forms use)."""
    if isinstance(schema, list):
        for index, item in enumerate(schema):
            _check_types(item, (*path, index))
        return
    if not isinstance(schema, dict):
        return
    kinds = schema.get("type")
    for kind in kinds if isinstance(kinds, list) else [kinds] if kinds is not None else []:
        if kind not in JSON_TYPES:
            raise _UnknownType([*path, "type"], kind)
    for key, value in schema.items():
        if key not in ("enum", "const", "default", "examples") and isinstance(value, (dict, list)):
            _check_types(value, (*path, key))


def _broken(relative: str, exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return FORM_FILE_MESSAGES["json"].format(file=relative, line=exc.lineno, column=exc.colno)
    place = "/".join(str(p) for p in getattr(exc, "path", ())) or "(gốc)"
    return FORM_FILE_MESSAGES["schema"].format(file=relative, place=place, detail=getattr(exc, "message", exc))


def load_form(forms_dir: Path, schema_file: str, ui_file: str | None = None) -> Form:
    """Load a form by its path relative to `forms_dir` (cached until the file changes); a file
    now broken gives its last content that loaded, else FormUnusable."""
    def read(relative):
        path = (Path(forms_dir) / relative).resolve()
        if Path(forms_dir).resolve() not in path.parents:
            raise FileNotFoundError(relative)
        try:
            document = _last_good[path] = _load(path, path.stat().st_mtime)
        except ValueError as exc:  # JSONDecodeError and _UnknownType
            message = _broken(relative, exc)
            if path not in _last_good:
                raise FormUnusable(message) from exc
            log.error("%s; using its last content that loaded", message)
            document = _last_good[path]
        return document
    return Form(read(schema_file), read(ui_file) if ui_file else None)
