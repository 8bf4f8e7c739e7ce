"""Running procedure instances: start, complete a task, deliver a message, fire timers.

Every operation takes the stored state (JSON text), the instant it happens at, and returns an
`Outcome`: the new state and everything the app projects into its own tables (status, open
tasks, next timer). Nothing here touches a database; a failed operation leaves the caller's
stored state as it was, because the caller simply does not write anything.
"""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Callable
from uuid import UUID

from SpiffWorkflow.bpmn import BpmnEvent, BpmnWorkflow
from SpiffWorkflow.bpmn.specs.defaults import BoundaryEvent
from SpiffWorkflow.bpmn.specs.event_definitions.message import MessageEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.multiple import MultipleEventDefinition
from SpiffWorkflow.exceptions import SpiffWorkflowException, TaskNotFoundException
from SpiffWorkflow.util.task import TaskState

from . import clock
from .calendar_functions import deadline_functions
from .diagram_check import AGENCY_CODE, safe_parse
from .expressions import unstorable_message
from .numbers import whole_dong
from .registry import NodeInfo, ProcessVersion, Registry
from .script_environment import make_script_engine
from .spiff import dumps, loads, unstorable
from .timers import ClockTimeDateEventDefinition, due_instant, parse_instant

MESSAGES = {
    "unknown_process": "Không có quy trình «{process_id}» trong danh mục quy trình.",
    "unknown_version": "Không tìm thấy phiên bản {version} của quy trình «{process_id}».",
    "unknown_task": "Không tìm thấy công việc này trong hồ sơ.",
    "not_ready": "Công việc «{name}» không còn ở trạng thái chờ xử lý.",
    "not_waiting": "Hồ sơ hiện không chờ sự kiện «{name}».",
    "failed": "Quy trình gặp lỗi tại bước «{name}» ({element}): {detail}",
    # A gateway whose branch's condition fails: the analyst fixes that branch's condition.
    "failed_branch": "Quy trình gặp lỗi tại cổng «{name}» ({element}), khi xét điều kiện trên nhánh {flow} "
                     "({flow_id}): {detail}",
    "flow_between": "từ «{source}» tới «{target}»",
    "amount_invalid": "Số tiền phải nộp (thuộc tính amount «{expression}») tính ra «{value}», không phải một số "
                      "đồng nguyên không âm. Sửa biểu thức, ví dụ le_phi hoặc so_ban * 8000.",
    "unstorable_state": "Dữ liệu của hồ sơ có giá trị không lưu được ({detail}).",
    "no_branch": "Không nhánh nào ra từ cổng rẽ nhánh này thỏa điều kiện với dữ liệu của hồ sơ, nên quy trình "
                 "không đi tiếp được. Người thiết kế quy trình cần thêm một nhánh mặc định (Default flow) cho "
                 "cổng, hoặc sửa điều kiện để luôn có một nhánh đúng.",
}
# SpiffWorkflow's English refusals at run time, by a piece of their text.
RUN_TIME_REFUSALS = (("No conditions satisfied", "no_branch"),)


class EngineError(Exception):
    """An engine refusal; `code` lets the app choose the HTTP status."""
    code = "engine_error"


class UnknownProcess(EngineError):
    code = "not_found"


class UnknownTask(EngineError):
    code = "not_found"


class TaskNotReady(EngineError):
    code = "conflict"


class NotWaiting(EngineError):
    code = "conflict"


class ProcessFailed(EngineError):
    """An expression in the diagram failed at run time (a gateway, a script, a timer)."""
    code = "process_error"

    def __init__(self, message: str, element_id: str = ""):
        super().__init__(message)
        self.element_id = element_id


@dataclass(frozen=True)
class OpenTask:
    id: str
    node_id: str
    name: str
    lane: str | None
    role: str | None
    form: str | None
    ui_form: str | None
    status: int | None
    due_at: datetime | None
    agency_code: str | None
    again: bool = False  # its step was done before in this instance (a loop: sent back, supplemented)


