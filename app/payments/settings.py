"""Which payment gateway the province uses (MOTCUA_PAYMENT_URL, _TMN_CODE, _SECRET); without one,
fees are only taken at the desk."""
from __future__ import annotations

from typing import Mapping

from .gateway import GatewaySettings


def gateway_settings(config: Mapping) -> GatewaySettings | None:
    url, code, secret = (config.get(f"MOTCUA_PAYMENT_{k}") or "" for k in ("URL", "TMN_CODE", "SECRET"))
    return GatewaySettings(url=url, tmn_code=code, secret=secret) if url and code and secret else None
