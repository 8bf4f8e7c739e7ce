"""How a dossier is named on a page: its code, or its number until the desk issues a code."""
from __future__ import annotations

from .messages import LABEL


def dossier_label(code: str | None, number: int, capital: bool = False) -> str:
    if code:
        return code
    text = LABEL["no_code"].format(id=number)
    return text[:1].upper() + text[1:] if capital else text
