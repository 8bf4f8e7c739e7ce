"""Benchmark: catalogue search with 5,000 procedures (Quảng Ninh-sized catalogues hold about
2,000; 5,000 leaves room), through the same function the /thu-tuc page calls.

    python scripts/bench_search.py [--db URL] [-n 5000] [--repeat 50]

Prints the median and p95 of each query, and of the /thu-tuc page itself.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text  # noqa: E402

from app.scratch_db import temporary_database  # noqa: E402

VERBS = ["Cấp", "Cấp lại", "Cấp đổi", "Đăng ký", "Gia hạn", "Điều chỉnh", "Thu hồi", "Xác nhận", "Thẩm định", "Công nhận"]
OBJECTS = ["giấy phép xây dựng", "bản sao trích lục hộ tịch", "phiếu lý lịch tư pháp", "giấy chứng nhận quyền sử dụng đất",
           "giấy phép kinh doanh vận tải", "chứng chỉ hành nghề dược", "giấy phép lái xe", "khai sinh", "kết hôn",
           "giấy phép môi trường", "hộ kinh doanh", "giấy phép lao động cho người nước ngoài", "chứng chỉ quy hoạch"]
QUALIFIERS = ["", " có yếu tố nước ngoài", " cho tổ chức", " cho cá nhân", " tại cấp xã", " trong khu công nghiệp",
              " đối với công trình cấp III", " lần đầu"]
SECTORS = ["Tư pháp", "Xây dựng", "Tài nguyên và Môi trường", "Giao thông vận tải", "Y tế", "Lao động", "Công thương"]
QUERIES = ["cap ban sao", "giấy phép xây dựng", "2.004017", "khai sinh co yeu to nuoc ngoai", "gia han giay phep",
           "x", "chung chi hanh nghe duoc cho ca nhan", ""]


def seed(n: int) -> None:
    from app.catalogue.loader import upsert
    from app.db import db
    rng = random.Random(7)
    for i in range(n):
        name = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}{rng.choice(QUALIFIERS)}"
        upsert({"code": f"2.{4000 + i:06d}", "name": name, "agency_code": "000.00.12.H99",
                "sector": rng.choice(SECTORS), "level": rng.choice(["tinh", "xa"]),
                "online_level": rng.choice(["toan_trinh", "mot_phan"]),
                "processing_time": {"amount": rng.randint(1, 20), "unit": "working_days"},
                "form": "x", "bpmn_process_id": "x", "published": False}, "bench")
        if i % 500 == 0:
            db.session.flush()
    db.session.commit()
    # What autovacuum does after a bulk load: without statistics the planner may scan the table.
    db.session.execute(text("ANALYZE procedures" if db.engine.dialect.name == "postgresql" else "ANALYZE"))
    db.session.commit()


def measure(function, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def run(url: str, n: int, repeat: int) -> None:
    from app import create_app
    from app.catalogue.search import search
    from app.cli import prepare_database
    from app.db import db
    app = create_app(db=url, SECRET_KEY="bench")
    prepare_database(app)
    with app.app_context():
        seed(n)
        dialect = db.engine.dialect.name
        print(f"database: {dialect}, procedures: {n + 2}, runs per query: {repeat}")
        for query in QUERIES:
            median, p95 = measure(lambda: search(query), repeat)
            total = search(query)[1]
            print(f"  search {query!r:<40} {total:>5} found  median {median:6.2f} ms  p95 {p95:6.2f} ms")
        db.session.remove()
    client = app.test_client()
    median, p95 = measure(lambda: client.get("/thu-tuc?q=giay+phep+xay+dung"), repeat)
    print(f"  page /thu-tuc?q=giay+phep+xay+dung          median {median:6.2f} ms  p95 {p95:6.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=None)
    parser.add_argument("-n", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    with temporary_database(args.db) as url:
        run(url, args.n, args.repeat)


if __name__ == "__main__":
    main()
