"""Whether each agency can sign today, and which trust anchors verification uses: what
`motcua keys status` prints, so an operator renews a certificate before a leader's approval is
refused for it."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Mapping

from . import settings
from .backends import SigningUnavailable, certificates, open_signer
from .identity import check_signer
from .keys import ROOT_CERT
from .messages import CLI

logger = logging.getLogger(__name__)
RENEW_WITHIN = timedelta(days=30)  # warn this long before a certificate expires


@dataclass(frozen=True)
class CertificateState:
    """`state`: ok, expiring, expired, not_yet_valid, unavailable (no key, unreadable, device
    error: `detail` says which)."""
    label: str
    state: str
    subject: str = ""
    not_after: datetime | None = None
    detail: str = ""

    @property
    def can_sign(self) -> bool:
        return self.state in ("ok", "expiring")


def _state(label: str, certificate, at: datetime) -> CertificateState:
    names = certificate.subject.native
    subject = names.get("common_name", "") + (f" ({names['organization_name']})" if names.get("organization_name") else "")
    if at > certificate.not_valid_after:
        state = "expired"
    elif at < certificate.not_valid_before:
        state = "not_yet_valid"
    elif certificate.not_valid_after - at < RENEW_WITHIN:
        state = "expiring"
    else:
        state = "ok"
    return CertificateState(label, state, subject, certificate.not_valid_after)


def agency_states(config: Mapping | None, agencies: list[tuple[str, str]], at: datetime) -> list[CertificateState]:
    """One state per (code, name): the signing key opened as signing would open it, and checked
    as signing checks it (identity.py), by a test signature among others."""
    return [_agency_state(code, f"{code} {name}", config, at) for code, name in agencies]


def _agency_state(code: str, label: str, config: Mapping | None, at: datetime) -> CertificateState:
    dates = None
    try:
        with open_signer(code, config) as signer:
            dates = _state(label, signer.signing_cert, at)
            check_signer(signer, code, config, at)
    except SigningUnavailable as exc:
        return _unavailable(label, dates, str(exc))
    except Exception as exc:  # the command reports every agency, whatever one of them does
        logger.debug("checking %s's key failed", code, exc_info=exc)  # the line below says it; no traceback
        return _unavailable(label, dates, CLI["status_failed"].format(detail=str(exc) or type(exc).__name__))
    return dates


def _unavailable(label: str, dates: CertificateState | None, detail: str) -> CertificateState:
    """Unavailable, with the certificate's names and end when it was read before the failure."""
    return CertificateState(label, "unavailable", dates.subject if dates else "", dates.not_after if dates else None,
                            detail)


def root_states(config: Mapping | None, at: datetime) -> list[CertificateState]:
    """The trust anchors: root.cert.pem of the keys directory, the roots it replaced, then
    MOTCUA_TRUST_ROOTS."""
    paths = ([settings.keys_dir(config) / ROOT_CERT] + settings.retired_roots(config)
             + settings.extra_trust_roots(config))
    found = []
    for path in paths:
        try:
            found += [_state(str(path), certificate, at) for certificate in certificates(Path(path))]
        except OSError:
            found.append(CertificateState(str(path), "unavailable", detail=CLI["unreadable_file"]["missing"]))
        except ValueError:
            found.append(CertificateState(str(path), "unavailable", detail=CLI["unreadable_file"]["invalid"]))
    return found
