"""E-form validation beyond what jsonschema does on its own: patterns read as JSON Schema means
them (ECMA-262: `$` is the end of the text), the form's own words for a malformed value, and no
hidden control characters (bidi overrides, NUL) in any text an officer will read."""
from __future__ import annotations

import pytest

from engine.forms import Form

FORM = Form({"type": "object", "properties": {
    "so_cccd": {"type": "string", "title": "Số định danh", "pattern": "^[0-9]{12}$",
                "errorMessage": "Số định danh cá nhân gồm đúng 12 chữ số."},
    "ma": {"type": "string", "title": "Mã", "pattern": "^A[$]B$"},
    "ghi_chu": {"type": "string", "title": "Ghi chú"},
    "muc": {"type": "array", "items": {"type": "object", "properties": {"noi_dung": {"type": "string",
                                                                                   "title": "Nội dung"}}}}}})


@pytest.mark.rule("QT-39")
def test_a_pattern_ends_at_the_end_of_the_text():
    assert FORM.validate({"so_cccd": "001090000001"}) == []
    [error] = FORM.validate({"so_cccd": "001090000001\n"})
    assert error.field == "so_cccd" and error.message == "Số định danh cá nhân gồm đúng 12 chữ số."
    assert FORM.validate({"ma": "A$B"}) == []  # a $ inside a class is a character
    assert [e.field for e in FORM.validate({"ma": "A$B\n"})] == ["ma"]


@pytest.mark.rule("QT-39")
def test_text_with_hidden_controls_is_refused_newlines_and_tabs_are_not():
    assert FORM.validate({"ghi_chu": "Dòng 1\r\nDòng 2\tcột"}) == []
    errors = FORM.validate({"ghi_chu": "abc\u202edcb", "muc": [{"noi_dung": "x\u0000"}]})
    assert [e.field for e in errors] == ["ghi_chu", "muc.0.noi_dung"]
    assert errors[1].message.startswith("Trường «Nội dung» có ký tự điều khiển ẩn")


@pytest.mark.rule("QT-39")
def test_text_beyond_twenty_thousand_characters_is_a_field_error_even_without_max_length():
    assert FORM.validate({"ghi_chu": "x" * 20_000}) == []
    [error] = FORM.validate({"muc": [{"noi_dung": "ă" * 20_001}]})
    assert error.field == "muc.0.noi_dung" and error.message == "Trường «Nội dung» chỉ được có tối đa 20.000 ký tự."
    short = Form({"type": "object", "properties": {"a": {"type": "string", "title": "A", "maxLength": 50}}})
    assert [e.message for e in short.validate({"a": "x" * 20_001})] == ["Trường «A» chỉ được có tối đa 50 ký tự."]


BORN = Form({"type": "object", "properties": {
    "ngay_sinh": {"type": "string", "title": "Ngày sinh", "format": "date", "formatMinimum": "1900-01-01",
                  "formatMaximum": "today"}}})


@pytest.mark.rule("QT-41")
def test_a_date_field_takes_days_between_its_bounds_today_in_vietnam():
    from datetime import datetime, timezone
    late_evening = datetime(2026, 11, 25, 17, 30, tzinfo=timezone.utc)  # 00:30 on 26/11 in Vietnam
    assert BORN.validate({"ngay_sinh": "2026-11-26"}, late_evening) == []  # today, Vietnam's day
    [error] = BORN.validate({"ngay_sinh": "2026-11-27"}, late_evening)
    assert error.field == "ngay_sinh" and error.message == "Trường «Ngày sinh» không được sau hôm nay."
    [error] = BORN.validate({"ngay_sinh": "1899-12-31"}, late_evening)
    assert error.message == "Trường «Ngày sinh» không được trước ngày 01/01/1900."
    [error] = BORN.validate({"ngay_sinh": "27/11/2026"}, late_evening)
    assert "không đúng định dạng ngày" in error.message  # the format speaks, not the bounds


@pytest.mark.rule("QT-41")
def test_the_check_refuses_a_bound_that_is_no_day_or_not_on_a_date(tmp_path):
    import json

    from engine.form_check import form_problems
    (tmp_path / "f.schema.json").write_text(json.dumps({"type": "object", "properties": {
        "a": {"type": "string", "title": "A", "format": "date", "formatMaximum": "hom_nay"},
        "b": {"type": "string", "title": "B", "formatMaximum": "today"},
        "c": {"type": "string", "title": "C", "format": "date", "formatMinimum": "2000-01-01"}}}), encoding="utf-8")
    found = form_problems(tmp_path, "f.schema.json", schema=True)
    assert len(found) == 2, found
    assert all("YYYY-MM-DD" in f and '"today"' in f for f in found)
    assert '«a»: formatMaximum = "hom_nay"' in found[0] and '«b»: formatMaximum = "today"' in found[1]


@pytest.mark.rule("QT-03")
def test_a_file_upload_field_is_refused_with_where_files_go(tmp_path):
    """react-jsonschema-form's `"format": "data-url"` is a file input: a dossier's files are its
    catalogue entry's components, not a form field."""
    import json

    from engine.form_check import form_problems
    (tmp_path / "f.schema.json").write_text(json.dumps({"type": "object", "properties": {
        "ban_ve": {"type": "string", "title": "Bản vẽ", "format": "data-url"}}}), encoding="utf-8")
    [found] = form_problems(tmp_path, "f.schema.json", schema=True)
    assert "«ban_ve»" in found and "«data-url» là ô tải tệp lên" in found
    assert "«components» của mục danh mục" in found and "có phải ý bạn là" not in found


