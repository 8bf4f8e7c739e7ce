"""E-forms: JSON Schema documents in `forms/`, and validation with Vietnamese messages.

The same schema drives the generated HTML form, the API's validation and the scenario runner,
so a field error reads the same wherever it is met.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

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
    "other": "Trường «{title}» không hợp lệ.",
    "form": "biểu mẫu",
}
TYPE_NAMES = {
    "string": "chuỗi ký tự", "integer": "số nguyên", "number": "số", "boolean": "đúng/sai",
    "array": "danh sách", "object": "nhóm thông tin", "null": "rỗng",
}
FORMAT_NAMES = {"date": "ngày (YYYY-MM-DD)", "email": "thư điện tử", "date-time": "ngày giờ"}
_FORMATS = FormatChecker()


@dataclass(frozen=True)
class FieldError:
    field: str      # dotted path, e.g. "qua_trinh_cu_tru.0.tu_nam"; "" for the form itself
    message: str

    def as_dict(self) -> dict:
        return {"field": self.field, "message": self.message}


def _title(schema: dict, path: list) -> str:
    """The field's own Vietnamese title, walking the schema along the error's path."""
    node, title = schema, None
    for part in path:
        if isinstance(part, int):
            node = node.get("items", {}) if isinstance(node, dict) else {}
            continue
        node = node.get("properties", {}).get(part, {}) if isinstance(node, dict) else {}
        title = node.get("title", part) if isinstance(node, dict) else part
    return title or MESSAGES["form"]


def _message(schema: dict, error) -> FieldError:
    path = list(error.absolute_path)
    kind = error.validator
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else ""
        path = path + [missing]
    title = _title(schema, path)
    values = {"title": title, "limit": error.validator_value}
    if kind == "type":
        expected = error.validator_value
        values["expected"] = " hoặc ".join(TYPE_NAMES.get(t, t) for t in
                                            (expected if isinstance(expected, list) else [expected]))
    elif kind == "format":
        values["format"] = FORMAT_NAMES.get(error.validator_value, error.validator_value)
    elif kind == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        values["fields"] = ", ".join(extra)
    template = MESSAGES.get(kind, MESSAGES["other"])
    return FieldError(".".join(str(p) for p in path), template.format(**values))


class Form:
    def __init__(self, schema: dict, ui_schema: dict | None = None):
        self.schema = schema
        self.ui_schema = ui_schema or {}
        self._validator = Draft202012Validator(schema, format_checker=_FORMATS)

    def validate(self, data) -> list[FieldError]:
        if not isinstance(data, dict):
            return [FieldError("", MESSAGES["not_object"])]
        errors = sorted(self._validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
        seen, result = set(), []
        for error in errors:
            # if/then and oneOf report their sub-errors; one message per field is enough.
            for leaf in (error.context or [error]) if error.validator in ("allOf",) else [error]:
                item = _message(self.schema, leaf)
                if item.field not in seen:
                    seen.add(item.field)
                    result.append(item)
        return result


@lru_cache(maxsize=256)
def _load(path: Path, mtime: float) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def load_form(forms_dir: Path, schema_file: str, ui_file: str | None = None) -> Form:
    """Load a form by its path relative to `forms_dir` (cached until the file changes)."""
    def read(relative):
        path = (Path(forms_dir) / relative).resolve()
        if Path(forms_dir).resolve() not in path.parents:
            raise FileNotFoundError(relative)
        return _load(path, path.stat().st_mtime)
    return Form(read(schema_file), read(ui_file) if ui_file else None)
