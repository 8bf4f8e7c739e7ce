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
