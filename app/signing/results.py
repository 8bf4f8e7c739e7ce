"""Where the verification page finds a stored signed document by its code: a result, or the
receipt of a fee (with what the system recorded for it)."""
from __future__ import annotations

import hashlib
from datetime import datetime


def find_result_pdf(code: str) -> bytes | None:
    """The signed PDF of the result (`<dossier code>-KQ<n>`) or receipt (`-BL<n>`, or `BL-...`
    before the dossier had its code) with this code, or None when there is none."""
    from ..dossiers.results import find_pdf  # the dossiers module keeps results
    from ..payments.receipts import find_pdf as find_receipt
    return find_pdf(code) or find_receipt(code)


def is_receipt(code: str) -> bool:
    """Whether the code is shaped as a receipt's (else it is a result's)."""
    from ..payments.receipts import is_receipt_code
    return is_receipt_code(code)


def find_receipt(code: str, key: str) -> dict | None:
    """What the system recorded for the receipt with this code (dossier, procedure, amount, when
    and how paid, the payer's name partly masked), when `key` is the key its QR code carries;
    None otherwise."""
    from ..payments.receipts import recorded
    return recorded(code, key)


def find_result_content(code: str, key: str) -> dict | None:
    """What the system recorded for the result with this code, when `key` is the key its QR code
    carries; None otherwise (a code typed by hand, a receipt, an unknown code)."""
    from ..dossiers.result_keys import recorded
    return recorded(code, key)


def issued_at(pdf: bytes) -> datetime | None:
    """When the system signed the result or receipt stored with exactly these bytes; None for a
    file it did not issue (or one changed since, even by a byte)."""
    from ..dossiers.results import signed_at_of
    from ..payments.receipts import signed_at_of as receipt_signed_at
    digest = hashlib.sha256(pdf).hexdigest()
    return signed_at_of(digest) or receipt_signed_at(digest)
