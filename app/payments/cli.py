"""`motcua payments reconcile`: ask the payment gateway now about online payments it never
confirmed (what the scheduler does every 5 minutes)."""
from __future__ import annotations

import click

from ..messages import CLI as MAIN

CLI = {
    "payments_help": "Phí, lệ phí nộp trực tuyến.",
    "reconcile_help": "Hỏi cổng thanh toán ngay về các giao dịch trực tuyến chưa được xác nhận (bộ lập lịch làm "
                      "việc này 5 phút một lần).",
    "no_gateway": "Chưa cấu hình cổng thanh toán (MOTCUA_PAYMENT_URL, MOTCUA_PAYMENT_TMN_CODE, "
                  "MOTCUA_PAYMENT_SECRET): không có gì để đối soát.",
    "reconciled": "Đã cập nhật {count} giao dịch theo trả lời của cổng thanh toán.",
}


@click.group("payments", help=CLI["payments_help"])
def payments() -> None:
    pass


@payments.command("reconcile", help=CLI["reconcile_help"])
@click.option("--db", "db_option", default=None, help=MAIN["db_help"])
def reconcile(db_option: str | None) -> None:
    from ..cli import _app  # here, not at the top: app.cli imports this module
    from ..clock import now
    from .reconcile import reconcile_pending
    from .settings import gateway_settings
    app = _app(db_option)
    with app.app_context():
        if gateway_settings(app.config) is None:
            click.echo(CLI["no_gateway"])
            return
        click.echo(CLI["reconciled"].format(count=reconcile_pending(now())))
