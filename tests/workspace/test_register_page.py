"""The dossier register (Mẫu 06) on screen: every dossier the agency received in the period, a
page at a time, each linked to its dossier, in a fixed number of statements; printed as one PDF
only when the period is short enough to print in one request, and never cut short."""
from __future__ import annotations

import re

from tests.api.test_statements import counted
from tests.conftest import vn
from tests.workspace.helpers import accept, as_officer, html, submit_lltp

PERIOD = "tu=2026-11-01&den=2026-11-30"


def _received(api, clock, n: int) -> list[int]:
    clock.set(vn(2026, 11, 23, 8, 0))
    ids = [submit_lltp(api, so_ban=i + 1) for i in range(n)]  # the same data twice is one dossier
    for dossier_id in ids:
        accept(api, dossier_id)
    return ids


def test_the_register_lists_the_period_a_page_at_a_time(api, clock, client, clean_app, monkeypatch):
    from app.workspace import register_pages
    monkeypatch.setattr(register_pages, "PER_PAGE", 2)
    ids = _received(api, clock, 5)
    as_officer(client, "motcua")
    page = html(client.get(f"/mot-cua/so-theo-doi?{PERIOD}"))
    assert "5 hồ sơ từ ngày 01/11/2026 đến ngày 30/11/2026, trang 1/3." in page
    linked = [int(i) for i in re.findall(r'href="/mot-cua/ho-so/(\d+)">000\.00\.12\.H99-261123-\d{4}</a>', page)]
    assert linked == ids[:2]  # in the order received
    last = html(client.get(f"/mot-cua/so-theo-doi?{PERIOD}&trang=3"))
    assert [int(i) for i in re.findall(r'href="/mot-cua/ho-so/(\d+)">', last)] == ids[4:]
    assert "<td>5</td>" in last  # numbered across pages, as the printed book is
    assert "Không có hồ sơ nào" in html(client.get("/mot-cua/so-theo-doi?tu=2026-10-01&den=2026-10-31"))
    with counted(clean_app) as few:
        client.get(f"/mot-cua/so-theo-doi?{PERIOD}")
    monkeypatch.setattr(register_pages, "PER_PAGE", 5)
    with counted(clean_app) as many:
        client.get(f"/mot-cua/so-theo-doi?{PERIOD}")
    assert len(many) == len(few)


def test_a_period_too_long_to_print_at_once_is_refused_not_cut_short(api, clock, client, monkeypatch):
    from app.workspace import register_pages
    _received(api, clock, 3)
    as_officer(client, "motcua")
    monkeypatch.setattr(register_pages, "PRINT_MAX_ROWS", 2)
    response = client.get(f"/mot-cua/so-theo-doi?{PERIOD}&pdf=1")
    page = html(response)
    assert response.status_code == 422 and response.mimetype == "text/html"
    assert "mỗi lần in tối đa 2 hồ sơ; khoảng thời gian này có 3 hồ sơ" in page
    assert 'name="pdf"' not in page  # no print button to press again
    assert page.count('href="/mot-cua/ho-so/') == 3  # the register itself is still there
    monkeypatch.setattr(register_pages, "PRINT_MAX_ROWS", 3)
    response = client.get(f"/mot-cua/so-theo-doi?{PERIOD}&pdf=1")
    assert response.status_code == 200 and response.mimetype == "application/pdf"


def test_an_impossible_period_says_so(api, clock, client):
    clock.set(vn(2026, 11, 23, 8, 0))
    as_officer(client, "motcua")
    for query in ("tu=2026-11-30&den=2026-11-01", "tu=2024-01-01&den=2026-11-01&pdf=1"):
        response = client.get(f"/mot-cua/so-theo-doi?{query}")
        assert response.status_code == 422 and "Khoảng thời gian không hợp lệ" in html(response), query


def test_rows_and_receipts_give_the_entry_in_the_book_of_the_year(api, clock, client, tmp_path):
    """Mẫu 01's «Vào Sổ theo dõi hồ sơ, Quyển số … Số thứ tự …» is the row Mẫu 06 shows the dossier
    at: one book a year, entries in the order received, whatever period the register shows."""
    from tests.workspace.helpers import pdf_text
    ids = []
    for day in (20, 20, 23):
        clock.set(vn(2026, 11, day, 8, 0))
        ids.append(submit_lltp(api, so_ban=len(ids) + 1))
        accept(api, ids[-1])
    clock.set(vn(2027, 1, 4, 8, 0))  # the first working day of 2027: a new book
    ids.append(submit_lltp(api, so_ban=9))
    accept(api, ids[-1])
    as_officer(client, "motcua")
    page = html(client.get("/mot-cua/so-theo-doi?tu=2026-11-23&den=2027-01-04"))
    rows = re.findall(r'<tr><td>(\d+)</td>.*?href="/mot-cua/ho-so/(\d+)"', page, re.S)
    assert [(int(n), int(i)) for n, i in rows] == [(3, ids[2]), (1, ids[3])]
    for dossier_id, book, entry in ((ids[2], 2026, 3), (ids[3], 2027, 1)):
        receipt = client.get(f"/mot-cua/ho-so/{dossier_id}/giay-to/mau-01.pdf").get_data()
        text = " ".join(pdf_text(receipt, tmp_path).split())
        assert f"Vào Sổ theo dõi hồ sơ, Quyển số: {book} Số thứ tự: {entry}" in text, text


def test_an_agency_only_consulted_is_told_why_its_register_is_empty(api, clock, client):
    _received(api, clock, 1)
    as_officer(client, "congan")
    page = html(client.get(f"/mot-cua/so-theo-doi?{PERIOD}"))
    assert ("Công an tỉnh Bình An không tiếp nhận hồ sơ của thủ tục nào nên sổ này luôn trống. Hồ sơ cơ quan "
            "được hỏi ý kiến (liên thông) tìm ở <a href=\"/mot-cua/ho-so\">«Tra cứu hồ sơ»</a>.") in page
    assert "Không có hồ sơ nào được tiếp nhận" not in page
