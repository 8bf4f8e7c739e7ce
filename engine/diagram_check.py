"""Static checks of a procedure diagram, before any dossier meets it.

Every problem names the element (id and name) and says in Vietnamese what is wrong and how to
fix it. The checks cover what SpiffWorkflow itself does not: lanes must be roles, task
properties must point to real forms and hold valid values, expressions must be in our
restricted language, gateways must always have a way out.
"""
from __future__ import annotations

import json
import re
from datetime import datetime
from dataclasses import dataclass
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError
from lxml import etree

from . import expressions
from .roles import lane_labels, role_for_lane

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
SPIFF_NS = "http://spiffworkflow.org/bpmn/schema/1.0/core"
CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn"
NS = {"bpmn": BPMN_NS, "spiffworkflow": SPIFF_NS}

DEADLINE_FUNCTIONS = ("working_hours", "working_days", "calendar_days", "official_start")
KNOWN_PROPERTIES = {
    "formJsonSchemaFilename", "formUiSchemaFilename", "status", "timeLimit", "agency", "marksLate",
}
HUMAN_TASKS = ("userTask", "manualTask")
# Camunda Modeler writes these on its own (metadata, engine scheduling hints); they change nothing
# in how a dossier runs here, so a diagram saved from that modeler is not refused for them.
HARMLESS_CAMUNDA = {"diagramRelationId", "isStartableInTasklist", "versionTag", "historyTimeToLive",
                    "async", "asyncBefore", "asyncAfter", "exclusive", "jobPriority"}
# An agency identifier code (mã định danh, e.g. 000.00.12.H08) is taken literally; any other
# `agency` value is an expression over the dossier data.
AGENCY_CODE = re.compile(r"^[0-9A-Z]{2,4}(\.[0-9A-Z]{2,4}){2,4}$")

MESSAGES = {
    "xml": "Tệp không phải XML hợp lệ: {detail}",
    "no_process": "Tệp không có quy trình nào được đánh dấu thực thi (isExecutable=\"true\").",
    "unknown_lane": "Làn «{lane}» không ứng với vai trò nào. Đặt tên làn là một trong: {labels}.",
    "task_without_lane": "Công việc của người dùng phải nằm trong một làn (vai trò) để biết ai xử lý.",
    "status": "Thuộc tính status phải là số nguyên từ 1 đến 10 (trạng thái hồ sơ công khai), không phải «{value}».",
    "form_missing": "Không tìm thấy tệp biểu mẫu «{path}» trong thư mục forms/. Kiểm tra lại tên tệp.",
    "form_json": "Tệp biểu mẫu «{path}» không phải JSON hợp lệ: {detail}",
    "form_schema": "Tệp biểu mẫu «{path}» không phải JSON Schema hợp lệ: {detail}",
    "form_escape": "Đường dẫn biểu mẫu «{path}» phải nằm trong thư mục forms/.",
    "expression": "Biểu thức «{prop}» không hợp lệ: {detail}",
    "marks_late": "Thuộc tính marksLate chỉ nhận giá trị true hoặc false.",
    "unknown_property": "Thuộc tính «{prop}» không được hỗ trợ. Các thuộc tính dùng được: {known}.",
    "timer_kind": "Bộ hẹn giờ chỉ hỗ trợ timeDate với hàm lịch làm việc, ví dụ working_days(3); "
                  "hãy đổi {kind} sang timeDate.",
    "timer_empty": "Bộ hẹn giờ chưa có biểu thức thời hạn, ví dụ working_hours(8).",
    "timer_eval": "Biểu thức thời hạn «{expr}» không tính được: {detail}",
    "not_instant": "kết quả không phải một thời điểm; dùng working_hours(…), working_days(…) hoặc calendar_days(…)",
    "gateway": "Cổng rẽ nhánh có {count} nhánh ra nhưng không có nhánh mặc định và nhánh «{flow}» "
               "không có điều kiện. Đặt một nhánh mặc định hoặc điều kiện cho mọi nhánh.",
    "condition": "Điều kiện trên nhánh «{flow}» không hợp lệ: {detail}",
    "script_empty": "Công việc tự động (script) không có nội dung.",
    "script": "Mã của công việc tự động không hợp lệ: {detail}",
    "camunda_form": "Phần mở rộng camunda:formKey không được hỗ trợ. Dùng thuộc tính "
                    "spiffworkflow:property name=\"formJsonSchemaFilename\" để chỉ biểu mẫu.",
    "camunda_other": "Phần mở rộng Camunda «{ext}» không được hỗ trợ. Dùng spiffworkflow:properties "
                     "(xem mục «What a diagram carries» trong docs/ARCHITECTURE.md).",
    "spiff": "Bộ máy quy trình không chấp nhận phần tử này: {detail}",
}


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


