"""Where an agency's signing key lives: PEM files in the keys directory, or a PKCS#11 device
(an HSM or a USB token; SoftHSM2 in the tests). `signer_for` picks one from the settings:

- files: MOTCUA_KEYS_DIR holds `<code>.key.pem`, `<code>.cert.pem`, optionally `<code>.chain.pem`
  (the intermediate certificates), and `root.cert.pem`, the trust anchor;
- PKCS#11: MOTCUA_PKCS11_LIB (the module), MOTCUA_PKCS11_TOKEN (token label), MOTCUA_PKCS11_PIN;
  the key's label is the agency code; its certificate is `<code>.cert.pem` in the keys directory
  when that file exists, else the certificate with the same label on the token.
"""
from __future__ import annotations

import logging
import threading
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Iterator, Mapping

from asn1crypto import x509 as asn1_x509
from pyhanko.keys import load_certs_from_pemder
from pyhanko.sign.signers import SimpleSigner
from pyhanko.sign.signers.pdf_cms import Signer

from . import settings
from .keys import ROOT_CERT, cert_path, chain_path, key_path
from .messages import ERRORS

_DEVICE_TURN = threading.Lock()
logger = logging.getLogger(__name__)


class SigningUnavailable(Exception):
    """No usable key for the agency; str(exc) says what is missing, in Vietnamese, for the
    operator (files, device errors); `for_officers` says it without the server's paths."""

    def __init__(self, message: str, for_officers: str | None = None):
        super().__init__(message)
        self.for_officers = for_officers or message


def trust_roots(config: Mapping | None) -> list[asn1_x509.Certificate]:
    """The certificates a signature must chain to: `root.cert.pem` of the keys directory, the
    roots it replaced (settings.retired_roots) and those of MOTCUA_TRUST_ROOTS. An unreadable
    file is left out and logged (`motcua keys status` names it): verification goes on with the
    others."""
    path = settings.keys_dir(config) / ROOT_CERT
    roots = _certificates(path) if path.exists() else []
    for extra in settings.retired_roots(config) + settings.extra_trust_roots(config):
        try:
            roots += _certificates(extra)
        except (OSError, ValueError) as exc:
            logger.error("trust root %s left out: %s", extra, exc)
    return roots


def signer_for(agency_code: str, config: Mapping | None) -> Signer:
    """A pyHanko Signer for the agency's key. A PKCS#11 signer holds an open session on the
    device: give it back with `release(signer)`, or use `open_signer`, which does."""
    if not settings.valid_code(agency_code):
        raise SigningUnavailable(ERRORS["bad_code"].format(code=agency_code))
    if settings.pkcs11(config):
        return _pkcs11_signer(agency_code, config)
    return _file_signer(agency_code, config)


def release(signer: Signer) -> None:
    session = getattr(signer, "pkcs11_session", None)
    if session is not None:
        session.close()


@contextmanager
def open_signer(agency_code: str, config: Mapping | None) -> Iterator[Signer]:
    """The agency's signer, released afterwards. Uses of a PKCS#11 device take turns within
    the process: a PKCS#11 login is shared by all sessions of a process, and the last session
    to close logs it out under the feet of the others."""
    with _DEVICE_TURN if settings.pkcs11(config) else nullcontext():
        signer = signer_for(agency_code, config)
        try:
            yield signer
        finally:
            release(signer)


def _chain(agency_code: str, config: Mapping | None) -> list[asn1_x509.Certificate]:
    """Intermediates and root, embedded in the signature so a reader can build the path alone."""
    directory = settings.keys_dir(config)
    chain = chain_path(directory, agency_code)
    return (_certificates(chain) if chain.exists() else []) + trust_roots(config)


def _file_signer(agency_code: str, config: Mapping | None) -> Signer:
    directory = settings.keys_dir(config)
    key, cert = key_path(directory, agency_code), cert_path(directory, agency_code)
    if not (key.exists() and cert.exists()):
        raise SigningUnavailable(ERRORS["no_key"].format(code=agency_code, key=key, cert=cert), ERRORS["no_key_officers"])
    chain_files = [str(p) for p in (chain_path(directory, agency_code), directory / ROOT_CERT) if p.exists()]
    signer = SimpleSigner.load(str(key), str(cert), ca_chain_files=chain_files or None,
                               key_passphrase=settings.key_passphrase(config))
    if signer is None:  # pyHanko logs the cause (a wrong passphrase among them) and answers None
        raise SigningUnavailable(ERRORS["bad_key"].format(code=agency_code), ERRORS["bad_key_officers"])
    return signer


def _pkcs11_signer(agency_code: str, config: Mapping | None) -> Signer:
    import pkcs11
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

    library, token, pin = settings.pkcs11(config)
    cert = cert_path(settings.keys_dir(config), agency_code)
    criteria = TokenCriteria(label=token) if token else None
    try:
        try:
            session = open_pkcs11_session(library, token_criteria=criteria, user_pin=pin)
        except pkcs11.UserAlreadyLoggedIn:
            # The login belongs to the whole process, not to a session: another session of
            # this process is logged in, so this one is too.
            session = open_pkcs11_session(library, token_criteria=criteria)
    except (pkcs11.PKCS11Error, OSError, RuntimeError) as exc:
        detail = str(exc) or type(exc).__name__
        raise SigningUnavailable(ERRORS["pkcs11"].format(code=agency_code, detail=detail),
                                 ERRORS["bad_key_officers"]) from exc
    return PKCS11Signer(session, cert_label=agency_code, key_label=agency_code,
                        signing_cert=_certificates(cert)[0] if cert.exists() else None,
                        ca_chain=_chain(agency_code, config))


def _certificates(path: Path) -> list[asn1_x509.Certificate]:
    return list(load_certs_from_pemder([str(path)]))


def certificates(path: Path) -> list[asn1_x509.Certificate]:
    """The certificates of a PEM or DER file (ValueError or OSError when it has none readable)."""
    found = _certificates(path)
    if not found:
        raise ValueError(str(path))
    return found
