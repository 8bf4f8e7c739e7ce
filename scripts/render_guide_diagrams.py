"""Draw every diagram of bpmn/ into docs/analyst/<name>.svg for the analysts' guide, with the
same renderer as the officers' dossier page. Run it after changing a shipped diagram;
tests/test_analyst_guide.py fails while a figure is out of date.

    python scripts/render_guide_diagrams.py
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.diagram_svg import render_svg  # noqa: E402

FIGURES = ROOT / "docs" / "analyst"


def figure(diagram: Path) -> str:
    return render_svg(diagram.read_bytes()) + "\n"


def main() -> None:
    FIGURES.mkdir(exist_ok=True)
    for diagram in sorted((ROOT / "bpmn").glob("*.bpmn")):
        target = FIGURES / f"{diagram.stem}.svg"
        target.write_text(figure(diagram), encoding="utf-8")
        print(target.relative_to(ROOT))


if __name__ == "__main__":
    main()
