"""The registry of procedure diagrams, versioned by content hash.

A dossier stays on the version it started with: the app stores each version's XML, and the
registry can take back an old version from it (`add`) when a running dossier needs it.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from lxml import etree

from .diagram_check import (
    HUMAN_TASKS,
    MESSAGES,
    DiagramChecker,
    Problem,
    local,
    mislabelled,
    properties_of,
    safe_parse,
    xml_problem,
)
from .roles import role_for_lane
from .paths import FlowIndex
from .spiff import new_parser, remember_spec

MAX_DIAGRAM_BYTES = 5 * 1024 * 1024

# What loading a folder says besides a diagram's own problems (those are engine/diagram_messages.py).
LOAD_MESSAGES = {
    "duplicate": "Mã quy trình «{process_id}» đã có trong tệp {kept}: hai tệp sơ đồ không được dùng chung một "
                 "mã quy trình, nên hệ thống không nạp tệp {file} và vẫn chạy quy trình này theo tệp {kept}. "
                 "Nếu {file} là bản sao để làm thủ tục khác, đặt cho nó mã quy trình riêng (thuộc tính id của "
                 "process, ví dụ «{process_id}_moi») và sửa «bpmn_process_id» của mục danh mục dùng nó thành mã "
                 "mới; nếu không cần nữa, xóa tệp {file}.",
    "unreadable": "Không đọc được tệp sơ đồ ({detail}). Kiểm tra tệp còn trong thư mục và có quyền đọc.",
}


def duplicate_problem(file_name: str, kept: str, process_id: str, process_name: str = "") -> Problem:
    """`file_name` declares `process_id`, which `kept` serves: the copy is not loaded."""
    return Problem(file_name, process_id, process_name if process_name != process_id else "",
                   LOAD_MESSAGES["duplicate"].format(process_id=process_id, kept=kept, file=file_name))


def preferred_file(process_id: str, file_names, serving: str | None = None) -> str:
    """Which of the files declaring `process_id` serves it: the one serving it now (`serving`),
    else the one named after the process (`<process id>.bpmn`, as `motcua procedure new` names
    it), else the first by name."""
    names = sorted(file_names)
    if serving in names:
        return serving
    named = [n for n in names if Path(n).stem == process_id]
    return (named or names)[0]


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
        return FlowIndex(self.flows, {n.id for n in self.nodes.values() if n.kind == "parallelGateway"},
                         _conditions(safe_parse(self.xml).getroot()))

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

    def _ahead(self, node_id: str):
        """The nodes completing `node_id` reaches before any other human task (those it stops at
        are yielded too, the one it started from included when a loop leads back to it): following
        sequence flows, into a sub-process by its start event, and out of it through its plain end
        events (an error end leaves by a boundary event, which is not followed)."""
        leaving = self._leaving
        seen, queue = {node_id}, list(leaving[node_id])
        while queue:
            current = queue.pop()
            node = self.nodes.get(current)
            if node is None:
                continue
            if node.kind in HUMAN_TASKS:
                yield node
                continue
            if current in seen:
                continue
            seen.add(current)
            yield node
            if node.kind == "subProcess":
                queue.extend(leaving[("start", current)])
                continue
            queue.extend(leaving[current])
            if node.kind == "endEvent" and node.parent and not node.throws_error:
                queue.extend(leaving[node.parent])

    def reaches_status(self, node_id: str, status: int) -> bool:
        """Whether completing `node_id` can reach a node with public status `status` before any
        other human task."""
        return any(node.id != node_id and node.properties.get("status") == str(status)
                   for node in self._ahead(node_id))

    def next_steps(self, node_id: str) -> frozenset[str]:
        """The human steps completing `node_id` hands the dossier to (the control slip's
        hand-overs); computed once per node of the version."""
        found = self._next_steps
        if node_id not in found:
            found[node_id] = frozenset(n.id for n in self._ahead(node_id) if n.kind in HUMAN_TASKS)
        return found[node_id]

    @cached_property
    def _next_steps(self) -> dict[str, frozenset[str]]:
        return {}



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


def _conditions(process) -> dict[str, str]:
    """Each conditional flow's expression as the engine holds it (trimmed)."""
    return {flow.get("id"): (condition.text or "").strip() for flow in process.iter("{*}sequenceFlow")
            for condition in flow.iterfind("{*}conditionExpression")}


def build_versions(xml: bytes, file_name: str, forms_dir: Path, timer_functions=None,
                   checker: DiagramChecker | None = None, ran: bool = False) -> list[ProcessVersion]:
    """Validate one diagram file and build a version of each executable process in it;
    `checker`: one set up with more than the defaults (the province's agencies). `ran`: a
    version dossiers already run on (kept in the database): refused only when the engine
    cannot read it, never by a check added since, or those dossiers could not go on."""
    if len(xml) > MAX_DIAGRAM_BYTES:
        limit = MAX_DIAGRAM_BYTES // (1024 * 1024)
        raise DiagramError([Problem(file_name, "", "", MESSAGES["too_big"].format(limit=limit))])
    try:
        tree = safe_parse(xml)
    except etree.XMLSyntaxError as exc:
        raise DiagramError([xml_problem(file_name, xml, exc)]) from exc
    garbled = mislabelled(file_name, xml)
    if garbled is not None:  # said alone: every name the other checks would quote is garbled
        raise DiagramError([garbled])
    checker = checker or DiagramChecker(file_name, forms_dir, timer_functions)
    problems = checker.check(tree)
    parser = new_parser()
    specs, readable = [], True
    try:
        parser.add_bpmn_xml(tree, file_name)
        for process_id in parser.get_process_ids():
            specs.append((process_id, parser.get_spec(process_id), parser.get_subprocess_specs(process_id)))
    except Exception as exc:  # noqa: BLE001 -- any refusal, even a crash on a malformed file, names its element
        readable = False
        checker.explain(exc)
    if problems and (not ran or not readable):
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


