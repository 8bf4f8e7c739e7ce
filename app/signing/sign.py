"""Signing an electronic result: a PAdES baseline (B-B) signature in an invisible field, made
with the agency's key (backends.py), the certificate chain embedded, and nothing fetched from the
network: no timestamp server, no OCSP or CRL."""
from __future__ import annotations

import logging
from datetime import datetime, timezone
from io import BytesIO
from typing import Mapping

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import SigSeedSubFilter, enumerate_sig_fields
from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner
from pyhanko.sign.validation.generic_cms import validate_sig_integrity

from .backends import SigningUnavailable, open_signer
from .identity import check_signer
from .loop import outside_event_loop
from .messages import ERRORS

logger = logging.getLogger(__name__)
FIELD_PREFIX = "ChuKySo"


class SigningFailed(Exception):
    """The document could not be signed; str(exc) says why, in Vietnamese."""


class _TimedPdfSigner(PdfSigner):
    """PdfSigner with the signing time (/M of the signature dictionary, which PAdES uses instead
    of the CMS signing-time attribute) taken from the app's clock rather than the wall clock.
    pyHanko reads the session's `system_time` only after the session is set up."""

    def __init__(self, *args, at: datetime | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._at = at

    def init_signing_session(self, pdf_out, existing_fields_only=False):
        session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
        if self._at is not None:
            session.system_time = self._at
        return session


def sign_pdf(pdf: bytes, agency_code: str, signer_name: str, reason: str, location: str,
             config: Mapping | None, at: datetime | None = None) -> bytes:
    """`pdf` with one more signature, by `agency_code`'s key: /Name `signer_name` (the person
    who signs for the agency), /Reason, /Location, signed at `at` (default: now). Earlier
    signatures stay valid: the signature is an incremental update."""
    return outside_event_loop(_sign_pdf, pdf, agency_code, signer_name, reason, location, config, at)


def _sign_pdf(pdf: bytes, agency_code: str, signer_name: str, reason: str, location: str,
              config: Mapping | None, at: datetime | None) -> bytes:
    if at is not None and at.utcoffset() is None:
        raise ValueError(ERRORS["naive_time"])
    try:  # an uploaded scan (digitising) may be damaged or locked: said so, not a crash
        writer = IncrementalPdfFileWriter(BytesIO(pdf))
        if writer.prev.encrypted:
            raise ValueError("encrypted")
        field_name = _free_field_name(writer)
    except Exception as exc:
        logger.info("unreadable PDF to sign", exc_info=exc)
        raise SigningFailed(ERRORS["unreadable_pdf"]) from exc
    metadata = PdfSignatureMetadata(
        field_name=field_name, name=signer_name, reason=reason, location=location,
        subfilter=SigSeedSubFilter.PADES, md_algorithm="sha256")
    when = at or datetime.now(timezone.utc)
    with open_signer(agency_code, config) as signer:
        _check_validity(signer.signing_cert, agency_code, when)
        check_signer(signer, agency_code, config, when)
        try:
            signed = _TimedPdfSigner(metadata, signer, at=at).sign_pdf(writer).getvalue()
        except Exception as exc:  # a device or key error surfaces only while signing
            logger.exception("signing for %s failed", agency_code)
            raise SigningFailed(ERRORS["signing_failed"].format(code=agency_code)) from exc
    _check_signed(signed, agency_code)
    return signed


def _check_signed(pdf: bytes, agency_code: str) -> None:
    """The new signature verifies over the bytes about to be stored and handed out: cheap
    insurance against whatever the checks before signing did not foresee."""
    try:
        signature = PdfFileReader(BytesIO(pdf)).embedded_signatures[-1]
        intact, valid = validate_sig_integrity(signature.signer_info, signature.signer_cert, "data",
                                               signature.compute_digest())
    except Exception as exc:  # unreadable is no better than invalid here
        logger.error("the signature just made for %s cannot be read back: %s", agency_code, exc)
        intact = valid = False
    if not (intact and valid):
        logger.error("the signature just made for %s does not verify (intact=%s, valid=%s)", agency_code, intact, valid)
        raise SigningFailed(ERRORS["signature_not_valid"].format(code=agency_code))


def _check_validity(certificate, agency_code: str, at: datetime) -> None:
    """A signature made outside its certificate's validity would never verify: refuse it, with
    the reason, rather than hand the citizen a result nobody can trust."""
    if certificate is None:
        return
    if at > certificate.not_valid_after:
        raise SigningUnavailable(ERRORS["cert_expired"].format(
            code=agency_code, until=certificate.not_valid_after.strftime("%d/%m/%Y")))
    if at < certificate.not_valid_before:
        raise SigningUnavailable(ERRORS["cert_not_yet_valid"].format(
            code=agency_code, since=certificate.not_valid_before.strftime("%d/%m/%Y")))


def _free_field_name(writer: IncrementalPdfFileWriter) -> str:
    taken = {name for name, _, _ in enumerate_sig_fields(writer.prev)}
    number = len(taken) + 1
    while f"{FIELD_PREFIX}{number}" in taken:
        number += 1
    return f"{FIELD_PREFIX}{number}"
