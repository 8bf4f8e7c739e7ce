"""Who an application is for (ủy quyền): the account holder itself, another person who
authorised them, or an organisation. Anything but "self" makes the authorisation document a
required component (catalogue: "required_when": "on_behalf")."""
from __future__ import annotations

import re
import unicodedata

from ..dossiers.completeness import self_only
from ..security.refused_form import plain_field
from .messages import MESSAGES, REPRESENTATION, REPRESENTATION_TEXTS

KINDS = ("self", "person", "organisation")
_TAX_CODE = re.compile(r"^[0-9]{10}(-[0-9]{3})?$")
_ID = re.compile(r"^[0-9]{12}$")


CONTROLS = {"name": "dai_dien_ho_ten", "id_number": "dai_dien_cccd", "organisation_name": "dai_dien_to_chuc",
            "tax_code": "dai_dien_mst"}  # key kept -> the control typing it
plain_field("dai_dien", REPRESENTATION_TEXTS["legend"], REPRESENTATION)  # said on a refused sending's page
for _key, _control in CONTROLS.items():
    plain_field(_control, REPRESENTATION_TEXTS["fields"][_key][0])


def parse(formdata) -> dict:
    """The representation as typed (kept in the draft even when not valid yet)."""
    kind = formdata.get("dai_dien", "self")
    result = {"kind": kind if kind in KINDS else ""}
    for key, field in CONTROLS.items():
        value = " ".join(formdata.get(field, "").split())[:300]
        if key in ("id_number", "tax_code"):  # full-width digits as the digits they are; no spaces in a number
            value = "".join(unicodedata.normalize("NFKC", value).split())
        if value:
            result[key] = value
    return result


def errors(representation: dict, procedure=None, data: dict | None = None, form=None) -> dict[str, str]:
    """Field id → message; with the `procedure` and the application's `data` (visible fields) and
    `form`, also when its answers let nobody apply for someone else (completeness.self_only)."""
    kind = representation.get("kind")
    if kind not in KINDS:
        return {"dai_dien": MESSAGES["representation_kind"]}
    found = {}
    if kind != "self" and procedure is not None:
        refused = self_only(procedure, data, form)
        if refused:
            found["dai_dien"] = refused
    if kind == "person":
        from ..users.identity import name_error
        if name_error(representation.get("name", "")):
            found["dai_dien_ho_ten"] = MESSAGES["principal_name"]
        if not _ID.match(representation.get("id_number", "")):
            found["dai_dien_cccd"] = MESSAGES["principal_id"]
    if kind == "organisation":
        if not 2 <= len(representation.get("organisation_name", "")) <= 255:
            found["dai_dien_to_chuc"] = MESSAGES["organisation_name"]
        if not _TAX_CODE.match(representation.get("tax_code", "")):
            found["dai_dien_mst"] = MESSAGES["tax_code"]
    return found


def stored(representation: dict) -> dict:
    """Only the keys that belong to the chosen kind."""
    keep = {"self": (), "person": ("name", "id_number"),
            "organisation": ("organisation_name", "tax_code")}[representation["kind"]]
    return {"kind": representation["kind"], **{k: representation[k] for k in keep if k in representation}}


def on_behalf(representation: dict | None) -> bool:
    return bool(representation) and representation.get("kind") in ("person", "organisation")
