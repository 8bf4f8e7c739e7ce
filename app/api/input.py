"""Reading JSON request bodies through marshmallow schemas, with Vietnamese messages. A request
that carries component files is multipart/form-data: its JSON is the part named `body`."""
from __future__ import annotations

import json
import re

from flask import request
from marshmallow import EXCLUDE, Schema, ValidationError, fields
from marshmallow.validate import Length

from ..eforms.parse import tidy
from .blueprint import ApiError
from .messages import ERRORS

_SURROGATE = re.compile("[\ud800-\udfff]")
FIELD_MESSAGES = {
    "Missing data for required field.": ERRORS["required"],
    "Not a valid string.": ERRORS["type_string"],
    "Not a valid mapping type.": ERRORS["type_object"],
    "Unknown field.": ERRORS["unknown_field"],
}


class FormData(fields.Dict):
    """An e-form's data, its text cleaned as a page's is (a reason of spaces alone is none)."""

    def _deserialize(self, value, attr, data, **kwargs):
        return tidy(super()._deserialize(value, attr, data, **kwargs))


def length(low: int, high: int) -> Length:
    """A length check that says so in Vietnamese (what _flatten passes through)."""
    message = ERRORS["length"].format(low=low, high=high)
    FIELD_MESSAGES[message] = message
    return Length(low, high, error=message)


def _flatten(messages, prefix=""):
    for field, value in messages.items():
        path = f"{prefix}{field}"
        if isinstance(value, dict):
            yield from _flatten(value, path + ".")
        else:
            for text in value:
                yield {"field": path, "message": FIELD_MESSAGES.get(text, ERRORS["invalid"])}


def _encodable(value) -> bool:
    """No lone UTF-16 surrogates ("\\ud800" is valid JSON, but no text a database can store)."""
    if isinstance(value, str):
        return value.isascii() or not _SURROGATE.search(value)
    if isinstance(value, dict):
        return all(_encodable(k) and _encodable(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_encodable(v) for v in value)
    return True


BODY_PART = "body"  # a multipart request (JSON with component files) carries its JSON in this part


def _json_body():
    """The request's JSON: the body itself, or the one `body` part of a multipart request."""
    if request.mimetype == "multipart/form-data":
        parts = request.form.getlist(BODY_PART)
        if len(parts) != 1:
            problem = "body_twice" if parts else "body_as_file" if BODY_PART in request.files else "no_body"
            raise ApiError(400, "bad_request", ERRORS[problem])
        try:
            return json.loads(parts[0])
        except ValueError:
            return None
    return request.get_json(silent=True)


def parse(schema: Schema) -> dict:
    try:
        body = _json_body()
        clean = isinstance(body, dict) and _encodable(body)
    except RecursionError:  # nested deeper than anything a form or a client sends
        clean = False
    if not clean:
        raise ApiError(400, "bad_request", ERRORS["bad_json"])
    try:
        return schema.load(body, unknown=EXCLUDE)
    except ValidationError as exc:
        raise ApiError(422, "invalid", ERRORS["invalid"], list(_flatten(exc.messages))) from exc
