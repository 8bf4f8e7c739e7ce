"""What of a text can be seen: a required text of spaces and characters that show nothing (zero
width spaces, joiners, direction marks, the Hangul and Braille blanks a keyboard trick types) is
empty, for the portal's forms, the API and the withdrawal reason alike."""
from __future__ import annotations

import re
import unicodedata

# Letters that draw as blanks, though Unicode does not class them as spaces or format characters.
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")
# Direction overrides and isolates turn the text around on screen (a name shown reversed): never
# needed in Vietnamese, removed wherever they stand.
DIRECTION_CONTROLS = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


def invisible(char: str) -> bool:
    return char.isspace() or char in _FILLERS or unicodedata.category(char) in ("Cf", "Zs", "Zl", "Zp", "Cc")


def visible(text: str) -> str:
    """`text` without direction controls anywhere, and without what shows nothing at its ends."""
    return trimmed(DIRECTION_CONTROLS.sub("", text))


def trimmed(text: str) -> str:
    """`text` without what shows nothing at either end."""
    start, end = 0, len(text)
    while start < end and invisible(text[start]):
        start += 1
    while end > start and invisible(text[end - 1]):
        end -= 1
    return text[start:end]
