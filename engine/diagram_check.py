"""Static checks of a procedure diagram, before any dossier meets it.

Every problem names the element (id and name) and says in Vietnamese what is wrong and how to
fix it (the words are in engine/diagram_messages.py). The checks cover what SpiffWorkflow itself
does not, or says only in English: the BPMN schema, lanes that must be roles, task properties that
must point to real forms and hold valid values, expressions in our restricted language, gateways
that always have a way out, flows that connect real elements, and the extensions Camunda Modeler
writes. `explain()` turns a refusal of SpiffWorkflow's parser into the same kind of problem.
"""
from __future__ import annotations

import ast
import codecs
import json
import re
import unicodedata
import textwrap
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from lxml import etree
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.spiff.parser.process import VALIDATOR

from . import constant_parts, expressions
from .diagram_graph import onward, onward_map
from .diagram_flow import Node, play, reached, settled_by
from .diagram_messages import CONDITION_EXAMPLE, KINDS, MESSAGES
from .catalogue_forms import RESULT_NAMES, CitizenForm
from .diagram_names import DATA_ELEMENTS, DATA_REFERENCES, SYSTEM_NAMES, known_names, unknown_names
from .form_check import as_written, form_advice, form_problems, guess, pair_problems, usable_fields
from .folding import fold
from .numbers import whole_dong
from .form_conditions import choice_values, deciding_fields, required_for, sometimes_required
from .roles import LANE_ROLES, ROLE_LABELS, lane_labels, role_for_lane
from .statuses import (LABELS as STATUS_LABELS, PAYMENT_REQUESTED, PROCESSED, RECEIVED, REFUSED, SUPPLEMENT_REQUESTED,
                       TERMINAL)
from .withdrawal import MESSAGE as WITHDRAWAL_MESSAGE

# Lanes an analyst draws for the applicant, who works no step (QT-33): said as such, not as a typo.
CITIZEN_LANES = frozenset({"cong dan", "citizen", "nguoi dan", "nguoi nop ho so", "to chuc, ca nhan",
                           "ca nhan, to chuc", "nguoi yeu cau"})
BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI_NS = "http://www.omg.org/spec/BPMN/20100524/DI"
SPIFF_NS = "http://spiffworkflow.org/bpmn/schema/1.0/core"
CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn"
# Camunda 7's older namespace (inherited from Activiti, still in diagrams Camunda Modeler and
# Signavio exported, under the prefix camunda: as often as activiti:): the same extensions.
ACTIVITI_NS = "http://activiti.org/bpmn"
ZEEBE_NS = "http://camunda.org/schema/zeebe/1.0"
CAMUNDA_NAMESPACES = (CAMUNDA_NS, ACTIVITI_NS, ZEEBE_NS)  # whose extensions check_extensions judges
NS = {"bpmn": BPMN_NS, "spiffworkflow": SPIFF_NS}
PREFIXES = {BPMN_NS: "bpmn", BPMNDI_NS: "bpmndi", SPIFF_NS: "spiffworkflow", CAMUNDA_NS: "camunda",
            ACTIVITI_NS: "camunda", ZEEBE_NS: "zeebe"}
# The same <properties><property name=… value=…/></properties>, as spiff-arena's editor, Camunda
# Modeler for Camunda 7 (either namespace) and for Camunda 8 write it from their own properties panels.
PROPERTY_NAMESPACES = (SPIFF_NS, CAMUNDA_NS, ACTIVITI_NS, ZEEBE_NS)

DEADLINE_FUNCTIONS = ("working_hours", "working_days", "calendar_days", "official_start")
KNOWN_PROPERTIES = {
    "formJsonSchemaFilename", "formUiSchemaFilename", "status", "timeLimit", "agency", "marksLate", "amount",
}
# SpiffWorkflow opens a plain `task` for a person too, so it needs a lane like a user task.
HUMAN_TASKS = ("userTask", "manualTask", "task")
# The properties the engine reads only on a step officers work (its form, deadline and agency).
HUMAN_PROPERTIES = ("formJsonSchemaFilename", "formUiSchemaFilename", "timeLimit", "agency")
GATEWAYS = ("exclusiveGateway", "inclusiveGateway", "parallelGateway", "eventBasedGateway", "complexGateway")
SUB_PROCESSES = ("subProcess", "transaction", "adHocSubProcess")
ACTIVITIES = ("task", "userTask", "manualTask", "scriptTask", "serviceTask", "sendTask", "receiveTask",
              "businessRuleTask", "callActivity", *SUB_PROCESSES)
EVENTS = ("startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent")
FLOW_NODES = (*ACTIVITIES, *EVENTS, *GATEWAYS)
# Where a `status` takes effect: where a dossier stands. A sub-process is entered by its start.
STATUS_PLACES = tuple(kind for kind in FLOW_NODES if kind not in (*SUB_PROCESSES, "callActivity"))
MESSAGE_CATCHERS = ("startEvent", "intermediateCatchEvent", "boundaryEvent", "receiveTask")
PYTHON_FORMATS = ("python", "python3", "py", "text/x-python")
# Camunda Modeler writes these on its own (metadata, engine scheduling hints); they change nothing
# in how a dossier runs here, so a diagram saved from that modeler is not refused for them.
HARMLESS_EXTENSIONS = {
    "diagramRelationId", "isStartableInTasklist", "versionTag", "historyTimeToLive", "async", "asyncBefore",
    "asyncAfter", "exclusive", "jobPriority", "modelerTemplate", "modelerTemplateVersion",
    "modelerTemplateIcon", "userTask", "properties",
}
# What each refused Camunda extension (camunda: or zeebe:, by local name) does instead here.
EXTENSION_FIXES = {
    **dict.fromkeys(("formKey", "formRef", "formRefBinding", "formRefVersion", "formData", "formField",
                     "formDefinition", "userTaskForm"), "camunda_form"),
    **dict.fromkeys(("assignee", "candidateGroups", "candidateUsers", "assignmentDefinition"), "camunda_assignee"),
    **dict.fromkeys(("dueDate", "followUpDate", "taskSchedule"), "camunda_due"),
    **dict.fromkeys(("class", "delegateExpression", "expression", "type", "topic", "connector",
                     "taskDefinition", "taskHeaders"), "camunda_code"),
    **dict.fromkeys(("inputOutput", "in", "out", "field", "ioMapping"), "camunda_io"),
    **dict.fromkeys(("taskListener", "executionListener", "executionListeners", "taskListeners"),
                    "camunda_listener"),
    "resultVariable": "camunda_result",
    "calledElement": "camunda_called",
    "resource": "camunda_resource",
}
# The messages someone can send to a running dossier: the citizen on the portal or through the API,
# the one-stop desk for a paper supplement or withdrawal, the payment gateway or the desk's cashier
# for a fee (app/dossiers/messages.py MESSAGE_NAMES labels each; tests keep the two lists equal).
# A catch event waiting for any other name waits forever.
DELIVERABLE_MESSAGES = ("bo_sung", "rut_ho_so", "thanh_toan")
PAYMENT_MESSAGE = "thanh_toan"  # its wait says how much (`amount`) and shows status 6
SUPPLEMENT_MESSAGE = "bo_sung"  # carries the citizen's application as supplemented (its form's fields)
CITIZEN_WAITS = (SUPPLEMENT_MESSAGE, PAYMENT_MESSAGE)  # the dossier waits on the citizen, who may give up instead
# What the other messages put into a dossier's data when a catch event receives them: the reason
# of a withdrawal (app/dossiers/citizen.py), the record of a payment (app/payments/ledger.py,
# ANALYST.md QT-40). Together they are diagram_names.SYSTEM_NAMES (a test keeps them equal).
MESSAGE_DATA = {"rut_ho_so": frozenset({"ly_do_rut"}),
                "thanh_toan": frozenset({"so_tien_da_nop", "hinh_thuc_nop", "ma_giao_dich"})}
# The public statuses a dossier ends in (ANALYST.md QT-46) are statuses.TERMINAL: an end event of
# the process leaves the dossier with its status. Statuses that say the dossier waits for the
# citizen: only on the wait for that message (QT-53). Reaching PROCESSED signs the result (QT-22).
WAIT_STATUSES = {SUPPLEMENT_REQUESTED: SUPPLEMENT_MESSAGE, PAYMENT_REQUESTED: PAYMENT_MESSAGE}
STATUS_NUMBER = re.compile(r"^\s*0*([0-9]+)\s*$")  # a status as the runtime reads it (int()), ASCII digits
# An agency identifier code (mã định danh, e.g. 000.00.12.H08) is taken literally; any other
# `agency` value is an expression over the dossier data.
AGENCY_CODE = re.compile(r"^[0-9A-Z]{2,4}(\.[0-9A-Z]{2,4}){2,4}$")
JUEL = re.compile(r"^\s*[$#]\{(.*)\}\s*$", re.DOTALL)  # Camunda 7: ${approved}
FEEL = re.compile(r"^\s*=(?!=)\s*(.+)$", re.DOTALL)  # Camunda 8: =approved
ISO_TIME = re.compile(r"^(R\d*/)?P[0-9YMWDTHS.,]+$|^\d{4}-\d{2}-\d{2}", re.IGNORECASE)
LONE_EQUALS = re.compile(r"(?<![=!<>])=(?!=)")  # FEEL's equality, or an analyst's
THOUSANDS = re.compile(r"(?<![\w.])\d{1,3}(?:\.\d{3})+(?![\w.])")  # 8.000, 1.500.000
# The gateways whose outgoing flows' conditions the engine evaluates; elsewhere one is ignored.
CONDITIONAL_GATEWAYS = ("exclusiveGateway", "inclusiveGateway")

_SCHEMA_LOCK = threading.Lock()

# SpiffWorkflow 3.2's parser refusals, by a piece of their English text.
ENGINE_REFUSALS = (
    ("no support implemented for this task type", "unsupported"),
    ("Non-default exclusive outgoing sequence flow without condition", "flow_no_condition"),
    ("Unknown Time Specification", "timer_empty"),
    ("No Script Provided", "script_empty"),
    ("When looking for a task spec", "flow_target_missing"),
    ("Exactly one start event is required in a SubWorkflow Task; found 0", "no_start"),
    ("No start event found", "no_start"),
    ("Must contain an End event", "no_end"),
    ('No "calledElement" attribute', "call_no_target"),
    ("was not found. Did you mean", "call_missing"),
    ("Multiple outgoing flows are not supported", "many_outgoing"),
    ("A Service Task must have an operator", "service_task"),
    ("No DMN Diagram available", "business_rule"),
    ("has no implementation", "data_store"),
    ("Cannot resolve data", "data_association"),
    ("multiinstance task must specify", "multi_instance"),
    ("A loopMaximum or loopCondition must be specified", "standard_loop"),
    ("Cancel Events may only be used", "cancel_event"),
    ("Conditional event definition with missing condition", "conditional_event"),
)


@dataclass(frozen=True)
class Problem:
    file: str
    element_id: str
    element_name: str
    message: str

    def __str__(self) -> str:
        where = self.element_id or "-"
        if self.element_name:
            where += f" «{self.element_name}»"
        return f"{self.file}: [{where}] {self.message}"


def safe_parse(xml: bytes) -> etree._ElementTree:
    """Parse untrusted XML: no entities, no network, no DTD tricks."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    return etree.ElementTree(etree.fromstring(xml, parser=parser))


# libxml2's error codes (lxml.etree.ErrorTypes) an analyst meets, said in words: (codes, a word
# of the reader's text that tells two alike apart, the message of diagram_messages).
XML_TAG_MISMATCH, XML_LIMIT = 76, 114  # ERR_TAG_NAME_MISMATCH, ERR_RESOURCE_LIMIT
XML_DOCTYPE_ERRORS = (29,)  # ERR_ENTITY_IS_EXTERNAL
XML_ERRORS = (
    ((XML_TAG_MISMATCH,), "", "xml_tag_mismatch"),
    ((39, 40, 41), "", "xml_quote"),  # ERR_ATTRIBUTE_NOT_STARTED, _NOT_FINISHED, _WITHOUT_VALUE
    ((38,), "", "xml_less_than"),  # ERR_LT_IN_ATTRIBUTE
    ((68,), "StartTag", "xml_less_than"),  # ERR_NAME_REQUIRED: "< b" in text
    ((68,), "EntityRef", "xml_ampersand"),  # ERR_NAME_REQUIRED: "a & b"
    ((23,), "", "xml_ampersand"),  # ERR_ENTITYREF_SEMICOL_MISSING
    ((26, 27), "", "xml_entity"),  # ERR_UNDECLARED_ENTITY, WAR_UNDECLARED_ENTITY
    ((9,), "", "xml_char"),  # ERR_INVALID_CHAR
    ((201,), "", "xml_prefix"),  # NS_ERR_UNDEFINED_NAMESPACE
)


def xml_problem(file_name: str, xml: bytes, error: etree.XMLSyntaxError) -> Problem:
    """Why a file could not be parsed at all: empty, not XML, cut short, or a syntax error."""
    text = xml.removeprefix(b"\xef\xbb\xbf").strip()
    line, column = error.position if error.position else (error.lineno or 1, 1)
    if not text:
        message = MESSAGES["xml_empty"]
    elif not text.startswith(b"<"):
        message = MESSAGES["not_xml"]
    elif _not_utf8(text) is not None and re.search(rb"encoding=[\"'](?!utf-?8[\"'])", text[:200], re.I) is None:
        message = MESSAGES["xml_encoding"].format(line=_not_utf8(text))
    elif (garbled := mislabelled(file_name, xml)) is not None:
        return garbled
    elif error.code in XML_DOCTYPE_ERRORS or error.code == XML_LIMIT and "depth" not in error.msg:
        declared = xml.find(b"<!DOCTYPE")  # said where it is declared, not where an entity is used
        where = MESSAGES["xml_line"].format(line=xml[:declared].count(b"\n") + 1) if declared >= 0 else ""
        message = MESSAGES["xml_doctype"].format(where=where)
    elif error.code == XML_LIMIT:
        message = MESSAGES["xml_too_deep"].format(line=line)
    elif error.code != XML_TAG_MISMATCH and _at_end(xml.rstrip(), line, column):  # lines as the reader counts
        message = MESSAGES["xml_truncated"].format(line=line)
    else:
        what = next((MESSAGES[key] for codes, words, key in XML_ERRORS if error.code in codes and words in error.msg), "")
        message = MESSAGES["xml"].format(line=line, column=column, what=what, detail=error.msg)
    return Problem(file_name, "", "", message)


DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']""")


def mislabelled(file_name: str, xml: bytes) -> Problem | None:
    """A file saved in UTF-8 under a declaration of another encoding (an editor that kept the
    first line): every Vietnamese name garbled, or refused as bytes that encoding lacks. Text
    really in Windows-1258 almost never happens to be valid UTF-8 too, so that is the tell."""
    text = xml.removeprefix(b"\xef\xbb\xbf")
    found = DECLARED_ENCODING.match(text[:300])
    declared = found.group(1).decode("ascii", "replace") if found else "UTF-8"
    # An encoding Python does not know is libxml2's to refuse as unsupported, in its own words.
    if not _known_codec(declared) or codecs.lookup(declared).name == "utf-8" or text.isascii() \
            or _not_utf8(text) is not None:
        return None
    name = next((m.group(1) for m in re.finditer(r'name="([^"]*)"', text.decode("utf-8"))
                 if not m.group(1).isascii()), None)
    if name is None:
        return None  # only comments or text differ: nothing an officer reads is garbled
    garbled = name.encode("utf-8").decode(declared, "replace")
    return Problem(file_name, "", "", MESSAGES["xml_encoding_mislabelled"].format(
        declared=declared, name=name, garbled=garbled))


def _known_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _at_end(text: bytes, line: int, column: int) -> bool:
    """Whether the reader stopped where the content does: a file cut short, not a mistake inside."""
    lines = text.split(b"\n")
    return line > len(lines) or line == len(lines) and column > len(lines[-1].decode("utf-8", "replace").rstrip())


def _not_utf8(text: bytes) -> int | None:
    """The line of the first byte that is not UTF-8 (a file saved in Windows-1258), or None."""
    try:
        text.decode("utf-8")
    except UnicodeDecodeError as exc:
        return text[:exc.start].count(b"\n") + 1
    return None


def _property_nodes(node):
    for ns in PROPERTY_NAMESPACES:
        yield from node.iterfind(f"{{{BPMN_NS}}}extensionElements/{{{ns}}}properties/{{{ns}}}property")


def properties_of(node) -> dict[str, str]:
    """A node's properties, whichever modeler wrote them (see PROPERTY_NAMESPACES); the first wins."""
    props = {}
    for prop in _property_nodes(node):
        if prop.get("name"):
            props.setdefault(prop.get("name"), prop.get("value", ""))
    return props


def _decimal_numbers(source: str) -> list[str]:
    """The numbers written with a point or an exponent ("8.000", "1.000.000", "1e3"): mostly an
    analyst's thousands separator, which the language reads as a decimal point (8.000 is 8) or
    cannot read at all (1.000.000)."""
    grouped = THOUSANDS.findall(source)
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError:
        return grouped
    return list(dict.fromkeys([*grouped, *(ast.get_source_segment(source.strip(), n) for n in ast.walk(tree)
                                           if isinstance(n, ast.Constant) and type(n.value) in (float, complex))]))


@dataclass(frozen=True)
class Field:
    form: str       # the form's path inside forms/
    schema: dict
    # Where the form declares the field (through groups and lists), not where a condition
    # (if/then, allOf...) or a definition ($defs) adds to it: its enum there bounds its values.
    declared: bool


def _field_schemas(document):
    """Every field a form names, at any depth (in groups and lists too): its name, its schema,
    whether that is its declaration (Field.declared)."""
    stack = [(document, True)]
    while stack:
        node, declared = stack.pop()
        if isinstance(node, list):
            stack.extend((item, False) for item in node)
        elif isinstance(node, dict):
            fields = node.get("properties") if isinstance(node.get("properties"), dict) else {}
            for name, schema in fields.items():
                if isinstance(schema, dict):
                    yield name, schema, declared
                    stack.append((schema, declared))
            stack.extend((value, declared and key == "items") for key, value in node.items()
                         if not (key == "properties" and fields))


def _deadline_starts(source: str):
    """The calls of deadline functions in an expression with the name of a field as their start
    (`working_days(3, ngay_to_chuc)`): (the field's name, the call without it)."""
    tree = ast.parse(source.strip(), mode="eval")
    for call in ast.walk(tree):
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in DEADLINE_FUNCTIONS):
            continue
        counts = call.args[:0 if call.func.id == "official_start" else 1]
        start = [*call.args[len(counts):], *(k.value for k in call.keywords if k.arg == "start")][:1]
        if start and isinstance(start[0], ast.Name):
            yield start[0].id, f"{call.func.id}({', '.join(ast.unparse(a) for a in counts)})"


