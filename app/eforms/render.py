"""A JSON Schema form (with its UI schema) as accessible server-rendered HTML: every control
labelled, help and errors tied with aria-describedby, groups in fieldsets, repeated groups
grown and shrunk by submit buttons (no JavaScript). Required fields are marked, not enforced
by the browser, so a half-filled draft can always be saved."""
from __future__ import annotations

from markupsafe import Markup, escape

from .messages import TEXT
from .paths import field_anchor, field_name, join

RADIO_MAX = 4
TEXTAREA_MIN_LENGTH = 300
TEL_NAMES = ("so_dien_thoai", "dien_thoai")


def render_fields(form, data, errors, prefix: str = "f") -> Markup:
    """Every field of `form` filled with `data`; `errors` are FieldErrors shown at their field."""
    context = {"errors": {e.field: e.message for e in errors}, "prefix": prefix}
    return Markup(_object(form.schema, form.ui_schema or {}, data if isinstance(data, dict) else {}, "", context))


def options(spec: dict, ui: dict) -> list[tuple[str, str]]:
    if "enum" in spec:
        labels = ui.get("ui:enumNames") or []
        return [(str(v), str(labels[i]) if i < len(labels) else str(v)) for i, v in enumerate(spec["enum"])]
    return [(str(o["const"]), str(o.get("title", o["const"]))) for o in spec.get("oneOf", []) if "const" in o]


def _ordered(schema: dict, ui: dict) -> list[str]:
    names = list(schema.get("properties", {}))
    order = [n for n in ui.get("ui:order", []) if n in names]
    return order + [n for n in names if n not in order]


def _object(schema: dict, ui: dict, value: dict, path: str, ctx: dict) -> str:
    required = set(schema.get("required", []))
    return "".join(_field(schema["properties"][name], ui.get(name, {}), value.get(name), join(path, name),
                          name in required, ctx) for name in _ordered(schema, ui))


def _title(spec: dict, path: str) -> str:
    return spec.get("title") or path.rsplit(".", 1)[-1]


def _mark(required: bool) -> str:
    return f' <span class="required-mark" title="{TEXT["required"]}">*</span>' if required else ""


def _described(anchor: str, has_help: bool, error: str | None) -> str:
    ids = ([f"{anchor}-help"] if has_help else []) + ([f"{anchor}-error"] if error else [])
    aria = f' aria-describedby="{" ".join(ids)}"' if ids else ""
    return aria + (' aria-invalid="true"' if error else "")


def _notes(anchor: str, help_text: str | None, error: str | None) -> str:
    html = f'<p class="help" id="{anchor}-help">{escape(help_text)}</p>' if help_text else ""
    if error:
        html += f'<p class="field-error" id="{anchor}-error">{escape(error)}</p>'
    return html


def _field(spec: dict, ui: dict, value, path: str, required: bool, ctx: dict) -> str:
    kind = spec.get("type")
    if kind == "object":
        return (f'<fieldset id="{field_anchor(path, ctx["prefix"])}"><legend>{escape(_title(spec, path))}</legend>'
                f'{_object(spec, ui, value if isinstance(value, dict) else {}, path, ctx)}</fieldset>')
    if kind == "array":
        items = spec.get("items", {})
        if options(items, ui.get("items", {})):
            return _choices(spec, ui, value, path, required, ctx, multiple=True)
        return _repeated(spec, ui, value if isinstance(value, list) else [], path, required, ctx)
    if options(spec, ui):
        return _choices(spec, ui, value, path, required, ctx, multiple=False)
    return _single(spec, ui, value, path, required, ctx)


def _wrap(content: str, error: str | None) -> str:
    return f'<div class="field{" has-error" if error else ""}">{content}</div>'


def _single(spec: dict, ui: dict, value, path: str, required: bool, ctx: dict) -> str:
    anchor, name = field_anchor(path, ctx["prefix"]), field_name(path, ctx["prefix"])
    error, help_text = ctx["errors"].get(path), ui.get("ui:help")
    label = f'<label for="{anchor}">{escape(_title(spec, path))}{_mark(required)}</label>'
    attrs = f'id="{anchor}" name="{name}"' + _described(anchor, bool(help_text), error)
    if required:
        attrs += ' aria-required="true"'
    if ui.get("ui:placeholder"):
        attrs += f' placeholder="{escape(ui["ui:placeholder"])}"'
    if ui.get("ui:autocomplete"):
        attrs += f' autocomplete="{escape(ui["ui:autocomplete"])}"'
    shown = "" if value is None else escape(value if isinstance(value, str) else str(value).lower()
                                             if isinstance(value, bool) else str(value))
    kind, widget = spec.get("type"), ui.get("ui:widget")
    if kind == "boolean":
        checked = " checked" if value is True else ""
        control = (f'<div class="choice"><input type="checkbox" {attrs} value="true"{checked}>'
                   f'<label for="{anchor}">{escape(_title(spec, path))}{_mark(required)}</label></div>')
        return _wrap(control + _notes(anchor, help_text, error), error)
    if widget == "textarea" or (kind == "string" and spec.get("maxLength", 0) > TEXTAREA_MIN_LENGTH):
        limit = f' maxlength="{spec["maxLength"]}"' if "maxLength" in spec else ""
        control = f'<textarea {attrs} rows="4"{limit}>{shown}</textarea>'
    else:
        control = f'<input {attrs} {_input_type(spec, ui, path)} value="{shown}">'
    return _wrap(label + _notes(anchor, help_text, None) + control + _notes(anchor, None, error), error)


