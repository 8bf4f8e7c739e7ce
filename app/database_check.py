"""Before a command works on a province's database: is it there, reachable, and at the schema this
code expects? Without this, a mistyped `--db` path made a new empty SQLite file (and its folders)
and the command then failed inside SQLAlchemy with "no such table"; a server that does not answer
gave a driver traceback. Each problem is said in one sentence that names what to run."""
from __future__ import annotations

from pathlib import Path

from .messages import DATABASE as MSG


def shown(url: str) -> str:
    """The database as the operator named it, without a password."""
    if url.startswith("sqlite:///"):
        return url.removeprefix("sqlite:///")
    from sqlalchemy.engine import make_url
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unreadable URL is shown as given, it holds no parsed password
        return url.split("@")[-1]


def _upgrade_command(db_option: str | None, url: str) -> str:
    # With --db the command must name the same database; without it, the environment already does.
    return f"motcua db upgrade --db {shown(url)}" if db_option else "motcua db upgrade"


def _detail(error: Exception) -> str:
    """The driver's first line (its own words, in English: the one clue to a wrong password or
    host), without SQLAlchemy's wrapper and background link."""
    original = getattr(error, "orig", None) or error
    return str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__


def unreachable(url: str, error: Exception) -> str:
    key = "unopenable" if url.startswith("sqlite:") else "unreachable"
    return MSG[key].format(db=shown(url), detail=_detail(error))


def problem(url: str, db_option: str | None, need_schema: bool = True) -> str | None:
    """What keeps a command from using the database at `url`, in words; None when it can.
    `need_schema` False (`db upgrade`, `motcua up`): only whether it can be reached, a new SQLite
    file being theirs to create."""
    from sqlalchemy import create_engine, inspect, text
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError
    named = shown(url)
    command = _upgrade_command(db_option, url)
    if need_schema and url.startswith("sqlite:///") and ":memory:" not in url:
        if not Path(url.removeprefix("sqlite:///")).is_file():  # connecting would create it
            return MSG["no_file"].format(db=named, command=command)
    try:
        engine = create_engine(url)
    except (ArgumentError, ImportError, ValueError) as error:  # not a URL, or no driver installed
        return MSG["bad_url"].format(db=named, detail=_detail(error))
    try:
        with engine.connect() as connection:
            if not need_schema:
                connection.execute(text("SELECT 1"))
                return None
            if not inspect(connection).has_table("alembic_version"):
                return MSG["no_schema"].format(db=named, command=command)
            current = {row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))}
    except SQLAlchemyError as error:
        return unreachable(url, error)
    finally:
        engine.dispose()
    known, heads = _revisions()
    if current - known:
        return MSG["newer_schema"].format(db=named, version=", ".join(sorted(current - known)))
    if current != heads:
        return MSG["old_schema"].format(db=named, command=command)
    return None


def schema_version(url: str) -> set[str]:
    """The migrations the database at `url` is at (empty for a new one), for `db upgrade` to say
    what it did."""
    from sqlalchemy import create_engine, inspect, text
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table("alembic_version"):
                return set()
            return {row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))}
    finally:
        engine.dispose()


def _revisions() -> tuple[set[str], set[str]]:
    """Every migration this code ships, and the newest ones."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from . import MIGRATIONS_DIR
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    scripts = ScriptDirectory.from_config(config)
    return {s.revision for s in scripts.walk_revisions()}, set(scripts.get_heads())
