"""Validation of identity data (registration, profile, applying on someone's behalf), with a
Vietnamese message per field."""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

MESSAGES = {
    "name": "Họ và tên gồm 2–100 chữ cái (có thể có dấu cách, dấu chấm, dấu nháy, gạch nối), không chứa chữ số hay ký hiệu.",
    "birth": "Ngày sinh phải là một ngày có thật, dạng ngày/tháng/năm (ví dụ 08/03/1992).",
    "birth_future": "Ngày sinh phải là một ngày trong quá khứ.",
    "birth_old": "Ngày sinh không hợp lệ: tuổi không thể quá 130.",
    "id_number": "Số định danh cá nhân (CCCD) phải gồm đúng 12 chữ số, 3 chữ số đầu là mã tỉnh nơi đăng ký khai sinh (001–096).",
    "id_province": "Số định danh cá nhân {number} bắt đầu bằng {code}, không phải mã tỉnh, thành phố nào (mã tỉnh nơi "
                   "đăng ký khai sinh, từ 001 Hà Nội đến 096 Cà Mau): kiểm tra lại theo thẻ Căn cước.",
    # Thông tư 59/2021/TT-BCA Điều 7: the 4th digit gives the century of birth (with the sex),
    # the 5th and 6th the last two digits of the year of birth.
    "id_birth_year": "Số định danh cá nhân {number} ghi năm sinh {coded} (chữ số thứ 4 đến 6), khác năm sinh "
                     "đã nhập ({typed}): kiểm tra lại số định danh hoặc ngày sinh theo thẻ Căn cước.",
    "passport_chars": "Số hộ chiếu chỉ gồm chữ cái không dấu (A–Z) và chữ số, như in trên trang nhân thân của hộ "
                      "chiếu; không có dấu gạch, dấu chấm hay ký hiệu khác.",
    "passport_length": "Số hộ chiếu gồm từ 6 đến 20 chữ cái và chữ số; số đã nhập có {count} ký tự.",
    "id_kind": "Chọn loại giấy tờ tùy thân: Căn cước công dân (CCCD) hoặc hộ chiếu.",
    "nationality": "Quốc tịch gồm 2–100 chữ cái, ghi như trong hộ chiếu (ví dụ Hàn Quốc, Hoa Kỳ), không chứa chữ "
                   "số hay ký hiệu.",
    "address": "Địa chỉ gồm 5–500 ký tự, không chứa ký tự điều khiển.",
    "phone": "Số điện thoại di động gồm 10 chữ số, bắt đầu bằng 0 (ví dụ 0912345678).",
    "email": "Địa chỉ thư điện tử không hợp lệ (ví dụ ten@example.vn).",
    "password": "Mật khẩu cần ít nhất 8 ký tự, có cả chữ và số.",
    "password_same": "Mật khẩu không được trùng với số định danh cá nhân hay địa chỉ thư điện tử.",
    "confirm": "Mật khẩu nhập lại không khớp.",
}
BLANK = {
    "ho_ten": "Vui lòng nhập họ và tên.",
    "ngay_sinh": "Vui lòng nhập ngày sinh.",
    "so_cccd": "Vui lòng nhập số định danh cá nhân (CCCD).",
    "so_ho_chieu": "Vui lòng nhập số hộ chiếu.",
    "quoc_tich": "Vui lòng nhập quốc tịch ghi trong hộ chiếu.",
    "dia_chi": "Vui lòng nhập địa chỉ.",
    "so_dien_thoai": "Vui lòng nhập số điện thoại.",
    "email": "Vui lòng nhập địa chỉ thư điện tử.",
    "mat_khau": "Vui lòng nhập mật khẩu.",
    "nhap_lai_mat_khau": "Vui lòng nhập lại mật khẩu.",
}
# The identity papers a citizen's account may hold (User.id_kind), as the desk chooses them,
# and what their number is called wherever it is shown.
ID_KINDS = {"cccd": "Căn cước công dân (CCCD)", "passport": "Hộ chiếu"}
ID_LABELS = {"cccd": "Số định danh cá nhân (CCCD)", "passport": "Số hộ chiếu"}
ID_INPUT_MAX = 64  # what is read of a typed number: longer is refused as too long, never cut

