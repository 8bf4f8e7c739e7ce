"""The public catalogue: search procedures, and a procedure's page."""
from __future__ import annotations

from flask import Blueprint

catalogue_web = Blueprint("catalogue", __name__, template_folder="templates")
