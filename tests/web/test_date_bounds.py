"""A date the form bounds (QT-41): the phone's date picker offers only the days it takes, and a
day after "today" (the application's clock, in Vietnam) is refused on the portal and the API."""
from __future__ import annotations

import pytest

from tests.api.test_lifecycle import LLTP, LLTP_FORM
from tests.conftest import vn
from tests.web.pages import login


@pytest.mark.rule("QT-41")
def test_a_birth_date_after_today_is_refused_everywhere(api, client, clock):
    clock.set(vn(2026, 11, 23, 23, 30))  # late evening: still the 23rd in Vietnam
    login(client, "congdan")
    page = client.get(f"/thu-tuc/{LLTP}/nop").get_data(as_text=True)
    assert 'id="f-ngay_sinh"' in page and 'min="1900-01-01"' in page and 'max="2026-11-23"' in page
    refused = api.post("/dossiers", "congdan", json={"procedure_code": LLTP,
                                                     "data": {**LLTP_FORM, "ngay_sinh": "2026-11-24"}})
    assert refused.status_code == 422
    assert {"field": "ngay_sinh", "message": "Trường «Ngày sinh» không được sau hôm nay."} in \
        refused.get_json()["error"]["fields"]
    born_today = api.post("/dossiers", "congdan", json={"procedure_code": LLTP,
                                                        "data": {**LLTP_FORM, "ngay_sinh": "2026-11-23"}})
    assert born_today.status_code == 201, born_today.get_json()