@dataclass(frozen=True)
class FiredTimer:
    node_id: str
    name: str
    marks_late: bool


@dataclass(frozen=True)
class Trail:
    """Where an instance has been and where it is: diagram element ids."""
    completed: frozenset[str]
    active: frozenset[str]
    taken: frozenset[str] = frozenset()  # the sequence flows it went along (paths.py)


@dataclass
class Outcome:
    process_id: str
    version: str
    state: str
    status: int | None
    reached_statuses: list[int]
    open_tasks: list[OpenTask]
    waiting_messages: list[str]
    next_timer_at: datetime | None
    completed: bool
    # The human tasks open before the operation: with `open_tasks` it tells the app which rows
    # to close and which to add, without reading them back.
    previous_task_ids: frozenset[str] = frozenset()
    fired_timers: list[FiredTimer] = field(default_factory=list)
    data: dict = field(default_factory=dict)
    # What the applicant is asked to pay while a payment wait is reached (its `amount`, in đồng).
    amount_due: int | None = None
    # The gateways a branch waits at for the others (a parallel join): (id, name) of each.
    waiting_joins: list[tuple[str, str]] = field(default_factory=list)

    def asks(self, message: str, waiting_before) -> bool:
        """Whether the process newly waits for `message` (a supplement or a fee asked now)."""
        return message in self.waiting_messages and message not in (waiting_before or ())


def _everywhere(workflow: BpmnWorkflow, payload: dict, cleared: Collection[str] = ()) -> None:
    """What a message brings (the supplemented application, a payment) is the dossier's, not one
    branch's: each branch of a parallel split holds its own copy of the data, and a join keeps the
    copy of the branch that reaches it last, so a consultation answered after the supplement would
    bring the application as it was before it (so_ban, the fee recomputed from it) back over it.
    `cleared`: fields the message empties (a passport number dropped for a CCCD), gone everywhere."""
    for task in workflow.get_tasks():
        if not task.has_state(TaskState.CANCELLED):
            _write(task.data, payload, cleared)


def _write(data: dict, given: dict, cleared: Collection[str]) -> None:
    """`given` into `data`, and the names of `cleared` out of it: a field its latest answer left
    empty no longer holds what an earlier answer put there (a conviction the police's second
    answer does not repeat would still print on the result)."""
    data.update(given)
    for name in cleared:
        if name not in given:
            data.pop(name, None)


def _open_ids(workflow: BpmnWorkflow) -> frozenset[str]:
    return frozenset(str(t.id) for t in workflow.get_tasks(state=TaskState.READY) if t.task_spec.manual)


def _status(node: NodeInfo | None) -> int | None:
    value = node.properties.get("status") if node else None
    return int(value) if value else None


def _definitions(task) -> list:
    """The events a waiting task catches: its own, or each branch of an event-based gateway
    (SpiffWorkflow moves the branches' events onto the gateway while it waits)."""
    event = getattr(task.task_spec, "event_definition", None)
    return list(event.event_definitions) if isinstance(event, MultipleEventDefinition) else [event]


def _messages(task) -> list[MessageEventDefinition]:
    return [d for d in _definitions(task) if isinstance(d, MessageEventDefinition)]


def _waiting_status(version: ProcessVersion, task) -> int | None:
    """A waiting event's status; an event-based gateway without one takes the first of its
    branches' (e.g. "Chờ công dân bổ sung", 5), so the dossier shows what it waits for."""
    node = version.node(task.task_spec.bpmn_id)
    own = _status(node)
    if own or node is None or node.kind != "eventBasedGateway":
        return own
    return next((s for s in map(_status, _waiting_nodes(version, task)) if s), None)


def _waiting_nodes(version: ProcessVersion, task) -> list[NodeInfo]:
    """The diagram nodes a waiting task stands for: itself, or an event-based gateway's branches."""
    node = version.node(task.task_spec.bpmn_id)
    if node is None or node.kind != "eventBasedGateway":
        return [node] if node is not None else []
    return [n for n in (version.node(t) for s, t in version.flows.values() if s == node.id) if n is not None]


