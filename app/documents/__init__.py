"""Printable documents of the one-stop system, as PDF bytes from plain data (no Flask, no models).

Circular 01/2018/TT-VPCP Mẫu 01-06, the electronic result and its paper conversion (Bình Định 2020
"Biểu mẫu"), the receipt for fees paid (Decree 123/2020); each carries a QR code to the public
lookup or verification page given in its data.
"""
from .amount_words import amount_digits, amount_in_words
from .data import (Agency, Apology, Applicant, Component, ControlSlip, Duration, FeeReceipt, Handoff, MissingItem,
                   PaperResult, Party, Receipt, Refusal, Register, RegisterRow, ResultContent, ResultDocument,
                   Signer, StopNotice, SupplementRequest, result_code)
from .processing import apology_pdf, control_slip_pdf, stop_notice_pdf
from .receipt import fee_receipt_pdf
from .reception import receipt_pdf, refusal_pdf, supplement_request_pdf
from .register import register_pdf
from .results import paper_result_pdf, result_pdf
from .scan import ScanFacts, image_pdf, with_verification_page

__all__ = [
    "Agency", "Apology", "Applicant", "Component", "ControlSlip", "Duration", "FeeReceipt", "Handoff", "MissingItem",
    "PaperResult", "Party", "Receipt", "Refusal", "Register", "RegisterRow", "ResultContent", "ResultDocument",
    "Signer", "StopNotice", "SupplementRequest", "result_code", "stop_notice_pdf",
    "receipt_pdf", "supplement_request_pdf", "refusal_pdf", "apology_pdf", "control_slip_pdf", "register_pdf",
    "paper_result_pdf", "result_pdf", "image_pdf", "ScanFacts", "with_verification_page", "fee_receipt_pdf", "amount_digits", "amount_in_words",
]
