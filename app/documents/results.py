"""Results: the electronic result the agency signs (`result_pdf`), and its conversion to paper
that anyone may print (`paper_result_pdf`, Bình Định 2020 Điều 16 and its "Biểu mẫu").

The electronic result is plain reportlab output, so a PDF signature (pyHanko) can be added later
as an incremental update; its signature block leaves room for it."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, Spacer, Table

from .data import PaperResult, ResultContent, ResultDocument
from .layout import (Signature, bold, build, closing, fill, fill_raw, frame_width, header, para, signatures,
                     table_style, title)
from .messages import PAPER, RESULT
from .qr import QRCode
from .text import clean, date_line, date_words, markup, upper


def _content(content: ResultContent, applicant: str, with_title: bool) -> list:
    """Everything the result says; the paper conversion reprints all of it (Biểu mẫu (9))."""
    story = []
    if with_title:
        story.append(para(markup(upper(content.title)), "center_bold"))
        if content.subtitle.strip():
            story.append(para(markup(content.subtitle), "center"))
        story.append(Spacer(1, 6))
    if applicant.strip():
        story.append(para(fill_raw(RESULT["applicant"], name=bold(applicant))))
    story += [para(f"{markup(label)}: {bold(value)}") for label, value in content.fields]
    story += [para(markup(text), "paragraph") for text in content.paragraphs if clean(text).strip()]
    return story


def result_pdf(data: ResultDocument, draft: bool = False) -> bytes:
    """The electronic result: agency header, number, title, result code, content, the leader's
    signature block (room left for the digital signature) and a QR code to the verification page.
    A `draft` is what the leader reads before approving: marked so on top, with no QR code and no
    verification note, since nothing is issued yet."""
    story = [para(RESULT["draft"], "draft")] if draft else []
    story += [header(data.agency.name, data.agency.parent, data.number,
                     date_line(data.agency.place, data.issued_on))]
    story += title(data.content.title, markup(data.content.subtitle),
                   fill_raw(RESULT["result_code"], code=bold(data.result_code)))
    story += _content(data.content, data.applicant, with_title=False)
    left = [] if draft else [QRCode(data.verify_url, 26 * mm)]
    recipients = [clean(name).strip() for name in data.recipients if clean(name).strip()]
    if recipients:
        left += [Spacer(1, 4), para(f"<b><i>{RESULT['recipients']}</i></b>", "small")]
        left += [para("- " + markup(name) + (";" if index < len(recipients) else "."), "small")
                 for index, name in enumerate(recipients, 1)]
    story = closing(story, signatures(Signature((data.signer.on_behalf, data.signer.title), data.signer.name,
                                                room=32 * mm), left=left),
                    *([] if draft else [para(fill(RESULT["verify"], url=data.verify_url), "note")]))
    return build(story, title=(RESULT["draft_title"] if draft else "") + clean(data.content.title),
                 author=data.agency.name, made_at=data.made_at)


def _centre(data: PaperResult) -> Table:
    """Top of the Biểu mẫu: the printing centre (1), its address (2) and phone (3); the QR on the right."""
    width = frame_width()
    name = [para(markup(upper(line)), "header_bold") for line in (data.centre.parent, data.centre.name)
            if clean(line).strip()]
    name.append(HRFlowable(width=30 * mm, thickness=0.6, color=colors.black, spaceBefore=3, spaceAfter=4))
    if data.centre.address.strip():
        name.append(para(fill(PAPER["address"], address=data.centre.address), "left"))
    if data.centre.phone.strip():
        name.append(para(fill(PAPER["phone"], phone=data.centre.phone), "left"))
    qr = [QRCode(data.verify_url, 28 * mm), para(PAPER["qr_caption"], "small_center")]
    table = Table([[name, qr]], colWidths=[width * 0.62, width * 0.38])
    table.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (0, 0), "CENTER"),
                               ("ALIGN", (1, 0), (1, 0), "CENTER"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _full_rule() -> HRFlowable:
    return HRFlowable(width="100%", thickness=0.6, color=colors.black, spaceBefore=4, spaceAfter=6)


def paper_result_pdf(data: PaperResult) -> bytes:
    """The paper conversion, field by field as the Biểu mẫu numbers them (1)-(9)."""
    story = [_centre(data)]
    story += title(PAPER["title"], f"<b>{PAPER['subtitle']}</b>")
    story += [_full_rule(), para(PAPER["section_info"], "section")]
    story += [para(fill_raw(PAPER[key], value=bold(value))) for key, value in
              (("number", data.document_number), ("agency", data.signing_agency), ("signer", data.signer),
               ("signed_on", date_words(data.signed_on)), ("code", data.result_code))]
    story += [para(PAPER["section_content"], "section"), Spacer(1, 4)]
    story += _content(data.content, data.applicant, with_title=True)
    story = closing(story, _full_rule(), para(fill(PAPER["provided_by"], system=data.system_name), "center_italic"),
                    Spacer(1, 6), para(PAPER["stamp_note"], "note"),
                    para(fill(PAPER["verify"], url=data.verify_url, code=data.result_code), "note"))
    return build(story, title=PAPER["doc_title"], author=data.centre.name, made_at=data.made_at)
