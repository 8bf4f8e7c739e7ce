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
