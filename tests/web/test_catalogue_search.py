"""Catalogue search and procedure pages: with or without diacritics, by code, filtered,
hostile queries answered safely, and the database's text index used (query plan)."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import text

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


def test_search_uses_the_text_index(clean_app):
    from app.catalogue.search import Filters, _matching, words
    from app.db import db
    with clean_app.app_context():
        dialect = db.engine.dialect.name
        if dialect == "sqlite":
            from sqlalchemy import select
            from app.catalogue.models import Procedure
            from app.catalogue.search import _FTS
            clause, _ = _matching(words("cap ban"))
            statement = select(Procedure.id).join(_FTS, _FTS.c.rowid == Procedure.id).where(clause)
            compiled = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
            plan = db.session.execute(text(f"EXPLAIN QUERY PLAN {compiled}")).all()
            assert any("VIRTUAL TABLE INDEX" in str(row) for row in plan), plan
        else:
            db.session.execute(text("SET LOCAL enable_seqscan = off"))
            clause, _ = _matching(words("cap ban"))
            from sqlalchemy import select
            from app.catalogue.models import Procedure
            compiled = select(Procedure.id).where(clause).compile(db.engine, compile_kwargs={"literal_binds": True})
            plan = "\n".join(r[0] for r in db.session.execute(text(f"EXPLAIN {compiled}")))
            assert "ix_procedures_search" in plan, plan
        db.session.rollback()
        db.session.remove()
    assert Filters() == Filters()
