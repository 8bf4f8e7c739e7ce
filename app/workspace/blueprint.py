from __future__ import annotations

from flask import Blueprint

from ..clock import now
from ..dossiers.deadlines import is_overdue
from ..security.refused_form import plain_field
from ..users.models import OFFICER_ROLES
from .dossier_context import withdrawal_reason
from .messages import CHANNEL_FIELDS, CHANNELS

workspace = Blueprint("workspace", __name__, url_prefix="/mot-cua", template_folder="templates",
                      static_folder="static", static_url_path="/tinh")
STAFF = (*OFFICER_ROLES, "admin")  # who may open the one-stop system


@workspace.app_template_test("overdue")
def _overdue(dossier) -> bool:
    """`{% if dossier is overdue %}`: still the agency's to act on, and past its due instant."""
    return is_overdue(dossier, now())


@workspace.context_processor
def _channel_words() -> dict:
    return {"channel_fields": CHANNEL_FIELDS}


# A refused sending's page says them by their labels (security/refused_form.py).
plain_field("hinh_thuc", CHANNEL_FIELDS["hinh_thuc"], CHANNELS)
plain_field("so_buu_gui", CHANNEL_FIELDS["so_buu_gui"])

# The officers' history line says why a dossier was withdrawn (`event | withdrawal_reason`).
workspace.add_app_template_filter(withdrawal_reason, "withdrawal_reason")
