"""Before a key signs for an agency (and in `motcua keys status`): the key makes a signature
its certificate's public key verifies, the certificate is the agency's, and it chains to a trust
anchor. Without these, a cert.pem copied over another agency's, or a key replaced in a token,
would sign results nobody can verify, or in another agency's name, and the citizen would get them."""
from __future__ import annotations

import asyncio
import logging
import os
from datetime import datetime
from typing import Mapping

from pyhanko.sign.signers.pdf_cms import Signer
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import PathBuildingError
from pyhanko_certvalidator.sig_validate import DefaultSignatureValidator

from . import settings
from .backends import trust_roots
from .errors import unusable_key
from .keys import cert_path, chain_path
from .loop import outside_event_loop
from .messages import ERRORS

logger = logging.getLogger(__name__)
DIGEST = "sha256"


def check_signer(signer: Signer, agency_code: str, config: Mapping | None, at: datetime) -> None:
    """SigningUnavailable, saying what to put right, unless `signer` can sign for the agency."""
    certificate = signer.signing_cert
    where = _where(signer, agency_code, config)
    _check_key(signer, certificate, agency_code, where)
    _check_named(certificate, agency_code, where)
    # The chain is judged within the certificate's validity: its dates are reported on their own.
    moment = min(max(at, certificate.not_valid_before), certificate.not_valid_after)
    _check_chain(signer, certificate, agency_code, config, moment, where)


def _check_key(signer: Signer, certificate, agency_code: str, where: str) -> None:
    """A test signature: it also proves the device can use its mechanism for this key."""
    data = b"motcua key check " + os.urandom(16)
    try:
        signature = outside_event_loop(_sign_raw, signer, data)
    except Exception as exc:  # a device or key error of any kind: the key cannot sign
        logger.debug("test signature for %s failed", agency_code, exc_info=exc)
        raise unusable_key(ERRORS["cannot_sign"].format(code=agency_code, detail=str(exc) or type(exc).__name__))
    try:
        DefaultSignatureValidator().validate_signature(
            signature, data, certificate.public_key, signer.get_signature_mechanism_for_digest(DIGEST))
    except Exception as exc:  # InvalidSignature, or a key of another type than the certificate's
        raise unusable_key(ERRORS["key_mismatch"].format(code=agency_code, cert=where)) from exc


def _sign_raw(signer: Signer, data: bytes) -> bytes:
    return asyncio.run(signer.async_sign_raw(data, DIGEST))


def _check_named(certificate, agency_code: str, where: str) -> None:
    """The agency's identifier code in organizationIdentifier (as `motcua keys init` writes it),
    or, from a CA that writes it elsewhere, in another attribute of the subject."""
    names = {key: str(value) for key, value in certificate.subject.native.items()}
    named = names.get("organization_identifier")
    if named == agency_code or (named is None and any(agency_code in value for value in names.values())):
        return
    subject = certificate.subject.human_friendly
    if named is not None:
        raise unusable_key(ERRORS["cert_other_agency"].format(code=agency_code, cert=where, subject=subject,
                                                              named=named))
    raise unusable_key(ERRORS["cert_unnamed"].format(code=agency_code, cert=where, subject=subject))


def _check_chain(signer: Signer, certificate, agency_code: str, config: Mapping | None, moment: datetime,
                 where: str) -> None:
    context = ValidationContext(trust_roots=trust_roots(config), other_certs=list(signer.cert_registry),
                                moment=moment, allow_fetching=False, revocation_mode="soft-fail")
    try:
        outside_event_loop(asyncio.run, CertificateValidator(certificate, validation_context=context)
                           .async_validate_path())
    except Exception as exc:  # no path, a broken link, an issuer not allowed to issue
        logger.info("no trusted path for %s's certificate: %s", agency_code, exc)
        # A self-signed certificate that is not itself an anchor has no issuer to look for either.
        no_path = isinstance(exc, PathBuildingError) or certificate.self_signed != "no"
        reason = "no_path" if no_path else "invalid_path"
        raise unusable_key(ERRORS["cert_untrusted"].format(
            code=agency_code, cert=where, chain=chain_path(settings.keys_dir(config), agency_code),
            detail=ERRORS["cert_untrusted_reasons"][reason])) from exc


def _where(signer: Signer, agency_code: str, config: Mapping | None) -> str:
    path = cert_path(settings.keys_dir(config), agency_code)
    session = getattr(signer, "pkcs11_session", None)
    if session is None or path.exists():
        return str(path)
    return ERRORS["on_token"].format(token=session.token.label)
