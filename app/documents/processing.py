"""Documents of a dossier in processing: Mẫu 04 (apology with a new appointment) and Mẫu 05
(control slip, one row per hand-off), Circular 01/2018/TT-VPCP, and the notice that processing
stopped (Decree 61/2018 Điều 19: the reason, in writing)."""
from __future__ import annotations

from reportlab.lib.units import mm

from .data import Apology, ControlSlip, Party, StopNotice
from .layout import (Signature, TableThenClosing, bold, build, closing, dossier_line, fill, fill_raw, frame_width,
                     grid, header, lookup_box, para, signatures, title)
from .messages import APOLOGY, COMMON, CONTROL, LETTER, STOP_NOTICE
from .text import clean, date_line, date_words, datetime_words, markup
from .typography import ITALIC

def _letter(data: Apology | StopNotice, heading: str) -> list:
    """The opening of a letter to the applicant about their dossier: header, title, to whom,
    what was received when, and the dossier's code."""
    received = date_words(data.received_at)
    story = [header(data.agency.name, data.agency.parent, data.number,
                    date_line(data.agency.place, data.issued_at))]
    story += title(heading)
    return story + [para(fill_raw(LETTER["to"], name=bold(data.applicant.name)), "center"),
                    para(fill(LETTER["received"], date=received[:1].upper() + received[1:],
                              agency=data.agency.name, name=data.applicant.name)),
                    para(fill_raw(COMMON["request"], procedure=bold(data.procedure))),
                    para(fill_raw(LETTER["code"], code=bold(data.code)))]


def _leader_signs(story: list, data: Apology | StopNotice, leader) -> list:
    return closing(story, lookup_box(data.lookup_url, data.code),
                   signatures(Signature((leader.on_behalf, leader.title), leader.name, room=28 * mm)))


def apology_pdf(data: Apology) -> bytes:
    """Mẫu 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả, signed by the agency's leader."""
    story = _letter(data, APOLOGY["title"])
    story += [para(fill_raw(APOLOGY["original_due"], at=bold(datetime_words(data.original_due_at)))),
              para(fill(APOLOGY["reason"], agency=data.agency.name)),
              para(markup(data.reason), "indent"),
              para(fill_raw(APOLOGY["apology"], agency=markup(data.agency.name),
                            at=bold(datetime_words(data.new_due_at)))),
              para(APOLOGY["thanks"])]
    return build(_leader_signs(story, data, data.leader), title=APOLOGY["doc_title"], author=data.agency.name,
                 made_at=data.issued_at)


def stop_notice_pdf(data: StopNotice) -> bytes:
    """Thông báo dừng giải quyết hồ sơ: the reason, signed by whoever decided the stop."""
    story = _letter(data, STOP_NOTICE["title"])
    story += [para(fill(STOP_NOTICE["reason"], agency=data.agency.name)),
              para(markup(data.reason or STOP_NOTICE["no_reason"]), "indent"),
              para(STOP_NOTICE["return"]),
              para(STOP_NOTICE["closing"])]
    return build(_leader_signs(story, data, data.signer), title=STOP_NOTICE["doc_title"],
                 author=data.agency.name, made_at=data.issued_at)


def _party(party: Party) -> str:
    return CONTROL["party_sep"].join(part for part in (clean(party.agency).strip(), clean(party.unit).strip())
                                     if part)


def _handoffs_table(data: ControlSlip):
    width = frame_width()
    widths = [9 * mm, 52 * mm, 48 * mm, 27 * mm]
    widths.append(width - sum(widths))
    head = [[para(CONTROL["col_index"], "small_head"), para(CONTROL["col_agency"], "small_head"),
             para(CONTROL["col_time"], "small_head"),
             para(f'{CONTROL["col_verdict"]}<br/><font name="{ITALIC}">{CONTROL["col_verdict_hint"]}</font>',
                  "small_head"),
             para(CONTROL["col_note"], "small_head")]]
    body = []
    for index, row in enumerate(data.rows, 1):
        agencies = "<br/>".join((fill(CONTROL["give"], party=_party(row.giver)),
                                 fill(CONTROL["take"], party=_party(row.receiver))))
        people = [bold(datetime_words(row.at))]
        people += [fill(CONTROL[key], person=party.person) for key, party in
                   (("giver", row.giver), ("taker", row.receiver)) if party.person.strip()]
        verdict = CONTROL["verdicts"].get(row.verdict, "")
        body.append([para(str(index), "cell_center"), para(agencies, "cell"), para("<br/>".join(people), "cell"),
                     para(verdict, "cell_center"), para(markup(row.note), "cell")])
    spans = []
    if not body:
        body.append([para(CONTROL["no_rows"], "cell_center"), "", "", "", ""])
        spans.append(((0, 1), (-1, 1)))
    return grid(head + body, widths, spans=spans)


def control_slip_pdf(data: ControlSlip) -> bytes:
    """Mẫu 05: Phiếu kiểm soát quá trình giải quyết hồ sơ."""
    story = [header(data.agency.name, data.agency.parent)]
    story += title(CONTROL["title"], dossier_line(data.code, data.reference, data.refused),
                   fill(CONTROL["attached"], name=data.applicant.name))
    story += [para(fill_raw(COMMON["request"], procedure=bold(data.procedure))),
              para(fill_raw(CONTROL[_received_key(data)], at=bold(datetime_words(data.received_at)))),
              para(_due_line(data)),
              para(fill(CONTROL["resolving"], agency=data.resolving_agency))]
    cooperating = [clean(name).strip() for name in data.cooperating_agencies if clean(name).strip()]
    if cooperating:
        story.append(para(fill(CONTROL["cooperating"], agencies="; ".join(cooperating))))
    story.append(TableThenClosing(_handoffs_table(data),
                                  [para(CONTROL["postal_note"], "note"), lookup_box(data.lookup_url, data.code)]))
    return build(story, title=CONTROL["doc_title"], author=data.agency.name, made_at=data.made_at)


def _received_key(data: ControlSlip) -> str:
    """A dossier not received has only its submission time (`received_at` then holds it): said so."""
    if data.code:
        return "received_at"
    return "not_received_refused" if data.refused else "not_received"


def _due_line(data: ControlSlip) -> str:
    """The appointment; a dossier not received (refused, or not yet) has none, and says why
    rather than print a deadline of the desk's as if it were one."""
    if data.due_at is None:
        return CONTROL["no_due_refused" if data.refused else "no_due"]
    return fill_raw(CONTROL["due_at"], at=bold(datetime_words(data.due_at)))
