"""A JSON Schema form (with its UI schema) as accessible server-rendered HTML: every control
labelled once, help and errors tied with aria-describedby, groups in fieldsets, repeated groups
grown and shrunk by submit buttons (no JavaScript). Required fields are marked and announced
(aria-required), not enforced by the browser, so a half-filled draft can always be saved:
render inside a <form novalidate>. A choice whose UI schema has "ui:confirm" (value → question)
carries the question on that value's control (data-confirm), which the one-stop system's script
asks before the form is sent with that value chosen (app/web/static/forms.js); the add and
remove buttons (data-no-confirm) never ask. A field whose UI schema has "ui:shownWhen" (engine/
form_conditions.py) is wrapped in data-shown-when, which the same script hides while none of
its values is chosen. A text box may offer suggestions (a <datalist>) the caller gives by the
field's path, with "*" for an item's index: typing anything else stays allowed."""
from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from engine.form_conditions import choice_values, required_while_shown, shown_when
from engine.forms import date_bound

from .instants import picker_value
from .messages import TEXT
from .paths import field_anchor, field_name, join
from .schema import as_text, blank, item_options, kind, max_items, min_items, options, ordered, shown_count, widget

DEFAULT_AUTOCOMPLETE = {"email": "email", "tel": "tel"}
DEFAULT_PLACEHOLDER = {"datetime": TEXT["datetime_placeholder"]}  # where the picker falls back to text
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def render_fields(form, data, errors, prefix: str = "f", suggestions: dict[str, list[str]] | None = None) -> Markup:
    """Every field of `form` filled with `data`; `errors` (FieldErrors) shown at their field;
    `suggestions`: the values offered in text boxes, by path pattern ("group.*.name")."""
    shown: dict[str, str] = {}
    for error in errors or ():
        shown.setdefault(error.field, error.message)
    context = _Context(prefix, shown, suggestions or {})
    return Markup(_properties(form.schema, form.ui_schema or {}, data if isinstance(data, dict) else {}, "", context))


@dataclass(frozen=True)
class _Context:
    prefix: str
    errors: dict
    suggestions: dict


@dataclass(frozen=True)
class _Field:
    spec: dict
    ui: dict
    value: object
    path: str
    required: bool
    ctx: _Context

    @property
    def anchor(self) -> str:
        return field_anchor(self.path, self.ctx.prefix)

    @property
    def name(self) -> str:
        return field_name(self.path, self.ctx.prefix)

    @property
    def title(self) -> str:
        return str(self.spec.get("title") or self.path.rsplit(".", 1)[-1])

    @property
    def error(self) -> str | None:
        return self.ctx.errors.get(self.path)

    @property
    def help(self) -> str | None:
        return self.ui.get("ui:help") or self.spec.get("description")

    @property
    def suggestions(self) -> list[str]:
        pattern = ".".join("*" if part.isdigit() else part for part in self.path.split("."))
        return self.ctx.suggestions.get(pattern) or []

    @property
    def widget(self) -> str:
        return widget(self.spec, self.ui, self.path.rsplit(".", 1)[-1], self.required)


def _ui(ui: dict, name) -> dict:
    node = ui.get(name) if isinstance(ui, dict) else None
    return node if isinstance(node, dict) else {}


def _properties(schema: dict, ui: dict, value: dict, path: str, ctx: _Context) -> str:
    required, properties = set(schema.get("required", [])), schema.get("properties", {})
    parts = []
    for name in ordered(schema, ui):
        rule = shown_when(_ui(ui, name))
        if rule is not None and rule[0] not in properties:
            rule = None  # names no field of the group: the form check says so
        # A field shown for some choices is marked required when those choices require it.
        needed = name in required or (rule is not None and required_while_shown(schema, name, *rule))
        current = value.get(name)
        if current is None and "default" in properties[name] and choice_values(properties[name]) is not None:
            current = properties[name]["default"]  # chosen beforehand, as the fields following it read it
        html = _field(_Field(properties[name], _ui(ui, name), current, join(path, name), needed, ctx))
        if rule is not None:
            shown = f"{field_name(join(path, rule[0]), ctx.prefix)}={'|'.join(as_text(v) for v in rule[1])}"
            note = _shown_when_note(properties[rule[0]], _ui(ui, rule[0]), rule)
            html = f'<div{_attrs(("data-shown-when", shown))}>{note}{html}</div>'
        parts.append(html)
    return "".join(parts)


