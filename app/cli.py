"""The `motcua` command: run the system, check diagrams, compute deadlines."""
from __future__ import annotations

import logging
import math
import os
import sys
from datetime import datetime
from pathlib import Path

import click

from . import cli_words

cli_words.install()  # before the commands below are defined: Click reads some words then

from .messages import CLI as MSG  # noqa: E402
from .files.commands import files as files_group
from .payments.cli import payments as payments_group
from .payments.sandbox_cli import payment_sandbox
from .procedures.cli import procedure as procedure_group
from .signing.cli import keys as keys_group
from .users.cli import agencies as agencies_group, officers_group
from .workflow.cli import dossiers as dossiers_group


def _fail(message: str) -> None:
    click.echo(MSG["error"].format(message=message), err=True)
    sys.exit(2)


@click.group(help=MSG["help"])
def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # Alembic's logging set-up lowers the root logger to WARNING; the app's own messages (the
    # demo's mails among them) stay at INFO.
    logging.getLogger("app").setLevel(logging.INFO)


def _app(db_option: str | None = None, new_database: bool = False):
    """The app on the province's database, refused in words when that database is missing, out
    of date or unreachable. `new_database` (`up`, `db upgrade`): a SQLite file that does not
    exist yet is created, a server must still answer."""
    from . import create_app
    from .config import database_url
    from .database_check import problem
    found = problem(database_url(db_option, make_folder=new_database), db_option, need_schema=not new_database)
    if found:
        _fail(found)
    return create_app(db=db_option) if db_option else create_app()


def prepare_database(app) -> tuple[bool, list[str]]:
    """Apply migrations, load the demo province on first start and (re)load the catalogue
    files; returns whether the demo was loaded and the catalogue entries left out."""
    from flask_migrate import upgrade

    from . import MIGRATIONS_DIR
    from .catalogue.loader import load_catalogue
    from .demo import load_demo
    from .signing.demo_keys import ensure_demo_keys
    with app.app_context():
        upgrade(directory=str(MIGRATIONS_DIR))
        loaded = load_demo()
        registry = app.extensions["motcua_workflow"].registry
        problems = load_catalogue(app.config["MOTCUA_CATALOGUE_DIR"], app.config["MOTCUA_FORMS_DIR"],
                                  set(registry.process_ids()), registry.unloaded)
        app.extensions["motcua_workflow"].catalogue_problems = problems
    ensure_demo_keys(app)  # the demo signs results at once; real keys are kept as they are
    return loaded, problems


def _check_port(host: str, port: int) -> None:
    import socket
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds it
        try:
            probe.bind((host, port))
        except OSError:
            _fail(MSG["port_busy"].format(host=host, port=port, other=port + 10))


@main.command(help=MSG["up_help"])
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--db", "db_option", default=None, help=MSG["db_help"])
@click.option("--no-scheduler", is_flag=True, help=MSG["no_scheduler_help"])
def up(host: str, port: int, db_option: str | None, no_scheduler: bool) -> None:
    from .demo import DEMO_PASSWORD, USERS
    from .demo_dossiers import load_demo_dossiers
    from .scheduler import start_in_process
    _check_port(host, port)  # before the database work: a busy port is said at once, in words
    app = _app(db_option, new_database=True)
    if not os.environ.get("MOTCUA_PUBLIC_URL"):  # links in mails and QR codes point here
        app.config["MOTCUA_PUBLIC_URL"] = f"http://{host}:{port}"
    loaded, catalogue_problems = prepare_database(app)
    sample_count = load_demo_dossiers(app) if loaded else 0
    for problem in app.extensions["motcua_workflow"].problems:
        click.echo(MSG["diagram_problem"].format(problem=problem), err=True)
    for problem in catalogue_problems:
        click.echo(MSG["catalogue_problem"].format(problem=problem), err=True)
    if not no_scheduler:
        start_in_process(app)
    from .payments.demo import start_demo_gateway
    gateway = start_demo_gateway(app, host, port + 1)
    if gateway:
        click.echo(MSG["demo_gateway"].format(url=gateway))
    click.echo(MSG["serving"].format(url=f"http://{host}:{port}",
                                     db=app.config["SQLALCHEMY_DATABASE_URI"].split("@")[-1]))
    click.echo(MSG["demo_loaded"] if loaded else MSG["demo_kept"])
    for username, role, _, full_name in USERS:
        click.echo(f"  {username:<12} {MSG['roles'][role]:<22} {full_name}")
    click.echo(MSG["demo_password"].format(password=DEMO_PASSWORD))
    if sample_count:
        click.echo(MSG["demo_dossiers"].format(count=sample_count))
    from waitress import serve  # a production WSGI server: the embedded default is a real install
    serve(app, host=host, port=port, threads=8, ident="motcua")


