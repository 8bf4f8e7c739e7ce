"""Verifying the signatures in a PDF: is each one intact, does its certificate chain to our
root, who signed and when, and was the file changed after signing. Used by the public
verification page and at reception (an uploaded certified copy or earlier result).

Untrusted input: the size is bounded, the type is read from the content, and whatever a broken
file makes pyHanko raise becomes a VerificationError with a Vietnamese message, unless the raw
bytes still hold a signature (raw.py) that shows the file was changed after signing. Nothing is
fetched from the network (no OCSP, no CRL): revocation is checked only when the file carries it."""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime
from io import BytesIO
from typing import Mapping

from pyhanko.pdf_utils.crypt import AuthStatus
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESIndeterminate
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel

from ..files.sniff import PDF, detect
from ..files.uploads import megabytes
from . import quiet, raw, revisions, settings, trust
from .backends import trust_roots
from .loop import outside_event_loop
from .messages import CERTIFICATES, VERIFY

logger = logging.getLogger(__name__)
quiet.install()
PDF_START = b"%PDF-"
LEGITIMATE_UPDATES = ("none", "lta_updates", "form_filling")
TRAILING_SPACE = b" \t\r\n\x00\x0c"  # PDF white-space characters (ISO 32000-1, 7.2.2)
SALVAGEABLE = ("not_pdf", "damaged", "broken_signature")  # what a changed byte can make pyHanko say


class VerificationError(Exception):
    """The file cannot be checked at all; `message` says why, in Vietnamese; `reason` is one
    of empty, too_large, not_pdf, damaged, encrypted, broken_signature."""

    def __init__(self, reason: str, message: str | None = None):
        self.reason = reason
        self.message = message or VERIFY[reason]
        super().__init__(self.message)


TEST_ROOT = CERTIFICATES["root_common_name"].split("{", 1)[0]  # "CA thử nghiệm - ": the demo's root


@dataclass(frozen=True)
class SignatureReport:
    field_name: str
    valid: bool                      # intact, cryptographically sound and trusted
    intact: bool                     # the digest of the signed bytes matches
    trusted: bool                    # the certificate chains to our root and was valid
    signer: str                      # "<common name> (<organisation>)" of the certificate
    signer_common_name: str | None
    signer_organisation: str | None
    signer_code: str | None          # organizationIdentifier: the agency's identifier code
    signer_name: str | None          # /Name: the person who signed for the agency
    signed_at: datetime | None       # as the signer reports it (aware)
    reason: str | None
    location: str | None
    modified_after_signing: bool     # anything beyond the signed revision
    modification: str                # what came after: none, lta_updates, form_filling (another
                                     # signature, a form field), unsigned_fields (form filling no
                                     # later signature covers), annotations, other, partial
    coverage: str                    # the same, described in Vietnamese
    summary: str                     # the verdict in one Vietnamese sentence
    test_certificate: bool = False   # issued under the root `motcua keys init` makes (no legal value)
    trust_problem: str | None = None  # why an intact signature is not trusted (VERIFY["untrusted_reasons"])
    recorded_at: datetime | None = None  # judged at this instant, when the system recorded signing it (issued.py)

    @property
    def document_ok(self) -> bool:
        """Valid, and nothing added after it but further signatures or signature upkeep
        (timestamps, validation data): what a reader may rely on as the signed document."""
        return self.valid and self.modification in LEGITIMATE_UPDATES


def verify_pdf(pdf: bytes, config: Mapping | None, at: datetime | None = None) -> list[SignatureReport]:
    """One report per signature, in signing order; [] when the PDF has none. `at`: the instant
    the certificates are checked at (the app's clock; default now)."""
    return outside_event_loop(_verify_pdf, pdf, config, at)


def _verify_pdf(pdf: bytes, config: Mapping | None, at: datetime | None) -> list[SignatureReport]:
    with quiet.verifying():
        try:
            reports = _verified(pdf, config, at)
        except VerificationError as exc:
            logger.info("verified a file of %d bytes: %s", len(pdf or b""), exc.reason)
            raise
    logger.info("verified a file of %d bytes: %s", len(pdf or b""), ", ".join(
        "valid" if r.document_ok else r.modification if r.valid else "untrusted" if r.intact else "altered"
        for r in reports) or "no signature")
    return reports


def _verified(pdf: bytes, config: Mapping | None, at: datetime | None) -> list[SignatureReport]:
    data = _bounded(pdf, config)
    try:
        reports = _verify_readable(data, config, at)
    except VerificationError as exc:
        reports = _salvaged(data, config, at) if exc.reason in SALVAGEABLE else []
        if not reports:
            raise
        return reports
    # A changed byte can also hide a signature from pyHanko (its /Type, the form's list of fields).
    return reports or _salvaged(data, config, at)


