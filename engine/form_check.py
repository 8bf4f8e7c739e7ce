"""Whether an e-form file can be used: it exists inside forms/, is JSON, and (for a JSON Schema)
is one the portal, the API and the engine can validate a citizen's or an officer's data with.

A schema the JSON Schema meta-schema accepts can still fail at run time or refuse every
submission: an unknown "type", a "$ref" to nothing, an empty "enum", a required field the form
does not have while it takes no other field, a "format" nothing checks, a date field whose first
day is after its last. `form_problems` finds these before a dossier meets them, for the forms a
diagram names (engine/diagram_check.py) and the citizen's form a catalogue entry names
(app/catalogue/loader.py); `pair_problems` finds what a UI schema gets wrong about its form
(labels that do not match the values they name, a "ui:order" naming fields it does not have or
leaving some out); `form_advice` warns of what a usable form says that nothing reads (QT-54).
The words are in engine/diagram_messages.py.
"""
from __future__ import annotations

import difflib
import json
import re
from functools import lru_cache
from pathlib import Path, PureWindowsPath
from urllib.parse import unquote

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import SchemaError

from .diagram_messages import MESSAGES
from .folding import fold as fold_text
from .form_conditions import KEYWORD as SHOWN_WHEN, choice_values, group_rules, one_of_values, required_for, shown_when
from .forms import TODAY, date_bound
from .related_fields import BOUNDS, NUMBER_BOUNDS, data_steps, parse, reference, schema_target, without_references

TYPES = ("string", "integer", "number", "boolean", "array", "object", "null")
FORMATS = tuple(sorted(FormatChecker().checkers))
# react-jsonschema-form's file upload field: the files of a dossier are its components instead.
UPLOAD_FORMATS = ("data-url",)
DATE_BOUNDS = ("formatMinimum", "formatMaximum")  # a date field's first and last day (ANALYST.md QT-41)
# Keywords whose value is a schema, a map of schemas, or a list of schemas.
ONE_SCHEMA = ("items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames",
              "unevaluatedItems", "unevaluatedProperties", "additionalItems")
SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
# What a form may say: JSON Schema 2020-12's words, "definitions" (a place for "$ref" to point
# into), and the system's own (QT-39, QT-41). Anything else is ignored by every reader (QT-54).
KEYWORDS = frozenset((
    "$schema", "$id", "$ref", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary", "$comment", "$defs",
    "definitions", "type", "const", "enum", "multipleOf", "maximum", "exclusiveMaximum", "minimum",
    "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems",
    "maxContains", "minContains", "maxProperties", "minProperties", "required", "dependentRequired",
    "title", "description", "default", "deprecated", "readOnly", "writeOnly", "examples", "format",
    "contentEncoding", "contentMediaType", "contentSchema", "errorMessage", *DATE_BOUNDS,
    *ONE_SCHEMA, *SCHEMA_MAPS, *SCHEMA_LISTS)) - {"additionalItems"}
# The keywords that act only on values of one kind; on a field of another type they do nothing.
ACTS_ON = {
    "string": ("minLength", "maxLength", "pattern", "format", *DATE_BOUNDS),
    "number": ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"),
    "array": ("items", "prefixItems", "minItems", "maxItems", "uniqueItems", "contains", "minContains", "maxContains"),
    "object": ("properties", "required", "additionalProperties", "patternProperties", "minProperties",
               "maxProperties", "dependentRequired", "dependentSchemas", "propertyNames"),
}
# The same limit said for each kind of value: what an analyst who wrote another kind's meant.
LIMITS = ({"string": "minLength", "number": "minimum", "array": "minItems"},
          {"string": "maxLength", "number": "maximum", "array": "maxItems"})


def fold(text: str) -> str:
    """A name as an analyst may have typed it: no diacritics, no case, spaces as underscores."""
    return "_".join(fold_text(str(text)).split())


def closest(name: str, choices):
    """The one of `choices` an analyst most likely meant by `name` (spelling, diacritics, case
    aside), or None."""
    folded = {fold(c): c for c in choices}
    close = difflib.get_close_matches(fold(name), list(folded), n=1, cutoff=0.6)
    return folded[close[0]] if close else None


