"""The parts every document shares: the page, the header with the national motto, the title,
signature blocks, tables and the QR box. Layout after Decree 30/2020 (Appendix I): A4, margins
20-25 mm top and bottom, 30-35 mm left, 15-20 mm right; page numbers from page 2, top centre."""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import (Flowable, HRFlowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

from .messages import COMMON
from .qr import QRCode
from ..clock import now_or_wall
from .text import agency_markup, clean, local, markup, upper
from .typography import BOLD, REGULAR, register_fonts, styles, text_width

PORTRAIT_MARGINS = {"leftMargin": 30 * mm, "rightMargin": 20 * mm, "topMargin": 20 * mm,
                    "bottomMargin": 20 * mm}
LANDSCAPE_MARGINS = {"leftMargin": 20 * mm, "rightMargin": 15 * mm, "topMargin": 20 * mm,
                     "bottomMargin": 15 * mm}
GAP = "&nbsp;" * 8  # between two facts on one line ("Số điện thoại: … Email: …")
# reportlab's Frame pads what it holds by 6 pt on each side (SimpleDocTemplate keeps the default).
FRAME_PADDING = 6
# A row split as the last resort leaves at least this much of itself on the page (two lines).
MIN_ROW_PIECE = 24


def _page(is_landscape: bool) -> tuple[tuple[float, float], dict]:
    return (landscape(A4), LANDSCAPE_MARGINS) if is_landscape else (A4, PORTRAIT_MARGINS)


def frame_width(is_landscape: bool = False) -> float:
    page, margins = _page(is_landscape)
    return page[0] - margins["leftMargin"] - margins["rightMargin"]


def page_room(is_landscape: bool = False) -> float:
    """The height a flowable has at the top of an empty page."""
    page, margins = _page(is_landscape)
    return page[1] - margins["topMargin"] - margins["bottomMargin"] - 2 * FRAME_PADDING


def table_style(commands: list) -> TableStyle:
    """Table commands with our font set for plain-string cells: reportlab's default is Helvetica,
    which lacks Vietnamese and would be referenced, unembedded, even by an empty cell."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR)] + list(commands))


def _page_number(canvas, doc):
    canvas.saveState()
    canvas.setFont(REGULAR, 12)
    canvas.drawCentredString(doc.pagesize[0] / 2, doc.pagesize[1] - 12 * mm, str(canvas.getPageNumber()))
    canvas.restoreState()


def stamp(canvas, made_at: datetime | None) -> None:
    """Dates the PDF (Info CreationDate and ModDate) with the instant it was made, in Vietnam's
    offset; the app's clock when the caller has none. reportlab's `invariant` stays on for what
    it was set for, equal input giving equal bytes (the file id): the date is part of the input."""
    at = local(made_at or now_or_wall())
    hours, minutes = divmod(abs(int(at.utcoffset().total_seconds())) // 60, 60)
    text = at.strftime("D:%Y%m%d%H%M%S") + f"{'-' if at.utcoffset().days < 0 else '+'}{hours:02d}'{minutes:02d}'"
    canvas.setDateFormatter(lambda *_: text)


def build(flowables: list, *, title: str, author: str = "", is_landscape: bool = False,
          made_at: datetime | None = None) -> bytes:
    """The PDF bytes, dated `made_at` (see stamp)."""
    return build_counted(flowables, title=title, author=author, is_landscape=is_landscape, made_at=made_at)[0]


def build_counted(flowables: list, *, title: str, author: str = "", is_landscape: bool = False,
                  made_at: datetime | None = None) -> tuple[bytes, int]:
    """The PDF bytes and how many pages they have (a document that should fit one page tries a
    tighter layout when it does not)."""
    register_fonts()
    buffer = io.BytesIO()
    page, margins = _page(is_landscape)
    doc = SimpleDocTemplate(buffer, pagesize=page, title=clean(title), subject=clean(title), author=clean(author),
                            creator=COMMON["creator"],
                            invariant=1, lang="vi-VN", initialFontName=REGULAR, **margins)
    doc.build(flowables, onFirstPage=lambda canvas, _: stamp(canvas, made_at), onLaterPages=_page_number)
    return buffer.getvalue(), doc.page


def fill(template: str, **values) -> str:
    """A message with user values escaped into it (the message itself is trusted markup)."""
    return template.format(**{key: markup(value) for key, value in values.items()})


def para(text: str, style: str = "body") -> Paragraph:
    """`text` is markup already (from `fill` or `markup`)."""
    return Paragraph(text, styles()[style])


def bold(value) -> str:
    """A user value escaped and in bold, to pass to a message with `fill_raw`."""
    return f"<b>{markup(value)}</b>"


def fill_raw(template: str, **values) -> str:
    """A message filled with values that are markup already (made by `bold` or `markup`)."""
    return template.format(**values)


def _rule(width: float) -> HRFlowable:
    return HRFlowable(width=width, thickness=0.6, color=colors.black, spaceBefore=3, spaceAfter=3,
                      hAlign="CENTER")


def header(agency_name: str, parent: str = "", number: str = "", date_text: str = "",
           is_landscape: bool = False) -> Table:
    """Agency at top left (governing body above it), the motto at top right, each underlined;
    below them the document number on the left and the place-and-date line on the right."""
    width = frame_width(is_landscape)
    left_width, right_width = width * 0.43, width * 0.57
    left = []
    if parent:
        left.append(para(agency_markup(parent), "header"))
    name = upper(agency_name)
    left.append(para(agency_markup(agency_name), "header_bold"))
    # Decree 30: the line under the agency name is a third to a half of the name's length.
    left.append(_rule(min(text_width(name, BOLD, 12), left_width - 12) / 2.5))
    motto_width = text_width(COMMON["motto"], BOLD, 13)
    right = [para(COMMON["country"], "header_bold"), para(COMMON["motto"], "motto"), _rule(motto_width)]
    rows = [[left, right]]
    if number or date_text:
        rows.append([para(fill(COMMON["number"], number=number), "center") if number else "",
                     para(markup(date_text), "center_italic") if date_text else ""])
    table = Table(rows, colWidths=[left_width, right_width])
    table.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return table


def title(text: str, *subtitles: str) -> list:
    """The document's name, bold capitals, centred; subtitles (markup) under it."""
    parts = [para(markup(upper(text)), "title")]
    parts += [para(line, "center") for line in subtitles if line]
    parts.append(Spacer(1, 8))
    return parts


@dataclass(frozen=True)
class Signature:
    """A signature block: capitalised heading lines (authority, title), an italic hint, room to
    sign (by hand, or a PDF signature later), then the signer's name."""
    lines: tuple[str, ...]
    name: str = ""
    hint: str = ""
    room: float = 24 * mm


def _signature_cell(block: Signature) -> list:
    cell = [para(markup(upper(line)), "center_bold") for line in block.lines if line]
    if block.hint:
        cell.append(para(markup(block.hint), "center_italic"))
    cell.append(Spacer(1, block.room))
    if block.name:
        cell.append(para(markup(block.name), "center_bold"))
    return cell


def signatures(*blocks: Signature, left: list | None = None, is_landscape: bool = False) -> Table:
    """One block sits on the right half (with `left` beside it, e.g. a QR box); two share the row."""
    width = frame_width(is_landscape)
    if len(blocks) == 1:
        cells, widths = [left or "", _signature_cell(blocks[0])], [width * 0.45, width * 0.55]
    else:
        cells, widths = [_signature_cell(block) for block in blocks], [width / len(blocks)] * len(blocks)
    table = Table([cells], colWidths=widths, spaceBefore=10)
    table.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]))
    return table


