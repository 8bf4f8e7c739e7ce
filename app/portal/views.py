"""The citizen's pages: apply through the e-form, my dossiers, a dossier, the data store."""
from __future__ import annotations

from flask import Blueprint

portal = Blueprint("portal", __name__, template_folder="templates")
