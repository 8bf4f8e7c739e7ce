"""The reason a dossier was withdrawn, typed by the desk from the citizen's letter or given by the
citizen online, is shown to officers on the dossier page and in its history line."""
from __future__ import annotations

import re

from tests.conftest import vn
from tests.workspace.helpers import accept, as_officer, html, submit_lltp


def _facts(page: str) -> str:
    return page[page.index('<dl class="facts">'):page.index("</dl>")]


def _history_line(page: str, words: str) -> str:
    return next(line for line in re.findall(r"<li>.*?</li>", page, re.S) if words in line)


def test_the_desk_sees_why_a_dossier_was_withdrawn(api, clock, client):
    clock.set(vn(2026, 11, 23, 8, 0))
    at_desk, online = submit_lltp(api), submit_lltp(api, so_ban=3)
    accept(api, at_desk)
    token = as_officer(client, "motcua")
    assert client.post(f"/mot-cua/ho-so/{at_desk}/rut", data={
        "csrf_token": token, "hinh_thuc": "postal", "so_buu_gui": "EB123",
        "ly_do_rut": "Công dân đã ra nước ngoài <b>"}).status_code == 303
    assert api.post(f"/dossiers/{online}/withdraw", "congdan",
                    json={"data": {"ly_do_rut": "Không cần nữa."}}).status_code == 200
    page = html(client.get(f"/mot-cua/ho-so/{at_desk}"))
    assert "Lý do rút hồ sơ</dt><dd>Công dân đã ra nước ngoài &lt;b&gt;</dd>" in _facts(page)
    line = _history_line(page, "«Yêu cầu rút hồ sơ»")
    assert "lý do rút: Công dân đã ra nước ngoài &lt;b&gt;" in line and "số hiệu bưu gửi: EB123" in line
    page = html(client.get(f"/mot-cua/ho-so/{online}"))
    assert "Lý do rút hồ sơ</dt><dd>Không cần nữa.</dd>" in _facts(page)
    assert "lý do rút: Không cần nữa." in _history_line(page, "«Yêu cầu rút hồ sơ»")