def guess(name: str, choices) -> str:
    """« (có phải ý bạn là «x»?)» for the closest of `choices`, or ""."""
    found = closest(name, choices)
    return MESSAGES["guess"].format(name=found) if found is not None else ""


def field_names(document: dict) -> set[str] | None:
    """Every field a form declares, at any depth (inside groups and lists too); None when the
    form takes fields it does not name (patternProperties, additionalProperties allowed)."""
    fields: set[str] = set()
    for node in _nodes(document):
        extra = node.get("additionalProperties")
        if "patternProperties" in node or extra is True or isinstance(extra, dict) and extra:
            return None
        if isinstance(node.get("properties"), dict):
            fields.update(node["properties"])
        if isinstance(node.get("required"), list):
            fields.update(n for n in node["required"] if isinstance(n, str))
    return fields


def usable_fields(forms_dir: Path, relative: str) -> set[str] | None:
    """The field names of a usable JSON Schema form; None when it is not usable (its problems
    are reported on their own) or takes fields it does not name."""
    if form_problems(forms_dir, relative, schema=True):
        return None
    return field_names(json.loads((Path(forms_dir) / relative).read_text(encoding="utf-8-sig")))


def is_relative(path: str) -> bool:
    return not (Path(path).is_absolute() or PureWindowsPath(path).is_absolute() or path.startswith(("/", "\\")))


def form_problems(forms_dir: Path, relative: str, schema: bool, form_files: list[str] | None = None,
                  entry: bool = False) -> list[str]:
    """Why the form file `relative` (inside `forms_dir`) cannot be used, one message per mistake.
    `entry`: it is a catalogue entry's citizen form (its `form`, `ui_schema`), not a step's
    (its formJsonSchemaFilename, formUiSchemaFilename): the messages name the field it is in."""
    what = MESSAGES[("entry_" if entry else "") + ("form_schema_file" if schema else "form_ui_file")]
    forms_dir = Path(forms_dir)
    path = (forms_dir / relative).resolve()
    if not relative.strip() or not is_relative(relative) or forms_dir.resolve() not in path.parents:
        return [MESSAGES["form_escape"].format(what=what, path=relative)]
    if not path.is_file():
        if form_files is None:
            form_files = sorted(p.relative_to(forms_dir).as_posix() for p in forms_dir.rglob("*.json")) \
                if forms_dir.is_dir() else []
        close = difflib.get_close_matches(relative, form_files, n=1, cutoff=0.6)
        return [MESSAGES["form_missing"].format(what=what, path=relative,
                                                guess=MESSAGES["guess"].format(name=close[0]) if close else "")]
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        return [MESSAGES["form_encoding"].format(what=what, path=relative)]
    except json.JSONDecodeError as exc:
        return [MESSAGES["form_json"].format(what=what, path=relative, problem=json_problem(exc))]
    swap = MESSAGES["entry_form_swapped" if entry else "form_swapped"] if ("uischema" in relative) == schema else ""
    if not isinstance(document, dict) or (schema and document.get("type") != "object"
                                          and "properties" not in document):
        shape = MESSAGES["form_shape_schema" if schema else "form_shape_ui"]
        return [MESSAGES["form_not_object"].format(what=what, path=relative, shape=shape, swap=swap)]
    return schema_problems(document, relative) if schema else []


def json_problem(exc: json.JSONDecodeError) -> str:
    """Where a JSON file breaks and why, in the analyst's words (a form, a catalogue entry)."""
    if not (exc.doc or "").strip():  # an empty file has no comma to look for
        return MESSAGES["json_empty"]
    what = MESSAGES["json_errors"].get(exc.msg) or MESSAGES["json_other"].format(detail=exc.msg)
    found = exc.doc[exc.pos:exc.pos + 1] if exc.doc else ""
    if exc.msg.startswith("Expecting property name") and found not in ("}", ""):
        # Not a comma before }: a bracket too many ({{), or a name in single quotes or none.
        what = MESSAGES["json_property_name"].format(found=found)
    return MESSAGES["json_invalid"].format(line=exc.lineno, column=exc.colno, what=what)


