"""Catalogue search and procedure pages: with or without diacritics, by code, filtered, ranked,
paginated, hostile input answered safely, the text index kept in step with the table and used
by the query plan, and its migration reversible."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select, text

from tests.plans import query_plan
from tests.schema_at import schema_at

SO_TU_PHAP, CONG_AN, PHUONG = "000.00.12.H99", "000.00.30.H99", "000.20.01.H99"
HOSTILE = ['"', "*", "NEAR(", 'NEAR("cap" "ban", 2)', "cap AND", "-cap OR ^ban", "{search_text} : cap", "name: x",
           "cap:* & !ban | (", "' OR 1=1 --", "'; DROP TABLE procedures; --", "%_\\", "x" * 10_000, "đ" * 300,
           "<script>alert(1)</script>", "cap\x00ban", "\x00", "𝒳 🙂 中文", "a " * 500]


def _codes(client, **query) -> list[str]:
    response = client.get("/thu-tuc", query_string=query)
    assert response.status_code == 200
    return re.findall(r'<h3><a href="/thu-tuc/([^"]+)"', response.get_data(as_text=True))


def _add(app, *entries) -> None:
    """Procedures through the catalogue loader, so their search text is built as in production."""
    from app.catalogue.loader import upsert
    from app.db import db
    with app.app_context():
        for entry in entries:
            upsert({"agency_code": SO_TU_PHAP, "sector": "Tư pháp", "level": "tinh", "online_level": "mot_phan",
                    "processing_time": {"amount": 5, "unit": "working_days"}, "form": "x", "bpmn_process_id": "x",
                    "published": False, **entry}, "test")
        db.session.commit()
        db.session.remove()


def test_finds_with_or_without_diacritics_by_code_and_by_field(client):
    assert _codes(client, q="cap ban sao") == ["2.000635"]
    assert _codes(client, q="Cấp bản sao trích lục") == ["2.000635"]
    assert _codes(client, q="CẤP BẢN SAO") == ["2.000635"]
    assert _codes(client, q="trich luc ho") == ["2.000635"]  # the last word as a prefix
    assert _codes(client, q="phieu ly lich") == ["2.000488"]
    assert _codes(client, q="2.000488") == ["2.000488"]
    assert _codes(client, q="2.0006") == ["2.000635"]  # a code's beginning
    assert _codes(client, q="TP-LLTP") == ["2.000488"]  # the field code
    assert set(_codes(client, q="so tu phap binh an")) == {"2.000488", "2.000635"}  # the agency
    assert _codes(client, q="khai sinh") == []
    assert _codes(client) == ["2.000635", "2.000488"]  # everything, by name


def test_filters_by_sector_agency_level_and_online_level(client):
    _add(client.application,
         {"code": "1.000001", "name": "Đăng ký khai sinh", "agency_code": PHUONG, "level": "xa"},
         {"code": "1.000002", "name": "Cấp giấy phép xây dựng", "sector": "Xây dựng",
          "agency_code": "000.00.15.H99", "online_level": "toan_trinh"})
    assert _codes(client, co_quan=SO_TU_PHAP) == ["2.000635", "2.000488"]
    assert _codes(client, co_quan=PHUONG) == ["1.000001"]
    assert _codes(client, co_quan=CONG_AN) == []  # an agency without procedures
    assert _codes(client, linh_vuc="Xây dựng") == ["1.000002"]
    assert _codes(client, cap="xa") == ["1.000001"]
    assert _codes(client, muc_do="mot_phan") == ["1.000001"]
    assert _codes(client, q="cap", linh_vuc="Tư pháp", cap="tinh", muc_do="toan_trinh") == ["2.000635", "2.000488"]
    page = client.get("/thu-tuc", query_string={"linh_vuc": "Y tế"}).get_data(as_text=True)
    assert "Không tìm thấy thủ tục nào theo điều kiện lọc đã chọn" in page
    assert '<option value="Y tế" selected>' in page  # the select shows the filter applied
    assert "Xóa tìm kiếm và bộ lọc" in page


def test_facets_list_what_the_catalogue_has(client):
    from app.catalogue.search import facets
    _add(client.application, {"code": "1.000001", "name": "Đăng ký khai sinh", "agency_code": PHUONG, "level": "xa"})
    with client.application.app_context():
        shown = facets()
    assert shown["sectors"] == ["Tư pháp"] and shown["levels"] == ["tinh", "xa"]
    assert [code for code, _ in shown["agencies"]] == [SO_TU_PHAP, PHUONG]  # by name; none without procedures
    page = client.get("/thu-tuc").get_data(as_text=True)
    for option in ('<option value="tinh">Cấp tỉnh</option>', '<option value="xa">Cấp xã</option>',
                   f'<option value="{PHUONG}">Ủy ban nhân dân phường An Bình</option>',
                   '<option value="mot_phan">Một phần</option>'):
        assert option in page, option
    assert CONG_AN not in page


def test_ranking_exact_code_then_name_matches_then_relevance(client):
    _add(client.application,
         # mentions the code twice in its text, but it is not the procedure with that code
         {"code": "1.000010", "name": "Thủ tục thay thế 2.000635 (hướng dẫn 2.000635)"},
         {"code": "1.000011", "name": "Đăng ký khai sinh có yếu tố nước ngoài"},
         {"code": "1.000012", "name": "Đăng ký khai sinh"},
         # "xây dựng" in its sector and agency (twice, short text) but not in its name ...
         {"code": "1.000013", "name": "Cấp chứng chỉ hành nghề", "sector": "Xây dựng", "agency_code": "000.00.15.H99"},
         # ... and once, in its long name
         {"code": "1.000014", "name": "Cấp giấy chứng nhận đủ điều kiện kinh doanh vật liệu xây dựng thuộc "
                                     "thẩm quyền của Ủy ban nhân dân cấp xã", "agency_code": PHUONG})
    assert _codes(client, q="2.000635") == ["2.000635", "1.000010"]
    assert _codes(client, q="dang ky khai sinh") == ["1.000012", "1.000011"]  # the closer name first
    assert _codes(client, q="xay dung") == ["1.000014", "1.000013"]  # the name matches, the other only its sector


def test_pagination(client):
    _add(client.application, *({"code": f"9.{n:06d}", "name": f"Thủ tục thử nghiệm số {n:02d}"} for n in range(45)))
    first = client.get("/thu-tuc", query_string={"q": "thu nghiem"}).get_data(as_text=True)
    assert "Tìm thấy 45 thủ tục" in first and "Trang 1/3" in first and first.count("<h3>") == 20
    assert 'href="/thu-tuc?q=thu+nghiem&amp;trang=2#ket-qua" rel="next"' in first
    assert 'aria-current="page"' in first and "Trang trước" not in first
    last = client.get("/thu-tuc", query_string={"q": "thu nghiem", "trang": 3}).get_data(as_text=True)
    assert last.count("<h3>") == 5 and '<ol class="results" start="41">' in last and "Trang sau" not in last
    assert 'rel="prev"' in last and "thủ tục thứ 41 đến 45" in last
    for beyond in ("99", "99999999999999999999", "-3", "abc", "1" * 5000):
        page = client.get("/thu-tuc", query_string={"q": "thu nghiem", "trang": beyond})
        assert page.status_code == 200 and page.get_data(as_text=True).count("<h3>") in (5, 20)


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_are_answered_safely(client, query):
    for args in ({"q": query}, {"q": query, "linh_vuc": query, "co_quan": query, "cap": query, "muc_do": query}):
        response = client.get("/thu-tuc", query_string=args)
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        assert "<script>alert" not in page
        assert "Tìm thấy" in page or "Không tìm thấy thủ tục nào" in page
    if query.startswith("<script>"):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert _codes(client, q="cap ban sao") == ["2.000635"]  # table and index intact


def test_search_function_cleans_its_input(clean_app):
    from app.catalogue.search import MAX_QUERY, clean, search, words
    assert words('"cap" NEAR(ban*) OR {sao}^') == ["cap", "near", "ban", "or", "sao"]
    assert words("Cấp cấp CẤP đăng") == ["cap", "dang"]
    assert len(clean("x" * 10_000)) == MAX_QUERY and clean("a\x00b\n c") == "a b c"
    with clean_app.app_context():
        assert search('"*(" -- ^ ' * 1000).total == 2  # no word left: the whole catalogue
        assert search("cap ban sao", page=7, per_page=1).page == 1


def test_procedure_page_shows_every_component(client):
    page = client.get("/thu-tuc/2.000635").get_data(as_text=True)
    for expected in (
            "<h1>Cấp bản sao trích lục hộ tịch</h1>", "<dd>2.000635</dd>",  # name, code
            "<dt>Ngành</dt><dd>Tư pháp</dd>", "Hộ tịch (mã lĩnh vực TP-HT)",  # sector, field and its code
            "<dd>Cấp tỉnh</dd>", "<dd>Sở Tư pháp tỉnh Bình An</dd>",  # agency level, resolving agency
            "Trình tự thực hiện", "Bộ phận Một cửa kiểm tra hồ sơ trong 8 giờ làm việc",  # steps
            "Tờ khai cấp bản sao trích lục hộ tịch", "Điền trực tuyến khi nộp hồ sơ",
            '<td data-label="Loại bản">Bản chính</td>', '<td data-label="Loại bản">Bản chụp/bản sao</td>',  # kinds
            '<td data-label="Loại bản">Bản sao có chứng thực</td>', '<td data-label="Yêu cầu">Bắt buộc</td>',
            '<td data-label="Yêu cầu">Bắt buộc khi nộp thay (ủy quyền)</td>', "Số bản",
            "Mẫu đơn, tờ khai", "PDF, JPEG, PNG, tối đa 5 MB",  # e-form, attachments
            "<dd>2 ngày làm việc</dd>", "Cá nhân có yêu cầu cấp bản sao trích lục",  # time, applicants
            "Bản sao trích lục hộ tịch (bản điện tử có chữ ký số hoặc bản giấy)",  # result
            "<strong>8.000 đồng/bản</strong>", "Sự kiện hộ tịch đã được đăng ký",  # fee, conditions
            "Căn cứ pháp lý", "Luật Hộ tịch số 60/2014/QH13",  # legal basis
            "Toàn trình (theo Nghị định số 42/2022/NĐ-CP)",  # online service level
            '<a class="button" href="/thu-tuc/2.000635/nop">Nộp hồ sơ trực tuyến</a>'):
        assert expected in page, expected
    other = client.get("/thu-tuc/2.000488").get_data(as_text=True)
    assert "<dd>10 ngày làm việc</dd>" in other and "200.000 đồng/lần/người" in other


def test_processing_time_units_in_vietnamese(client):
    _add(client.application,
         {"code": "1.000020", "name": "Thủ tục tính giờ", "processing_time": {"amount": 8, "unit": "working_hours"}},
         {"code": "1.000021", "name": "Thủ tục tính ngày", "processing_time": {"amount": 1.5, "unit": "calendar_days"}})
    assert "<dd>8 giờ làm việc</dd>" in client.get("/thu-tuc/1.000020").get_data(as_text=True)
    assert "<dd>1,5 ngày</dd>" in client.get("/thu-tuc/1.000021").get_data(as_text=True)


def test_unpublished_procedure_takes_no_online_dossier(client):
    _add(client.application, {"code": "1.000030", "name": "Thủ tục đang tạm ngừng", "components": []})
    page = client.get("/thu-tuc/1.000030").get_data(as_text=True)
    assert "Nộp hồ sơ trực tuyến" not in page and "/nop" not in page
    assert "hiện không tiếp nhận hồ sơ trực tuyến" in page and "Không thu phí, lệ phí" in page


@pytest.mark.parametrize("path", ["/thu-tuc/9.999999", "/thu-tuc/2.000635%00", "/thu-tuc/" + "9" * 500,
                                  "/thu-tuc/%3Cscript%3E"])
def test_unknown_procedure_is_the_404_page(client, path):
    response = client.get(path)
    assert response.status_code == 404 and "Không tìm thấy trang" in response.get_data(as_text=True)


def test_text_index_follows_inserts_updates_and_deletes(client):
    from app.catalogue.models import Procedure
    from app.catalogue.search import search
    from app.db import db
    app = client.application
    with app.app_context():
        procedure = db.session.execute(select(Procedure).where(Procedure.code == "2.000635")).scalar_one()
        procedure.name, procedure.search_text = "Xác nhận tình trạng hôn nhân", "2.000635 xac nhan tinh trang hon nhan"
        db.session.commit()
        assert search("cap ban sao").total == 0 and [p.code for p in search("tinh trang hon").items] == ["2.000635"]
        db.session.execute(text("DELETE FROM procedures WHERE code = '2.000635'"))
        db.session.commit()
        assert search("tinh trang hon nhan").total == 0 and search("").total == 1
        _check_index(db)
        db.session.execute(text("DELETE FROM procedures"))  # as the tests' table clearing does
        db.session.commit()
        assert search("phieu").total == 0
        _check_index(db)
        db.session.remove()


def _check_index(db) -> None:
    if db.engine.dialect.name == "sqlite":  # the external-content index still matches its table
        db.session.execute(text("INSERT INTO procedures_fts(procedures_fts) VALUES ('integrity-check')"))


def test_search_uses_the_text_index(clean_app):
    from app.catalogue.search import statement
    from app.db import db
    with clean_app.app_context():
        query = statement("cap ban", sector="Tư pháp")  # the search's own SELECT, with its order
        if db.engine.dialect.name == "sqlite":
            plan = query_plan(db, query)
            assert "SCAN procedures_fts VIRTUAL TABLE INDEX" in plan, plan
            assert "SCAN procedures " not in plan + " ", plan  # never the whole table
        else:
            # A catalogue of realistic size with statistics, so the planner weighs the index as
            # it would in production (on two rows any plan is as good).
            agency_id = db.session.execute(text("SELECT id FROM agencies LIMIT 1")).scalar()
            db.session.execute(text(
                "INSERT INTO procedures (code, name, search_text, sector, agency_id, processing_amount, "
                "processing_unit, form, bpmn_process_id, published, details) SELECT 'b.' || n, 'Thủ tục ' || n, "
                "'thu tuc so ' || n || ' linh vuc ' || (n % 50), 'Tư pháp', :agency, 1, 'working_days', 'x', 'x', "
                "false, '{}' FROM generate_series(1, 3000) AS n"), {"agency": agency_id})
            db.session.execute(text("ANALYZE procedures"))
            plan = query_plan(db, query)
            assert "Bitmap Index Scan on ix_procedures_search" in plan, plan
        db.session.rollback()
        db.session.remove()


def test_migration_indexes_existing_rows_and_downgrades(tmp_path):
    """On a database of its own: the index is built for the rows already there, and goes away."""
    from flask_migrate import downgrade, upgrade

    from app import MIGRATIONS_DIR
    from app.catalogue.search import search, statement
    from app.db import db
    with schema_at(tmp_path, "b7c1e2d4a9f0") as app:
        # The agency by SQL: today's models may have columns this old schema lacks.
        db.session.execute(text("INSERT INTO agencies (code, name, level) VALUES (:code, :name, 'tinh')"),
                           {"code": SO_TU_PHAP, "name": "Sở Tư pháp tỉnh Bình An"})
        db.session.commit()
        _add(app, {"code": "1.000040", "name": "Cấp bản sao trích lục hộ tịch"})
        upgrade(directory=str(MIGRATIONS_DIR), revision="c4d2f8a1b3e5")
        assert [p.code for p in search("cap ban sao").items] == ["1.000040"]
        assert "INDEX" in query_plan(db, statement("cap")).upper()
        db.session.rollback()  # the migration's own connection must not wait on this one's locks
        downgrade(directory=str(MIGRATIONS_DIR), revision="b7c1e2d4a9f0")
        remaining = {"procedures_fts", "procedures_fts_insert", "ix_procedures_search"} & _schema_names(db)
        assert remaining == set()
        upgrade(directory=str(MIGRATIONS_DIR))
        assert search("trich luc").total == 1


def _schema_names(db) -> set[str]:
    if db.engine.dialect.name == "sqlite":
        return set(db.session.execute(text("SELECT name FROM sqlite_master")).scalars())
    return set(db.session.execute(text(
        "SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace")).scalars())


@pytest.mark.parametrize("typed", ["😀", '"', "…"])
def test_a_query_without_letters_or_digits_matches_nothing_and_says_so(client, typed):
    import html
    page = html.unescape(client.get("/thu-tuc", query_string={"q": typed}).get_data(as_text=True))
    assert "phù hợp với" not in page
    assert f"«{typed}» không có chữ hay số nào để tìm; dưới đây là mọi thủ tục." in page
    assert f'name="q" type="search" maxlength="200" value="{typed}"' in page  # kept in the box