# Letters of any script (Vietnamese included), words joined by one space, dot, apostrophe or
# hyphen; digits, underscores and every other symbol (< > in particular) are refused.
_NAME = re.compile(r"^[^\W\d_]+(?:(?:[ .'\-]|\. )[^\W\d_]+)*\.?$")
_EMAIL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-]+)*"
                    r"@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)+$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
MAX_AGE = 130
PASSWORD_MAX = 256
PROFILE_FIELDS = ("ho_ten", "ngay_sinh", "so_cccd", "dia_chi", "so_dien_thoai", "email")


def _squash(value) -> str:
    """Single spaces, and composed Vietnamese letters (NFC) whatever the keyboard sent."""
    return unicodedata.normalize("NFC", " ".join(str(value or "").split()))


def name_error(value: str) -> str | None:
    value = _squash(value)
    return None if 2 <= len(value) <= 100 and _NAME.match(value) else MESSAGES["name"]


def parse_date(value: str) -> date | None:
    """dd/mm/yyyy (also d/m/yyyy) or yyyy-mm-dd; None when neither."""
    value = (value or "").strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


def birth_date_error(value: str, today: date) -> str | None:
    found = parse_date(value)
    if found is None:
        return MESSAGES["birth"]
    if found >= today:
        return MESSAGES["birth_future"]
    try:
        oldest = today.replace(year=today.year - MAX_AGE)
    except ValueError:  # 29 February
        oldest = today.replace(year=today.year - MAX_AGE, day=28)
    return MESSAGES["birth_old"] if found < oldest else None


def parse_birth_date(value: str, today: date) -> date | None:
    return None if birth_date_error(value, today) else parse_date(value)


def normalise_id_number(value: str) -> str:
    """Spaces removed: people type the 12 digits in groups (0012 9500 0777); full-width digits
    (an input method's, or pasted from a document) read as the digits they are (NFKC), so the
    same number is never stored twice in two scripts."""
    return "".join(unicodedata.normalize("NFKC", str(value or "")).split())


# The 63 provinces' codes that open a personal identification number (the place of birth
# registration; Thông tư 07/2016/TT-BCA, kept by 59/2021/TT-BCA): the numbers between are unused.
PROVINCE_CODES = frozenset(f"{n:03d}" for n in (
    1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37, 38, 40, 42,
    44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86,
    87, 89, 91, 92, 93, 94, 95, 96))


def id_number_error(value: str) -> str | None:
    value = normalise_id_number(value)
    if not re.fullmatch(r"[0-9]{12}", value) or not 1 <= int(value[:3]) <= 96:
        return MESSAGES["id_number"]
    if value[:3] not in PROVINCE_CODES:
        return MESSAGES["id_province"].format(number=value, code=value[:3])
    return None