def _failing_branch(version: ProcessVersion, task) -> tuple[str, str] | None:
    """The outgoing flow of a gateway whose condition fails on the gateway's data, tried in the
    order the engine tries them (conditions only read the data): (its id, the flow as the
    analyst finds it on the drawing: «its name», or from where to where). None for a task that
    is no gateway, or when every condition evaluates."""
    spec = task.task_spec
    for condition, target in getattr(spec, "cond_task_specs", None) or ():
        if condition is None:
            continue
        try:
            condition._matches(task)
        except Exception:  # noqa: BLE001 -- whatever it raised, this is the branch that failed
            target_spec = spec.wf_spec.task_specs.get(target) if getattr(spec, "wf_spec", None) else None
            target_id = getattr(target_spec, "bpmn_id", None) or target
            flow_id = next((f for f, (source, to) in version.flows.items()
                            if source == spec.bpmn_id and to == target_id), None)
            return (flow_id, _flow_label(version, flow_id)) if flow_id else None
    return None


def _flow_label(version: ProcessVersion, flow_id: str) -> str:
    """«A flow's name», or from where to where when it has none."""
    flow = next(safe_parse(version.xml).getroot().iterfind(f".//{{*}}sequenceFlow[@id='{flow_id}']"), None)
    if flow is not None and (flow.get("name") or "").strip():
        return f"«{' '.join(flow.get('name').split())}»"
    ends = [version.node(ref) for ref in version.flows[flow_id]]
    source, target = (n.name if n is not None else ref for n, ref in zip(ends, version.flows[flow_id]))
    return MESSAGES["flow_between"].format(source=source, target=target)


