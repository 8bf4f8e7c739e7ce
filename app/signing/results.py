"""Where the verification page finds a stored signed document by its code: a result, or the
receipt of a fee."""
from __future__ import annotations


def find_result_pdf(code: str) -> bytes | None:
    """The signed PDF of the result (`<dossier code>-KQ<n>`) or receipt (`-BL<n>`) with this code,
    or None when there is none."""
    from ..dossiers.results import find_pdf  # the dossiers module keeps results
    from ..payments.receipts import find_pdf as find_receipt
    return find_pdf(code) or find_receipt(code)