def closing(story: list, *flowables) -> list:
    """`story` ended by `flowables` (QR box, signatures) kept on one page together with the last
    thing before them: a signature block never stands alone at the top of a page."""
    return story[:-1] + [KeepTogether(story[-1:] + list(flowables))]


class TableThenClosing(Flowable):
    """A table followed by what closes the document (a note, the QR box), laid out so that the
    closing never stands alone on a page: where it does not fit under the table, the table's
    last rows go over with it, under their repeated header. Never drawn itself: the frame asks
    it to split, and it answers with the table (or its parts) and the closing."""

    def __init__(self, table: Grid, closing: list):
        super().__init__()
        self.table, self.closing = table, list(closing)
        self.moved = False

    def wrap(self, available_width, available_height):
        return available_width, available_height + 1  # never fits, so the frame calls split()

    def split(self, available_width, available_height):
        closing = sum(_height(part, available_width, available_height) for part in self.closing)
        table = _height(self.table, available_width, available_height)
        if table + closing <= available_height:
            return [self.table, KeepTogether(self.closing)]
        if table > available_height:  # the table goes on: split it as it would split alone
            parts = self.table.split(available_width, available_height)
        elif self.table.header_height() + self.table._rowHeights[-1] + closing <= self.table.page_room:
            # the table ends here but its closing would not fit: its last row goes over with it, whole
            parts = self.table.split(available_width, sum(self.table._rowHeights[:-1]) + 0.5)
        else:  # no page holds the last row whole with the closing: it is cut where the closing would start
            parts = self.table.split(available_width, available_height - closing, in_row=True)
        if len(parts) == 2:
            return [parts[0], TableThenClosing(parts[1], self.closing)]
        if not self.moved:  # nothing can be left here: all of it on the next page
            self.moved = True
            return []
        return [self.table, KeepTogether(self.closing)]  # not even on a page of its own: as it flows


