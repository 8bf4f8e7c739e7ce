"""Audit #25: an officer with nothing to do yet (the coordinator of the demo province) is told
what the role works on and where its work comes from, not only "nothing found"; the inbox offers
no procedure filter that has nothing to choose."""
from __future__ import annotations

import re

from tests.conftest import vn
from tests.workspace.helpers import as_officer, html, submit_lltp


def _main(page: str) -> str:
    return page[page.index("<main"):page.index("</main>")]


def test_the_coordinator_reads_what_the_role_is_for(api, clock, client):
    clock.set(vn(2026, 11, 23, 9, 0))
    submit_lltp(api)  # work for the Department of Justice, none for the coordinator
    as_officer(client, "dieuphoi")
    inbox = _main(html(client.get("/mot-cua")))
    assert "Chưa có công việc nào cho Điều phối của Ủy ban nhân dân tỉnh Bình An." in inbox
    assert "làn «Điều phối»" in inbox and "đề nghị quản trị hệ thống" in inbox
    assert 'id="thu_tuc"' not in inbox  # no procedure to filter by
    searched = _main(html(client.get("/mot-cua/ho-so")))
    assert "Không tìm thấy hồ sơ nào" not in searched
    assert "Ủy ban nhân dân tỉnh Bình An chưa có hồ sơ nào." in searched and "làn «Điều phối»" in searched
    # A search that finds nothing still says so, about what was searched.
    nothing = _main(html(client.get("/mot-cua/ho-so?q=Nguyễn")))
    assert "Không tìm thấy hồ sơ nào phù hợp với «Nguyễn»" in nothing and "làn «Điều phối»" not in nothing
    filtered = _main(html(client.get("/mot-cua?han=qua-han")))
    assert "Không có công việc nào phù hợp với điều kiện lọc." in filtered


def test_an_officer_with_work_sees_the_list_and_the_procedure_filter(api, clock, client):
    clock.set(vn(2026, 11, 23, 9, 0))
    submit_lltp(api)
    as_officer(client, "motcua")
    inbox = _main(html(client.get("/mot-cua")))
    assert re.search(r'<select id="thu_tuc"[^>]*>\s*<option value="">Tất cả thủ tục</option>\s*<option', inbox)
    assert "Chưa có công việc nào cho" not in inbox
