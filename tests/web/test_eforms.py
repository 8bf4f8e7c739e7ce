"""The e-form renderer, parser and repeated-group actions, on the real forms in forms/ and on a
synthetic schema with every widget: each control labelled once, ids unique, help and errors tied
with aria-describedby, values escaped, and a render → fill → parse → validate round trip."""
from __future__ import annotations

import re
from datetime import datetime
import unicodedata
from pathlib import Path

import pytest
from flask import Flask, render_template_string
from lxml import html as lxml_html
from werkzeug.datastructures import MultiDict

from app.eforms import (FormTooLarge, apply_action, field_anchor, field_name, init_app, parse_submission,
                        render_error_summary, render_fields)
from app.eforms.parse import MAX_FIELDS
from app.eforms.schema import widget
from engine.forms import MAX_TEXT, FieldError, Form, load_form
from engine.withdrawal import withdrawal_reason

FORMS = Path(__file__).resolve().parents[2] / "forms"
REAL_FORMS = sorted(str(p.relative_to(FORMS)) for p in FORMS.rglob("*.schema.json"))
SIX = ["01", "02", "03", "04", "05", "06"]

# One field per widget the renderer knows.
SCHEMA = {
    "type": "object", "additionalProperties": False,
    "required": ["ho_ten", "so_ban", "gioi_tinh", "tinh", "cam_doan", "dong_y", "dia_chi", "qua_trinh"],
    "properties": {
        "ho_ten": {"type": "string", "title": "Họ và tên", "minLength": 1, "maxLength": 100},
        "ghi_chu": {"type": "string", "title": "Ghi chú", "maxLength": 2000},
        "tom_tat": {"type": "string", "title": "Tóm tắt", "maxLength": 200},
        "so_ban": {"type": "integer", "title": "Số bản", "minimum": 1, "maximum": 5},
        "ty_le": {"type": "number", "title": "Tỷ lệ"},
        "ngay_sinh": {"type": "string", "format": "date", "title": "Ngày sinh"},
        "ngay_khac": {"type": "string", "title": "Ngày khác"},
        "email": {"type": "string", "format": "email", "title": "Thư điện tử", "maxLength": 255},
        "so_dien_thoai": {"type": "string", "title": "Số điện thoại", "pattern": "^0[0-9]{9}$"},
        "lien_he": {"type": "string", "title": "Liên hệ"},
        "gioi_tinh": {"type": "string", "title": "Giới tính", "enum": ["nam", "nu"]},
        "tinh": {"type": "string", "title": "Tỉnh", "enum": SIX},
        "hinh_thuc": {"type": "string", "title": "Hình thức", "enum": ["a", "b"]},
        "muc_do": {"type": "integer", "title": "Mức độ", "oneOf": [{"const": 1, "title": "Thấp"}, {"const": 2, "title": "Cao"}]},
        "vung": {"type": "string", "title": "Vùng", "enum": SIX},
        "cam_doan": {"type": "boolean", "const": True, "title": "Tôi cam đoan nội dung khai là đúng"},
        "dong_y": {"type": "boolean", "title": "Thống nhất với đề nghị"},
        "nhan_tin": {"type": "boolean", "title": "Nhận tin nhắn"},
        "nhu_cau": {"type": "array", "title": "Nhu cầu", "uniqueItems": True,
                    "items": {"type": "string", "enum": ["x", "y", "z"]}},
        "dia_chi": {"type": "object", "title": "Địa chỉ", "required": ["xa"], "properties": {
            "xa": {"type": "string", "title": "Xã, phường", "maxLength": 100},
            "thon": {"type": "string", "title": "Thôn, tổ", "maxLength": 100}}},
        "qua_trinh": {"type": "array", "title": "Quá trình cư trú", "minItems": 1, "maxItems": 3, "items": {
            "type": "object", "required": ["tu_nam", "noi"], "properties": {
                "tu_nam": {"type": "integer", "title": "Từ năm", "minimum": 1900, "maximum": 2100},
                "noi": {"type": "string", "title": "Nơi cư trú", "maxLength": 300}}}},
        "giay_to": {"type": "array", "title": "Giấy tờ kèm theo", "maxItems": 5,
                    "items": {"type": "string", "title": "Tên giấy tờ", "maxLength": 200}},
    },
}
UI = {
    "ui:order": ["ho_ten", "ngay_sinh", "*", "qua_trinh"],
    "ho_ten": {"ui:help": "Viết có dấu, như trên giấy tờ tùy thân.", "ui:autocomplete": "name",
               "ui:placeholder": "Nguyễn Văn A"},
    "tom_tat": {"ui:widget": "textarea"},
    "ngay_sinh": {"ui:autocomplete": "bday"},
    "ngay_khac": {"ui:widget": "date"},
    "lien_he": {"ui:widget": "tel"},
    "so_ban": {"ui:widget": "updown"},
    "email": {"ui:autocomplete": "off"},
    "gioi_tinh": {"ui:enumNames": ["Nam", "Nữ"]},
    "tinh": {"ui:help": "Nơi nộp hồ sơ."},
    "hinh_thuc": {"ui:widget": "select", "ui:enumNames": ["Trực tiếp", "Trực tuyến"]},
    "vung": {"ui:widget": "radio"},
    "nhu_cau": {"items": {"ui:enumNames": ["Xuất khẩu lao động", "Du học", "Khác"]}},
    "qua_trinh": {"ui:help": "Từ đủ 14 tuổi đến nay."},
}
VALID = {
    "ho_ten": "Trần Thị Hoa", "ngay_sinh": "1992-03-08", "ghi_chu": "Dòng một\nDòng hai", "so_ban": 2, "ty_le": 1.5,
    "email": "hoa@example.vn", "so_dien_thoai": "0987654321", "gioi_tinh": "nu", "tinh": "03", "hinh_thuc": "b",
    "muc_do": 2, "vung": "06", "cam_doan": True, "dong_y": False, "nhan_tin": True, "nhu_cau": ["x", "z"],
    "dia_chi": {"xa": "Phường An Bình", "thon": "Tổ 5"},
    "qua_trinh": [{"tu_nam": 2006, "noi": "Xã Tân Lập"}, {"tu_nam": 2014, "noi": "Phường An Bình"}],
    "giay_to": ["Bản sao giấy khai sinh", "Ảnh 4x6"],
}