def pair_problems(forms_dir: Path, schema_relative: str, ui_relative: str,
                  advice: list[str] | None = None) -> list[str]:
    """What a UI schema gets wrong about the JSON Schema it shows (a step's formJsonSchemaFilename
    and formUiSchemaFilename, a catalogue entry's `form` and `ui_schema`): labels (ui:enumNames)
    that do not match the field's values one for one, an order (ui:order) the renderer cannot use.
    What still shows a usable form (options for a field the form does not have, an order that
    skips or repeats fields) goes to `advice` when given: forms are edited in place (ANALYST.md
    QT-26), and a field added to a shared form must not take its procedures offline.
    [] unless both files are usable on their own: form_problems names what is wrong with them."""
    if form_problems(forms_dir, schema_relative, schema=True) or form_problems(forms_dir, ui_relative, schema=False):
        return []
    schema, ui = (json.loads((Path(forms_dir) / r).read_text(encoding="utf-8-sig")) for r in (schema_relative, ui_relative))
    found: list[str] = []
    _walk_ui(schema, ui, [], (ui_relative, schema_relative), found, [] if advice is None else advice)
    return found


def _walk_ui(spec, ui, names: list, files: tuple[str, str], found: list[str], advice: list[str]) -> None:
    """The UI schema beside the JSON Schema, as app/eforms renders them: a field's options under
    its name, a list's items' options under "items"."""
    if not isinstance(spec, dict) or not isinstance(ui, dict):
        return
    at = MESSAGES["ui_at_field" if names else "ui_at_root"].format(path=files[0], field=".".join(names))
    if "ui:enumNames" in ui:
        found.extend(_enum_names_problems(spec, ui["ui:enumNames"], at, files[1]))
    if "ui:confirm" in ui:
        advice.extend(_confirm_problems(spec, ui["ui:confirm"], at, files[1]))
    properties = spec.get("properties") if isinstance(spec.get("properties"), dict) else None
    if "ui:order" in ui and properties is not None:
        _order_problems(list(properties), ui["ui:order"], at, files[1], bool(names), found, advice)
    for name, child in (properties or {}).items():
        child_ui = ui.get(name)
        if isinstance(child_ui, dict) and SHOWN_WHEN in child_ui:
            where = MESSAGES["ui_at_field"].format(path=files[0], field=".".join([*names, name]))
            found.extend(_shown_when_problems(spec, name, child_ui[SHOWN_WHEN], where, files[1]))
        _walk_ui(child, child_ui, [*names, name], files, found, advice)
    found.extend(_shown_when_loops(properties or {}, ui, at, files[1]))
    declared = field_names(spec) if properties is not None else None  # None: it takes fields it does not name
    for name in ui if declared is not None else ():
        if not name.startswith("ui:") and name not in declared and isinstance(ui[name], dict):
            advice.append(MESSAGES["ui_unknown_field"].format(at=at, schema=files[1], name=name,
                                                              guess=guess(name, properties)))
    if isinstance(spec.get("items"), dict):
        _walk_ui(spec["items"], ui.get("items"), names, files, found, advice)


