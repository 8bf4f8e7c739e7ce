"""Numbers as Vietnamese readers write them: thousands grouped with dots (8.000, 1.050.000)."""
from __future__ import annotations


def grouped(amount: int | float) -> str:
    return f"{int(amount):,}".replace(",", ".")