def birth_year_in(number: str) -> int:
    """The year of birth a valid 12-digit personal identification number encodes: its 4th digit
    is 0/1 for the 20th century, 2/3 for the 21st and so on (even: male, odd: female)."""
    return 1900 + 100 * (int(number[3]) // 2) + int(number[4:6])


def id_birth_error(number: str, born: date) -> str | None:
    """The number and the date of birth disagree on the year: one of them was mistyped."""
    coded = birth_year_in(number)
    return None if coded == born.year else MESSAGES["id_birth_year"].format(number=number, coded=coded,
                                                                           typed=born.year)


def normalise_passport(value: str) -> str:
    """Spaces (as some passports print the number) removed, upper case."""
    return "".join(str(value or "").split()).upper()


def passport_error(value: str) -> str | None:
    """Which rule the number breaks: only Latin letters and digits (checked before upper-casing,
    so no other script slips in as A–Z), then 6 to 20 of them."""
    number = "".join(str(value or "").split())
    if not number:
        return BLANK["so_ho_chieu"]
    if not re.fullmatch(r"[A-Za-z0-9]+", number):
        return MESSAGES["passport_chars"]
    return None if 6 <= len(number) <= 20 else MESSAGES["passport_length"].format(count=len(number))


def id_paper(kind: str, number: str) -> tuple[str | None, str | None]:
    """(the number as stored, None) or (None, what is wrong) for an identity paper of `kind`."""
    number = str(number or "")[:ID_INPUT_MAX]
    if kind == "passport":
        error = passport_error(number)
        return (None, error) if error else (normalise_passport(number), None)
    if kind != "cccd":
        return None, MESSAGES["id_kind"]
    if not number.strip():
        return None, BLANK["so_cccd"]
    error = id_number_error(number)
    return (None, error) if error else (normalise_id_number(number), None)


def nationality_error(value: str) -> str | None:
    value = _squash(value)
    if not value:
        return BLANK["quoc_tich"]
    return None if 2 <= len(value) <= 100 and _NAME.match(value) else MESSAGES["nationality"]


def clean_nationality(value: str) -> str:
    return _squash(value)


def normalise_phone(value: str) -> str | None:
    digits = re.sub(r"[\s.\-()]", "", unicodedata.normalize("NFKC", value or ""))
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("0084"):
        digits = "0" + digits[4:]
    return digits if re.fullmatch(r"0[0-9]{9}", digits) else None


def phone_error(value: str) -> str | None:
    return None if normalise_phone(value) else MESSAGES["phone"]


def address_error(value: str) -> str | None:
    if _CONTROL.search(value or ""):
        return MESSAGES["address"]
    value = _squash(value)
    return None if 5 <= len(value) <= 500 else MESSAGES["address"]


def normalise_email(value: str) -> str:
    return (value or "").strip().lower()


def email_error(value: str) -> str | None:
    value = (value or "").strip()
    local = value.rsplit("@", 1)[0]
    return None if len(value) <= 255 and len(local) <= 64 and _EMAIL.match(value) else MESSAGES["email"]


def password_error(password: str, id_number: str = "", email: str = "") -> str | None:
    password = password or ""
    if not (8 <= len(password) <= PASSWORD_MAX and re.search(r"[^\W\d_]", password) and re.search(r"\d", password)):
        return MESSAGES["password"]
    lowered = password.strip().lower()
    if lowered in {(id_number or "").strip().lower(), normalise_email(email)} - {""}:
        return MESSAGES["password_same"]
    return None


def new_password_errors(form, id_number: str = "", email: str = "",
                        field: str = "mat_khau", confirm: str = "nhap_lai_mat_khau") -> dict[str, str]:
    """The errors of a new password and its confirmation, by field."""
    password = form.get(field, "")
    if not password:
        return {field: BLANK["mat_khau"]}
    error = password_error(password, id_number, email)
    if error:
        return {field: error}
    if password != form.get(confirm, ""):
        return {confirm: MESSAGES["confirm"]}
    return {}


def validate_profile(form, fields=PROFILE_FIELDS, today: date | None = None) -> tuple[dict, dict]:
    """Check the identity fields present in `fields` (plus the password pair when "mat_khau" is
    among them); returns (clean values by field, error message by field). Clean values:
    ho_ten/dia_chi with single spaces, ngay_sinh a date, so_dien_thoai 0xxxxxxxxx, email lower case."""
    if today is None:
        from ..localtime import local_today
        today = local_today()
    clean, errors = {}, {}
    typed = {name: str(form.get(name, "") or "") for name in fields}
    for name in fields:
        value = typed[name]
        if name in BLANK and not value.strip():
            errors[name] = BLANK[name]
            continue
        if name == "ho_ten":
            error, result = name_error(value), _squash(value)
        elif name == "ngay_sinh":
            error, result = birth_date_error(value, today), parse_date(value)
        elif name == "so_cccd":
            error, result = id_number_error(value), normalise_id_number(value)
        elif name == "dia_chi":
            error, result = address_error(value), _squash(value)
        elif name == "so_dien_thoai":
            error, result = phone_error(value), normalise_phone(value)
        elif name == "email":
            error, result = email_error(value), normalise_email(value)
        else:
            continue
        if error:
            errors[name] = error
        else:
            clean[name] = result
    if "so_cccd" in clean and "ngay_sinh" in clean:
        error = id_birth_error(clean["so_cccd"], clean["ngay_sinh"])
        if error:
            errors["so_cccd"] = error
            del clean["so_cccd"]
    if "mat_khau" in fields:
        found = new_password_errors(form, clean.get("so_cccd", typed.get("so_cccd", "")),
                                    clean.get("email", typed.get("email", "")))
        errors.update(found)
        if not found:
            clean["mat_khau"] = form.get("mat_khau", "")
    return clean, errors
