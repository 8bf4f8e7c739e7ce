"""The real type of an uploaded file, from its content: never the name or the browser's word.
Only the formats a dossier accepts are recognised, and only when the whole file looks like one
(start and end), so an executable renamed .pdf, an HTML page renamed .png, or a PDF with a zip
or a web page stuck to it is None."""
from __future__ import annotations

import io
import re
import zipfile

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
KNOWN = (PDF, JPEG, PNG)
EXTENSIONS = {PDF: (".pdf",), JPEG: (".jpg", ".jpeg"), PNG: (".png",)}  # the first is the one given

_EDGE = 1024  # how much of the start and of the end is read for the markers
_PDF_HEADER = re.compile(rb"%PDF-[12]\.[0-9]")
_JPEG_START = b"\xff\xd8\xff"
_JPEG_SEGMENTS = set(range(0xE0, 0xF0)) | {0xC0, 0xC1, 0xC2, 0xC4, 0xDB, 0xDD, 0xFE}  # APPn, frame, tables, comment
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_IHDR = b"\x00\x00\x00\x0dIHDR"
_PNG_IEND = b"\x00\x00\x00\x00IEND\xaeB`\x82"  # the same 12 bytes in every PNG
# A browser shown such a file as a page would run it; a real document never starts or ends so.
_MARKUP = re.compile(rb"<\s*(?:!doctype|html|head|body|script|iframe|svg|object|embed)\b", re.IGNORECASE)


def detect(data: bytes) -> str | None:
    data = bytes(data)
    head, tail = data[:_EDGE], data[-_EDGE:]
    if _MARKUP.search(head) or _MARKUP.search(tail):
        return None
    # A zip is read from its end record, which may stand up to 64 KB before the end (its comment
    # can end in a PDF's or a JPEG's own ending): what a zip reader opens is no document.
    if zipfile.is_zipfile(io.BytesIO(data)):
        return None
    if _PDF_HEADER.match(data) and b"%%EOF" in tail and b"startxref" in tail:
        return PDF
    if data.startswith(_JPEG_START) and len(data) > 4 and data[3] in _JPEG_SEGMENTS \
            and data.rstrip(b"\x00\r\n").endswith(b"\xff\xd9"):
        return JPEG
    if data.startswith(_PNG_SIGNATURE + _PNG_IHDR) and data.endswith(_PNG_IEND):
        return PNG
    return None
