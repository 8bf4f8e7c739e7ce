"""docs/ANALYST.md stays true: every rule it tags has a test showing it, every tag a test names
is in the guide, and its figures are the shipped diagrams as they are now."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "docs" / "ANALYST.md").read_text(encoding="utf-8")
TAG = re.compile(r"QT-\d{2}")


def _tagged_in_tests() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in (ROOT / "tests").rglob("*.py"):
        if path.name == Path(__file__).name:
            continue
        for tag in re.findall(r'rule\("(QT-\d{2})"\)', path.read_text(encoding="utf-8")):
            found.setdefault(tag, []).append(str(path.relative_to(ROOT)))
    return found


def test_every_rule_of_the_guide_has_a_test():
    rules = sorted(set(re.findall(r"\*\*\[(QT-\d{2})\]\*\*", GUIDE)))
    assert len(rules) >= 30
    tested = _tagged_in_tests()
    assert [rule for rule in rules if rule not in tested] == []


def test_every_tag_a_test_names_is_a_rule_of_the_guide():
    rules = set(re.findall(r"\*\*\[(QT-\d{2})\]\*\*", GUIDE))
    assert sorted(set(_tagged_in_tests()) - rules) == []


@pytest.mark.parametrize("diagram", sorted((ROOT / "bpmn").glob("*.bpmn")), ids=lambda p: p.name)
def test_the_guides_figures_are_the_shipped_diagrams(diagram):
    import importlib.util
    spec = importlib.util.spec_from_file_location("render_guide_diagrams", ROOT / "scripts" / "render_guide_diagrams.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    figure = ROOT / "docs" / "analyst" / f"{diagram.stem}.svg"
    assert figure.exists() and figure.read_text(encoding="utf-8") == module.figure(diagram), \
        "run: python scripts/render_guide_diagrams.py"
    assert f"analyst/{diagram.stem}.svg" in GUIDE


@pytest.mark.rule("QT-27")
@pytest.mark.rule("QT-36")
def test_the_guides_scenario_example_runs(tmp_path):
    """As `motcua procedure test` runs it in the real folders: the shipped diagram, forms and
    catalogue, whose citizen form the example's data must pass."""
    from engine.scenarios import run_file
    [example] = re.findall(r"```yaml\n(.*?)```", GUIDE, re.S)
    path = tmp_path / "cap_ban_sao_trich_luc_ho_tich.kich-ban.yaml"
    path.write_text(example, encoding="utf-8")
    report = run_file(path, ROOT / "bpmn", ROOT / "forms", catalogue_dir=ROOT / "catalogue")
    assert report.ok, report.problems or [s.message for r in report.scenarios for s in r.steps if not s.passed]
    assert sum(len(r.steps) for r in report.scenarios) >= 4
