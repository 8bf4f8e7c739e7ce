"""The catalogue: loaded from files, searched with or without diacritics."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

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


def test_a_closed_procedure_is_described_without_its_form(api, clean_app):
    """Closed to new dossiers (its form may be why, app/catalogue/loader.py): said, and its form
    is not read."""
    from sqlalchemy import update

    from app.catalogue.models import Procedure
    from app.db import db
    with clean_app.app_context():
        db.session.execute(update(Procedure).where(Procedure.code == "2.000635").values(published=False))
        db.session.commit()
        db.session.remove()
    body = api.get("/procedures/2.000635").get_json()
    assert body["published"] is False and "form" not in body and body["name"] == "Cấp bản sao trích lục hộ tịch"


@pytest.mark.rule("QT-25")
def test_a_broken_entry_is_reported_and_the_others_still_load(clean_app, tmp_path):
    from app.catalogue.loader import load_catalogue
    from app.catalogue.models import Procedure
    from app.db import db
    shutil.copytree(ROOT / "catalogue", tmp_path, dirs_exist_ok=True)
    (tmp_path / "0.broken.json").write_text("{not json", encoding="utf-8")
    entry = json.loads((ROOT / "catalogue" / "2.000635.json").read_text(encoding="utf-8"))
    entry.update(code="9.000001", agency_code="999.99.99.H99")
    (tmp_path / "9.000001.json").write_text(json.dumps(entry), encoding="utf-8")
    (tmp_path / "9.000002.json").write_text(json.dumps({**entry, "code": "9.000002", "agency_code": "000.00.12.H99",
                                                        "form": "khong_co/don.schema.json"}), encoding="utf-8")
    (tmp_path / "9.000003.json").write_text(json.dumps({**entry, "code": "9.000003", "agency_code": "000.00.12.H99",
                                                        "bpmn_process_id": "chua_ve"}), encoding="utf-8")
    (tmp_path / "9.000004.json").write_text("[1, 2]", encoding="utf-8")
    with clean_app.app_context():
        problems = load_catalogue(tmp_path, ROOT / "forms", {"cap_ban_sao_trich_luc_ho_tich", "cap_phieu_ly_lich_tu_phap"})
        assert len(problems) == 5, problems
        assert any("0.broken.json" in p and "JSON" in p for p in problems)
        assert any("999.99.99.H99" in p for p in problems)
        assert any("khong_co/don.schema.json" in p for p in problems)
        assert any("chua_ve" in p for p in problems)
        published = dict(db.session.execute(db.select(Procedure.code, Procedure.published)).all())
        assert published["2.000635"] is True and published["9.000003"] is False
        assert not {"9.000001", "9.000002", "9.000004"} & set(published)
        db.session.remove()


@pytest.mark.rule("QT-64")
def test_an_entry_whose_file_is_deleted_stops_taking_dossiers_until_put_back(api, clean_app, tmp_path):
    from app.catalogue.loader import load_catalogue
    from app.catalogue.models import Procedure
    from app.db import db
    shutil.copytree(ROOT / "catalogue", tmp_path, dirs_exist_ok=True)
    processes = {"cap_ban_sao_trich_luc_ho_tich", "cap_phieu_ly_lich_tu_phap"}

    def load():
        with clean_app.app_context():
            problems = load_catalogue(tmp_path, ROOT / "forms", processes)
            published = dict(db.session.execute(db.select(Procedure.code, Procedure.published)).all())
            db.session.remove()
        return problems, published

    kept = (tmp_path / "2.000635.json").read_text(encoding="utf-8")
    (tmp_path / "2.000635.json").unlink()
    problems, published = load()
    assert published == {"2.000635": False, "2.000488": True}
    assert problems == ["Thủ tục «Cấp bản sao trích lục hộ tịch» (2.000635) không còn tệp mục danh mục trong thư "
                        "mục catalogue/ (tệp 2.000635.json đã bị xóa hoặc đổi tên): thủ tục ngừng nhận hồ sơ mới; hồ "
                        "sơ đang giải quyết vẫn đi tiếp. Muốn nhận hồ sơ lại, đặt lại tệp vào thư mục; muốn ngừng "
                        "hẳn, nên giữ tệp và ghi \"published\": false."]
    assert "2.000635" not in {p["code"] for p in api.get("/procedures").get_json()["items"]}
    assert load() == ([], {"2.000635": False, "2.000488": True})  # said once, when it closed
    # A file that cannot be read may be any entry's: the other one is not taken for deleted.
    (tmp_path / "2.000488.json").rename(tmp_path / "ban-nhap.json")
    (tmp_path / "ban-nhap.json").write_text("{not json", encoding="utf-8")
    problems, published = load()
    assert published["2.000488"] is True and len(problems) == 1 and "ban-nhap.json" in problems[0]
    # Put back, it takes dossiers again.
    (tmp_path / "2.000635.json").write_text(kept, encoding="utf-8")
    problems, published = load()
    assert published["2.000635"] is True
    assert "2.000635" in {p["code"] for p in api.get("/procedures").get_json()["items"]}


@pytest.mark.rule("QT-25")
def test_a_closed_procedure_is_not_listed_and_takes_no_dossier(api, clean_app):
    from app.catalogue.models import Procedure
    from app.db import db
    from tests.api.test_lifecycle import BAN_SAO_FORM
    with clean_app.app_context():
        db.session.execute(db.update(Procedure).where(Procedure.code == "2.000635").values(published=False))
        db.session.commit()
        db.session.remove()
    assert api.get("/procedures?q=cap ban sao").get_json()["items"] == []
    response = api.post("/dossiers", "congdan", json={"procedure_code": "2.000635", "data": BAN_SAO_FORM})
    assert response.status_code == 409
    assert "chưa nhận hồ sơ trực tuyến" in response.get_json()["error"]["message"]
