"""Scenario files (`bpmn/<diagram>.kich-ban.yaml`): analysts test a procedure's diagram without
code, step by step against the engine with a controlled clock (`motcua procedure test`).

`run_file(path, bpmn_dir, forms_dir, province=None) -> FileReport`; `format_report(report)`
gives the lines to print. The file format is summed up in `model`.
"""
from .coverage import Coverage, EndEvent
from .diagram import SCENARIO_GLOB, Flow
from .report import format_report
from .results import FileReport, ScenarioResult, StepResult
from .runner import run_file

__all__ = ["SCENARIO_GLOB", "Coverage", "EndEvent", "FileReport", "Flow", "ScenarioResult", "StepResult",
           "format_report", "run_file"]
