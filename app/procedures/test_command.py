"""`motcua procedure test`: run the analysts' scenario files against their diagrams (the runner
is `engine.scenarios`; this module only picks the files and prints)."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from .messages import TEST


@click.command("test", help=TEST["help"])
@click.argument("files", nargs=-1, type=click.Path())
@click.option("--phu-day", "--require-coverage", "require_coverage", is_flag=True, help=TEST["coverage_help"])
def test(files, require_coverage: bool) -> None:
    from engine.scenarios import SCENARIO_GLOB, format_report, run_file

    from ..config import settings
    # SpiffWorkflow logs every task state change at INFO, which `motcua` turns on: the report
    # would drown in it.
    logging.getLogger("spiff").setLevel(logging.WARNING)
    config = settings()
    bpmn_dir = Path(config["MOTCUA_BPMN_DIR"])
    paths = []
    for folder in [Path(f) for f in files] or [bpmn_dir]:  # a folder stands for its scenario files
        found = sorted(folder.glob(SCENARIO_GLOB)) if folder.is_dir() else [folder]
        if not found:
            click.echo(TEST["error"].format(message=TEST["no_files"].format(folder=folder)), err=True)
            sys.exit(2)
        paths.extend(found)
    failed = []
    for path in paths:
        report = run_file(path, bpmn_dir, config["MOTCUA_FORMS_DIR"], config["MOTCUA_PROVINCE"],
                          config["MOTCUA_CATALOGUE_DIR"])
        for line in format_report(report, require_coverage):
            click.echo(line)
        click.echo("")
        if not report.passed(require_coverage):
            failed.append(path.name)
    if failed:
        click.echo(TEST["some_failed"].format(failed=len(failed), count=len(paths), files=", ".join(failed)))
        sys.exit(1)
    click.echo(TEST["all_passed"].format(count=len(paths)))
