"""The real type of an uploaded file, from its content: never the name or the browser's word.
Only the formats a dossier accepts are recognised; anything else (an executable renamed
.pdf, an HTML page renamed .png) is None."""
from __future__ import annotations

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def detect(data: bytes) -> str | None:
    if data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]:
        return PDF
    if data.startswith(b"\xff\xd8\xff") and data.rstrip(b"\x00\r\n").endswith(b"\xff\xd9"):
        return JPEG
    if data.startswith(_PNG_SIGNATURE) and data[12:16] == b"IHDR" and b"IEND" in data[-16:]:
        return PNG
    return None
