"""What a run of a scenario file found: per scenario, per step, and the diagram's coverage."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .coverage import Coverage
from .diagram import Facts


@dataclass(frozen=True)
class StepResult:
    number: int          # 0 for the start of the scenario (or a problem with the scenario itself)
    line: int | None
    title: str           # what the step does, e.g. "làm «Tiếp nhận hồ sơ»"
    passed: bool
    message: str         # what happened, or what was expected and found; may span lines


@dataclass
class ScenarioResult:
    number: int
    name: str
    line: int | None
    steps: list[StepResult] = field(default_factory=list)
    skipped: int = 0     # steps not run after a failed one

    @property
    def passed(self) -> bool:
        return bool(self.steps) and all(s.passed for s in self.steps) and not self.skipped


@dataclass
class FileReport:
    path: Path
    process_id: str | None = None
    province: str | None = None
    facts: Facts | None = None
    problems: list[str] = field(default_factory=list)  # the file could not run at all
    scenarios: list[ScenarioResult] = field(default_factory=list)
    coverage: Coverage | None = None

    @property
    def ok(self) -> bool:
        """Every scenario ran and every step passed (coverage aside: see `passed`)."""
        return not self.problems and bool(self.scenarios) and all(s.passed for s in self.scenarios)

    def passed(self, require_coverage: bool = False) -> bool:
        return self.ok and (not require_coverage or (self.coverage is not None and self.coverage.complete))
