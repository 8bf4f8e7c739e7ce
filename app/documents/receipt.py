"""The receipt for fees and charges paid for a dossier: the printable form ("bản thể hiện") of an
electronic receipt (Decree 123/2020 on invoices and receipts), which the collecting unit then
signs as a PDF (app.signing.sign_pdf, an incremental update). Not Mẫu 01, the reception receipt
(reception.py)."""
from __future__ import annotations

import functools

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from .amount_words import amount_digits, amount_in_words
from .data import FeeReceipt
from .layout import (GAP, Signature, bold, build, closing, fill, fill_raw, frame_width, grid, header, para,
                     signatures, title)
from .messages import COMMON
from .messages import FEE_RECEIPT as FEE
from .qr import QRCode
from .text import clean, date_line, markup
from .typography import styles

INDEX_WIDTH, AMOUNT_WIDTH = 12 * mm, 38 * mm


@functools.cache
def _amount_style() -> ParagraphStyle:
    """Amounts sit on the right of their column, so figures line up as they are added."""
    return ParagraphStyle("cell_amount", parent=styles()["cell"], alignment=TA_RIGHT)


def _amount(value: int, strong: bool = False) -> Paragraph:
    digits = amount_digits(value)
    return Paragraph(f"<b>{digits}</b>" if strong else digits, _amount_style())


def _lines_table(data: FeeReceipt):
    head = [[para(FEE[key], "cell_head") for key in ("col_index", "col_name", "col_amount")]]
    body = [[para(str(index), "cell_center"), para(markup(name), "cell"), _amount(amount)]
            for index, (name, amount) in enumerate(data.lines, 1)]
    last = len(body) + 1
    total = [para(FEE["total"], "cell_head"), "", _amount(data.total, strong=True)]
    widths = [INDEX_WIDTH, frame_width() - INDEX_WIDTH - AMOUNT_WIDTH, AMOUNT_WIDTH]
    return grid(head + body + [total], widths, spans=[((0, last), (1, last))])


def _given(*lines: tuple[str, str, str]) -> list:
    """(message, field, user value) as one line each, those without a value left out."""
    return [para(fill(message, **{key: value})) for message, key, value in lines if clean(value).strip()]


def _unit_contact(data: FeeReceipt) -> list:
    """The collecting unit's address and phone on one line, when known."""
    contact = [fill(COMMON[key], **{key: value}) for key, value in
               (("address", data.agency.address), ("phone", data.agency.phone)) if clean(value).strip()]
    return [para(GAP.join(contact))] if contact else []


def fee_receipt_pdf(data: FeeReceipt) -> bytes:
    """Biên lai thu phí, lệ phí: the collecting unit and the payer, what was collected for which
    dossier, the total in figures and in words, how it was paid, the unit's signature block (room
    for the PDF signature) and a QR code to `verify_url`, its address printed below."""
    story = [header(data.agency.name, data.agency.parent, data.receipt_no, date_line(data.province, data.issued_at))]
    story += title(FEE["title"], f"<i>{FEE['subtitle']}</i>")
    story.append(para(fill(FEE["collector_unit"], agency=data.agency.name)))
    story += _unit_contact(data)
    story.append(para(fill_raw(FEE["payer"], name=bold(data.payer_name))))
    id_line = FEE["passport_number" if data.payer_id_is_passport else "id_number"]
    story += _given((id_line, "number", data.payer_id_number),
                    (COMMON["address"], "address", data.payer_address))
    if clean(data.dossier_code).strip():  # a dossier paid for before reception has no code yet
        story.append(para(fill_raw(FEE["code"], code=bold(data.dossier_code))))
    story += [para(fill(FEE["procedure"], procedure=data.procedure_name)),
              _lines_table(data),
              para(fill_raw(FEE["in_words"], words=f"<i>{markup(amount_in_words(data.total))}</i>"))]
    story += _given((FEE["method"], "method", data.method), (FEE["transaction"], "number", data.transaction_no))
    qr = [QRCode(data.verify_url, 26 * mm), para(FEE["qr_caption"], "small")]
    story = closing(story, signatures(Signature((FEE["signs"],), data.collector, FEE["sign_hint"]), left=qr),
                    para(fill(FEE["verify"], url=data.verify_url), "note"))
    return build(story, title=FEE["doc_title"], author=data.agency.name, made_at=data.issued_at)
