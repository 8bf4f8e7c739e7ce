"""Parts of a task form that belong to some choices ("ui:shownWhen", app/web/static/forms.js), in a
real Chromium: the desk's reception form shows the reason only for a supplement request or a
refusal, and the list of missing components only for a supplement request."""
from __future__ import annotations

import pytest

from tests.browser.test_officer_journey import officer  # noqa: F401 (the fixture)
from tests.browser.test_unsaved_and_confirm import _open_reception, _submitted_and_desk

REASON, MISSING = "Lý do", "Thành phần hồ sơ cần bổ sung, hoàn thiện"


def _shown(page) -> dict[str, bool]:
    return {REASON: page.locator("#f-ly_do").is_visible(), "Ghi chú": page.locator("#f-ghi_chu").is_visible(),
            MISSING: page.locator("#f-thanh_phan_can_bo_sung").is_visible()}


@pytest.mark.rule("QT-57")
def test_the_reception_form_shows_what_the_chosen_decision_needs(officer, api, clock):  # noqa: F811
    dossier_id, desk, _ = _submitted_and_desk(officer, api, clock)
    _open_reception(desk, dossier_id)
    assert _shown(desk) == {REASON: False, "Ghi chú": True, MISSING: False}  # nothing chosen yet
    desk.get_by_label("Yêu cầu bổ sung, hoàn thiện hồ sơ", exact=True).check()
    assert _shown(desk) == {REASON: True, "Ghi chú": True, MISSING: True}
    desk.get_by_label("Từ chối tiếp nhận", exact=True).check()
    assert _shown(desk) == {REASON: True, "Ghi chú": True, MISSING: False}
    desk.get_by_label("Tiếp nhận hồ sơ", exact=True).check()
    assert _shown(desk) == {REASON: False, "Ghi chú": True, MISSING: False}

    # Sent without the list: the page comes back with the error, the decision and the list shown.
    desk.get_by_label("Yêu cầu bổ sung, hoàn thiện hồ sơ", exact=True).check()
    desk.locator("#f-ly_do").fill("Thiếu bản chụp giấy tờ tùy thân.")
    desk.get_by_role("button", name="Hoàn thành «Tiếp nhận hồ sơ»").click()
    desk.wait_for_load_state()
    assert desk.get_by_label("Yêu cầu bổ sung, hoàn thiện hồ sơ", exact=True).is_checked()
    assert _shown(desk)[MISSING] and desk.locator("#f-ly_do").input_value() == "Thiếu bản chụp giấy tờ tùy thân."
    # Another decision hides it again, error and all: it is no part of that decision.
    desk.get_by_label("Tiếp nhận hồ sơ", exact=True).check()
    assert _shown(desk) == {REASON: False, "Ghi chú": True, MISSING: False}


@pytest.mark.rule("QT-57")
def test_a_chain_of_choices_hides_together_and_an_unticked_box_shows_its_no_part(browser):
    """forms.js on a form of its own: the price follows the ticket kind, which follows the scale;
    the source of funds shows while the sponsorship box is unticked."""
    from pathlib import Path

    from app.eforms.render import render_fields
    from engine.forms import Form
    form = Form({"type": "object", "properties": {
        "quy_mo": {"type": "string", "title": "Quy mô", "enum": ["lon", "nho"]},
        "loai_ve": {"type": "string", "title": "Loại vé", "enum": ["co_phi", "mien_phi"]},
        "gia_ve": {"type": "integer", "title": "Giá vé"},
        "co_tai_tro": {"type": "boolean", "title": "Có tài trợ"},
        "nguon_kinh_phi": {"type": "string", "title": "Nguồn kinh phí"}}},
        {"quy_mo": {"ui:enumNames": ["Lớn", "Nhỏ"]}, "loai_ve": {"ui:enumNames": ["Có phí", "Miễn phí"],
                                                                 "ui:shownWhen": {"quy_mo": ["lon"]}},
         "gia_ve": {"ui:shownWhen": {"loai_ve": ["co_phi"]}},
         "nguon_kinh_phi": {"ui:shownWhen": {"co_tai_tro": [False]}}})
    script = (Path(__file__).resolve().parents[2] / "app/web/static/forms.js").read_text(encoding="utf-8")
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    page.set_content(f"<form>{render_fields(form, {}, [])}</form><script>{script}</script>")

    def shown() -> tuple[bool, bool, bool]:
        return tuple(page.locator(f"#f-{name}").is_visible() for name in ("loai_ve", "gia_ve", "nguon_kinh_phi"))

    assert shown() == (False, False, True)
    assert not page.locator(".shown-when-note").first.is_visible()  # the script shows and hides instead
    page.get_by_label("Lớn", exact=True).check()
    page.get_by_label("Có phí", exact=True).check()
    assert shown() == (True, True, True)
    page.get_by_label("Nhỏ", exact=True).check()  # the kind hides, and the price with it
    assert shown() == (False, False, True)
    page.get_by_label("Có tài trợ", exact=True).check()
    assert shown() == (False, False, False)
    context.close()


def test_the_counter_intake_asks_whom_for_only_when_it_is_someone_else(officer, clean_app):  # noqa: F811
    """Most paper dossiers are the bringer's own: the principal's fields show for «Người khác»,
    the organisation's for «Tổ chức», none otherwise (the same fieldset as the portal's)."""
    from tests.workspace.test_intake import _citizen_id
    desk = officer("motcua")
    desk.goto(f"/mot-cua/tiep-nhan/{_citizen_id(clean_app, '001090000001')}/2.000488")
    fields = ("#dai_dien_ho_ten", "#dai_dien_cccd", "#dai_dien_to_chuc", "#dai_dien_mst")

    def shown():
        return [desk.locator(field).is_visible() for field in fields]
    assert desk.locator("#dai_dien-self").is_checked() and shown() == [False] * 4
    desk.get_by_label("Người khác (người nộp được ủy quyền)", exact=True).check()
    assert shown() == [True, True, False, False]
    desk.get_by_label("Tổ chức (người nộp là người đại diện hoặc được ủy quyền)", exact=True).check()
    assert shown() == [False, False, True, True]
