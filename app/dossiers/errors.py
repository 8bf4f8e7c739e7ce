"""Refusals of dossier services; the API maps `kind` to an HTTP status."""
from __future__ import annotations


class DossierError(Exception):
    kind = "bad_request"

    def __init__(self, message: str, fields: list | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or []


class NotFound(DossierError):
    kind = "not_found"


class Forbidden(DossierError):
    kind = "forbidden"


class Conflict(DossierError):
    kind = "conflict"


class Invalid(DossierError):
    kind = "invalid"
