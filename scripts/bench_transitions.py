"""Benchmark: what one dossier transition costs against the engine's own time for it.

ARCHITECTURE.md §2 sets the budget: a transition (lock the dossier, run the engine, write its
state, replace its open tasks, append its events) may cost at most 3x the engine's own time.
This script submits N dossiers, then accepts each one at the one-stop desk twice over:
once through the engine alone (state in, state out) and once through the app's service
(the real transaction), and prints the medians and the SQL statements per transition.

    python scripts/bench_transitions.py [--db URL] [-n 200]

With no --db it uses a fresh SQLite file in a temporary folder. On PostgreSQL it uses a schema
of its own and drops it afterwards. Only loopback servers are touched.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event, select  # noqa: E402

from app.scratch_db import temporary_database  # noqa: E402

PROCEDURE = "2.000635"
FORM = {"ho_ten_nguoi_yeu_cau": "Nguyễn Văn An", "so_cccd": "001090000001", "loai_trich_luc": "khai_sinh",
        "ho_ten_nguoi_duoc_cap": "Nguyễn Thị Bé", "so_ban": 1, "so_dien_thoai": "0912345678"}
AT = datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=None)
    parser.add_argument("-n", type=int, default=200)
    args = parser.parse_args()
    with temporary_database(args.db) as url:
        run(url, args.n)


def run(url: str, n: int) -> None:
    from app import create_app
    from app.cli import prepare_database
    from app.db import db
    from app.dossiers import work
    from app.dossiers.models import Dossier, OpenTask
    from app.dossiers.submission import submit
    from app.users.models import User
    from app.workflow.service import workflow

    app = create_app(db=url, SECRET_KEY="bench")
    prepare_database(app)
    statements = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *a, **k: statements.append(1))
        commit_started, commit_times = [], []
        event.listen(db.engine, "commit", lambda *a: commit_started.append(time.perf_counter()))
        event.listen(db.session, "after_commit",
                     lambda *a: commit_times.append(time.perf_counter() - commit_started.pop()) if commit_started else None)
        citizen = db.session.execute(select(User).filter_by(username="congdan")).scalar_one()
        ids = [submit(citizen, PROCEDURE, {**FORM, "so_ban": 1 + i % 50}, AT, key=f"b{i}")[0].id
               for i in range(n)]
        engine = workflow().engine
        engine_times, app_times, counts, durable = [], [], [], []
        for dossier_id in ids:
            db.session.remove()  # each transition starts like a web request: an empty session
            dossier = db.session.get(Dossier, dossier_id)
            task_id = db.session.execute(select(OpenTask.id).filter_by(dossier_id=dossier_id, closed_at=None)).scalar_one()
            args = (dossier.process_id, dossier.process_version, dossier.workflow_state)
            started = time.perf_counter()
            engine.complete_task(*args, task_id, {"quyet_dinh": "tiep_nhan"}, AT)
            engine_times.append(time.perf_counter() - started)
            desk = db.session.execute(select(User).filter_by(username="motcua")).scalar_one()
            db.session.commit()
            before = len(statements)
            commit_times.clear()
            started = time.perf_counter()
            work.complete(desk, task_id, {"quyet_dinh": "tiep_nhan"}, AT)
            app_times.append(time.perf_counter() - started)
            durable.append(sum(commit_times))
            counts.append(len(statements) - before)
        dialect = db.engine.dialect.name
    engine_ms = statistics.median(engine_times) * 1000
    app_ms = statistics.median(app_times) * 1000
    print(f"database: {dialect}, dossiers: {n}")
    print(f"engine alone, median per transition: {engine_ms:.2f} ms")
    print(f"app transition, median (lock, engine, writes, commit): {app_ms:.2f} ms")
    commit_ms = statistics.median(durable) * 1000
    print(f"  of which the COMMIT (the database making it durable): {commit_ms:.2f} ms")
    print(f"ratio app/engine: {app_ms / engine_ms:.2f}x (budget 3x); "
          f"without the COMMIT: {(app_ms - commit_ms) / engine_ms:.2f}x")
    print(f"SQL statements per transition: median {statistics.median(counts):.0f}, max {max(counts)}")


if __name__ == "__main__":
    main()
