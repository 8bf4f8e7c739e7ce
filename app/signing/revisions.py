"""How much of a file verification reads: pyHanko checks what was added after each signature
against every later revision, so its cost grows faster than the square of the revisions (120
signatures in 1 MB took minutes). A file with more is checked only up to its first revisions and
first signatures; what comes after is said to be unchecked, never vouched for."""
from __future__ import annotations

from pyhanko.pdf_utils.reader import PdfFileReader

MAX_SIGNATURES = 16  # every one is checked against what follows it, up to the whole file
# The unsigned original, then one revision per signature.
MAX_REVISIONS = MAX_SIGNATURES + 1
_EOF = b"%%EOF"


def checked_length(reader: PdfFileReader, data: bytes) -> int | None:
    """Where the first MAX_REVISIONS revisions of `data` end (its end-of-file marker), or None
    when the file has no more revisions than that."""
    if reader.xrefs.total_revisions <= MAX_REVISIONS:
        return None
    last = reader.xrefs.get_xref_container_info(MAX_REVISIONS - 1).end_location
    end = data.find(_EOF, last)
    if end < 0:
        return None  # no marker to cut at: the whole file is read, and found broken
    end += len(_EOF)
    return end + (2 if data[end:end + 2] == b"\r\n" else 1 if data[end:end + 1] in (b"\r", b"\n") else 0)
