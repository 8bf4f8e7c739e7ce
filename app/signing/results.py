"""Where the verification page finds a stored electronic result by its code."""
from __future__ import annotations


def find_result_pdf(code: str) -> bytes | None:
    """The signed PDF of the result with this code (`<dossier code>-KQ<n>`), or None when there
    is none."""
    from ..dossiers.results import find_pdf  # the dossiers module keeps results
    return find_pdf(code)