def _field(f: _Field) -> str:
    return _RENDERERS.get(f.widget, _input)(f)


# -- pieces shared by every widget --------------------------------------------------------------

def _attrs(*pairs) -> str:
    """HTML attributes, every value escaped; None and False leave the attribute out."""
    return "".join(f" {key}" if value is True else f' {key}="{escape(value)}"'
                   for key, value in pairs if value is not None and value is not False)


def _described_by(f: _Field) -> str | None:
    ids = ([f"{f.anchor}-help"] if f.help else []) + ([f"{f.anchor}-error"] if f.error else [])
    return " ".join(ids) or None


def _notes(f: _Field) -> str:
    """The help text, then the error: both referenced by the control's aria-describedby."""
    html = f'<p class="help"{_attrs(("id", f"{f.anchor}-help"))}>{escape(f.help)}</p>' if f.help else ""
    if f.error:
        html += f'<p class="field-error"{_attrs(("id", f"{f.anchor}-error"))}>{escape(f.error)}</p>'
    return html


def _mark(required: bool) -> str:
    """The visible star; the control itself says "required" to assistive technology."""
    return ' <span class="required-mark" aria-hidden="true">*</span>' if required else ""


def _legend(f: _Field) -> str:
    """A group's legend: a fieldset has no aria-required, so "required" is said in words."""
    hidden = f' <span class="visually-hidden">{TEXT["required"]}</span>' if f.required else ""
    return f"<legend>{escape(f.title)}{_mark(f.required)}{hidden}</legend>"


def _label(f: _Field, anchor: str | None = None) -> str:
    return f'<label{_attrs(("for", anchor or f.anchor))}>{escape(f.title)}{_mark(f.required)}</label>'


def _wrap(f: _Field, content: str) -> str:
    return f'<div class="field{" has-error" if f.error else ""}">{content}</div>'


def _control(f: _Field) -> str:
    """The attributes every single control carries."""
    return _attrs(("id", f.anchor), ("name", f.name), ("aria-describedby", _described_by(f)),
                  ("aria-invalid", "true" if f.error else None), ("aria-required", "true" if f.required else None))


def _shown_value(value) -> str:
    return as_text(value) if isinstance(value, (str, int, float, bool)) or value is None else ""


# -- single controls ----------------------------------------------------------------------------

_DIGITS = re.compile(r"(?:[0-9]|\[0-9\]|\\d)(?:\{\d+(?:,\d*)?\}|[+*?])?")


def _digits_only(pattern) -> bool:
    """Whether a field's pattern takes nothing but digits (`^[0-9]{12}$`, `^0\\d{9}$`)."""
    if not isinstance(pattern, str):
        return False
    body = pattern.removeprefix("^").removesuffix("$")
    return bool(body) and re.fullmatch(f"(?:{_DIGITS.pattern})+", body) is not None


def _input(f: _Field) -> str:
    kind_, value = f.widget, _shown_value(f.value)
    spec, ui = f.spec, f.ui
    extra = [("autocomplete", ui.get("ui:autocomplete") or DEFAULT_AUTOCOMPLETE.get(kind_)),
             ("placeholder", ui.get("ui:placeholder") or DEFAULT_PLACEHOLDER.get(kind_))]
    if kind_ == "number":
        integer = kind(spec) == "integer"
        numeric = not value or _NUMBER.fullmatch(value)
        # Letters typed in a number field come back as text, so the user sees what to correct.
        extra += [("type", "number" if numeric else "text"), ("inputmode", "numeric" if integer else "decimal")]
        if numeric:
            extra += [("step", "1" if integer else "any"), ("min", _number(spec.get("minimum"))),
                      ("max", _number(spec.get("maximum")))]
    elif kind_ == "date":
        extra.append(("type", "date" if not value or _ISO_DATE.fullmatch(value) else "text"))
        # The phone's date picker offers only the days the form takes.
        extra += [(attr, day.isoformat() if day else None) for attr, day in
                  (("min", date_bound(spec.get("formatMinimum"))), ("max", date_bound(spec.get("formatMaximum"))))]
    elif kind_ == "datetime":
        # The picker shows the province's time; text typed that is no instant comes back as typed.
        picked = picker_value(value)
        value = picked or value
        extra.append(("type", "datetime-local" if picked or not value else "text"))
    else:
        extra += [("type", kind_ if kind_ in ("email", "tel") else "text"), ("maxlength", spec.get("maxLength")),
                  ("spellcheck", "false" if kind_ in ("email", "tel") else None),
                  # A number made of digits only (a CCCD): the phone's digit keypad, kept as text (leading 0).
                  ("inputmode", "numeric" if kind_ == "text" and _digits_only(spec.get("pattern")) else None)]
    offered = _datalist(f)
    if offered:
        extra.append(("list", f"{f.anchor}-goi-y"))
    return _wrap(f, _label(f) + _notes(f) + f"<input{_control(f)}{_attrs(*extra)}{_attrs(('value', value))}>{offered}")