class Engine:
    def __init__(self, registry: Registry, calendar, load_version: Callable[[str, str], bytes | None] | None = None):
        self.registry = registry
        self.calendar = calendar
        self.load_version = load_version
        self.script_engine = make_script_engine(lambda: deadline_functions(self.calendar, clock.now()))

    # -- versions and state -------------------------------------------------------------------

    def version(self, process_id: str, version: str | None = None) -> ProcessVersion:
        if version is None:
            found = self.registry.latest(process_id)
            if found is None:
                raise UnknownProcess(MESSAGES["unknown_process"].format(process_id=process_id))
            return found
        found = self.registry.get(process_id, version)
        if found is None and self.load_version is not None:
            xml = self.load_version(process_id, version)
            if xml is not None:
                self.registry.add(xml, f"{process_id}@{version}", latest=False, ran=True)
                found = self.registry.get(process_id, version)
        if found is None:
            raise UnknownProcess(MESSAGES["unknown_version"].format(process_id=process_id, version=version))
        return found

    def _restore(self, version: ProcessVersion, state: str) -> BpmnWorkflow:
        self.version(version.process_id, version.version)  # make sure its spec is registered
        workflow = loads(state)
        workflow.script_engine = self.script_engine
        return workflow

    # -- operations ----------------------------------------------------------------------------

    def start(self, process_id: str, data: dict, now: datetime) -> Outcome:
        version = self.version(process_id)
        with clock.frozen_at(now):
            workflow = BpmnWorkflow(version.spec, version.subprocess_specs, script_engine=self.script_engine)
            for task in workflow.get_tasks(state=TaskState.READY):
                task.data.update(data)
            return self._advance(version, workflow, [], frozenset())

    def complete_task(self, process_id: str, version_id: str, state: str, task_id: str,
                      data: dict, now: datetime, handed_at: datetime | None = None,
                      cleared: Collection[str] = ()) -> Outcome:
        """`handed_at`: when the tasks this step opens reach their officers, if later than `now`
        (a paper dossier received after the cut-off is handed the next working morning); their
        time limits count from it. `cleared`: the fields of the step's form left empty."""
        version = self.version(process_id, version_id)
        with clock.frozen_at(now):
            workflow = self._restore(version, state)
            before = _open_ids(workflow)
            task = self._find_task(workflow, task_id)
            node = version.node(task.task_spec.bpmn_id)
            if task.state != TaskState.READY or not task.task_spec.manual:
                raise TaskNotReady(MESSAGES["not_ready"].format(name=node.name if node else task_id))
            _write(task.data, data, cleared)
            self._run(task.run, task, version)
            return self._advance(version, workflow, [task], before, handed_at=handed_at)

    def deliver_message(self, process_id: str, version_id: str, state: str, name: str,
                        payload: dict, now: datetime, handed_at: datetime | None = None,
                        cleared: Collection[str] = ()) -> Outcome:
        """`handed_at`: as for complete_task, when the tasks the message opens reach their officers.
        `cleared`: the application's fields the message empties (a supplement)."""
        version = self.version(process_id, version_id)
        with clock.frozen_at(now):
            workflow = self._restore(version, state)
            before = _open_ids(workflow)
            waiting = [(t, d) for t in workflow.get_tasks(state=TaskState.WAITING) for d in _messages(t)
                       if d.name == name]
            if not waiting:
                raise NotWaiting(MESSAGES["not_waiting"].format(name=name))
            task, definition = waiting[0]
            self._run(lambda: workflow.catch(BpmnEvent(definition, payload)), task, version)
            # Catching resets the task's data from its parent (SpiffWorkflow 3.2); the payload
            # goes in after, so the steps that follow see what the citizen sent.
            _everywhere(workflow, payload, cleared)
            return self._advance(version, workflow, [], before, handed_at=handed_at)

    def fire_timers(self, process_id: str, version_id: str, state: str, now: datetime) -> Outcome:
        version = self.version(process_id, version_id)
        with clock.frozen_at(now):
            workflow = self._restore(version, state)
            before = _open_ids(workflow)
            # A due timer becomes READY on refresh and needs two rounds of engine steps to run
            # its path (SpiffWorkflow 3.2).
            self._run(workflow.refresh_timers, None, version)
            return self._advance(version, workflow, [], before, rounds=2)

    def inspect(self, process_id: str, version_id: str, state: str, now: datetime) -> Outcome:
        version = self.version(process_id, version_id)
        with clock.frozen_at(now):
            workflow = self._restore(version, state)
            return self._outcome(version, workflow, [], _open_ids(workflow))

    def task_data(self, process_id: str, version_id: str, state: str, task_id: str) -> dict:
        """The data an open task sees: what completing it would start from (a step inside a
        sub-process or after a parallel join sees more than the workflow's last task)."""
        workflow = self._restore(self.version(process_id, version_id), state)
        return dict(self._find_task(workflow, task_id).data)

    def trail(self, process_id: str, version_id: str, state: str) -> Trail:
        """The nodes an instance has completed and the ones it is at (open tasks, waiting
        events), for drawing its position on the diagram."""
        version = self.version(process_id, version_id)
        workflow = self._restore(version, state)
        completed, active = set(), set()
        for task in workflow.get_tasks():
            node = task.task_spec.bpmn_id
            if node is None:
                continue
            if task.state == TaskState.COMPLETED:
                completed.add(node)
            elif task.state in (TaskState.READY, TaskState.WAITING, TaskState.STARTED) \
                    and not isinstance(task.task_spec, BoundaryEvent):  # armed, not reached
                active.add(node)
        # A step done before and open again (a loop: sent back, re-checked) is where the instance is.
        return Trail(frozenset(completed), frozenset(active), frozenset(version.flow_index.taken(workflow)[0]))

    # -- internals -----------------------------------------------------------------------------

    @staticmethod
    def _find_task(workflow: BpmnWorkflow, task_id: str):
        try:
            task = workflow.get_task_from_id(UUID(str(task_id)))
        except (ValueError, TaskNotFoundException):
            task = None
        if task is None:
            raise UnknownTask(MESSAGES["unknown_task"])
        return task

    @staticmethod
    def _run(action: Callable, task=None, version: ProcessVersion | None = None) -> None:
        """Run an engine step; a diagram expression that fails becomes a ProcessFailed that
        names the element (a gateway's: with the branch whose condition failed, when `version`
        is given), and the caller's stored state stays untouched."""
        try:
            action()
        except SpiffWorkflowException as exc:
            # The element it is about: its task, else its spec (a gateway with no way out), else
            # the task the caller was working on.
            failed = getattr(exc, "task", None)
            spec = failed.task_spec if failed is not None else getattr(exc, "task_spec", None)
            if spec is None and task is not None:
                spec = task.task_spec
            element = (getattr(spec, "bpmn_id", None) or getattr(spec, "name", "")) if spec is not None else ""
            name = (getattr(spec, "bpmn_name", None) or element) if spec is not None else ""
            detail = exc.__cause__ if exc.__cause__ is not None else getattr(exc, "error_msg", exc)
            key = next((k for pattern, k in RUN_TIME_REFUSALS if pattern in str(detail)), None)
            if key is not None:
                detail = MESSAGES[key]
            branch = _failing_branch(version, failed) if version is not None and failed is not None \
                and key is None else None
            if branch is not None:
                raise ProcessFailed(MESSAGES["failed_branch"].format(
                    name=name, element=element, flow=branch[1], flow_id=branch[0], detail=detail), branch[0]) from exc
            raise ProcessFailed(MESSAGES["failed"].format(name=name, element=element, detail=detail),
                                element) from exc

    def _advance(self, version: ProcessVersion, workflow: BpmnWorkflow, ran: list, before: frozenset,
                 rounds: int = 1, handed_at: datetime | None = None) -> Outcome:
        for _ in range(rounds):
            self._run(lambda: workflow.do_engine_steps(did_complete_task=ran.append), None, version)
        return self._outcome(version, workflow, ran, before, handed_at)

    def _outcome(self, version: ProcessVersion, workflow: BpmnWorkflow, ran: list, before: frozenset,
                 handed_at: datetime | None = None) -> Outcome:
        open_tasks, waiting_messages, timer_dues, candidates, joins = [], [], [], [], []
        amount_due = None
        for task in workflow.get_tasks(state=TaskState.READY | TaskState.WAITING):
            node = version.node(task.task_spec.bpmn_id)
            if task.state == TaskState.WAITING and node is not None and node.kind.endswith("Gateway"):
                joins.append((node.id, node.name))
            if task.state == TaskState.READY and task.task_spec.manual:
                open_tasks.append(self._open_task(task, node, handed_at))
                candidates.append(task)
            elif task.state == TaskState.WAITING:
                if _messages(task):
                    waiting_messages.extend(d.name for d in _messages(task))
                    candidates.append(task)
                    amount_due = next((self._amount(task, n) for n in _waiting_nodes(version, task)
                                       if n.properties.get("amount")), amount_due)
                if any(isinstance(d, ClockTimeDateEventDefinition) for d in _definitions(task)):
                    due = due_instant(task)
                    if due is not None:
                        timer_dues.append(due)
        if any(t.id not in before for t in open_tasks):
            done = {t.task_spec.bpmn_id for t in workflow.get_tasks(state=TaskState.COMPLETED)}
            open_tasks = [replace(t, again=t.node_id in done) if t.id not in before else t for t in open_tasks]
        statuses = {t.id: (_status(version.node(t.task_spec.bpmn_id)) if t.state == TaskState.READY
                           else _waiting_status(version, t)) for t in candidates}
        candidates = [t for t in candidates if statuses[t.id]]
        ran_nodes = [version.node(t.task_spec.bpmn_id) for t in ran]
        # A human task's status is shown while it is open; what it reaches comes after it.
        reached = [s for s in (_status(n) for t, n in zip(ran, ran_nodes) if not t.task_spec.manual) if s]
        if candidates:
            latest = max(candidates, key=lambda t: t.last_state_change)
            status = statuses[latest.id]
        else:
            status = reached[-1] if reached else None
        if status is not None and (not reached or reached[-1] != status):
            reached.append(status)
        fired = [FiredTimer(n.id, n.name, n.properties.get("marksLate") == "true")
                 for t, n in zip(ran, ran_nodes)
                 if n is not None and isinstance(getattr(t.task_spec, "event_definition", None),
                                                 ClockTimeDateEventDefinition)]
        # What the process holds now: the data of the step completed last, wherever it ran (the
        # top workflow's own last task lags behind what its sub-processes wrote).
        last = max(workflow.get_tasks(state=TaskState.COMPLETED), key=lambda t: t.last_state_change, default=None)
        return Outcome(
            process_id=version.process_id,
            version=version.version,
            state=self._stored(workflow, ran),
            status=status,
            reached_statuses=reached,
            open_tasks=open_tasks,
            waiting_messages=waiting_messages,
            next_timer_at=min(timer_dues) if timer_dues else None,
            completed=workflow.completed,
            previous_task_ids=before,
            fired_timers=fired,
            data=dict(last.data) if last is not None else {},
            amount_due=amount_due,
            waiting_joins=joins,
        )

    @staticmethod
    def _stored(workflow: BpmnWorkflow, ran: list) -> str:
        """The new state. Data it cannot hold fails the step that brought it in, named like any
        other failure, so the caller keeps the state it had instead of crashing on it."""
        try:
            return dumps(workflow)
        except (TypeError, ValueError) as exc:
            # The first step that ran with the value brought it; the later ones inherited it.
            found = next(((t, key) for t in ran for key in [unstorable(t.data)] if key), None)
            if found is None:
                raise ProcessFailed(MESSAGES["unstorable_state"].format(detail=exc)) from exc
            task, key = found
            element = task.task_spec.bpmn_id or task.task_spec.name
            raise ProcessFailed(MESSAGES["failed"].format(
                name=task.task_spec.bpmn_name or element, element=element,
                detail=unstorable_message(key, task.data[key])), element) from exc

    def _open_task(self, task, node: NodeInfo | None, handed_at: datetime | None = None) -> OpenTask:
        props = node.properties if node else {}
        # Computed once, when the task opens, and kept with the task: a deadline never drifts.
        if "motcua_due" not in task.internal_data:
            limit = props.get("timeLimit")
            with clock.frozen_at(handed_at or clock.now()):
                due = self._evaluate(task, limit) if limit else None
            agency = props.get("agency")
            task.internal_data["motcua_due"] = parse_instant(due).isoformat() if due else None
            if agency and not AGENCY_CODE.match(agency):
                agency = str(self._evaluate(task, agency))
            task.internal_data["motcua_agency"] = agency or None
        due = task.internal_data["motcua_due"]
        return OpenTask(
            id=str(task.id),
            node_id=task.task_spec.bpmn_id,
            name=node.name if node else task.task_spec.bpmn_id,
            lane=node.lane if node else None,
            role=node.role if node else None,
            form=props.get("formJsonSchemaFilename"),
            ui_form=props.get("formUiSchemaFilename"),
            status=_status(node),
            due_at=parse_instant(due) if due else None,
            agency_code=task.internal_data["motcua_agency"],
        )

    def _amount(self, task, node: NodeInfo) -> int:
        """A payment wait's amount, evaluated over the dossier's data: whole đồng, never negative."""
        expression = node.properties["amount"]
        value = self._evaluate(task, expression)
        amount = whole_dong(value)
        if amount is None:
            raise ProcessFailed(MESSAGES["failed"].format(
                name=node.name, element=node.id,
                detail=MESSAGES["amount_invalid"].format(expression=expression, value=value)), node.id)
        return amount

    def _evaluate(self, task, expression: str):
        result = []
        self._run(lambda: result.append(task.workflow.script_engine.evaluate(task, expression)), task)
        return result[0]
