"""A scenario file (`*.kich-ban.yaml`) read into dataclasses, with Vietnamese problems.

The format, in short (the analysts' guide shows it with examples):

    quy_trinh: <process id>          tinh: <province code, optional>
    du_lieu_chung: {...}             # data every scenario starts with
    kich_ban:
      - ten: <name>
        bat_dau: 2026-11-23 08:00    # local time of the province, or ISO 8601 with an offset
        kenh: truc_tiep              # how it arrived: truc_tuyen (default), truc_tiep, buu_chinh
        du_lieu: {...}               # merged over du_lieu_chung
        buoc:
          - kiem_tra: {trang_thai, viec, han, hen_tra, cho_tin_nhan, phai_nop, ket_thuc, tre_han, du_lieu}
          - lam: <task name>   [vai_tro, co_quan, du_lieu, giai_trinh, luc, loi]
          - gui: <message>     [du_lieu, tep, luc, loi]
          - troi_qua: "N giờ làm việc" | "N ngày làm việc" | "N ngày" | {den: <instant>}

Names (tasks, lanes) match whatever the case and spacing; `viec` and `cho_tin_nhan` take one
name or a list; "N ngày" counts as the diagrams' `calendar_days(N)` does.

The file is untrusted text written by hand: YAML's safe loader only, a size limit, and the
composed document measured (depth, size once `&`/`*` references are expanded) before anything
is built from it. A problem in one step does not stop the others from being read: it becomes an
`InvalidStep` that the runner reports when the scenario reaches it. Only a problem with the file
itself (syntax, the top keys) raises `ScenarioFileError`.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import yaml

from ..diagram_names import PAYMENT_METHODS
from ..folding import fold
from ..form_check import closest, guess
from .diagram import SCENARIO_SUFFIX
from .messages import MESSAGES, YAML_PROBLEMS

MAX_FILE_BYTES = 1024 * 1024
MAX_NODES = 100_000      # YAML nodes once aliases are expanded: stops "billion laughs"
MAX_DEPTH = 40           # a real file nests about 10 deep
MAX_STEPS = 2_000        # steps in one file: each one is an engine operation

FILE_KEYS = ("quy_trinh", "tinh", "du_lieu_chung", "kich_ban")
SCENARIO_KEYS = ("ten", "bat_dau", "kenh", "du_lieu", "buoc")
# How the dossier arrived (`kenh`), in the words `hinh_thuc_nop` uses: online, at the counter, by post.
CHANNELS = dict(zip(PAYMENT_METHODS, ("online", "counter", "postal")))
STEP_KINDS = ("kiem_tra", "lam", "gui", "troi_qua")
NESTED_KEYS = ("du_lieu", "kiem_tra", "tep", "han")  # keys whose value is a group of keys
CHECK_KEYS = ("trang_thai", "viec", "han", "hen_tra", "cho_tin_nhan", "phai_nop", "ket_thuc", "tre_han", "du_lieu")
NO_APPOINTMENT = "khong"  # hen_tra: the dossier has no appointment (not received yet)
STEP_KEYS = {
    "kiem_tra": ("kiem_tra",),
    "lam": ("lam", "vai_tro", "co_quan", "du_lieu", "giai_trinh", "luc", "loi"),
    "gui": ("gui", "du_lieu", "tep", "luc", "loi"),
    "troi_qua": ("troi_qua",),
}
UNITS = {"giờ làm việc": "working_hours", "ngày làm việc": "working_days", "ngày": "calendar_days"}

_INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$")
_DURATION = re.compile(r"^(\d+(?:[.,]\d+)?)\s+(giờ làm việc|ngày làm việc|ngày)$")
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")  # 8.000: a Vietnamese thousands separator, read as 8.0
_DAY_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DAY_FIRST = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?$")  # 07/12/2026 08:00
NOT_SCENARIO_SUFFIXES = {".bpmn": "kind_xml", ".xml": "kind_xml", ".json": "kind_json"}


class ScenarioFileError(Exception):
    """The file cannot be read as scenarios at all; `line` when PyYAML knows it."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


