"""Dossier codes under concurrent reception: a per-agency, per-day counter that never hands
out the same number twice (run on PostgreSQL by .ci/run, where the threads truly overlap)."""
from __future__ import annotations

import threading

from tests.api.test_lifecycle import ACCEPT, BAN_SAO, BAN_SAO_FORM, dossier, submit
from tests.conftest import vn

THREADS = 8
EACH = 5


def run_together(count: int, work) -> list:
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run(index):
        try:
            barrier.wait()
            results.append(work(index))
        except Exception as exc:  # reported below with the thread's failure
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results


def test_concurrent_counters_never_repeat_a_number(clean_app):
    from app.agencies.models import Agency
    from app.db import db
    from app.dossiers.codes import issue_code
    from app.workflow.service import workflow
    at = vn(2026, 11, 23, 9, 0)

    def work(index):
        codes = []
        with clean_app.app_context():
            tz = workflow().calendar.tz
            agency = db.session.execute(db.select(Agency).filter_by(code="000.00.12.H99")).scalar_one()
            db.session.rollback()
            for attempt in range(EACH):
                code = issue_code(agency, at, tz)
                if index == 0 and attempt == 0:
                    db.session.rollback()  # an abandoned reception gives its number back unused
                    continue
                db.session.commit()
                codes.append(code)
            db.session.remove()
        return codes

    codes = [c for batch in run_together(THREADS, work) for c in batch]
    expected = [f"000.00.12.H99-261123-{n:04d}" for n in range(1, THREADS * EACH)]
    assert sorted(codes) == expected


def test_concurrent_acceptances_over_http_get_distinct_codes(api, clean_app, clock):
    clock.set(vn(2026, 11, 23, 9, 0))
    ids = [submit(api, BAN_SAO, {**BAN_SAO_FORM, "so_ban": n})["id"] for n in range(1, 7)]
    tasks = [t["id"] for t in api.get("/tasks", "motcua").get_json()["items"]]
    token = api.token("motcua")

    def work(index):
        response = clean_app.test_client().post(
            f"/api/v1/tasks/{tasks[index]}/complete", json={"data": ACCEPT},
            headers={"Authorization": f"Bearer {token}"})
        return response.status_code

    assert run_together(len(tasks), work) == [200] * len(tasks)
    codes = sorted(dossier(api, i)["code"] for i in ids)
    assert codes == [f"000.00.12.H99-261123-{n:04d}" for n in range(1, 7)]
