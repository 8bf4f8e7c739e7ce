"""Text as the documents print it: user text made safe for reportlab's Paragraph markup, and
instants and durations written the Vietnamese administrative way."""
from __future__ import annotations

import unicodedata
from datetime import date, datetime
from decimal import Decimal
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from .data import Duration
from .messages import COMMON, DURATION

TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def clean(value) -> str:
    """NFC text without control or format characters (bidi overrides, NUL...), newlines kept:
    what a citizen typed must print and extract exactly as the same letters."""
    text = unicodedata.normalize("NFC", "" if value is None else str(value))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return "".join(ch for ch in text
                    if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn"))


def markup(value) -> str:
    """User text for a Paragraph: escaped so `<b>` or `&` print as themselves, never as markup."""
    return escape(clean(value)).replace("\n", "<br/>")


def upper(value) -> str:
    return clean(value).upper()


# The words that start a place's name in an agency's title ("... TỈNH BÌNH AN", "UBND XÃ AN HÒA").
_PLACE_LEVELS = ("TỈNH", "THÀNH PHỐ", "XÃ", "PHƯỜNG", "ĐẶC KHU", "HUYỆN", "QUẬN", "THỊ XÃ")


_PLACE_WORDS = 3  # a place's own name: "BÌNH AN", "THỪA THIÊN HUẾ"; what follows may break


def agency_markup(name: str) -> str:
    """An agency's title in capitals for a header, its place name kept on one line: a narrow
    column breaks "ỦY BAN NHÂN DÂN TỈNH BÌNH AN" before "TỈNH", never inside "BÌNH AN". Only
    the place's name is kept together (at most three words, up to a dash or a comma): the rest
    of a longer title ("… - CHI NHÁNH KHU VỰC BẮC") breaks between its words as usual."""
    text = markup(upper(name))
    found = [(text.rfind(f" {level} "), level) for level in _PLACE_LEVELS]
    # The last place named; of two ending alike ("THỊ XÃ", "XÃ"), the whole level.
    cut, level = max(found, key=lambda pair: (pair[0] >= 0, pair[0] + len(pair[1]), len(pair[1])))
    if cut < 0:
        return text
    words = text[cut + 1 + len(level):].split()
    held = 0  # the place's own words, glued to its level's ("THÀNH PHỐ")
    for word in words[:_PLACE_WORDS]:
        if word in ("-", "–"):
            break
        held += 1
        if word.endswith((",", ";", ")")):
            break
    glued = "&nbsp;".join([level.replace(" ", "&nbsp;"), *words[:held]])
    return " ".join([text[:cut], glued, *words[held:]])


def _day_month(day: int, month: int) -> tuple[str, str]:
    # Decree 30/2020, Appendix I: days below 10 and the months 1 and 2 take a leading zero.
    return f"{day:02d}" if day < 10 else str(day), f"{month:02d}" if month <= 2 else str(month)


def _date_parts(value: date) -> dict:
    day, month = _day_month(value.day, value.month)
    return {"day": day, "month": month, "year": value.year}


def local(instant: datetime) -> datetime:
    return instant.astimezone(TIMEZONE)


def date_words(value: date | datetime) -> str:
    """"ngày 05 tháng 3 năm 2026"."""
    if isinstance(value, datetime):
        value = local(value).date()
    return COMMON["date"].format(**_date_parts(value))


def datetime_words(instant: datetime) -> str:
    """"08 giờ 15 phút, ngày 23 tháng 11 năm 2026" in Asia/Ho_Chi_Minh."""
    at = local(instant)
    return COMMON["datetime"].format(hour=f"{at.hour:02d}", minute=f"{at.minute:02d}",
                                     **_date_parts(at.date()))


def date_line(place: str, value: date | datetime) -> str:
    """The place-and-date line under the motto: "Bình An, ngày 23 tháng 11 năm 2026"."""
    if isinstance(value, datetime):
        value = local(value).date()
    parts = _date_parts(value)
    place = clean(place).strip()
    return (COMMON["date_line"].format(place=place, **parts) if place
            else COMMON["date_line_no_place"].format(**parts))


def short_date(value: date | datetime) -> str:
    if isinstance(value, datetime):
        value = local(value).date()
    return COMMON["short_date"].format(day=f"{value.day:02d}", month=f"{value.month:02d}", year=value.year)


def short_datetime(instant: datetime | None) -> str:
    """Two lines for a narrow table cell: "08:15" then "23/11/2026"; empty when not reached."""
    if instant is None:
        return ""
    at = local(instant)
    return COMMON["short_time"].format(hour=f"{at.hour:02d}", minute=f"{at.minute:02d}") + "\n" + short_date(at)


def number(value: int | float | Decimal) -> str:
    """10 → "10", 2.5 → "2,5" (Vietnamese decimal comma)."""
    amount = Decimal(str(value)).normalize()
    text = f"{amount:f}"
    return text.replace(".", COMMON["decimal_comma"])


def duration(value: Duration) -> str:
    return DURATION[value.unit].format(amount=number(value.amount))