class _Problem(Exception):
    """A problem inside one scenario or step: reported, and the others still run; `line`: the
    line of the key it is about, when known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


InvalidValue = _Problem  # what parse_instant raises, for the runner


# -- the parsed file ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Instant:
    """An instant as written: naive means local time in the province's time zone."""
    text: str
    value: datetime

    def resolve(self, tz) -> datetime:
        return self.value if self.value.tzinfo is not None else self.value.replace(tzinfo=tz)


@dataclass(frozen=True)
class Duration:
    text: str
    amount: float
    unit: str  # working_hours | working_days | calendar_days


@dataclass(frozen=True)
class Step:
    number: int
    line: int | None


@dataclass(frozen=True)
class Check(Step):
    status: int | None = None
    tasks: tuple[str, ...] | None = None
    due: tuple[tuple[str, Instant | None], ...] | None = None  # None: written empty
    appointment: Instant | str | None = None  # NO_APPOINTMENT: expected to have none
    messages: tuple[str, ...] | None = None
    amount_due: int | None = None  # 0: nothing to pay
    completed: bool | None = None
    late: bool | None = None
    data: dict | None = None


@dataclass(frozen=True)
class CompleteTask(Step):
    task: str = ""
    lane: str | None = None
    agency: str | None = None
    data: dict = field(default_factory=dict)
    justification: str | None = None  # why a supplement is asked again, or late (QT-14)
    at: Instant | None = None
    error: str | None = None


@dataclass(frozen=True)
class SendMessage(Step):
    message: str = ""
    data: dict = field(default_factory=dict)
    files: tuple[str, ...] = ()  # a supplement's files: the components (code or name) sent anew
    at: Instant | None = None
    error: str | None = None


@dataclass(frozen=True)
class LetTimePass(Step):
    duration: Duration | None = None
    until: Instant | None = None


@dataclass(frozen=True)
class InvalidStep(Step):
    problem: str = ""


@dataclass
class Scenario:
    number: int
    name: str
    line: int | None
    start: Instant | None = None
    channel: str = "online"
    data: dict = field(default_factory=dict)
    steps: list[Step] = field(default_factory=list)
    problem: str | None = None  # the scenario's own keys are wrong: none of its steps run
    problem_line: int | None = None  # the line of the key the problem is about, when known
    # The citizen's data: the line of each field (du_lieu over du_lieu_chung), and of the key
    # itself for a problem with no one field: a refusal at the start is reported at its line.
    data_lines: dict = field(default_factory=dict)
    data_line: int | None = None


@dataclass
class ScenarioFile:
    path: Path
    process_id: str
    province: str | None
    shared_data: dict
    scenarios: list[Scenario]


# -- YAML with line numbers ---------------------------------------------------------------------

class _Float(float):
    """A YAML float that remembers how it was written: «8.000» is what the analyst typed, not 8.0."""
    text = ""


def typed(value) -> str:
    """A value as the analyst wrote it: a float's own text, and a whole number without «.0»."""
    if isinstance(value, float):
        return getattr(value, "text", "") or (str(int(value)) if value.is_integer() else str(value))
    return str(value)


class _Map(dict):
    line: int | None = None
    key_lines: dict = {}  # key -> the line it is written on


class _Seq(list):
    line: int | None = None
    item_lines: tuple[int, ...] = ()


