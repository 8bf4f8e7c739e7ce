"""Where a dossier can go on from an element of a diagram, read from its XML: along the sequence
flows, into a sub-process by its start, out of it from its ends, to a boundary event of a step.
The check (status 2 before the desk's decision) and the move to another version (names read
before anything writes them) both walk it."""
from __future__ import annotations

from collections import defaultdict

from lxml import etree

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
SUB_PROCESSES = ("subProcess", "transaction", "adHocSubProcess")


def _kind(node) -> str:
    return etree.QName(node.tag).localname if isinstance(node.tag, str) and \
        etree.QName(node.tag).namespace == BPMN_NS else ""


def onward_map(root) -> dict[str, list[str]]:
    """Element id -> the ids of the elements a dossier there can reach next."""
    after: dict[str, list[str]] = defaultdict(list)
    flows_out: dict[str, list[str]] = defaultdict(list)
    for flow in root.iter(f"{{{BPMN_NS}}}sequenceFlow"):
        if flow.get("sourceRef") and flow.get("targetRef"):
            flows_out[flow.get("sourceRef")].append(flow.get("targetRef"))
    for source, targets in flows_out.items():
        after[source].extend(targets)
    throws, catches = defaultdict(list), defaultdict(list)  # link events, by name within their container
    for element in root.iter():
        kind = _kind(element)
        parent = element.getparent()
        for link in element.iterfind(f"{{{BPMN_NS}}}linkEventDefinition"):
            if kind in ("intermediateThrowEvent", "intermediateCatchEvent"):
                side = throws if kind == "intermediateThrowEvent" else catches
                side[(parent.get("id"), (link.get("name") or "").strip())].append(element.get("id"))
        if kind == "boundaryEvent" and element.get("attachedToRef"):
            after[element.get("attachedToRef")].append(element.get("id"))
        elif kind == "startEvent" and parent is not None and _kind(parent) in SUB_PROCESSES \
                and parent.get("triggeredByEvent") != "true":
            after[parent.get("id")].append(element.get("id"))
        elif kind == "endEvent" and parent is not None and _kind(parent) in SUB_PROCESSES:
            after[element.get("id")].extend(flows_out.get(parent.get("id"), ()))
    for key, sources in throws.items():  # a link throw goes on at the catch of the same name
        for source in sources:
            after[source].extend(catches.get(key, ()))
    return after


def onward(after: dict[str, list[str]], starts, stop=lambda element_id: False) -> set[str]:
    """The ids reachable from `starts` (not counting them unless reached again), never going
    on past an element `stop` accepts (it is reached, what follows it is not)."""
    seen: set[str] = set()
    queue = [n for s in starts if not stop(s) for n in after.get(s, ())]
    while queue:
        current = queue.pop()
        if current in seen:
            continue
        seen.add(current)
        if not stop(current):
            queue.extend(after.get(current, ()))
    return seen
