"""Diagrams written by real modelers (the OMG BPMN MIWG reference set): the checker reads every
one without failing and names each problem by file and element, in Vietnamese."""
from __future__ import annotations

from pathlib import Path

import pytest

from engine.registry import DiagramError, build_versions

ROOT = Path(__file__).resolve().parents[2]
MIWG = sorted((ROOT.parent / "shared" / "bpmn-miwg").glob("*.bpmn"))


@pytest.mark.rule("QT-30")
@pytest.mark.skipif(not MIWG, reason="../shared/bpmn-miwg is not beside the project")
@pytest.mark.parametrize("path", MIWG, ids=[p.name for p in MIWG])
def test_reference_diagrams_are_checked_not_crashed_on(path):
    try:
        build_versions(path.read_bytes(), path.name, ROOT / "forms")
    except DiagramError as refused:
        assert refused.problems
        for problem in refused.problems:
            assert str(problem).startswith(f"{path.name}: [")
            assert any(ch in problem.message for ch in "ăâđêôơưáàảãạếềểễệóòỏõọ")  # Vietnamese


def test_camunda_modeler_metadata_is_not_a_problem():
    names = {p.name: p for p in MIWG}
    if "C.9.0.bpmn" not in names:
        pytest.skip("reference set not present")
    with pytest.raises(DiagramError) as refused:
        build_versions(names["C.9.0.bpmn"].read_bytes(), "C.9.0.bpmn", ROOT / "forms")
    assert not any("diagramRelationId" in p.message for p in refused.value.problems)


@pytest.mark.rule("QT-38")
@pytest.mark.skipif(not MIWG, reason="../shared/bpmn-miwg is not beside the project")
@pytest.mark.parametrize("path", MIWG, ids=[p.name for p in MIWG])
def test_what_the_reference_diagrams_draw_is_not_warned_about(path):
    from engine.diagram_check import DiagramChecker
    checker = DiagramChecker(path.name, ROOT / "forms")
    try:
        build_versions(path.read_bytes(), path.name, ROOT / "forms", checker=checker)
    except DiagramError:
        pass
    assert checker.warnings == []


@pytest.mark.rule("QT-31")
def test_a_non_executable_reference_diagram_has_every_mistake_named_in_one_run():
    names = {p.name: p for p in MIWG}
    if "B.2.0.bpmn" not in names:
        pytest.skip("reference set not present")
    xml = names["B.2.0.bpmn"].read_bytes()

    def found(content: bytes) -> set[str]:
        with pytest.raises(DiagramError) as refused:
            build_versions(content, "B.2.0.bpmn", ROOT / "forms")
        return {str(p) for p in refused.value.problems}
    first = found(xml)
    executable = found(xml.replace(b'isExecutable="false"', b'isExecutable="true"'))
    assert executable <= first
    assert len(first - executable) == xml.count(b'isExecutable="false"')  # only "mark it executable"