class _Loader(yaml.SafeLoader):
    """The safe loader, plus line numbers and refused duplicate keys. Timestamps stay text: an
    instant is read in the province's time zone, and a date in form data is text in JSON."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                if (key_node.tag, key_node.value) in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, MESSAGES["duplicate_key"].format(key=key_node.value), key_node.start_mark)
                seen.add((key_node.tag, key_node.value))
        return super().construct_mapping(node, deep)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_map(loader, node):
    data = _Map()
    data.line = node.start_mark.line + 1
    yield data
    data.update(loader.construct_mapping(node))
    data.key_lines = {}
    for key_node, _ in node.value:  # merged keys (<<) count at the line of the anchor's key
        if isinstance(key_node, yaml.ScalarNode):
            key = loader.construct_object(key_node)
            if isinstance(key, (str, int, float, bool)) or key is None:
                data.key_lines.setdefault(key, key_node.start_mark.line + 1)


def _construct_seq(loader, node):
    data = _Seq()
    data.line = node.start_mark.line + 1
    data.item_lines = tuple(item.start_mark.line + 1 for item in node.value)
    yield data
    data.extend(loader.construct_sequence(node))


def _construct_float(loader, node):
    value = _Float(loader.construct_yaml_float(node))
    value.text = node.value
    return value


def _construct_int(loader, node):
    """A number written with a leading 0 (a CCCD, 001012345670) is octal to YAML, or loses its
    zeros: never what was meant. A group of three (the 000 of 8,000) is left to the comma's hint."""
    digits = node.value.lstrip("+-").replace("_", "")
    if digits.isdigit() and digits.startswith("0") and len(digits) > 3:
        raise yaml.constructor.ConstructorError(None, None, MESSAGES["leading_zero"].format(value=node.value),
                                                node.start_mark)
    return loader.construct_yaml_int(node)


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def _children(node) -> list:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _measure(root) -> None:
    """Refuse a document too deep or too big once references are expanded, without expanding
    it: sizes are summed bottom-up over the node graph, each shared node once."""
    done: dict[int, tuple[int, int]] = {}
    open_nodes: set[int] = set()
    stack = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            open_nodes.discard(key)
            kids = [done[id(kid)] for kid in _children(node)]
            size = 1 + sum(k[0] for k in kids)
            depth = 1 + max((k[1] for k in kids), default=0)
            if depth > MAX_DEPTH:
                raise ScenarioFileError(MESSAGES["too_deep"].format(limit=MAX_DEPTH), node.start_mark.line + 1)
            if size > MAX_NODES:
                raise ScenarioFileError(MESSAGES["too_many_nodes"].format(limit=MAX_NODES), node.start_mark.line + 1)
            done[key] = (size, depth)
            continue
        if key in done:
            continue
        if key in open_nodes:  # an ancestor of itself
            raise ScenarioFileError(MESSAGES["cyclic"], node.start_mark.line + 1)
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((kid, False) for kid in _children(node) if id(kid) not in done)


def _yaml_problem(exc: yaml.YAMLError) -> ScenarioFileError:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    for english, vietnamese in YAML_PROBLEMS.items():
        if english in problem or english in (getattr(exc, "context", None) or ""):
            problem = f"{vietnamese} ({problem})"
            break
    where = MESSAGES["yaml_where"].format(line=mark.line + 1, column=mark.column + 1) if mark else ""
    message = MESSAGES["yaml"].format(where=where, problem=problem)
    if isinstance(exc, (yaml.scanner.ScannerError, yaml.parser.ParserError)):  # the text, not a value
        message += MESSAGES["yaml_hint"]
    return ScenarioFileError(message, mark.line + 1 if mark else None)


def _load_yaml(text: str):
    # An editor that writes Vietnamese decomposed (NFD: «giờ» as g, i, ơ, combining grave) would
    # match none of the words we read, and be told a suggestion that looks identical.
    loader = _Loader(unicodedata.normalize("NFC", text))
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _measure(node)
        return loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise _yaml_problem(exc) from None
    except RecursionError:  # PyYAML composes nested collections recursively
        raise ScenarioFileError(MESSAGES["too_deep"].format(limit=MAX_DEPTH)) from None
    except (ValueError, KeyError, AttributeError, TypeError):  # a tag's constructor: !!int abc, !!timestamp …
        tagged = next((n for n, line in enumerate(text.splitlines(), 1) if "!" in line.split("#", 1)[0]), None)
        raise ScenarioFileError(MESSAGES["yaml_tag"], tagged) from None
    finally:
        loader.dispose()


