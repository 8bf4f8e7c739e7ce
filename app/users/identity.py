"""Validation of identity data (registration, profile, applying on someone's behalf), with a
Vietnamese message per field."""
from __future__ import annotations

import re
from datetime import date, datetime

MESSAGES = {
    "name": "Họ và tên gồm 2–100 chữ cái (có thể có dấu cách, dấu chấm, dấu nháy, gạch nối), không chứa chữ số hay ký hiệu.",
    "birth": "Ngày sinh phải là một ngày có thật trong quá khứ, dạng ngày/tháng/năm (ví dụ 08/03/1992).",
    "id_number": "Số định danh cá nhân (CCCD) phải gồm đúng 12 chữ số, 3 chữ số đầu là mã tỉnh nơi đăng ký khai sinh (001–096).",
    "address": "Địa chỉ gồm 5–500 ký tự.",
    "phone": "Số điện thoại di động gồm 10 chữ số, bắt đầu bằng 0 (ví dụ 0912345678).",
    "email": "Địa chỉ thư điện tử không hợp lệ (ví dụ ten@example.vn).",
}
_NAME = re.compile(r"^[^\W\d_]+(?:[ .'\-][^\W\d_]+)*\.?$")
_EMAIL = re.compile(r"^[^@\s<>\"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?)+$")
MAX_AGE = 130


def name_error(value: str) -> str | None:
    value = " ".join((value or "").split())
    return None if 2 <= len(value) <= 100 and _NAME.match(value) else MESSAGES["name"]


def parse_birth_date(value: str, today: date) -> date | None:
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            found = datetime.strptime((value or "").strip(), pattern).date()
        except ValueError:
            continue
        return found if date(today.year - MAX_AGE, 1, 1) <= found < today else None
    return None


def id_number_error(value: str) -> str | None:
    value = (value or "").strip()
    return None if re.fullmatch(r"\d{12}", value) and 1 <= int(value[:3]) <= 96 else MESSAGES["id_number"]


def normalise_phone(value: str) -> str | None:
    digits = re.sub(r"[\s.\-]", "", value or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    return digits if re.fullmatch(r"0\d{9}", digits) else None


def address_error(value: str) -> str | None:
    value = " ".join((value or "").split())
    return None if 5 <= len(value) <= 500 else MESSAGES["address"]


def email_error(value: str) -> str | None:
    value = (value or "").strip()
    return None if len(value) <= 255 and _EMAIL.match(value) else MESSAGES["email"]
