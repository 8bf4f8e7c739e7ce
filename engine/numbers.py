"""Numbers as Vietnamese readers write them: thousands grouped with dots (8.000, 1.050.000)."""
from __future__ import annotations


import math


def whole_dong(value) -> int | None:
    """`value` as a sum of money to ask for (whole đồng, never negative), None when it is none:
    not a number (a text, True), negative, with a fraction, NaN or infinite."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) \
            or (isinstance(value, float) and not math.isfinite(value)) or value < 0 or value != int(value):
        return None
    return int(value)


def grouped(amount: int | float) -> str:
    return f"{int(amount):,}".replace(",", ".")