def form() -> Form:
    return Form(SCHEMA, UI)


def real_form(schema_file: str) -> Form:
    return load_form(FORMS, schema_file, schema_file.replace(".schema.json", ".uischema.json"))


def tree(markup):
    return lxml_html.fragment_fromstring(str(markup), create_parent="div")


def controls(root) -> list:
    return root.xpath("//input|//select|//textarea")


def by_id(root, element_id: str):
    found = root.xpath(f"//*[@id='{element_id}']")
    assert len(found) == 1, f"{len(found)} elements with id {element_id}"
    return found[0]


def assert_accessible(root) -> None:
    """Each control labelled exactly once, ids unique, every aria-describedby target present,
    every radio button and check box of a group inside a fieldset with a legend."""
    ids = [e.get("id") for e in root.xpath("//*[@id]")]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    for control in controls(root):
        assert control.get("id") and control.get("name"), lxml_html.tostring(control)
        assert len(root.xpath(f"//label[@for='{control.get('id')}']")) == 1, control.get("id")
        assert control.get("required") is None  # drafts must always save
        for target in (control.get("aria-describedby") or "").split():
            by_id(root, target)
    for label in root.xpath("//label"):
        by_id(root, label.get("for"))
    for element in root.xpath("//*[@aria-describedby]"):
        for target in element.get("aria-describedby").split():
            by_id(root, target)
    for choice in root.xpath("//input[@type='radio']"):
        assert choice.xpath("ancestor::fieldset[1]/legend"), choice.get("id")
    for fieldset in root.xpath("//fieldset"):
        assert fieldset[0].tag == "legend" and fieldset[0].text_content().strip()


def browser_submission(root, action: str | None = None) -> MultiDict:
    """What a browser sends for the rendered controls (and the button pressed, if any)."""
    pairs = []
    for control in controls(root):
        name, kind = control.get("name"), control.get("type", "text")
        if control.tag == "textarea":
            pairs.append((name, (control.text or "").replace("\n", "\r\n")))
        elif control.tag == "select":
            selected = control.xpath("option[@selected]") or control.xpath("option")[:1]
            pairs.append((name, selected[0].get("value")))
        elif kind in ("checkbox", "radio"):
            if "checked" in control.attrib:
                pairs.append((name, control.get("value")))
        else:
            pairs.append((name, control.get("value") or ""))
    if action:
        pairs.append(("action", action))
    return MultiDict(pairs)


def fill(root, values: dict) -> None:
    """Type into the controls named `f.<path>` (text, select) or tick the choices listed."""
    for path, value in values.items():
        for control in root.xpath(f"//*[@name='{field_name(path, 'f')}']"):
            if control.get("type") in ("radio", "checkbox"):
                chosen = value if isinstance(value, list) else [value]
                if control.get("value") in chosen:
                    control.set("checked", "checked")
                else:
                    control.attrib.pop("checked", None)
            elif control.tag == "select":
                for option in control.xpath("option"):
                    option.attrib.pop("selected", None)
                    if option.get("value") == value:
                        option.set("selected", "selected")
            elif control.tag == "textarea":
                control.text = value
            else:
                control.set("value", value)


# -- rendering ----------------------------------------------------------------------------------

@pytest.mark.parametrize("schema_file", REAL_FORMS)
def test_real_forms_render_accessibly_empty_with_errors_and_filled(schema_file):
    real = real_form(schema_file)
    errors = real.validate({})
    assert errors  # every real form has a required field
    for data, shown in (({}, []), ({}, errors), ({"khong_co": "x"}, [FieldError("", "Lỗi chung.")])):
        root = tree(render_fields(real, data, shown))
        assert_accessible(root)
        for error in shown:
            if error.field:
                by_id(root, field_anchor(error.field, "f"))  # the summary's link has a target
    order = (real.ui_schema.get("ui:order") or list(real.schema["properties"]))
    names = [c.get("name") for c in controls(tree(render_fields(real, {}, [])))]
    first = [next(i for i, n in enumerate(names) if n == f"f.{p}" or n.startswith(f"f.{p}.")) for p in order]
    assert first == sorted(first)  # in ui:order


def test_criminal_record_form_has_its_repeated_group():
    root = tree(render_fields(real_form("cap_phieu_ly_lich_tu_phap/to_khai.schema.json"), {}, []))
    group = by_id(root, "f-qua_trinh_cu_tru")
    assert group.tag == "fieldset" and group[0].text_content().startswith("Quá trình cư trú")
    item = by_id(root, "f-qua_trinh_cu_tru-0")
    assert item.tag == "fieldset" and item[0].text == "Mục 1"
    year = by_id(root, "f-qua_trinh_cu_tru-0-tu_nam")
    assert year.get("name") == "f.qua_trinh_cu_tru.0.tu_nam" and year.get("type") == "number"
    assert (year.get("min"), year.get("max"), year.get("aria-required")) == ("1900", "2100", "true")
    assert not root.xpath("//button[starts-with(@value, 'remove:')]")  # minItems 1: the only item stays
    assert root.xpath("//button[@value='add:qua_trinh_cu_tru']")[0].text == "Thêm quá trình cư trú"
    assert by_id(root, "f-gioi_tinh").get("type") == "radio" and by_id(root, "f-muc_dich").tag == "textarea"
    assert by_id(root, "f-so_dien_thoai").get("type") == "tel"


