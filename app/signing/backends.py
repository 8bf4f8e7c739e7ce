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

from asn1crypto import keys as asn1_keys, x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.keys import load_certs_from_pemder
from pyhanko.sign.signers import SimpleSigner
from pyhanko.sign.signers.pdf_cms import Signer
from pyhanko_certvalidator.registry import SimpleCertificateStore

from . import settings
from .errors import SigningUnavailable, unusable_key
from .keys import ROOT_CERT, cert_path, chain_path, key_path
from .messages import ERRORS

__all__ = ["SigningUnavailable", "open_signer", "signer_for", "trust_roots"]

_DEVICE_TURN = threading.Lock()
logger = logging.getLogger(__name__)


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
        _close(session)


def _close(session) -> None:
    import pkcs11
    try:
        session.close()
    except pkcs11.PKCS11Error as exc:  # a device pulled out: nothing left to give back
        logger.warning("PKCS#11 session not closed: %s", type(exc).__name__)


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
    return (_certificate_file(chain, agency_code) if chain.exists() else []) + trust_roots(config)


def _file_signer(agency_code: str, config: Mapping | None) -> Signer:
    directory = settings.keys_dir(config)
    key, cert = key_path(directory, agency_code), cert_path(directory, agency_code)
    if not (key.exists() and cert.exists()):
        raise SigningUnavailable(ERRORS["no_key"].format(code=agency_code, key=key, cert=cert), ERRORS["no_key_officers"])
    certificate = _certificate_file(cert, agency_code)[0]
    private_key = _private_key(key, agency_code, config)
    _same_kind(private_key.algorithm, certificate, agency_code, str(cert))
    embedded = [c for path in (chain_path(directory, agency_code), directory / ROOT_CERT) if path.exists()
                for c in _certificate_file(path, agency_code)]
    return SimpleSigner(signing_cert=certificate, signing_key=private_key,
                        cert_registry=SimpleCertificateStore.from_certs([certificate, *embedded]))


def _same_kind(key_algorithm: str | None, certificate: asn1_x509.Certificate, agency_code: str, where: str) -> None:
    """An RSA key under an EC certificate (or the reverse) would fail with a mechanism error
    while signing; said here as what it is. A key of the right kind is checked by identity.py."""
    if key_algorithm != certificate.public_key.algorithm:
        raise unusable_key(ERRORS["key_mismatch"].format(code=agency_code, cert=where))


def _private_key(path: Path, agency_code: str, config: Mapping | None) -> asn1_keys.PrivateKeyInfo:
    """Read here rather than by SimpleSigner.load, which logs a traceback and answers None
    whatever the cause: each cause has its own remedy."""
    passphrase = settings.key_passphrase(config)
    try:
        data = path.read_bytes()
        load = serialization.load_pem_private_key if b"-----BEGIN" in data else serialization.load_der_private_key
        key = load(data, password=passphrase)
    except OSError as exc:
        raise unusable_key(ERRORS["key_unreadable"].format(path=path, code=agency_code)) from exc
    except TypeError as exc:  # cryptography: a passphrase missing, or given for a plain key
        cause = "key_not_encrypted" if passphrase else "key_encrypted"
        raise unusable_key(ERRORS[cause].format(path=path, code=agency_code)) from exc
    except ValueError as exc:
        cause = "key_wrong_passphrase" if passphrase and b"ENCRYPTED" in data else "key_unreadable"
        raise unusable_key(ERRORS[cause].format(path=path, code=agency_code)) from exc
    return asn1_keys.PrivateKeyInfo.load(key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))


def _certificate_file(path: Path, agency_code: str) -> list[asn1_x509.Certificate]:
    try:
        return certificates(path)
    except (OSError, ValueError) as exc:
        raise unusable_key(ERRORS["cert_unreadable"].format(path=path, code=agency_code)) from exc


def _pkcs11_signer(agency_code: str, config: Mapping | None) -> Signer:
    import pkcs11
    from pyhanko.sign.pkcs11 import PKCS11Signer

    from . import device

    library, token, pin = settings.pkcs11(config)
    try:
        session = device.open_session(library, token, pin, agency_code)
    except pkcs11.PKCS11Error as exc:  # the device itself (not plugged in, out of order)
        raise device.device_error(exc, token, agency_code) from exc
    try:
        key = device.signing_key(session, agency_code, pin is not None)
        cert = cert_path(settings.keys_dir(config), agency_code)
        on_token = ERRORS["on_token"].format(token=session.token.label)
        certificate = _certificate_file(cert, agency_code)[0] if cert.exists() else device.certificate(session, agency_code)
        if certificate is None:
            raise unusable_key(ERRORS["pkcs11_no_cert"].format(code=agency_code, cert=cert, token=session.token.label))
        _same_kind(device.key_algorithm(key), certificate, agency_code, str(cert) if cert.exists() else on_token)
        signer = PKCS11Signer(session, cert_label=agency_code, key_label=agency_code, signing_cert=certificate,
                              ca_chain=_chain(agency_code, config), use_raw_mechanism=device.needs_raw_mechanism(key))
        signer.signing_cert  # pyHanko looks the key up on first use: here, where its errors are caught
        return signer
    except pkcs11.PKCS11Error as exc:
        _close(session)
        raise device.device_error(exc, token, agency_code) from exc
    except BaseException:
        _close(session)
        raise


def _certificates(path: Path) -> list[asn1_x509.Certificate]:
    return list(load_certs_from_pemder([str(path)]))


def certificates(path: Path) -> list[asn1_x509.Certificate]:
    """The certificates of a PEM or DER file (ValueError or OSError when it has none readable)."""
    found = _certificates(path)
    if not found:
        raise ValueError(str(path))
    return found
