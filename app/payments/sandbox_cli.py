"""`motcua payment-sandbox`: the local sandbox payment gateway for the demo and manual testing."""
from __future__ import annotations

import click

CLI = {
    "help": "Chạy cổng thanh toán thử nghiệm (giao thức VNPay 2.1.0) trên máy này, cho bản trình diễn và "
            "kiểm thử; không có giao dịch hay khoản tiền thật nào.",
    "merchant_help": "Mã đơn vị chấp nhận thanh toán (vnp_TmnCode) mà hệ thống dùng.",
    "secret_help": "Khóa bí mật dùng chung để ký yêu cầu và kết quả thanh toán.",
    "ipn_help": "Địa chỉ IPN của hệ thống, nơi cổng thanh toán báo kết quả giao dịch.",
    "serving": "Cổng thanh toán thử nghiệm đang chạy tại {url} (đơn vị {merchant}, báo kết quả tới {ipn_url}); "
               "nhật ký IPN: {log_url}. Nhấn Ctrl+C để dừng.",
}


@click.command("payment-sandbox", help=CLI["help"])
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8090, show_default=True, type=int)
@click.option("--merchant", required=True, envvar="MOTCUA_PAYMENT_TMN_CODE", show_envvar=True,
              help=CLI["merchant_help"])
@click.option("--secret", required=True, envvar="MOTCUA_PAYMENT_SECRET", show_envvar=True, help=CLI["secret_help"])
@click.option("--ipn-url", required=True, help=CLI["ipn_help"])
def payment_sandbox(host: str, port: int, merchant: str, secret: str, ipn_url: str) -> None:
    from waitress import serve

    from .sandbox import PAY_PATH, SandboxMerchant, create_sandbox_app
    app = create_sandbox_app({merchant: SandboxMerchant(secret=secret, ipn_url=ipn_url)})
    base = f"http://{host}:{port}"
    click.echo(CLI["serving"].format(url=base + PAY_PATH, merchant=merchant, ipn_url=ipn_url,
                                     log_url=base + "/nhat-ky"))
    serve(app, host=host, port=port, threads=4, ident="motcua-payment-sandbox")
