"""Reading JSON request bodies through marshmallow schemas, with Vietnamese messages."""
from __future__ import annotations

from flask import request
from marshmallow import EXCLUDE, Schema, ValidationError

from .blueprint import ApiError
from .messages import ERRORS

FIELD_MESSAGES = {
    "Missing data for required field.": ERRORS["required"],
    "Not a valid string.": ERRORS["type_string"],
    "Not a valid mapping type.": ERRORS["type_object"],
    "Unknown field.": ERRORS["unknown_field"],
}


def _flatten(messages, prefix=""):
    for field, value in messages.items():
        path = f"{prefix}{field}"
        if isinstance(value, dict):
            yield from _flatten(value, path + ".")
        else:
            for text in value:
                yield {"field": path, "message": FIELD_MESSAGES.get(text, ERRORS["invalid"])}


def parse(schema: Schema) -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, "bad_request", ERRORS["bad_json"])
    try:
        return schema.load(body, unknown=EXCLUDE)
    except ValidationError as exc:
        raise ApiError(422, "invalid", ERRORS["invalid"], list(_flatten(exc.messages))) from exc