def test_every_widget_follows_the_schema_and_ui_schema():
    root = tree(render_fields(form(), {}, []))
    assert_accessible(root)

    def kind(path):
        control = by_id(root, field_anchor(path, "f"))
        assert control.get("name") == field_name(path, "f")
        return control.tag if control.tag != "input" else control.get("type")

    assert [kind(p) for p in ("ho_ten", "ghi_chu", "tom_tat", "so_ban", "ty_le", "ngay_sinh", "ngay_khac", "email",
                              "so_dien_thoai", "lien_he")] == \
        ["text", "textarea", "textarea", "number", "number", "date", "date", "email", "tel", "tel"]
    assert [kind(p) for p in ("gioi_tinh", "tinh", "hinh_thuc", "muc_do", "vung")] == \
        ["radio", "select", "select", "radio", "radio"]
    assert [kind(p) for p in ("cam_doan", "dong_y", "nhan_tin", "nhu_cau")] == ["checkbox", "radio", "checkbox", "checkbox"]
    assert by_id(root, "f-ho_ten").get("maxlength") == "100"
    assert (by_id(root, "f-so_ban").get("step"), by_id(root, "f-so_ban").get("inputmode")) == ("1", "numeric")
    assert (by_id(root, "f-ty_le").get("step"), by_id(root, "f-ty_le").get("inputmode")) == ("any", "decimal")
    # a group of fields, a repeated group of fields, a repeated single value
    assert by_id(root, "f-dia_chi").tag == "fieldset" and by_id(root, "f-dia_chi")[0].text.startswith("Địa chỉ")
    assert by_id(root, "f-dia_chi-xa").get("name") == "f.dia_chi.xa"
    assert by_id(root, "f-qua_trinh-0").tag == "fieldset" and by_id(root, "f-qua_trinh-0-noi").get("type") == "text"
    item = by_id(root, "f-giay_to-0")
    assert item.get("name") == "f.giay_to.0" and item.xpath("ancestor::fieldset[1]/legend")[0].text == "Mục 1"
    assert root.xpath("//label[@for='f-giay_to-0']")[0].text.strip() == "Tên giấy tờ"
    # the choices of a group: the first carries the field's id, the others numbered after it
    assert [c.get("id") for c in root.xpath("//input[@name='f.vung']")] == ["f-vung"] + [f"f-vung-{i}" for i in range(1, 6)]
    assert [c.get("value") for c in root.xpath("//input[@name='f.dong_y']")] == ["true", "false"]


def test_widget_choice_rules():
    assert widget({"type": "string", "maxLength": 300}, {}, "x", False) == "text"
    assert widget({"type": "string", "maxLength": 301}, {}, "x", False) == "textarea"
    assert widget({"type": ["string", "null"], "format": "email"}, {}, "x", False) == "email"
    assert widget({"type": "string"}, {}, "so_dien_thoai_lien_he", False) == "tel"
    assert widget({"type": "string", "enum": list("abcd")}, {}, "x", False) == "radio"
    assert widget({"type": "string", "enum": list("abcde")}, {}, "x", False) == "select"
    assert widget({"type": "string", "enum": list("ab")}, {"ui:widget": "select"}, "x", False) == "select"
    assert widget({"type": "boolean"}, {}, "x", True) == "yes_no"
    assert widget({"type": "boolean"}, {"ui:widget": "checkbox"}, "x", True) == "checkbox"
    assert widget({"type": "boolean", "const": True}, {}, "x", True) == "checkbox"
    assert widget({"type": "boolean"}, {"ui:widget": "radio"}, "x", False) == "yes_no"
    assert widget({"properties": {}}, {}, "x", False) == "group"
    assert widget({"type": "array", "items": {"type": "string"}}, {}, "x", False) == "repeated"
    assert widget({"type": "array", "items": {"oneOf": [{"const": "a"}]}}, {}, "x", False) == "checkboxes"


def test_option_labels_come_from_enum_names_or_one_of_titles():
    root = tree(render_fields(form(), {}, []))
    labels = lambda name: [root.xpath(f"//label[@for='{c.get('id')}']")[0].text  # noqa: E731
                           for c in root.xpath(f"//input[@name='{name}']")]
    assert labels("f.gioi_tinh") == ["Nam", "Nữ"]
    assert labels("f.muc_do") == ["Thấp", "Cao"]
    assert labels("f.nhu_cau") == ["Xuất khẩu lao động", "Du học", "Khác"]
    assert labels("f.dong_y") == ["Có", "Không"]
    assert labels("f.vung") == SIX  # no names: the values themselves
    options = [(o.get("value"), o.text) for o in by_id(root, "f-hinh_thuc").xpath("option")]
    assert options == [("", "— Chọn —"), ("a", "Trực tiếp"), ("b", "Trực tuyến")]
    field_level = Form({"type": "object", "properties": {"n": {"type": "array", "items": {"enum": ["1", "2"]}}}},
                       {"n": {"ui:enumNames": ["Một", "Hai"]}})
    assert [label.text for label in tree(render_fields(field_level, {}, [])).xpath("//label")] == ["Một", "Hai"]


def test_fields_follow_ui_order_with_a_wildcard():
    names = [c.get("name") for c in controls(tree(render_fields(form(), {}, [])))]
    assert names[:2] == ["f.ho_ten", "f.ngay_sinh"] and names[-2:] == ["f.qua_trinh.0.tu_nam", "f.qua_trinh.0.noi"]
    assert names[2] == "f.ghi_chu"  # the unlisted fields in schema order, where the "*" is


def test_required_is_marked_and_announced_but_never_enforced_by_the_browser():
    root = tree(render_fields(form(), {}, []))
    name = by_id(root, "f-ho_ten")
    assert name.get("aria-required") == "true" and name.get("required") is None
    star = root.xpath("//label[@for='f-ho_ten']/span[@class='required-mark']")[0]
    assert star.text == "*" and star.get("aria-hidden") == "true"
    assert by_id(root, "f-ghi_chu").get("aria-required") is None
    assert by_id(root, "f-tinh").get("aria-required") == "true" and by_id(root, "f-cam_doan").get("aria-required") == "true"
    legend = by_id(root, "f-gioi_tinh").xpath("ancestor::fieldset[1]/legend")[0]
    assert legend.xpath("span[@class='visually-hidden']")[0].text == "(bắt buộc)"
    assert not root.xpath("//*[@required]")
    assert all(b.get("formnovalidate") is not None for b in root.xpath("//button"))


