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
    if result is None:
        click.echo(MAIN["error"].format(message=MSG["no_agencies"]), err=True)
        raise SystemExit(2)
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
@click.option("--db", "db_option", default=None, help=MAIN["db_help"])
def status(db_option: str | None) -> None:
    from ..cli import _app
    from ..clock import now
    from .demo_keys import agency_identities
    from .status import agency_states, root_states
    app = _app(db_option)
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
