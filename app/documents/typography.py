"""The typeface and paragraph styles of every document.

Liberation Serif 2 (SIL OFL 1.1, files and licence in `fonts/`) has the metrics of Times New
Roman, the face Decree 30/2020 prescribes for administrative documents, and every Vietnamese
glyph; it ships inside the package, so nothing has to be installed or downloaded.
"""
from __future__ import annotations

import functools
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD, ITALIC = "MotCuaSerif", "MotCuaSerif-Bold", "MotCuaSerif-Italic"
_FILES = {REGULAR: "LiberationSerif-Regular.ttf", BOLD: "LiberationSerif-Bold.ttf",
          ITALIC: "LiberationSerif-Italic.ttf"}

BODY_SIZE = 12.5
TABLE_SIZE = 11


@functools.cache
def register_fonts() -> str:
    """Registers the family once per process (reportlab keeps a global registry); returns its name."""
    for name, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
    # No bold italic file: bold stands in, which keeps <b><i> legible.
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD)
    return REGULAR


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.3,
                          alignment=TA_JUSTIFY, spaceAfter=3)
    cell = ParagraphStyle("cell", parent=body, fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.2,
                          alignment=TA_LEFT, spaceAfter=0)
    small = ParagraphStyle("small", parent=cell, fontSize=9, leading=11)
    return {
        "body": body,
        "indent": ParagraphStyle("indent", parent=body, leftIndent=14),
        # Decree 30: a paragraph's first line is indented 1-1.27 cm
        "paragraph": ParagraphStyle("paragraph", parent=body, firstLineIndent=10 * mm, spaceAfter=4),
        "left": ParagraphStyle("left", parent=body, alignment=TA_LEFT),
        "center": ParagraphStyle("center", parent=body, alignment=TA_CENTER, spaceAfter=0),
        "center_bold": ParagraphStyle("center_bold", parent=body, fontName=BOLD, alignment=TA_CENTER,
                                      spaceAfter=0),
        "center_italic": ParagraphStyle("center_italic", parent=body, fontName=ITALIC,
                                        alignment=TA_CENTER, spaceAfter=0),
        "header": ParagraphStyle("header", parent=body, fontSize=12, leading=14.5, alignment=TA_CENTER,
                                 spaceAfter=0),
        "header_bold": ParagraphStyle("header_bold", parent=body, fontName=BOLD, fontSize=12, leading=14.5,
                                      alignment=TA_CENTER, spaceAfter=0),
        "motto": ParagraphStyle("motto", parent=body, fontName=BOLD, fontSize=13, leading=15.5,
                                alignment=TA_CENTER, spaceAfter=0),
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=14, leading=17.5,
                                alignment=TA_CENTER, spaceBefore=10, spaceAfter=2),
        "section": ParagraphStyle("section", parent=body, fontName=BOLD, alignment=TA_LEFT,
                                  spaceBefore=6),
        "cell": cell,
        "cell_center": ParagraphStyle("cell_center", parent=cell, alignment=TA_CENTER),
        "cell_head": ParagraphStyle("cell_head", parent=cell, fontName=BOLD, alignment=TA_CENTER),
        "small": small,
        "small_center": ParagraphStyle("small_center", parent=small, alignment=TA_CENTER),
        "small_head": ParagraphStyle("small_head", parent=small, fontName=BOLD, alignment=TA_CENTER),
        "code": ParagraphStyle("code", parent=small, fontSize=8, leading=10),
        "note": ParagraphStyle("note", parent=body, fontName=ITALIC, fontSize=10.5, leading=13, alignment=TA_LEFT),
        # A document not issued yet (the leader's preview): said before anything else, boxed in red.
        "draft": ParagraphStyle("draft", parent=body, fontName=BOLD, fontSize=11, leading=14, alignment=TA_CENTER,
                                textColor=colors.HexColor("#a50e0e"), borderColor=colors.HexColor("#a50e0e"),
                                borderWidth=1, borderPadding=4, spaceAfter=10),
    }


def text_width(text: str, font: str, size: float) -> float:
    register_fonts()
    return pdfmetrics.stringWidth(text, font, size)
