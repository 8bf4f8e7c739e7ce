"""Folding Vietnamese text: "Cấp bản sao" and "cap ban sao" meet as "cap ban sao", "Đặng Văn Ân"
as "dang van an". The app's searches and the diagram checks' did-you-mean both read names this way."""
from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text or "").replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return " ".join(text.casefold().split())
