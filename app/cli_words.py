"""Click's own words (help headings, usage errors) in Vietnamese, so that an analyst or an
operator who mistypes a command reads what is wrong in the language of the rest of the tool.

Click marks these texts for gettext (`from gettext import gettext as _`, `ngettext`) but ships
no translations; the modules look the two names up when a message is made, so `install()`
points them at this table. A text not in it (a newer Click's) stays in English, never lost.
"""
from __future__ import annotations

import importlib

WORDS = {
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Show the version and exit.": "Hiện phiên bản rồi thoát.",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Chạy «{command} {option}» để xem hướng dẫn.",
    "No such command {name!r}.": "Không có lệnh «{name}».",
    "No such option {name!r}.": "Không có tùy chọn «{name}».",
    "Missing command.": "Thiếu lệnh: chọn một lệnh trong danh sách dưới «Lệnh».",
    "Missing argument": "Thiếu đối số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "Missing {param_type}": "Thiếu {param_type}",
    "argument": "đối số",
    "option": "tùy chọn",
    "parameter": "tham số",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Option {name!r} does not take a value.": "Tùy chọn «{name}» không nhận giá trị.",
    "Argument {name!r} takes {nargs} values.": "Đối số «{name}» nhận {nargs} giá trị.",
    # {number_type} is Click's English type name ("integer", "float"): left out.
    "{value!r} is not a valid {number_type}.": "«{value}» không phải một số hợp lệ.",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng {range}.",
    "{value!r} is not a valid UUID.": "«{value}» không phải một UUID hợp lệ.",
    # {name} is Click's English "File", "Directory" or "Path", fixed when a command is defined: left out.
    "{name} {filename!r} does not exist.": "«{filename}» không tồn tại.",
    "{name} {filename!r} is a directory.": "«{filename}» là một thư mục, không phải tệp.",
    "{name} {filename!r} is a file.": "«{filename}» là một tệp, không phải thư mục.",
    "{name} {filename!r} is not readable.": "«{filename}» không đọc được (không có quyền đọc).",
    "{name} {filename!r} is not writable.": "«{filename}» không ghi được (không có quyền ghi).",
    "{name} {filename!r} is not executable.": "«{filename}» không chạy được.",
    "Could not open file {filename!r}: {message}": "Không mở được tệp «{filename}»: {message}",
    "Aborted!": "Đã hủy.",
    "Do you want to continue?": "Tiếp tục?",
    "Confirm the action without prompting.": "Xác nhận luôn, không hỏi lại.",
    "Repeat for confirmation": "Nhập lại để xác nhận",
    "Error: The two entered values do not match.": "Lỗi: hai lần nhập không khớp nhau.",
    "Error: invalid input": "Lỗi: giá trị nhập không hợp lệ",
    "default: {default}": "mặc định: {default}",
    "env var: {var}": "biến môi trường: {var}",
    "required": "bắt buộc",
    "unknown error": "lỗi không rõ",
}

# (singular, plural) as Click writes them -> one Vietnamese text (Vietnamese has no plural form).
PLURALS = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"):
        "Thừa đối số không dùng được: {args}",
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"):
        "Có phải ý bạn là {possibilities}?",
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        "Tùy chọn «{name}» cần giá trị đi kèm.",
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."):
        "«{value}» không phải giá trị dùng được; chọn một trong: {choices}.",
    ("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."):
        "«{value}» không đúng định dạng {formats}.",
}

MODULES = ("click.core", "click.decorators", "click.exceptions", "click.formatting", "click.parser",
           "click.termui", "click.types", "click.utils")


def gettext(message: str) -> str:
    return WORDS.get(message, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Vietnamese has one form for both: Click fills every field the two forms name."""
    return PLURALS.get((singular, plural)) or (singular if count == 1 else plural)


def install() -> None:
    for name in MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