def _verify_readable(data: bytes, config: Mapping | None, at: datetime | None) -> list[SignatureReport]:
    reader = _reader(_checked_type(data))
    cut = revisions.checked_length(reader, data)
    if cut is not None:
        reader = _reader(data[:cut])
    try:
        signatures = [s for s in reader.embedded_signatures if s.sig_object_type == "/Sig"]
    except Exception as exc:
        logger.debug("unreadable signature fields", exc_info=exc)
        raise VerificationError("broken_signature") from exc
    unchecked = cut is not None or len(signatures) > revisions.MAX_SIGNATURES
    roots = trust_roots(config)
    reports = []
    for signature in signatures[:revisions.MAX_SIGNATURES]:
        try:
            status = validate_pdf_signature(signature, trust.context(roots, at), key_usage_settings=trust.KEY_USAGE)
            reports.append(_report(status, signature.field_name, signature.sig_object,
                                   _only_space_after(data, signature.sig_object, status)))
        except Exception as exc:  # a malformed /Contents, /ByteRange, CMS structure...
            logger.debug("unreadable signature %s", getattr(signature, "field_name", "?"), exc_info=exc)
            raise VerificationError("broken_signature") from exc
    reports = _unsigned_additions(reports)
    return [_followed_by_unchecked(report, len(reports)) for report in reports] if unchecked else reports


def _followed_by_unchecked(report: SignatureReport, checked: int) -> SignatureReport:
    """A report of a file checked only in part: whatever came after the part checked (more
    signatures, more changes) is vouched for by nobody, so no signature covers the document."""
    if report.modification not in LEGITIMATE_UPDATES:
        return report  # already not the document as signed, and said why
    coverage = VERIFY["coverage"]["unchecked"].format(limit=checked)
    return replace(report, modified_after_signing=True, modification="unchecked", coverage=coverage,
                   summary=_extended(report.signer, coverage) if report.valid else report.summary)


def _salvaged(data: bytes, config: Mapping | None, at: datetime | None) -> list[SignatureReport]:
    """What the signatures pyHanko cannot read in a file prove: garbage in the unused padding of a
    signature is harmless (the file is checked again without it); a changed header or trailer is a
    change of the signed bytes, reported as such with who signed. [] when nothing is proved."""
    found = raw.find_signatures(data)
    cleaned = raw.without_padding_garbage(data, found)
    if cleaned != data:
        try:
            reports = _verify_readable(cleaned, config, at)
        except VerificationError:
            reports = None
        # Each signature pyHanko checked was located, so none of them signed the cleaned bytes.
        if reports is not None and len(reports) == len(found):
            return reports
    roots = trust_roots(config)
    reports = []
    for signature in found:
        try:
            status = raw.validate(data, signature, trust.context(roots, at))
        except Exception as exc:  # a CMS that does not parse proves nothing
            logger.debug("unreadable raw signature %s", signature.byte_range, exc_info=exc)
            continue
        # No field name nor signature dictionary: a broken file's /Name, /M, /Reason are unproven.
        reports.append(_report(status, "", {}))
    # Signed bytes all intact and covering the file, yet unreadable: no change to report.
    return reports if any(report.modified_after_signing for report in reports) else []


def _unsigned_additions(reports: list[SignatureReport]) -> list[SignatureReport]:
    """pyHanko counts a new signature field, whatever appearance it draws over the page, as form
    filling, like a later signature: an addition stands only when a later valid signature
    covers it (someone trusted signed the file with it); else the page may show what nobody signed."""
    checked = []
    for n, report in enumerate(reports):
        covered = any(later.valid and later.modification in ("none", "lta_updates") for later in reports[n + 1:])
        if report.modification == "form_filling" and not covered:
            coverage = VERIFY["coverage"]["unsigned_fields"]
            report = replace(report, modification="unsigned_fields", coverage=coverage,
                             summary=_extended(report.signer, coverage) if report.valid else report.summary)
        checked.append(report)
    return checked


def _bounded(pdf: bytes, config: Mapping | None) -> bytes:
    data = bytes(pdf or b"")
    limit = settings.verify_max_bytes(config)
    if not data:
        raise VerificationError("empty")
    if len(data) > limit:
        raise VerificationError("too_large", VERIFY["too_large"].format(limit=megabytes(limit)))
    return data


def _checked_type(data: bytes) -> bytes:
    if detect(data) != PDF:
        # A PDF header without the end markers is a PDF cut short, not another kind of file.
        raise VerificationError("damaged" if data.startswith(PDF_START) else "not_pdf")
    return data


def _reader(data: bytes) -> PdfFileReader:
    try:
        reader = PdfFileReader(BytesIO(data))
    except Exception:
        # What common tools write slightly off the standard (Pillow's xref entry of generation
        # 65536) poppler and Acrobat read; so does the lenient reader. Only what it cannot read is damaged.
        try:
            reader = PdfFileReader(BytesIO(data), strict=False)
        except Exception as exc:
            logger.debug("unreadable PDF", exc_info=exc)
            raise VerificationError("damaged") from exc
    if reader.encrypted:
        # A file with only an owner password opens with the empty user password.
        try:
            opened = reader.decrypt(b"").status != AuthStatus.FAILED
        except Exception:
            opened = False
        if not opened:
            raise VerificationError("encrypted")
    try:
        reader.root  # a broken catalogue fails here, not halfway through the checks
    except Exception as exc:
        logger.debug("unreadable PDF catalogue", exc_info=exc)
        raise VerificationError("damaged") from exc
    return reader


