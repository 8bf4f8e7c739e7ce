"""The registry of procedure diagrams, versioned by content hash.

A dossier stays on the version it started with: the app stores each version's XML, and the
registry can take back an old version from it (`add`) when a running dossier needs it.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from lxml import etree

from .diagram_check import (
    MESSAGES,
    DiagramChecker,
    Problem,
    local,
    properties_of,
    safe_parse,
    xml_problem,
)
from .roles import role_for_lane
from .paths import FlowIndex
from .spiff import new_parser, remember_spec

MAX_DIAGRAM_BYTES = 5 * 1024 * 1024


class DiagramError(Exception):
    """A diagram that cannot be used; `problems` says why, element by element."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class NodeInfo:
    """What the app needs from one flow node, read from the diagram once."""
    id: str
    name: str
    kind: str
    lane: str | None
    role: str | None
    properties: dict
    parent: str | None = None  # the sub-process it is drawn in, if any
    throws_error: bool = False  # an error end event: it leaves its sub-process by a boundary event


@dataclass
class ProcessVersion:
    process_id: str
    name: str
    version: str
    file_name: str
    xml: bytes
    spec: object
    subprocess_specs: dict
    nodes: dict[str, NodeInfo]
    flows: dict[str, tuple[str, str]]  # sequence flow id -> (source, target), sub-processes included

    def node(self, node_id: str) -> NodeInfo | None:
        return self.nodes.get(node_id)

    @cached_property
    def flow_index(self) -> FlowIndex:
        """Its flows by their ends, for reading which an instance took (paths.py); built once."""
        return FlowIndex(self.flows, {n.id for n in self.nodes.values() if n.kind == "parallelGateway"})

    @cached_property
    def _leaving(self) -> dict[str, list[str]]:
        """The nodes each node leads to: its flows' targets, and a sub-process's start events."""
        leaving = defaultdict(list)
        for source, target in self.flows.values():
            leaving[source].append(target)
        for node in self.nodes.values():
            if node.parent and node.kind == "startEvent":
                leaving[("start", node.parent)].append(node.id)
        return leaving

    def reaches_status(self, node_id: str, status: int) -> bool:
        """Whether completing `node_id` can reach a node with public status `status` before any
        other human task: following sequence flows, into a sub-process by its start event, and out
        of it through its plain end events (an error end leaves by a boundary event, which is not
        followed)."""
        leaving = self._leaving
        seen, queue = {node_id}, list(leaving[node_id])
        while queue:
            current = queue.pop()
            node = self.nodes.get(current)
            if current in seen or node is None:
                continue
            seen.add(current)
            if node.properties.get("status") == str(status):
                return True
            if node.kind in HUMAN_TASKS:
                continue
            if node.kind == "subProcess":
                queue.extend(leaving[("start", current)])
                continue
            queue.extend(leaving[current])
            if node.kind == "endEvent" and node.parent and not node.throws_error:
                queue.extend(leaving[node.parent])
        return False


HUMAN_TASKS = ("userTask", "manualTask")


def content_version(xml: bytes) -> str:
    return hashlib.sha256(xml).hexdigest()[:16]


def _nodes(process) -> dict[str, NodeInfo]:
    lane_of = {}
    for lane in process.iter("{*}lane"):
        for ref in lane.iter("{*}flowNodeRef"):
            lane_of[(ref.text or "").strip()] = lane.get("name")
    nodes = {}
    for node in process.iter():
        node_id = node.get("id") if isinstance(node.tag, str) else None
        if not node_id or local(node.tag) in ("lane", "laneSet", "sequenceFlow", "process"):
            continue
        lane = lane_of.get(node_id)
        parent = node.getparent()
        nodes[node_id] = NodeInfo(node_id, node.get("name") or node_id, local(node.tag), lane,
                                  role_for_lane(lane), properties_of(node),
                                  parent.get("id") if local(parent.tag) == "subProcess" else None,
                                  node.find("{*}errorEventDefinition") is not None)
    return nodes


