"""The automatic completeness check of an online application (Decree 45/2020): every required
dossier component has a file. Field completeness is the e-form's own validation."""
from __future__ import annotations


def upload_components(procedure) -> list[dict]:
    """The components a citizen uploads: all but the e-form itself."""
    return [c for c in procedure.components if not c.get("e_form")]


def is_required(component: dict, on_behalf: bool) -> bool:
    return bool(component.get("required")) or (component.get("required_when") == "on_behalf" and on_behalf)


def missing_components(procedure, files: list[dict], on_behalf: bool) -> list[dict]:
    present = {f["component_code"] for f in files}
    return [c for c in upload_components(procedure)
            if is_required(c, on_behalf) and c["code"] not in present]