def test_help_placeholder_and_autocomplete():
    markup = str(render_fields(form(), {}, []))
    root = tree(markup)
    name = by_id(root, "f-ho_ten")
    assert name.get("aria-describedby") == "f-ho_ten-help"
    assert by_id(root, "f-ho_ten-help").text == "Viết có dấu, như trên giấy tờ tùy thân."
    assert "help" in by_id(root, "f-ho_ten-help").get("class")
    assert (name.get("placeholder"), name.get("autocomplete")) == ("Nguyễn Văn A", "name")
    assert by_id(root, "f-ngay_sinh").get("autocomplete") == "bday"
    assert by_id(root, "f-so_dien_thoai").get("autocomplete") == "tel"
    assert by_id(root, "f-email").get("autocomplete") == "off"  # the UI schema wins over the default
    email_tag = re.search(r'<input id="f-email"[^>]*>', markup).group(0)
    assert email_tag.count("autocomplete=") == 1
    assert by_id(root, "f-tinh").get("aria-describedby") == "f-tinh-help"
    group = by_id(root, "f-qua_trinh")
    assert group.get("aria-describedby") == "f-qua_trinh-help"


def test_errors_are_shown_at_their_field_and_tied_to_it():
    errors = form().validate({"so_ban": 9, "qua_trinh": [{"tu_nam": 1800}], "giay_to": ["x" * 201],
                              "dia_chi": {"thon": "Tổ 5"}})
    by_field = {e.field: e.message for e in errors}
    assert {"ho_ten", "so_ban", "gioi_tinh", "tinh", "cam_doan", "dong_y", "dia_chi.xa", "qua_trinh.0.tu_nam",
            "qua_trinh.0.noi", "giay_to.0"} <= set(by_field)
    errors += [FieldError("dia_chi", "Lỗi nhóm."), FieldError("qua_trinh.0", "Lỗi mục."), FieldError("nhu_cau", "Chọn lại."),
               FieldError("khong_co", "Không hiển thị.")]
    root = tree(render_fields(form(), {"so_ban": 9, "qua_trinh": [{"tu_nam": 1800}], "giay_to": ["x" * 201]}, errors))
    assert_accessible(root)
    for error in errors:
        if error.field == "khong_co":
            continue
        anchor = field_anchor(error.field, "f")
        message = by_id(root, f"{anchor}-error")
        assert message.text == error.message and message.get("class") == "field-error"
        target = by_id(root, anchor)
        assert f"{anchor}-error" in (target.get("aria-describedby") or
                                     target.xpath("ancestor::fieldset[1]")[0].get("aria-describedby"))
        if target.tag != "fieldset":
            assert target.get("aria-invalid") == "true"
        wrapper = target if target.tag == "fieldset" else target.xpath("ancestor::div[contains(@class, 'field')][1]")[0]
        assert "has-error" in wrapper.get("class")
    assert by_id(root, "f-ho_ten").get("aria-describedby") == "f-ho_ten-help f-ho_ten-error"
    assert all(r.get("aria-invalid") == "true" for r in root.xpath("//input[@name='f.gioi_tinh']"))
    assert by_id(root, "f-ghi_chu").get("aria-invalid") is None and "Không hiển thị." not in root.text_content()


def test_values_are_filled_back():
    root = tree(render_fields(form(), VALID, []))
    assert by_id(root, "f-ho_ten").get("value") == "Trần Thị Hoa"
    assert by_id(root, "f-ghi_chu").text == "Dòng một\nDòng hai"
    assert by_id(root, "f-so_ban").get("value") == "2" and by_id(root, "f-ty_le").get("value") == "1.5"
    assert root.xpath("//select[@name='f.tinh']/option[@selected]/@value") == ["03"]
    assert root.xpath("//input[@name='f.gioi_tinh'][@checked]/@value") == ["nu"]
    assert root.xpath("//input[@name='f.dong_y'][@checked]/@value") == ["false"]
    assert root.xpath("//input[@name='f.nhu_cau'][@checked]/@value") == ["x", "z"]
    assert root.xpath("//input[@name='f.muc_do'][@checked]/@value") == ["2"]
    assert "checked" in by_id(root, "f-cam_doan").attrib and "checked" in by_id(root, "f-nhan_tin").attrib
    assert by_id(root, "f-qua_trinh-1-noi").get("value") == "Phường An Bình"
    assert by_id(root, "f-giay_to-1").get("value") == "Ảnh 4x6"


def test_what_did_not_convert_is_shown_as_typed():
    root = tree(render_fields(form(), {"so_ban": "hai", "ty_le": "1.000.000", "ngay_sinh": "08/03/1992"}, []))
    for anchor, typed in (("f-so_ban", "hai"), ("f-ty_le", "1.000.000"), ("f-ngay_sinh", "08/03/1992")):
        control = by_id(root, anchor)
        # a number or date input would show nothing for these values
        assert (control.get("type"), control.get("value")) == ("text", typed)
    assert by_id(root, "f-so_ban").get("inputmode") == "numeric"


def test_every_value_and_text_is_escaped():
    hostile = "<script>alert(1)</script>\"'&"
    schema = {"type": "object", "properties": {
        "a": {"type": "string", "title": hostile},
        "b": {"type": "string", "title": "B", "maxLength": 1000},
        "c": {"type": "string", "title": "C", "enum": [hostile, "x"]},
        "d": {"type": "array", "title": hostile, "items": {"type": "string"}}}}
    ui = {"a": {"ui:help": hostile, "ui:placeholder": hostile, "ui:autocomplete": hostile},
          "c": {"ui:enumNames": [hostile, "x"]}}
    data = {"a": hostile, "b": hostile, "c": hostile, "d": [hostile]}
    markup = str(render_fields(Form(schema, ui), data, [FieldError("a", hostile)]))
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    root = tree(markup)
    assert not root.xpath("//script")
    assert by_id(root, "f-a").get("value") == hostile and by_id(root, "f-a").get("placeholder") == hostile
    assert by_id(root, "f-b").text == hostile and by_id(root, "f-a-error").text == hostile
    assert root.xpath("//input[@name='f.c'][@checked]/@value") == [hostile]
    assert by_id(root, "f-d-0").get("value") == hostile
    summary = str(render_error_summary([FieldError("a", hostile)]))
    assert "<script>" not in summary and "&lt;script&gt;" in summary


