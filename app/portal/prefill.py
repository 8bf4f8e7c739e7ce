"""Pre-filling a new application from the citizen's profile and data store: the profile for
identity fields, then (on the portal, where the citizen reads it over) the most recent earlier
dossier of the same procedure for any other field of the same name: another procedure's field of
the same name may mean another thing (so_ban: copies of another paper, at another fee)."""
from __future__ import annotations

from sqlalchemy import select

from ..db import db
from ..dossiers.models import Dossier

# E-form field name → profile attribute. Analysts name identity fields with these names.
PROFILE_FIELDS = {
    "ho_ten": "full_name", "ho_ten_nguoi_yeu_cau": "full_name", "ho_ten_nguoi_nop": "full_name",
    "so_cccd": "cccd", "so_dinh_danh": "cccd", "so_ho_chieu": "passport", "quoc_tich": "citizenship",
    "loai_giay_to": "id_paper",
    "ngay_sinh": "date_of_birth",
    "noi_cu_tru": "address", "dia_chi": "address", "dia_chi_thuong_tru": "address",
    "so_dien_thoai": "phone", "email": "email",
}


def _profile_value(user, attribute: str):
    value = getattr(user, attribute, None)
    return value.isoformat() if hasattr(value, "isoformat") else value


def prefill(schema: dict, user, procedure_id: int | None = None) -> dict:
    """`procedure_id`: also what the citizen's latest dossier of that procedure said; none at
    the counter, where the officer copies a new paper application and the old case's details
    would pass unseen."""
    properties = schema.get("properties", {})
    data = {}
    last = db.session.execute(select(Dossier.form_data).where(
        Dossier.owner_id == user.id, Dossier.procedure_id == procedure_id)
        .order_by(Dossier.submitted_at.desc()).limit(1)).scalar() if procedure_id is not None else None
    for name, spec in properties.items():
        if name in PROFILE_FIELDS:
            value = _profile_value(user, PROFILE_FIELDS[name])
        elif last and spec.get("type") in ("string", "integer", "number", "boolean"):
            value = last.get(name)
        else:
            value = None
        if value not in (None, ""):
            data[name] = value
    return data
