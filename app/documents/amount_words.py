"""Amounts of money as a receipt writes them: digits grouped the Vietnamese way ("1.050.000") and
read aloud in words ("Một triệu không trăm năm mươi nghìn đồng"), as invoices and receipts print
"số tiền bằng chữ" (Decree 123/2020)."""
from __future__ import annotations

from engine.numbers import grouped

from .messages import AMOUNT_WORDS as W

BILLION = 10 ** 9
# the groups below a billion, highest first; a billion and above are read as a count of "tỷ"
_GROUPS = ((10 ** 6, W["million"]), (10 ** 3, W["thousand"]), (1, ""))


def _check(amount) -> int:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"an amount is a whole number of đồng, not {amount!r}")
    if amount < 0:
        raise ValueError(f"an amount cannot be negative: {amount}")
    return amount


def amount_digits(amount: int) -> str:
    """8000 → "8.000": thousands separated by dots."""
    return grouped(_check(amount))


def _units(unit: int, tens: int) -> list[str]:
    """The last digit, which changes its name after "mươi"/"mười": mốt, tư, lăm."""
    if unit == 0:
        return []
    if unit == 1 and tens >= 2:
        return [W["one_after_tens"]]
    if unit == 4 and tens >= 2:
        return [W["four_after_tens"]]
    if unit == 5 and tens >= 1:
        return [W["five_after_ten"]]
    return [W["digits"][unit]]


def _triple(value: int, inner: bool) -> list[str]:
    """0 < value < 1000; `inner` when a higher group precedes it, so its hundreds are always
    read ("một triệu không trăm năm mươi nghìn") and zero tens become "linh"."""
    hundreds, tens, unit = value // 100, value // 10 % 10, value % 10
    words = []
    if hundreds or inner:
        words += [W["digits"][hundreds], W["hundred"]]
    if tens == 0:
        if unit and words:
            words.append(W["zero_tens"])
    elif tens == 1:
        words.append(W["ten"])
    else:
        words += [W["digits"][tens], W["tens"]]
    return words + _units(unit, tens)


def _words(amount: int, inner: bool = False) -> list[str]:
    """0 < amount; groups of zero are left out ("hai triệu không trăm linh năm")."""
    if amount >= BILLION:
        head, rest = divmod(amount, BILLION)
        return _words(head, inner) + [W["billion"]] + (_words(rest, inner=True) if rest else [])
    words = []
    for size, name in _GROUPS:
        group = amount // size % 1000
        if group:
            words += _triple(group, inner) + ([name] if name else [])
            inner = True
    return words


def amount_in_words(amount: int) -> str:
    """8000 → "Tám nghìn đồng"; 0 → "Không đồng". Negative amounts are refused (ValueError)."""
    words = _words(amount) if _check(amount) else [W["digits"][0]]
    text = " ".join(words + [W["currency"]])
    return text[0].upper() + text[1:]
