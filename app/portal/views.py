"""The citizen's pages: apply through the e-form, my dossiers, a dossier, the data store.
Importing the page modules registers their routes on the blueprint."""
from __future__ import annotations

from . import apply, dossier_pages, datastore_pages  # noqa: F401
from .blueprint import portal

__all__ = ["portal"]
