"""Which sequence flows an instance took, read from SpiffWorkflow's task tree: a task is created
under the task whose completion reached it (a loop makes new tasks), and its state says whether
the token arrived (waiting, ready, done) or was only predicted. A parallel join that completed
took all its incoming flows, whichever branch's task the engine kept. What a later cancellation
(a withdrawal, a stop) marked cancelled no longer shows as reached."""
from __future__ import annotations

from collections import defaultdict

from SpiffWorkflow.util.task import TaskState

REACHED = TaskState.WAITING | TaskState.READY | TaskState.STARTED | TaskState.COMPLETED | TaskState.ERROR


class FlowIndex:
    """A version's sequence flows by their two ends and by target, and its parallel joins."""

    def __init__(self, flows: dict[str, tuple[str, str]], joins: set[str]):
        self.by_pair: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.incoming: dict[str, list[str]] = defaultdict(list)
        for flow_id, (source, target) in flows.items():
            self.by_pair[(source, target)].append(flow_id)
            self.incoming[target].append(flow_id)
        self.joins = joins

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
                    taken.update(self.by_pair.get((parent.task_spec.bpmn_id, node), ()))
        return taken, completed
