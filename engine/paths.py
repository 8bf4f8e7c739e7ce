"""Which sequence flows an instance took, read from SpiffWorkflow's task tree: a task is created
under the task whose completion reached it (a loop makes new tasks), and its state says whether
the token arrived (waiting, ready, done) or was only predicted. A parallel join that completed
took all its incoming flows, whichever branch's task the engine kept. What a later cancellation
(a withdrawal, a stop) marked cancelled no longer shows as reached."""
from __future__ import annotations

from collections import defaultdict

from SpiffWorkflow.specs.ExclusiveChoice import ExclusiveChoice
from SpiffWorkflow.util.task import TaskState

from .script_environment import SafeScriptEngine

REACHED = TaskState.WAITING | TaskState.READY | TaskState.STARTED | TaskState.COMPLETED | TaskState.ERROR


class FlowIndex:
    """A version's sequence flows by their two ends and by target, and its parallel joins."""

    def __init__(self, flows: dict[str, tuple[str, str]], joins: set[str], conditions: dict[str, str] | None = None):
        self.by_pair: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.incoming: dict[str, list[str]] = defaultdict(list)
        for flow_id, (source, target) in flows.items():
            self.by_pair[(source, target)].append(flow_id)
            self.incoming[target].append(flow_id)
        self.joins = joins
        self.conditions = conditions or {}

    def taken(self, workflow) -> tuple[set[str], set[str]]:
        """(the flows taken, the nodes completed) in one stored state, its sub-processes included."""
        taken, completed = set(), set()
        for part in [workflow, *workflow.subprocesses.values()]:
            for task in part.tasks.values():
                node = task.task_spec.bpmn_id
                if node is None or not task.has_state(REACHED):
                    continue
                if task.state == TaskState.COMPLETED:
                    completed.add(node)
                    if node in self.joins:
                        taken.update(self.incoming[node])
                parent = task.parent
                while parent is not None and parent.task_spec.bpmn_id is None:  # engine-internal specs
                    parent = parent.parent
                if parent is not None and parent.state == TaskState.COMPLETED:
                    taken.update(self._between(parent, node))
        return taken, completed

    def _between(self, parent, node: str) -> list[str]:
        """The flows from `parent`'s element to `node` it took: when a gateway has several to the
        same element (`x == "a" and n < 3`, `x == "a" and n >= 3`), those whose condition held on
        its data (an exclusive gateway: the first that held), else its default."""
        flows = self.by_pair.get((parent.task_spec.bpmn_id, node), [])
        choices = getattr(parent.task_spec, "cond_task_specs", None)
        if len(flows) < 2 or not choices:
            return flows
        exclusive = isinstance(parent.task_spec, ExclusiveChoice)
        held = []
        for condition, _ in choices:
            if condition is None or not condition.args or not _holds(condition, parent):
                continue
            held += [f for f in flows if self.conditions.get(f) == str(condition.args[0]).strip()]
            if exclusive:
                break
        return held or [f for f in flows if f not in self.conditions] or flows


def _holds(condition, task) -> bool:
    if not isinstance(task.workflow.script_engine, SafeScriptEngine):
        return False  # never SpiffWorkflow's own engine, which runs any Python
    try:
        return bool(condition._matches(task))
    except Exception:  # noqa: BLE001 -- read back after the fact: an answer the engine had then
        return False
