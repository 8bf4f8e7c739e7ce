"""The JSON API, /api/v1: errors are JSON with a Vietnamese message and the right status."""
from __future__ import annotations

import logging

from flask import Blueprint, current_app, jsonify
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from engine.forms import FormUnusable

from ..db import db
from ..dossiers.errors import DossierError
from ..files.uploads import megabytes
from .messages import ERRORS

log = logging.getLogger(__name__)
api = Blueprint("api", __name__, url_prefix="/api/v1")

STATUS_OF_KIND = {"bad_request": 400, "invalid": 422, "forbidden": 403, "not_found": 404, "conflict": 409,
                  "unauthorized": 401}
HTTP_MESSAGES = {404: "not_found", 405: "method", 413: "too_large"}


def error_response(status: int, code: str, message: str, fields=None, headers=None):
    body = {"error": {"code": code, "message": message}}
    if fields:
        body["error"]["fields"] = fields
    return jsonify(body), status, headers or {}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, fields=None, headers=None):
        super().__init__(message)
        self.status, self.code, self.message, self.fields, self.headers = status, code, message, fields, headers


@api.errorhandler(ApiError)
def _api_error(exc: ApiError):
    db.session.rollback()
    return error_response(exc.status, exc.code, exc.message, exc.fields, exc.headers)


@api.errorhandler(DossierError)
def _dossier_error(exc: DossierError):
    db.session.rollback()
    return error_response(STATUS_OF_KIND.get(exc.kind, 400), exc.kind, exc.message, exc.fields)


@api.errorhandler(FormUnusable)
def _form_unusable(exc: FormUnusable):
    # A form file saved broken on disk (forms are read at task time, QT-26): the operator's to fix.
    db.session.rollback()
    log.error("form unusable: %s", exc)
    return error_response(409, "form_unusable", str(exc))


@api.errorhandler(OperationalError)
def _db_busy(exc):
    # A lock wait that timed out: nothing was written, the client may retry.
    db.session.rollback()
    log.warning("database busy: %s", exc)
    return error_response(409, "conflict", ERRORS["busy"])


@api.errorhandler(HTTPException)
def _http_error(exc: HTTPException):
    db.session.rollback()
    return http_error_response(exc)


def http_error_response(exc: HTTPException):
    """A werkzeug error (also one raised before the request reached the API, app/errors.py) as
    the API's JSON; a request too large says the limits."""
    key = HTTP_MESSAGES.get(exc.code)
    message = ERRORS[key] if key else exc.description
    if exc.code == 413:
        config = current_app.config
        message = message.format(limit=megabytes(config.get("MAX_CONTENT_LENGTH") or 0),
                                 body=megabytes(config.get("MAX_FORM_MEMORY_SIZE") or 0))
    return error_response(exc.code, key or "http_error", message)


@api.errorhandler(Exception)
def _unexpected(exc):
    db.session.rollback()
    log.exception("unexpected API error")
    return error_response(500, "server_error", ERRORS["server"])