def test_repeated_groups_show_their_items_within_bounds():
    group = lambda data: tree(render_fields(form(), data, []))  # noqa: E731
    root = group({})
    assert len(root.xpath("//fieldset[@id='f-qua_trinh']/fieldset")) == 1  # minItems 1, nothing to remove
    assert not root.xpath("//button[starts-with(@value, 'remove:qua_trinh')]")
    root = group({"qua_trinh": [{"noi": "A"}, {"noi": "B"}]})
    buttons = root.xpath("//button[starts-with(@value, 'remove:qua_trinh')]")
    assert [b.get("value") for b in buttons] == ["remove:qua_trinh.0", "remove:qua_trinh.1"]
    assert [b.get("name") for b in buttons] == ["action", "action"] and buttons[1].text == "Xóa mục 2"
    assert buttons[1].text_content() == "Xóa mục 2 của «Quá trình cư trú»"
    assert [legend.text for legend in root.xpath("//fieldset[@id='f-qua_trinh']/fieldset/legend")] == ["Mục 1", "Mục 2"]
    add = root.xpath("//button[@value='add:qua_trinh']")[0]
    assert (add.get("type"), add.get("name"), add.text) == ("submit", "action", "Thêm quá trình cư trú")
    root = group({"qua_trinh": [{}, {}, {}]})  # maxItems 3
    assert not root.xpath("//button[@value='add:qua_trinh']")
    minimum = Form({"type": "object", "properties": {"x": {"type": "array", "title": "CCCD", "minItems": 2,
                                                         "items": {"type": "string"}}}})
    root = tree(render_fields(minimum, {"x": ["a"]}, []))
    assert [c.get("name") for c in controls(root)] == ["f.x.0", "f.x.1"]  # padded to minItems
    assert not root.xpath("//button[starts-with(@value, 'remove:')]")
    assert root.xpath("//button[@value='add:x']")[0].text == "Thêm CCCD"  # an acronym keeps its case


def test_another_prefix_names_every_control():
    root = tree(render_fields(form(), {}, [FieldError("ho_ten", "Sai.")], prefix="bo_sung"))
    assert_accessible(root)
    assert by_id(root, "bo_sung-ho_ten").get("name") == "bo_sung.ho_ten"
    assert by_id(root, "bo_sung-ho_ten-error").text == "Sai."
    assert all(c.get("name").startswith("bo_sung.") for c in controls(root))


# -- the error summary --------------------------------------------------------------------------

def test_error_summary_links_each_message_to_its_field():
    errors = form().validate({"so_ban": "hai"}) + [FieldError("", "Biểu mẫu có trường không được khai báo: x.")]
    summary = tree(render_error_summary(errors))
    box = by_id(summary, "tom-tat-loi")
    assert (box.get("role"), box.get("tabindex"), box.get("class")) == ("alert", "-1", "error-summary")
    assert by_id(summary, box.get("aria-labelledby")).text == f"Có {len(errors)} lỗi cần sửa"
    links = summary.xpath("//li/a")
    assert [a.text for a in links] == [e.message for e in errors if e.field]
    page = tree(render_fields(form(), {"so_ban": "hai"}, errors))
    for link in links:
        by_id(page, link.get("href")[1:])  # every link lands on an element of the form
    assert "#f-so_ban" in [a.get("href") for a in links]
    assert summary.xpath("//li[not(a)]")[0].text == "Biểu mẫu có trường không được khai báo: x."
    mixed = tree(render_error_summary({"f-ho_ten": "Thiếu họ tên.", "tep-GTTT": "Thiếu tệp."}))
    assert [(a.get("href"), a.text) for a in mixed.xpath("//a")] == [("#f-ho_ten", "Thiếu họ tên."),
                                                                   ("#tep-GTTT", "Thiếu tệp.")]
    assert str(render_error_summary([])) == "" and str(render_error_summary({})) == ""
    other_prefix = tree(render_error_summary([FieldError("a.0.b", "x")], prefix="g"))
    assert other_prefix.xpath("//a/@href") == ["#g-a-0-b"]


def test_jinja_templates_call_the_functions_directly():
    app = Flask(__name__)
    init_app(app)
    with app.app_context():
        page = render_template_string(
            "{{ render_error_summary(errors) }}<form novalidate>{{ render_fields(form, data, errors) }}</form>",
            form=form(), data={"ho_ten": "<b>An</b>"}, errors=[FieldError("so_ban", "Sai số.")])
    assert 'id="tom-tat-loi"' in page and 'id="f-so_ban-error"' in page and "&lt;b&gt;An&lt;/b&gt;" in page


# -- parsing ------------------------------------------------------------------------------------

def test_render_fill_parse_round_trip_passes_validation():
    root = tree(render_fields(form(), {}, []))
    fill(root, {"ho_ten": " Trần Thị Hoa ", "ngay_sinh": "1992-03-08", "ghi_chu": "Dòng một\nDòng hai", "so_ban": "2",
                "ty_le": "1,5", "email": "hoa@example.vn", "so_dien_thoai": "0987654321", "gioi_tinh": "nu", "tinh": "03",
                "hinh_thuc": "b", "muc_do": "2", "vung": "06", "cam_doan": "true", "dong_y": "false", "nhan_tin": "true",
                "nhu_cau": ["x", "z"], "dia_chi.xa": "Phường An Bình", "dia_chi.thon": "Tổ 5",
                "qua_trinh.0.tu_nam": "2006", "qua_trinh.0.noi": "Xã Tân Lập", "giay_to.0": "Bản sao giấy khai sinh"})
    data = parse_submission(form(), browser_submission(root))
    assert data == {**VALID, "qua_trinh": VALID["qua_trinh"][:1], "giay_to": VALID["giay_to"][:1]}
    assert form().validate(data) == []


@pytest.mark.parametrize("data", [VALID, {"ho_ten": "An", "cam_doan": True, "dong_y": True, "qua_trinh": [{"noi": "X"}]}])
def test_rendered_data_comes_back_unchanged(data):
    assert parse_submission(form(), browser_submission(tree(render_fields(form(), data, [])))) == data