def _datalist(f: _Field) -> str:
    if f.widget != "text" or not f.suggestions:
        return ""
    options = "".join(f"<option{_attrs(('value', text))}>" for text in f.suggestions)
    return f'<datalist{_attrs(("id", f"{f.anchor}-goi-y"))}>{options}</datalist>'


def _number(bound):
    """A number bound for the browser; one naming another field (engine/related_fields.py) is
    the server's to check."""
    return bound if isinstance(bound, (int, float)) and not isinstance(bound, bool) else None


def _textarea(f: _Field) -> str:
    rows = "8" if f.spec.get("maxLength", 0) > 2000 else "4"
    extra = _attrs(("rows", rows), ("maxlength", f.spec.get("maxLength")), ("placeholder", f.ui.get("ui:placeholder")),
                   ("autocomplete", f.ui.get("ui:autocomplete")))
    return _wrap(f, _label(f) + _notes(f) + f"<textarea{_control(f)}{extra}>{escape(_shown_value(f.value))}</textarea>")


def _confirm(f: _Field, value: str) -> str | None:
    """The question "ui:confirm" asks before the form is sent with `value` chosen, or None."""
    questions = f.ui.get("ui:confirm")
    question = questions.get(value) if isinstance(questions, dict) else None  # a yes/no field's: "true", "false"
    return question if isinstance(question, str) and question.strip() else None


def _select(f: _Field) -> str:
    chosen = _shown_value(f.value) if f.value is not None else None
    items = f'<option value="">{TEXT["choose"]}</option>' + "".join(
        f'<option{_attrs(("value", value), ("selected", value == chosen), ("data-confirm", _confirm(f, value)))}>'
        f'{escape(label)}</option>'
        for value, label in options(f.spec, f.ui))
    return _wrap(f, _label(f) + _notes(f) + f"<select{_control(f)}>{items}</select>")


def _checkbox(f: _Field) -> str:
    attrs = _control(f) + _attrs(("value", "true"), ("checked", f.value is True), ("data-confirm", _confirm(f, "true")))
    box = f'<div class="choice"><input type="checkbox"{attrs}>{_label(f)}</div>'
    return _wrap(f, box + _notes(f))


# -- groups -------------------------------------------------------------------------------------

def _choices(f: _Field) -> str:
    """Radio buttons or check boxes in a fieldset; the first one carries the field's id, so the
    error summary's link lands on a control."""
    kind_ = f.widget
    if kind_ == "checkboxes":
        pairs, chosen = item_options(f.spec, f.ui), {as_text(v) for v in f.value} if isinstance(f.value, list) else set()
    else:
        pairs = options(f.spec, f.ui) if kind_ == "radio" else _yes_no(f.ui)
        chosen = {_shown_value(f.value)} if f.value is not None else set()
    input_type = "checkbox" if kind_ == "checkboxes" else "radio"
    boxes = []
    for i, (value, label) in enumerate(pairs):
        option_id = f.anchor if i == 0 else f"{f.anchor}-{i}"
        attrs = _attrs(("type", input_type), ("id", option_id), ("name", f.name), ("value", value),
                       ("checked", value in chosen), ("aria-invalid", "true" if f.error else None),
                       ("data-confirm", _confirm(f, value)))
        boxes.append(f'<div class="choice"><input{attrs}><label{_attrs(("for", option_id))}>{escape(label)}</label></div>')
    boxes = "".join(boxes)
    return _wrap(f, f'<fieldset{_attrs(("aria-describedby", _described_by(f)))}>{_legend(f)}{_notes(f)}{boxes}</fieldset>')


