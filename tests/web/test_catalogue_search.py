"""Catalogue search and procedure pages: with or without diacritics, by code, filtered,
hostile queries answered safely, and the database's text index used (query plan)."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select, text

HOSTILE = ['"', "*", 'NEAR("a" "b")', "a OR b AND NOT c", "x" * 10_000, "<script>alert(1)</script>", "%_\\", "'; DROP TABLE procedures; --"]


def _codes(client, **query) -> list[str]:
    html = client.get("/thu-tuc", query_string=query).get_data(as_text=True)
    return re.findall(r'<li><a href="/thu-tuc/([^"]+)"', html)


def test_finds_with_or_without_diacritics_and_by_code(client):
    assert _codes(client, q="cap ban sao") == ["2.000635"]
    assert _codes(client, q="Cấp bản sao trích lục") == ["2.000635"]
    assert _codes(client, q="phieu ly lich") == ["2.000488"]
    assert _codes(client, q="2.000488") == ["2.000488"]
    assert _codes(client, q="tu phap") == ["2.000488", "2.000635"] or set(_codes(client, q="tu phap")) == {"2.000488", "2.000635"}
    assert _codes(client) == ["2.000488", "2.000635"]  # all, by name


def test_filters(client):
    assert _codes(client, co_quan="000.00.12.H99") == ["2.000488", "2.000635"]
    assert _codes(client, co_quan="000.00.30.H99") == []
    assert _codes(client, linh_vuc="Tư pháp", cap="tinh", muc_do="toan_trinh")


def test_ranking_puts_the_exact_code_first_then_relevance(client):
    from app.agencies.models import Agency
    from app.catalogue.loader import upsert
    from app.db import db
    with client.application.app_context():
        for code, name in (("1.000001", "Đăng ký khai sinh có yếu tố nước ngoài"), ("1.000002", "Đăng ký khai sinh"),
                           ("2.000635-x", "Thủ tục có mã 2.000635 trong tên")):
            upsert({"code": code, "name": name, "agency_code": "000.00.12.H99", "sector": "Tư pháp",
                    "processing_time": {"amount": 1, "unit": "working_days"}, "form": "x", "bpmn_process_id": "x"}, "t")
        db.session.commit()
        assert db.session.execute(text("SELECT count(*) FROM agencies")).scalar() == len(db.session.query(Agency).all())
        db.session.remove()
    assert _codes(client, q="2.000635")[0] == "2.000635"
    assert _codes(client, q="dang ky khai sinh")[0] == "1.000002"  # the shorter, closer name first
    assert len(_codes(client, q="khai sinh")) == 2


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_are_answered_safely(client, query):
    response = client.get("/thu-tuc", query_string={"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.get_data(as_text=True)
    assert client.get("/thu-tuc", query_string={"q": "cap ban sao"}).status_code == 200  # table intact


def test_procedure_page_shows_every_component(client):
    html = client.get("/thu-tuc/2.000635").get_data(as_text=True)
    for expected in ("Cấp bản sao trích lục hộ tịch", "2.000635", "Tư pháp", "Hộ tịch", "TP-HT", "Cấp tỉnh",
                     "Sở Tư pháp tỉnh Bình An", "Toàn trình", "2 ngày làm việc", "Trình tự thực hiện",
                     "Giấy tờ tùy thân của người yêu cầu", "Bản chụp hoặc bản sao", "Bắt buộc khi nộp thay",
                     "8.000 đồng/bản", "Căn cứ pháp lý", "Luật Hộ tịch số 60/2014/QH13", "Yêu cầu, điều kiện",
                     "Đối tượng thực hiện", "Nộp hồ sơ trực tuyến"):
        assert expected in html, expected
    assert client.get("/thu-tuc/9.999999").status_code == 404


def test_search_function_filters_ranks_and_facets(clean_app):
    from app.catalogue.search import facets, search
    from app.db import db
    with clean_app.app_context():
        found, total = search("CAP BAN SAO")
        assert total == 1 and [p.code for p in found] == ["2.000635"]
        assert search("2.000488")[0][0].code == "2.000488"
        assert search("", agency_code="000.00.12.H99")[1] == 2
        assert search("", agency_code="000.00.30.H99") == ([], 0)
        assert search(None, sector="Tư pháp", level="tinh", online_level="toan_trinh")[1] >= 1
        assert [p.code for p in search("", per_page=1, page=2)[0]] == ["2.000635"]
        assert search('"*(" -- ^ ' * 1000)[1] == 2  # nothing left to search for: all, by name
        shown = facets()
        assert "Tư pháp" in shown["sectors"] and "tinh" in shown["levels"]
        assert ("000.00.12.H99", "Sở Tư pháp tỉnh Bình An") in shown["agencies"]
        db.session.remove()


def test_text_index_follows_inserts_updates_and_deletes(clean_app):
    from app.catalogue.models import Procedure
    from app.catalogue.search import search
    from app.db import db
    with clean_app.app_context():
        procedure = db.session.execute(select(Procedure).where(Procedure.code == "2.000635")).scalar_one()
        procedure.search_text = "2.000635 giay xac nhan tinh trang hon nhan"
        db.session.commit()
        assert search("cap ban sao")[1] == 0 and search("tinh trang hon nhan")[1] == 1
        db.session.execute(text("DELETE FROM procedures WHERE code = '2.000635'"))
        db.session.commit()
        assert search("tinh trang hon nhan")[1] == 0 and search("")[1] == 1
        if db.engine.dialect.name == "sqlite":  # the external-content index matches its table
            db.session.execute(text("INSERT INTO procedures_fts(procedures_fts) VALUES ('integrity-check')"))
        db.session.remove()


def test_unpublished_procedure_says_it_takes_no_online_dossier(clean_app):
    from app.db import db
    with clean_app.app_context():
        db.session.execute(text("UPDATE procedures SET published = :no WHERE code = '2.000635'"), {"no": False})
        db.session.commit()
        db.session.remove()
    html = clean_app.test_client().get("/thu-tuc/2.000635").get_data(as_text=True)
    assert "Nộp hồ sơ trực tuyến" not in html and "chưa nhận hồ sơ trực tuyến" in html


def _plan(statement) -> str:
    from app.db import db
    compiled = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
    prefix = "EXPLAIN QUERY PLAN" if db.engine.dialect.name == "sqlite" else "EXPLAIN"
    return "\n".join(" ".join(str(c) for c in row) for row in db.session.execute(text(f"{prefix} {compiled}")))


def test_search_uses_the_text_index(clean_app):
    from app.catalogue.search import statement
    from app.db import db
    with clean_app.app_context():
        query = statement("cap ban")  # the search's own SELECT: joins, exact-code and relevance order
        if db.engine.dialect.name == "sqlite":
            plan = _plan(query)
            assert "procedures_fts VIRTUAL TABLE INDEX" in plan, plan
        else:
            # A catalogue of realistic size with statistics, so the planner weighs the index as
            # it would in production (on two rows any plan is as good).
            agency_id = db.session.execute(text("SELECT id FROM agencies LIMIT 1")).scalar()
            db.session.execute(text(
                "INSERT INTO procedures (code, name, search_text, agency_id, processing_amount, processing_unit, "
                "form, bpmn_process_id, published, details) SELECT 'b.' || n, 'Thủ tục ' || n, "
                "'thu tuc so ' || n || ' linh vuc ' || (n % 50), :agency, 1, 'working_days', 'x', 'x', false, '{}' "
                "FROM generate_series(1, 3000) AS n"), {"agency": agency_id})
            db.session.execute(text("ANALYZE procedures"))
            plan = _plan(query)
            assert "ix_procedures_search" in plan, plan
        db.session.rollback()
        db.session.remove()
