"""The scenario runner keeps a dossier's appointment (ngày hẹn trả) as the app keeps it: issued
at reception from the catalogue's processing time, moved by the time the applicant took to pay,
restarted by a full supplement during processing, and taken by a step with no time limit of its
own (ANALYST.md QT-06, QT-15, QT-40). The same dossier goes through the app over the API and
through a scenario with the same instants; the scenario expects what the app showed."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from engine.scenarios import format_report, run_file
from tests.conftest import vn
from tests.workspace.helpers import (
    ACCEPT, APPROVAL, APPROVE, ASK, CHECKED, POLICE, POLICE_TASK, SEARCH, dossier, submit_lltp,
)
from tests.api.test_lifecycle import LLTP_FORM, pay

ROOT = Path(__file__).resolve().parents[2]
SUPPLEMENT = {"noi_cu_tru": "12 Lê Lợi, phường An Bình (từ 1990)"}


def _local(instant: str) -> str:
    return instant[:16].replace("T", " ")  # the app's ISO 8601 in +07:00, as an analyst writes it


@pytest.mark.rule("QT-15")
@pytest.mark.rule("QT-40")
@pytest.mark.rule("QT-06")
def test_the_scenario_appointment_is_the_apps(api, clock, tmp_path):
    clock.set(vn(2026, 11, 23, 8, 0))
    dossier_id = submit_lltp(api)
    assert dossier(api, dossier_id)["due_at"] is None
    api.complete("motcua", "Tiếp nhận hồ sơ", ACCEPT, dossier=dossier_id)
    received = dossier(api, dossier_id)["due_at"]
    clock.set(vn(2026, 11, 23, 10, 0))  # paid two working hours after being asked
    pay(api, dossier_id)
    paid = dossier(api, dossier_id)["due_at"]
    clock.set(vn(2026, 11, 25, 9, 0))
    api.complete("chuyenvien", SEARCH, ASK, dossier=dossier_id)
    clock.set(vn(2026, 11, 27, 10, 0))
    response = api.post(f"/dossiers/{dossier_id}/supplement", "congdan", json={"data": SUPPLEMENT})
    assert response.status_code == 200, response.get_json()
    supplemented = dossier(api, dossier_id)["due_at"]
    api.complete("chuyenvien", SEARCH, CHECKED, dossier=dossier_id)
    api.complete("congan", POLICE_TASK, POLICE, dossier=dossier_id)
    api.complete("lanhdao", APPROVAL, APPROVE, dossier=dossier_id)
    state = dossier(api, dossier_id)
    [returning] = [t for t in state["open_tasks"] if t["name"] == "Trả kết quả"]
    assert len({received, paid, supplemented}) == 3 and returning["due_at"] == supplemented == state["due_at"]

    steps = [
        {"kiem_tra": {"hen_tra": "khong"}},
        {"lam": "Tiếp nhận hồ sơ", "du_lieu": ACCEPT},
        {"kiem_tra": {"hen_tra": _local(received)}},
        {"gui": "thanh_toan", "luc": "2026-11-23 10:00", "du_lieu": {"hinh_thuc_nop": "truc_tiep"}},
        {"kiem_tra": {"hen_tra": _local(paid)}},
        {"lam": SEARCH, "luc": "2026-11-25 09:00", "du_lieu": ASK},
        {"gui": "bo_sung", "luc": "2026-11-27 10:00", "du_lieu": SUPPLEMENT},
        {"kiem_tra": {"hen_tra": _local(supplemented)}},
        {"lam": SEARCH, "du_lieu": CHECKED},
        {"lam": POLICE_TASK, "du_lieu": POLICE},
        {"lam": APPROVAL, "du_lieu": APPROVE},
        {"kiem_tra": {"hen_tra": _local(supplemented), "han": {"Trả kết quả": _local(returning["due_at"])}}},
    ]
    path = tmp_path / "cap_phieu_ly_lich_tu_phap.kich-ban.yaml"
    path.write_text(yaml.safe_dump({
        "quy_trinh": "cap_phieu_ly_lich_tu_phap", "du_lieu_chung": LLTP_FORM,
        "kich_ban": [{"ten": "Như trên hệ thống", "bat_dau": "2026-11-23 08:00", "buoc": steps}]},
        allow_unicode=True, sort_keys=False), encoding="utf-8")
    report = run_file(path, ROOT / "bpmn", ROOT / "forms", catalogue_dir=ROOT / "catalogue")
    assert report.ok, "\n".join(format_report(report))