RESIDENCE = Form({"type": "object", "properties": {
    "ngay_sinh": {"type": "string", "title": "Ngày sinh", "format": "date"},
    "cu_tru": {"type": "array", "items": {"type": "object", "properties": {
        "tu_nam": {"type": "integer", "title": "Từ năm", "minimum": 1900},
        "den_nam": {"type": "integer", "title": "Đến năm", "minimum": {"$data": "1/tu_nam"}, "maximum": 2100},
        "ngay_chuyen_den": {"type": "string", "title": "Ngày chuyển đến", "format": "date",
                            "formatMinimum": {"$data": "/ngay_sinh"}, "formatMaximum": "today"}}}}}})


@pytest.mark.rule("QT-56")
def test_a_bound_may_be_another_field_of_the_same_item():
    assert RESIDENCE.validate({"cu_tru": [{"tu_nam": 2010, "den_nam": 2010}, {"tu_nam": 2010, "den_nam": 2026}]}) == []
    errors = RESIDENCE.validate({"cu_tru": [{"tu_nam": 1990, "den_nam": 2000}, {"tu_nam": 2010, "den_nam": 2005}]})
    assert [(e.field, e.message) for e in errors] == [
        ("cu_tru.1.den_nam", "Trường «Đến năm» phải lớn hơn hoặc bằng «Từ năm» (2010).")]  # its own item's
    # The other field empty or not a number: no bound, the other field's own rules speak.
    assert RESIDENCE.validate({"cu_tru": [{"den_nam": 1000}]}) == []
    assert [e.field for e in RESIDENCE.validate({"cu_tru": [{"tu_nam": "x", "den_nam": 1000}]})] == ["cu_tru.0.tu_nam"]


@pytest.mark.rule("QT-56")
def test_a_date_bound_may_be_a_field_at_the_root_of_the_form():
    from datetime import datetime, timezone
    at = datetime(2026, 11, 27, 3, 0, tzinfo=timezone.utc)
    assert RESIDENCE.validate({"ngay_sinh": "1990-05-02", "cu_tru": [{"ngay_chuyen_den": "1990-05-02"}]}, at) == []
    [error] = RESIDENCE.validate({"ngay_sinh": "1990-05-02", "cu_tru": [{"ngay_chuyen_den": "1990-05-01"}]}, at)
    assert error.field == "cu_tru.0.ngay_chuyen_den"
    assert error.message == "Trường «Ngày chuyển đến» không được trước «Ngày sinh» (02/05/1990)."
    [error] = RESIDENCE.validate({"ngay_sinh": "1990-05-02", "cu_tru": [{"ngay_chuyen_den": "2026-11-28"}]}, at)
    assert error.message == "Trường «Ngày chuyển đến» không được sau hôm nay."  # the fixed bound still holds


@pytest.mark.rule("QT-56")
def test_the_check_refuses_a_bound_naming_no_field_or_one_of_another_kind(tmp_path):
    import json

    from engine.form_check import form_problems

    def found(spec: dict) -> list[str]:
        (tmp_path / "f.schema.json").write_text(json.dumps({"type": "object", "properties": {
            "ten": {"type": "string"}, "ngay_sinh": {"type": "string", "format": "date"},
            "cu_tru": {"type": "array", "items": {"type": "object", "properties": {
                "tu_nam": {"type": "integer"}, "x": spec}}}}}), encoding="utf-8")
        return form_problems(tmp_path, "f.schema.json", schema=True)

    number = {"type": "integer", "title": "Đến năm"}
    assert found({**number, "minimum": {"$data": "1/tu_nam"}}) == []
    assert found({"type": "string", "format": "date", "formatMinimum": {"$data": "3/ngay_sinh"}}) == []
    [typo] = found({**number, "minimum": {"$data": "1/tu_nm"}})
    assert "«cu_tru.x»" in typo and "không có trường «tu_nm» (có phải ý bạn là «tu_nam»?)" in typo
    [above] = found({**number, "minimum": {"$data": "4/tu_nam"}})
    assert "trỏ tới «4/tu_nam», đi lên quá gốc biểu mẫu: trường này chỉ có 3 bậc phía trên" in above
    [level] = found({**number, "minimum": {"$data": "2/tu_nam"}})  # one level too many
    assert "không có trường «tu_nam» (có phải ý bạn là «1/tu_nam»?)" in level
    [own] = found({**number, "formatMinimum": {"$data": "3/ngay_sinh"}})  # a date bound on a number: said once
    assert "nhưng trường này không phải ngày" in own
    [bare] = found({**number, "minimum": {"$data": "tu_nam"}})
    assert "trỏ tới «tu_nam», không phải một trường" in bare and '"1/tu_nam" là trường tu_nam cạnh' in bare
    [text] = found({**number, "maximum": {"$data": "3/ten"}})
    assert "maximum so với trường «ten» (3/ten), nhưng trường đó không phải số" in text
    [day] = found({"type": "string", "format": "date", "formatMinimum": {"$data": "1/tu_nam"}})
    assert "không phải ngày" in day
    [items] = found({"type": "string", "format": "date", "formatMinimum": {"$data": "3/cu_tru/items/tu_nam"}})
    assert "không phải «items»" in items and "«3/cu_tru/0/tu_nam»" in items
    [shape] = found({**number, "minimum": {"data": "1/tu_nam"}})
    assert 'minimum = {"data": "1/tu_nam"} không dùng được' in shape and "ví dụ 1900" in shape


def test_an_email_needs_a_domain_with_a_dot():
    """jsonschema's own check takes "an@" and "an@gmail": no mail reaches them."""
    form = Form({"type": "object", "properties": {"email": {"type": "string", "format": "email", "title": "Thư"}}})
    assert [form.validate({"email": v}) == [] for v in ("an@", "an@gmail", "an@.vn", "an@gmail.com", "a.b@x.gov.vn")] \
        == [False, False, False, True, True]
