"""`motcua agencies load FILE`: the province's agencies; `motcua officers add`: an officer's
account (the first administrator's, on a new installation), activated from the printed link or
the mail sent to the officer's address; `motcua officers lock-idle`: the scheduler's hourly lock
of accounts nobody uses, run now."""
from __future__ import annotations

import difflib
import os

import click

from ..messages import CLI as MAIN

MSG = {
    "agencies_help": "Cơ quan của tỉnh.",
    "load_help": "Nạp danh sách cơ quan từ tệp JSON (thêm mới hoặc cập nhật theo mã định danh); "
                 "tệp có lỗi thì không thay đổi gì.",
    "loaded": "Đã nạp {inserted} cơ quan mới, cập nhật {updated} cơ quan.",
    "officers_help": "Tài khoản cán bộ.",
    "add_help": "Lập tài khoản cán bộ (ví dụ quản trị viên đầu tiên) và gửi thư kích hoạt; in liên kết đặt mật khẩu.",
    "agency_code": "Mã định danh cơ quan của cán bộ, ví dụ 000.00.00.H99.",
    "name_help": "Họ và tên của cán bộ.",
    "email_help": "Địa chỉ thư điện tử công vụ: thư kích hoạt tài khoản được gửi tới đó.",
    "position_help": "Chức vụ, in dưới chữ ký; bắt buộc với lãnh đạo (leader), ví dụ «Giám đốc Sở Tư pháp».",
    "role_help": "Vai trò: one_stop, specialist, leader, coordinator hoặc admin.",
    "unknown_agency": "không có cơ quan mã «{code}»{guess}; nạp cơ quan trước bằng motcua agencies load.",
    # The officers form's messages are the page's ("Chọn vai trò…"): on the command line, the option.
    "bad_role": "không có vai trò «{role}»{guess}; --role là one_stop, specialist, leader, coordinator hoặc admin.",
    "position_required": "{message} Dùng --position.",
    "default_public_url": "Lưu ý: chưa đặt biến MOTCUA_PUBLIC_URL nên liên kết trên (và trong thư) dùng địa chỉ "
                          "mặc định {url}, chỉ mở được trên chính máy chủ này. Đặt MOTCUA_PUBLIC_URL là địa chỉ "
                          "công khai của hệ thống (ví dụ MOTCUA_PUBLIC_URL=https://dichvucong.tinh.gov.vn) cho các "
                          "lệnh và tiến trình web; với liên kết này, thay {url} bằng địa chỉ đó.",
    "created": "Đã lập tài khoản {username} ({role}, {agency}). Thư kích hoạt gửi tới {email}; "
               "liên kết đặt mật khẩu (7 ngày, dùng một lần):\n{link}",
    "lock_idle_help": "Khóa ngay các tài khoản cán bộ không được sử dụng quá số ngày tỉnh quy định "
                      "(officer_idle_days); bộ lập lịch làm việc này mỗi giờ.",
    "no_policy": "Hồ sơ tỉnh không đặt officer_idle_days: không khóa tài khoản nào.",
    "locked": "Đã khóa {count} tài khoản không sử dụng quá {days} ngày{names}.",
}


@click.group("agencies", help=MSG["agencies_help"])
def agencies() -> None:
    pass


@agencies.command("load", help=MSG["load_help"])
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--db", "db_option", default=None, help=MAIN["db_help"])
def load(path: str, db_option: str | None) -> None:
    from ..agencies.loader import AgencyFileError, load as load_agencies, read
    from ..cli import _app  # here, not at the top: app.cli imports this module
    app = _app(db_option)
    with app.app_context():
        try:
            inserted, updated = load_agencies(read(path))
        except AgencyFileError as refused:
            for problem in refused.problems:
                click.echo(MAIN["error"].format(message=problem), err=True)
            raise SystemExit(1)
    click.echo(MSG["loaded"].format(inserted=inserted, updated=updated))


