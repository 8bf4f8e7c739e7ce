"""`motcua files sweep`: the uploaded files nothing refers to any more (sweep.py), listed, or
removed with --delete."""
from __future__ import annotations

import click

from ..messages import CLI as MAIN

CLI = {
    "files_help": "Tệp đã tải lên (kho tệp MOTCUA_UPLOAD_DIR).",
    "sweep_help": "Tìm các tệp không còn hồ sơ hay bản nháp nào dùng (tải lên trên một biểu mẫu không bao giờ "
                  "được gửi, bản nháp đã xóa) và đã lưu quá số ngày cho trước; chỉ liệt kê, xóa khi có --delete.",
    "days_help": "Chỉ xét tệp lưu lần cuối quá số ngày này (mặc định 7): biểu mẫu đang mở vẫn giữ tệp của nó.",
    "delete_help": "Xóa các tệp tìm được (mặc định chỉ liệt kê).",
    "found": "Có {count} tệp không còn được dùng ({size} MB), đã lưu quá {days:g} ngày; {kept} tệp cũ hơn vẫn "
             "được dùng.",
    "deleted": "Đã xóa {count} tệp không còn được dùng ({size} MB).",
    "hint": "Chạy lại với --delete để xóa chúng.",
    "bad_days": "số ngày phải lớn hơn 0.",
}


@click.group("files", help=CLI["files_help"])
def files() -> None:
    pass


@files.command("sweep", help=CLI["sweep_help"])
@click.option("--db", "db_option", default=None, help=MAIN["db_help"])
@click.option("--days", default=7.0, show_default=True, type=float, help=CLI["days_help"])
@click.option("--delete", "delete", is_flag=True, help=CLI["delete_help"])
def sweep_command(db_option: str | None, days: float, delete: bool) -> None:
    from ..cli import _app, _fail  # here, not at the top: app.cli imports this module
    from ..clock import now
    from .storage import storage
    from .sweep import sweep
    if days <= 0:
        _fail(CLI["bad_days"])
    app = _app(db_option)
    with app.app_context():
        result = sweep(storage(), now(), days, delete)
    size = f"{result.size / 1024 / 1024:.1f}".replace(".", ",")
    if delete:
        click.echo(CLI["deleted"].format(count=len(result.unreferenced), size=size))
        return
    click.echo(CLI["found"].format(count=len(result.unreferenced), size=size, days=days, kept=result.kept))
    for key, _ in result.unreferenced:
        click.echo(f"  {key}")
    if result.unreferenced:
        click.echo(CLI["hint"])
