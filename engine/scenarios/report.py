"""A FileReport as the lines an analyst reads: one per step, ✓ or ✗, then the coverage."""
from __future__ import annotations

from .diagram import element, one_line
from .messages import MESSAGES as M
from .results import FileReport, StepResult

INDENT = "      "  # the continuation lines of a step's message


def _step_lines(step: StepResult) -> list[str]:
    mark = M["ok_mark"] if step.passed else M["fail_mark"]
    if step.number:
        where = M["step_line"].format(line=step.line) if step.line else ""
        head = f"  {mark} {M['step_label'].format(number=step.number)}{where}: {step.title}"
    else:
        head = f"  {mark} {step.title}"
    first, *rest = step.message.split("\n") if step.message else [""]
    lines = [f"{head} — {first}" if first else head]
    lines.extend(INDENT + line for line in rest)
    return lines


def format_report(report: FileReport, require_coverage: bool = False) -> list[str]:
    lines = [M["file_header"].format(file=report.path)]
    if report.problems:
        lines.extend(f"  {M['fail_mark']} {problem}" if i == 0 else f"    {problem}"
                     for i, problem in enumerate(report.problems))
        lines.append(M["file_broken"])
        return lines
    facts = report.facts
    lines.append(M["file_process"].format(process_id=report.process_id, name=one_line(facts.version.name),
                                          diagram=facts.version.file_name, province=report.province))
    for scenario in report.scenarios:
        if scenario.line:
            lines.append(M["scenario_header"].format(number=scenario.number, name=scenario.name,
                                                     file=report.path.name, line=scenario.line))
        else:
            lines.append(M["scenario_header_no_line"].format(number=scenario.number, name=scenario.name))
        for step in scenario.steps:
            lines.extend(_step_lines(step))
        if scenario.skipped:
            lines.append(M["skipped"].format(count=scenario.skipped))
    coverage = report.coverage
    lines.append(M["coverage"].format(taken=len(coverage.taken), flows=len(coverage.flows),
                                      ends=len(coverage.reached_ends), all_ends=len(coverage.end_events)))
    for flow in coverage.uncovered_flows:
        lines.append(M["uncovered_flow"].format(flow=element(flow.id, flow.name), source=facts.name(flow.source),
                                                target=facts.name(flow.target)))
    for end in coverage.uncovered_end_events:
        lines.append(M["uncovered_end"].format(element=element(end.id, end.name)))
    if require_coverage and not coverage.complete:
        lines.append(M["coverage_required"])
    failed = sum(1 for s in report.scenarios if not s.passed)
    if failed:
        lines.append(M["file_failed"].format(failed=failed, total=len(report.scenarios)))
    else:
        steps = sum(1 for s in report.scenarios for step in s.steps if step.number)
        # With --phu-day an uncovered diagram fails the file: the line must not read as a pass.
        uncovered = require_coverage and not coverage.complete
        lines.append(M["file_ok_uncovered" if uncovered else "file_ok"].format(
            total=len(report.scenarios), steps=steps, flows=len(coverage.uncovered_flows),
            ends=len(coverage.uncovered_end_events)))
    return lines