def _height(flowable, width: float, height: float) -> float:
    return flowable.wrap(width, height)[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()


class Grid(Table):
    """A table that breaks between rows, its header rows repeated at the top of the next page.
    Only a row that no page could hold whole under the header is split, where it meets the
    page's end: reportlab's splitInRow would split whichever row meets it, even into the few
    points left under a previous part, putting a header and a row's first lines mid-page."""
    page_room = float("inf")  # set by grid(); the parts of a split inherit it

    def header_height(self) -> float:
        return sum(self._rowHeights[:self.repeatRows])

    def split(self, available_width, available_height, in_row: bool | None = None):
        """`in_row` True splits the row meeting `available_height` whatever its height."""
        self._calc(available_width, available_height)
        if in_row is None:
            in_row = self.header_height() + self._row_meeting(available_height) > self.page_room
        # reportlab tries an in-row split first when splitByRow is off, whole rows otherwise
        self.splitByRow, self.splitInRow = (0, MIN_ROW_PIECE) if in_row else (1, 0)
        parts = super().split(available_width, available_height)
        for part in parts:
            part.page_room = self.page_room
        return parts

    def _row_meeting(self, height: float) -> float:
        """The height of the first row that ends below `height` (0 when the table fits)."""
        used = self.header_height()
        for row_height in self._rowHeights[self.repeatRows:]:
            used += row_height
            if used > height:
                return row_height
        return 0


def grid(rows: list[list], widths: list[float], header_rows: int = 1,
         spans: list[tuple] = (), is_landscape: bool = False) -> Grid:
    """A ruled table whose header rows repeat on every page; rows stay whole (see Grid)."""
    table = Grid(rows, colWidths=widths, repeatRows=header_rows, spaceBefore=4, spaceAfter=6)
    table.page_room = page_room(is_landscape)
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
             ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
             ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    if header_rows:
        style.append(("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"))
    style += [("SPAN",) + span for span in spans]
    table.setStyle(table_style(style))
    return table


def qr_box(url: str, text: str, width: float, qr_size: float = 26 * mm) -> Table:
    """The QR code with its explanation (markup) beside it."""
    code = QRCode(url, qr_size)
    table = Table([[code, para(text, "left")]], colWidths=[code.width + 4, width - code.width - 4],
                  spaceBefore=6)
    table.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def lookup_box(url: str, code: str, qr_size: float | None = None) -> Table:
    """The QR code of a dossier's lookup with its caption: the public lookup by its code, or
    for a dossier without one the applicant's own page, said as such (never an empty code)."""
    text = fill(COMMON["lookup_code"], url=url, code=code) if code.strip() else fill(COMMON["lookup_own"], url=url)
    return qr_box(url, text, frame_width(), **({"qr_size": qr_size} if qr_size else {}))


def dossier_line(code: str, reference: str = "", refused: bool = False) -> str:
    """How a document names its dossier under its title (markup): the code; without one, its
    number in the system (refused: it never gets a code); "" when neither is known."""
    if code.strip():
        return fill_raw(COMMON["code"], code=bold(code))
    if reference.strip():
        return fill(COMMON["reference_refused" if refused else "reference"], number=reference.strip())
    return ""


def applicant_lines(intro: str, applicant, procedure: str) -> list:
    """Who applied and for what, as the Mẫu 01-03 print it; absent facts are left out.
    `intro` is the message that names the applicant ("Tiếp nhận hồ sơ của: {name}")."""
    lines = [para(fill_raw(intro, name=bold(applicant.name)))]
    if applicant.organisation.strip():
        lines.append(para(fill(COMMON["organisation"], organisation=applicant.organisation)))
    if applicant.submitted_by.strip():  # the contact below is theirs, not the applicant's
        lines.append(para(fill(COMMON["submitted_by"], name=applicant.submitted_by)))
    if applicant.address.strip():
        lines.append(para(fill(COMMON["address"], address=applicant.address)))
    contact = [fill(COMMON[key], **{key: value}) for key, value in
               (("phone", applicant.phone), ("email", applicant.email)) if value.strip()]
    if contact:
        lines.append(para(GAP.join(contact)))
    lines.append(para(fill_raw(COMMON["request"], procedure=bold(procedure))))
    return lines