def test_real_form_round_trip():
    real = real_form("cap_phieu_ly_lich_tu_phap/to_khai.schema.json")
    data = {"ho_ten": "Nguyễn Văn Nam", "ngay_sinh": "1990-01-02", "gioi_tinh": "nam", "noi_sinh": "Bình An",
            "quoc_tich": "Việt Nam", "loai_giay_to": "cccd", "so_cccd": "001090000123", "noi_cu_tru": "Phường An Bình",
            "so_dien_thoai": "0912345678", "loai_phieu": "1", "muc_dich": "Xin việc", "so_ban": 1,
            "doi_tuong_nop_phi": "giam", "qua_trinh_cu_tru": [{"tu_nam": 2004, "den_nam": 2026, "noi_cu_tru": "Phường An Bình"}]}
    assert real.validate(data) == []
    submitted = browser_submission(tree(render_fields(real, data, [])), action="submit")
    # The ID paper, left unanswered, comes back as its default: the page chose it beforehand (QT-57).
    assert parse_submission(real, submitted) == {**data, "loai_giay_to": "cccd"}


def test_text_is_trimmed_cleaned_and_empty_optional_fields_left_out():
    decomposed = unicodedata.normalize("NFD", "Nguyễn")
    data = parse_submission(form(), MultiDict([
        ("f.ho_ten", f"  {decomposed}\x00 "), ("f.ghi_chu", "a\r\nb\tc\x07"), ("f.email", "   "), ("f.ty_le", ""),
        ("f.tinh", ""), ("f.dia_chi.xa", ""), ("f.nhan_tin", ""), ("f.nhu_cau", ""), ("f.qua_trinh.0.noi", " ")]))
    assert data == {"ho_ten": "Nguyễn", "ghi_chu": "a\nb\tc"}
    assert data["ho_ten"] == unicodedata.normalize("NFC", "Nguyễn")


def test_invisible_characters_alone_are_blank_and_trimmed_at_the_ends():
    """A required reason of a no-break space and a zero-width space is refused as empty."""
    data = parse_submission(form(), MultiDict([("f.ho_ten", "\u00a0\u200b"), ("f.ghi_chu", "\ufeff Lý\u200bdo \u2060")]))
    assert data == {"ghi_chu": "Lý\u200bdo"}  # inside the text it stays: it may be meant
    errors = form().validate(data)
    assert any(e.field == "ho_ten" for e in errors)


@pytest.mark.parametrize("blank", ["\u3164", "\u2800", "\u200e", "\u2063", "\u115f\u1160", "\u202e \u2066"])
def test_letters_that_draw_as_blanks_and_direction_marks_alone_are_blank(blank):
    """A keyboard trick's Hangul or Braille blank, a direction mark: a required name of them shows
    nothing, so it is none; direction overrides inside a name (shown reversed) are removed."""
    data = parse_submission(form(), MultiDict([("f.ho_ten", blank), ("f.ghi_chu", "Lý\u202edo")]))
    assert data == {"ghi_chu": "Lýdo"}
    assert withdrawal_reason(blank) is None and withdrawal_reason(f"{blank}Không còn nhu cầu{blank}") == "Không còn nhu cầu"


def test_numbers_and_booleans_are_converted_and_bad_ones_kept_for_a_vietnamese_error():
    parsed = parse_submission(form(), MultiDict([
        ("f.so_ban", " +3 "), ("f.ty_le", "-2,25"), ("f.muc_do", "1"), ("f.dong_y", "true"), ("f.nhan_tin", "false"),
        ("f.qua_trinh.0.tu_nam", "2000")]))
    assert (parsed["so_ban"], parsed["ty_le"], parsed["muc_do"]) == (3, -2.25, 1)
    assert (parsed["dong_y"], parsed["nhan_tin"], parsed["qua_trinh"]) == (True, False, [{"tu_nam": 2000}])
    assert parse_submission(form(), MultiDict([("f.ty_le", "7")]))["ty_le"] == 7
    wrong = parse_submission(form(), MultiDict([("f.so_ban", "hai"), ("f.ty_le", "1.000.000"), ("f.qua_trinh.0.tu_nam", "１９９０"),
                                                ("f.dong_y", "có"), ("f.muc_do", "1.5")]))
    assert (wrong["so_ban"], wrong["ty_le"], wrong["dong_y"], wrong["muc_do"]) == ("hai", "1.000.000", "có", "1.5")
    assert wrong["qua_trinh"] == [{"tu_nam": "１９９０"}]  # full-width digits are not silently accepted
    messages = {e.field: e.message for e in form().validate(wrong)}
    assert messages["so_ban"] == "Trường «Số bản» phải là số nguyên."
    assert messages["ty_le"] == "Trường «Tỷ lệ» phải là số."
    assert messages["dong_y"] == "Trường «Thống nhất với đề nghị» phải là đúng/sai."
    assert messages["qua_trinh.0.tu_nam"] == "Trường «Từ năm» phải là số nguyên."
    page = tree(render_fields(form(), wrong, form().validate(wrong)))
    assert by_id(page, "f-so_ban").get("value") == "hai" and by_id(page, "f-so_ban-error").text == messages["so_ban"]


def test_arrays_keep_their_order_and_drop_empty_items():
    data = parse_submission(form(), MultiDict([
        ("f.qua_trinh.2.noi", "C"), ("f.qua_trinh.0.noi", "A"), ("f.qua_trinh.1.noi", ""), ("f.qua_trinh.1.tu_nam", " "),
        ("f.qua_trinh.10.noi", "K"), ("f.qua_trinh.01.noi", "not an index"), ("f.qua_trinh.x.noi", "not an index"),
        ("f.giay_to.1", "Hai"), ("f.giay_to.0", ""), ("f.giay_to.3", "Bốn"),
        ("f.nhu_cau", "z"), ("f.nhu_cau", ""), ("f.nhu_cau", "x")]))
    assert data == {"qua_trinh": [{"noi": "A"}, {"noi": "C"}, {"noi": "K"}], "giay_to": ["Hai", "Bốn"], "nhu_cau": ["z", "x"]}