def _decimal_commas(source: str):
    """The deadline calls with a Vietnamese decimal comma (`working_days(1,5)`): a count, then a
    whole number where the start instant goes. Yields (the call, the two numbers as written)."""
    text = source.strip()
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError:
        return
    for call in ast.walk(tree):
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in DEADLINE_FUNCTIONS[:3] \
                and len(call.args) == 2 and not call.keywords \
                and all(isinstance(a, ast.Constant) and type(a.value) is int for a in call.args):
            yield call, *(ast.get_source_segment(text, a) for a in call.args)


def _not_a_number(source: str) -> bool:
    """A literal that can never be a sum of đồng ("8000" in quotes, True, a list...)."""
    try:
        tree = ast.parse(source.strip(), mode="eval").body
    except SyntaxError:
        return False
    return isinstance(tree, (ast.Constant, ast.List, ast.Tuple, ast.Dict, ast.Set)) and not (
        isinstance(tree, ast.Constant) and type(tree.value) in (int, float))


def _thousands_assigned(source: str, names) -> list[tuple[str, str]]:
    """In a script, the numbers that look written with a Vietnamese thousands separator (500.000,
    read as 500.0) in what is assigned to one of `names`: (the name, the number as written)."""
    text, tree, _ = _parsed(source, "exec")
    found = []
    for assign in ast.walk(tree):
        targets = assign.targets if isinstance(assign, ast.Assign) else \
            [assign.target] if isinstance(assign, (ast.AugAssign, ast.AnnAssign)) and assign.value else []
        for name in (t.id for t in targets if isinstance(t, ast.Name) and t.id in names):
            found += [(name, ast.get_source_segment(text, n)) for n in ast.walk(assign.value)
                      if isinstance(n, ast.Constant) and type(n.value) is float
                      and THOUSANDS.fullmatch(ast.get_source_segment(text, n) or "")]
    return list(dict.fromkeys(found))


# A comparison and the one that holds exactly when it does not.
OPPOSITES = {ast.Eq: "!=", ast.NotEq: "==", ast.Lt: ">=", ast.LtE: ">", ast.Gt: "<=", ast.GtE: "<",
             ast.In: "not in", ast.NotIn: "in"}


def _names_read(source: str) -> list[str]:
    """The data names an expression reads, in the order written: not the functions it calls, nor
    the names it sets itself (a comprehension's)."""
    text, tree, own = _parsed(source, "eval")
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    found = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
             and n.id not in own and id(n) not in called]
    return list(dict.fromkeys(n.id for n in sorted(found, key=lambda n: (n.lineno, n.col_offset))))


def _opposite(source: str) -> str | None:
    """`so_ban > 2` → `so_ban <= 2`: a single comparison written the other way; None otherwise."""
    text, tree, _ = _parsed(source, "eval")
    test = tree.body if isinstance(tree, ast.Expression) else None
    if not isinstance(test, ast.Compare) or len(test.ops) != 1 or type(test.ops[0]) not in OPPOSITES:
        return None
    return f"{ast.get_source_segment(text, test.left)} {OPPOSITES[type(test.ops[0])]} " \
           f"{ast.get_source_segment(text, test.comparators[0])}"


def _parsed(source: str, mode: str):
    """An expression's or a script's text as parsed (a script as the evaluator sees it, its
    indentation removed), its tree (an empty one when it does not parse: its errors are said
    elsewhere), and the names it sets itself (its own variables, a comprehension's)."""
    text = textwrap.dedent(source).strip()
    try:
        tree = ast.parse(text, mode=mode)
    except (SyntaxError, ValueError):
        tree = ast.parse("", mode="exec")
    return text, tree, {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}


# SpiffWorkflow's parser wraps its own crash (not a refusal) as the Python exception's repr.
PARSER_CRASH = re.compile(r"[A-Z]\w*(Error|Exception)\(")


def _plain_value(node) -> bool:
    """A value written as itself that is not None, True or False: text or a number."""
    return isinstance(node, ast.Constant) and not isinstance(node.value, bool) and node.value is not None


def _identity_tests(tree):
    """`a is b` and `a is not b` where a side is text or a number: (the comparison, its sides, op)."""
    for test in ast.walk(tree):
        if isinstance(test, ast.Compare):
            sides = [test.left, *test.comparators]
            for op, left, right in zip(test.ops, sides, sides[1:]):
                if isinstance(op, (ast.Is, ast.IsNot)) and (_plain_value(left) or _plain_value(right)):
                    yield test, left, op, right


def _bare_values_in_or(tree):
    """In what is read as true or false (a condition, an `if`, `x if … else y`, a comprehension's
    `if`, `not …`), an `or` with a bare value among its operands: (the `or`, the value).
    An `or` giving a value (`ten = ho_ten or "—"`) is an idiom, not a slip."""
    tests = [tree.body] if isinstance(tree, ast.Expression) else []
    for node in ast.walk(tree):
        if isinstance(node, (ast.If, ast.IfExp, ast.While)):
            tests.append(node.test)
        elif isinstance(node, ast.comprehension):
            tests.extend(node.ifs)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            tests.append(node.operand)
    seen = set()
    while tests:
        test = tests.pop()
        if not isinstance(test, ast.BoolOp) or id(test) in seen:
            continue
        seen.add(id(test))
        tests.extend(test.values)
        bare = [v for v in test.values if _plain_value(v)]
        if isinstance(test.op, ast.Or) and bare:
            yield test, bare[0]


def _as_membership(test, text: str) -> str | None:
    """`x == "a" or "b"` → `x in ["a", "b"]`, when the operands are one name's equalities and bare values."""
    names, values = set(), []
    for v in test.values:
        if isinstance(v, ast.Compare) and len(v.ops) == 1 and isinstance(v.ops[0], ast.Eq) \
                and isinstance(v.left, ast.Name) and _plain_value(v.comparators[0]):
            names.add(v.left.id)
            v = v.comparators[0]
        elif not _plain_value(v):
            return None
        values.append(ast.get_source_segment(text, v))
    return f"{names.pop()} in [{', '.join(values)}]" if len(names) == 1 else None


def _always_runs(node, parents: dict) -> bool:
    """Whether `node` is evaluated whenever its script or expression runs: not in a branch of an
    `if` or `x if c else y`, not after the first operand of `and`/`or` or of a chained comparison,
    not in a loop's body or a comprehension's element (the loop may not turn)."""
    while node in parents:
        parent = parents[node]
        if isinstance(parent, (ast.If, ast.IfExp)) and node is not parent.test \
                or isinstance(parent, ast.For) and node is not parent.iter \
                or isinstance(parent, ast.BoolOp) and node is not parent.values[0] \
                or isinstance(parent, ast.Compare) and node in parent.comparators[1:] \
                or isinstance(parent, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)) \
                and node is not parent.generators[0] \
                or isinstance(parent, ast.comprehension) and (node is not parent.iter
                                                              or parents[parent].generators[0] is not parent):
            return False
        node = parent
    return True


# A dict's methods that only read it: a dict used with any other is not known to keep its keys.
READING_METHODS = ("get", "keys", "values", "items", "copy")


def _dict_lookups(source: str, mode: str):
    """The lookups of a written dict by a bare name, evaluated whenever the text runs:
    `{"a": 1, "b": 2}[x]`, or `d[x]` after `d = {"a": 1, "b": 2}`, the one assignment of `d`, that
    always runs, with `d` only ever read by lookups or READING_METHODS afterwards (so its keys stay
    those written). Names the text sets itself are left out, as in _literal_tests. Yields (the
    name, the dict's name or None when written inline, its keys with their text, the lookup's text)."""
    text, tree, own = _parsed(source, mode)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    dicts = {}  # name -> the assignment binding it to a dict literal, once and unconditionally
    for assign in ast.walk(tree):
        if isinstance(assign, ast.Assign) and len(assign.targets) == 1 and isinstance(assign.targets[0], ast.Name) \
                and isinstance(assign.value, ast.Dict) and _always_runs(assign, parents):
            dicts[assign.targets[0].id] = assign
    for use in ast.walk(tree):
        if not isinstance(use, ast.Name) or use.id not in dicts:
            continue
        holder = parents.get(use)
        read = isinstance(use.ctx, ast.Load) and (
            isinstance(holder, ast.Subscript) and holder.value is use and isinstance(holder.ctx, ast.Load)
            or isinstance(holder, ast.Attribute) and holder.attr in READING_METHODS)
        if not read and use is not dicts[use.id].targets[0]:
            del dicts[use.id]  # bound again, changed, or handed on: its keys are not known for sure
    for lookup in ast.walk(tree):
        if not (isinstance(lookup, ast.Subscript) and isinstance(lookup.ctx, ast.Load)
                and isinstance(lookup.slice, ast.Name) and lookup.slice.id not in own and _always_runs(lookup, parents)):
            continue
        named = lookup.value.id if isinstance(lookup.value, ast.Name) else None
        if named is not None and (named not in dicts or (dicts[named].end_lineno, dicts[named].end_col_offset)
                                  > (lookup.lineno, lookup.col_offset)):
            continue  # not one of those dicts, or looked up before it is written
        literal = dicts[named].value if named is not None else lookup.value
        if not isinstance(literal, ast.Dict) or not all(isinstance(k, ast.Constant) for k in literal.keys):
            continue  # not a dict written out, or one with `**other` or computed keys
        yield lookup.slice.id, named, [(k.value, ast.get_source_segment(text, k)) for k in literal.keys], \
            ast.get_source_segment(text, lookup)


def _literal_tests(source: str, mode: str):
    """The simple tests of a name against written values in an expression or script: `x == "a"`,
    `"a" == x`, `x != "a"`, `x in ["a", "b"]`, `x not in (…)`. Yields (the name, the operator's
    kind: "eq", "ne" or "in", the values with their text, the test's text). Names the text itself
    sets (its own variables, a comprehension's) are left out: their values are not a form's."""
    text, tree, own = _parsed(source, mode)
    for test in ast.walk(tree):
        if not isinstance(test, ast.Compare) or len(test.ops) != 1:
            continue
        name, op, other = test.left, test.ops[0], test.comparators[0]
        if isinstance(op, (ast.Eq, ast.NotEq)) and isinstance(name, ast.Constant):
            name, other = other, name
        if not isinstance(name, ast.Name) or name.id in own:
            continue
        if isinstance(op, (ast.Eq, ast.NotEq)) and isinstance(other, ast.Constant):
            written = [other]
        elif isinstance(op, (ast.In, ast.NotIn)) and isinstance(other, (ast.List, ast.Tuple, ast.Set)) \
                and all(isinstance(e, ast.Constant) for e in other.elts):
            written = other.elts
        else:
            continue
        kind = "eq" if isinstance(op, ast.Eq) else "ne" if isinstance(op, ast.NotEq) else "in"
        yield name.id, kind, [(c.value, ast.get_source_segment(text, c)) for c in written], \
            ast.get_source_segment(text, test)


_NOT_WRITTEN = object()
ORDERING = (ast.Lt, ast.Gt, ast.LtE, ast.GtE)
_OPERATORS = {ast.Lt: "<", ast.Gt: ">", ast.LtE: "<=", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}
# A JSON Schema type as the data of a dossier holds it, grouped by what Python compares: numbers
# and booleans (True is 1) with each other, text with text; None with nothing, by < or >.
SCHEMA_KINDS = {"integer": "number", "number": "number", "boolean": "number", "string": "string", "null": "null",
                "array": "array", "object": "object"}


def _written_value(node):
    """The value a literal of an expression writes (`"1"`, 2, -3, True, None), else _NOT_WRITTEN."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)) \
            and isinstance(node.operand, ast.Constant) and type(node.operand.value) in (int, float):
        return -node.operand.value if isinstance(node.op, ast.USub) else node.operand.value
    if isinstance(node, ast.Constant) and (node.value is None or type(node.value) in (str, int, float, bool)):
        return node.value
    return _NOT_WRITTEN


def _value_kind(value) -> str:
    """A written value's kind as SCHEMA_KINDS groups them."""
    if value is None:
        return "null"
    return "string" if isinstance(value, str) else "number"


def _comparisons(source: str, mode: str):
    """The comparisons of a bare name with a written value by <, >, <=, >=, == or != (in a chain
    too: `0 < so_ban <= "5"`). Names the text itself sets are left out, as in _literal_tests.
    Yields (the name, the operator, the value, the value's text, the comparison's text, whether
    the name stands on the left)."""
    text, tree, own = _parsed(source, mode)
    for test in ast.walk(tree):
        if not isinstance(test, ast.Compare):
            continue
        operands = [test.left, *test.comparators]
        for op, left, right in zip(test.ops, operands, operands[1:]):
            if type(op) not in _OPERATORS:
                continue
            for name, other, on_left in ((left, right, True), (right, left, False)):
                value = _written_value(other)
                if isinstance(name, ast.Name) and name.id not in own and value is not _NOT_WRITTEN:
                    yield name.id, op, value, ast.get_source_segment(text, other), \
                        ast.get_source_segment(text, test), on_left


def _compatible(op, kinds: set[str], value) -> bool:
    """Whether a field of one of `kinds` can be compared with `value` by `op` as the evaluator
    does: ordering only numbers (and booleans) with numbers, text with text; equality can hold
    only between numbers (and booleans) or between values of one kind."""
    kind = _value_kind(value)
    if isinstance(op, ORDERING):
        return kind != "null" and any(k == kind and k in ("number", "string") for k in kinds)
    return kind == "null" or kind in kinds


# A field's type as the evaluator names its values in «Không so sánh được … với …».
RUN_TIME_TYPES = {"integer": "số nguyên", "number": "số thực", "string": "chuỗi", "boolean": "đúng/sai",
                  "null": "None", "array": "danh sách", "object": "từ điển"}


def _value_type(value) -> str:
    """A written value's type as JSON Schema names it."""
    if value is None or isinstance(value, bool):
        return "null" if value is None else "boolean"
    return {str: "string", int: "integer"}.get(type(value), "number")


def _comparison_fix(name: str, op, value, text: str, test: str, types: list[str]) -> str:
    """How to compare `name` (a field of JSON Schema `types`) with a value its type allows:
    `so_ban > 1` for `so_ban > "1"`, `da_nop == True` for `da_nop == "true"`, `ma == "1"` for
    `ma == 1`; else what kind of value to write."""
    written = str(value).strip().lower() if isinstance(value, str) else None
    if set(types) == {"boolean"} and written in ("true", "false", "1", "0"):
        fixed = "True" if written in ("true", "1") else "False"
        return MESSAGES["compare_fix_bool"].format(fixed=test.replace(text, fixed, 1))
    if written is not None and {"integer", "number"} & set(types):
        if re.fullmatch(r"[+-]?\d+", written):
            return MESSAGES["compare_fix_unquote"].format(fixed=test.replace(text, str(int(written)), 1))
        if re.fullmatch(r"[+-]?(\d+\.\d*|\.\d+)", written):
            return MESSAGES["compare_fix_unquote"].format(fixed=test.replace(text, str(float(written)), 1))
    if "string" in types and isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(op, ORDERING):
            return MESSAGES["compare_fix_type"].format(name=name)
        return MESSAGES["compare_fix_quote"].format(fixed=test.replace(text, as_written(str(value)), 1))
    wanted = MESSAGES["or"].join(dict.fromkeys(MESSAGES[f"type_{t}"] for t in types))
    return MESSAGES["compare_fix_other"].format(name=name, type=wanted)


def guarded(source: str, mode: str, name: str) -> bool:
    """Whether a reading of `name` in the text runs only sometimes (after and/or, in an if...)."""
    _, tree, _ = _parsed(source, mode)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    return any(isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load)
               and not _always_runs(n, parents) for n in ast.walk(tree))


def _passes_only(requirement: tuple, requiring: set, answers: list) -> bool:
    """Whether a condition's requirement on a choice (settled_by) lets through some answers, and
    only answers in `requiring`."""
    _, op, values = requirement
    if not answers:  # a choice whose answers are not listed: not judged
        return True
    passing = [v for v in answers if (v in values) == (op == "in")]
    return bool(passing) and all(v in requiring for v in passing)


def _value_guess(value, choices: list) -> str:
    """The closest of a field's values to one written in an expression, as written in the form."""
    written = [as_written(c) for c in choices]
    if not isinstance(value, str) and as_written(str(value)) in written:  # 1 for "1": quotes forgotten
        return MESSAGES["guess"].format(name=as_written(str(value)))
    return guess(as_written(value), written)


def local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def bpmn_kind(node) -> str:
    """A BPMN element's type, "" for any other namespace's: Camunda 8 writes <zeebe:userTask/>
    inside a user task's extensions, and that is no user task."""
    return local(node.tag) if _namespace(node.tag) == BPMN_NS else ""


def _namespace(tag) -> str:
    return etree.QName(tag).namespace or "" if isinstance(tag, str) else ""


def _short(text: str) -> str:
    """Namespaced names as a modeler's XML spells them: {…BPMN…}userTask -> bpmn:userTask."""
    for ns, prefix in PREFIXES.items():
        text = text.replace(f"{{{ns}}}", f"{prefix}:")
    return text


def _as_prefixed(name: str, node) -> str:
    """A namespaced name as the file spells it (activiti:formKey where the file says so), else as
    PREFIXES does (also for a prefix a tool made up, ns0:)."""
    prefix = next((p for p, ns in node.nsmap.items() if p and ns == _namespace(name)), None)
    return f"{prefix}:{local(name)}" if prefix and not re.fullmatch(r"ns\d+", prefix) else _short(name)


def _one_line(text: str) -> str:
    """Names drawn on two lines in a modeler keep one line in a problem report."""
    return " ".join((text or "").split())


STRING_LITERAL = re.compile(r""" "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*' """, re.VERBOSE)
TRIPLE_EQUALS = re.compile(r"[=!]==")  # JavaScript's strict (in)equality
UPPER_WORDS = re.compile(r"\b(?!(?:and|or|not|in|is)\b)(?i:and|or|not|in|is)\b")  # AND, Or, NOT IN…


def _outside_strings(text: str, change) -> str:
    """`text` with `change` applied to what lies outside its quoted strings, which stay as written."""
    parts, at = [], 0
    for literal in STRING_LITERAL.finditer(text):
        parts += [change(text[at:literal.start()]), literal.group()]
        at = literal.end()
    return "".join([*parts, change(text[at:])])


def _found_outside_strings(pattern: re.Pattern, text: str) -> bool:
    return bool(pattern.search(STRING_LITERAL.sub('""', text)))


def _python_like(text: str) -> str:
    """A Camunda expression's body in our language's spelling of its operators."""
    def change(part: str) -> str:
        part = re.sub(r"\s*&&\s*", " and ", part)
        part = re.sub(r"\s*\|\|\s*", " or ", part)
        return re.sub(r"!(?!=)\s*", "not ", part)
    return _outside_strings(text, change).strip()