def _order_problems(fields: list[str], order, at: str, schema_relative: str, group: bool,
                    errors: list[str], found: list[str]) -> None:
    """"ui:order" against the fields it orders, as app/eforms/schema.py `ordered` uses it: a name
    that is not one of them is skipped without a word, a field it leaves out comes last (or where
    "*" stands), a name written twice shows its field twice (all in `found`: the form still
    works); an order that is not a list, or a second "*", breaks the form (`errors`)."""
    if not isinstance(order, list):
        errors.append(MESSAGES["ui_order_list"].format(at=at, value=as_written(order)))
        return
    where = MESSAGES["ui_order_group" if group else "ui_order_form"].format(schema=schema_relative)
    place = MESSAGES["ui_order_at_star" if "*" in order else "ui_order_at_end"].format(
        container=MESSAGES["ui_order_container_group" if group else "ui_order_container_form"])
    unlisted = [name for name in fields if name not in order]
    meant = []
    unknown = {as_written(n): n for n in order if n != "*" and n not in fields}  # once each, in order
    for name in unknown.values():
        target = closest(name, unlisted or fields) if isinstance(name, str) else None
        meant.append(target)
        found.append(MESSAGES["ui_order_unknown"].format(
            at=at, name=name if isinstance(name, str) else as_written(name), where=where,
            guess=MESSAGES["guess"].format(name=target) if target else "",
            gone=MESSAGES["ui_order_meant"].format(name=target, place=place) if target in unlisted else ""))
    for name in dict.fromkeys(n for n in order if (n == "*" or n in fields) and order.count(n) > 1):
        effect = MESSAGES["ui_order_twice_star" if name == "*" else "ui_order_twice_field"]
        (errors if name == "*" else found).append(MESSAGES["ui_order_twice"].format(
            at=at, name=name, count=order.count(name), effect=effect.format(count=order.count(name))))
    # A typo's field is said with the typo; with no field listed, the order changes nothing.
    missing = [name for name in unlisted if name not in meant]
    if missing and "*" not in order and len(unlisted) < len(fields):
        found.append(MESSAGES["ui_order_missing"].format(
            at=at, where=where, place=place, fields=MESSAGES["ui_order_fields"].format(
                names=", ".join(f"«{name}»" for name in missing))))


def _confirm_problems(spec: dict, questions, at: str, schema_relative: str) -> list[str]:
    """"ui:confirm" (value -> question asked before the decision is sent) names values the field
    has; a typo would let a stop or a refusal go without the question. Fields whose values are
    not listed here (yes/no, $ref) are left alone."""
    if not isinstance(questions, dict):
        return [MESSAGES["ui_confirm_map"].format(at=at, value=as_written(questions))]
    choices = one_of_values(spec) or (_labelled_values(spec) if "boolean" not in str(spec.get("type")) else None)
    if not choices or "$ref" in spec:
        return []
    values = ", ".join(map(as_written, choices))
    return [MESSAGES["ui_confirm_unknown"].format(at=at, value=as_written(value), values=values, schema=schema_relative,
                                                  guess=guess(value, [str(c) for c in choices]))
            for value in questions if value not in {str(c) for c in choices}]


def _shown_when_problems(group: dict, name: str, rule, at: str, schema_relative: str) -> list[str]:
    """"ui:shownWhen" names a single choice beside the field and values it has, and never hides
    the field for a value that requires it; otherwise the field is always shown, never, or
    required while hidden (the officer could not send the form)."""
    parsed = shown_when({SHOWN_WHEN: rule})
    if parsed is None:
        return [MESSAGES["ui_shown_when_shape"].format(at=at, value=as_written(rule))]
    choice, values = parsed
    siblings = group["properties"]
    others = [n for n in siblings if n != name]
    if choice == name:
        return [MESSAGES["ui_shown_when_self"].format(at=at, name=choice, guess=guess(choice, others))]
    if choice not in others:
        return [MESSAGES["ui_shown_when_field"].format(at=at, name=choice, schema=schema_relative,
                                                       guess=guess(choice, others))]
    choices = choice_values(siblings[choice])
    if not choices:
        return [MESSAGES["ui_shown_when_not_choice"].format(at=at, name=choice, schema=schema_relative)]
    known = {as_written(c) for c in choices}
    found = [MESSAGES["ui_shown_when_value"].format(at=at, name=choice, value=as_written(value), schema=schema_relative,
                                                    values=", ".join(map(as_written, choices)),
                                                    guess=guess(_spelt(value), [_spelt(c) for c in choices]))
             for value in values if as_written(value) not in known]
    needed = required_for(group, name, choice)
    hidden = [c for c in choices if as_written(c) not in {as_written(v) for v in values}]
    if needed is None and hidden:
        found.append(MESSAGES["ui_shown_when_always_required"].format(at=at, name=choice, schema=schema_relative))
    elif needed:
        missing = [v for v in needed if as_written(v) not in {as_written(x) for x in values}]
        if missing:
            found.append(MESSAGES["ui_shown_when_required"].format(
                at=at, name=choice, values=", ".join(map(as_written, missing)), schema=schema_relative))
    return found