# -- values -------------------------------------------------------------------------------------

def _found(value) -> str:
    if value is None:
        return MESSAGES["found_nothing"]
    if isinstance(value, str):
        return MESSAGES["found_text"].format(value=value[:60])
    if isinstance(value, list):
        return MESSAGES["found_list"]
    if isinstance(value, dict):
        return MESSAGES["found_mapping"]
    return MESSAGES["found_value"].format(value=typed(value)[:60])


def _text(value, key: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)) or str(value).strip() == "":
        raise _Problem(MESSAGES["bad_text"].format(key=key, found=_found(value)))
    return str(value).strip()


def _texts(value, key: str) -> tuple[str, ...]:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        value = [value]  # one name needs no brackets
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _Problem(MESSAGES["not_list"].format(key=key, found=_found(value)))
    return tuple(_text(item, key) for item in value)


def _bool(value, key: str) -> bool:
    if not isinstance(value, bool):
        raise _Problem(MESSAGES["not_bool"].format(key=key, value=typed(value)))
    return value


def _plain(value, key: str, field_name: str = ""):
    """Form and process data: JSON values only, as plain dicts and lists (the engine serializes
    task data as JSON)."""
    if isinstance(value, dict):
        result = {}
        for name, item in value.items():
            if not isinstance(name, str):
                raise _Problem(MESSAGES["bad_data_key"].format(key=key, found=_found(name)))
            result[name] = _plain(item, key, f"{field_name}.{name}" if field_name else name)
        return result
    if isinstance(value, list):
        return [_plain(item, key, f"{field_name}.{i}") for i, item in enumerate(value)]
    if isinstance(value, float) and not math.isfinite(value):
        raise _Problem(MESSAGES["bad_number"].format(key=key, field=field_name))
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    raise _Problem(MESSAGES["bad_data_value"].format(key=key, field=field_name or key, kind=type(value).__name__))