def test_names_outside_the_schema_or_the_prefix_are_ignored():
    data = parse_submission(form(), MultiDict([
        ("f.ho_ten", "An"), ("f.khong_co", "x"), ("f.dia_chi.khong_co", "x"), ("f", "x"), ("g.ho_ten", "Bình"),
        ("f.ho_ten.0", "x"), ("csrf_token", "t"), ("action", "save"), ("f.qua_trinh.0.noi.x", "y")]))
    assert data == {"ho_ten": "An"}
    assert parse_submission(form(), MultiDict([("g.ho_ten", "Bình")]), prefix="g") == {"ho_ten": "Bình"}
    assert parse_submission(form(), {"f.ho_ten": "Từ một dict"}) == {"ho_ten": "Từ một dict"}


def test_too_many_fields_are_refused_whole():
    at_limit = MultiDict([(f"f.giay_to.{i}", "a") for i in range(MAX_FIELDS)] + [("csrf_token", "t"), ("other", "x")])
    assert len(parse_submission(form(), at_limit)["giay_to"]) == MAX_FIELDS  # only the form's own fields count
    for posted in (MultiDict([(f"f.qua_trinh.{i}.noi", "a") for i in range(MAX_FIELDS + 1)]),
                   MultiDict([("f.nhu_cau", "x")] * (MAX_FIELDS + 1))):
        with pytest.raises(FormTooLarge) as refused:
            parse_submission(form(), posted)
        assert refused.value.message == str(refused.value)
        assert "quá lớn" in refused.value.message and f"{MAX_FIELDS} trường" in refused.value.message


def test_text_longer_than_the_limit_is_kept_and_named_at_its_field():
    """A long paste is not thrown away with the whole form: the page shows it back, with the error."""
    posted = MultiDict([("f.ngay_khac", "x" * MAX_TEXT), ("f.lien_he", "y" * (MAX_TEXT + 1)),
                        ("f.qua_trinh.0.noi", "z" * (MAX_TEXT + 1))])
    data = parse_submission(form(), posted)
    assert len(data["ngay_khac"]) == MAX_TEXT and len(data["lien_he"]) == len(data["qua_trinh"][0]["noi"]) == MAX_TEXT + 1
    errors = {e.field: e.message for e in form().validate(data)}
    assert "ngay_khac" not in errors
    assert errors["lien_he"] == "Trường «Liên hệ» chỉ được có tối đa 20.000 ký tự."
    assert errors["qua_trinh.0.noi"] == "Trường «Nơi cư trú» chỉ được có tối đa 300 ký tự."  # the schema's own limit


# -- repeated group actions ---------------------------------------------------------------------

def test_add_appends_after_what_the_page_showed_within_max_items():
    data = apply_action(form(), {}, "add:qua_trinh")
    assert data == {"qua_trinh": [{}, {}]}  # the blank item on the page, then the new one
    data = apply_action(form(), data, "add:qua_trinh")
    assert data["qua_trinh"] == [{}, {}, {}]
    assert apply_action(form(), data, "add:qua_trinh") == data  # maxItems 3
    assert apply_action(form(), {"giay_to": ["a"]}, "add:giay_to") == {"giay_to": ["a", ""]}
    minimum = Form({"type": "object", "properties": {"x": {"type": "array", "minItems": 2, "items": {"type": "string"}}}})
    assert apply_action(minimum, {}, "add:x") == {"x": ["", "", ""]}


def test_remove_drops_the_item_within_min_items():
    data = {"qua_trinh": [{"noi": "A"}, {"noi": "B"}, {"noi": "C"}], "ho_ten": "An"}
    assert apply_action(form(), data, "remove:qua_trinh.1") == {"qua_trinh": [{"noi": "A"}, {"noi": "C"}], "ho_ten": "An"}
    assert data["qua_trinh"][1] == {"noi": "B"}  # the caller's data is not changed
    assert apply_action(form(), data, "remove:qua_trinh.3") == data
    assert apply_action(form(), {"qua_trinh": [{"noi": "A"}]}, "remove:qua_trinh.0") == {"qua_trinh": [{"noi": "A"}]}
    assert apply_action(form(), {"giay_to": ["a"]}, "remove:giay_to.0") == {}  # minItems 0: the group empties


def test_actions_reach_groups_inside_groups():
    nested = Form({"type": "object", "properties": {"thanh_vien": {"type": "array", "items": {
        "type": "object", "properties": {"ten": {"type": "string"},
                                         "con": {"type": "array", "items": {"type": "string"}}}}}}})
    data = {"thanh_vien": [{"ten": "A", "con": ["x", "y"]}]}
    assert apply_action(nested, data, "add:thanh_vien.0.con") == {"thanh_vien": [{"ten": "A", "con": ["x", "y", ""]}]}
    assert apply_action(nested, data, "remove:thanh_vien.0.con.0") == {"thanh_vien": [{"ten": "A", "con": ["y"]}]}
    assert apply_action(nested, data, "add:thanh_vien.5.con") == data  # no such item
    root = tree(render_fields(nested, data, []))
    assert_accessible(root)
    assert root.xpath("//button[@value='remove:thanh_vien.0.con.1']") and root.xpath("//button[@value='add:thanh_vien.0.con']")


@pytest.mark.parametrize("action", [
    None, 5, "", "save", "submit", "add:", "add:khong_co", "add:ho_ten", "add:nhu_cau", "remove:qua_trinh",
    "remove:qua_trinh.x", "add:../../etc/passwd", "add:qua_trinh/..", "explode:qua_trinh", "add:qua_trinh.",
    "remove:qua_trinh.-1", "add:" + "a." * 200 + "a", "add:qua_trinh.0.noi", "remove:ho_ten.0"])
def test_unknown_or_malformed_actions_change_nothing(action):
    data = {"ho_ten": "An", "qua_trinh": [{"noi": "A"}, {"noi": "B"}]}
    assert apply_action(form(), data, action) == data