def _spelt(value) -> str:
    """A value as the analyst types it between the guillemets of a message: giam, 1, true."""
    return value if isinstance(value, str) else as_written(value)


def _shown_when_loops(properties: dict, ui: dict, at: str, schema_relative: str) -> list[str]:
    """Fields of a group that follow each other round in a loop never show (each waits for a
    choice that is hidden): one message per loop."""
    follows = {name: rule[0] for name, rule in group_rules(properties, ui).items()}
    found, reported = [], set()
    for start in follows:
        chain = [start]
        while follows.get(chain[-1]) is not None and follows[chain[-1]] not in chain:
            chain.append(follows[chain[-1]])
        if follows.get(chain[-1]) == start and not reported & set(chain):
            reported |= set(chain)
            found.append(MESSAGES["ui_shown_when_loop"].format(
                at=at, schema=schema_relative, chain=" → ".join(f"«{n}»" for n in [*chain, start])))
    return found


def _labelled_values(spec: dict) -> list | None:
    """The values ui:enumNames labels, in order: the field's enum, its items' (a multiple
    choice), or true then false (a yes/no question); None when nothing reads the labels."""
    items = spec.get("items") if isinstance(spec.get("items"), dict) else {}
    kinds = spec.get("type") if isinstance(spec.get("type"), list) else [spec.get("type")]
    if isinstance(spec.get("enum"), list):
        return spec["enum"]
    if "array" in kinds and isinstance(items.get("enum"), list):
        return items["enum"]
    return [True, False] if "boolean" in kinds else None


def _enum_names_problems(spec: dict, labels, at: str, schema_relative: str) -> list[str]:
    if "$ref" in spec:
        return []  # the values are elsewhere in the form: not known for sure here
    if not isinstance(labels, list):
        return [MESSAGES["ui_enum_names_list"].format(at=at, value=as_written(labels))]
    values = _labelled_values(spec)
    if values is None:
        hint = MESSAGES["ui_enum_names_one_of"] if isinstance(spec.get("oneOf"), list) else ""
        return [MESSAGES["ui_enum_names_no_enum"].format(at=at, schema=schema_relative, hint=hint)]
    if len(labels) != len(values):
        return [MESSAGES["ui_enum_names_count"].format(at=at, labels=len(labels), count=len(values),
                                                       schema=schema_relative, values=", ".join(map(as_written, values)))]
    return []


def schema_problems(document: dict, relative: str) -> list[str]:
    """What makes a JSON Schema form unusable: the mistakes below, then the meta-schema, then a
    trial validation (which is what the portal does with a citizen's data)."""
    found: list[str] = []
    _walk(document, relative, found)
    if found:
        return found
    document = without_references(document)  # not JSON Schema's own words: checked above
    refusal = _meta_refusal(json.dumps(document, sort_keys=True, ensure_ascii=False))
    if refusal is not None:
        return [_meta_problem(refusal, relative)]
    try:
        list(Draft202012Validator(document, format_checker=FormatChecker()).iter_errors({}))
    except Exception as exc:  # noqa: BLE001 -- whatever would be a 500 for the citizen is a problem here
        return [MESSAGES["form_unusable"].format(path=relative, detail=f"{type(exc).__name__}: {exc}"[:300])]
    return []


@lru_cache(maxsize=1024)
def _meta_refusal(canonical: str) -> SchemaError | None:
    """The meta-schema's verdict on a form, by its text: the slowest part of checking a form, and
    the catalogue is checked again on every reload with mostly the same forms."""
    try:
        Draft202012Validator.check_schema(json.loads(canonical))
    except SchemaError as exc:
        return exc
    return None


def _meta_problem(exc: SchemaError, relative: str) -> str:
    """A meta-schema refusal in the analyst's words: which keyword of which field, and why."""
    holder, keyword = _split(list(exc.path))
    field = _field(holder)
    where = ", ".join([MESSAGES["form_meta_field"].format(field=field)] * bool(field)
                      + [MESSAGES["form_meta_keyword"].format(keyword=keyword)] * bool(keyword))
    return MESSAGES["form_schema"].format(path=relative, where=where, detail=_meta_words(exc))


