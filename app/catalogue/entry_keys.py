"""The keys a catalogue entry and its parts are read by. A key written otherwise is ignored, so a
misspelt rule (`self_only_when`, `required_when`) would silently not apply: a key close to one the
system reads is refused as a slip, any other is said to be ignored."""
from __future__ import annotations

import difflib

from engine.form_check import closest, fold

ENTRY = ("code", "name", "agency_code", "processing_time", "form", "ui_schema", "bpmn_process_id", "published",
         "sector", "field", "field_code", "level", "online_level", "steps", "components", "fees", "applicants",
         "result", "conditions", "legal_basis", "attachments", "result_document", "self_only_when")
# Objects inside an entry, by the key holding them (a component's or a fee's, for each of a list).
# A condition (self_only_when, required_when) is not here: a key of it misspelt is a shape the
# loader already refuses, saying how to write it.
NESTED = {"processing_time": ("amount", "unit"), "attachments": ("types", "max_size_mb"),
          "result_document": ("title", "subtitle", "fields", "paragraphs")}
LISTS = {"components": ("code", "name", "kind", "copies", "required", "required_when", "e_form"),
         "fees": ("name", "amount", "unit", "note")}
SLIP = 0.8  # as close as a typo («self_only_whne», «required_wen»), not merely a related word

MESSAGES = {
    "slip": "{file}: {where}khóa «{key}» không phải khóa hệ thống đọc; có phải ý bạn là «{close}»? Khóa viết sai bị "
            "bỏ qua, nên điều nó quy định không được áp dụng. Sửa tên khóa cho đúng từng ký tự.",
    "ignored": "{file}: Cảnh báo: {where}khóa «{key}» không phải khóa hệ thống đọc, nên bị bỏ qua: không ai đọc nội "
               "dung đó trên Cổng Dịch vụ công hay ở Bộ phận Một cửa. Xóa đi, hoặc dùng một khóa của mục danh mục "
               "(docs/ANALYST.md, QT-25){close}.",
    "close": "; khóa gần nhất là «{close}»",
    "inside": "trong «{parent}», ",
    "item": "trong «{parent}» thứ {n}{name}, ",
}


def unknown_keys(entry: dict, file_name: str) -> tuple[list[str], list[str]]:
    """(slips, ignored): the messages for keys close to a key read there, and for any other key."""
    slips: list[str] = []
    ignored: list[str] = []
    for where, keys, known in _objects(entry):
        for key in keys:
            if key in known:
                continue
            close = closest(str(key), known)
            if close and difflib.SequenceMatcher(None, fold(key), fold(close)).ratio() >= SLIP:
                slips.append(MESSAGES["slip"].format(file=file_name, where=where, key=key, close=close))
            else:
                hint = MESSAGES["close"].format(close=close) if close else ""
                ignored.append(MESSAGES["ignored"].format(file=file_name, where=where, key=key, close=hint))
    return slips, ignored


def _objects(entry: dict):
    """(where, its keys, the keys read there) for the entry and each object in it the system reads."""
    yield "", list(entry), ENTRY
    for parent, known in NESTED.items():
        if isinstance(entry.get(parent), dict):
            yield MESSAGES["inside"].format(parent=parent), list(entry[parent]), known
    for parent, known in LISTS.items():
        items = entry.get(parent)
        for n, item in enumerate(items if isinstance(items, list) else [], 1):
            if not isinstance(item, dict):
                continue
            name = f" («{item['name']}»)" if isinstance(item.get("name"), str) and item["name"].strip() else ""
            yield MESSAGES["item"].format(parent=parent, n=n, name=name), list(item), known
