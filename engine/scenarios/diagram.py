"""The diagram a scenario file tests: found beside it (or by process id in the diagrams folder),
loaded with the same checks as `motcua bpmn check`, and the facts the runner names elements by
(human tasks, messages and the events that catch them, flows, end events)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..diagram_check import _one_line as one_line  # names drawn on two lines (&#10;) keep one line
from ..checking import folder_process_ids
from ..diagram_check import HUMAN_TASKS, local, safe_parse
from ..form_check import guess
from ..registry import DiagramError, ProcessVersion, Registry
from ..roles import fold_name as fold  # names as analysts type them: NFC, spaces collapsed, case ignored
from .messages import MESSAGES

SCENARIO_SUFFIX = ".kich-ban.yaml"
SCENARIO_GLOB = f"*{SCENARIO_SUFFIX}"


def element(node_id: str, name: str | None) -> str:
    """An element as `motcua bpmn check` names it: id, then the name in «», on one line."""
    name = one_line(name or "")
    return f"{node_id} «{name}»" if name and name != node_id else node_id


@dataclass(frozen=True)
class Flow:
    id: str
    name: str
    source: str
    target: str


@dataclass
class Facts:
    version: ProcessVersion
    flows: list[Flow]
    messages: dict[str, list[str]]  # message name -> ids of the events that catch it

    def name(self, node_id: str) -> str:
        node = self.version.node(node_id)
        return element(node_id, node.name if node else None)

    def task_nodes(self, name: str) -> list[str]:
        return [n.id for n in self.version.nodes.values() if n.kind in HUMAN_TASKS and fold(n.name) == fold(name)]

    def task_names(self) -> list[str]:
        return sorted({one_line(n.name) for n in self.version.nodes.values() if n.kind in HUMAN_TASKS})

    def end_events(self) -> list[str]:
        return [n.id for n in self.version.nodes.values() if n.kind == "endEvent"]


def _facts(version: ProcessVersion) -> Facts:
    root = safe_parse(version.xml).getroot()
    process = root.find(f"{{*}}process[@id='{version.process_id}']")
    names = {flow.get("id"): flow.get("name") or "" for flow in process.iter("{*}sequenceFlow")}
    flows = [Flow(fid, names.get(fid, ""), source, target) for fid, (source, target) in version.flows.items()]
    message_names = {m.get("id"): m.get("name") or m.get("id") for m in root.iter("{*}message")}
    catching: dict[str, list[str]] = {name: [] for name in message_names.values()}
    for definition in process.iter("{*}messageEventDefinition"):
        event = definition.getparent()
        name = message_names.get(definition.get("messageRef"))
        if name is not None and local(event.tag) not in ("intermediateThrowEvent", "endEvent"):  # catchers only
            catching[name].append(event.get("id"))
    return Facts(version, flows, catching)


@dataclass
class Loaded:
    registry: Registry | None = None
    facts: Facts | None = None
    problems: list[str] | None = None


def _candidates(scenario_path: Path, bpmn_dir: Path) -> list[Path]:
    name = scenario_path.name
    stem = name[: -len(SCENARIO_SUFFIX)] if name.endswith(SCENARIO_SUFFIX) else scenario_path.stem
    found = []
    for folder in (scenario_path.parent, Path(bpmn_dir)):
        path = folder / f"{stem}.bpmn"
        if path.is_file() and all(path.resolve() != p.resolve() for p in found):
            found.append(path)
    return found


def _try(registry: Registry, path: Path, process_id: str) -> tuple[ProcessVersion | None, list[str], bool]:
    """The version of the process in one diagram file, or the problems; and whether it loaded."""
    try:
        versions = registry.add(path.read_bytes(), path.name)
    except OSError as exc:
        return None, [MESSAGES["diagram_unreadable"].format(file=path.name, detail=exc.strerror or exc)], False
    except DiagramError as exc:
        return None, [MESSAGES["diagram_problems"].format(file=path.name), *(str(p) for p in exc.problems)], False
    for version in versions:
        if version.process_id == process_id:
            return version, [], True
    found = ", ".join(v.process_id for v in versions) or MESSAGES["none"]
    return None, [MESSAGES["diagram_without_process"].format(file=path.name, process_id=process_id, found=found,
                                                             guess=guess(process_id, [v.process_id for v in versions]))], True


def load_diagram(scenario_path: Path, bpmn_dir: Path, forms_dir: Path, process_id: str,
                 timer_functions: dict) -> Loaded:
    """The diagram beside the scenario file (`x.kich-ban.yaml` tests `x.bpmn`), else the one in
    `bpmn_dir` that holds the process; its problems listed as `motcua bpmn check` lists them."""
    registry = Registry(forms_dir, timer_functions)
    candidates = _candidates(Path(scenario_path), bpmn_dir)
    if candidates:
        version, problems, _ = _try(registry, candidates[0], process_id)
        return Loaded(registry, _facts(version), None) if version else Loaded(problems=problems)
    problems = []
    marker = process_id.encode()
    # The file named after the process first: the one the app keeps when two hold it (QT-49).
    for path in sorted(Path(bpmn_dir).glob("*.bpmn"), key=lambda p: (p.stem != process_id, p.name)):
        try:
            if marker not in path.read_bytes():  # only diagrams that may hold the process
                continue
        except OSError:
            continue
        version, found, loaded = _try(registry, path, process_id)
        if version:
            return Loaded(registry, _facts(version), None)
        if not loaded:  # a broken diagram that mentions the process may be the one meant
            problems.extend(found)
    here = Path(scenario_path).parent
    missing = MESSAGES["no_diagram"].format(process_id=process_id, here=here, folder=bpmn_dir,
                                            guess=guess(process_id, folder_process_ids({here, Path(bpmn_dir)})))
    return Loaded(problems=problems or [missing])