def _flows(process) -> dict[str, tuple[str, str]]:
    return {flow.get("id"): (flow.get("sourceRef"), flow.get("targetRef")) for flow in process.iter("{*}sequenceFlow")}


def build_versions(xml: bytes, file_name: str, forms_dir: Path, timer_functions=None,
                   checker: DiagramChecker | None = None) -> list[ProcessVersion]:
    """Validate one diagram file and build a version of each executable process in it;
    `checker`: one set up with more than the defaults (the province's agencies)."""
    if len(xml) > MAX_DIAGRAM_BYTES:
        limit = MAX_DIAGRAM_BYTES // (1024 * 1024)
        raise DiagramError([Problem(file_name, "", "", MESSAGES["too_big"].format(limit=limit))])
    try:
        tree = safe_parse(xml)
    except etree.XMLSyntaxError as exc:
        raise DiagramError([xml_problem(file_name, xml, exc)]) from exc
    checker = checker or DiagramChecker(file_name, forms_dir, timer_functions)
    problems = checker.check(tree)
    parser = new_parser()
    specs = []
    try:
        parser.add_bpmn_xml(tree, file_name)
        for process_id in parser.get_process_ids():
            specs.append((process_id, parser.get_spec(process_id), parser.get_subprocess_specs(process_id)))
    except Exception as exc:  # noqa: BLE001 -- any refusal, even a crash on a malformed file, names its element
        checker.explain(exc)
    if problems:
        raise DiagramError(problems)
    versions = []
    for process_id, spec, subprocess_specs in specs:
        process = tree.getroot().find(f"{{*}}process[@id='{process_id}']")
        versions.append(ProcessVersion(
            process_id, process.get("name") or process_id, content_version(xml), file_name, xml,
            spec, subprocess_specs, _nodes(process), _flows(process)))
    for version in versions:
        for spec in [version.spec, *version.subprocess_specs.values()]:
            remember_spec(version.version, spec)
    return versions


class Registry:
    def __init__(self, forms_dir: Path, timer_functions=None):
        self.forms_dir = Path(forms_dir)
        self.timer_functions = timer_functions
        self._versions: dict[tuple[str, str], ProcessVersion] = {}
        self._latest: dict[str, ProcessVersion] = {}

    def add(self, xml: bytes, file_name: str, latest: bool = True) -> list[ProcessVersion]:
        versions = build_versions(xml, file_name, self.forms_dir, self.timer_functions)
        for version in versions:
            self._versions[(version.process_id, version.version)] = version
            if latest:
                self._latest[version.process_id] = version
        return versions

    def load_directory(self, bpmn_dir: Path, previous: Registry | None = None) -> list[Problem]:
        """Load every diagram of a folder; the problems of broken files are returned, and
        the good files are still loaded so one broken diagram does not stop a province.
        With `previous` (the registry in use), a file that no longer loads keeps serving the
        versions it gave before: an analyst's broken save does not close a procedure."""
        problems = []
        for path in sorted(Path(bpmn_dir).glob("*.bpmn")):
            try:
                self.add(path.read_bytes(), path.name)
            except DiagramError as exc:
                problems.extend(exc.problems)
                for kept in (previous.all_latest() if previous else []):
                    if kept.file_name == path.name and kept.process_id not in self._latest:
                        self._versions[(kept.process_id, kept.version)] = kept
                        self._latest[kept.process_id] = kept
        return problems

    def latest(self, process_id: str) -> ProcessVersion | None:
        return self._latest.get(process_id)

    def get(self, process_id: str, version: str) -> ProcessVersion | None:
        return self._versions.get((process_id, version))

    def process_ids(self) -> list[str]:
        return sorted(self._latest)

    def all_latest(self) -> list[ProcessVersion]:
        return [self._latest[k] for k in self.process_ids()]
