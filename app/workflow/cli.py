"""`motcua dossiers move-version <process id> --from <version> [--dry-run]`: the procedures page's
"move the running dossiers to the current version", for an operator at the console
(app/workflow/migration.py). Exit status: 0 when every dossier moved (or could), 1 when some
could not (each listed with its reason), 2 when the process or version is unknown."""
from __future__ import annotations

import sys

import click

from ..messages import CLI as MAIN
from .messages import MOVE


@click.group("dossiers", help=MOVE["cli_group_help"])
def dossiers() -> None:
    pass


def _fail(message: str) -> None:
    click.echo(MAIN["error"].format(message=message), err=True)
    sys.exit(2)


SHORTEST_PREFIX = 6  # a slip of one or two characters must not name, and move, some version


def _version(process_id: str, given: str) -> str:
    """The running version `given` names: in full, or by its start as the procedures page shows it."""
    from ..db import db
    from .versions import running_statement
    running = [v for _, v, _ in db.session.execute(running_statement(process_id))]
    matching = [v for v in running if v == given]
    if not matching and len(given) < SHORTEST_PREFIX:
        _fail(MOVE["cli_short_version"].format(version=given, shortest=SHORTEST_PREFIX))
    matching = matching or [v for v in running if v.startswith(given)]
    if not matching:
        _fail(MOVE["cli_unknown_version"].format(version=given, process_id=process_id))
    if len(matching) > 1:
        _fail(MOVE["cli_ambiguous_version"].format(version=given, versions=", ".join(v[:10] for v in matching)))
    return matching[0]


@dossiers.command("move-version", help=MOVE["cli_help"])
@click.argument("process_id")
@click.option("--from", "from_version", required=True, help=MOVE["cli_from_help"])
@click.option("--dry-run", is_flag=True, help=MOVE["cli_dry_run_help"])
@click.option("--db", "db_option", default=None, help=MAIN["db_help"])
def move_version(process_id: str, from_version: str, dry_run: bool, db_option: str | None) -> None:
    from ..cli import _app  # here, not at the top: app.cli imports this module
    from ..clock import now
    from . import migration
    app = _app(db_option)
    with app.app_context():
        current = migration.current_version(process_id)
        if current is None:
            _fail(MOVE["cli_unknown_process"].format(process_id=process_id))
        version = _version(process_id, from_version)
        if version == current.version:
            _fail(MOVE["is_current"].format(version=version[:10]))
        at = now()
        done = migration.preview(process_id, version, at) if dry_run \
            else migration.move_all(process_id, version, current.version, None, at)
        for entry in done:
            if entry.movable:
                click.echo(MOVE["cli_line_ok" if dry_run else "cli_line_moved"].format(dossier=entry.label))
            else:
                click.echo(MOVE["cli_line_refused"].format(dossier=entry.label, reason=" ".join(entry.reasons)))
        ok = sum(e.movable for e in done)
        key = "cli_summary_dry" if dry_run else "cli_summary"
        click.echo(MOVE[key].format(movable=ok, moved=ok, total=len(done), current=current.version[:10]))
    sys.exit(0 if ok == len(done) else 1)
