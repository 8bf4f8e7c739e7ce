"""Province profiles (`provinces/<code>.json`): the policy values a province sets itself.

Working hours, the province's own days off, swapped working days (a Saturday made a working
day), and effective-dated policy values (the reception limit, ...) live here, never as literals
in code: provinces differ and the national decrees are amended.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

PROVINCES_DIR = Path(__file__).resolve().parent.parent / "provinces"
_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")

MESSAGES = {
    "unknown": "không có hồ sơ tỉnh «{code}» (tệp provinces/{code}.json).",
    "json": "hồ sơ tỉnh «{code}» không phải JSON hợp lệ: {detail}",
    "field": "hồ sơ tỉnh «{code}»: trường «{field}» không hợp lệ: {detail}",
    "policy": "hồ sơ tỉnh «{code}» không có giá trị «{name}» áp dụng từ ngày {at}.",
}


class ProfileError(ValueError):
    pass


class UnknownProvince(ProfileError):
    pass


@dataclass(frozen=True)
class Profile:
    code: str
    name: str
    timezone: ZoneInfo
    periods: tuple[tuple[time, time], ...]        # working periods of a working day, in order
    days_off: dict[date, str] = field(default_factory=dict)        # the province's own days off
    working_days: dict[date, str] = field(default_factory=dict)    # swapped working days
    policies: tuple[tuple[date, dict], ...] = ()  # (effective from, values), oldest first
    place: str = ""  # the place name of documents' date lines ("Bình An, ngày ...")

    @property
    def hours_per_day(self) -> float:
        return sum((_minutes(end) - _minutes(start)) for start, end in self.periods) / 60

    def policy(self, name: str, at: date | datetime):
        """The value of a policy in force on a day: the newest amendment that has it."""
        day = at.astimezone(self.timezone).date() if isinstance(at, datetime) else at
        for effective, values in reversed(self.policies):
            if effective <= day and name in values:
                return values[name]
        raise ProfileError(MESSAGES["policy"].format(code=self.code, name=name, at=day.isoformat()))


def _minutes(value: time) -> int:
    return value.hour * 60 + value.minute


def _fail(code: str, name: str, detail) -> ProfileError:
    return ProfileError(MESSAGES["field"].format(code=code, field=name, detail=detail))


def _periods(code: str, raw) -> tuple[tuple[time, time], ...]:
    try:
        periods = tuple((time.fromisoformat(a), time.fromisoformat(b)) for a, b in raw)
    except (TypeError, ValueError) as exc:
        raise _fail(code, "working_hours", exc) from exc
    previous = time(0, 0)
    for start, end in periods:
        if not (previous <= start < end):
            raise _fail(code, "working_hours", "các khoảng giờ phải tăng dần và không chồng nhau")
        previous = end
    if not periods:
        raise _fail(code, "working_hours", "cần ít nhất một khoảng giờ làm việc")
    return periods


def _days(code: str, name: str, raw) -> dict[date, str]:
    try:
        return {date.fromisoformat(item["date"]): item.get("name", "") for item in raw or []}
    except (TypeError, KeyError, ValueError) as exc:
        raise _fail(code, name, exc) from exc


def _policies(code: str, raw) -> tuple[tuple[date, dict], ...]:
    try:
        items = [(date.fromisoformat(p["effective_from"]),
                  {k: v for k, v in p.items() if k != "effective_from"}) for p in raw or []]
    except (TypeError, KeyError, ValueError) as exc:
        raise _fail(code, "policies", exc) from exc
    return tuple(sorted(items, key=lambda item: item[0]))


def parse_profile(code: str, document: dict) -> Profile:
    try:
        tz = ZoneInfo(document.get("timezone", "Asia/Ho_Chi_Minh"))
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise _fail(code, "timezone", exc) from exc
    return Profile(
        code=code,
        name=document.get("name", code),
        timezone=tz,
        periods=_periods(code, document.get("working_hours", [["07:30", "11:30"], ["13:00", "17:00"]])),
        days_off=_days(code, "days_off", document.get("days_off")),
        working_days=_days(code, "working_days", document.get("working_days")),
        policies=_policies(code, document.get("policies")),
        place=str(document.get("place") or ""),
    )


def load_profile(code: str, directory: Path | None = None) -> Profile:
    if not isinstance(code, str) or not _CODE.match(code):
        raise UnknownProvince(MESSAGES["unknown"].format(code=str(code)[:64]))
    path = Path(directory or PROVINCES_DIR) / f"{code}.json"
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise UnknownProvince(MESSAGES["unknown"].format(code=code)) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise ProfileError(MESSAGES["json"].format(code=code, detail=exc)) from exc
    if not isinstance(document, dict):
        raise ProfileError(MESSAGES["json"].format(code=code, detail="cần một đối tượng JSON"))
    return parse_profile(code, document)
