"""When asking the applicant for a supplement needs a written justification (DOMAIN.md §3.2,
§3.4; ANALYST.md QT-14): the law asks for everything at once, so a second request of a stage
(reception, processing) needs one, and so does a request during processing after the province's
window from reception (`processing_supplement_working_days`). Pure: the app counts requests in
a dossier's history (app/dossiers/supplements.py), the scenario runner in memory; both ask here.
"""
from __future__ import annotations

import re
from datetime import datetime

from .calendar import WorkingCalendar
from .folding import fold

# The fields of a step's form that say what is asked (the convention the shipped forms follow).
ASKED_COMPONENTS = "thanh_phan_can_bo_sung"
ASKED_NAME = "thanh_phan"  # each asked item's component name; "yeu_cau": what to change
_NOTE = re.compile(r"\s*\([^()]*\)\s*$")  # a name's closing "(…)"

MESSAGES = {
    "second_reception": "Khi tiếp nhận, hồ sơ này đã được yêu cầu bổ sung {count} lần. Pháp luật yêu cầu hướng "
                        "dẫn đầy đủ, cụ thể một lần; muốn yêu cầu bổ sung thêm, phải ghi rõ lý do.",
    "second_processing": "Trong khi giải quyết, hồ sơ này đã được yêu cầu bổ sung {count} lần. Pháp luật chỉ cho "
                         "yêu cầu bổ sung một lần; muốn yêu cầu bổ sung thêm, phải ghi rõ lý do.",
    "late": "Thời hạn yêu cầu bổ sung trong quá trình giải quyết đã hết lúc {end} (tính từ khi tiếp nhận hồ sơ). "
            "Muốn yêu cầu bổ sung, phải ghi rõ lý do; yêu cầu muộn được ghi nhận là lỗi của cơ quan giải quyết.",
}


def stage(received_at: datetime | None) -> str:
    """Reception (before the desk accepted the dossier) or processing: each may ask once."""
    return "processing" if received_at else "reception"


def window_end(calendar: WorkingCalendar, received_at: datetime | None) -> datetime | None:
    """Until when a supplement may be asked during processing without a justification."""
    if received_at is None:
        return None
    days = calendar.profile.policy("processing_supplement_working_days", received_at)
    return calendar.add_working_days(received_at, days)


def is_late(calendar: WorkingCalendar, received_at: datetime | None, at: datetime) -> bool:
    end = window_end(calendar, received_at)
    return end is not None and at > end


def justification_needed(calendar: WorkingCalendar, received_at: datetime | None, asked_in_stage: int,
                         at: datetime) -> tuple[str, str] | None:
    """Why a new request at `at` needs a justification, ("second" | "late", the message); None
    when it needs none."""
    if asked_in_stage:
        return "second", MESSAGES[f"second_{stage(received_at)}"].format(count=asked_in_stage)
    if is_late(calendar, received_at, at):
        end = window_end(calendar, received_at).astimezone(calendar.tz).strftime("%H:%M ngày %d/%m/%Y")
        return "late", MESSAGES["late"].format(end=end)
    return None


def asked_items(request: dict | None) -> list[dict]:
    """The items of a request's list of components to bring (Mẫu 02's table)."""
    items = (request or {}).get(ASKED_COMPONENTS)
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def item_component(components: list[dict], item: dict) -> dict | None:
    """The file component (of `components`, those a citizen uploads) an asked item names, letter
    case, accents and spacing aside: its name, its name without the closing parenthesis
    ("Giấy tờ tùy thân" for "Giấy tờ tùy thân (Căn cước công dân, hộ chiếu)"), or its code;
    None when it names anything else (the e-form, a detail): then it asks in words only."""
    name = fold(str(item.get(ASKED_NAME) or ""))
    return next((c for c in components
                 if name in (fold(c["name"]), fold(_NOTE.sub("", c["name"])), fold(c["code"]))), None)


def asked_components(components: list[dict], request: dict | None) -> list[dict]:
    """The file components a supplement request names: the supplement must bring a new file of each."""
    named = {id(c): c for item in asked_items(request) if (c := item_component(components, item)) is not None}
    return list(named.values())