def _split(path: list) -> tuple[list, str | None]:
    """`path` into the schema holding the wrong value and the keyword the value is of (None when
    the path ends at a schema): a field may be named like a keyword, so the path is read as the
    walk over schemas reads a form."""
    step = 0
    while step < len(path):
        keyword = path[step]
        inner = 1 if keyword in ONE_SCHEMA else 2 if keyword in SCHEMA_MAPS or keyword in SCHEMA_LISTS else 0
        # A schema that is a whole value (of "not", of an "allOf" item) is told by its keyword.
        ends = step + inner >= len(path) if inner == 1 or keyword in SCHEMA_LISTS else step + inner > len(path)
        if not inner or ends:
            return path[:step], keyword
        step += inner
    return path, None


def _meta_words(exc: SchemaError) -> str:
    words, value = MESSAGES["form_meta"], as_written(exc.instance)
    if exc.validator == "type":
        kinds = exc.validator_value if isinstance(exc.validator_value, list) else [exc.validator_value]
        return words["type"].format(value=value, kinds=MESSAGES["form_meta_or"].join(
            MESSAGES["form_kinds"].get(k, k) for k in kinds))
    if exc.validator == "format" and exc.validator_value == "regex":
        return words["regex"].format(value=value, reason=regex_problem(str(exc.instance)))
    if exc.validator in ("minimum", "minItems", "uniqueItems"):
        return words[exc.validator].format(value=value, limit=exc.validator_value)
    return MESSAGES["form_meta_other"].format(value=value, detail=exc.message)


def regex_problem(pattern: str) -> str:
    """Why `pattern` does not compile, in Vietnamese, with where; "" when it does."""
    try:
        re.compile(pattern)
    except re.error as exc:
        known = next((w for m, w in MESSAGES["regex_errors"].items() if exc.msg.startswith(m)), None)
        where = MESSAGES["regex_at"].format(position=exc.pos + 1) if exc.pos is not None else ""
        return (known + where) if known else MESSAGES["regex_other"].format(detail=str(exc))
    return ""


class WrittenFloat(float):
    """A JSON number with a fraction, keeping its text (`json.loads(..., parse_float=WrittenFloat)`):
    a fee typed 200.000 is quoted back as 200.000, not as the 200.0 it was read as."""

    def __new__(cls, text: str):
        number = super().__new__(cls, text)
        number.text = text
        return number


def as_written(value) -> str:
    """A value as the analyst writes it in a JSON file or an expression: "giam", 1, true."""
    if isinstance(value, WrittenFloat):
        return value.text
    return json.dumps(value, ensure_ascii=False)


def _bound_words(value) -> str:
    """A date bound as written, with the day "today" stands for at the time of the check."""
    if value == TODAY:
        return as_written(value) + MESSAGES["form_today_is"].format(day=f"{date_bound(value):%d/%m/%Y}")
    return as_written(value)


def _crossed_bounds(node: dict, at: str) -> list[str]:
    """A first day after the last one: no day can be chosen, so the form is never sent. "today"
    is compared as the day it is now (a fixed day before it stays before it)."""
    if not all(key in node and date_bound(node[key]) is not None for key in DATE_BOUNDS):
        return []
    low, high = (node[key] for key in DATE_BOUNDS)
    if date_bound(low) <= date_bound(high):
        return []
    return [MESSAGES["form_date_bounds_crossed"].format(at=at, low=_bound_words(low), high=_bound_words(high))]


def _at(relative: str, path: list) -> str:
    """«Tệp biểu mẫu «…», trường «a.b»» for a schema at `path` (keys from the document's root)."""
    field = _field(path)
    if not field:
        return MESSAGES["form_at_root"].format(path=relative)
    return MESSAGES["form_at_field"].format(path=relative, field=field)


