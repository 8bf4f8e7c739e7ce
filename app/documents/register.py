"""Mẫu 06 of Circular 01/2018/TT-VPCP: an agency's dossier register over a period, landscape."""
from __future__ import annotations

from reportlab.lib.units import mm

from .data import Register, RegisterRow
from .layout import build, fill, frame_width, grid, header, para, title
from .messages import REGISTER
from .qr import QRCode
from .text import date_line, markup, short_date, short_datetime

# TT, code, procedure, sets, applicant, contact, agency, five instants, signature; the note takes the rest.
# The code column fits a whole dossier code ("000.00.12.H99-261123-0007") in 8 pt: a code broken
# after its hyphen would be read back without it (pdftotext joins hyphenated lines).
_WIDTHS = [7, 35, 32, 12, 21, 22, 20] + [17] * 5 + [11]
_DATES = ("col_received", "col_due", "col_transferred", "col_result", "col_returned")
# Each row's QR code leads to its dossier's public lookup: an officer holding the printed book
# checks a dossier with a phone. The code's modules keep their minimum size (qr.MIN_MODULE), so
# the row is about 2 cm high, which is also room for the handwritten signature.
_ROW_QR = 18 * mm


def _code_cell(row: RegisterRow) -> list:
    cell = [para(markup(row.code), "code")]
    if row.lookup_url:
        cell.append(QRCode(row.lookup_url, size=_ROW_QR))
    return cell


def _row(index: int, row: RegisterRow) -> list:
    instants = (row.received_at, row.due_at, row.transferred_at, row.result_at, row.returned_at)
    return ([para(str(row.entry or index), "small_center"), _code_cell(row), para(markup(row.procedure), "small"),
             para(str(row.sets), "small_center"), para(markup(row.applicant), "small"),
             para(markup(row.contact), "small"), para(markup(row.resolving_agency), "small")]
            + [para(markup(short_datetime(at)), "small_center") for at in instants]
            + [para("", "small"), para(markup(row.note), "small")])


def register_pdf(data: Register) -> bytes:
    """Mẫu 06: Sổ theo dõi hồ sơ, one row per dossier; the header rows repeat on every page."""
    width = frame_width(is_landscape=True)
    widths = [w * mm for w in _WIDTHS]
    widths.append(width - sum(widths))
    first = [para(REGISTER[key], "small_head") for key in
             ("col_index", "col_code", "col_procedure", "col_sets", "col_applicant", "col_contact", "col_agency")]
    first += [para(REGISTER["col_dates"], "small_head"), "", "", "", "",
              para(REGISTER["col_signature"], "small_head"), para(REGISTER["col_note"], "small_head")]
    second = [""] * 7 + [para(REGISTER[key], "small_head") for key in _DATES] + ["", ""]
    spans = [((column, 0), (column, 1)) for column in (*range(7), 12, 13)] + [((7, 0), (11, 0))]
    body = [_row(index, row) for index, row in enumerate(data.rows, 1)]
    if not body:
        body.append([para(REGISTER["no_rows"], "small_center")] + [""] * 13)
        spans.append(((0, 2), (-1, 2)))
    story = [header(data.agency.name, data.agency.parent, date_text=date_line(data.agency.place, data.printed_on),
                    is_landscape=True)]
    story += title(REGISTER["title"], fill(REGISTER["period"], start=short_date(data.period_start),
                                           end=short_date(data.period_end)))
    story.append(grid([first, second] + body, widths, header_rows=2, spans=spans, is_landscape=True))
    return build(story, title=REGISTER["doc_title"], author=data.agency.name, is_landscape=True,
                 made_at=data.made_at)
