"""A dossier not coded yet is listed as «Số 8 (chưa cấp mã)»: typing that number finds it, and a
number is also the start of a code."""
from __future__ import annotations

from tests.conftest import vn
from tests.workspace.helpers import ACCEPT, as_officer, html, submit_lltp


def test_a_dossier_without_a_code_is_found_by_its_number(api, clock, client):
    clock.set(vn(2026, 11, 23, 8, 0))
    coded = submit_lltp(api)
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT)
    waiting = submit_lltp(api, ho_ten="Đặng Thị Cúc", so_ban=2)
    as_officer(client, "motcua")
    for typed in (str(waiting), f"Số {waiting}", f"số  {waiting}"):
        found = html(client.get(f"/mot-cua/ho-so?q={typed}"))
        assert f"Số {waiting} (chưa cấp mã)" in found and f'href="/mot-cua/ho-so/{coded}"' not in found, typed
    # The number of a coded dossier is not how it is known: its code is.
    assert f'href="/mot-cua/ho-so/{coded}"' not in html(client.get(f"/mot-cua/ho-so?q={coded}"))
    assert f'href="/mot-cua/ho-so/{coded}"' in html(client.get("/mot-cua/ho-so?q=000"))