def _field(path: list) -> str:
    """The field a schema at `path` describes, as "a.b" ("" for the form itself)."""
    names, after_map = [], False
    for part in path:
        if after_map:
            names.append(str(part))
            after_map = False
        elif part in SCHEMA_MAPS:
            after_map = True
            if part != "properties":
                names.append(str(part))
    return ".".join(names)


def _resolves(root: dict, ref: str) -> bool:
    if not ref.startswith("#"):
        return False
    pointer = unquote(ref[1:])
    if pointer and not pointer.startswith("/"):  # a plain-name fragment: an "$anchor" in the file
        return any(isinstance(n, dict) and n.get("$anchor") == pointer for n in _nodes(root))
    node = root
    for part in pointer.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return False
    return True


def _nodes(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _nodes(value)


def _walk(document: dict, relative: str, found: list[str]) -> None:
    for node, path in _schemas(document, []):
        at = _at(relative, path)
        _check_node(node, at, document, found)
        for key in BOUNDS:
            if isinstance(node.get(key), dict):
                found.extend(_related_problems(document, path, key, node[key], at, node))


def _related_problems(root: dict, path: list, key: str, bound: dict, at: str, own: dict) -> list[str]:
    """A bound naming another field (engine/related_fields.py) that names one the data will
    have, of a kind the bound compares, on a field of that kind."""
    pointer = reference(bound)
    if pointer is None:
        example = MESSAGES["form_related_examples"]["number" if key in NUMBER_BOUNDS else "date"]
        return [MESSAGES["form_related_shape"].format(at=at, key=key, value=as_written(bound), example=example)]
    words = {"at": at, "key": key, "pointer": pointer}
    if key not in NUMBER_BOUNDS and own.get("format") != "date":
        return [MESSAGES["form_related_own_date"].format(**words)]
    steps, parsed = data_steps(path), parse(pointer)
    if parsed is None:
        return [MESSAGES["form_related_pointer"].format(**words)]
    if steps is None:
        return [MESSAGES["form_related_place"].format(**words)]
    if parsed[0] is not None and parsed[0] > len(steps):
        return [MESSAGES["form_related_above"].format(**words, levels=len(steps))]
    other, name = schema_target(root, path, pointer)
    if other is None and name == "items":  # the schema's word for a list's item, not the data's
        return [MESSAGES["form_related_items"].format(**words, example=re.sub(r"(?<=/)items(?=/|$)", "0", pointer))]
    if other is None:
        rest = "/".join(parsed[1])
        meant = next((p for p in [*(f"{up}/{rest}" for up in range(len(steps) + 1)), f"/{rest}"]
                      if schema_target(root, path, p)[0] is not None), None)
        hint = MESSAGES["form_related_meant"].format(pointer=meant) if meant else guess(name, field_names(root) or ())
        return [MESSAGES["form_related_missing"].format(**words, name=name, guess=hint)]
    kinds = other.get("type") if isinstance(other.get("type"), list) else [other.get("type")]
    if key in NUMBER_BOUNDS and not {"integer", "number"} & set(kinds):
        return [MESSAGES["form_related_kind"].format(**words, name=name, kind=MESSAGES["form_related_not_number"],
                                                     need=MESSAGES["form_related_need_number"])]
    if key not in NUMBER_BOUNDS and other.get("format") != "date":
        return [MESSAGES["form_related_kind"].format(**words, name=name, kind=MESSAGES["form_related_not_date"],
                                                     need=MESSAGES["form_related_need_date"])]
    return []


def _check_node(node: dict, at: str, root: dict, found: list[str]) -> None:
    kinds = node.get("type")
    for kind in (kinds if isinstance(kinds, list) else [kinds] if "type" in node else []):
        if kind not in TYPES:
            found.append(MESSAGES["form_type"].format(at=at, value=kind, guess=guess(str(kind), TYPES)))
    ref = node.get("$ref")
    if isinstance(ref, str) and not _resolves(root, ref):
        found.append(MESSAGES["form_ref"].format(at=at, ref=ref))
    if node.get("enum") == []:
        found.append(MESSAGES["form_enum_empty"].format(at=at))
    form_format = node.get("format")
    if form_format in UPLOAD_FORMATS:
        found.append(MESSAGES["form_format_file"].format(at=at, value=form_format))
    elif isinstance(form_format, str) and form_format not in FORMATS:
        found.append(MESSAGES["form_format"].format(at=at, value=form_format, formats=", ".join(FORMATS),
                                                    guess=guess(form_format, FORMATS)))
    # A bound naming another field is checked on its own (_related_problems), except where it may stand.
    bad_bounds = [key for key in DATE_BOUNDS if key in node and not isinstance(node[key], dict) and (
        node.get("format") != "date" or date_bound(node[key]) is None)]
    for key in bad_bounds:
        found.append(MESSAGES["form_date_bound"].format(at=at, key=key, value=as_written(node[key])))
    if not bad_bounds:
        found.extend(_crossed_bounds(node, at))
    properties = node.get("properties") if isinstance(node.get("properties"), dict) else {}
    closed = node.get("additionalProperties") is False or node.get("unevaluatedProperties") is False
    required = node.get("required") if isinstance(node.get("required"), list) else []
    for name in required if closed else []:
        if isinstance(name, str) and name not in properties:
            found.append(MESSAGES["form_required_missing"].format(at=at, name=name,
                                                                  guess=guess(name, properties)))


def _schemas(node, path: list):
    """Every schema of a form with its path from the root: the form, its fields, their items,
    the branches of allOf/if/then…, the definitions "$ref" points to."""
    if not isinstance(node, dict):
        return
    yield node, path
    for key in ONE_SCHEMA:
        yield from _schemas(node.get(key), [*path, key])
    for key in SCHEMA_MAPS:
        if isinstance(node.get(key), dict):
            for name, child in node[key].items():
                yield from _schemas(child, [*path, key, name])
    for key in SCHEMA_LISTS:
        if isinstance(node.get(key), list):
            for n, child in enumerate(node[key]):
                yield from _schemas(child, [*path, key, n])


def form_advice(forms_dir: Path, relative: str) -> list[str]:
    """What a usable JSON Schema form says that nothing reads (ANALYST.md QT-54): a keyword
    that is not one (a typo such as "requried" leaves a field optional), a display setting
    written in the form instead of its UI schema, a limit on the wrong kind of value ("minimum"
    on a text). Warnings: the form still works, and a shared form is edited in place (QT-26).
    For a form `form_problems` accepts."""
    document = json.loads((Path(forms_dir) / relative).read_text(encoding="utf-8-sig"))
    found: list[str] = []
    for node, path in _schemas(document, []):
        at = _at(relative, path)
        for key in node:
            if key in KEYWORDS:
                found.extend(_misplaced(node, key, at))
            elif key.startswith("ui:") or key == "enumNames":
                instead = MESSAGES["form_keyword_ui_names"] if key.endswith("enumNames") else ""
                found.append(MESSAGES["form_keyword_ui"].format(at=at, key=key, instead=instead))
            else:
                found.append(MESSAGES["form_keyword_unknown"].format(at=at, key=key, guess=guess(key, KEYWORDS)))
    return found


def _misplaced(node: dict, key: str, at: str) -> list[str]:
    """A keyword acting on one kind of value, on a field whose type never is that kind."""
    kinds = node.get("type") if isinstance(node.get("type"), list) else [node.get("type")]
    if "type" not in node or not all(isinstance(k, str) for k in kinds):
        return []
    acts = {"number" if k == "integer" else k for k in kinds}
    applies = [kind for kind, keys in ACTS_ON.items() if key in keys]
    if not applies or acts & set(applies):
        return []
    words = MESSAGES["form_kinds"]
    limit = next((group for group in LIMITS if key in group.values()), {})
    own = next((k for k in kinds if ("number" if k == "integer" else k) in limit), None)
    instead = MESSAGES["form_keyword_instead"].format(
        kind=words[own], key=limit["number" if own == "integer" else own]) if own else ""
    return [MESSAGES["form_keyword_type"].format(
        at=at, key=key, applies=MESSAGES["or"].join(words[k] for k in applies),
        kinds=MESSAGES["or"].join(words.get(k, k) for k in kinds), instead=instead)]
