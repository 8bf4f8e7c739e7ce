"""Which sequence flows and end events the scenarios of a file took.

A flow is taken when its source node completed and its target node was reached afterwards in
the same run. SpiffWorkflow's task tree says exactly that: a task is created under the task
whose completion reached it (a loop makes new tasks, so "afterwards" holds), and its state says
whether the token arrived (waiting, ready, done) or was only predicted. Every state an operation
leaves is observed, because a later cancellation (a withdrawal, a stop) marks reached tasks
cancelled; a parallel join that completed took all its incoming flows, whichever branch's task
the engine kept.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass

from SpiffWorkflow.util.task import TaskState

from ..spiff import serializer
from .diagram import Facts, Flow

REACHED = TaskState.WAITING | TaskState.READY | TaskState.STARTED | TaskState.COMPLETED | TaskState.ERROR


@dataclass(frozen=True)
class EndEvent:
    id: str
    name: str


@dataclass(frozen=True)
class Coverage:
    flows: tuple[Flow, ...]
    taken: frozenset[str]           # flow ids
    end_events: tuple[EndEvent, ...]
    reached_ends: frozenset[str]    # end event ids

    @property
    def uncovered_flows(self) -> list[Flow]:
        return [f for f in self.flows if f.id not in self.taken]

    @property
    def uncovered_end_events(self) -> list[EndEvent]:
        return [e for e in self.end_events if e.id not in self.reached_ends]

    @property
    def complete(self) -> bool:
        return not self.uncovered_flows and not self.uncovered_end_events


class CoverageTracker:
    def __init__(self, facts: Facts):
        self.facts = facts
        self._by_pair: dict[tuple[str, str], list[str]] = defaultdict(list)
        self._incoming: dict[str, list[str]] = defaultdict(list)
        for flow in facts.flows:
            self._by_pair[(flow.source, flow.target)].append(flow.id)
            self._incoming[flow.target].append(flow.id)
        self._ends = set(facts.end_events())
        self._joins = {n.id for n in facts.version.nodes.values() if n.kind == "parallelGateway"}
        self.taken: set[str] = set()
        self.reached_ends: set[str] = set()

    def observe(self, state: str) -> None:
        """Record what one stored state shows (its sub-processes included)."""
        workflow = serializer.from_dict(json.loads(state))
        for part in [workflow, *workflow.subprocesses.values()]:
            for task in part.tasks.values():
                node = task.task_spec.bpmn_id
                if node is None or not task.has_state(REACHED):
                    continue
                if task.state == TaskState.COMPLETED:
                    if node in self._ends:
                        self.reached_ends.add(node)
                    if node in self._joins:
                        self.taken.update(self._incoming[node])
                parent = task.parent
                while parent is not None and parent.task_spec.bpmn_id is None:  # engine-internal specs
                    parent = parent.parent
                if parent is not None and parent.state == TaskState.COMPLETED:
                    self.taken.update(self._by_pair.get((parent.task_spec.bpmn_id, node), ()))

    def result(self) -> Coverage:
        nodes = self.facts.version.nodes
        ends = tuple(EndEvent(node_id, nodes[node_id].name) for node_id in self.facts.end_events())
        return Coverage(tuple(self.facts.flows), frozenset(self.taken), ends, frozenset(self.reached_ends))
