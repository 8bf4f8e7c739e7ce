"""Which sequence flows and end events the scenarios of a file took.

A flow is taken when its source node completed and its target node was reached afterwards in
the same run (engine/paths.py reads that from the task tree). Every state an operation leaves is
observed, because a later cancellation (a withdrawal, a stop) marks reached tasks cancelled.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..spiff import loads
from .diagram import Facts, Flow


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
    def __init__(self, facts: Facts, script_engine=None):
        self.facts = facts
        self.script_engine = script_engine  # reads a gateway's conditions again (paths.py), safely
        self._index = facts.version.flow_index
        self._ends = set(facts.end_events())
        self.taken: set[str] = set()
        self.reached_ends: set[str] = set()

    def observe(self, state: str) -> None:
        """Record what one stored state shows (its sub-processes included)."""
        workflow = loads(state)
        if self.script_engine is not None:
            workflow.script_engine = self.script_engine
        taken, completed = self._index.taken(workflow)
        self.taken |= taken
        self.reached_ends |= completed & self._ends

    def result(self) -> Coverage:
        nodes = self.facts.version.nodes
        ends = tuple(EndEvent(node_id, nodes[node_id].name) for node_id in self.facts.end_events())
        return Coverage(tuple(self.facts.flows), frozenset(self.taken), ends, frozenset(self.reached_ends))