def _only_space_after(data: bytes, sig: Mapping, status: PdfSignatureStatus) -> bool:
    """Nothing but line ends or spaces after the signed bytes, and no revision there: what a
    transfer or an editor adds to a file's end (readers ignore it), not a change of the document."""
    if not (status.intact and status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
            and status.modification_level == ModificationLevel.NONE):
        return False
    try:
        *_, second, second_length = (int(n) for n in sig["/ByteRange"])
    except (KeyError, TypeError, ValueError):
        return False
    return not data[second + second_length:].strip(TRAILING_SPACE)


def _report(status: PdfSignatureStatus, field_name: str, sig: Mapping, only_space_after: bool = False) -> SignatureReport:
    subject = status.signing_cert.subject.native
    common_name, organisation = _text(subject.get("common_name")), _text(subject.get("organization_name"))
    signer = common_name or organisation or VERIFY["unknown_signer"]
    if common_name and organisation and organisation != common_name:
        signer = f"{common_name} ({organisation})"
    # Bytes changed inside what was signed: the file was changed, whatever the coverage says.
    modified = not status.intact or status.coverage != SignatureCoverageLevel.ENTIRE_FILE and not only_space_after
    modification = "none" if only_space_after else _modification(status)
    coverage = VERIFY["coverage"]["trailing_space" if only_space_after else modification]
    trusted = bool(status.trusted) and not trust.is_ca(status.signing_cert)
    valid = bool(status.intact and status.valid and trusted)
    problem = _trust_problem(status) if status.intact and status.valid and not trusted else None
    return SignatureReport(
        field_name=field_name, valid=valid, intact=bool(status.intact), trusted=trusted,
        signer=signer, signer_common_name=common_name, signer_organisation=organisation,
        signer_code=_text(subject.get("organization_identifier")),
        signer_name=_entry(sig, "/Name"), signed_at=status.signer_reported_dt,
        reason=_entry(sig, "/Reason"), location=_entry(sig, "/Location"),
        modified_after_signing=modified, modification=modification, coverage=coverage,
        summary=_summary(status, problem, signer, modified, coverage), trust_problem=problem,
        # Only a certificate that chains to our root is ours: a look-alike root's name proves nothing.
        test_certificate=trusted and _text(
            status.signing_cert.issuer.native.get("common_name") or "").startswith(TEST_ROOT))


def _modification(status: PdfSignatureStatus) -> str:
    if not status.intact:
        return "altered"
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return "none"
    if status.coverage != SignatureCoverageLevel.ENTIRE_REVISION:
        return "partial"
    return {ModificationLevel.LTA_UPDATES: "lta_updates", ModificationLevel.FORM_FILLING: "form_filling",
            ModificationLevel.ANNOTATIONS: "annotations"}.get(status.modification_level, "other")


def _summary(status: PdfSignatureStatus, problem: str | None, signer: str, modified: bool, coverage: str) -> str:
    if not status.intact:
        return VERIFY["not_intact"]
    if not status.valid:
        return VERIFY["bad_crypto"]
    if problem:
        return VERIFY["untrusted"].format(signer=signer, reason=VERIFY["untrusted_reasons"][problem])
    if not modified:
        return VERIFY["valid"].format(signer=signer)
    return _extended(signer, coverage)


def _extended(signer: str, coverage: str) -> str:
    """The verdict of a valid signature followed by more: what came after, in the sentence."""
    return VERIFY["valid_extended"].format(signer=signer, coverage=coverage[0].lower() + coverage[1:])


def _trust_problem(status: PdfSignatureStatus) -> str:
    problem = status.trust_problem_indic
    if status.revoked or problem in (AdESIndeterminate.REVOKED_NO_POE, AdESIndeterminate.REVOKED_CA_NO_POE):
        return "revoked"
    if trust.is_ca(status.signing_cert):  # whether it chains to our root or not (a root signing itself)
        return "ca_signer"
    if problem == AdESIndeterminate.CHAIN_CONSTRAINTS_FAILURE:
        # certvalidator reports a self-signed certificate (its own issuer: nobody vouches for
        # it) the same way as a certificate without the signing key usages.
        return "usage" if status.signing_cert.self_signed == "no" else "unknown_issuer"
    return {AdESIndeterminate.NO_CERTIFICATE_CHAIN_FOUND: "unknown_issuer",
            AdESIndeterminate.OUT_OF_BOUNDS_NO_POE: "expired"}.get(problem, "other")


def _entry(sig: Mapping, key: str) -> str | None:
    """A text entry of the signature dictionary: in an encrypted file it comes as a proxy to be
    decrypted (or an indirect object); anything that is not text then is left out, never shown
    as Python's description of an object."""
    value = sig.get(key)
    try:
        value = value.get_object() if hasattr(value, "get_object") else value
    except Exception:  # a reference to nothing, a string the file's key does not decrypt
        return None
    return _text(value) if isinstance(value, str) else None


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):  # a name attribute given more than once
        value = ", ".join(str(v) for v in value)
    text = str(value).strip()
    return text or None
