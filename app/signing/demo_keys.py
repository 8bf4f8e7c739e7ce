"""The one-command demo signs without any set-up: the agencies in the database get file keys
under a demo root CA (keys.py) the first time `motcua up` runs, and whenever an agency is added."""
from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from ..agencies.models import Agency
from ..clock import now
from ..db import db
from . import settings
from .keys import AgencyIdentity, InitResult, init_keys


def agency_identities() -> tuple[str, list[AgencyIdentity]]:
    """(the province's name for the root CA, one identity per agency): an agency's certificate
    names the body it belongs to (its parent) as organisation, a top agency itself."""
    agencies = db.session.execute(select(Agency).order_by(Agency.code)).scalars().all()
    tops = [a for a in agencies if a.parent is None] or agencies
    province = tops[0].name if tops else ""
    return province, [AgencyIdentity(a.code, a.name, (a.parent or a).name)
                      for a in agencies if settings.valid_code(a.code)]


def ensure_demo_keys(app: Flask, force: bool = False) -> InitResult | None:
    """Create the missing demo keys of the app's agencies in MOTCUA_KEYS_DIR; None when keys
    live in a PKCS#11 device or there is no agency yet. Existing keys are kept unless `force`."""
    if settings.pkcs11(app.config):
        return None
    with app.app_context():
        province, agencies = agency_identities()
        at = now()
    if not agencies:
        return None
    return init_keys(settings.keys_dir(app.config), agencies, province, force=force, at=at)
