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