def properties_of(node) -> dict[str, str]:
    props = {}
    for prop in node.iterfind("bpmn:extensionElements/spiffworkflow:properties/spiffworkflow:property", NS):
        props[prop.get("name")] = prop.get("value", "")
    return props


def local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


class DiagramChecker:
    def __init__(self, file_name: str, forms_dir: Path, timer_functions: dict | None = None):
        self.file_name = file_name
        self.forms_dir = Path(forms_dir)
        self.timer_functions = timer_functions or {}
        self.problems: list[Problem] = []

    def add(self, node, key: str, **values) -> None:
        element_id = node.get("id", "") if node is not None else ""
        element_name = node.get("name", "") if node is not None else ""
        self.problems.append(Problem(self.file_name, element_id, element_name, MESSAGES[key].format(**values)))

    def check(self, tree) -> list[Problem]:
        root = tree.getroot()
        self.check_camunda(root)
        processes = root.findall("bpmn:process", NS)
        if not any(p.get("isExecutable") == "true" for p in processes):
            self.add(None, "no_process")
        for process in processes:
            self.check_process(process)
        return self.problems

    def check_camunda(self, root) -> None:
        for node in root.iter():
            if not isinstance(node.tag, str):
                continue
            owner = node if node.get("id") else next((a for a in node.iterancestors() if a.get("id")), node)
            for attr in node.attrib:
                if attr.startswith("{%s}" % CAMUNDA_NS) and local(attr) not in HARMLESS_CAMUNDA:
                    key = "camunda_form" if local(attr) == "formKey" else "camunda_other"
                    self.add(owner, key, ext="camunda:" + local(attr))
            if node.tag.startswith("{%s}" % CAMUNDA_NS) and node.getparent() is not None \
                    and not node.getparent().tag.startswith("{%s}" % CAMUNDA_NS):
                self.add(owner, "camunda_other", ext="camunda:" + local(node.tag))

    def check_process(self, process) -> None:
        lane_of = {}
        for lane in process.iterfind(".//bpmn:lane", NS):
            if lane.find("bpmn:childLaneSet", NS) is not None:
                continue
            if role_for_lane(lane.get("name")) is None:
                self.add(lane, "unknown_lane", lane=lane.get("name", ""), labels=", ".join(lane_labels()))
            for ref in lane.iterfind("bpmn:flowNodeRef", NS):
                lane_of[(ref.text or "").strip()] = lane
        for node in process.iter():
            kind = local(node.tag)
            if kind in HUMAN_TASKS and node.get("id") not in lane_of:
                self.add(node, "task_without_lane")
            if node.get("id"):
                self.check_properties(node)
            if kind == "timerEventDefinition":
                self.check_timer(node.getparent(), node)
            elif kind in ("exclusiveGateway", "inclusiveGateway"):
                self.check_gateway(node)
            elif kind == "sequenceFlow":
                self.check_condition(node)
            elif kind == "scriptTask":
                self.check_script(node)

    def check_properties(self, node) -> None:
        for name, value in properties_of(node).items():
            if name not in KNOWN_PROPERTIES:
                self.add(node, "unknown_property", prop=name, known=", ".join(sorted(KNOWN_PROPERTIES)))
            elif name == "status":
                if not (value.strip().isdigit() and 1 <= int(value) <= 10):
                    self.add(node, "status", value=value)
            elif name in ("formJsonSchemaFilename", "formUiSchemaFilename"):
                self.check_form(node, value, schema=name == "formJsonSchemaFilename")
            elif name == "timeLimit":
                self.check_deadline(node, name, value)
            elif name == "agency" and not AGENCY_CODE.match(value):
                self.check_expression(node, name, value, "eval")
            elif name == "marksLate" and value not in ("true", "false"):
                self.add(node, "marks_late")

    def check_form(self, node, relative: str, schema: bool) -> None:
        path = (self.forms_dir / relative).resolve()
        if self.forms_dir.resolve() not in path.parents:
            self.add(node, "form_escape", path=relative)
            return
        if not path.is_file():
            self.add(node, "form_missing", path=relative)
            return
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            self.add(node, "form_json", path=relative, detail=exc)
            return
        if schema:
            try:
                Draft202012Validator.check_schema(document)
            except SchemaError as exc:
                self.add(node, "form_schema", path=relative, detail=exc.message)

    def check_expression(self, node, prop: str, source: str, mode: str) -> bool:
        errors = expressions.check(source, mode, DEADLINE_FUNCTIONS)
        for detail in errors:
            self.add(node, "expression", prop=prop, detail=detail)
        return not errors

    def check_timer(self, event, definition) -> None:
        for kind in ("timeDuration", "timeCycle"):
            if definition.find(f"bpmn:{kind}", NS) is not None:
                self.add(event, "timer_kind", kind=kind)
                return
        time_date = definition.find("bpmn:timeDate", NS)
        expr = (time_date.text or "").strip() if time_date is not None else ""
        if not expr:
            self.add(event, "timer_empty")
            return
        self.check_deadline(event, "timeDate", expr)

    def check_deadline(self, node, prop: str, expr: str) -> None:
        """A deadline expression must parse and, tried against the calendar now, give an instant."""
        if not self.check_expression(node, prop, expr, "eval") or not self.timer_functions:
            return
        try:
            value = expressions.evaluate(expr, {}, self.timer_functions)
        except expressions.ExpressionError as exc:
            if exc.key != "unknown_name":  # a data field can only be known at run time
                self.add(node, "timer_eval", expr=expr, detail=exc)
            return
        if not isinstance(value, datetime) or value.tzinfo is None:
            self.add(node, "timer_eval", expr=expr, detail=MESSAGES["not_instant"])

    def check_gateway(self, gateway) -> None:
        gid = gateway.get("id")
        # The gateway's own container: a sub-process keeps its flows inside it.
        outgoing = [f for f in gateway.getparent().iterfind("bpmn:sequenceFlow", NS) if f.get("sourceRef") == gid]
        if len(outgoing) < 2 or gateway.get("default"):
            return
        for flow in outgoing:
            if flow.find("bpmn:conditionExpression", NS) is None:
                self.add(gateway, "gateway", count=len(outgoing), flow=flow.get("name") or flow.get("id"))
                return

    def check_condition(self, flow) -> None:
        condition = flow.find("bpmn:conditionExpression", NS)
        if condition is None:
            return
        for detail in expressions.check((condition.text or "").strip(), "eval", DEADLINE_FUNCTIONS):
            self.add(flow, "condition", flow=flow.get("name") or flow.get("id"), detail=detail)

    def check_script(self, task) -> None:
        script = task.find("bpmn:script", NS)
        source = (script.text or "") if script is not None else ""
        if not source.strip():
            self.add(task, "script_empty")
            return
        for detail in expressions.check(source, "exec", DEADLINE_FUNCTIONS):
            self.add(task, "script", detail=detail)