def _juel_like(text: str) -> str:
    """A JUEL expression's body (Camunda 7's ${…}) as our language would write it: &&, ||, ! are
    and, or, not; true, false and null are True, False and None."""
    return _outside_strings(_python_like(text), _constants)


def _constants(part: str) -> str:
    return re.sub(r"\b(true|false|null)\b", lambda m: FEEL_CONSTANTS[m.group(1)], part)


FEEL_QUANTIFIER = re.compile(r"^(some|every)\s+([A-Za-z_]\w*)\s+in\s+(.+?)\s+satisfies\s+(.+)$", re.DOTALL)
FEEL_CONSTANTS = {"true": "True", "false": "False", "null": "None"}


def _feel_like(text: str) -> str:
    """A FEEL expression's body (Camunda 8) as our language would write it: `=` compares, true,
    false and null are True, False and None, `some x in xs satisfies c` is `any(c for x in xs)`
    (`every`: all). What has no such spelling stays as written (expressions.check refuses it)."""
    text = _outside_strings(_python_like(text), lambda part: _constants(LONE_EQUALS.sub("==", part)))
    quantified = FEEL_QUANTIFIER.match(text.strip())
    if quantified:
        every, name, items, test = quantified.groups()
        text = f"{'all' if every == 'every' else 'any'}({test.strip()} for {name} in {items.strip()})"
    return text


def _our_spelling(source: str) -> str:
    """An expression with the operators analysts bring from elsewhere spelt ours: `=` and `===`
    compare with ==, `!==` is !=, AND/OR/NOT (any case but ours) and &&, ||, ! are and, or, not."""
    def change(part: str) -> str:
        part = TRIPLE_EQUALS.sub(lambda m: "!=" if m.group().startswith("!") else "==", part)
        part = UPPER_WORDS.sub(lambda m: m.group().lower(), part)
        return LONE_EQUALS.sub("==", part)
    return _python_like(_outside_strings(source.strip(), change))


def _syntax_hints(source: str) -> str:
    """The hints expressions.check does not give with a syntax error: for ===, for AND, OR, NOT,
    and for a number with thousands dots (1.200.000), which no Python reads."""
    hints = ""
    if _found_outside_strings(TRIPLE_EQUALS, source):
        hints += MESSAGES["hint_triple_equals"]
    if _found_outside_strings(UPPER_WORDS, source):
        hints += MESSAGES["hint_upper_words"]
    grouped = [n for n in THOUSANDS.findall(STRING_LITERAL.sub('""', source)) if n.count(".") > 1]
    if grouped:
        hints += MESSAGES["hint_thousands"].format(numbers=", ".join(dict.fromkeys(grouped)),
                                                   fixed=grouped[0].replace(".", ""))
    return hints


def _quoted(source: str, name: str, mode: str = "eval") -> str:
    """An expression (or script) with every reading of the bare name `name` written as the text "name"."""
    text = textwrap.dedent(source).strip()
    try:
        tree = ast.parse(text, mode=mode)
    except SyntaxError:
        return text
    lines = [line.encode() for line in text.split("\n")]  # ast's offsets count UTF-8 bytes
    reads = sorted(((n.lineno, n.col_offset, n.end_col_offset) for n in ast.walk(tree)
                    if isinstance(n, ast.Name) and n.id == name and n.end_lineno == n.lineno), reverse=True)
    for line, start, end in reads:
        lines[line - 1] = lines[line - 1][:start] + json.dumps(name, ensure_ascii=False).encode() + lines[line - 1][end:]
    return "\n".join(line.decode() for line in lines)


SYNTAX_ERROR = expressions.MESSAGES["syntax_said"].split("{")[0]  # "Lỗi cú pháp ở dòng "


def _checked(source: str, mode: str) -> list[str]:
    """expressions.check's errors, a syntax error with the hints for === and AND, OR, NOT added."""
    hints = _syntax_hints(source)
    return [f"{e}{hints}" if hints and SYNTAX_ERROR in e else e
            for e in expressions.check(source, mode, DEADLINE_FUNCTIONS)]


def _errors_quietly(source: str) -> bool:
    """Whether a condition has errors (check_condition names them): nothing more is said of it."""
    return bool(JUEL.match(source) or FEEL.match(source) or expressions.check(source, "eval", DEADLINE_FUNCTIONS))


def status_number(value: str | None) -> int | None:
    """A `status` value as the runtime reads it (int()): "02" and " 2" are 2; None if it is no number."""
    found = STATUS_NUMBER.match(value or "")
    return int(found.group(1)) if found else None


def _choices(schema: dict) -> list:
    """The values a field's schema lists: its enum, or the consts of its oneOf/anyOf."""
    if isinstance(schema.get("enum"), list):
        return schema["enum"]
    options = [o for key in ("oneOf", "anyOf") if isinstance(schema.get(key), list)
               for o in schema[key] if isinstance(o, dict)]
    return [o["const"] for o in options if "const" in o] \
        + [v for o in options if isinstance(o.get("enum"), list) for v in o["enum"]]


def _process_start(node) -> bool:
    """Whether `node` is a start event of a process itself (not of a sub-process)."""
    return bpmn_kind(node) == "startEvent" and bpmn_kind(node.getparent()) == "process"


def _kind(node) -> str:
    return KINDS.get(local(node.tag), local(node.tag))


def _iso_suggestion(text: str) -> str:
    hours = re.fullmatch(r"PT(\d+)H", text.strip(), re.IGNORECASE)
    days = re.fullmatch(r"P(\d+)D", text.strip(), re.IGNORECASE)
    if hours:
        return MESSAGES["iso_hours"].format(n=hours.group(1))
    if days:
        return MESSAGES["iso_days"].format(n=days.group(1))
    return MESSAGES["iso_other"]


def _definitions(node) -> set[str]:
    return {bpmn_kind(d) for d in node if bpmn_kind(d).endswith("EventDefinition")}


def _waits(node) -> bool:
    """A catch event the engine stops at until something arrives (a link only jumps)."""
    return bpmn_kind(node) == "intermediateCatchEvent" and _definitions(node) != {"linkEventDefinition"}


def _signal_thrown(definition) -> bool:
    """Whether the diagram itself throws the signal a catch waits for: nobody outside sends one."""
    ref = definition.get("signalRef")
    return bool(ref) and any(d.get("signalRef") == ref and bpmn_kind(d.getparent()) in ("intermediateThrowEvent", "endEvent")
                             for d in definition.getroottree().iter(f"{{{BPMN_NS}}}signalEventDefinition"))


def _terminates(node) -> bool:
    """A terminate end event: reaching it ends its whole process or sub-process at once."""
    return "terminateEventDefinition" in _definitions(node)


def _timed(node) -> bool:
    return "timerEventDefinition" in _definitions(node)


def _arrival_kind(node) -> str:
    """How an element that no officer completes brings a dossier on (ANALYST.md QT-53)."""
    kind = bpmn_kind(node)
    if kind in ("startEvent", "receiveTask"):
        return kind
    for definition in ("timerEventDefinition", "messageEventDefinition", "errorEventDefinition"):
        if definition in _definitions(node):
            return definition
    return "other"


def _shows_inside(sub_process, drawn: dict) -> bool:
    """Whether the steps inside a sub-process (or a process a call activity calls) are drawn:
    expanded on the page, or on a page of their own (bpmn.io draws a collapsed one's content on
    its own plane). A collapsed box shows as one step; an undrawn one is named itself."""
    shape = drawn.get(sub_process.get("id"))
    return (shape is None and local(sub_process.tag) != "callActivity") or local(shape.tag) == "BPMNPlane" or shape.get("isExpanded") == "true" \
        or any(local(s.tag) == "BPMNPlane" and s.get("bpmnElement") == sub_process.get("id")
               for s in shape.getroottree().iter(f"{{{BPMNDI_NS}}}BPMNPlane"))


def _undrawn(container, drawn: dict):
    """The flow nodes and sequence flows of a process or sub-process that have no shape or edge."""
    for node in container:
        kind = bpmn_kind(node)
        if kind not in FLOW_NODES and kind != "sequenceFlow" or not node.get("id"):
            continue
        if node.get("id") not in drawn:
            yield node
        if kind in SUB_PROCESSES and _shows_inside(node, drawn):
            yield from _undrawn(node, drawn)


