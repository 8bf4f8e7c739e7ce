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