@main.command(help=MSG["scheduler_help"])
@click.option("--db", "db_option", default=None, help=MSG["db_help"])
def scheduler(db_option: str | None) -> None:
    from .scheduler import run_standalone
    run_standalone(_app(db_option), say=click.echo)


@main.group(help=MSG["db_group_help"])
def db() -> None:
    pass


@db.command("upgrade", help=MSG["upgrade_help"])
@click.option("--db", "db_option", default=None, help=MSG["db_help"])
@click.option("--demo/--no-demo", default=False, help=MSG["demo_help"])
def db_upgrade(db_option: str | None, demo: bool) -> None:
    from flask_migrate import upgrade

    from . import MIGRATIONS_DIR
    from .database_check import schema_version, shown
    app = _app(db_option, new_database=True)
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    before = schema_version(url)
    if demo:
        loaded, _ = prepare_database(app)
    else:
        with app.app_context():
            upgrade(directory=str(MIGRATIONS_DIR))
    # Alembic's own lines (English, one per migration) are its log; this is the command's answer.
    after = ", ".join(sorted(schema_version(url)))
    if not before:
        click.echo(MSG["upgrade_created"].format(db=shown(url), version=after))
    elif before != set(after.split(", ")):
        click.echo(MSG["upgrade_done"].format(db=shown(url), old=", ".join(sorted(before)), version=after))
    else:
        click.echo(MSG["upgrade_current"].format(db=shown(url), version=after))
    if demo:
        click.echo(MSG["upgrade_demo_loaded"] if loaded else MSG["upgrade_demo_kept"])


@main.group(help=MSG["calendar_help"])
def calendar() -> None:
    pass


# The years `calendar due` counts in: Việt Nam's time zone has been +07:00 since 1975 (before, the
# zone database answers other offsets, +07:06:30 before 1906), and past 2100 a start near the end
# of Python's dates overflowed instead of being refused.
FIRST_YEAR, LAST_YEAR = 1975, 2100


def _due_start(value: str) -> datetime:
    try:
        instant = datetime.fromisoformat(value)
    except ValueError:
        _fail(MSG["bad_instant"].format(value=value))
    if instant.tzinfo is None:
        date_only = "T" not in value.upper() and " " not in value.strip()
        _fail(MSG["date_only" if date_only else "naive_instant"].format(value=value.strip()))
    if not FIRST_YEAR <= instant.year <= LAST_YEAR:
        _fail(MSG["instant_out_of_range"].format(value=value, first=FIRST_YEAR, last=LAST_YEAR))
    return instant


def _due_amount(unit: str, raw: str) -> float | int:
    """Working days and hours may be fractional, as `working_days(1.5)` is in a diagram; calendar
    days are whole. A decimal comma is read as Vietnamese writes it (1,5)."""
    try:
        amount = float(raw.strip().replace(",", ".", 1))
    except ValueError:
        _fail(MSG["bad_amount"].format(value=raw))
    if not math.isfinite(amount):
        _fail(MSG["bad_amount"].format(value=raw))
    if amount <= 0:
        _fail(MSG["amount_not_positive"].format(value=raw))
    if unit == "calendar_days":
        if not amount.is_integer():
            _fail(MSG["whole_calendar_days"].format(value=raw))
        return int(amount)
    return amount


