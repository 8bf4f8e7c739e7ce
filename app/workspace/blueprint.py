from __future__ import annotations

from flask import Blueprint

from ..users.models import OFFICER_ROLES

workspace = Blueprint("workspace", __name__, url_prefix="/mot-cua", template_folder="templates",
                      static_folder="static", static_url_path="/tinh")
STAFF = (*OFFICER_ROLES, "admin")  # who may open the one-stop system
