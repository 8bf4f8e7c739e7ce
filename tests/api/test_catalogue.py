"""The catalogue: loaded from files, searched with or without diacritics."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_search_with_or_without_diacritics(api):
    for query in ("cap ban sao", "Cấp bản sao", "CẤP BẢN SAO trích lục", "2.000635"):
        found = api.get(f"/procedures?q={query}").get_json()["items"]
        assert [p["code"] for p in found] == ["2.000635"], query
    assert api.get("/procedures?q=khong co thu tuc nay").get_json()["items"] == []
    assert {p["code"] for p in api.get("/procedures").get_json()["items"]} >= {"2.000635", "2.000488"}


def test_procedure_page_data_has_components_fees_and_form(api):
    body = api.get("/procedures/2.000635").get_json()
    assert body["name"] == "Cấp bản sao trích lục hộ tịch"
    assert body["agency"]["code"] == "000.00.12.H99"
    assert body["processing_time"] == {"amount": 2, "unit": "working_days"}
    assert body["components"] and body["fees"]
    assert body["form"]["schema"]["properties"]["so_ban"]["type"] == "integer"


def test_a_broken_entry_is_reported_and_the_others_still_load(clean_app, tmp_path):
    from app.catalogue.loader import load_catalogue
    from app.catalogue.models import Procedure
    from app.db import db
    shutil.copytree(ROOT / "catalogue", tmp_path, dirs_exist_ok=True)
    (tmp_path / "0.broken.json").write_text("{not json", encoding="utf-8")
    entry = json.loads((ROOT / "catalogue" / "2.000635.json").read_text(encoding="utf-8"))
    entry.update(code="9.000001", agency_code="999.99.99.H99")
    (tmp_path / "9.000001.json").write_text(json.dumps(entry), encoding="utf-8")
    with clean_app.app_context():
        problems = load_catalogue(tmp_path)
        assert len(problems) == 2
        assert any("0.broken.json" in p and "JSON" in p for p in problems)
        assert any("999.99.99.H99" in p for p in problems)
        codes = set(db.session.execute(db.select(Procedure.code)).scalars())
        assert "2.000635" in codes and "9.000001" not in codes
        db.session.remove()