# A diagram file's name -> the processes it was meant to hold (process id -> the XML of the newest
# version dossiers ran on, None when none is kept): for a file that does not load.
StoredLookup = Callable[[str], dict[str, bytes | None]]


class Registry:
    def __init__(self, forms_dir: Path, timer_functions=None):
        self.forms_dir = Path(forms_dir)
        self.timer_functions = timer_functions
        self._versions: dict[tuple[str, str], ProcessVersion] = {}
        self._latest: dict[str, ProcessVersion] = {}
        # The processes of files that do not load that nothing serves: process id -> file name.
        self.unloaded: dict[str, str] = {}

    def add(self, xml: bytes, file_name: str, latest: bool = True, ran: bool = False) -> list[ProcessVersion]:
        """`ran`: a version kept because dossiers run on it (build_versions)."""
        versions = build_versions(xml, file_name, self.forms_dir, self.timer_functions, ran=ran)
        for version in versions:
            self._versions[(version.process_id, version.version)] = version
            if latest:
                self._latest[version.process_id] = version
        return versions

    def load_directory(self, bpmn_dir: Path, previous: Registry | None = None,
                       stored: StoredLookup | None = None) -> list[Problem]:
        """Load every diagram of a folder; the problems of broken files are returned, and
        the good files are still loaded so one broken diagram does not stop a province.
        With `previous` (the registry in use), a file that no longer loads keeps serving the
        versions it gave before: an analyst's broken save does not close a procedure.
        With `stored` (the versions dossiers ran on, kept in the database), a file that does not
        load and that `previous` has nothing from (a start with a broken file in the folder) serves
        the newest stored version of each process it was meant to hold (`stored` says which:
        `<process id>.bpmn`, or the file a stored version came from) that no file loading fine
        declares. Either way its problems are returned all the same (ANALYST.md QT-26).
        Two files declaring the same process: one serves it (`preferred_file`: the one serving it
        now), the other is refused as a problem, as a broken file is (ANALYST.md QT-49)."""
        problems: list[Problem] = []
        offered: dict[str, list[ProcessVersion]] = {}  # file name -> the versions it would serve
        falling_back: set[str] = set()  # files serving their versions of `previous`, if any
        broken: list[str] = []  # files that do not load
        self.unloaded = {}
        for path in sorted(Path(bpmn_dir).glob("*.bpmn")):
            try:
                offered[path.name] = build_versions(path.read_bytes(), path.name, self.forms_dir,
                                                    self.timer_functions)
            except DiagramError as exc:
                problems.extend(exc.problems)
            except OSError as exc:  # removed or unreadable between listing and reading
                detail = exc.strerror or type(exc).__name__
                problems.append(Problem(path.name, "", "", LOAD_MESSAGES["unreadable"].format(detail=detail)))
            else:
                continue
            offered[path.name] = self._before(previous, path.name)
            falling_back.add(path.name)
            broken.append(path.name)
        meant = {name: {Path(name).stem: None, **(stored(name) if stored else {})} for name in broken}
        if stored:
            self._from_store(meant, offered)
        refused: set[str] = set()
        while True:
            claims: dict[str, list[str]] = defaultdict(list)
            for name, versions in offered.items():
                for version in versions:
                    claims[version.process_id].append(name)
            losers: dict[str, tuple[str, str]] = {}
            for process_id, names in claims.items():
                if len(names) < 2:
                    continue
                before = previous.latest(process_id) if previous else None
                kept = preferred_file(process_id, names, before.file_name if before else None)
                for name in names:
                    if name != kept:
                        losers.setdefault(name, (process_id, kept))
            if not losers:
                break
            for name, (process_id, kept) in losers.items():
                if name not in refused:
                    refused.add(name)
                    version = next(v for v in offered[name] if v.process_id == process_id)
                    problems.append(duplicate_problem(name, kept, process_id, version.name))
                # A refused file is as a broken one: it serves what it served before, else nothing.
                offered[name] = [] if name in falling_back else self._before(previous, name)
                falling_back.add(name)
        for versions in offered.values():
            for version in versions:
                self._versions[(version.process_id, version.version)] = version
                self._latest[version.process_id] = version
        self.unloaded = {process_id: name for name, processes in meant.items() for process_id in processes
                         if process_id not in self._latest}
        return problems

    def _from_store(self, meant: dict[str, dict[str, bytes | None]],
                    offered: dict[str, list[ProcessVersion]]) -> None:
        """Each file that does not load (`meant`: the processes it was meant to hold, with the XML
        of their newest stored version) serves those stored versions that no other file offers."""
        for name, processes in meant.items():
            for process_id, xml in sorted(processes.items()):
                claimed = {v.process_id for versions in offered.values() for v in versions}
                if xml is None or process_id in claimed:
                    continue
                try:  # read as any version dossiers ran on: refused only if the engine cannot read it
                    versions = build_versions(xml, name, self.forms_dir, self.timer_functions, ran=True)
                except DiagramError:
                    continue
                offered[name].extend(v for v in versions if v.process_id == process_id)

    @staticmethod
    def _before(previous: Registry | None, file_name: str) -> list[ProcessVersion]:
        return [v for v in (previous.all_latest() if previous else []) if v.file_name == file_name]

    def latest(self, process_id: str) -> ProcessVersion | None:
        return self._latest.get(process_id)

    def get(self, process_id: str, version: str) -> ProcessVersion | None:
        return self._versions.get((process_id, version))

    def process_ids(self) -> list[str]:
        return sorted(self._latest)

    def all_latest(self) -> list[ProcessVersion]:
        return [self._latest[k] for k in self.process_ids()]