def _shown_when_note(spec: dict, ui: dict, rule: tuple[str, list]) -> str:
    """When a field following a choice applies, in words: what a page without its script shows
    (the script hides the field itself until then, and this note with it)."""
    labels = dict(_yes_no(ui) if kind(spec) == "boolean" else options(spec, ui))
    values = TEXT["or"].join(f"«{labels.get(as_text(v), as_text(v))}»" for v in rule[1])
    text = TEXT["shown_when"].format(field=spec.get("title") or rule[0], values=values)
    return f'<p class="help shown-when-note">{escape(text)}</p>'


def _yes_no(ui: dict) -> list[tuple[str, str]]:
    names = [str(n) for n in (ui.get("ui:enumNames") or [])[:2]]
    labels = names + [TEXT["yes"], TEXT["no"]][len(names):]
    return [("true", labels[0]), ("false", labels[1])]


def _fieldset(f: _Field, content: str, css: str) -> str:
    classes = css + (" has-error" if f.error else "")
    return (f'<fieldset{_attrs(("id", f.anchor), ("class", classes), ("aria-describedby", _described_by(f)))}>'
            f"{_legend(f)}{_notes(f)}{content}</fieldset>")


def _group(f: _Field) -> str:
    value = f.value if isinstance(f.value, dict) else {}
    return _fieldset(f, _properties(f.spec, f.ui, value, f.path, f.ctx), "field group")


def _repeated(f: _Field) -> str:
    """Each item in its own fieldset with its remove button, then the add button; as many
    items as the data has, at least minItems and at least one (an empty one to fill in)."""
    items = f.value if isinstance(f.value, list) else []
    item_spec, item_ui = f.spec.get("items") or {}, _ui(f.ui, "items")
    objects = kind(item_spec) == "object"
    removable = len(items) > min_items(f.spec)
    parts = []
    for i in range(shown_count(f.spec, items)):
        value = items[i] if i < len(items) else blank(item_spec)
        path = join(f.path, i)
        remove = _button("remove", path, TEXT["remove"].format(n=i + 1),
                         TEXT["remove_context"].format(title=f.title)) if removable else ""
        legend = f'<legend>{TEXT["item"].format(n=i + 1)}</legend>'
        if objects:
            # An item of fields is a fieldset with the item's id and the item's own error.
            holder = _Field({}, {}, None, path, False, f.ctx)
            attrs = _attrs(("id", holder.anchor), ("class", "item has-error" if holder.error else "item"),
                           ("aria-describedby", _described_by(holder)))
            inner = _notes(holder) + _properties(item_spec, item_ui, value if isinstance(value, dict) else {}, path, f.ctx)
        else:
            # A single value's control carries the item's id (and shows the item's error) itself.
            attrs = ' class="item"'
            inner = _field(_Field({**item_spec, "title": item_spec.get("title") or f.title}, item_ui, value, path,
                                  False, f.ctx))
        parts.append(f"<fieldset{attrs}>{legend}{inner}{remove}</fieldset>")
    add = _button("add", f.path, TEXT["add"].format(title=_lower_first(f.title))) \
        if shown_count(f.spec, items) < max_items(f.spec) else ""
    return _fieldset(f, "".join(parts) + add, "field repeated")


def _button(verb: str, path: str, text: str, hidden: str = "") -> str:
    context = f'<span class="visually-hidden">{escape(hidden)}</span>' if hidden else ""
    attrs = _attrs(("type", "submit"), ("class", "secondary"), ("name", "action"), ("value", f"{verb}:{path}"),
                   ("formnovalidate", True), ("data-no-confirm", True))
    return f"<button{attrs}>{escape(text)}{context}</button>"


def _lower_first(title: str) -> str:
    """"Quá trình cư trú" → "quá trình cư trú", leaving an acronym ("CCCD") as it is."""
    if len(title) > 1 and title[1].isupper():
        return title
    return title[:1].lower() + title[1:]


_RENDERERS = {"group": _group, "repeated": _repeated, "checkboxes": _choices, "radio": _choices, "yes_no": _choices,
              "select": _select, "checkbox": _checkbox, "textarea": _textarea}
