"""What a public page (anyone with a code: the dossier lookup, a receipt's verification) shows of
a person: enough for the applicant to recognise their own dossier, not enough to list who filed
what by trying codes, which follow a pattern."""
from __future__ import annotations


def masked_name(name: str) -> str:
    """The family name whole, every other word by its first letter ("Nguyễn Văn An" →
    "Nguyễn V** A*")."""
    words = str(name or "").split()
    return " ".join(words[:1] + [w[0] + "*" * (len(w) - 1) for w in words[1:]])
