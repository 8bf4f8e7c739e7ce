"""The e-form renderer and parser on every widget: each control labelled once, ids unique,
errors tied to their field, values escaped, and a render → fill → parse round trip."""
from __future__ import annotations

from lxml import html as lxml_html
from werkzeug.datastructures import MultiDict

from engine.forms import FieldError, Form, load_form
from app.eforms import FormTooLarge, apply_action, field_anchor, parse_submission, render_fields

SCHEMA = {
    "type": "object", "required": ["ten", "so", "ngay", "loai", "dong_y"],
    "properties": {
        "ten": {"type": "string", "title": "Họ tên", "maxLength": 100},
        "ghi_chu": {"type": "string", "title": "Ghi chú", "maxLength": 2000},
        "so": {"type": "integer", "title": "Số bản", "minimum": 1, "maximum": 5},
        "ty_le": {"type": "number", "title": "Tỷ lệ"},
        "ngay": {"type": "string", "format": "date", "title": "Ngày"},
        "thu": {"type": "string", "format": "email", "title": "Thư điện tử"},
        "loai": {"type": "string", "title": "Loại", "enum": ["a", "b"]},
        "tinh": {"type": "string", "title": "Tỉnh", "enum": ["1", "2", "3", "4", "5", "6"]},
        "dong_y": {"type": "boolean", "title": "Tôi cam đoan"},
        "nhu_cau": {"type": "array", "title": "Nhu cầu", "items": {"type": "string", "enum": ["x", "y"]}},
        "dia_chi": {"type": "object", "title": "Địa chỉ", "properties": {"xa": {"type": "string", "title": "Xã"}}},
        "qua_trinh": {"type": "array", "title": "Quá trình", "maxItems": 3, "items": {
            "type": "object", "properties": {"nam": {"type": "integer", "title": "Năm"},
                                             "noi": {"type": "string", "title": "Nơi"}}}},
    },
}
UI = {"loai": {"ui:enumNames": ["Loại A", "Loại B"]}, "ten": {"ui:help": "Như trên giấy tờ."}}


def _controls(markup):
    tree = lxml_html.fragment_fromstring(str(markup), create_parent="div")
    controls = tree.xpath("//input|//select|//textarea")
    return tree, controls


def test_every_control_has_one_label_and_a_unique_id():
    for form in (Form(SCHEMA, UI), load_form("forms", "cap_phieu_ly_lich_tu_phap/to_khai.schema.json",
                                             "cap_phieu_ly_lich_tu_phap/to_khai.uischema.json")):
        tree, controls = _controls(render_fields(form, {}, []))
        ids = [c.get("id") for c in controls]
        assert len(ids) == len(set(ids)) and all(ids)
        for control in controls:
            assert len(tree.xpath(f"//label[@for='{control.get('id')}']")) == 1, control.get("id")


def test_widgets_follow_the_schema():
    tree, _ = _controls(render_fields(Form(SCHEMA, UI), {}, []))
    kinds = {c.get("name"): (c.tag, c.get("type")) for c in tree.xpath("//input|//select|//textarea")}
    assert kinds["f.ghi_chu"] == ("textarea", None)
    assert kinds["f.so"] == ("input", "number") and kinds["f.ngay"] == ("input", "date")
    assert kinds["f.thu"] == ("input", "email") and kinds["f.loai"] == ("input", "radio")
    assert kinds["f.tinh"] == ("select", None) and kinds["f.dong_y"] == ("input", "checkbox")
    assert kinds["f.nhu_cau"] == ("input", "checkbox") and "f.dia_chi.xa" in kinds
    assert "f.qua_trinh.0.nam" in kinds
    assert tree.xpath("//button[@value='add:qua_trinh']")


def test_errors_are_tied_to_their_field_and_values_escaped():
    form = Form(SCHEMA, UI)
    markup = str(render_fields(form, {"ten": "<script>alert(1)</script>"}, [FieldError("ten", "Sai «tên».")]))
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    tree, _ = _controls(markup)
    control = tree.xpath("//*[@id='f-ten']")[0]
    assert control.get("aria-invalid") == "true"
    assert "f-ten-error" in control.get("aria-describedby") and "f-ten-help" in control.get("aria-describedby")
    assert tree.xpath("//*[@id='f-ten-error']")[0].text == "Sai «tên»."
    assert field_anchor("qua_trinh.0.nam", "f") == "f-qua_trinh-0-nam"


def test_round_trip_and_type_errors_in_vietnamese():
    form = Form(SCHEMA, UI)
    posted = MultiDict([("f.ten", " An "), ("f.so", "2"), ("f.ty_le", "1,5"), ("f.ngay", "2026-01-02"),
                        ("f.loai", "a"), ("f.dong_y", "true"), ("f.nhu_cau", "x"), ("f.nhu_cau", "y"),
                        ("f.dia_chi.xa", "An Bình"), ("f.qua_trinh.0.nam", "2000"), ("f.qua_trinh.0.noi", "A"),
                        ("f.qua_trinh.1.nam", ""), ("f.khac", "bỏ qua")])
    data = parse_submission(form, posted)
    assert data == {"ten": "An", "so": 2, "ty_le": 1.5, "ngay": "2026-01-02", "loai": "a", "dong_y": True,
                    "nhu_cau": ["x", "y"], "dia_chi": {"xa": "An Bình"}, "qua_trinh": [{"nam": 2000, "noi": "A"}]}
    assert form.validate(data) == []
    wrong = parse_submission(form, MultiDict([("f.so", "hai")]))
    assert wrong["so"] == "hai"
    assert any(e.field == "so" and "số nguyên" in e.message for e in form.validate(wrong))


def test_repeated_groups_grow_and_shrink_within_their_bounds():
    form = Form(SCHEMA, UI)
    data = apply_action(form, {}, "add:qua_trinh")
    assert data["qua_trinh"] == [{}, {}]
    data = apply_action(form, data, "add:qua_trinh")
    assert len(apply_action(form, data, "add:qua_trinh")["qua_trinh"]) == 3  # maxItems
    assert len(apply_action(form, data, "remove:qua_trinh.0")["qua_trinh"]) == 2
    assert apply_action(form, {"ten": "x"}, "add:../../etc") == {"ten": "x"}
    assert apply_action(form, {"ten": "x"}, "remove:ten.0") == {"ten": "x"}


def test_oversized_forms_are_refused_whole():
    form = Form(SCHEMA, UI)
    for posted in (MultiDict([("f.ten", "x" * 20_001)]), MultiDict([(f"f.qua_trinh.{i}.noi", "a") for i in range(501)])):
        try:
            parse_submission(form, posted)
        except FormTooLarge as exc:
            assert "quá lớn" in exc.message
        else:
            raise AssertionError("accepted")
