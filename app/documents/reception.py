"""What the one-stop desk hands out at reception: Mẫu 01 (receipt and appointment), Mẫu 02
(supplement request) and Mẫu 03 (refusal), Circular 01/2018/TT-VPCP."""
from __future__ import annotations

from reportlab.lib.units import mm

from .data import Receipt, Refusal, SupplementRequest
from .layout import (GAP, Signature, applicant_lines, bold, build, build_counted, closing, dossier_line, fill, fill_raw,
                     frame_width, grid, header, lookup_box, para, signatures, title)
from .messages import COMMON, KINDS, RECEIPT, REFUSAL, SUPPLEMENT
from .text import clean, date_line, datetime_words, duration, markup

# A receipt issued again after a supplement carries a note on why the time restarted, one for a
# dossier received by post says so in items 4 and 6; each keeps to one page by a smaller QR code
# and a little less room to sign (the regular one is unchanged).
COMPACT_QR = 22 * mm
COMPACT_SIGNING_ROOM = 17 * mm


def _components_table(receipt: Receipt):
    width = frame_width()
    kinds = list(KINDS)
    widths = [10 * mm] + [width - 10 * mm - 3 * 22 * mm] + [22 * mm] * 3
    head = [[para(RECEIPT["col_index"], "cell_head"), para(RECEIPT["col_name"], "cell_head"),
             para(RECEIPT["col_quantity"], "cell_head"), "", ""],
            ["", ""] + [para(KINDS[kind], "cell_head") for kind in kinds]]
    body = [[para(str(index), "cell_center"), para(markup(item.name), "cell")]
            + [para(str(item.copies) if item.kind == kind else "", "cell_center") for kind in kinds]
            for index, item in enumerate(receipt.components, 1)]
    return grid(head + body, widths, header_rows=2,
                spans=[((0, 0), (0, 1)), ((1, 0), (1, 1)), ((2, 0), (4, 0))])


def receipt_pdf(data: Receipt) -> bytes:
    """Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả, on one page where a tighter closing (a
    smaller QR code, less room to sign) makes it fit: the applicant signs the page that says what
    was received, not a page of signatures alone."""
    roomy = not (data.note.strip() or data.by_post)
    pdf, pages = build_counted(_receipt_story(data, compact=not roomy), title=RECEIPT["doc_title"],
                               author=data.agency.name, made_at=data.received_at)
    if roomy and pages > 1:
        pdf = build(_receipt_story(data, compact=True), title=RECEIPT["doc_title"], author=data.agency.name,
                    made_at=data.received_at)
    return pdf


def _receipt_story(data: Receipt, compact: bool) -> list:
    story = [header(data.agency.name, data.agency.parent, data.number,
                    date_line(data.agency.place, data.received_at))]
    story += title(RECEIPT["title"], dossier_line(data.code))
    restarted = bool(data.note.strip())
    if restarted:
        story.append(para(markup(data.note), "note"))
    story.append(para(markup(data.agency.name)))
    story += applicant_lines(COMMON["applicant_of"], data.applicant, data.procedure)
    story += [para(RECEIPT["components"]), _components_table(data),
              para(fill(RECEIPT["sets"], sets=data.sets)),
              para(fill_raw(RECEIPT["processing_time"], duration=bold(duration(data.processing_time)))),
              _received_line(data),
              para(fill_raw(RECEIPT["due_at"], at=bold(datetime_words(data.due_at))))]
    if data.due_note.strip():
        story.append(para(markup(data.due_note), "note"))
    story.append(_collect_line(data))
    if data.register_book.strip() or data.register_entry.strip():
        story.append(para(fill_raw(RECEIPT["register"], book=markup(data.register_book), gap=GAP,
                                   entry=markup(data.register_entry))))
    room = {"room": COMPACT_SIGNING_ROOM} if compact else {}
    officer = Signature((RECEIPT["officer_signs"],), data.officer, COMMON["sign_hint"], **room)
    if data.by_post or data.online:  # nobody stood at the counter: the officer signs alone, beside the note
        signing = signatures(officer, left=[para(RECEIPT["postal_note" if data.by_post else "online_note"], "center_bold"),
                                            para(RECEIPT["absent_hint"], "center_italic")])
    else:
        signing = signatures(Signature((RECEIPT["applicant_signs"],), data.applicant.name, COMMON["sign_hint"],
                                       **room), officer)
    return closing(story, lookup_box(data.lookup_url, data.code, COMPACT_QR if compact else None), signing)