def _input_type(spec: dict, ui: dict, path: str) -> str:
    kind, fmt, widget = spec.get("type"), spec.get("format"), ui.get("ui:widget")
    if kind in ("integer", "number"):
        bounds = "".join(f' {html}="{spec[key]}"' for key, html in (("minimum", "min"), ("maximum", "max")) if key in spec)
        step = ' step="1"' if kind == "integer" else ' step="any"'
        return f'type="number" inputmode="{"numeric" if kind == "integer" else "decimal"}"{step}{bounds}'
    if fmt == "date" or widget == "date":
        return 'type="date"'
    if fmt == "email":
        return 'type="email" autocomplete="email"'
    if widget == "tel" or path.rsplit(".", 1)[-1] in TEL_NAMES:
        return 'type="tel" inputmode="tel"'
    limit = f' maxlength="{spec["maxLength"]}"' if "maxLength" in spec else ""
    return f'type="text"{limit}'


def _choices(spec: dict, ui: dict, value, path: str, required: bool, ctx: dict, multiple: bool) -> str:
    anchor, name = field_anchor(path, ctx["prefix"]), field_name(path, ctx["prefix"])
    error, help_text = ctx["errors"].get(path), ui.get("ui:help")
    pairs = options(spec.get("items", {}), ui.get("items", {})) if multiple else options(spec, ui)
    if multiple and not pairs:
        pairs = options(spec["items"], ui)
    chosen = {str(v) for v in value} if multiple and isinstance(value, list) else {str(value)} if value is not None else set()
    widget = ui.get("ui:widget")
    if not multiple and (widget == "select" or (widget != "radio" and len(pairs) > RADIO_MAX)):
        items = f'<option value="">{TEXT["choose"]}</option>' + "".join(
            f'<option value="{escape(v)}"{" selected" if v in chosen else ""}>{escape(label)}</option>'
            for v, label in pairs)
        required_attr = ' aria-required="true"' if required else ""
        return _wrap(f'<label for="{anchor}">{escape(_title(spec, path))}{_mark(required)}</label>'
                     + _notes(anchor, help_text, None)
                     + f'<select id="{anchor}" name="{name}"{_described(anchor, False, error)}{required_attr}>'
                       f'{items}</select>' + _notes(anchor, None, error), error)
    kind = "checkbox" if multiple else "radio"
    boxes = "".join(
        f'<div class="choice"><input type="{kind}" id="{anchor}-{i}" name="{name}" value="{escape(v)}"'
        f'{" checked" if v in chosen else ""}><label for="{anchor}-{i}">{escape(label)}</label></div>'
        for i, (v, label) in enumerate(pairs))
    return (f'<fieldset id="{anchor}" class="field{" has-error" if error else ""}"{_described(anchor, bool(help_text), error)}>'
            f'<legend>{escape(_title(spec, path))}{_mark(required)}</legend>'
            f'{_notes(anchor, help_text, None)}{boxes}{_notes(anchor, None, error)}</fieldset>')


def _repeated(spec: dict, ui: dict, value: list, path: str, required: bool, ctx: dict) -> str:
    title = _title(spec, path)
    anchor, error = field_anchor(path, ctx["prefix"]), ctx["errors"].get(path)
    items_spec, items_ui = spec.get("items", {}), ui.get("items", {})
    shown = list(value) or [None] * max(spec.get("minItems", 0), 1)
    parts = []
    for i, item in enumerate(shown):
        item_path = join(path, i)
        label = TEXT["item"].format(title=title, n=i + 1)
        if items_spec.get("type") == "object":
            inner = _object(items_spec, items_ui, item if isinstance(item, dict) else {}, item_path, ctx)
        else:
            inner = _single({**items_spec, "title": label}, items_ui, item, item_path, False, ctx)
        remove = ""
        if len(shown) > spec.get("minItems", 0) and len(shown) > 1:
            remove = (f'<button type="submit" class="secondary" name="action" value="remove:{item_path}">'
                      f'{TEXT["remove"].format(n=i + 1)}<span class="visually-hidden">'
                      f'{escape(TEXT["remove_hidden"].format(title=title))}</span></button>')
        parts.append(f'<fieldset id="{field_anchor(item_path, ctx["prefix"])}"><legend>{escape(label)}</legend>'
                     f'{inner}{remove}</fieldset>')
    add = ""
    if len(shown) < spec.get("maxItems", 100):
        add = (f'<button type="submit" class="secondary" name="action" value="add:{path}">'
               f'{escape(TEXT["add"].format(title=title.lower()))}</button>')
    return (f'<fieldset id="{anchor}" class="field{" has-error" if error else ""}"{_described(anchor, False, error)}>'
            f'<legend>{escape(title)}{_mark(required)}</legend>{"".join(parts)}{add}'
            f'{_notes(anchor, ui.get("ui:help"), error)}</fieldset>')
