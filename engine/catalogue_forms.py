"""The citizen's e-form of each procedure, as the catalogue entries (catalogue/<code>.json) name it.

The app loads and checks entries fully (app/catalogue/loader.py); the engine's tools only need
to know, for a process, which citizen forms its dossiers are submitted with: the scenario runner
checks a scenario's citizen data against them, `motcua bpmn check` reads their field names.
An entry that cannot be read is skipped here (the catalogue check reports it); the scenario
runner asks which of them name its process (`unreadable`), as the app would not load them.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

# A result template's `{name}`s (catalogue `result_document`), filled by app/dossiers/results.py
# from the process data, and from these two it adds: the applicant's name and the dossier code.
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
RESULT_NAMES = ("ho_ten_nguoi_nop", "ma_ho_so")
PROCESSING_UNITS = ("working_days", "working_hours", "calendar_days")  # a `processing_time`'s units


@dataclass(frozen=True)
class CitizenForm:
    entry: str   # the entry's file name, e.g. 2.000635.json
    form: str    # the form's path inside forms/, e.g. cap_ban_sao_trich_luc_ho_tich/don.schema.json
    ui_form: str | None = None
    charges: bool = False  # the entry tells citizens of a fee above 0 đồng (its `fees`)
    placeholders: tuple[str, ...] = ()  # the names its result template reads
    processing: tuple[float, str] | None = None  # its processing time (amount, unit), when valid
    agency: str | None = None  # the code of the agency that resolves its dossiers (`agency_code`)
    uploads: tuple[dict, ...] = ()  # the components a citizen uploads ({"code", "name"}; not the e-form)


def _entry(path: Path) -> dict | None:
    try:
        entry = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    return entry if isinstance(entry, dict) else None


def unreadable(catalogue_dir: Path | None, process_id: str) -> list[tuple[str, str]]:
    """(entry file, why) of the entries that cannot be read but whose text names `process_id`
    as their `bpmn_process_id`: the app takes no dossier through them."""
    from .form_check import json_problem
    named = re.compile(r'"bpmn_process_id"\s*:\s*"' + re.escape(process_id) + '"')
    folder = Path(catalogue_dir) if catalogue_dir is not None else None
    found = []
    for path in sorted(folder.glob("*.json")) if folder is not None and folder.is_dir() else []:
        try:
            text = path.read_text(encoding="utf-8-sig")
            if named.search(text):
                json.loads(text)
        except json.JSONDecodeError as exc:
            found.append((path.name, json_problem(exc)))
        except (OSError, UnicodeDecodeError) as exc:
            found.append((path.name, str(getattr(exc, "strerror", None) or exc)))
    return found


def placeholders(template) -> tuple[str, ...]:
    """The names a `result_document` reads, in order, each once."""
    texts = []
    if isinstance(template, dict):
        texts += [template.get("title"), template.get("subtitle"), *(template.get("paragraphs") or [])]
        texts += [text for pair in template.get("fields") or [] if isinstance(pair, list) for text in pair]
    return tuple(dict.fromkeys(name for text in texts if isinstance(text, str) for name in PLACEHOLDER.findall(text)))


def _charges(fees) -> bool:
    return isinstance(fees, list) and any(
        isinstance(f, dict) and isinstance(f.get("amount"), (int, float)) and f["amount"] > 0 for f in fees)


def _processing(time) -> tuple[float, str] | None:
    """An entry's `processing_time` as the catalogue loader accepts it, else None."""
    if not isinstance(time, dict):
        return None
    amount, unit = time.get("amount"), time.get("unit")
    valid = isinstance(amount, (int, float)) and not isinstance(amount, bool) and amount > 0
    return (float(amount), unit) if valid and unit in PROCESSING_UNITS else None


def _uploads(components) -> tuple[dict, ...]:
    """The components a citizen uploads, as the app reads them (app/dossiers/completeness.py)."""
    return tuple({"code": c["code"], "name": c["name"]} for c in components or []
                 if isinstance(c, dict) and isinstance(c.get("code"), str) and isinstance(c.get("name"), str)
                 and not c.get("e_form")) if isinstance(components, list) else ()


def citizen_forms(catalogue_dir: Path | None) -> dict[str, list[CitizenForm]]:
    """Process id -> the citizen forms of the entries using it (usually one)."""
    found: dict[str, list[CitizenForm]] = {}
    folder = Path(catalogue_dir) if catalogue_dir is not None else None
    for path in sorted(folder.glob("*.json")) if folder is not None and folder.is_dir() else []:
        entry = _entry(path)
        if entry is None or not isinstance(entry.get("bpmn_process_id"), str) or not isinstance(entry.get("form"), str):
            continue
        ui_form = entry.get("ui_schema") if isinstance(entry.get("ui_schema"), str) else None
        found.setdefault(entry["bpmn_process_id"], []).append(
            CitizenForm(path.name, entry["form"], ui_form, _charges(entry.get("fees")),
                        placeholders(entry.get("result_document")), _processing(entry.get("processing_time")),
                        entry["agency_code"] if isinstance(entry.get("agency_code"), str) else None,
                        _uploads(entry.get("components"))))
    return found