def _received_line(data: Receipt):
    at = bold(datetime_words(data.received_at))
    if not data.by_post:
        return para(fill_raw(RECEIPT["received_at"], at=at))
    item = clean(data.postal_item).strip()
    return para(fill_raw(RECEIPT["received_by_post_item"], at=at, item=bold(item)) if item
                else fill_raw(RECEIPT["received_by_post"], at=at))


def _collect_line(data: Receipt):
    """Item 6: where the result is collected, or the address it is posted to."""
    if not data.return_by_post:
        return para(fill(RECEIPT["collect_at"], place=data.collect_at))
    address = clean(data.applicant.address).strip()
    return para(fill(RECEIPT["collect_by_post"], address=address) if address else RECEIPT["collect_by_post_sender"])


def _items_table(data: SupplementRequest):
    width = frame_width()
    widths = [10 * mm, (width - 10 * mm) * 0.42, (width - 10 * mm) * 0.58]
    head = [[para(SUPPLEMENT[key], "cell_head") for key in ("col_index", "col_component", "col_requirement")]]
    body = [[para(str(index), "cell_center"), para(markup(item.component), "cell"),
             para(markup(item.requirement), "cell")] for index, item in enumerate(data.items, 1)]
    return grid(head + body, widths)


def supplement_request_pdf(data: SupplementRequest) -> bytes:
    """Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ, every missing or wrong component at once."""
    story = [header(data.agency.name, data.agency.parent, data.number,
                    date_line(data.agency.place, data.issued_at))]
    story += title(SUPPLEMENT["title"], dossier_line(data.code, data.reference))
    story += applicant_lines(SUPPLEMENT["applicant_of"], data.applicant, data.procedure)
    story += [para(SUPPLEMENT["items"]), _items_table(data),
              para(fill(SUPPLEMENT["reason"], reason=data.reason))]
    phone = data.contact_phone.strip() or data.agency.phone.strip()
    story.append(para(fill(SUPPLEMENT["contact"], officer=data.officer, phone=phone) if phone
                      else fill(SUPPLEMENT["contact_no_phone"], officer=data.officer)))
    story = closing(story, lookup_box(data.lookup_url, data.code),
                    signatures(Signature((SUPPLEMENT["officer_signs"],), data.officer, COMMON["sign_hint"])))
    return build(story, title=SUPPLEMENT["doc_title"], author=data.agency.name, made_at=data.issued_at)


def refusal_pdf(data: Refusal) -> bytes:
    """Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ, with the reason."""
    story = [header(data.agency.name, data.agency.parent, data.number,
                    date_line(data.agency.place, data.issued_at))]
    story += title(REFUSAL["title"], dossier_line(data.code, data.reference, refused=True))
    story.append(para(markup(data.agency.name)))
    story += applicant_lines(COMMON["applicant_of"], data.applicant, data.procedure)
    story += [para(fill(REFUSAL["reason_intro"], agency=data.agency.name)),
              para(markup(data.reason), "indent"),
              para(REFUSAL["closing"])]
    story = closing(story, lookup_box(data.lookup_url, data.code),
                    signatures(Signature((REFUSAL["officer_signs"],), data.officer, COMMON["sign_hint"])))
    return build(story, title=REFUSAL["doc_title"], author=data.agency.name, made_at=data.issued_at)
