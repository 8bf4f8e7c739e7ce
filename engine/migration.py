"""Moving a running instance to another version of its diagram ("process instance migration").

A dossier runs on the version it started on (QT-26). When that version has a mistake that only
shows at run time (a gateway no branch of which matches, an expression that fails), every
operation on the dossier fails and leaves its stored state as it was: it stays where it was
before the failure, and a fixed diagram (a new version) is what lets it go on. `move` says whether
a dossier can go to the target version and, if it can, gives the migrated state and the `Outcome`
the app projects, as the engine's other operations do.

What it checks (SpiffWorkflow's `SpecDiff` aligns the two versions' elements):

- every task the dossier is in the middle of (an open step, a wait for a message or a timer, an
  event armed on the current step, a running sub-process) has an element with the same id and
  of the same kind in the target;
- every element the dossier has gone through still has a counterpart in the target (the same id,
  or one SpiffWorkflow aligns in its place), because the stored state names each task's element.

What it keeps: every task's id, state, data and internal data (the step's due instant and agency,
a timer's computed instant), so an open step stays the same task (its row, its claim) and a
running timer keeps its instant. Only what SpiffWorkflow predicted after the current tasks is
predicted again from the target's flows, and events already cancelled (a boundary event that did
not happen) whose element is gone are dropped. Nothing runs: the dossier goes on at its next
operation, on the target version. (SpiffWorkflow's own `migrate_workflow` resets the current
tasks instead, which recomputes their data and deadlines: not what a dossier may undergo.)
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime

from SpiffWorkflow.bpmn.specs.mixins.events.intermediate_event import EventBasedGateway
from SpiffWorkflow.bpmn.util.diff import SpecDiff
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.util.task import TaskState

from . import clock
from .diagram_messages import KINDS
from .migration_messages import EVENT_KINDS, MIGRATION_MESSAGES as MESSAGES
from .migration_names import unwritten_reads
from .registry import DiagramError, ProcessVersion
from .runtime import Engine, EngineError, Outcome, _open_ids
from .spiff import dumps, serializer

# What a dossier is in the middle of; ERROR never reaches a stored state (a failed operation is
# not stored) but would be the same.
LIVE = TaskState.READY | TaskState.WAITING | TaskState.STARTED | TaskState.ERROR


@dataclass(frozen=True)
class Obstacle:
    """Why a dossier cannot move: the element, and what to do, in words."""
    element_id: str
    element_name: str
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass
class Move:
    """The answer for one dossier: `outcome` (the migrated state and its projection) when it can
    move, else the `obstacles`."""
    process_id: str
    from_version: str
    to_version: str
    obstacles: list[Obstacle] = field(default_factory=list)
    outcome: Outcome | None = None

    @property
    def movable(self) -> bool:
        return self.outcome is not None and not self.obstacles


def move(engine: Engine, process_id: str, from_version: str, state: str, now: datetime,
         to_version: str | None = None) -> Move:
    """Whether the instance in `state` (on `from_version`) can go to `to_version` (default: the
    version new dossiers start on), and if so the migrated state and its Outcome. Nothing is
    stored: the caller writes the outcome, or nothing."""
    try:
        source = engine.version(process_id, from_version)
        target = engine.version(process_id, to_version)
    except (EngineError, DiagramError) as exc:  # a version neither loaded nor kept, or unreadable
        failed = MESSAGES["failed"].format(target=(to_version or "")[:10], detail=exc)
        return Move(process_id, from_version, to_version or "", [Obstacle("", "", failed)])
    result = Move(process_id, source.version, target.version)
    short = target.version[:10]
    if target.version == source.version:
        result.obstacles.append(Obstacle("", "", MESSAGES["same_version"].format(target=short)))
        return result
    with clock.frozen_at(now):
        try:
            workflow = engine._restore(source, state)  # noqa: SLF001 -- the engine's own package
            pairs = _pairs(workflow, target)
            result.obstacles = _obstacles(pairs, source, target) or _unwritten(workflow, target, engine)
            if result.obstacles:
                return result
            before = _open_ids(workflow)
            _migrate(workflow, pairs, target)
            state = dumps(workflow)
            # Read back as every later operation will: a state that does not load is never given.
            restored = engine._restore(target, state)  # noqa: SLF001
            result.outcome = engine._outcome(target, restored, [], before)  # noqa: SLF001
        except EngineError as exc:
            result.obstacles = [Obstacle("", "", MESSAGES["failed"].format(target=short, detail=exc))]
        except (SpiffWorkflowException, LookupError, ValueError, TypeError, AttributeError) as exc:
            detail = getattr(exc, "error_msg", None) or str(exc) or type(exc).__name__
            result.obstacles = [Obstacle("", "", MESSAGES["failed"].format(target=short, detail=detail))]
    return result


# -- the diff ------------------------------------------------------------------------------------

_diffs: dict[tuple[int, int], tuple[object, object, SpecDiff]] = {}
_diffs_lock = threading.Lock()


def _spec_diff(old, new) -> SpecDiff:
    """SpiffWorkflow's alignment of two process specs, computed once per pair (every dossier of a
    version is moved against the same pair); the specs are kept with it so the key stays theirs."""
    key = (id(old), id(new))
    found = _diffs.get(key)
    if found is None:
        found = (old, new, SpecDiff(serializer.registry, old, new))
        with _diffs_lock:
            if len(_diffs) >= 64:
                _diffs.clear()
            _diffs[key] = found
    return found[2]


@dataclass
class _Pair:
    workflow: object  # the top workflow or one of its sub-workflows
    old: object  # its spec now
    new: object | None  # its spec in the target (None: the target has no such sub-process)
    diff: SpecDiff | None


def _pairs(workflow, target: ProcessVersion) -> list[_Pair]:
    pairs = [_Pair(workflow, workflow.spec, target.spec, _spec_diff(workflow.spec, target.spec))]
    for sub in workflow.subprocesses.values():
        new = target.subprocess_specs.get(sub.spec.name)
        pairs.append(_Pair(sub, sub.spec, new, _spec_diff(sub.spec, new) if new is not None else None))
    return pairs


def _counterpart(pair: _Pair, spec):
    """The target's element for a task's spec: the same id, else the one SpecDiff aligned."""
    return pair.new.task_specs.get(spec.name) or pair.diff.alignment.get(spec)


def _element(spec) -> str:
    """The diagram element a spec stands for (SpiffWorkflow adds specs such as
    `Task_x.BoundaryEventSplit` for the events attached to `Task_x`)."""
    return getattr(spec, "bpmn_id", None) or spec.name.split(".")[0]


def _event_kind(spec) -> str | None:
    definition = getattr(spec, "event_definition", None)
    if definition is None:
        return None
    for cls in type(definition).__mro__:
        if cls.__name__ in EVENT_KINDS:
            return cls.__name__
    return type(definition).__name__


def _kind_words(version: ProcessVersion, spec) -> str:
    node = version.node(_element(spec))
    kind = KINDS.get(node.kind, node.kind) if node is not None else type(spec).__name__
    event = _event_kind(spec)
    return f"{kind}, {EVENT_KINDS.get(event, event)}" if event else kind


def _obstacles(pairs: list[_Pair], source: ProcessVersion, target: ProcessVersion) -> list[Obstacle]:
    found: dict[tuple[str, str], Obstacle] = {}
    short = target.version[:10]

    def add(key: str, spec, **values) -> None:
        element = _element(spec)
        node = source.node(element)
        name = node.name if node is not None else element
        found.setdefault((key, element), Obstacle(element, name, MESSAGES[key].format(
            name=name, element=element, target=short, **values)))

    for pair in pairs:
        if pair.new is None:  # a sub-process (or the process a call activity calls) gone from the target
            parent = next((p.workflow.tasks[pair.workflow.parent_task_id] for p in pairs
                           if pair.workflow.parent_task_id in p.workflow.tasks), None)
            if parent is not None:
                add("inside_removed" if parent.has_state(LIVE) else "history_removed", parent.task_spec)
            else:
                add("history_removed", pair.old)
            continue
        for task in pair.workflow.tasks.values():
            spec = task.task_spec
            if task.has_state(LIVE):
                new = pair.new.task_specs.get(spec.name)
                if new is None:
                    add(_removed_key(task), spec)
                elif type(new) is not type(spec) or _event_kind(new) != _event_kind(spec):
                    add("kind_changed", spec, old=_kind_words(source, spec), new=_kind_words(target, new))
                elif isinstance(spec, EventBasedGateway) and task.has_state(TaskState.WAITING):
                    for branch in spec.outputs:  # what the gateway waits for: its branches' events
                        if branch.name not in pair.new.task_specs:
                            add("waiting_removed", branch)
            elif task.has_state(TaskState.COMPLETED) and _counterpart(pair, spec) is None:
                # A spec SpiffWorkflow adds around an element (its attached events' split) may
                # be gone while the element stays.
                kept = _element(spec) != spec.name and _element(spec) in pair.new.task_specs
                add("history_changed" if kept else "history_removed", spec)
    return list(found.values())


def _unwritten(workflow, target: ProcessVersion, engine: Engine) -> list[Obstacle]:
    """The names the target reads further on that this dossier lacks (migration_names)."""
    live = [t for t in workflow.get_tasks(state=LIVE)]
    data = set(workflow.data).union(*(t.data for t in live))
    found = unwritten_reads(target.xml, [_element(t.task_spec) for t in live], data, engine.registry.forms_dir)
    return [Obstacle(element, name, MESSAGES["reads_missing"].format(
        name=name, element=element, target=target.version[:10], names=", ".join(f"«{n}»" for n in names)))
        for element, name, names in found]


def _removed_key(task) -> str:
    if task.has_state(TaskState.STARTED):
        return "inside_removed"
    if task.has_state(TaskState.WAITING):
        return "waiting_removed"
    return "open_removed"


# -- the move ------------------------------------------------------------------------------------

def _migrate(top, pairs: list[_Pair], target: ProcessVersion) -> None:
    """Point every task at its element in the target; predict again what follows the current
    tasks. Only called when `_obstacles` found none."""
    for pair in pairs:
        workflow = pair.workflow
        workflow.spec = pair.new
        for task in list(workflow.tasks.values()):
            if task.id not in workflow.tasks:  # dropped with an ancestor just now
                continue
            spec = task.task_spec
            new = pair.new.task_specs.get(spec.name) if task.has_state(LIVE) else _counterpart(pair, spec)
            if new is not None:
                task.task_spec = new
            elif task.parent is not None:
                # Gone from the target and not needed: a prediction (made again below) or an
                # event that was cancelled (it did not happen).
                workflow._remove_task(task.id)  # noqa: SLF001
    top.subprocess_specs = target.subprocess_specs
    for pair in pairs:
        workflow = pair.workflow
        current = [t for t in workflow.tasks.values()
                   if t.has_state(TaskState.READY | TaskState.WAITING | TaskState.STARTED)]
        for task in current:
            for child in list(task.children):
                if child.has_state(TaskState.PREDICTED_MASK):
                    workflow._remove_task(child.id)  # noqa: SLF001
        for task in current:
            task.task_spec._predict(task, mask=TaskState.PREDICTED_MASK | task.state)  # noqa: SLF001
        if workflow.last_task is not None and workflow.last_task.id not in workflow.tasks:
            workflow.last_task = None
