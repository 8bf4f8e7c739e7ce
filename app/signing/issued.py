"""Documents the system signed itself (results, fee receipts) stay valid once the signer's
certificate has expired. A digital signature counts when it was made while its certificate was
valid (Nghị định 130/2018/NĐ-CP Điều 9, kept by the decrees after it), and the time a file states
proves nothing; for these files the system's own record does: it stored exactly these bytes,
signed, at that instant. Any other file is judged at the time of checking, as verify.py does."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Mapping

from ..localtime import local_time
from .messages import VERIFY
from .results import issued_at
from .verify import SignatureReport, verify_pdf


def verify_document(pdf: bytes, config: Mapping | None, at: datetime) -> list[SignatureReport]:
    """`verify_pdf` at `at`, except that a signature refused only because its certificate has
    expired since is judged again at the instant the system recorded signing the file, when it
    issued this very file. Raises VerificationError as verify_pdf does."""
    reports = verify_pdf(pdf, config, at)
    if not any(report.trust_problem == "expired" for report in reports):
        return reports
    signed = issued_at(pdf)
    if signed is None or signed > at:
        return reports
    then = verify_pdf(pdf, config, signed)
    if len(then) != len(reports):
        return reports
    return [_recorded(earlier, signed) if report.trust_problem == "expired" and earlier.valid else report
            for report, earlier in zip(reports, then)]


def _recorded(report: SignatureReport, signed: datetime) -> SignatureReport:
    note = VERIFY["expired_since"].format(at=local_time(signed))
    return replace(report, recorded_at=signed, summary=f"{report.summary} {note}")
