"""The dossier page's diagram tells a step finished late from the step the dossier is at, overdue
or not, by more than colour: a late step keeps its done colours with a red dashed outline, the
current step has a ring around it (dashed when overdue), each step's title says its state, and
the legend lists the four kinds drawn the same way."""
from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from tests.conftest import vn
from tests.workspace.helpers import CHECKED, POLICE, POLICE_TASK, SEARCH, accept, as_officer, html, submit_lltp

SVG = "{http://www.w3.org/2000/svg}"


def _steps(page: str) -> dict[str, etree._Element]:
    svg = re.search(r'<svg [^>]*class="bpmn-diagram".*?</svg>', page, re.S).group(0)
    root = etree.fromstring(svg.encode())
    return {g.get("data-element-id"): g for g in root.iter(f"{SVG}g") if g.get("data-element-id")}


def _state(group) -> str | None:
    return next((c[len("state-"):] for c in group.get("class", "").split() if c.startswith("state-")), None)


def _title(group) -> str:
    return group.find(f"{SVG}title").text


def _outline(group):
    return next(child for child in group if child.tag != f"{SVG}title")


def _ring(group):
    return group.find("*[@class='current-ring']")


def _late_search_overdue_police(api, clock) -> int:
    """Received 23/11/2026 08:00; the search (due 01/12 08:00) done on 02/12 09:30, late; the police
    consultation (due 01/12) still open: where the dossier is, overdue."""
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    accept(api, dossier_id)
    clock.set(vn(2026, 12, 2, 9, 30))
    api.complete("chuyenvien", SEARCH, CHECKED)
    return dossier_id


def test_a_step_finished_late_is_done_with_a_late_mark_and_the_overdue_step_is_current(api, clock, client):
    dossier_id = _late_search_overdue_police(api, clock)
    as_officer(client, "lanhdao")
    steps = _steps(html(client.get(f"/mot-cua/ho-so/{dossier_id}")))
    done, search, police = steps["Task_tiep_nhan"], steps["Task_tra_cuu"], steps["Task_y_kien_cong_an"]
    assert [_state(g) for g in (done, search, police)] == ["done", "done-late", "current-late"]
    assert _title(done) == "Tiếp nhận hồ sơ: Đã hoàn thành"
    assert _title(search) == f"{SEARCH}: Đã hoàn thành (trễ hạn)"
    assert _title(police) == f"{POLICE_TASK}: Đang xử lý (quá hạn)"
    # Done colours (the green fill) with a red dashed outline; no ring: the dossier is not there.
    assert _outline(search).get("fill") == _outline(done).get("fill")
    assert _outline(search).get("stroke") == "#b3261e" and _outline(search).get("stroke-dasharray")
    assert _outline(done).get("stroke-dasharray") is None and _ring(search) is None and _ring(done) is None
    # The overdue step is where the dossier is: the ring, dashed because it is late.
    assert _ring(police) is not None and _ring(police).get("stroke-dasharray")
    assert _outline(police).get("fill") != _outline(search).get("fill")


def test_the_current_step_on_time_has_a_solid_ring_and_the_late_one_stays_marked(api, clock, client):
    dossier_id = _late_search_overdue_police(api, clock)
    clock.set(vn(2026, 12, 2, 10, 0))
    api.complete("congan", POLICE_TASK, POLICE)
    as_officer(client, "lanhdao")
    page = html(client.get(f"/mot-cua/ho-so/{dossier_id}"))
    steps = _steps(page)
    approval, police = steps["Task_phe_duyet"], steps["Task_y_kien_cong_an"]
    assert _state(approval) == "current" and _title(approval) == "Phê duyệt, ký Phiếu: Đang xử lý"
    assert _ring(approval) is not None and _ring(approval).get("stroke-dasharray") is None
    assert _state(police) == "done-late" and _ring(police) is None  # no longer where the dossier is
    assert "Quá hạn" not in "".join(_title(g) for g in steps.values() if g.find(f"{SVG}title") is not None)
    # The legend: four kinds, each drawn as on the diagram (dashes for late, a ring for current).
    items = lxml_html.fromstring(page).xpath("//section[@id='so-do-quy-trinh']//ul[@class='legend']/li")
    assert [" ".join(li.text_content().split()) for li in items] == [
        "Đã hoàn thành", "Đã hoàn thành (trễ hạn)", "Đang xử lý", "Đang xử lý (quá hạn)"]
    rects = [li.xpath(".//rect") for li in items]
    assert [len(r) for r in rects] == [1, 1, 2, 2]  # the current kinds have their ring
    assert [r[-1].get("stroke-dasharray") for r in rects] == [None, "6,3", None, None]
    assert [r[0].get("stroke-dasharray") for r in rects[2:]] == [None, "6,3"]
    assert "Nét đứt là trễ hạn" in page
