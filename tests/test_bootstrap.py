"""A province's own installation, with no demo data: the schema, its agencies from a file, the
first administrator from the command line (the printed link sets the password), then officers
opened from the administrator's pages. A broken agencies file changes nothing."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.web.pages import csrf

ROOT = Path(__file__).resolve().parents[1]
AGENCIES = [
    {"code": "000.00.00.G22", "name": "Ủy ban nhân dân tỉnh Quảng Ninh", "level": "tinh",
     "address": "Phường Hồng Hà, thành phố Hạ Long", "phone": "0203 3835 000"},
    {"code": "000.00.12.G22", "name": "Sở Tư pháp tỉnh Quảng Ninh", "parent": "000.00.00.G22"},
]
PASSWORD = "QuanTri2026Moi"


def motcua(url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "MOTCUA_DATABASE_URL": url, "MOTCUA_SECRET_KEY": "bootstrap-secret",
           "MOTCUA_PUBLIC_URL": "https://dichvucong.quangninh.example.vn"}
    return subprocess.run([sys.executable, "-m", "app.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env=env, check=False)


def test_a_new_province_starts_from_its_agencies_and_a_first_administrator(tmp_path):
    from app import create_app
    from app.scratch_db import temporary_database
    with temporary_database(os.environ.get("MOTCUA_DATABASE_URL")) as url:
        assert motcua(url, "db", "upgrade").returncode == 0
        broken = tmp_path / "broken.json"
        broken.write_text(json.dumps([*AGENCIES, {"code": "12", "name": ""},
                                      {"code": "000.00.15.G22", "name": "Sở Xây dựng", "parent": "000.00.99.G22"}]),
                          encoding="utf-8")
        refused = motcua(url, "agencies", "load", str(broken))
        assert refused.returncode == 1
        assert "mục 3: mã định danh «12» không đúng dạng" in refused.stderr
        assert "không có cơ quan cấp trên «000.00.99.G22»" in refused.stderr
        agencies = tmp_path / "agencies.json"
        agencies.write_text(json.dumps(AGENCIES, ensure_ascii=False), encoding="utf-8")
        loaded = motcua(url, "agencies", "load", str(agencies))
        assert loaded.returncode == 0 and "Đã nạp 2 cơ quan mới, cập nhật 0 cơ quan." in loaded.stdout
        again = motcua(url, "agencies", "load", str(agencies))
        assert "Đã nạp 0 cơ quan mới, cập nhật 2 cơ quan." in again.stdout
        # A loop in the tree, against what the system holds or of one agency with itself: refused, unchanged.
        for loop, chain in (([{**AGENCIES[0], "parent": "000.00.12.G22"}], "000.00.00.G22 → 000.00.12.G22 → 000.00.00.G22"),
                            ([{**AGENCIES[1], "parent": "000.00.12.G22"}], "000.00.12.G22 → 000.00.12.G22")):
            path = tmp_path / "loop.json"
            path.write_text(json.dumps(loop, ensure_ascii=False), encoding="utf-8")
            refused = motcua(url, "agencies", "load", str(path))
            assert refused.returncode == 1 and "Traceback" not in refused.stderr, refused.stderr
            assert f"làm các cơ quan thành vòng tròn ({chain}): một cơ quan không thể ở dưới chính nó" in refused.stderr
        assert "Đã nạp 0 cơ quan mới, cập nhật 2 cơ quan." in motcua(url, "agencies", "load", str(agencies)).stdout

        wrong = motcua(url, "officers", "add", "quantri", "--name", "Nguyễn Thị Quản", "--email", "qt@quangninh.example.vn",
                       "--role", "admin", "--agency", "000.00.99.G22")
        assert wrong.returncode == 1 and "không có cơ quan mã «000.00.99.G22»" in wrong.stderr
        made = motcua(url, "officers", "add", "quantri", "--name", "Nguyễn Thị Quản", "--email", "qt@quangninh.example.vn",
                      "--role", "admin", "--agency", "000.00.00.G22")
        assert made.returncode == 0, made.stderr
        link = re.search(r"https://dichvucong\.quangninh\.example\.vn(/dat-lai-mat-khau/\S+)", made.stdout).group(1)

        app = create_app(db=url, SECRET_KEY="bootstrap-secret", MOTCUA_RELOAD_SECONDS=0)
        client = app.test_client()
        done = client.post(link, data={"csrf_token": csrf(client, link), "mat_khau": PASSWORD,
                                       "nhap_lai_mat_khau": PASSWORD})
        assert done.status_code == 303
        logged = client.post("/dang-nhap", data={"csrf_token": csrf(client, "/dang-nhap"), "ten_dang_nhap": "quantri",
                                                 "mat_khau": PASSWORD})
        assert logged.status_code == 303 and logged.headers["Location"] == "/mot-cua"
        page = client.get("/mot-cua/can-bo/moi").get_data(as_text=True)
        justice = re.search(r'<option value="(\d+)">Sở Tư pháp tỉnh Quảng Ninh', page).group(1)
        created = client.post("/mot-cua/can-bo/moi", data={
            "csrf_token": csrf(client, "/mot-cua/can-bo/moi"), "ten_dang_nhap": "motcua.stp", "ho_ten": "Trần Văn Một",
            "email": "motcua.stp@quangninh.example.vn", "vai_tro": "one_stop", "co_quan": justice})
        assert created.status_code == 303
        listed = client.get("/mot-cua/can-bo").get_data(as_text=True)
        assert "Trần Văn Một" in listed and "Nguyễn Thị Quản" in listed and "Chưa kích hoạt" in listed
        with app.app_context():
            from app.db import db
            db.session.remove()
            db.engine.dispose()
