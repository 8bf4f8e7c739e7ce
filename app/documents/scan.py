"""A scanned paper result made ready for its PDF signature, like every electronic result, with
the QR code of its verification page: a scanned PDF gets a last page saying what it is, with the
code and its address in words; a scanned page (JPEG or PNG) becomes a one-page PDF that gets the
same last page."""
from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from datetime import date, datetime

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import enumerate_sig_fields
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas
from reportlab.platypus import Spacer

from .layout import build, fill, para, stamp
from .messages import COMMON, SCAN
from .qr import QRCode
from .text import clean, datetime_words, short_date

logger = logging.getLogger(__name__)

MARGIN = 10 * mm


@dataclass(frozen=True)
class ScanFacts:
    """What the officer recorded of the paper original, and who digitised it when."""
    title: str
    document_number: str
    signing_agency: str
    signer: str
    signed_on: date
    code: str
    officer: str
    agency: str
    at: datetime
    verify_url: str


def verification_page_pdf(facts: ScanFacts) -> bytes:
    """One A4 page: the paper original's facts, who digitised it, and the verification QR code."""
    lines = [("document", facts.title), ("number", facts.document_number), ("agency", facts.signing_agency),
             ("signer", facts.signer), ("signed_on", short_date(facts.signed_on)), ("code", facts.code)]
    return build([para(SCAN["title"], "center_bold"), para(SCAN["subtitle"], "center_italic"), Spacer(1, 8 * mm),
                  *(para(fill(SCAN[key], value=value), "left") for key, value in lines), Spacer(1, 4 * mm),
                  para(fill(SCAN["digitised"], officer=facts.officer, agency=facts.agency,
                            at=datetime_words(facts.at)), "left"),
                  Spacer(1, 6 * mm), QRCode(facts.verify_url, 30 * mm), Spacer(1, 2 * mm),
                  para(fill(SCAN["verify"], url=facts.verify_url), "left")],
                 title=SCAN["title"], author=facts.agency, made_at=facts.at)


def image_pdf(image: bytes, facts: ScanFacts) -> bytes:
    """A scanned page (JPEG or PNG) as a scanned PDF would be: the image scaled to fit an A4
    page (kept upright, never enlarged beyond the page), then the same verification page."""
    reader = ImageReader(io.BytesIO(image))
    width, height = reader.getSize()
    page_width, page_height = A4
    scale = min((page_width - 2 * MARGIN) / width, (page_height - 2 * MARGIN) / height)
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4, invariant=1)
    stamp(page, facts.at)
    page.setTitle(clean(facts.title))
    page.setSubject(clean(facts.title))
    page.setAuthor(clean(facts.agency))  # else reportlab writes "anonymous"
    page.setCreator(COMMON["creator"])
    drawn_width, drawn_height = width * scale, height * scale
    page.drawImage(reader, (page_width - drawn_width) / 2, (page_height - drawn_height) / 2, drawn_width,
                   drawn_height)
    page.showPage()
    page.save()
    return with_verification_page(out.getvalue(), facts)


def with_verification_page(scan: bytes, facts: ScanFacts) -> bytes:
    """The scanned PDF with the verification page added at its end, as an incremental update (the
    scan's own bytes stay as they were). A scan that is already signed is returned as it is,
    since a page added after a signature would void it; so is one that cannot be read (damaged,
    encrypted): signing it says why."""
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(scan))
        if writer.prev.encrypted or any(True for _ in enumerate_sig_fields(writer.prev)):
            return scan
        page_pdf = PdfFileReader(io.BytesIO(verification_page_pdf(facts)))
        drawing = writer.import_page_as_xobject(page_pdf, 0)
        content = writer.add_object(generic.StreamObject(stream_data=b"q /Verification Do Q"))
        width, height = A4
        writer.insert_page(generic.DictionaryObject({
            generic.NameObject("/Type"): generic.NameObject("/Page"),
            generic.NameObject("/MediaBox"): generic.ArrayObject(
                [generic.NumberObject(0), generic.NumberObject(0), generic.FloatObject(width),
                 generic.FloatObject(height)]),
            generic.NameObject("/Resources"): generic.DictionaryObject({
                generic.NameObject("/XObject"): generic.DictionaryObject({
                    generic.NameObject("/Verification"): drawing})}),
            generic.NameObject("/Contents"): content}))
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
    except Exception as exc:  # an uploaded file: whatever is wrong with it, signing reports it
        logger.info("no verification page added to a scanned PDF", exc_info=exc)
        return scan