@calendar.command("due", help=MSG["due_help"])
@click.option("--from", "start", required=True, help=MSG["from_help"])
@click.option("--working-days", default=None, help=MSG["working_days_help"])
@click.option("--working-hours", default=None, help=MSG["working_hours_help"])
@click.option("--calendar-days", default=None, help=MSG["calendar_days_help"])
@click.option("--province", default=None, help=MSG["province_help"])
def calendar_due(start, working_days, working_hours, calendar_days, province) -> None:
    from engine.calendar import WorkingCalendar
    from engine.profile import ProfileError, UnknownProvince, load_profile
    given = [(k, v) for k, v in (("working_days", working_days), ("working_hours", working_hours),
                                 ("calendar_days", calendar_days)) if v is not None]
    if len(given) != 1:
        _fail(MSG["one_amount"])
    unit, raw = given[0]
    instant = _due_start(start)
    amount = _due_amount(unit, raw)
    try:
        cal = WorkingCalendar(load_profile(province or os.environ.get("MOTCUA_PROVINCE", "demo")))
        due = {"working_days": cal.add_working_days, "working_hours": cal.add_working_hours,
               "calendar_days": cal.add_calendar_days}[unit](instant, amount)
    except (UnknownProvince, ProfileError, ValueError) as exc:
        _fail(str(exc))
    click.echo(due.isoformat())


@main.group(help=MSG["bpmn_help"])
def bpmn() -> None:
    pass


def _diagrams(path: Path) -> list[Path]:
    """A file named, or the diagrams of a folder named (as `procedure test` takes a folder)."""
    if not path.is_dir():
        return [path]
    found = sorted(path.glob("*.bpmn"))
    if not found:
        _fail(MSG["no_diagrams_in"].format(folder=path))
    return found


@bpmn.command("check", help=MSG["check_help"])
@click.argument("files", nargs=-1, type=click.Path())
@click.option("--forms", "forms_dir", default=None, help=MSG["forms_help"])
@click.option("--db", "db_option", default=None, help=MSG["check_db_help"])
def bpmn_check(files, forms_dir, db_option) -> None:
    from engine.catalogue_forms import citizen_forms
    from engine.checking import check_files, folder_process_ids

    from .agencies.loader import known_codes, known_officers
    from .catalogue.loader import check_entries
    from .config import database_url, settings
    config = settings()
    paths = [path for f in files for path in _diagrams(Path(f))] or sorted(Path(config["MOTCUA_BPMN_DIR"]).glob("*.bpmn"))
    if not paths:
        _fail(MSG["no_files"])
    forms = Path(forms_dir) if forms_dir else config["MOTCUA_FORMS_DIR"]
    agencies = known_codes(database_url(db_option, make_folder=False))  # a check creates nothing
    if agencies is None:
        click.echo(MSG["no_agencies"], err=True)

    advice: list[str] = []

    # Files named: the entries of their processes (and of a process close to theirs, a typo),
    # among the processes the app runs beside them; a whole folder: every entry. A file holds the
    # process its name says too (`<process>.bpmn`, QT-26): saved with another id, the entries of
    # that process lose their diagram, which the check of that one file must say.
    some = bool(files) and not any(Path(f).is_dir() for f in files)

    def catalogue(declared: set[str]) -> list[str]:
        beside = folder_process_ids({config["MOTCUA_BPMN_DIR"], *(p.parent for p in paths)}) if some else set()
        return check_entries(config["MOTCUA_CATALOGUE_DIR"], forms, declared | beside,
                             only=declared | {p.stem for p in paths} if some else None, agencies=agencies,
                             advice=advice)
    ok, lines = check_files(paths, forms, config["MOTCUA_PROVINCE"], agencies, catalogue,
                            citizen_forms(config["MOTCUA_CATALOGUE_DIR"]), advice,
                            officers=known_officers(database_url(db_option, make_folder=False)) if agencies is not None else None)
    for line in lines:
        click.echo(line)
    sys.exit(0 if ok else 1)


main.add_command(keys_group)
main.add_command(procedure_group)
main.add_command(agencies_group)
main.add_command(officers_group)
main.add_command(payments_group)
main.add_command(files_group)
main.add_command(payment_sandbox)
main.add_command(dossiers_group)


@main.group(help=MSG["timers_help"])
def timers() -> None:
    pass


@timers.command("fire", help=MSG["fire_help"])
@click.option("--db", "db_option", default=None, help=MSG["db_help"])
def timers_fire(db_option: str | None) -> None:
    from .clock import now
    from .dossiers.timers import fire_due_timers
    app = _app(db_option)
    with app.app_context():
        click.echo(MSG["fired"].format(count=fire_due_timers(now())))


if __name__ == "__main__":
    main()
