"""The data a dossier lacks that the version it would move to reads (engine/migration.py): a name
that an expression further on reads (a condition, a script, a fee's `amount`, an `agency`, a
`timeLimit`) which the dossier's data does not hold and which, on some way there, nothing writes
first (a step's form, a script, a message's data). Moved, the dossier would stop at that element
with an error; it stays on its version instead (a fixed diagram that added a required field to
the application, read by a new step, is the usual case)."""
from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path

from . import expressions
from .diagram_check import (AGENCY_CODE, BPMN_NS, DEADLINE_FUNCTIONS, HUMAN_TASKS, MESSAGE_DATA, SUB_PROCESSES,
                            bpmn_kind, guarded, properties_of, safe_parse)
from .diagram_graph import onward, onward_map
from .form_check import usable_fields

READ_PROPERTIES = ("amount", "timeLimit", "agency")


def _reads(source: str, mode: str = "eval") -> set[str]:
    """The names the text reads whenever it runs (a script: before it sets them); one read only
    in a branch (`x if c else y`, after `and`) may be meant for dossiers that have it."""
    found = expressions.read_first(source, DEADLINE_FUNCTIONS) if mode == "exec" \
        else expressions.names(source, mode, DEADLINE_FUNCTIONS)[0]
    return {n for n in found if not guarded(source, mode, n)}


def unwritten_reads(xml: bytes, live: Iterable[str], data: Collection[str],
                    forms_dir: Path) -> list[tuple[str, str, list[str]]]:
    """(element id, name, the names it reads unwritten) for each element of the diagram `xml`
    that a dossier at the elements `live`, holding `data`, can reach reading a name neither
    held nor written on the way. Reads of the live elements themselves were done already."""
    root = safe_parse(xml).getroot()
    by_id = {e.get("id"): e for e in root.iter() if isinstance(e.tag, str) and e.get("id")}
    messages = {m.get("id"): (m.get("name") or "").strip() for m in root.iter(f"{{{BPMN_NS}}}message")}
    reads: dict[str, set[str]] = {}
    writes: dict[str, set[str]] = {}
    for element_id, element in by_id.items():
        kind = bpmn_kind(element)
        props = properties_of(element)
        found = {n for key in READ_PROPERTIES if props.get(key) and not AGENCY_CODE.match(props[key])
                 for n in _reads(props[key])}
        written: set[str] = set()
        if kind == "scriptTask":
            script = element.findtext(f"{{{BPMN_NS}}}script") or ""
            found |= _reads(script, "exec")
            written |= expressions.names(script, "exec", DEADLINE_FUNCTIONS)[1]
        if kind in HUMAN_TASKS and props.get("formJsonSchemaFilename"):
            written |= usable_fields(forms_dir, props["formJsonSchemaFilename"]) or set()
        for definition in element.iterfind(f"{{{BPMN_NS}}}messageEventDefinition"):
            written |= MESSAGE_DATA.get(messages.get(definition.get("messageRef"), ""), frozenset())
        if kind == "sequenceFlow":  # a condition is read where its flow leaves
            condition = element.findtext(f"{{{BPMN_NS}}}conditionExpression") or ""
            reads.setdefault(element.get("sourceRef"), set()).update(_reads(condition))
            continue
        reads.setdefault(element_id, set()).update(found)
        writes[element_id] = written
    after = onward_map(root)
    # A parallel join waits for every branch: what any element before it writes is written when
    # the dossier passes it (the branch the dossier is not on runs too), so the join writes it.
    before: dict[str, set[str]] = {}
    for source, targets in after.items():
        for target in targets:
            before.setdefault(target, set()).add(source)
    for element_id, element in by_id.items():
        if bpmn_kind(element) == "parallelGateway" and len(before.get(element_id, ())) > 1:
            writes[element_id] = set().union(*(writes.get(i, set()) for i in onward(before, [element_id])))
    # A running sub-process goes on from its open steps inside, not from its start again.
    starts = [i for i in dict.fromkeys(live) if i in by_id and bpmn_kind(by_id[i]) not in SUB_PROCESSES]
    wanted = set().union(*(reads.get(i, set()) for i in onward(after, starts))) - set(data)
    missing: dict[str, list[str]] = {}
    for name in sorted(wanted):
        def stop(element_id: str, name=name) -> bool:
            return name in writes.get(element_id, ())
        for element_id in onward(after, starts, stop):
            if name in reads.get(element_id, ()):
                missing.setdefault(element_id, []).append(name)
    return [(i, (by_id[i].get("name") or i).strip(), names) for i, names in missing.items()]

