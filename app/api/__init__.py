"""The JSON API, /api/v1. Importing the package registers every route on the blueprint, whichever
module is imported first."""
from .blueprint import api
from . import auth, dossiers, lookup, openapi, procedures, tasks  # noqa: F401,E402  (routes)

__all__ = ["api"]