class DiagramChecker:
    def __init__(self, file_name: str, forms_dir: Path, timer_functions: dict | None = None,
                 known_agencies: set[str] | None = None, messages=DELIVERABLE_MESSAGES,
                 citizen_forms: dict[str, list[CitizenForm]] | None = None,
                 officers: dict[str, set[str]] | None = None):
        """`known_agencies`: the agency codes the province has loaded, when known (a step's
        `agency` is then checked against them); `messages`: the message names deliverable;
        `citizen_forms`: process id -> the catalogue entries using it, when known (the names
        expressions read are then checked against the procedure's fields, and the fee the
        entries announce against the diagram's wait for it); `officers`: agency code -> the
        roles it has an active officer account of, when known (a step sent to an agency by
        its `agency` then warns when nobody there works its lane's role)."""
        self.file_name = file_name
        self.citizen_forms = citizen_forms
        self.officers = officers
        self.names: frozenset[str] | None = None  # the data names of the process being checked
        self.fields: dict[str, list[Field]] = {}  # its forms' fields by name
        # What a dossier of the process holds from the start: its citizen form's fields and the
        # diagram's data objects; None when not known for sure (as self.names).
        self.start_names: frozenset[str] | None = None
        self.lane_of: dict[str, etree._Element] = {}  # flow node id -> its lane
        self._before: dict = {}  # element id -> the elements that can complete before it (elements_before)
        self._fields_of_form: dict[str, frozenset[str] | None] = {}
        self.forms_dir = Path(forms_dir)
        self.timer_functions = timer_functions or {}
        self.known_agencies = known_agencies
        self.messages = tuple(messages)
        self.problems: list[Problem] = []
        # What does not stop a dossier but should be fixed (a step the officer's drawing hides):
        # `motcua bpmn check` prints these; the diagram still loads.
        self.warnings: list[Problem] = []
        # What a catalogue entry using the process gets wrong (one line each, its file name first).
        self.entry_problems: list[str] = []
        self.by_id: dict[str, etree._Element] = {}
        self.sources: dict[str, list[str]] = defaultdict(list)  # element id -> its sequence flows' sources
        self._after: dict[str, list[str]] | None = None  # element id -> where a dossier goes on (onward)
        self._form_files: list[str] | None = None
        self._advised: set[str] = set()  # forms whose warnings (QT-54) were given
        self._documents: dict[str, dict | None] = {}  # forms read by set_values, by path

    # -- reporting ----------------------------------------------------------------------------

    def owner(self, node):
        """The element an analyst can click on for `node`: itself or its nearest ancestor with an
        id, skipping event definitions and extensions (invisible in a modeler), and the semantic
        element for a shape of the drawing."""
        for candidate in ([node, *node.iterancestors()] if node is not None else []):
            if not candidate.get("id") or local(candidate.tag).endswith("EventDefinition") \
                    or _namespace(candidate.tag) not in (BPMN_NS, BPMNDI_NS):
                continue
            if _namespace(candidate.tag) == BPMNDI_NS:
                return self.by_id.get(candidate.get("bpmnElement"), candidate)
            return candidate
        return None

    def add(self, node, key: str, **values) -> None:
        self.add_text(node, MESSAGES[key].format(**values))

    def warn(self, node, key: str, **values) -> None:
        self.add_text(node, MESSAGES["warning"].format(message=MESSAGES[key].format(**values)), self.warnings)

    def add_text(self, node, message: str, found: list[Problem] | None = None) -> None:
        found = self.problems if found is None else found
        owner = self.owner(node)
        problem = Problem(self.file_name, owner.get("id", "") if owner is not None else "",
                          _one_line(owner.get("name", "")) if owner is not None else "", message)
        if problem not in found:
            found.append(problem)

    def has_problem(self, *nodes) -> bool:
        ids = {owner.get("id") for owner in map(self.owner, nodes) if owner is not None}
        return any(p.element_id in ids for p in self.problems)

    def label(self, node) -> str:
        return _one_line(node.get("name") or node.get("id", "")) if node is not None else ""

    def flow_label(self, flow) -> str:
        """A flow as an analyst finds it on the drawing: «its name», or from where to where."""
        if flow is None:
            return ""
        if flow.get("name"):
            return f"«{self.label(flow)}»"
        ends = [self.label(self.by_id.get(flow.get(ref))) or flow.get(ref, "") for ref in ("sourceRef", "targetRef")]
        return MESSAGES["flow_between"].format(source=ends[0], target=ends[1])

    def described(self, node) -> str:
        """An element as an analyst finds it among others of the same name: its kind and name,
        a flow from where to where."""
        label = self.flow_label(node) if local(node.tag) == "sequenceFlow" else f"«{self.label(node)}»"
        return f"{_kind(node).lower()} {label}"

    def named(self, nodes) -> str:
        return MESSAGES["and"].join(f"{self.described(n)} ({n.get('id')})" for n in nodes)

    def flow_list(self, flows) -> str:
        return ", ".join(self.flow_label(f) for f in flows)

    # -- the whole file -----------------------------------------------------------------------

    def check(self, tree) -> list[Problem]:
        root = tree.getroot()
        if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:  # entities left unread: refused whole
            self.add(None, "xml_doctype", where="")
            return self.problems
        if root.tag != f"{{{BPMN_NS}}}definitions":
            self.add(None, "not_bpmn", root=_short(root.tag) if isinstance(root.tag, str) else "?")
            return self.problems
        for node in root.iter():
            if isinstance(node.tag, str) and node.get("id") and _namespace(node.tag) == BPMN_NS:
                self.by_id.setdefault(node.get("id"), node)
        for flow in root.iter(f"{{{BPMN_NS}}}sequenceFlow"):
            self.sources[flow.get("targetRef")].append(flow.get("sourceRef"))
        self.check_schema(tree)
        self.check_extensions(root)
        processes = root.findall("bpmn:process", NS)
        executable = [p for p in processes if p.get("isExecutable") == "true"]
        if not processes:
            self.add(None, "no_process")
        elif not executable:
            for process in processes:
                self.add(process, "not_executable")
        # With no process marked executable, the analyst's next step is to mark them: their other
        # mistakes are named now too, not one round later. Beside an executable process, the
        # others are not run (unless it calls them), so not checked: a pool drawn for information,
        # as the citizen's side of the message flows, is no mistake.
        called = {c.get("calledElement") for c in root.iter(f"{{{BPMN_NS}}}callActivity")}
        for process in processes:
            if not executable or process in executable or process.get("id") in called:
                self.check_process(process)
        for process in executable or processes:
            self.check_container(process)
            self.check_references(process, [p.get("id") for p in processes])
            self.check_statuses(process)
            self.check_status_places(process)
            self.check_step_names(process)
            if process.get("id") not in called:  # a called process's end returns to its caller
                self.check_end_statuses(process)
        if processes:
            self.check_drawing(root, executable or processes)
        for store in root.iter(f"{{{BPMN_NS}}}dataStore"):
            self.add(store, "data_store", name=self.label(store))
        return self.problems

    def check_step_names(self, process) -> None:
        """Two officers' steps of one process under one name (a step copied, its name kept): a
        warning, since both run, but officers and the control slip cannot tell them apart."""
        first: dict[str, object] = {}
        for node in process.iter(f"{{{BPMN_NS}}}userTask", f"{{{BPMN_NS}}}manualTask"):
            name = self.label(node) if (node.get("name") or "").strip() else None
            if name is None:
                continue
            seen = first.setdefault(fold(name), node)
            if seen is not node:
                self.warn(node, "step_name_twice", name=name, other=seen.get("id"))

    def check_schema(self, tree) -> None:
        """The BPMN 2.0 schema SpiffWorkflow checks against, every error at once and in Vietnamese
        (SpiffWorkflow stops at the first one and says it in English)."""
        VALIDATOR.preprocess(tree)
        with _SCHEMA_LOCK:  # the validator is shared and keeps only its last run's errors
            if VALIDATOR.validator.validate(tree):
                return
            errors = list(VALIDATOR.validator.error_log)
        seen = set()
        for error in errors:
            node = self._error_node(tree, error)
            attr = re.search(r"attribute '([^']+)'", error.message)
            if (node, attr and attr.group(1)) in seen:
                continue  # one problem per attribute, though libxml may give two reasons
            seen.add((node, attr and attr.group(1)))
            self.schema_problem(node, error.type_name, error.message, error.line)

    def _error_node(self, tree, error):
        prefixes = {p: ns for p, ns in tree.getroot().nsmap.items() if p}
        try:
            found = tree.xpath(error.path, namespaces=prefixes) if error.path else []
        except etree.XPathError:
            found = []
        if found and isinstance(found[0], etree._Element):
            return found[0]
        tag = re.match(r"Element '([^']+)'", error.message)
        return next((n for n in tree.iter() if n.sourceline == error.line
                     and (tag is None or n.tag == tag.group(1))), None)

    def schema_problem(self, node, kind: str, message: str, line) -> None:
        """One libxml schema error (by its kind, with the names and values read from its English
        text) as a problem on the element it is about."""
        def found(pattern):
            match = re.search(pattern, message)
            return next((g for g in match.groups() if g is not None), "") if match else ""
        attr, value = found(r"attribute '([^']+)'"), found(r"'([^']*)' is not a valid value|The value '([^']*)'")
        expected, choices = _short(found(r"Expected is(?: one of)? \( (.*) \)")), found(r"set \{(.*)\}")
        type_name = _short(found(r"atomic type '([^']+)'"))
        # An unexpected child is reported on the child; the analyst fixes its parent.
        parent = node.getparent() if kind == "SCHEMAV_ELEMENT_CONTENT" and node is not None else node
        parent_kind = _kind(parent) if parent is not None else ""
        if "'xs:ID'" in message:
            others = [n for n in (node.getroottree().iter() if node is not None else ())
                      if isinstance(n.tag, str) and n.get("id") == value and n is not node]
            if others:
                self.add(node, "duplicate_id", id=value, other=self.described(others[0]),
                         line=others[0].sourceline or "?")
            else:
                self.add(node, "bad_id", id=value)
        elif kind == "SCHEMAV_CVC_COMPLEX_TYPE_4":
            if attr == "attachedToRef":
                self.add(node, "boundary_unattached")
            else:
                self.add(node, "xsd_attribute_missing", kind=parent_kind, attr=attr)
        elif kind.startswith("SCHEMAV_CVC_COMPLEX_TYPE_3_2"):
            self.add(node, "xsd_attribute_unknown", kind=parent_kind, attr=attr)
        elif kind in ("SCHEMAV_CVC_DATATYPE_VALID_1_2_1", "SCHEMAV_CVC_ENUMERATION_VALID") and attr:
            if choices:
                wanted = MESSAGES["xsd_enum"].format(values=choices.replace("'", ""))
            elif type_name.endswith(":boolean"):
                wanted = MESSAGES["xsd_boolean"]
            elif type_name.endswith(("integer", ":int")):
                wanted = MESSAGES["xsd_integer"]
            else:
                wanted = MESSAGES["xsd_type"].format(type=type_name)
            self.add(node, "xsd_attribute_value", value=value, attr=attr, expected=wanted)
        elif kind == "SCHEMAV_ELEMENT_CONTENT" and "Missing child" in message:
            self.add(node, "xsd_missing_child", kind=_kind(node) if node is not None else "", expected=expected)
        elif kind == "SCHEMAV_ELEMENT_CONTENT" and node is not None:
            self.add(node, "xsd_unexpected", child=_short(node.tag), kind=parent_kind,
                     expected=expected or MESSAGES["xsd_nothing"])
        else:
            self.add(node, "xsd_other", line=line, detail=_short(message))

    def check_extensions(self, root) -> None:
        """Camunda Modeler's own extensions: metadata is ignored, properties are read like
        spiffworkflow:properties, everything else is refused with what to use instead."""
        refused = defaultdict(list)  # (element, fix) -> extensions: one problem names them all
        for node in root.iter():
            if not isinstance(node.tag, str):
                continue
            names = [a for a in node.attrib if _namespace(a) in CAMUNDA_NAMESPACES]
            parent = node.getparent()
            if _namespace(node.tag) in CAMUNDA_NAMESPACES and parent is not None \
                    and _namespace(parent.tag) not in CAMUNDA_NAMESPACES:
                names.append(node.tag)
            for name in names:
                if local(name) not in HARMLESS_EXTENSIONS:
                    refused[(self.owner(node), EXTENSION_FIXES.get(local(name), "camunda_other"))].append(
                        _as_prefixed(name, node))
        for (owner, key), names in refused.items():
            # The fix is written with the file's own prefix (activiti:, camunda:...), as QT-29 says.
            prefix = names[0].partition(":")[0] if ":" in names[0] else "camunda"
            self.add(owner, key, ext=", ".join(dict.fromkeys(names)), labels=", ".join(lane_labels()), prefix=prefix)

    # -- one process --------------------------------------------------------------------------

    def forms_of(self, process) -> list[str]:
        """The forms the process's dossiers fill in: the citizen's (when the catalogue is known),
        then the steps'."""
        root = process.getroottree().getroot()
        steps = [properties_of(n)["formJsonSchemaFilename"] for n in root.iter()
                 if isinstance(n.tag, str) and "formJsonSchemaFilename" in properties_of(n)]
        return [*(c.form for c in (self.citizen_forms or {}).get(process.get("id")) or ()), *steps]

    def names_of(self, process) -> frozenset[str] | None:
        """The data names the process can read, or None when they cannot all be known."""
        if not (self.citizen_forms or {}).get(process.get("id")):
            return None
        return known_names(process.getroottree().getroot(), self.forms_dir, self.forms_of(process), DEADLINE_FUNCTIONS)

    def fields_of(self, process) -> dict[str, list[Field]]:
        """The fields of the forms the process's dossiers fill in (forms_of), each with every form
        declaring it; not the names a script sets or the system gives, whose values no form describes."""
        computed = set(SYSTEM_NAMES)
        for node in process.getroottree().getroot().iter():
            if local(node.tag) in ("script", "preScript", "postScript") and (node.text or "").strip():
                computed |= expressions.names(node.text, "exec", DEADLINE_FUNCTIONS)[1]
        found = defaultdict(list)
        for relative in dict.fromkeys(self.forms_of(process)):
            path = (self.forms_dir / relative).resolve()
            if self.forms_dir.resolve() not in path.parents:
                continue  # check_form says the path must stay inside forms/
            try:
                document = json.loads(path.read_text(encoding="utf-8-sig"))
            except (OSError, ValueError):
                continue  # check_form (or the catalogue's check) names the form's problem
            for name, schema, declared in _field_schemas(document):
                if name not in computed:
                    found[name].append(Field(relative, schema, declared))
        return found

    def check_deadline_starts(self, node, prop: str, expr: str) -> None:
        """A deadline counted from a field needs an instant with its time zone: a date-time field.
        A date or a text only fails when a dossier gets there (ANALYST.md QT-08)."""
        for name, without in _deadline_starts(expr):
            declared = self.fields.get(name, [])
            if not declared or any(f.schema.get("format") == "date-time" for f in declared):
                continue
            schema = declared[0].schema
            kind = "date" if schema.get("format") == "date" else schema.get("type")
            what = MESSAGES.get(f"start_{kind}") or MESSAGES["start_other"].format(type=kind or "?")
            self.add(node, "deadline_start", prop=prop, name=name, what=what, form=declared[0].form, without=without)

    def check_names(self, node, what: str, source: str, mode: str = "eval") -> None:
        """A name read that no form, script or the system provides: the dossier would stop here."""
        if self.names is None:
            return
        unknown = unknown_names(source, self.names, DEADLINE_FUNCTIONS) if mode == "eval" \
            else sorted(expressions.names(source, mode, DEADLINE_FUNCTIONS)[0] - self.names)
        for name in unknown:
            if name in expressions.BUILTIN_FUNCTIONS or name in DEADLINE_FUNCTIONS:
                continue
            holders = {(field, f.form) for field, found in self.fields.items() for f in found
                       if any(isinstance(c, str) and c == name for c in _choices(f.schema))}
            if holders:  # a value written without its quotes: `quyet_dinh == tiep_nhan`
                self.add(node, "unquoted_value", what=what, name=name, fixed=_quoted(source, name, mode),
                         fields=", ".join(dict.fromkeys(f"«{field}»" for field, _ in sorted(holders))),
                         forms=", ".join(sorted({form for _, form in holders})))
            else:
                self.add(node, "unknown_name", what=what, name=name, guess=guess(name, self.names))

    def field_values(self, name: str, sure: bool = True) -> tuple[list, list[str]] | None:
        """The values a form field can hold and the forms having it, when known for sure: every
        form of the procedure is known (self.names), and every form having the field declares it
        with its values (enum). None otherwise, and for a name a script sets or the system gives.
        Not `sure`: as the forms of the diagram's own steps declare it, the application's unknown."""
        found = self.fields.get(name) if self.names is not None or not sure else None
        forms = sorted({f.form for f in found or ()})
        declared = [f for f in found or () if f.declared]
        if not declared or sorted({f.form for f in declared}) != forms \
                or not all(isinstance(f.schema.get("enum"), list) for f in declared):
            return None
        return [value for f in declared for value in f.schema["enum"]], forms

    def check_literals(self, node, what: str, source: str, mode: str) -> None:
        """A field compared with a value its form never gives (a typo, a stray space): the test
        never holds (or always, with !=), so a branch is never taken or always is."""
        for name, kind, written, test in _literal_tests(source, mode):
            known = self.field_values(name)
            for value, text in written if known is not None else ():
                if not any(value == choice for choice in known[0]):  # compared as the evaluator does
                    self.add(node, "enum_literal", what=what, name=name, value=text, test=test,
                             values=", ".join(map(as_written, known[0])), forms=", ".join(known[1]),
                             effect=MESSAGES[f"enum_literal_{kind}"], guess=_value_guess(value, known[0]))

    def check_lookups(self, node, what: str, source: str, mode: str) -> None:
        """A dict written out and looked up by a field (a fee by category): a value of the field
        the dict lacks stops every dossier having it at this step; a key that is none of the
        field's values (a typo) is never used."""
        for name, named, keys, lookup in _dict_lookups(source, mode):
            known = self.field_values(name)
            if known is None:
                continue
            values, forms = known
            missing = list({as_written(v): v for v in values if not any(v == key for key, _ in keys)}.values())
            common = {"what": what, "name": name, "lookup": lookup, "forms": ", ".join(forms),
                      "values": ", ".join(map(as_written, values)),
                      "dict": f"«{named}»" if named else MESSAGES["dict_inline"]}
            if missing:
                self.add(node, "dict_key_missing", **common, missing=", ".join(map(as_written, missing)),
                         missing_or=MESSAGES["or"].join(map(as_written, missing)), keys=", ".join(t for _, t in keys),
                         error=expressions.MESSAGES["key_error"].format(key=repr(missing[0])),
                         getter=f"{named or '{…}'}.get({name}, …)")
            for key, text in dict.fromkeys(keys):
                if not any(key == value for value in values):  # compared as a lookup does
                    self.add(node, "dict_key_unknown", **common, written=text, guess=_value_guess(key, missing or values))

    # -- what the data holds when an element runs (ANALYST.md QT-51) -----------------------------

    def form_fields(self, relative: str) -> frozenset[str] | None:
        """The fields of a form (at any depth), None when it is not usable or takes others."""
        if relative not in self._fields_of_form:
            found = usable_fields(self.forms_dir, relative)
            self._fields_of_form[relative] = frozenset(found) if found is not None else None
        return self._fields_of_form[relative]

    def start_names_of(self, process) -> frozenset[str] | None:
        """What a dossier's data holds when the process starts: the fields of its citizen forms
        (a supplement brings the same ones back, `bo_sung`), and the names of the diagram's
        data objects and multi-instance items, which SpiffWorkflow keeps apart from the steps."""
        found: set[str] = set()
        for entry in (self.citizen_forms or {}).get(process.get("id")) or ():
            fields = self.form_fields(entry.form)
            if fields is None:
                return None
            found |= fields
        for node in process.getroottree().getroot().iter():
            kind = bpmn_kind(node)
            if kind in DATA_ELEMENTS:
                found |= {v for v in (node.get("id"), node.get("name")) if v}
            elif kind in DATA_REFERENCES and (node.text or "").strip():
                found.add(node.text.strip())
        return frozenset(found)

    def message_names(self, node) -> list[str]:
        """The names of the messages a catch event (or receive task) waits for."""
        root = node.getroottree().getroot()
        names = {m.get("id"): (m.get("name") or "").strip() for m in root.iterfind("bpmn:message", NS)}
        refs = [d.get("messageRef") for d in node if bpmn_kind(d) == "messageEventDefinition"]
        if bpmn_kind(node) == "receiveTask":
            refs.append(node.get("messageRef"))
        return [names[r] for r in refs if names.get(r)]

    @staticmethod
    def _step_scripts(node):
        return [s for s in node.iterfind(f"{{{BPMN_NS}}}extensionElements/{{{SPIFF_NS}}}*")
                if local(s.tag) in ("preScript", "postScript") and (s.text or "").strip()]

    def data_set_by(self, node) -> frozenset[str] | None:
        """The names an element leaves in a dossier's data when it completes: a human step its
        form's fields, a script task (and spiff-arena's pre- and post-scripts) what it assigns, a
        catch event what its message carries. None when that cannot be known (a form unusable)."""
        kind = bpmn_kind(node)
        found: set[str] = set()
        form = properties_of(node).get("formJsonSchemaFilename") if kind in HUMAN_TASKS else None
        if form:
            fields = self.form_fields(form)
            if fields is None:
                return None
            found |= fields
        scripts = [node.find("bpmn:script", NS)] if kind == "scriptTask" else []
        for script in [*scripts, *self._step_scripts(node)]:
            if script is not None and (script.text or "").strip():
                found |= expressions.names(script.text, "exec", DEADLINE_FUNCTIONS)[1]
        if kind in MESSAGE_CATCHERS:
            for name in self.message_names(node):
                found |= self.start_names or set() if name == SUPPLEMENT_MESSAGE else MESSAGE_DATA.get(name, set())
        return frozenset(found)

    def _inside(self, container) -> list:
        """The flow nodes of a sub-process, at any depth, or of the process a call activity calls."""
        if bpmn_kind(container) == "callActivity":
            called = [p for p in container.getroottree().getroot().iterfind("bpmn:process", NS)
                      if p.get("id") == container.get("calledElement")]
            container = called[0] if called else None
        if container is None:
            return []
        return [n for n in container.iter() if bpmn_kind(n) in FLOW_NODES and n is not container]

    def _comes_from(self, node, completed: bool) -> list | None:
        """Where a dossier can come from to `node`: (element, whether it completed) pairs; None when
        the way cannot be followed (an ad-hoc sub-process, an event sub-process, a link event)."""
        kind, parent = bpmn_kind(node), node.getparent()
        if kind == "sequenceFlow":  # a flow from nowhere is check_container's to say
            source = self.by_id.get(node.get("sourceRef"))
            return [(source, True)] if source is not None else None
        if bpmn_kind(parent) == "adHocSubProcess" or parent.get("triggeredByEvent") == "true" \
                or kind == "intermediateCatchEvent" and any(bpmn_kind(d) == "linkEventDefinition" for d in node):
            return None
        found = [(self.by_id[f.get("sourceRef")], True) for f in parent.iterfind("bpmn:sequenceFlow", NS)
                 if f.get("targetRef") == node.get("id") and f.get("sourceRef") in self.by_id]
        if completed and (kind in SUB_PROCESSES or kind == "callActivity"):
            found += [(inner, True) for inner in self._inside(node)]  # what it did inside comes out
        if kind == "boundaryEvent":  # armed when its activity starts, which has not completed
            attached = self.by_id.get(node.get("attachedToRef"))
            if attached is not None:
                found += [(attached, False), *((inner, True) for inner in self._inside(attached))]
        elif kind == "startEvent" and bpmn_kind(parent) in SUB_PROCESSES:
            found.append((parent, False))
        elif kind == "startEvent" and bpmn_kind(parent) == "process":  # a called process: its callers'
            found += [(c, False) for c in node.getroottree().getroot().iter(f"{{{BPMN_NS}}}callActivity")
                      if c.get("calledElement") == parent.get("id")]
        elif not found:
            return None  # nothing leads here: check_connections says so, and there is nothing to judge
        return found

    def elements_before(self, node) -> list | None:
        """The elements that can have completed when a dossier reaches `node` (a sequence flow:
        when its gateway weighs its condition), on any way there: back along sequence flows,
        through gateways and events, out of a sub-process by its start, into one (or the process
        a call activity calls) that completed, from a boundary event to its activity's way in.
        None when a way back cannot be followed."""
        if node.get("id") not in self._before:
            seen, queue, found = set(), [(node, False)], []
            while queue:
                element, completed = queue.pop()
                if (element.get("id"), completed) in seen:
                    continue
                seen.add((element.get("id"), completed))
                if completed:
                    found.append(element)
                sources = self._comes_from(element, completed)
                if sources is None:
                    found = None
                    break
                queue.extend(sources)
            self._before[node.get("id")] = found
        return self._before[node.get("id")]

    def available_before(self, node) -> frozenset[str] | None:
        """The names a dossier's data can hold when it reaches `node`: what it starts with
        (start_names), what the elements before it leave (data_set_by), and what the step's own
        pre-script sets. What a message carries (a payment's record, a withdrawal's reason) is
        taken as there wherever the diagram waits for that message at all, before `node` or not:
        the citizen or the payment gateway sends it, and analysts read it in the steps that
        follow its wait (ANALYST.md QT-37 accepts it so); only a name of a message the diagram
        never waits for is reported. None when not known for sure."""
        before = self.elements_before(node) if self.start_names is not None else None
        if before is None:
            return None
        found = set(self.start_names)
        root = node.getroottree().getroot()
        for catcher in (n for n in root.iter() if bpmn_kind(n) in MESSAGE_CATCHERS):
            for name in self.message_names(catcher):
                found |= MESSAGE_DATA.get(name, set())
        for element in before:
            names = self.data_set_by(element)
            if names is None:
                return None
            found |= names
        for script in self._step_scripts(node):
            if local(script.tag) == "preScript":
                found |= expressions.names(script.text, "exec", DEADLINE_FUNCTIONS)[1]
        return frozenset(found)

    def _where(self, node) -> str:
        """Where an expression of `node` is weighed: a flow's at its gateway."""
        if bpmn_kind(node) == "sequenceFlow":
            return MESSAGES["at_gateway"].format(gateway=self.label(self.by_id.get(node.get("sourceRef"))))
        return MESSAGES["at_event" if bpmn_kind(node) in EVENTS else "at_step"]

    def _setters(self, process, name: str) -> list[str]:
        """The elements of the process that put `name` into the data, as the analyst finds them."""
        found = []
        for element in process.iter():
            kind = bpmn_kind(element)
            if kind not in FLOW_NODES or name not in (self.data_set_by(element) or ()):
                continue
            form = properties_of(element).get("formJsonSchemaFilename") if kind in HUMAN_TASKS else None
            if form and name in (self.form_fields(form) or ()):
                found.append(MESSAGES["set_by_form"].format(step=self.label(element), form=form))
            elif kind in MESSAGE_CATCHERS and any(name in MESSAGE_DATA.get(m, ()) for m in self.message_names(element)):
                found.append(MESSAGES["set_by_message"].format(
                    event=self.label(element), message=MESSAGES["or"].join(self.message_names(element))))
            else:
                found.append(MESSAGES["set_by_script"].format(step=self.label(element)))
        if not found:  # a payment's or a withdrawal's name where no event waits for its message
            found += [MESSAGES["set_by_system"].format(message=m) for m, names in MESSAGE_DATA.items() if name in names]
        return list(dict.fromkeys(found))

    def check_available(self, node, what: str, source: str, mode: str, also: frozenset = frozenset()) -> None:
        """A name an expression (or script) reads that is some form's field, or set by a script
        or a message, but that no element before `node` on any way there puts into the data, nor
        the citizen's form: a dossier reaching `node` stops with «Không có biến …» (ANALYST.md
        QT-51). A name no element sets at all is said by check_names (QT-37)."""
        available = self.available_before(node) if self.names is not None else None
        if available is None:
            return
        available |= also
        read = expressions.names(source, mode, DEADLINE_FUNCTIONS)[0]
        for name in sorted(read & available - also):
            optional, deciding = self.left_blank(name)
            if optional and not deciding:
                self.warn(node, "name_optional", what=what, name=name, where=self._where(node),
                          forms=", ".join(optional))
            elif optional and not self.decided_before(node, read, deciding):
                self.warn(node, "name_sometimes_required", what=what, name=name, where=self._where(node),
                          forms=", ".join(optional), choices=", ".join(f"«{c}»" for c in sorted(deciding)))
        process = next((a for a in node.iterancestors() if bpmn_kind(a) == "process"), None)
        steps = [e for e in self.elements_before(node) or () if e is not node and self.data_set_by(e)]
        before = list(dict.fromkeys(f"«{self.label(e)}»" for e in sorted(steps, key=lambda e: e.sourceline or 0)))
        for name in sorted(read - available):
            if name not in self.names or name in expressions.BUILTIN_FUNCTIONS or name in DEADLINE_FUNCTIONS:
                continue  # an unknown name is check_names's
            setters = self._setters(process, name) if process is not None else []
            where = self._where(node)
            if not setters:  # in a form, but of an element that takes none (not a user task): no typo
                self.add(node, "name_never_set", what=what, name=name, where=where)
                continue
            self.add(node, "name_not_yet", what=what, name=name, where=where,
                     guarded=MESSAGES["not_yet_guarded"].format(name=name) if guarded(source, mode, name) else "",
                     setters=", ".join(setters) or MESSAGES["nothing"],
                     before=MESSAGES["before_steps"].format(steps=", ".join(before[:8]) + (", …" if len(before) > 8 else ""))
                     if before else MESSAGES["before_none"],
                     guess=guess(name, available - {name}))

    def left_blank(self, name: str) -> tuple[list[str], dict[str, tuple[set, list]]]:
        """The forms where `name` may be left blank, when only forms put it into the data and
        none always requires it (ANALYST.md QT-61): a blank field is not kept, so reading it stops
        the dossier; and the choices whose answers make some of those forms require it: choice ->
        (the answers requiring it, every answer), empty when none does. Nothing when some form
        always fills it, or a script, a message or the system may."""
        # self.fields leaves out what a script sets or the system gives.
        found = self.fields.get(name) or []
        if not found or any(name in names for names in MESSAGE_DATA.values()):
            return [], {}
        forms, deciding = [], {}
        for relative in dict.fromkeys(f.form for f in found):
            document = self._form_document(relative) or {}
            schema = (document.get("properties") or {}).get(name)
            if not isinstance(schema, dict):
                return [], {}  # in a group or a list: not read by this name
            required = document.get("required") if isinstance(document.get("required"), list) else []
            if name in required or schema.get("type") == "boolean":  # an unticked box is false
                return [], {}
            if name in sometimes_required(document):
                for choice in deciding_fields(document, name):
                    requiring, answers = deciding.setdefault(choice, (set(), []))
                    requiring.update(required_for(document, name, choice) or [])
                    answers += [v for v in choice_values((document.get("properties") or {}).get(choice)) or []
                                if v not in answers]
            forms.append(relative)
        return forms, deciding

    def decided_before(self, node, read: frozenset, deciding: dict[str, tuple[set, list]]) -> bool:
        """Whether the way to `node` lets through only dossiers whose answers require the field:
        a condition on a flow of that way (`loai == "dac_biet"`) passes requiring answers only. The
        expression weighing the choice itself, or a condition too rich to read, is not judged
        (True), nor is a way back that cannot be followed."""
        if read & deciding.keys():
            return True
        before = self.elements_before(node)
        if before is None:
            return True
        # The way: what completes before `node`, `node` itself and the sub-processes around it.
        ids = {e.get("id") for e in before} | {node.get("id")} | {a.get("id") for a in node.iterancestors()}
        for flow in node.getroottree().iter(f"{{{BPMN_NS}}}sequenceFlow"):
            condition = flow.find("bpmn:conditionExpression", NS)
            if condition is None or flow.get("sourceRef") not in ids or flow.get("targetRef") not in ids:
                continue
            text = condition.text or ""
            if not expressions.names(text, "eval", DEADLINE_FUNCTIONS)[0] & deciding.keys():
                continue
            requirements, plain = settled_by(text)
            if not plain or any(_passes_only(req, *deciding[req[0]]) for req in requirements if req[0] in deciding):
                return True
        return False

    def check_comparisons(self, node, what: str, source: str, mode: str) -> None:
        """A field compared with a written value of a type it never holds (ANALYST.md QT-52):
        `so_ban > "1"`, so_ban an integer in every form having it. By <, >, <=, >= the dossier stops
        («Không so sánh được số nguyên với chuỗi»); by == or != the test always gives the same
        answer (a field with an enum is check_literals's then). Like QT-37, only when every form
        of the procedure is known."""
        if self.names is None:
            return
        for name, op, value, text, test, on_left in _comparisons(source, mode):
            declared = [f for f in self.fields.get(name, ()) if f.declared]
            types = [f.schema.get("type") for f in declared]
            types = list(dict.fromkeys(t for found in types for t in (found if isinstance(found, list) else [found])))
            if not declared or not all(t in SCHEMA_KINDS for t in types):
                continue  # not a form's field, or one whose type is not said
            if not isinstance(op, ORDERING) and self.field_values(name) is not None:
                continue  # check_literals says it, with the field's values
            if _compatible(op, {SCHEMA_KINDS[t] for t in types}, value):
                continue
            if isinstance(op, ORDERING):
                sides = [RUN_TIME_TYPES[types[0]], RUN_TIME_TYPES[_value_type(value)]]
                left, right = sides if on_left else sides[::-1]
                effect = MESSAGES["compare_type_order"].format(
                    error=expressions.MESSAGES["compare_type"].format(left=left, right=right))
            else:
                effect = MESSAGES["compare_type_eq" if isinstance(op, ast.Eq) else "compare_type_ne"]
            self.add(node, "compare_type", what=what, name=name, value=text, test=test,
                     field_type=MESSAGES["or"].join(dict.fromkeys(MESSAGES[f"type_{t}"] for t in types)),
                     value_type=RUN_TIME_TYPES[_value_type(value)], effect=effect,
                     forms=", ".join(sorted({f.form for f in declared})),
                     fix=_comparison_fix(name, op, value, text, test, types))

    def check_process(self, process) -> None:
        self.names = self.names_of(process)
        self.fields = self.fields_of(process)
        self.start_names = self.start_names_of(process) if self.names is not None else None
        self.lane_of = lane_of = {}
        twice: dict[str, list] = {}  # a step listed by more than one lane -> those lanes
        for lane in process.iterfind(".//bpmn:lane", NS):
            if lane.find("bpmn:childLaneSet", NS) is not None:
                continue
            if fold(lane.get("name") or "") in CITIZEN_LANES:
                self.add(lane, "citizen_lane", lane=_one_line(lane.get("name")))
            elif role_for_lane(lane.get("name")) is None:
                self.add(lane, "unknown_lane" if (lane.get("name") or "").strip() else "lane_unnamed",
                         lane=_one_line(lane.get("name")), labels=", ".join(lane_labels()), codes=", ".join(LANE_ROLES),
                         guess=guess(_one_line(lane.get("name")), lane_labels()) if lane.get("name") else "")
            for ref in lane.iterfind("bpmn:flowNodeRef", NS):
                node_id = (ref.text or "").strip()
                if lane_of.get(node_id, lane) is not lane:
                    twice.setdefault(node_id, [lane_of[node_id]]).append(lane)
                lane_of[node_id] = lane
        self.check_lanes_once(process, twice)
        for node in process.iter():
            kind = bpmn_kind(node)
            if kind in HUMAN_TASKS and node.get("id") not in lane_of:
                self.add(node, "task_without_lane", kind=_kind(node), labels=", ".join(lane_labels()))
            if kind == "userTask" and not {"formJsonSchemaFilename", "formUiSchemaFilename"} & set(properties_of(node)):
                self.add(node, "task_no_form")
            if node.get("id"):
                self.check_properties(node)
            if kind == "timerEventDefinition" and not _process_start(node.getparent()):  # check_process_start
                self.check_timer(node.getparent(), node)
            elif kind in ("exclusiveGateway", "inclusiveGateway"):
                self.check_gateway(node)
            elif kind == "parallelGateway":
                self.check_parallel_writes(node)
            elif kind == "sequenceFlow":
                self.check_condition(node)
            elif kind == "scriptTask":
                self.check_script(node)
            if _namespace(node.tag) == SPIFF_NS and local(node.tag) in ("preScript", "postScript"):
                self.check_step_script(node)
        self.check_fee_announced(process)
        self.check_result_names(process)
        self.check_errors(process)

    def check_lanes_once(self, process, twice: dict[str, list]) -> None:
        """A step each lane lists (QT-01): which role works it would be the last lane's, unsaid."""
        for node in process.iter():
            lanes = twice.get(node.get("id") or "")
            if lanes and bpmn_kind(node) != "lane":
                self.add(node, "node_in_two_lanes", id=node.get("id"), first=_one_line(lanes[0].get("name")),
                         second=_one_line(lanes[1].get("name")))

    def check_errors(self, process) -> None:
        """Error end events and the boundary events that catch them (ANALYST.md QT-59): matched by
        the error's code, a boundary event without one catching all. An error no boundary event of
        a sub-process around it catches is dropped, and the dossier leaves the sub-process by its
        normal way out (a stop would reach the result); a boundary event whose code nothing inside
        throws never runs."""
        errors = {e.get("id"): e for e in process.getroottree().getroot().iterfind("bpmn:error", NS)}

        def code(definition):
            error = errors.get(definition.get("errorRef") or "")
            return error.get("errorCode") if error is not None else None

        def named(codes) -> str:
            shown = [f"«{c}»" if c is not None else MESSAGES["error_no_code"] for c in codes]
            return ", ".join(dict.fromkeys(shown)) or MESSAGES["nothing"]

        for definition in process.iter(f"{{{BPMN_NS}}}errorEventDefinition"):
            ref = definition.get("errorRef")
            if ref and ref not in errors:  # SpiffWorkflow's parser fails on it without naming it
                self.add(definition.getparent(), "error_ref_missing", ref=ref,
                         known=", ".join(f"«{i}»" for i in errors) or MESSAGES["nothing"])
        catchers = defaultdict(list)  # sub-process id: the error codes its boundary events catch
        for boundary in process.iter(f"{{{BPMN_NS}}}boundaryEvent"):
            for definition in boundary.iterfind("bpmn:errorEventDefinition", NS):
                catchers[boundary.get("attachedToRef")].append((boundary, code(definition)))
        throwers = [(end, d.get("errorRef"), code(d)) for end in process.iter(f"{{{BPMN_NS}}}endEvent")
                    for d in end.iterfind("bpmn:errorEventDefinition", NS)]
        for end, ref, thrown in throwers:
            # An event sub-process carries no boundary event: its error goes to the scope around it.
            around = [a for a in end.iterancestors() if bpmn_kind(a) in SUB_PROCESSES
                      and a.get("triggeredByEvent") != "true"]
            if not around or ref and ref not in errors:
                continue  # outside any sub-process, or an error said missing above
            if any(caught is None or caught == thrown for a in around for _, caught in catchers[a.get("id")]):
                continue
            self.add(end, "error_not_caught" if ref else "error_unset",
                     code=thrown if thrown is not None else MESSAGES["error_no_code"],
                     sub=self.label(around[0]), caught=named(c for _, c in catchers[around[0].get("id")]))
        for sub_id, caught in catchers.items():
            sub = self.by_id.get(sub_id)
            if sub is None or bpmn_kind(sub) not in SUB_PROCESSES:
                continue  # attached to nothing (said elsewhere) or to a task, which throws no error
            inside = [thrown for end, _, thrown in throwers if sub in end.iterancestors()]
            if any(ref and ref not in errors for end, ref, _ in throwers if sub in end.iterancestors()):
                continue  # what the dangling one throws is not known: said above
            for boundary, wanted in caught:
                if wanted is not None and wanted not in inside:
                    self.add(boundary, "error_never_thrown", code=wanted, sub=self.label(sub), thrown=named(inside))

    def check_result_names(self, process) -> None:
        """A catalogue entry's result template reads names the dossier has: a misspelt one would
        print nothing on the signed result (ANALYST.md QT-22)."""
        if self.names is None:
            return
        known = [*self.names, *RESULT_NAMES]
        for entry in (self.citizen_forms or {}).get(process.get("id")) or ():
            for name in entry.placeholders:
                if name not in known:  # the entry's mistake, reported with the catalogue's
                    self.entry_problems.append(MESSAGES["result_unknown_name"].format(
                        entry=entry.entry, process=process.get("id"), name=name, guess=guess(name, known)))

    def check_fee_announced(self, process) -> None:
        """The portal tells citizens the fee from the catalogue entry; the diagram is what asks
        for it. A fee on one side only is a warning, not an error: a fee collected outside the
        system (by the tax office, say) is listed but never waited for."""
        entries = (self.citizen_forms or {}).get(process.get("id"))
        if not entries:
            return
        catches = [n for n in process.iter() if bpmn_kind(n) in MESSAGE_CATCHERS]
        if any(self.message_unsettled(n) for n in catches):
            return  # a misspelt name may be the fee's wait: the name is what to fix (check_references)
        waits = [n for n in catches if self.waits_for_payment(n)]
        charging = [e.entry for e in entries if e.charges]
        if charging and not waits:
            self.warn(process, "fee_never_asked", entries=", ".join(charging))
        elif waits and not charging:
            self.warn(waits[0], "fee_not_listed", entries=", ".join(e.entry for e in entries))

    def check_container(self, container) -> None:
        """The shape of a process or sub-process: flows that join real elements, one start,
        every step reachable and leading somewhere."""
        kind = local(container.tag)
        nodes = {n.get("id"): n for n in container if bpmn_kind(n) in FLOW_NODES and n.get("id")}
        incoming, outgoing = defaultdict(list), defaultdict(list)
        for flow in container.iterfind("bpmn:sequenceFlow", NS):
            source, target = flow.get("sourceRef"), flow.get("targetRef")
            for ref, key, ends in ((source, "flow_source_missing", outgoing), (target, "flow_target_missing", incoming)):
                if ref is None:
                    continue  # the schema check reports the missing attribute
                if ref in nodes:
                    ends[ref].append(flow)
                else:
                    self.add(flow, "flow_crosses" if ref in self.by_id else key, flow=self.flow_label(flow), ref=ref)
        for node in nodes.values():
            if local(node.tag) in SUB_PROCESSES:
                self.check_container(node)
        if kind == "adHocSubProcess":
            return  # its steps run in any order, without flows
        starts = [n for n in nodes.values() if local(n.tag) == "startEvent"]
        if not starts:
            self.add(container, "no_start", kind=_kind(container))
        for start in starts[1:]:
            self.add(start, "many_starts", kind=_kind(container), where=self.label(container),
                     first=self.label(starts[0]))
        if kind == "process":
            for start in starts:
                self.check_process_start(start)
        if kind != "process" and not any(local(n.tag) == "endEvent" for n in nodes.values()):
            self.add(container, "no_end", kind=_kind(container))
        for node_id, node in nodes.items():
            self.check_connections(node, incoming[node_id], outgoing[node_id], nodes)
        self.check_reached(nodes, incoming, outgoing)
        if len(starts) == 1 and not self.has_problem(container, *nodes.values()):
            self.check_flow_play(container, nodes, incoming, outgoing, starts[0])

    def check_reached(self, nodes: dict, incoming: dict, outgoing: dict) -> None:
        """Steps drawn with flows into them that no path from a start leads to: a loop nothing
        enters, A → B → A (ANALYST.md QT-31). The engine enters a container by its start events
        (an event sub-process's by a message, a timer or an error), a boundary event by its step,
        a link catch event by its throw, a compensation handler by compensation: those are
        where paths begin, and so is a step said to have no flow in, so that what follows it is
        not said again."""
        after = defaultdict(list)
        for node_id, flows in outgoing.items():
            after[node_id] += [f.get("targetRef") for f in flows]
        for node_id, node in nodes.items():
            if local(node.tag) == "boundaryEvent":
                after[node.get("attachedToRef")].append(node_id)
        entries = [node_id for node_id, node in nodes.items()
                   if local(node.tag) == "startEvent" or not incoming[node_id] and local(node.tag) != "boundaryEvent"
                   or node.get("triggeredByEvent") == "true" or node.get("isForCompensation") == "true"
                   or any(bpmn_kind(d) == "linkEventDefinition" for d in node)
                   or local(node.tag) == "boundaryEvent" and node.get("attachedToRef") not in nodes
                   or any(f.get("sourceRef") not in nodes for f in incoming[node_id])]  # said above
        found = reached(entries, after)
        for node_id, node in nodes.items():
            if node_id not in found:
                self.add(node, "never_reached", kind=_kind(node), flows=self.flow_list(incoming[node_id]))

    def check_flow_play(self, container, nodes: dict, incoming: dict, outgoing: dict, start) -> None:
        """A parallel join some of whose branches may never come, a step two parallel branches
        reach without a join (ANALYST.md QT-60), played out by engine/diagram_flow.py."""
        played = []
        for node_id, node in nodes.items():
            kind = local(node.tag)
            definitions = {bpmn_kind(d) for d in node if bpmn_kind(d).endswith("EventDefinition")}
            conditional = any(f.find("bpmn:conditionExpression", NS) is not None for f in outgoing[node_id])
            if kind in ("inclusiveGateway", "complexGateway") or "linkEventDefinition" in definitions \
                    or conditional and kind not in GATEWAYS:
                return  # what the game does not model: not judged
            if kind == "boundaryEvent" or node.get("triggeredByEvent") == "true":
                continue
            conditions = {f.get("id"): settled_by(f.find("bpmn:conditionExpression", NS).text or "")
                          for f in outgoing[node_id] if f.find("bpmn:conditionExpression", NS) is not None}
            # A compensation boundary event leads to its handler by an association, not a flow.
            ways = [(b.get("cancelActivity", "true") != "false",
                     tuple(f.get("id") for f in outgoing[b.get("id")]))
                    for b in nodes.values() if local(b.tag) == "boundaryEvent" and b.get("attachedToRef") == node_id
                    and outgoing[b.get("id")]]
            played.append(Node(
                node_id, kind, tuple(f.get("id") for f in incoming[node_id]), tuple(f.get("id") for f in outgoing[node_id]),
                interrupting=tuple(out for cancels, out in ways if cancels),
                beside=tuple(out for cancels, out in ways if not cancels),
                # An error end leaves the sub-process by its boundary event, every branch with it (QT-59).
                terminates=kind == "endEvent" and bool({"terminateEventDefinition", "errorEventDefinition"} & definitions),
                # What runs inside a sub-process or a called process may write anything.
                writes=None if kind in (*SUB_PROCESSES, "callActivity") else
                self.data_set_by(node) if kind not in GATEWAYS else frozenset(),
                settles={f: pairs for f, (pairs, _) in conditions.items()},
                exact=frozenset(f for f, (_, exact) in conditions.items() if exact), default=node.get("default")))
        asked = {r[0] for n in played for requirements in n.settles.values() for r in requirements}
        # A choice made on a step's form: the values that form offers (a gateway's default flow is
        # not taken when its conditions cover them all).
        choices = {name: values for name in asked if (values := (self.field_values(name, sure=False) or ((), ()))[0])}
        found = play(played, start.get("id"), choices)
        if found is None:  # too many ways to play out: said, so that a pass is not read as a proof
            self.warn(container, "flow_play_too_big", kind=_kind(container))
            return
        for node_id in sorted(found.stuck_joins):
            ins = incoming[node_id]
            self.add(nodes[node_id], "join_never_complete", count=len(ins), flows=self.flow_list(ins))
        for node_id in sorted(found.opened_twice):
            if local(nodes[node_id].tag) == "parallelGateway" and len(incoming[node_id]) > 1:  # a branch come round
                self.add(nodes[node_id], "opened_twice_join")
            else:
                self.add(nodes[node_id], "opened_twice", kind=_kind(nodes[node_id]))

    def check_process_start(self, start) -> None:
        """The citizen submits a dossier through the process's plain start event (ANALYST.md
        QT-31): a start event of another kind (a message, a timer...) would have every new dossier
        wait for what never comes, with no step open."""
        definitions = [d for d in start if bpmn_kind(d).endswith("EventDefinition") or bpmn_kind(d) == "eventDefinitionRef"]
        if definitions:
            kinds = [MESSAGES.get(f"start_kind_{bpmn_kind(d)}", MESSAGES["start_kind_other"].format(
                kind=bpmn_kind(d).removesuffix("EventDefinition"))) for d in definitions]
            self.add(start, "start_definition", kinds=MESSAGES["and"].join(dict.fromkeys(kinds)),
                     elements=", ".join(dict.fromkeys(_short(d.tag) for d in definitions)))

    def ends_dossier(self, end) -> bool:
        """Whether reaching an end event of the process can end the dossier: some way back to it
        goes to the start event or an interrupting boundary event, not only to a non-interrupting
        one (its branch ends while the step it watches goes on, like a late-marking timer's)."""
        # A boundary event's cancelActivity other than true or false is the schema check's to name.
        return _terminates(end) or self.reaches_back(end, lambda node, kind: kind == "startEvent"
                                                     or kind == "boundaryEvent" and node.get("cancelActivity", "true") == "true")

    def reaches_back(self, end, found) -> bool:
        """Whether some way back from `end` meets a node `found(node, kind)` accepts, walking
        back through anything but boundary events (where a branch begins)."""
        sources = self.sources
        seen, queue = set(), [end.get("id")]
        while queue:
            current = queue.pop()
            node = self.by_id.get(current)
            if current in seen or node is None:
                continue
            seen.add(current)
            kind = bpmn_kind(node)
            if found(node, kind):
                return True
            if kind != "boundaryEvent":
                queue.extend(sources[current])
        return False

    def may_complete_scope(self, end) -> bool:
        """Whether reaching `end` can be what completes its sub-process: not when every way back
        meets a non-interrupting boundary event with nothing that waits on the way (a late-marking
        timer's branch ends at once, while the step it watches, still open, completes the scope);
        a terminate end completes it whatever else is open."""
        return _terminates(end) or self.reaches_back(end, lambda node, kind: kind in ("startEvent", "receiveTask")
                                 or kind in HUMAN_TASKS or _waits(node)
                                 or kind == "boundaryEvent" and node.get("cancelActivity", "true") != "false")

    def check_end_statuses(self, process) -> None:
        """An end event of the process sets a status a dossier ends in (ANALYST.md QT-46): without
        one, the dossier finishes showing the status it had (1, 4...), as if still under way."""
        for end in process.iterfind("bpmn:endEvent", NS):
            value = properties_of(end).get("status")
            number = status_number(value)
            if value is not None and (number is None or not 1 <= number <= 10):
                continue  # check_properties says what is wrong with it
            if number in TERMINAL or not self.ends_dossier(end):
                continue
            finals = ", ".join(f"{s} ({STATUS_LABELS[s]})" for s in TERMINAL)
            if number is None:
                self.add(end, "end_no_status", finals=finals)
            else:
                self.add(end, "end_status_not_final", value=number, label=STATUS_LABELS[number], finals=finals,
                         hint=MESSAGES["end_status_9"] if number == 9 else "")

    def check_status_places(self, process) -> None:
        """Where each status may stand (ANALYST.md QT-53): a final one on an end event; 5 and 6 on
        the wait for the supplement or the fee; 9 only right after the leader's step, since
        reaching it signs and issues the result in the name of whoever completed that step."""
        for node in process.iter():
            number = status_number(properties_of(node).get("status")) if isinstance(node.tag, str) else None
            if number is None or not node.get("id") or bpmn_kind(node) not in STATUS_PLACES:
                continue  # elsewhere it is misplaced (check_properties)
            label, kind = STATUS_LABELS.get(number, ""), local(node.tag)
            if number in TERMINAL and kind != "endEvent":
                self.add(node, "status_final_misplaced", value=number, label=label, kind=_kind(node))
            elif number in WAIT_STATUSES and not self.waits_for(node, WAIT_STATUSES[number]) \
                    and not self.message_unsettled(node):
                self.add(node, "status_wait_misplaced", value=number, label=label, kind=_kind(node),
                         message=WAIT_STATUSES[number])
            elif number == PROCESSED:
                self.check_approved_before(node)
            elif number == RECEIVED and any(bpmn_kind(wait) == "startEvent" for wait in self.arrivals(node)[1]):
                # A status on a step shows when it opens: on the reception step itself the code
                # and "Được tiếp nhận" would come at submission, with the citizen as actor (QT-21).
                self.add(node, "status_2_before_reception", kind=_kind(node), after=MESSAGES["status_2_after"].format(
                    step=self.label(node)) if bpmn_kind(node) in HUMAN_TASKS else "")
            elif number == RECEIVED:
                self.check_received_decided(node)
            elif number == REFUSED and kind == "endEvent":
                timers = [wait for wait in self.arrivals(node)[1] if _timed(wait)]
                if timers:
                    self.add(node, "refusal_by_timer", waits=self.wait_list(timers))

    def check_received_decided(self, node) -> None:
        """Status 2 issues the code and counts the due date once, at the first arrival (QT-21):
        before the desk's decision is taken (on its gateway, on the way to the supplement wait)
        a dossier refused or still incomplete gets them too."""
        onward = self.onward(node)
        attached = self.by_id.get(node.get("attachedToRef") or "")
        if bpmn_kind(node) == "boundaryEvent" and node.get("cancelActivity") == "false" and attached is not None:
            onward |= {attached.get("id")} | self.onward(attached)  # the step it watches stays open
        refusals = [self.by_id[i] for i in onward if bpmn_kind(self.by_id[i]) == "endEvent"
                    and status_number(properties_of(self.by_id[i]).get("status")) == REFUSED]
        if refusals:
            self.add(node, "status_2_before_refusal", kind=_kind(node).lower(), ends=self.named(refusals))
        elif node.get("id") in onward:
            around = [self.by_id[i] for i in onward if node.get("id") in self.onward(self.by_id[i])]
            back = [n for n in around if bpmn_kind(n) in HUMAN_TASKS or _waits(n) or bpmn_kind(n) == "receiveTask"]
            self.add(node, "status_2_in_loop", kind=_kind(node).lower(),
                     way=self.named(back) or MESSAGES["nothing"])

    def onward(self, node) -> set[str]:
        """The ids of the elements a dossier at `node` can go on to (diagram_graph)."""
        if self._after is None:
            self._after = onward_map(node.getroottree().getroot())
        return {i for i in onward(self._after, [node.get("id")]) if i in self.by_id}

    def check_approved_before(self, node) -> None:
        """Status 9 signs the result in the name of whoever completed the step that brought the
        dossier there (QT-22), in that same transition: so on every way in, the last thing done
        is the leader's step, with nothing that waits (a message, a timer) in between."""
        steps, waits = self.arrivals(node)
        others = [(step, self.lane_of[step.get("id")]) for step in steps if step.get("id") in self.lane_of
                  and role_for_lane(self.lane_of[step.get("id")].get("name")) not in (None, "leader")]
        if others:
            self.add(node, "status_9_before_approval", steps=MESSAGES["and"].join(
                f"«{self.label(step)}» ({step.get('id')}, làn «{_one_line(lane.get('name'))}»)"
                for step, lane in others))
        elif waits:  # said once the officers' steps are right, not piled on that first fix
            self.add(node, "status_9_after_wait", waits=self.wait_list(waits))

    def wait_list(self, waits) -> str:
        def described(wait) -> str:
            how = MESSAGES["arrival_kinds"][_arrival_kind(wait)].format(messages=", ".join(self.message_names(wait)))
            return f"«{self.label(wait)}» ({wait.get('id')}, {how})"
        return MESSAGES["and"].join(described(wait) for wait in waits)

    def arrivals(self, node) -> tuple[list, list]:
        """What can bring the dossier to `node`: the human steps whose completion can, and the
        elements that can with no officer's act (a wait resumed by a message or a timer, a
        boundary event, the start of the process). Back across gateways, automatic tasks and
        throw events, into a sub-process through its ends that complete it (an error end leaves
        by a boundary event instead), never past an element already at 9 (the result is issued once)."""
        sources = self.sources
        steps, waits, seen, queue = [], [], set(), list(sources[node.get("id")])
        while queue:
            current = self.by_id.get(queue.pop())
            if current is None or current.get("id") in seen:
                continue
            seen.add(current.get("id"))
            kind = bpmn_kind(current)
            if status_number(properties_of(current).get("status")) == PROCESSED:
                continue  # the dossier is at 9 there already: the result was issued before
            inside = bpmn_kind(current.getparent()) in SUB_PROCESSES
            if kind in HUMAN_TASKS:
                steps.append(current)
            elif kind == "startEvent" and inside:
                queue.extend(sources[current.getparent().get("id")])  # entered from before the sub-process
            elif kind in SUB_PROCESSES:
                queue.extend(end.get("id") for end in current.iterfind("bpmn:endEvent", NS)
                             if not any(bpmn_kind(d) == "errorEventDefinition" for d in end)
                             and self.may_complete_scope(end))
            elif kind in ("startEvent", "boundaryEvent"):
                waits.append(current)
            elif kind == "receiveTask" or _waits(current):
                waits.append(current)  # and on: a step before it is named too, the first thing to fix
                queue.extend(sources[current.get("id")])
            else:
                queue.extend(sources[current.get("id")])
        return steps, waits

    def check_drawing(self, root, processes) -> None:
        """The diagram interchange (bpmndi), which the officer's dossier page draws: every step
        and flow needs its shape or edge there, and every shape an element to stand for."""
        drawn = {}
        for shape in root.iter(f"{{{BPMNDI_NS}}}BPMNShape", f"{{{BPMNDI_NS}}}BPMNEdge", f"{{{BPMNDI_NS}}}BPMNPlane"):
            ref = shape.get("bpmnElement")
            if ref and ref not in self.by_id:
                self.warn(shape, "di_dangling", ref=ref)
            drawn.setdefault(ref, shape)
        if root.find(f"{{{BPMNDI_NS}}}BPMNDiagram") is None:
            for process in processes:
                self.warn(process, "di_none")
            return
        calls = defaultdict(list)
        for call in root.iter(f"{{{BPMN_NS}}}callActivity"):
            calls[call.get("calledElement")].append(call)
        for process in processes:
            if calls[process.get("id")] and not any(_shows_inside(c, drawn) for c in calls[process.get("id")]):
                continue  # drawn as the collapsed step that calls it
            for node in _undrawn(process, drawn):
                if local(node.tag) == "sequenceFlow":
                    self.warn(node, "di_edge_missing", flow=self.flow_label(node))
                else:
                    self.warn(node, "di_shape_missing", kind=_kind(node))

    def check_statuses(self, process) -> None:
        """Statuses 2 and 9 have legal effects (ANALYST.md QT-21, QT-22): the dossier code and
        due date, the signed result. A process that never reaches one of them cannot serve."""
        reached = {status_number(properties_of(node).get("status")) for node in process.iter()
                   if isinstance(node.tag, str) and node.get("id") and bpmn_kind(node) in STATUS_PLACES}
        if any(self.has_problem(node) for node in process.iter() if isinstance(node.tag, str)
               and node.get("id") and "status" in properties_of(node) and status_number(properties_of(node)["status"]) is None):
            return  # a status written wrong is said where it is, not as one missing
        for status in (RECEIVED, PROCESSED):
            if status not in reached:
                self.add(process, f"no_status_{status}")

    def check_connections(self, node, ins: list, outs: list, siblings: dict) -> None:
        kind = local(node.tag)
        definitions = {bpmn_kind(d) for d in node if bpmn_kind(d).endswith("EventDefinition")}
        # Event sub-processes and compensation handlers stand apart from the flow; link events
        # jump without one; a boundary event starts from the edge of its task.
        apart = node.get("triggeredByEvent") == "true" or node.get("isForCompensation") == "true"
        needs_incoming = not apart and kind not in ("startEvent", "boundaryEvent") \
            and not (kind == "intermediateCatchEvent" and "linkEventDefinition" in definitions)
        needs_outgoing = not apart and kind != "endEvent" \
            and not (kind == "intermediateThrowEvent" and "linkEventDefinition" in definitions) \
            and not (kind == "boundaryEvent" and "compensateEventDefinition" in definitions)
        if kind == "startEvent" and ins:
            self.add(node, "start_incoming", flows=self.flow_list(ins))
        elif kind == "endEvent" and outs:
            self.add(node, "end_outgoing", flows=self.flow_list(outs))
        elif needs_incoming and not ins:  # never reached: whether it leads anywhere is moot
            self.add(node, "no_incoming", kind=_kind(node))
        elif needs_outgoing and not outs:
            self.add(node, "no_outgoing", kind=_kind(node))
        if len(outs) > 1 and kind not in GATEWAYS and kind != "startEvent":
            self.add(node, "many_outgoing", kind=_kind(node), count=len(outs), flows=self.flow_list(outs))
        attached = node.get("attachedToRef")
        if kind == "boundaryEvent" and attached is not None \
                and (attached not in siblings or local(siblings[attached].tag) not in ACTIVITIES):
            elsewhere = self.by_id.get(attached)
            if elsewhere is not None and local(elsewhere.tag) in ACTIVITIES:  # dropped outside its step's sub-process
                self.add(node, "boundary_target_elsewhere", ref=attached, name=self.label(elsewhere),
                         container=self.label(elsewhere.getparent()))
            elif elsewhere is not None:  # an event or a gateway: it has no time to watch
                self.add(node, "boundary_target_not_step", ref=attached, name=self.label(elsewhere),
                         kind=_kind(elsewhere)[:1].lower() + _kind(elsewhere)[1:])
            else:
                self.add(node, "boundary_target_missing", ref=attached)

    def check_references(self, process, process_ids: list[str]) -> None:
        """What a step names elsewhere in the file: messages, called processes; and the element
        types the engine cannot run."""
        messages = {m.get("id"): m for m in process.getroottree().getroot().iterfind("bpmn:message", NS)}
        ids = ", ".join(i for i in process_ids if i)
        for node in process.iter():
            kind = bpmn_kind(node)
            if kind == "complexGateway":
                self.add(node, "unsupported", kind=_kind(node), instead=MESSAGES["instead_gateway"])
            elif kind == "businessRuleTask":
                self.add(node, "business_rule")
            elif kind == "serviceTask" and not self.has_problem(node):  # a Camunda implementation says more
                self.add(node, "service_task")
            elif kind == "sendTask":  # SpiffWorkflow passes it by: a step nobody works
                self.add(node, "send_task")
            elif kind == "messageEventDefinition" and bpmn_kind(node.getparent()) in ("intermediateThrowEvent", "endEvent"):
                self.add(node.getparent(), "message_throw")
            elif kind == "callActivity":
                called = node.get("calledElement")
                if not called:
                    self.add(node, "call_no_target", ids=ids)
                elif called not in process_ids:
                    self.add(node, "call_missing", called=called, ids=ids)
                else:  # the called process's steps would carry no lane, form, deadline or status
                    self.add(node, "call_unsupported", called=called)
            elif kind == "startEvent" and bpmn_kind(node.getparent()) in SUB_PROCESSES \
                    and node.getparent().get("triggeredByEvent") != "true" and _definitions(node):
                self.add(node, "sub_start_waits", sub=self.label(node.getparent()))
            elif kind == "conditionalEventDefinition" and bpmn_kind(node.getparent()) in MESSAGE_CATCHERS \
                    and not _process_start(node.getparent()):  # check_process_start says it there
                self.add(node.getparent(), "conditional_wait")
            elif kind == "signalEventDefinition" and bpmn_kind(node.getparent()) in MESSAGE_CATCHERS \
                    and not _process_start(node.getparent()) and not _signal_thrown(node):
                self.add(node.getparent(), "signal_never_sent")
            owner = node.getparent() if kind == "messageEventDefinition" else node
            if (kind == "messageEventDefinition" or kind == "receiveTask") and bpmn_kind(owner) in MESSAGE_CATCHERS \
                    and not _process_start(owner):  # no message starts a dossier: check_process_start
                ref = node.get("messageRef")
                what = KINDS["receiveTask"] if kind == "receiveTask" else MESSAGES["message_event"]
                if not ref:
                    self.add(owner, "message_no_ref", what=what)
                elif ref not in messages:
                    self.add(owner, "message_ref_missing", ref=ref, what=what)
                elif not (messages[ref].get("name") or "").strip():
                    self.add(owner, "message_no_name", ref=ref)
                elif messages[ref].get("name").strip() not in self.messages:
                    name = messages[ref].get("name").strip()
                    self.add(owner, "message_undeliverable", name=name, guess=guess(name, self.messages),
                             names=MESSAGES["or"].join(self.messages))
                elif messages[ref].get("name") != messages[ref].get("name").strip():
                    # Delivery compares names exactly: "bo_sung " never receives "bo_sung".
                    self.add(owner, "message_spaces", ref=ref, name=messages[ref].get("name"),
                             fixed=messages[ref].get("name").strip())
                else:
                    if messages[ref].get("name") == WITHDRAWAL_MESSAGE and bpmn_kind(owner) == "boundaryEvent" \
                            and owner.get("cancelActivity") == "false" and not any(
                                _terminates(self.by_id[i]) for i in self.onward(owner)):  # the step would go on
                        self.add(owner, "withdrawal_not_interrupting")
                    if messages[ref].get("name") == PAYMENT_MESSAGE:
                        self.check_payment_wait(owner)
                    if messages[ref].get("name") in CITIZEN_WAITS:
                        self.check_withdrawable(owner, messages[ref].get("name"))
                if bpmn_kind(owner) == "startEvent" and owner.getparent().get("triggeredByEvent") == "true":
                    # The engine never lists it as awaited (SpiffWorkflow 3.2), so nobody can send
                    # it, and at the process level the dossier never ends (tried with the scenarios).
                    held = bpmn_kind(owner.getparent().getparent()) == "process"
                    self.add(owner, "event_subprocess_message", sub=self.label(owner.getparent()),
                             held=MESSAGES["event_subprocess_held"] if held else "")

    def check_payment_wait(self, node) -> None:
        """A wait for the fee (ANALYST.md QT-40) says how much and shows status 6, so the citizen
        sees what to pay and the agency's clock stops."""
        props = properties_of(node)
        if local(node.tag) == "boundaryEvent":
            self.add(node, "payment_boundary")
        elif "amount" not in props:  # a blank one is no expression: check_amount says so
            self.add(node, "payment_no_amount")
        if status_number(props.get("status")) != PAYMENT_REQUESTED:
            self.add(node, "payment_status", value=props.get("status") or MESSAGES["nothing"])

    def check_withdrawable(self, node, message: str) -> None:
        """While the dossier waits on the citizen (a supplement, a fee), the citizen may give up
        instead (ANALYST.md QT-16, QT-40): some wait for `rut_ho_so` must stand beside this one, after
        the same event-based gateway, or on a subprocess around it as a boundary event."""
        if local(node.tag) == "boundaryEvent":
            return  # a wait beside a step: the step's own paths say what else may happen
        beside = [target for source in self.sources.get(node.get("id"), [])
                  if bpmn_kind(self.by_id.get(source)) == "eventBasedGateway"
                  for target in self._targets(source)]
        holders = [node, *(h for h in node.iterancestors() if local(h.tag) == "subProcess")]  # a receive task's own
        around = [boundary for holder in holders
                  for boundary in self._elements("boundaryEvent", attachedToRef=holder.get("id"))]
        if not any(WITHDRAWAL_MESSAGE in self.awaited(n) for n in [*beside, *around]):
            self.warn(node, "wait_not_withdrawable", waits=MESSAGES["citizen_waits"][message])

    def _targets(self, source_id: str) -> list:
        return [self.by_id[f.get("targetRef")] for f in self._elements("sequenceFlow", sourceRef=source_id)
                if f.get("targetRef") in self.by_id]

    # -- properties ---------------------------------------------------------------------------

    def check_properties(self, node) -> None:
        seen, misplaced = {}, set()
        for prop in _property_nodes(node):
            name, value = prop.get("name"), prop.get("value")
            if not name or value is None:
                self.add(node, "property_incomplete")
                continue
            if name in seen:
                if seen[name] != value:
                    self.add(node, "property_twice", prop=name, first=seen[name], second=value)
                continue
            seen[name] = value
            if name not in KNOWN_PROPERTIES:
                self.add(node, "unknown_property", prop=name, guess=guess(name, KNOWN_PROPERTIES))
            elif self.misplaced(node, name):
                misplaced.add(name)  # said once: the form files are not read together either
                continue
            elif name == "status":
                number = status_number(value)
                # Full-width digits (a Vietnamese keyboard's mode) are read as no number at all.
                wide = status_number(unicodedata.normalize("NFKC", value or "")) if number is None else None
                if wide is not None:
                    self.add(node, "status_spelling", fixed=wide, value=value)
                elif number is None or not 1 <= number <= 10:
                    self.add(node, "status", value=value)
                elif value != str(number):  # read as the number elsewhere, compared as written by others
                    self.add(node, "status_spelling", fixed=number,
                             value=value if value == value.strip() else f"«{value}»")
            elif name in ("formJsonSchemaFilename", "formUiSchemaFilename"):
                self.check_form(node, value, schema=name == "formJsonSchemaFilename")
            elif name == "timeLimit":
                self.check_deadline(node, name, value)
            elif name == "agency":
                self.check_agency(node, value)
            elif name == "marksLate" and value not in ("true", "false"):
                self.add(node, "marks_late", value=value)
            elif name == "amount":
                self.check_amount(node, value)
        if "agency" not in seen and bpmn_kind(node) in HUMAN_TASKS:
            self.check_entry_officers(node)
        elif "agency" in seen and "timeLimit" not in seen and bpmn_kind(node) in HUMAN_TASKS:
            # A consultation has its own deadline (liên thông); without one the step's due is the
            # dossier's, and the consulted agency's lateness shows nowhere. The step still runs.
            self.warn(node, "agency_no_time_limit", value=seen["agency"])
        if "formUiSchemaFilename" in misplaced:
            pass
        elif "formUiSchemaFilename" in seen and "formJsonSchemaFilename" not in seen:
            self.add(node, "ui_without_form")
        elif "formUiSchemaFilename" in seen:
            advice: list[str] = []
            for message in pair_problems(self.forms_dir, seen["formJsonSchemaFilename"], seen["formUiSchemaFilename"],
                                         advice):
                self.add_text(node, message)
            for message in advice:
                self.add_text(node, MESSAGES["warning"].format(message=message), self.warnings)

    def misplaced(self, node, name: str) -> bool:
        """A property the engine reads only on another kind of element: a step's form, deadline
        and agency on a step officers work (QT-02), marksLate on a timer; said, and nothing more
        checked of it (ANALYST.md QT-55)."""
        kind = bpmn_kind(node)
        if kind in ("serviceTask", "businessRuleTask", "complexGateway"):
            return False  # the element itself cannot run: that is what its message says (check_references)
        misplaced = (name in HUMAN_PROPERTIES and kind not in HUMAN_TASKS
                     or name == "marksLate" and not any(bpmn_kind(child) == "timerEventDefinition" for child in node)
                     or name == "status" and kind not in STATUS_PLACES)
        if misplaced:  # the two form files share one hint
            hint = MESSAGES["misplaced_hints"][name.replace("formUi", "formJson")]
            self.add(node, "property_misplaced", prop=name, kind=_kind(node), hint=hint)
        return misplaced

    def check_agency(self, node, value: str) -> None:
        """A literal agency code (checked against the loaded agencies when they are known), or
        the name of a data field holding one (ANALYST.md QT-07)."""
        if AGENCY_CODE.match(value):
            if self.known_agencies is not None and value not in self.known_agencies:
                self.add(node, "agency_unknown", value=value, guess=guess(value, self.known_agencies))
            elif self.known_agencies is not None:
                self.check_agency_officers(node, value)
        elif AGENCY_CODE.match(value.strip()):  # read as an expression, and no name is spelt so
            self.add(node, "agency_code_spaces", value=value, fixed=value.strip())
        elif AGENCY_CODE.match(value.strip().upper()):
            self.add(node, "agency_code_case", value=value, fixed=value.strip().upper(),
                     spaces=MESSAGES["agency_and_spaces"] if value != value.strip() else "")
        elif not value.strip() or expressions.check(value, "eval", DEADLINE_FUNCTIONS):
            self.add(node, "agency_invalid", value=value)
        else:
            self.check_names(node, MESSAGES["names_in"].format(prop="agency"), value)
            self.check_available(node, MESSAGES["names_in"].format(prop="agency"), value, "eval")
            self.check_agency_field(node, value.strip())

    def check_agency_field(self, node, name: str) -> None:
        """An agency read from a form field the officer types freely: «công an tỉnh» is no code,
        and the live step falls back to the dossier's own agency (QT-07)."""
        declared = [replace(f, schema=self._resolved(f)) for f in self.fields.get(name, ()) if f.declared]
        if declared and not any(_choices(f.schema) or f.schema.get("pattern") for f in declared):
            self.warn(node, "agency_field_free", name=name, forms=", ".join(sorted({f.form for f in declared})))
        # The codes the field offers are the codes the step goes to: each is checked as one written.
        for field in declared:
            for value in dict.fromkeys(map(str, _choices(field.schema))):
                if not AGENCY_CODE.match(value):
                    self.add(node, "agency_choice_invalid", name=name, form=field.form, value=value,
                             fixed=MESSAGES["agency_choice_fixed"].format(fixed=value.strip().upper())
                             if AGENCY_CODE.match(value.strip().upper()) else "")
                elif self.known_agencies is not None and value not in self.known_agencies:
                    self.add(node, "agency_choice_unknown", name=name, form=field.form, value=value,
                             guess=guess(value, self.known_agencies))

    def _resolved(self, field: Field) -> dict:
        """A field's schema with its local `$ref` followed (`#/$defs/co_quan`), as far as it goes."""
        schema, document = field.schema, None
        for _ in range(8):  # a cycle of references is the form check's to name
            ref = schema.get("$ref")
            if not (isinstance(ref, str) and ref.startswith("#/")):
                break
            document = document or self._form_document(field.form) or {}
            target = document
            for part in ref[2:].split("/"):
                target = target.get(part.replace("~1", "/").replace("~0", "~")) if isinstance(target, dict) else None
            if not isinstance(target, dict):
                break
            schema = target
        return schema

    def check_agency_officers(self, node, code: str, key: str = "agency_no_officer", **values) -> None:
        """A step sent to another agency reaches the inboxes of that agency's officers of its
        lane's role: with none active there, it waits unseen (ANALYST.md QT-07). A warning, not an
        error: the accounts may be opened before the first dossier comes."""
        lane = self.lane_of.get(node.get("id"))
        role = role_for_lane(lane.get("name")) if lane is not None else None
        if self.officers is None or role is None or role in self.officers.get(code, ()):
            return
        roles = [ROLE_LABELS[r] for r in LANE_ROLES if r in self.officers.get(code, ())]
        self.warn(node, key, value=code, role=ROLE_LABELS[role], code=role,
                  lane=_one_line(lane.get("name")),
                  others=MESSAGES["agency_other_roles"].format(roles=", ".join(roles)) if roles
                  else MESSAGES["agency_no_roles"], **values)

    def check_entry_officers(self, node) -> None:
        """A step with no `agency` is worked at the agency of its dossier's procedure (each
        catalogue entry using the process names one): the same warning when nobody there works
        its lane's role, as for a lane no agency of the province staffs (a «Điều phối» lane)."""
        if self.officers is None or self.known_agencies is None:
            return
        process = next(node.iterancestors(f"{{{BPMN_NS}}}process"), None)
        entries = (self.citizen_forms or {}).get(process.get("id") if process is not None else None) or ()
        for entry in entries:
            if entry.agency in self.known_agencies:  # an unknown code is the entry's own error
                self.check_agency_officers(node, entry.agency, "entry_agency_no_officer", entry=entry.entry)

    def check_amount(self, node, value: str) -> None:
        """`amount` belongs on a wait for `thanh_toan` only, and is an expression over the data.
        On a wait for a misspelt message (`thanh_toán`) nothing is said of it: the fix is the
        name, which check_references gives, not deleting the amount."""
        if self.message_unsettled(node):
            return
        if not self.waits_for_payment(node):
            self.add(node, "amount_misplaced")
        elif _decimal_numbers(value):
            fixed = THOUSANDS.sub(lambda m: m.group().replace(".", ""), value.strip())
            self.add(node, "amount_decimal", value=value, numbers=", ".join(_decimal_numbers(value)),
                     fixed=fixed if fixed != value.strip() else MESSAGES["amount_decimal_example"])
        elif not value.strip() or expressions.check(value, "eval") or _not_a_number(value):
            # No calendar functions: they give instants, not sums of money.
            self.add(node, "amount_invalid", value=value)
        else:
            what = MESSAGES["names_in"].format(prop="amount")
            self.check_names(node, what, value)
            self.check_available(node, what, value, "eval")
            for part, error in constant_parts.failures(value, "eval"):
                self.add(node, "constant_fails", what=what, part=part, error=error)
            known, result = constant_parts.constant_value(value)
            if known and whole_dong(result) is None:  # 17001 / 2, 0 - 8000, str(8000): asked of every dossier
                self.add(node, "amount_constant", value=value.strip(),
                         result=json.dumps(result, ensure_ascii=False) if isinstance(result, str) else result)

    def waits_for_payment(self, node) -> bool:
        return self.waits_for(node, PAYMENT_MESSAGE)

    def waits_for(self, node, message: str) -> bool:
        """Whether `node` waits for the message of that name."""
        return message in self.awaited(node)

    def message_unsettled(self, node) -> bool:
        """A wait whose message is missing or misspelt: named on its own, nothing more to say."""
        catches = bpmn_kind(node) == "receiveTask" or bpmn_kind(node) in MESSAGE_CATCHERS and any(
            bpmn_kind(d) == "messageEventDefinition" for d in node)
        awaited = self.awaited(node)
        return catches and (not awaited or not awaited <= set(self.messages))

    def awaited(self, node) -> set[str]:
        """The names of the messages `node` waits for (none when it catches no message)."""
        if bpmn_kind(node) not in MESSAGE_CATCHERS:
            return set()
        root = node.getroottree().getroot()
        names = {m.get("id"): (m.get("name") or "").strip() for m in root.iterfind("bpmn:message", NS)}
        refs = [d.get("messageRef") for d in node if bpmn_kind(d) == "messageEventDefinition"]
        if bpmn_kind(node) == "receiveTask":
            refs.append(node.get("messageRef"))
        return {names[r] for r in refs if r in names}

    def form_files(self) -> list[str]:
        if self._form_files is None:
            self._form_files = sorted(p.relative_to(self.forms_dir).as_posix()
                                      for p in self.forms_dir.rglob("*.json")) if self.forms_dir.is_dir() else []
        return self._form_files

    def check_form(self, node, relative: str, schema: bool) -> None:
        problems = form_problems(self.forms_dir, relative, schema, self.form_files())
        for message in problems:
            self.add_text(node, message)
        if schema and not problems and relative not in self._advised:  # a shared form's warnings once
            self._advised.add(relative)
            for message in form_advice(self.forms_dir, relative):
                self.add_text(node, MESSAGES["warning"].format(message=message), self.warnings)

    # -- expressions --------------------------------------------------------------------------

    def _foreign_syntax(self, node, source: str, deadline: bool) -> bool:
        """Camunda's ${…} expressions and ISO 8601 times, which analysts bring from Camunda."""
        for pattern, key, spelt in ((JUEL, "juel", _juel_like), (FEEL, "feel", _feel_like)):
            found = pattern.match(source)
            if found:
                bare = spelt(found.group(1))
                # A rewrite is offered only if it is one: what our language cannot say is said so.
                errors = expressions.check(bare, "eval", DEADLINE_FUNCTIONS)
                # FEEL's "=" compares; said only where the expression compares with one.
                equals = MESSAGES["feel_equals"] if key == "feel" and "==" in bare else ""
                self.add(node, f"{key}_unsupported" if errors else key, expr=_one_line(source), bare=_one_line(bare),
                         example=MESSAGES["deadline_example" if deadline else "condition_example"], equals=equals)
                return True
        if deadline and ISO_TIME.match(source.strip()):
            self.add(node, "iso_time", expr=source.strip(), suggestion=_iso_suggestion(source))
            return True
        return False

    def check_expression(self, node, prop: str, source: str, deadline: bool = False) -> bool:
        if self._foreign_syntax(node, source, deadline):
            return False
        errors = _checked(source, "eval")
        hint = MESSAGES["deadline_hint"] if deadline else ""
        for detail in errors:
            self.add(node, "expression", prop=prop, detail=detail, hint=hint)
        return not errors

    def late_timer_example(self, node) -> str:
        """A boundary timer that marks lateness to copy: one of this diagram's, else the sample's."""
        for timer in node.getroottree().getroot().iter(f"{{{BPMN_NS}}}boundaryEvent"):
            attached = self.by_id.get(timer.get("attachedToRef"))
            if attached is not None and "marksLate" in properties_of(timer):
                return MESSAGES["timer_example_here"].format(timer=self.label(timer), step=self.label(attached))
        return MESSAGES["timer_example_sample"]

    def check_timer(self, event, definition) -> None:
        holder = event.getparent()
        if local(event.tag) == "startEvent" and holder.get("triggeredByEvent") == "true":
            # SpiffWorkflow keeps what holds the event sub-process open until its timer fires: every
            # dossier would wait there, its result held back, however early its work was done.
            container = holder.getparent()
            self.add(event, "event_subprocess_timer", sub=self.label(holder), container=self.label(container),
                     example=self.late_timer_example(event))
        for kind in ("timeDuration", "timeCycle"):
            found = definition.find(f"bpmn:{kind}", NS)
            if found is not None:
                text = (found.text or "").strip()
                self.add(event, "timer_kind", kind=kind, value=f" «{text}»" if text else "",
                         suggestion=_iso_suggestion(text))
                return
        time_date = definition.find("bpmn:timeDate", NS)
        expr = (time_date.text or "").strip() if time_date is not None else ""
        if not expr:
            self.add(event, "timer_empty")
            return
        self.check_deadline(event, "timeDate", expr)

    def check_deadline(self, node, prop: str, expr: str) -> None:
        """A deadline expression must parse and, tried against the calendar now, give an instant."""
        if not self.check_expression(node, prop, expr, deadline=True):
            return
        self.check_names(node, MESSAGES["names_in"].format(prop=prop), expr)
        self.check_available(node, MESSAGES["names_in"].format(prop=prop), expr, "eval")
        self.check_deadline_starts(node, prop, expr)
        commas = list(_decimal_commas(expr))
        for call, whole, fraction in commas:
            fix = MESSAGES["deadline_comma_whole" if call.func.id == "calendar_days" else "deadline_comma_fix"]
            self.add(node, "deadline_comma", prop=prop, expr=expr, call=ast.get_source_segment(expr.strip(), call),
                     whole=whole, fraction=fraction, fix=fix.format(func=call.func.id, number=f"{whole}.{fraction}"))
        if not self.timer_functions or commas:  # evaluated, the number read as a start says no more
            return
        try:
            value = expressions.evaluate(expr, {}, self.timer_functions)
        except expressions.ExpressionError as exc:
            if exc.key != "unknown_name":  # a data field can only be known at run time
                detail = f"{str(exc).rstrip('.')}.{MESSAGES['deadline_hint']}".rstrip(".")
                self.add(node, "timer_eval", expr=expr, detail=detail)
            return
        if not isinstance(value, datetime) or value.tzinfo is None:
            self.add(node, "timer_eval", expr=expr, detail=MESSAGES["not_instant"])

    def check_parallel_writes(self, gateway) -> None:
        """Branches of a parallel split that put the same name into the data (two agencies
        consulted with one form): their data is merged at the join, the branch completing last
        keeps its value and the other's is lost before anything after the join reads it. A
        warning: a branch may set a name the other only passes on."""
        flows = list(gateway.getparent().iterfind("bpmn:sequenceFlow", NS))
        leaving: dict[str, list[str]] = defaultdict(list)
        for flow in flows:
            leaving[flow.get("sourceRef")].append(flow.get("targetRef"))
        arriving = Counter(flow.get("targetRef") for flow in flows)
        if len(leaving[gateway.get("id")]) < 2:
            return
        branches = []  # the steps of each branch, in the order met
        for start in leaving[gateway.get("id")]:
            seen, queue = {}, [start]
            while queue:
                node = self.by_id.get(queue.pop())
                if node is None or node.get("id") in seen:
                    continue
                seen[node.get("id")] = node
                if bpmn_kind(node) == "parallelGateway" and arriving[node.get("id")] > 1:
                    continue  # the join: the branches end here
                queue.extend(leaving[node.get("id")])
            branches.append(seen)
        # A step two branches reach is where they meet without a join: opened twice (QT-60, said by
        # check_flow_play), not two steps writing one name; past it every step would be counted twice.
        shared = {i for i, n in Counter(i for seen in branches for i in seen).items() if n > 1}
        setters: dict[str, list] = defaultdict(list)  # name -> the first step setting it, per branch
        for seen in branches:
            found = {}
            for node_id, node in seen.items():
                if node_id in shared or bpmn_kind(node) == "parallelGateway" and arriving[node_id] > 1:
                    continue
                inside = self._inside(node) if bpmn_kind(node) in ("subProcess", "transaction", "callActivity") else []
                for name in {n for element in (node, *inside) for n in self.data_set_by(element) or ()}:
                    found.setdefault(name, node)
            for name, node in found.items():
                setters[name].append(node)
        for name in sorted(n for n, nodes in setters.items() if len(nodes) > 1):
            steps = ", ".join(dict.fromkeys(f"«{self.label(n)}»" for n in setters[name]))
            self.warn(gateway, "parallel_same_name", name=name, steps=steps)

    def check_gateway(self, gateway) -> None:
        gid = gateway.get("id")
        # The gateway's own container: a sub-process keeps its flows inside it.
        outgoing = [f for f in gateway.getparent().iterfind("bpmn:sequenceFlow", NS) if f.get("sourceRef") == gid]
        default = gateway.get("default")
        if default and default not in [f.get("id") for f in outgoing]:
            self.add(gateway, "gateway_default", ref=default)
            return
        steps = self.steps_before(gateway)
        self.check_branch_values(gateway, outgoing, steps)
        if not default and len(outgoing) == 1 and outgoing[0].find("bpmn:conditionExpression", NS) is not None:
            # Left alone (its other branches deleted): a dossier its condition does not hold for stops here.
            self.add(gateway, "gateway_lone_condition", flow=self.flow_label(outgoing[0]))
            return
        if len(outgoing) < 2 or default:
            return
        for flow in outgoing:
            if flow.find("bpmn:conditionExpression", NS) is None:
                self.add(gateway, "gateway", count=len(outgoing), flow=self.flow_label(flow),
                         example=self.condition_example(outgoing, steps))
                return
        self.check_choices_routed(gateway, outgoing, steps)

    def condition_example(self, outgoing, steps) -> str:
        """A condition for a branch of a gateway, about what its other branches test: a value of
        the field they compare that none asks for yet, from the forms (that of the step just
        before, else any form's), or the opposite of the first branch's comparison (`so_ban > 2`:
        `so_ban <= 2`). With no other branch to go by, the choice the step before makes (its
        form's first required field with values). Built so the example passes the value checks
        as written; the guide's example when nothing is known."""
        conditions = [c for c in (textwrap.dedent(f.findtext("bpmn:conditionExpression", "", NS)).strip()
                                  for f in outgoing) if c and not _errors_quietly(c)]
        read = list(dict.fromkeys(name for c in conditions for name in _names_read(c)))
        for name in read or self._required_choices(steps):
            values = self.set_values(name, steps) or (self.field_values(name, sure=False) or [None])[0]
            asked = [v for c in conditions for n, _, written, _ in _literal_tests(c, "eval") if n == name
                     for v, _ in written]
            value = next((v for v in values or () if not any(v == a and type(v) is type(a) for a in asked)), None)
            if value is not None:
                return f"{name} == {json.dumps(value, ensure_ascii=False)}"
        opposite = _opposite(conditions[0]) if conditions else None
        return opposite or CONDITION_EXAMPLE

    def _required_choices(self, steps) -> list[str]:
        """The required fields with values of the forms of `steps`, in the forms' order."""
        names = []
        for step in steps or ():
            document = self._form_document(properties_of(step)["formJsonSchemaFilename"]) or {}
            required = document.get("required") if isinstance(document.get("required"), list) else []
            names += [n for n in required if isinstance(n, str) and self.set_values(n, steps)]
        return list(dict.fromkeys(names))

    def steps_before(self, node, seen=None) -> list | None:
        """The human steps whose form was filled in last when a dossier reaches `node`: going back
        along its incoming flows through gateways and intermediate events that only show a
        status, to user tasks. None when another element comes first on a way back (a script,
        a wait for a message, the start...): what it leaves in the data is not a form's."""
        seen = set() if seen is None else seen
        steps = []
        for flow in node.getparent().iterfind("bpmn:sequenceFlow", NS):
            if flow.get("targetRef") != node.get("id") or flow.get("sourceRef") in seen:
                continue
            seen.add(flow.get("sourceRef"))
            source = self.by_id.get(flow.get("sourceRef"))
            kind = bpmn_kind(source) if source is not None else ""
            if kind == "userTask" and properties_of(source).get("formJsonSchemaFilename"):
                steps.append(source)
            elif kind in ("exclusiveGateway", "inclusiveGateway", "parallelGateway") or kind == "intermediateThrowEvent" \
                    and not any(bpmn_kind(d).endswith("EventDefinition") for d in source):
                found = self.steps_before(source, seen)
                if found is None:
                    return None
                steps += found
            else:
                return None
        return steps or None

    def _form_document(self, relative: str) -> dict | None:
        if relative not in self._documents:
            path = (self.forms_dir / relative).resolve()
            try:
                document = json.loads(path.read_text(encoding="utf-8-sig")) \
                    if self.forms_dir.resolve() in path.parents else None
            except (OSError, ValueError):
                document = None  # check_form names the form's problem
            self._documents[relative] = document if isinstance(document, dict) else None
        return self._documents[relative]

    def set_values(self, name: str, steps) -> list | None:
        """The values the field `name` holds after one of `steps` (human steps): each step's form
        requires it at its top level and lists its values (enum, or oneOf consts), so the step
        sets one of them. None when that is not so for every step."""
        values = []
        for step in steps or ():
            document = self._form_document(properties_of(step)["formJsonSchemaFilename"])
            fields = document.get("properties") if document else None
            schema = fields.get(name) if isinstance(fields, dict) else None
            required = document.get("required") if document else None
            if not isinstance(schema, dict) or not isinstance(required, list) or name not in required \
                    or not _choices(schema):
                return None
            values += [v for v in _choices(schema) if not any(v == w and type(v) is type(w) for w in values)]
        return values if steps else None

    def check_branch_values(self, gateway, outgoing, steps) -> None:
        """A branch testing a field the steps just before the gateway all set (`quyet_dinh ==
        "phe_duyet"` after «Tiếp nhận hồ sơ») against a value none of their forms gives: the test
        never holds there, even if another form of the procedure has a field of that name with the
        value (ANALYST.md QT-43). A value no form gives is said by check_literals. Like it, said
        only when every form of the procedure is known (its catalogue entry too)."""
        if self.names is None or not steps:
            return
        for flow in outgoing:
            condition = flow.find("bpmn:conditionExpression", NS)
            if condition is None or not (condition.text or "").strip() \
                    or _errors_quietly(condition.text):
                continue
            for name, kind, written, test in _literal_tests(condition.text, "eval"):
                values = self.set_values(name, steps)
                anywhere = self.field_values(name)
                if values is None or kind == "in" and any(value == v for value, _ in written for v in values):
                    continue  # in a list beside a value the steps give, one they do not give changes nothing
                unset = [(value, text) for value, text in written if not any(value == v for v in values)
                         and (anywhere is None or any(value == v for v in anywhere[0]))]
                if not unset:
                    continue
                forms = sorted({properties_of(s)["formJsonSchemaFilename"] for s in steps})
                elsewhere = sorted({f.form for f in self.fields.get(name, ()) if f.form not in forms
                                    and any(v == c for v, _ in unset for c in _choices(f.schema))})
                self.add(flow, "branch_value_unset", flow=self.flow_label(flow), name=name, test=test,
                         origin=MESSAGES["branch_value_elsewhere"].format(forms=", ".join(elsewhere)) if elsewhere else "",
                         value=", ".join(text for _, text in unset), gateway=self.label(gateway),
                         steps=", ".join(dict.fromkeys(f"«{self.label(s)}»" for s in steps)),
                         forms=", ".join(forms), values=", ".join(map(as_written, values)),
                         effect=MESSAGES["branch_value_in" if kind == "in" else f"enum_literal_{kind}"],
                         guess=_value_guess(unset[0][0], values) if len(unset) == 1 else "")

    def check_choices_routed(self, gateway, outgoing, steps) -> None:
        """A gateway with no default, after human steps (steps_before), whose every flow tests one
        field of their forms against written values (`x == "a"`, `x in ["a", "b"]`): a value those
        forms offer that no flow names stops every dossier given it at the gateway. Any other
        condition, or another element before the gateway, leaves it to the scenarios."""
        if not steps:
            return
        forms = {properties_of(n)["formJsonSchemaFilename"] for n in steps}
        field, routed = None, []
        for flow in outgoing:
            source = textwrap.dedent(flow.find("bpmn:conditionExpression", NS).text or "").strip()
            tests = list(_literal_tests(source, "eval"))
            if len(tests) != 1 or tests[0][1] == "ne" or tests[0][3] != source or field not in (None, tests[0][0]):
                return
            field = tests[0][0]
            routed += [value for value, _ in tests[0][2]]
        declared = [f for f in self.fields.get(field, ()) if f.form in forms and f.declared]
        if self.names is None or {f.form for f in declared} != forms \
                or not all(_choices(f.schema) for f in declared):
            return
        offered = [v for f in declared for v in _choices(f.schema)]  # enum or oneOf consts (QT-34)
        missing = [v for v in offered if not any(v == r for r in routed)]
        # A written value the forms never give is a typo, said on its branch (check_branch_values,
        # check_literals).
        if missing and all(any(r == v for v in offered) for r in routed):
            self.add(gateway, "gateway_unrouted", name=field, values=", ".join(map(as_written, dict.fromkeys(missing))),
                     forms=", ".join(sorted(forms)))

    def check_condition(self, flow) -> None:
        condition = flow.find("bpmn:conditionExpression", NS)
        if condition is None:
            return
        origin = self.by_id.get(flow.get("sourceRef"))
        if origin is not None and bpmn_kind(origin) not in CONDITIONAL_GATEWAYS:
            kind = _kind(origin)
            self.add(flow, "condition_ignored", flow=self.flow_label(flow), kind=kind[:1].lower() + kind[1:],
                     source=self.label(origin))
            return
        source = (condition.text or "").strip()
        if self._foreign_syntax(flow, source, deadline=False):
            return
        errors = _checked(source, "eval")
        hint = MESSAGES["condition_hint"]
        fixed = _our_spelling(source)
        if errors and fixed != source and not expressions.check(fixed, "eval", DEADLINE_FUNCTIONS):
            hint = MESSAGES["equals_hint"].format(fixed=fixed)
        for detail in errors:
            self.add(flow, "condition", flow=self.flow_label(flow), detail=detail, hint=hint)
        if not errors:
            what = MESSAGES["names_in_condition"].format(flow=self.flow_label(flow))
            self.check_code(flow, what, source, "eval")

    def check_script(self, task) -> None:
        script_format = (task.get("scriptFormat") or "").strip()
        if script_format and script_format.lower() not in PYTHON_FORMATS:
            self.add(task, "script_format", format=script_format)
            return
        script = task.find("bpmn:script", NS)
        source = (script.text or "") if script is not None else ""
        if not source.strip():
            if not self.has_problem(task):  # camunda:resource says where its script went
                self.add(task, "script_empty")
            return
        errors = _checked(source, "exec")
        for detail in errors:
            self.add(task, "script", detail=detail)
        if not errors:
            self.check_code(task, MESSAGES["names_in_script"], source, "exec")

    def check_code(self, node, what: str, source: str, mode: str, also: frozenset = frozenset()) -> None:
        """What an expression or a script reads and compares (`also`: names there besides what
        comes before `node`, a post-script's own step's form)."""
        self.check_names(node, what, source, mode)
        self.check_available(node, what, source, mode, also)
        self.check_literals(node, what, source, mode)
        self.check_comparisons(node, what, source, mode)
        self.check_lookups(node, what, source, mode)
        self.check_slips(node, what, source, mode)
        for part, error in constant_parts.failures(source, mode):
            self.add(node, "constant_fails", what=what, part=part, error=error)
        if mode == "exec":
            self.check_fee_numbers(node, source)

    def check_fee_numbers(self, node, source: str) -> None:
        """A script setting a name a fee wait charges (its `amount` reads it) with 500.000: the
        language reads the dot as a decimal point, and the citizen is asked for 500 đồng, as
        check_amount says of the same number written in the amount itself (ANALYST.md QT-40)."""
        charged = self.charged_names(node)
        for name, number in _thousands_assigned(source, charged):
            self.add(node, "script_amount_decimal", name=name, number=number, fixed=number.replace(".", ""),
                     read=f"{float(number):g}",
                     waits=", ".join(f"«{self.label(w)}»" for w in charged[name]))

    def charged_names(self, node) -> dict[str, list]:
        """The names the `amount` of the diagram's fee waits read: name -> those waits."""
        charged: dict[str, list] = defaultdict(list)
        for wait in node.getroottree().getroot().iter():
            amount = properties_of(wait).get("amount") if bpmn_kind(wait) in MESSAGE_CATCHERS else None
            if amount and self.waits_for_payment(wait) and not expressions.check(amount, "eval"):
                for name in sorted({n.id for n in ast.walk(ast.parse(amount.strip(), mode="eval"))
                                    if isinstance(n, ast.Name)}):
                    charged[name].append(wait)
        return charged

    def check_slips(self, node, what: str, source: str, mode: str) -> None:
        """Python that runs but does not say what it reads as (QT-63): `x is "a"` asks for the
        same object, never true of a dossier's value; a bare value among a test's `or`
        (`x == "a" or "b"`) is true, and so is the whole test; a condition that is a bare value."""
        text, tree, _ = _parsed(source, mode)
        for test, left, op, right in _identity_tests(tree):
            self.add(node, "is_value", what=what, test=ast.get_source_segment(text, test),
                     fixed=f"{ast.get_source_segment(text, left)} {'==' if isinstance(op, ast.Is) else '!='} "
                           f"{ast.get_source_segment(text, right)}")
        for test, value in _bare_values_in_or(tree):
            fixed = _as_membership(test, text)
            self.add(node, "or_value", what=what, test=ast.get_source_segment(text, test),
                     value=ast.get_source_segment(text, value),
                     fix=MESSAGES["equals_hint"].format(fixed=fixed) if fixed else MESSAGES["or_value_fix"])
        if mode == "eval" and _plain_value(tree.body):
            self.add(node, "bare_condition", what=what, value=ast.get_source_segment(text, tree.body),
                     truth=MESSAGES["always_true" if tree.body.value else "always_false"],
                     example=CONDITION_EXAMPLE)

    def check_step_script(self, node) -> None:
        """spiff-arena's pre- and post-scripts run in our evaluator too: same rules as a script
        task; a post-script also reads its step's form."""
        if not (node.text or "").strip():
            return
        pre = local(node.tag) == "preScript"
        when = MESSAGES["before" if pre else "after"]
        errors = _checked(node.text, "exec")
        for detail in errors:
            self.add(node, "step_script", when=when, ext=local(node.tag), detail=detail)
        step = self.owner(node)
        if not errors and step is not None:
            own = frozenset() if pre else self.data_set_by(step) or frozenset()
            self.check_code(step, MESSAGES["names_in_step_script"].format(when=when, ext=local(node.tag)),
                            node.text, "exec", own)

    # -- SpiffWorkflow's own refusals ---------------------------------------------------------

    def explain(self, exc: Exception) -> None:
        """Add the problem behind an exception of SpiffWorkflow's parser, in the analyst's words.
        The parser stops at its first refusal, usually a mistake the checks above already named
        on the same element or its neighbour: then their message stands and this one is dropped."""
        text = str(exc.args[0]) if exc.args else str(exc)
        if text.startswith("Element '"):  # the schema, already checked in full by check_schema
            if not self.problems:
                self.add(None, "xsd_other", line=getattr(exc, "line_number", ""), detail=_short(text))
            return
        key = next((k for pattern, k in ENGINE_REFUSALS if pattern in text), None)
        node = self.by_id.get(getattr(exc, "id", "") or "")
        node, related, values = self._refusal_details(key, text, node)
        crashed = not isinstance(exc, SpiffWorkflowException) or PARSER_CRASH.match(text)
        if key is None and self.problems and crashed:
            return  # the parser broke (not a refusal) on what the checks above named, perhaps elsewhere
        if key is None or (node is None and key in ("flow_target_missing", "call_missing", "data_store")):
            key, values = "spiff", {"detail": _short(text.split("\n")[0]) or type(exc).__name__}
        if node is None and self.problems:
            return  # a refusal of the file as a whole, after named problems: a consequence of them
        if node is not None and self.has_problem(node, *related):
            return
        if node is not None:
            values.setdefault("kind", _kind(node))
        self.add(node, key, **values)

    def _elements(self, kind: str, **attributes) -> list:
        return [n for n in self.by_id.values() if local(n.tag) == kind
                and all(n.get(name) == value for name, value in attributes.items())]

    def _refusal_details(self, key, text: str, node) -> tuple:
        """The element a refusal is about, the elements the checks may have named for the same
        mistake, and the values of its message."""
        process_ids = ", ".join(n.get("id") for n in self._elements("process"))
        if key == "flow_target_missing" and node is not None:  # said of the task before the flow
            target = re.search(r"\(([^()]*)\)\s*$", text)
            flows = self._elements("sequenceFlow", sourceRef=node.get("id"), targetRef=target.group(1)) if target else []
            return (flows[0], [], {"flow": self.flow_label(flows[0]), "ref": target.group(1)}) if flows \
                else (None, [], {})
        if key == "flow_no_condition" and node is not None:  # said of the flow, named on its gateway
            gateway = self.by_id.get(node.get("sourceRef"))
            return node, [gateway] if gateway is not None else [], {"flow": self.flow_label(node)}
        if key == "call_missing":
            called = re.search(r"The process '([^']*)'", text).group(1)
            calls = self._elements("callActivity", calledElement=called)
            return (calls[0] if calls else None), [], {"called": called, "ids": process_ids}
        if key == "data_store":
            name = re.search(r"with name (.*) has no implementation", text)
            stores = self._elements("dataStore", name=name.group(1)) if name else []
            return (stores[0] if stores else None), [], {"name": name.group(1) if name else ""}
        if key == "call_no_target":
            return node, [], {"ids": process_ids}
        if key == "many_outgoing" and node is not None:
            flows = self._elements("sequenceFlow", sourceRef=node.get("id"))
            return node, [], {"count": len(flows), "flows": self.flow_list(flows)}
        if key == "unsupported":
            return node, [], {"instead": MESSAGES["instead_any"]}
        return node, [], {}