@click.group("officers", help=MSG["officers_help"])
def officers_group() -> None:
    pass


@officers_group.command("add", help=MSG["add_help"])
@click.argument("username")
@click.option("--name", "full_name", required=True, help=MSG["name_help"])
@click.option("--email", required=True, help=MSG["email_help"])
@click.option("--role", required=True, help=MSG["role_help"])
@click.option("--agency", "agency_code", required=True, help=MSG["agency_code"])
@click.option("--position", default="", help=MSG["position_help"])
@click.option("--db", "db_option", default=None, help=MAIN["db_help"])
def add(username: str, full_name: str, email: str, role: str, agency_code: str, position: str,
        db_option: str | None) -> None:
    from sqlalchemy import select

    from engine.roles import ROLE_LABELS

    from ..accounts.activation import activation_link, queue_activation
    from ..agencies.models import Agency
    from ..cli import _app
    from ..clock import now
    from ..db import db
    from ..mail.outbox import send_now
    from . import officers
    app = _app(db_option)
    with app.test_request_context(base_url=app.config["MOTCUA_PUBLIC_URL"]):
        agency = db.session.execute(select(Agency).where(Agency.code == agency_code)).scalar()
        clean, errors = officers.validate({"ten_dang_nhap": username, "ho_ten": full_name, "email": email,
                                           "vai_tro": role, "co_quan": str(agency.id) if agency else "",
                                           "chuc_vu": position})
        if errors:  # all of them at once: one run of the command per mistake wastes the operator's time
            for field, message in errors.items():
                click.echo(MAIN["error"].format(message=_said(field, message, role, agency_code)), err=True)
            raise SystemExit(1)
        at = now()
        officer = officers.create(clean, None, at)
        mail = queue_activation(officer, at)
        db.session.commit()
        send_now(at, [mail])
        click.echo(MSG["created"].format(username=officer.username, role=ROLE_LABELS[role],
                                         agency=agency.name, email=officer.email, link=activation_link(officer)))
    if not os.environ.get("MOTCUA_PUBLIC_URL"):
        click.echo(MSG["default_public_url"].format(url=app.config["MOTCUA_PUBLIC_URL"]), err=True)


def _said(field: str, message: str, role: str, agency_code: str) -> str:
    """A form error as the command line says it: the page's words, with the option to change
    where the page's words point at a form control."""
    from engine.form_check import guess

    from . import officers
    if field == "co_quan":
        return MSG["unknown_agency"].format(code=agency_code, guess=guess(agency_code, _near_codes(agency_code)))
    if field == "vai_tro":
        return MSG["bad_role"].format(role=role, guess=guess(role, officers.ROLES) if role else "")
    if field == "chuc_vu" and message == officers.MESSAGES["position_required"]:
        return MSG["position_required"].format(message=message)
    return message


def _near_codes(code: str) -> list[str]:
    """The agency codes `code` is a slip of: the same code in other case, or one character off.
    Every code has the same shape (000.00.12.H99), so a looser match would suggest any agency."""
    from sqlalchemy import select

    from ..agencies.models import Agency
    from ..db import db
    codes = list(db.session.execute(select(Agency.code)).scalars())
    return [c for c in codes if c.upper() == code.strip().upper()] or \
        difflib.get_close_matches(code.strip().upper(), codes, n=1, cutoff=0.9)


@officers_group.command("lock-idle", help=MSG["lock_idle_help"])
@click.option("--db", "db_option", default=None, help=MAIN["db_help"])
def lock_idle_command(db_option: str | None) -> None:
    from ..cli import _app
    from ..clock import now
    from .idle import idle_days, lock_idle
    app = _app(db_option)
    with app.app_context():
        at = now()
        days = idle_days(at)
        if days is None:
            click.echo(MSG["no_policy"])
            return
        locked = lock_idle(at)
        names = ": " + ", ".join(u.username for u in locked) if locked else ""
        click.echo(MSG["locked"].format(count=len(locked), days=days, names=names))
