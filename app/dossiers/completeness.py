"""The automatic completeness check of an online application (Decree 45/2020): every required
dossier component has a file. Field completeness is the e-form's own validation.

A component is required always (`"required": true`), when the application is made on behalf of
someone else (`"required_when": "on_behalf"`), or when the applicant's own answer on the
application e-form makes it so (`"required_when": {"field": "doi_tuong_nop_phi", "in": ["giam",
"mien"]}`: the proof of a fee exemption, ANALYST.md QT-45). The catalogue check
(app/catalogue/loader.py) refuses a condition naming a field or a value the form does not have."""
from __future__ import annotations

from dataclasses import dataclass

from ..catalogue import messages as words
from ..eforms.readable import readable
from ..eforms.schema import kind

ON_BEHALF = "on_behalf"


def upload_components(procedure) -> list[dict]:
    """The components a citizen uploads: all but the e-form itself."""
    return [c for c in procedure.components if not c.get("e_form")]


def field_condition(component: dict) -> tuple[str, list] | None:
    """(field, values) of a component required by an answer on the application form, or None."""
    return answer_condition(component.get("required_when"))


def answer_condition(when) -> tuple[str, list] | None:
    """(field, values) of a condition on the application's answers, {"field": …, "in": […]}."""
    if isinstance(when, dict) and isinstance(when.get("field"), str) and isinstance(when.get("in"), list):
        return when["field"], when["in"]
    return None


def answered(data: dict | None, field: str, values: list) -> bool:
    """Whether the application's answer to `field` is one of `values` (a multiple choice: any)."""
    if not isinstance(data, dict):
        return False
    answer = data.get(field)
    chosen = answer if isinstance(answer, list) else [answer]
    return any(same_value(value, wanted) for value in chosen for wanted in values)


def self_only(procedure, data: dict | None, form=None) -> str | None:
    """Why this application cannot be made on someone else's behalf, when the entry's
    `self_only_when` holds for its answers (a criminal record extract no. 2 goes to the person
    concerned only, Luật Lý lịch tư pháp Điều 46); None otherwise."""
    condition = answer_condition((procedure.details or {}).get("self_only_when"))
    if condition is None or not answered(data, *condition):
        return None
    return words.SELF_ONLY.format(condition=condition_text(*condition, form))


def same_value(a, b) -> bool:
    """Equal as JSON values: "1" is not 1, true is not 1."""
    return type(a) is type(b) and a == b or (_number(a) and _number(b) and a == b)


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def is_required(component: dict, on_behalf: bool, data: dict | None) -> bool:
    """Whether the component must be there, for an application made on behalf of someone else or
    not, with the application form's `data`."""
    if component.get("required"):
        return True
    if component.get("required_when") == ON_BEHALF:
        return on_behalf
    condition = field_condition(component)
    return condition is not None and answered(data, *condition)


def missing_components(procedure, files: list[dict], on_behalf: bool, data: dict | None) -> list[dict]:
    """The required components (given who applies and the application form's `data`) without a file."""
    present = {f["component_code"] for f in files}
    return [c for c in upload_components(procedure)
            if is_required(c, on_behalf, data) and c["code"] not in present]


def newly_missing(procedure, on_behalf: bool, before: dict, after: dict, files: list[dict]) -> list[dict]:
    """The components a supplement's answers (`after`, replacing `before`) require that the
    dossier lacks with the supplement's `files` (each with its "component_code"): an exemption
    declared now needs its proof, as on the application. One lacking before is the officers'
    to ask for, not this check's."""
    missing_before = {c["code"] for c in missing_components(procedure, files, on_behalf, before)}
    return [c for c in missing_components(procedure, files, on_behalf, after) if c["code"] not in missing_before]


def condition_words(component: dict, form=None) -> str | None:
    """When a conditionally required component is required, in the applicant's words:
    «Mức phí áp dụng» là «…» hoặc «…» (the field's title and the chosen values' labels, from
    `form`, the application form, when given); None for a component without such a condition."""
    if component.get("required_when") == ON_BEHALF:
        return words.CONDITION_ON_BEHALF
    condition = field_condition(component)
    return None if condition is None else condition_text(*condition, form)


def condition_text(field: str, values: list, form=None) -> str:
    schema = getattr(form, "schema", None) or {}
    spec = (schema.get("properties") or {}).get(field)
    title = str(spec.get("title") or field) if isinstance(spec, dict) else field
    labels = [_label(form, field, spec, value) for value in values]
    return words.CONDITION_FIELD.format(field=title, values=words.CONDITION_OR.join(f"«{x}»" for x in labels))


def missing_message(message: str, component: dict, form=None) -> str:
    """The "missing component" `message`, with what made the component required when that was
    an answer on the application form: the applicant sees why a proof is asked for."""
    if field_condition(component) is None or component.get("required"):
        return message
    return f"{message} {words.REQUIRED_BECAUSE.format(condition=condition_words(component, form))}"


def _label(form, field: str, spec, value) -> str:
    if not isinstance(spec, dict):
        return str(value)
    answer = [value] if kind(spec) == "array" else value
    shown = readable(form.schema, form.ui_schema, {field: answer})
    return shown[0].text if shown else str(value)


@dataclass(frozen=True)
class Requirement:
    """Whether a component is required for an application (`required`), and what would make it
    required when it is not always (`when`, in words, or None)."""
    required: bool
    when: str | None


def requirements(components: list[dict], on_behalf: bool, data: dict | None, form=None) -> dict[str, Requirement]:
    """Each component's Requirement by code: the marks of the application's component headings."""
    return {c["code"]: Requirement(is_required(c, on_behalf, data), condition_words(c, form)) for c in components}
