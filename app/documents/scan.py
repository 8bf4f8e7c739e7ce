"""A scanned page (JPEG or PNG) as a one-page PDF, so a digitised paper result can carry a PDF
signature like every electronic result."""
from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from .messages import COMMON
from .qr import QRCode
from .text import clean

MARGIN = 10 * mm
QR_SIZE = 22 * mm


def image_pdf(image: bytes, title: str, verify_url: str, author: str = "") -> bytes:
    """The image scaled to fit an A4 page above a strip holding the QR code of the
    verification page (kept upright, never enlarged beyond the page)."""
    reader = ImageReader(io.BytesIO(image))
    width, height = reader.getSize()
    page_width, page_height = A4
    strip = QR_SIZE + MARGIN
    scale = min((page_width - 2 * MARGIN) / width, (page_height - 2 * MARGIN - strip) / height)
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4, invariant=1)
    page.setTitle(clean(title))
    page.setSubject(clean(title))
    page.setAuthor(clean(author))  # else reportlab writes "anonymous"
    page.setCreator(COMMON["creator"])
    drawn_width, drawn_height = width * scale, height * scale
    page.drawImage(reader, (page_width - drawn_width) / 2, MARGIN + strip + (page_height - 2 * MARGIN - strip
                                                                              - drawn_height) / 2,
                   drawn_width, drawn_height)
    code = QRCode(verify_url, QR_SIZE)
    code.wrapOn(page, QR_SIZE, QR_SIZE)
    code.drawOn(page, MARGIN, MARGIN)
    page.showPage()
    page.save()
    return out.getvalue()
