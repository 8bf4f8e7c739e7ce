"""`motcua keys init`: the demo's root CA and one signing certificate per agency; `motcua keys
status`: whether each agency can sign, and the trust anchors."""
from __future__ import annotations

import click
from sqlalchemy.exc import SQLAlchemyError

from ..messages import CLI as MAIN
from .messages import CLI as MSG


@click.group("keys", help=MSG["keys_help"])
def keys() -> None:
    pass


@keys.command("init", help=MSG["init_help"])
@click.option("--force", is_flag=True, help=MSG["force_help"])
@click.option("--yes", is_flag=True, help=MSG["yes_help"])
@click.option("--dir", "directory", default=None, type=click.Path(file_okay=False), help=MSG["dir_help"])
@click.option("--db", "db_option", default=None, help=MAIN["db_help"])
def init(force: bool, yes: bool, directory: str | None, db_option: str | None) -> None:
    from ..cli import _app  # here, not at the top: app.cli imports this module
    from . import settings
    from .demo_keys import agency_identities, ensure_demo_keys
    from .keys import ROOT_CERT
    app = _app(db_option)
    if directory:
        app.config["MOTCUA_KEYS_DIR"] = directory
    if settings.pkcs11(app.config):
        click.echo(MSG["pkcs11_configured"])
        return
    folder = settings.keys_dir(app.config)
    if force and not yes and folder.is_dir() and any(folder.glob("*.pem")):  # nothing to replace: no question
        click.confirm(MSG["force_confirm"].format(path=folder), abort=True)
    try:
        result = ensure_demo_keys(app, force=force)
    except SQLAlchemyError:  # no schema yet
        result = None
    except OSError as exc:  # the folder cannot be made or written: said with the path, not a traceback
        _fail(MSG["dir_unusable"].format(path=folder, reason=_dir_reason(exc)))
    except ValueError as exc:  # an unreadable root key or certificate: init_keys says which folder
        _fail(str(exc))
    if result is None:
        _fail(MSG["no_agencies"])
    root = folder / ROOT_CERT
    click.echo(MSG["root_created" if result.root_created else "root_kept"].format(path=root))
    if result.retired_root:
        click.echo(MSG["root_retired"].format(path=result.retired_root))
    with app.app_context():
        names = {a.code: a.name for a in agency_identities()[1]}
    for key, codes in (("created", result.created), ("kept", result.kept), ("no_root_key", result.no_root_key)):
        for code in codes:
            click.echo(MSG[key].format(code=code, name=names.get(code, "")))


@keys.command("status", help=MSG["status_help"])
@click.option("--dir", "directory", default=None, type=click.Path(file_okay=False), help=MSG["status_dir_help"])
@click.option("--db", "db_option", default=None, help=MAIN["db_help"])
def status(directory: str | None, db_option: str | None) -> None:
    from ..cli import _app
    from ..clock import now
    from .demo_keys import agency_identities
    from .status import agency_states, root_states
    app = _app(db_option)
    if directory:
        app.config["MOTCUA_KEYS_DIR"] = directory
    with app.app_context():
        try:
            agencies = [(a.code, a.name) for a in agency_identities()[1]]
        except SQLAlchemyError:  # no schema yet
            agencies = []
        at = now()
        tz = app.extensions["motcua_workflow"].calendar.tz
        signing = agency_states(app.config, agencies, at)
        roots = root_states(app.config, at)
    if not agencies:
        click.echo(MAIN["error"].format(message=MSG["no_agencies"]), err=True)
        raise SystemExit(2)
    for heading, states in (("status_agencies", signing), ("status_roots", roots)):
        click.echo(MSG[heading])
        for state in states:
            click.echo(MSG["status_line"].format(state=MSG["states"][state.state], label=state.label))
            if state.not_after:
                click.echo(MSG["status_subject"].format(subject=state.subject,
                                                        until=state.not_after.astimezone(tz).strftime("%d/%m/%Y")))
            if state.detail:
                click.echo(MSG["status_detail"].format(detail=state.detail))
    if not all(state.can_sign for state in signing):
        raise SystemExit(1)


def _fail(message: str) -> None:
    click.echo(MAIN["error"].format(message=message), err=True)
    raise SystemExit(2)


def _dir_reason(exc: OSError) -> str:
    reasons = MSG["dir_reasons"]
    if isinstance(exc, (NotADirectoryError, FileExistsError)):
        return reasons["not_a_directory"]
    if isinstance(exc, FileNotFoundError):
        return reasons["missing"]
    if isinstance(exc, PermissionError):
        return reasons["permission"]
    return reasons["other"].format(detail=exc.strerror or type(exc).__name__)