def _data(value, key: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _Problem(MESSAGES["not_mapping"].format(key=key, found=_found(value)))
    return _plain(value, key)


def _instant_guess(text: str) -> str:
    """« (có phải ý bạn là «2026-12-07 08:00»?)» for a day written first (07/12/2026 08:00), a
    word that the day has no time for a day alone (2026-12-08), or ""."""
    if _DAY_ONLY.match(text):
        return MESSAGES["needs_time"].format(day=text)
    match = _DAY_FIRST.match(text)
    if not match:
        return ""
    day, month, year, hour, minute = match.groups()
    return MESSAGES["guess"].format(name=f"{year}-{int(month):02}-{int(day):02} {int(hour or 8):02}:{minute or '00'}")


def parse_instant(value, key: str) -> Instant:
    if isinstance(value, datetime):  # an explicit !!timestamp tag
        return Instant(value.isoformat(sep=" "), value)
    if value is None:
        raise _Problem(MESSAGES["empty_instant"].format(key=key))
    text = str(value).strip() if isinstance(value, (str, date)) else typed(value)
    if not _INSTANT.match(text):
        raise _Problem(MESSAGES["bad_instant"].format(value=text[:60], key=key, guess=_instant_guess(text)))
    try:
        return Instant(text, datetime.fromisoformat(text))
    except ValueError:  # 2026-02-30 08:00 matches the pattern but is no day
        raise _Problem(MESSAGES["bad_instant"].format(value=text, key=key, guess="")) from None


def _duration_guess(text: str) -> str:
    """« (có phải ý bạn là «8 giờ làm việc»?)» for hours without "làm việc" (the calendar counts
    working hours only) or a unit written without accents, or ""."""
    match = re.match(r"^(\d+(?:[.,]\d+)?)\s*(gio|h|ngay)(\s+lam\s+viec)?$", fold(text))
    if not match:
        return ""
    unit = "ngày" if match.group(2) == "ngay" and not match.group(3) else \
        "ngày làm việc" if match.group(2) == "ngay" else "giờ làm việc"
    return MESSAGES["guess"].format(name=f"{match.group(1)} {unit}")


def parse_duration(value) -> Duration | Instant:
    if isinstance(value, dict):
        if set(value) != {"den"}:
            raise _Problem(MESSAGES["bad_duration"].format(value=_found(value), guess=""))
        return parse_instant(value["den"], "troi_qua.den")
    text = " ".join(str(value).split()) if isinstance(value, str) else ""
    match = _DURATION.match(text)
    if not match:
        if value is None:
            raise _Problem(MESSAGES["empty_value"].format(key="troi_qua"))
        raise _Problem(MESSAGES["bad_duration"].format(value=typed(value)[:60], guess=_duration_guess(text)))
    amount = float(match.group(1).replace(",", "."))
    unit = UNITS[match.group(2)]
    if amount <= 0:
        raise _Problem(MESSAGES["bad_duration"].format(value=text, guess=""))
    if unit == "calendar_days" and not amount.is_integer():
        raise _Problem(MESSAGES["bad_calendar_days"].format(value=match.group(1)))
    return Duration(text, amount, unit)


def _named(keys, allowed) -> str:
    """Keys as written, each with the closest allowed one when there is one (kiemtra: kiem_tra)."""
    return ", ".join(MESSAGES["unknown_key"].format(key=k, guess=guess(k, allowed)) for k in map(str, keys))


def _key_line(mapping: dict, key) -> int | None:
    """The line `key` is written on in `mapping`, else the mapping's own line."""
    return getattr(mapping, "key_lines", {}).get(key) or getattr(mapping, "line", None)


def _unknown_keys(mapping: dict, allowed) -> None:
    extra = [k for k in mapping if k not in allowed]
    if extra:
        raise _Problem(MESSAGES["unknown_keys"].format(keys=_named(extra, allowed), allowed=", ".join(allowed))
                       + _comma_split(mapping, extra[0], allowed) + _not_indented(mapping, extra[0]),
                       _key_line(mapping, extra[0]))


def _not_indented(mapping: dict, key) -> str:
    """du_lieu: left empty, the field meant for it written under it at the same depth: YAML
    reads the field as the step's own key. Said so, with how to indent it."""
    keys = list(mapping)
    before = keys[keys.index(key) - 1] if keys.index(key) else None
    if before in NESTED_KEYS and mapping[before] is None:
        return MESSAGES["not_indented"].format(key=key, parent=before)
    return ""


def _comma_split(mapping: dict, key, allowed) -> str:
    """In {lam: Tra cứu, xác minh …} YAML ends the value at the comma and reads the rest as a
    key with no value: said so, with the value as it should be written."""
    keys = list(mapping)
    at = keys.index(key)
    if at == 0 or mapping[key] is not None:
        return ""
    before = mapping[keys[at - 1]]
    if isinstance(before, int) and not isinstance(before, bool) and isinstance(key, int):
        # {phai_nop: 8,000}: a thousands separator; each group of three digits came back a number.
        groups = [str(before)] + [str(name).zfill(3) for name in keys[at:]
                                  if isinstance(name, int) and mapping[name] is None]
        return MESSAGES["thousands_split"].format(key=keys[at - 1], written=",".join(groups), first=groups[0],
                                                 number="".join(groups))
    if not isinstance(before, str):
        return ""
    pieces = [mapping[keys[at - 1]]]
    for name in keys[at:]:
        if name in allowed or mapping[name] is not None:
            break
        pieces.append(str(name))
    return MESSAGES["split_value"].format(key=keys[at - 1], name=", ".join(pieces),
                                          pieces=", ".join(f"«{piece}»" for piece in pieces))


# -- steps and scenarios ------------------------------------------------------------------------

def _check(number: int, line, raw) -> Check:
    if not isinstance(raw, dict):
        raise _Problem(MESSAGES["not_mapping"].format(key="kiem_tra", found=_found(raw)))
    _unknown_keys(raw, CHECK_KEYS)
    if not raw:  # a check of nothing would pass whatever happened
        raise _Problem(MESSAGES["empty_check"].format(keys=", ".join(CHECK_KEYS)))
    for key in ("han", "du_lieu"):
        if key in raw and raw[key] == {}:
            raise _Problem(MESSAGES["empty_value"].format(key=key), _key_line(raw, key))
    for key in ("trang_thai", "hen_tra", "phai_nop", "ket_thuc", "tre_han"):
        if key in raw and raw[key] is None:  # never «None» in a message: an empty value is said so
            raise _Problem(MESSAGES["empty_value"].format(key=key), _key_line(raw, key))
    values = {}
    if "trang_thai" in raw:
        status = raw["trang_thai"]
        if isinstance(status, bool) or not isinstance(status, int) or not 1 <= status <= 10:
            key = "bad_status_text" if isinstance(status, str) and status.strip().isdigit() else "bad_status"
            raise _Problem(MESSAGES[key].format(value=typed(status)))
        values["status"] = status
    if "viec" in raw:
        values["tasks"] = _texts(raw["viec"], "viec")
    if "han" in raw:
        if not isinstance(raw["han"], dict):
            raise _Problem(MESSAGES["not_mapping"].format(key="han", found=_found(raw["han"])))
        # An empty instant is kept (None): in {A, B: …} it is the first piece of a name with a
        # comma, which only the runner can tell, knowing the diagram's tasks.
        values["due"] = tuple((_text(name, "han"), None if at is None else parse_instant(at, f"han.{name}"))
                              for name, at in raw["han"].items())
    if "hen_tra" in raw:
        written = raw["hen_tra"]
        try:
            values["appointment"] = NO_APPOINTMENT if isinstance(written, str) \
                and fold(written) == NO_APPOINTMENT else parse_instant(written, "hen_tra")
        except _Problem as exc:
            raise _Problem(f"{exc} {MESSAGES['no_appointment_hint']}") from None
    if "cho_tin_nhan" in raw:
        values["messages"] = _texts(raw["cho_tin_nhan"], "cho_tin_nhan")
    if "phai_nop" in raw:
        amount = raw["phai_nop"]
        if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
            text = typed(amount)
            grouped = isinstance(amount, float) and _GROUPED.match(text)
            guess = MESSAGES["guess"].format(name=f"phai_nop: {text.replace('.', '')}") if grouped else ""
            raise _Problem(MESSAGES["bad_amount"].format(value=text, guess=guess))
        values["amount_due"] = amount
    if "ket_thuc" in raw:
        values["completed"] = _bool(raw["ket_thuc"], "ket_thuc")
    if "tre_han" in raw:
        values["late"] = _bool(raw["tre_han"], "tre_han")
    if "du_lieu" in raw:
        values["data"] = _data(raw["du_lieu"], "du_lieu")
    return Check(number, line, **values)


def _step(number: int, line, raw) -> Step:
    if not isinstance(raw, dict):
        raise _Problem(MESSAGES["step_not_mapping"].format(found=_found(raw)))
    kinds = [k for k in STEP_KINDS if k in raw]
    if not kinds and "loi" in raw:
        raise _Problem(MESSAGES["error_where"])
    if not kinds:
        unknown = [k for k in raw if not any(k in keys for keys in STEP_KEYS.values())]
        raise _Problem(MESSAGES["step_kind_none"].format(
            unknown=MESSAGES["step_kind_unknown"].format(keys=_named(unknown, STEP_KINDS)) if unknown else ""))
    if len(kinds) > 1:
        raise _Problem(MESSAGES["step_kind"].format(found=", ".join(kinds)))
    kind = kinds[0]
    if "loi" in raw and kind not in ("lam", "gui"):
        raise _Problem(MESSAGES["error_where"])
    _unknown_keys(raw, STEP_KEYS[kind])
    at = parse_instant(raw["luc"], "luc") if raw.get("luc") is not None else None
    error = _text(raw["loi"], "loi") if "loi" in raw else None
    if kind == "kiem_tra":
        return _check(number, line, raw["kiem_tra"])
    if kind == "lam":
        return CompleteTask(number, line, task=_text(raw["lam"], "lam"),
                            lane=_text(raw["vai_tro"], "vai_tro") if raw.get("vai_tro") is not None else None,
                            agency=_text(raw["co_quan"], "co_quan") if raw.get("co_quan") is not None else None,
                            data=_data(raw.get("du_lieu"), "du_lieu"), at=at, error=error,
                            justification=_text(raw["giai_trinh"], "giai_trinh") if raw.get("giai_trinh") is not None
                            else None)
    if kind == "gui":
        return SendMessage(number, line, message=_text(raw["gui"], "gui"),
                           data=_data(raw.get("du_lieu"), "du_lieu"), at=at, error=error,
                           files=_texts(raw["tep"], "tep") if raw.get("tep") is not None else ())
    parsed = parse_duration(raw["troi_qua"])
    if isinstance(parsed, Instant):
        return LetTimePass(number, line, until=parsed)
    return LetTimePass(number, line, duration=parsed)


def _field_lines(data) -> dict:
    return dict(getattr(data, "key_lines", {}))


def _name(raw: dict) -> str:
    """The scenario's title: `ten`, else what a misspelled `ten` holds (tên, Ten, tne), so the
    report still names it; "" when there is none."""
    keys = ["ten"] if "ten" in raw else [k for k in raw if isinstance(k, str) and closest(k, SCENARIO_KEYS) == "ten"]
    for key in keys:
        value = raw[key]
        if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
            return " ".join(str(value).split())
    return ""


def _channel(value) -> str:
    channel = CHANNELS.get(value) if isinstance(value, str) else None
    if channel is None:
        raise _Problem(MESSAGES["channel"].format(found=_found(value), channels=", ".join(CHANNELS)))
    return channel


def _scenario(number: int, line, raw) -> Scenario:
    if not isinstance(raw, dict):
        return Scenario(number, MESSAGES["unnamed"], line,
                        problem=MESSAGES["scenario_not_mapping"].format(found=_found(raw)))
    line = getattr(raw, "line", line)
    name = _name(raw)
    scenario = Scenario(number, name or MESSAGES["unnamed"], line)
    key = None  # the key being read: a problem with its value is reported at its line
    try:
        _unknown_keys(raw, SCENARIO_KEYS)
        if not name:
            raise _Problem(MESSAGES["missing_name"])
        if raw.get("bat_dau") is None:
            raise _Problem(MESSAGES["missing_start"])
        key = "bat_dau"
        scenario.start = parse_instant(raw["bat_dau"], "bat_dau")
        key = "kenh"
        scenario.channel = _channel(raw.get("kenh", PAYMENT_METHODS[0]))
        key = "du_lieu"
        scenario.data = _data(raw.get("du_lieu"), "du_lieu")
        if "du_lieu" in raw:
            scenario.data_lines, scenario.data_line = _field_lines(raw["du_lieu"]), _key_line(raw, "du_lieu")
        key = "buoc"
        steps = raw.get("buoc")
        if not steps:
            raise _Problem(MESSAGES["missing_steps"])
        if not isinstance(steps, list):
            raise _Problem(MESSAGES["steps_not_list"].format(found=_found(steps)))
    except _Problem as exc:
        scenario.problem = str(exc)
        scenario.problem_line = exc.line or (_key_line(raw, key) if key else None)
        return scenario
    lines = getattr(steps, "item_lines", ())
    for index, item in enumerate(steps):
        step_line = getattr(item, "line", None) or (lines[index] if index < len(lines) else None)
        try:
            scenario.steps.append(_step(index + 1, step_line, item))
        except _Problem as exc:
            scenario.steps.append(InvalidStep(index + 1, exc.line or step_line, problem=str(exc)))  # at the key
    return scenario


def parse_text(text: str, path: Path) -> ScenarioFile:
    document = _load_yaml(text)
    if document is None:
        raise ScenarioFileError(MESSAGES["empty"])
    if not isinstance(document, dict):
        raise ScenarioFileError(MESSAGES["top_not_mapping"].format(found=_found(document)), 1)
    key = None  # the key being read: a problem with its value is reported at its line
    try:
        _unknown_keys(document, FILE_KEYS)
        if document.get("quy_trinh") is None:
            raise _Problem(MESSAGES["missing_process"])
        key = "quy_trinh"
        process_id = _text(document["quy_trinh"], "quy_trinh")
        key = "tinh"
        province = _text(document["tinh"], "tinh") if document.get("tinh") is not None else None
        key = "du_lieu_chung"
        shared = _data(document.get("du_lieu_chung"), "du_lieu_chung")
    except _Problem as exc:
        raise ScenarioFileError(str(exc), exc.line or _key_line(document, key)) from None
    raw = document.get("kich_ban")
    line = _key_line(document, "kich_ban")
    if raw is None:
        raise ScenarioFileError(MESSAGES["missing_scenarios"], line)
    if raw == []:
        raise ScenarioFileError(MESSAGES["scenarios_empty"], line)
    if not isinstance(raw, list):
        raise ScenarioFileError(MESSAGES["scenarios_not_list"].format(found=_found(raw)), line)
    lines = getattr(raw, "item_lines", ())
    scenarios = [_scenario(i + 1, lines[i] if i < len(lines) else None, item) for i, item in enumerate(raw)]
    shared_lines = _field_lines(document.get("du_lieu_chung"))
    for scenario in scenarios:
        scenario.data_lines = {**shared_lines, **scenario.data_lines}
        scenario.data_line = scenario.data_line or document.key_lines.get("du_lieu_chung")
    count = sum(len(s.steps) for s in scenarios)
    if count > MAX_STEPS:
        raise ScenarioFileError(MESSAGES["too_many_steps"].format(count=count, limit=MAX_STEPS))
    return ScenarioFile(Path(path), process_id, province, shared, scenarios)


def load(path: Path) -> ScenarioFile:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ScenarioFileError(MESSAGES["too_large"].format(size=size, limit=MAX_FILE_BYTES))
        raw = path.read_bytes()
    except OSError as exc:
        detail = MESSAGES["os_errors"].get(type(exc).__name__, exc.strerror or exc)
        raise ScenarioFileError(MESSAGES["unreadable"].format(detail=detail)) from None
    if len(raw) > MAX_FILE_BYTES:  # the file grew after stat
        raise ScenarioFileError(MESSAGES["too_large"].format(size=len(raw), limit=MAX_FILE_BYTES))
    _refuse_other_files(path, raw)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ScenarioFileError(MESSAGES["not_utf8"]) from None
    return parse_text(text, path)


def _refuse_other_files(path: Path, raw: bytes) -> None:
    """A diagram or a JSON file given by mistake is named as such, not read as broken YAML.
    A `.yaml` file may be written in JSON style ({...}): only its suffix says it is not one."""
    start = raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    kind = NOT_SCENARIO_SUFFIXES.get(path.suffix.lower())
    if kind is None and path.suffix.lower() not in (".yaml", ".yml"):
        kind = {b"<": "kind_xml", b"{": "kind_json"}.get(start)
    if kind is None and start == b"<":
        kind = "kind_xml"
    if kind:
        beside = path.with_name(path.name.split(".")[0] + SCENARIO_SUFFIX) if kind == "kind_xml" else None
        raise ScenarioFileError(MESSAGES["not_scenario"].format(
            kind=MESSAGES[kind],
            beside=MESSAGES["not_scenario_beside"].format(scenario=beside) if beside else ""))
