"""Folding Vietnamese text for search: "Cấp bản sao" and "cap ban sao" meet as "cap ban sao", and
"Đặng Văn Ân" is found by "dang van an"."""
from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text or "").replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return " ".join(text.casefold().split())
