"""Whether each agency can sign today, and which trust anchors verification uses: what
`motcua keys status` prints, so an operator renews a certificate before a leader's approval is
refused for it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Mapping

from . import settings
from .backends import SigningUnavailable, certificates, open_signer
from .keys import ROOT_CERT
from .messages import CLI

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
    """One state per (code, name): the signing key opened as signing would open it."""
    found = []
    for code, name in agencies:
        label = f"{code} {name}"
        try:
            with open_signer(code, config) as signer:
                certificate = signer.signing_cert
        except SigningUnavailable as exc:
            found.append(CertificateState(label, "unavailable", detail=str(exc)))
            continue
        found.append(_state(label, certificate, at) if certificate is not None
                     else CertificateState(label, "unavailable"))
    return found


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
