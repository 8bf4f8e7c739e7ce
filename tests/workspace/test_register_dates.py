"""The register (sổ theo dõi) refuses a day it cannot use, as the day's fees page does: 422, which
value was not understood or is out of range, and which period is shown instead; its PDF is
never printed for another period than the one asked for."""
from __future__ import annotations

import re

import pytest

from tests.conftest import vn
from tests.workspace.helpers import accept, as_officer, html, submit_lltp

SHOWN = "Đang hiện sổ mặc định, từ ngày 01/12/2026 đến ngày 02/12/2026 (từ đầu tháng đến hôm nay)."


@pytest.fixture()
def officer(clock, client):
    clock.set(vn(2026, 12, 2, 9, 0))
    as_officer(client, "motcua")
    return client


@pytest.mark.parametrize("query, problem", [
    ("tu=1900-01-01", "Ngày 01/01/1900 ở ô Từ ngày nằm ngoài khoảng sổ có thể hiện: chọn một ngày từ 01/01/2000 đến "
                      "31/12/9000."),
    ("tu=0001-01-01", "Ngày 01/01/0001 ở ô Từ ngày nằm ngoài khoảng sổ có thể hiện"),
    ("tu=abc", "Không hiểu ngày «abc» ở ô Từ ngày: nhập một ngày có thật theo dạng năm-tháng-ngày, ví dụ 2026-11-01."),
    ("tu=2026-13-01", "Không hiểu ngày «2026-13-01» ở ô Từ ngày"),
    ("tu=2026-11-01&den=2026-02-30", "Không hiểu ngày «2026-02-30» ở ô Đến ngày"),
])
def test_a_day_not_understood_or_out_of_range_is_said_with_the_period_shown(officer, query, problem):
    response = officer.get(f"/mot-cua/so-theo-doi?{query}")
    page = html(response)
    assert response.status_code == 422
    assert problem in page and SHOWN in page
    assert "0 hồ sơ từ ngày 01/12/2026 đến ngày 02/12/2026" in page
    assert 'value="2026-12-01"' in page and 'value="2026-12-02"' in page  # the form shows the period shown


def test_both_days_wrong_are_both_named(officer):
    page = html(officer.get("/mot-cua/so-theo-doi?tu=hôm qua&den=9999-01-01"))
    assert "Không hiểu ngày «hôm qua» ở ô Từ ngày" in page and "Ngày 01/01/9999 ở ô Đến ngày" in page


def test_no_pdf_is_printed_for_a_day_not_understood(api, clock, client):
    clock.set(vn(2026, 11, 23, 8, 0))
    accept(api, submit_lltp(api))
    as_officer(client, "motcua")
    refused = client.get("/mot-cua/so-theo-doi?tu=abc&den=2026-11-30&pdf=1")
    assert refused.status_code == 422 and refused.mimetype == "text/html"
    assert "Không hiểu ngày «abc» ở ô Từ ngày" in html(refused)
    printed = client.get("/mot-cua/so-theo-doi?tu=2026-11-01&den=2026-11-30&pdf=1")
    assert printed.status_code == 200 and printed.mimetype == "application/pdf"


def test_good_and_empty_days_are_not_refused(officer):
    for query in ("", "tu=&den=", "tu=2026-11-01&den=2026-11-30"):
        response = officer.get(f"/mot-cua/so-theo-doi?{query}")
        assert response.status_code == 200, query
        assert "Đang hiện sổ mặc định" not in html(response)


def test_an_administrator_chooses_the_agency_whose_register_to_read(api, clock, client):
    """The administrator belongs to the province's committee, which receives nothing: the register
    of another agency is chosen as on the supervision page; a desk officer reads only their own."""
    clock.set(vn(2026, 12, 2, 9, 0))
    accept(api, submit_lltp(api))
    as_officer(client, "admin")
    own = html(client.get("/mot-cua/so-theo-doi"))
    assert "0 hồ sơ từ ngày 01/12/2026" in own and '<select id="co_quan" name="co_quan">' in own
    justice = re.search(r'<option value="(\d+)"[^>]*>Sở Tư pháp tỉnh Bình An', own).group(1)
    chosen = html(client.get(f"/mot-cua/so-theo-doi?co_quan={justice}"))
    assert "1 hồ sơ từ ngày 01/12/2026" in chosen and "Sở Tư pháp tỉnh Bình An" in chosen
    printed = client.get(f"/mot-cua/so-theo-doi?co_quan={justice}&pdf=1")
    assert printed.status_code == 200 and printed.mimetype == "application/pdf"
    as_officer(client, "congan")  # another agency's officer: the address's choice is not theirs to make
    other = html(client.get(f"/mot-cua/so-theo-doi?co_quan={justice}"))
    assert "Công an tỉnh Bình An" in other and 'name="co_quan"' not in other
