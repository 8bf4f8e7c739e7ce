"""Loading catalogue entries (catalogue/<code>.json) into the procedures table."""
from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from ..agencies.models import Agency
from ..db import db
from .models import Procedure
from ..folding import fold

UNITS = ("working_days", "working_hours", "calendar_days")
REQUIRED = ("code", "name", "agency_code", "processing_time", "form", "bpmn_process_id")
MESSAGES = {
    "json": "{file}: không đọc được JSON: {detail}",
    "missing": "{file}: thiếu trường bắt buộc «{field}».",
    "agency": "{file}: không có cơ quan mã «{code}».",
    "unit": "{file}: đơn vị thời hạn phải là một trong {units}.",
    "amount": "{file}: thời hạn giải quyết phải là số dương.",
    "not_object": "{file}: mục danh mục phải là một đối tượng JSON.",
    "form": "{file}: không có tệp biểu mẫu «{form}» trong thư mục forms/.",
    "process": "{file}: không có quy trình «{process}» trong bpmn/ (hoặc sơ đồ đang lỗi); "
               "thủ tục được nạp nhưng tạm ngừng nhận hồ sơ.",
}
DETAIL_KEYS = ("sector", "field_code", "level", "online_level")


class CatalogueError(Exception):
    pass


def read_entry(path: Path) -> dict:
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise CatalogueError(MESSAGES["json"].format(file=path.name, detail=exc)) from exc
    if not isinstance(entry, dict):
        raise CatalogueError(MESSAGES["not_object"].format(file=path.name))
    for field in REQUIRED:
        if not entry.get(field):
            raise CatalogueError(MESSAGES["missing"].format(file=path.name, field=field))
    time = entry["processing_time"]
    if not isinstance(time, dict) or time.get("unit") not in UNITS:
        raise CatalogueError(MESSAGES["unit"].format(file=path.name, units=", ".join(UNITS)))
    if not isinstance(time.get("amount"), (int, float)) or time["amount"] <= 0:
        raise CatalogueError(MESSAGES["amount"].format(file=path.name))
    return entry


def upsert(entry: dict, file_name: str) -> Procedure:
    agency = db.session.execute(select(Agency).where(Agency.code == entry["agency_code"])).scalar_one_or_none()
    if agency is None:
        raise CatalogueError(MESSAGES["agency"].format(file=file_name, code=entry["agency_code"]))
    procedure = db.session.execute(
        select(Procedure).where(Procedure.code == entry["code"])).scalar_one_or_none() or Procedure()
    procedure.code, procedure.name = entry["code"], entry["name"]
    for key in DETAIL_KEYS:
        setattr(procedure, key, entry.get(key))
    procedure.search_text = fold(" ".join([entry["code"], entry["name"], entry.get("sector") or "",
                                           entry.get("field_code") or "", agency.name]))
    procedure.agency_id = agency.id
    procedure.processing_amount = entry["processing_time"]["amount"]
    procedure.processing_unit = entry["processing_time"]["unit"]
    procedure.form, procedure.ui_schema = entry["form"], entry.get("ui_schema")
    procedure.bpmn_process_id = entry["bpmn_process_id"]
    procedure.published = entry.get("published", True)
    procedure.details = {k: v for k, v in entry.items() if k not in REQUIRED + DETAIL_KEYS}
    db.session.add(procedure)
    return procedure


def load_catalogue(directory: Path, forms_dir: Path | None = None,
                   process_ids: set[str] | None = None) -> list[str]:
    """Load (insert or update) every entry of the folder; returns the problems of the entries
    that could not be loaded, so one broken file does not keep the others out. With `forms_dir`
    an entry whose form is missing is left out; with `process_ids` an entry whose diagram is not
    loaded is kept but closed to new dossiers."""
    problems = []
    for path in sorted(Path(directory).glob("*.json")):
        try:
            entry = read_entry(path)
            if forms_dir is not None and not (Path(forms_dir) / entry["form"]).is_file():
                raise CatalogueError(MESSAGES["form"].format(file=path.name, form=entry["form"]))
            if process_ids is not None and entry["bpmn_process_id"] not in process_ids:
                problems.append(MESSAGES["process"].format(file=path.name, process=entry["bpmn_process_id"]))
                entry = {**entry, "published": False}
            with db.session.begin_nested():
                upsert(entry, path.name)
        except CatalogueError as exc:
            problems.append(str(exc))
    db.session.commit()
    return problems