def test_removing_an_item_after_a_blank_one_removes_the_one_the_user_chose():
    """Blank items are normally dropped on parsing; for the group whose button was pressed they
    keep their place, so "Xóa mục 3" removes what the user saw as item 3."""
    data = {"qua_trinh": [{"noi": "A"}, {}, {"noi": "C"}]}
    root = tree(render_fields(form(), data, []))
    posted = browser_submission(root, action="remove:qua_trinh.2")
    parsed = parse_submission(form(), posted)
    assert parsed["qua_trinh"] == [{"noi": "A"}, {}, {"noi": "C"}]
    assert apply_action(form(), parsed, posted["action"])["qua_trinh"] == [{"noi": "A"}, {}]
    added = apply_action(form(), parse_submission(form(), browser_submission(root, action="add:qua_trinh")), "add:qua_trinh")
    assert added["qua_trinh"] == [{"noi": "A"}, {}, {"noi": "C"}]  # maxItems 3: nothing to add
    assert parse_submission(form(), browser_submission(root, action="save"))["qua_trinh"] == [{"noi": "A"}, {"noi": "C"}]


def test_ui_confirm_puts_its_question_on_the_values_it_names_only():
    """"ui:confirm" (value → question) on a choice: the control of each value named carries its
    question (data-confirm, asked by the one-stop system's script before the form is sent with it
    chosen), whatever the widget; other values, other fields and the add/remove buttons ask nothing."""
    ui = {**UI, "gioi_tinh": {**UI["gioi_tinh"], "ui:confirm": {"nu": "Chọn «nữ»?"}},     # radio buttons
          "tinh": {**UI.get("tinh", {}), "ui:confirm": {"03": 'Tỉnh "03" & <khác>?'}},   # a drop-down list
          "dong_y": {**UI.get("dong_y", {}), "ui:confirm": {"false": "Không thống nhất?"}},  # yes/no radio buttons
          "nhan_tin": {"ui:confirm": {"true": "Nhận tin nhắn?"}},                         # one check box
          "nhu_cau": {**UI.get("nhu_cau", {}), "ui:confirm": {"z": "Cả z?", "khong_co": "Không bao giờ hỏi"}},
          "hinh_thuc": {**UI.get("hinh_thuc", {}), "ui:confirm": ["a"]}}                 # not a map: nothing
    root = tree(render_fields(Form(SCHEMA, ui), {}, []))
    assert_accessible(root)
    asking = {(c.get("name") or c.getparent().get("name"), c.get("value")): c.get("data-confirm")
              for c in root.xpath("//*[@data-confirm]")}
    assert asking == {("f.gioi_tinh", "nu"): "Chọn «nữ»?", ("f.tinh", "03"): 'Tỉnh "03" & <khác>?',
                      ("f.dong_y", "false"): "Không thống nhất?", ("f.nhan_tin", "true"): "Nhận tin nhắn?",
                      ("f.nhu_cau", "z"): "Cả z?"}
    assert 'data-confirm="Tỉnh &#34;03&#34; &amp; &lt;khác&gt;?"' in str(render_fields(Form(SCHEMA, ui), {}, []))
    buttons = root.xpath("//button[@name='action']")
    assert buttons and all(b.get("data-no-confirm") == "" for b in buttons)
    assert tree(render_fields(form(), {}, [])).xpath("//*[@data-confirm]") == []


def test_a_date_typed_day_first_is_read_as_the_day_it_names():
    """Where the browser offers no date picker a citizen types 15/01/1990: read as that day; a
    day that does not exist stays as typed and the form says what a date looks like."""
    form = Form({"type": "object", "properties": {"ngay_sinh": {"type": "string", "title": "Ngày sinh",
                                                                "format": "date"}}})
    assert parse_submission(form, MultiDict({"f.ngay_sinh": "15/01/1990"}), "f") == {"ngay_sinh": "1990-01-15"}
    assert parse_submission(form, MultiDict({"f.ngay_sinh": "5.3.1990"}), "f") == {"ngay_sinh": "1990-03-05"}
    wrong = parse_submission(form, MultiDict({"f.ngay_sinh": "31/02/1990"}), "f")
    [error] = form.validate(wrong)
    assert wrong == {"ngay_sinh": "31/02/1990"} and "ngày/tháng/năm, ví dụ 15/01/1990" in error.message


def test_a_date_time_is_picked_or_typed_in_the_provinces_time_and_stored_with_its_offset(clean_app):
    """A timer reads a date-time field (working_days(1, thoi_diem_hen), ANALYST.md QT-08): the
    page offers the phone's date-time picker, takes what a keyboard types too, stores RFC 3339
    with the province's offset, and shows it back as people read it."""
    from app.eforms.readable import readable
    form = Form({"type": "object", "required": ["thoi_diem_hen"], "properties": {
        "thoi_diem_hen": {"type": "string", "title": "Thời điểm hẹn", "format": "date-time"}}})
    with clean_app.app_context():
        stored = "2026-12-01T09:00:00+07:00"
        for typed in ("2026-12-01T09:00", "01/12/2026 09:00", "1/12/2026 9:00", stored, "2026-12-01T02:00:00+00:00"):
            data = parse_submission(form, MultiDict({"f.thoi_diem_hen": typed}), "f")
            assert form.validate(data) == [], typed
            assert datetime.fromisoformat(data["thoi_diem_hen"]) == datetime.fromisoformat(stored), typed
        [control] = controls(tree(render_fields(form, {"thoi_diem_hen": stored}, [])))
        assert control.get("type") == "datetime-local" and control.get("value") == "2026-12-01T09:00"
        assert [e.text for e in readable(form.schema, None, {"thoi_diem_hen": stored})] == ["09:00 ngày 01/12/2026"]
        wrong = parse_submission(form, MultiDict({"f.thoi_diem_hen": "31/02/2026 09:00"}), "f")
        [error] = form.validate(wrong)
        assert wrong == {"thoi_diem_hen": "31/02/2026 09:00"}
        assert "ngày/tháng/năm giờ:phút, ví dụ 01/12/2026 09:00" in error.message
        [control] = controls(tree(render_fields(form, wrong, [error])))
        assert control.get("type") == "text" and control.get("value") == "31/02/2026 09:00"
        assert "ví dụ 01/12/2026 09:00" in control.get("placeholder")
    assert form.validate({"thoi_diem_hen": "2026-12-01T09:00"}) != []  # without its offset: not an instant
