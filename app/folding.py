"""Folding Vietnamese text for search (engine/folding.py): "Cấp bản sao" and "cap ban sao" meet
as "cap ban sao", and "Đặng Văn Ân" is found by "dang van an"."""
from __future__ import annotations

from engine.folding import fold

__all__ = ["fold"]
