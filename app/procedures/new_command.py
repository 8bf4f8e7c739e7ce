"""`motcua procedure new`: a starter procedure an analyst edits instead of a blank page.

It writes four kinds of files into the configured folders, from the templates in `starter/`: the
diagram (lanes, reception with its late timer, withdrawal and supplement, processing in the
"Giải quyết hồ sơ" sub-process, result and return, with diagram interchange so modelers open it),
the citizen's e-form, the catalogue entry (every text a «[CẦN SỬA]» placeholder) and a scenario
file covering every flow. It never overwrites a file, and checks what it wrote with the same
checks `motcua bpmn check` and `motcua up` apply, removing it all if they refuse it.
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape

import click

from engine.dossier_due import processing_due

from ..folding import fold
from ..messages import CLI as APP_CLI
from .messages import NEW

STARTER = Path(__file__).resolve().parent / "starter"
CODE = re.compile(r"^[0-9]\.[0-9]{6}$")  # national procedure code, e.g. 1.001234
MAX_NAME = 500          # procedures.name
MAX_ID = 60             # a process id short enough to read in file names
MAX_DAYS = 365
APPROVAL_DAYS = 1
COMMON_FORMS = ("tiep_nhan", "tham_dinh", "phe_duyet", "tra_ket_qua")
PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
# In the scenario template, {{han:<step>:<instant>}} is the due instant of a step opened at that
# instant ({{han:hen_tra:<instant>}}: the appointment of a dossier received then), computed with the
# province's calendar so the file holds for any profile and --days.
DUE = re.compile(r"\{\{han:(\w+):([0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2})\}\}")
INSTANT_FORMAT = "%Y-%m-%d %H:%M"


class Refused(Exception):
    """What the analyst must change; nothing was written."""


@dataclass(frozen=True)
class Agency:
    code: str
    name: str | None = None
    level: str | None = None


@dataclass(frozen=True)
class Starter:
    code: str
    name: str
    process_id: str
    agency: Agency
    days: int
    reception_hours: float  # the province's reception limit, in working hours
    diagram: Path
    scenario: Path
    form: Path
    ui_form: Path
    entry: Path

    @property
    def appraisal_days(self) -> int:
        return max(1, self.days - 2)

    def files(self) -> list[Path]:
        return [self.diagram, self.scenario, self.form, self.ui_form, self.entry]


# -- checking what the analyst typed ---------------------------------------------------------

def clean_code(code: str | None) -> str:
    if not code or not code.strip():
        raise Refused(NEW["missing_code"])
    if not CODE.match(code.strip()):
        raise Refused(NEW["bad_code"].format(code=code.strip()[:40]))
    return code.strip()


def clean_name(name: str | None) -> str:
    if name is None or not name.strip():
        raise Refused(NEW["missing_name"])
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in name):
        raise Refused(NEW["name_control"])
    name = " ".join(unicodedata.normalize("NFC", name).split())
    if len(name) > MAX_NAME:
        raise Refused(NEW["name_long"].format(length=len(name), limit=MAX_NAME))
    letters = [ch for ch in name if ch.isalpha()]
    if not re.search(r"[a-z]", fold(name)):
        raise Refused(NEW["name_letters"].format(name=name))
    # Published names carry their diacritics; all-ASCII letters means they were typed without.
    if all(ch.isascii() for ch in letters):
        raise Refused(NEW["name_accents"].format(name=name))
    return name


def clean_days(days: str) -> int:
    value = str(days).strip()
    if not re.fullmatch(r"[0-9]{1,4}", value) or not 1 <= int(value) <= MAX_DAYS:
        raise Refused(NEW["bad_days"].format(limit=MAX_DAYS, value=value[:20]))
    return int(value)


def _comparable(name: str) -> str:
    """A procedure's name as two analysts typing it would agree: case, accents, spacing and a
    closing full stop aside."""
    return fold(name).rstrip(" .;:,!")


def clean_agency_code(code: str) -> str:
    from engine.diagram_check import AGENCY_CODE
    code = code.strip()
    if not AGENCY_CODE.match(code) and AGENCY_CODE.match(code.upper()):
        code = code.upper()  # 000.00.12.h99: the letters of an agency code are capitals
    if not AGENCY_CODE.match(code):
        raise Refused(NEW["bad_agency"].format(code=code[:40]))
    return code


# -- the configured database: which agency resolves the procedure ------------------------------

class DatabaseUnavailable(Exception):
    pass


def agency_from_database(url: str, code: str | None = None) -> Agency | None:
    """The agency with this code, or (no code) the first agency that has a one-stop desk officer,
    else the first agency. Raises DatabaseUnavailable when the database cannot be read; an
    embedded SQLite file that does not exist yet is not created."""
    from sqlalchemy import create_engine, select
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    from ..agencies.models import Agency as AgencyRow
    from ..users.models import User
    columns = select(AgencyRow.code, AgencyRow.name, AgencyRow.level)
    try:
        parsed = make_url(url)
        options = {}
        if parsed.get_backend_name() == "sqlite":
            if not parsed.database or not Path(parsed.database).is_file():
                raise DatabaseUnavailable
        elif parsed.get_backend_name() == "postgresql":
            options["connect_args"] = {"connect_timeout": 5}
        engine = create_engine(url, **options)
    except (SQLAlchemyError, ImportError) as exc:  # a bad URL, or its driver is not installed
        raise DatabaseUnavailable from exc
    try:
        with engine.connect() as conn:
            if code:
                row = conn.execute(columns.where(AgencyRow.code == code)).first()
            else:
                row = conn.execute(columns.join(User, User.agency_id == AgencyRow.id)
                                   .where(User.role == "one_stop").order_by(AgencyRow.id).limit(1)).first() \
                    or conn.execute(columns.order_by(AgencyRow.id).limit(1)).first()
    except SQLAlchemyError as exc:
        raise DatabaseUnavailable from exc
    finally:
        engine.dispose()
    return Agency(*row) if row else None


# -- what already exists ---------------------------------------------------------------------

def _diagram_processes(bpmn_dir: Path) -> list[tuple[str, str, Path]]:
    """(process id, process name, file) of every diagram that parses."""
    from lxml import etree

    from engine.diagram_check import safe_parse
    found = []
    for path in sorted(bpmn_dir.glob("*.bpmn")):
        try:
            root = safe_parse(path.read_bytes()).getroot()
        except (OSError, etree.XMLSyntaxError):
            continue
        found.extend((p.get("id") or "", p.get("name") or "", path) for p in root.iter("{*}process"))
    return found


def _catalogue_entries(catalogue_dir: Path) -> list[tuple[dict, Path]]:
    entries = []
    for path in sorted(catalogue_dir.glob("*.json")):
        try:
            entry = json.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, ValueError, UnicodeDecodeError):
            continue
        if isinstance(entry, dict):
            entries.append((entry, path))
    return entries


def process_id_for(name: str, taken: set[str]) -> str:
    """The name folded to ASCII snake_case, cut at a word under MAX_ID characters, made unique."""
    base = ""
    for word in re.findall(r"[a-z0-9]+", fold(name)):
        candidate = f"{base}_{word}" if base else word
        if len(candidate) > MAX_ID:
            break
        base = candidate
    base = base or "thu_tuc"
    if base[0].isdigit():  # an XML id starts with a letter
        base = f"thu_tuc_{base}"
    process_id, number = base, 2
    while process_id in taken:
        process_id, number = f"{base}_{number}", number + 1
    return process_id


def plan(code: str, name: str, agency: Agency, days: int, reception_hours: float, bpmn_dir: Path,
         forms_dir: Path, catalogue_dir: Path) -> Starter:
    """Where each file goes; refuses a code or a name the folders already have."""
    for form in COMMON_FORMS:
        for suffix in ("schema", "uischema"):
            if not (forms_dir / "common" / f"{form}.{suffix}.json").is_file():
                raise Refused(NEW["missing_common_form"].format(forms=forms_dir, file=f"common/{form}.{suffix}.json"))
    entries = _catalogue_entries(catalogue_dir)
    processes = _diagram_processes(bpmn_dir)
    for entry, path in entries:
        if path.stem == code or str(entry.get("code", "")).strip() == code:
            raise Refused(NEW["code_taken"].format(code=code, file=path))
    folded = _comparable(name)
    same_name = [(str(entry.get("name", "")), path) for entry, path in entries
                 if _comparable(str(entry.get("name", ""))) == folded]
    same_name += [(process_name, path) for _, process_name, path in processes if _comparable(process_name) == folded]
    if same_name:
        existing, path = same_name[0]
        # «Thủ tục thứ» after «Thủ tục thử»: both fold to one process id, so it is the same name here.
        raise Refused(NEW["name_taken"].format(name=existing, file=path) + (
            NEW["name_folds_alike"].format(given=name, existing=existing) if existing.strip() != name.strip() else ""))
    taken = {process_id for process_id, _, _ in processes}
    taken |= {p.name.split(".")[0] for p in bpmn_dir.glob("*")}
    if forms_dir.is_dir():
        taken |= {p.name for p in forms_dir.iterdir()}
    process_id = process_id_for(name, taken)
    starter = Starter(code, name, process_id, agency, days, reception_hours,
                      diagram=bpmn_dir / f"{process_id}.bpmn", scenario=bpmn_dir / f"{process_id}.kich-ban.yaml",
                      form=forms_dir / process_id / "don.schema.json",
                      ui_form=forms_dir / process_id / "don.uischema.json",
                      entry=catalogue_dir / f"{code}.json")
    for path in starter.files():
        if path.exists():
            raise Refused(NEW["file_exists"].format(file=path))
    return starter


# -- filling the templates -------------------------------------------------------------------

def _fill(template: str, values: dict, quote=str) -> str:
    return PLACEHOLDER.sub(lambda m: quote(str(values[m.group(1)])), template)


def _fill_json(template: str, values: dict) -> str:
    """A JSON template keeps its layout: "{{x}}" alone becomes the value as JSON (a number stays a
    number), a placeholder inside a string is escaped for JSON."""
    whole = re.compile(r'"\{\{(\w+)\}\}"')
    text = whole.sub(lambda m: json.dumps(values[m.group(1)], ensure_ascii=False), template)
    text = _fill(text, values, lambda v: json.dumps(v, ensure_ascii=False)[1:-1])
    json.loads(text)  # a template error shows here, not in the analyst's hands
    return text


def _fill_scenario(template: str, values: dict, starter: Starter, calendar) -> str:
    limits = {"tiep_nhan": lambda t: calendar.add_working_hours(t, starter.reception_hours),
              "tham_dinh": lambda t: calendar.add_working_days(t, starter.appraisal_days),
              "phe_duyet": lambda t: calendar.add_working_days(t, APPROVAL_DAYS),
              "hen_tra": lambda t: processing_due(calendar, starter.days, "working_days", t)}

    def due(match) -> str:
        opened = datetime.strptime(match.group(2), INSTANT_FORMAT).replace(tzinfo=calendar.tz)
        return limits[match.group(1)](opened).astimezone(calendar.tz).strftime(INSTANT_FORMAT)
    return _fill(DUE.sub(due, template), values)


def contents(starter: Starter, province: str) -> dict[Path, str]:
    from engine.calendar import WorkingCalendar
    from engine.profile import load_profile
    calendar = WorkingCalendar(load_profile(province))
    reception = starter.reception_hours
    values = {
        "code": starter.code, "name": starter.name, "process_id": starter.process_id,
        "process_name": starter.name, "name_in_sentence": starter.name[:1].lower() + starter.name[1:],
        "participant_name": starter.agency.name or NEW["participant"], "agency_code": starter.agency.code,
        "level": starter.agency.level or "tinh", "days": starter.days, "province": province,
        "appraisal_days": starter.appraisal_days, "approval_days": APPROVAL_DAYS,
        "reception_hours": int(reception) if float(reception).is_integer() else reception,
    }

    def read(name: str) -> str:
        return (STARTER / name).read_text(encoding="utf-8")
    return {
        starter.diagram: _fill(read("quy_trinh.bpmn"), values, lambda v: escape(v, {'"': "&quot;"})),
        starter.scenario: _fill_scenario(read("kich_ban.yaml"), values, starter, calendar),
        starter.form: _fill_json(read("don.schema.json"), values),
        starter.ui_form: _fill_json(read("don.uischema.json"), values),
        starter.entry: _fill_json(read("danh_muc.json"), values),
    }


# -- writing ---------------------------------------------------------------------------------

def _verify(starter: Starter, forms_dir: Path, province: str) -> list[str]:
    """The checks `motcua bpmn check` and the catalogue loader apply; their problems, if any."""
    import yaml

    from engine.checking import check_files

    from ..catalogue.loader import CatalogueError, entry_form_problems, read_entry
    ok, lines = check_files([starter.diagram], forms_dir, province)
    problems = [] if ok else lines
    try:
        problems.extend(entry_form_problems(read_entry(starter.entry), starter.entry.name, forms_dir))
    except CatalogueError as exc:
        problems.append(str(exc))
    try:
        yaml.safe_load(starter.scenario.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        problems.append(f"{starter.scenario.name}: {exc}")
    return problems


def write(starter: Starter, forms_dir: Path, province: str) -> None:
    """Write every file (never over an existing one), then check them; on any failure remove
    what this call wrote, so a refused run leaves the folders as they were."""
    texts = contents(starter, province)
    written, made_dirs = [], []
    try:
        for path, text in texts.items():
            for folder in reversed([path.parent, *path.parent.parents]):
                if not folder.exists():
                    folder.mkdir()
                    made_dirs.append(folder)
            with open(path, "x", encoding="utf-8") as handle:
                written.append(path)
                handle.write(text)
        problems = _verify(starter, forms_dir, province)
        if problems:
            raise Refused(NEW["starter_invalid"].format(problems="\n".join(problems)))
    except BaseException:
        for path in reversed(written):
            path.unlink(missing_ok=True)
        for folder in reversed(made_dirs):
            folder.rmdir()
        raise


def create(code: str | None, name: str | None, agency_code: str | None, days: str, bpmn_dir: Path,
           forms_dir: Path, catalogue_dir: Path, province: str, database_url: str) -> tuple[Starter, list[str]]:
    """Check the input, choose the agency, write the starter. Returns it with the notes to print
    about the agency; raises Refused (nothing written) with a Vietnamese message."""
    from engine.profile import ProfileError, load_profile
    code, name, days = clean_code(code), clean_name(name), clean_days(days)
    try:  # the desk's reception limit is the province's policy value (8 working hours nationally)
        reception_hours = load_profile(province).policy("reception_working_hours", datetime.now(UTC))
    except ProfileError as exc:
        raise Refused(str(exc)) from exc
    where = database_url.split("@")[-1]
    if agency_code:
        agency_code = clean_agency_code(agency_code)
        try:
            found = agency_from_database(database_url, agency_code)
            notes = [] if found else [NEW["agency_unknown"].format(code=agency_code)]
        except DatabaseUnavailable:  # the analyst said which agency: the files do not need the database
            found, notes = None, []
        agency = found or Agency(agency_code)
        notes.append(NEW["agency"].format(agency=_describe(agency)))
    else:
        try:
            agency = agency_from_database(database_url)
        except DatabaseUnavailable:
            raise Refused(NEW["no_database"].format(db=where)) from None
        if agency is None:
            raise Refused(NEW["no_agency_in_db"].format(db=where))
        notes = [NEW["agency_chosen"].format(agency=_describe(agency))]
    starter = plan(code, name, agency, days, reception_hours, bpmn_dir, forms_dir, catalogue_dir)
    write(starter, forms_dir, province)
    return starter, notes


def _describe(agency: Agency) -> str:
    return f"{agency.name} ({agency.code})" if agency.name else agency.code


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@click.command("new", help=NEW["help"])
@click.argument("code", required=False)
@click.option("--name", default=None, help=NEW["name_help"])
@click.option("--agency", "agency_code", default=None, help=NEW["agency_help"])
@click.option("--days", default="5", show_default=True, help=NEW["days_help"])
def new(code: str | None, name: str | None, agency_code: str | None, days: str) -> None:
    from ..config import settings
    config = settings()
    try:
        starter, notes = create(code, name, agency_code, days, Path(config["MOTCUA_BPMN_DIR"]),
                                Path(config["MOTCUA_FORMS_DIR"]), Path(config["MOTCUA_CATALOGUE_DIR"]),
                                config["MOTCUA_PROVINCE"], config["SQLALCHEMY_DATABASE_URI"])
    except Refused as exc:
        click.echo(APP_CLI["error"].format(message=exc), err=True)
        sys.exit(2)
    shown = {key: _shown(path) for key, path in (("diagram", starter.diagram), ("scenario", starter.scenario),
                                                 ("form", starter.form), ("ui", starter.ui_form),
                                                 ("entry", starter.entry))}
    click.echo(NEW["written"].format(name=starter.name, code=starter.code, process_id=starter.process_id))
    width = max(len(p) for p in shown.values())
    for key, path in shown.items():
        click.echo(f"  {path:<{width}}  {NEW['files'][key]}")
    for note in notes:
        click.echo(note)
    click.echo(NEW["time"].format(days=starter.days, appraisal=starter.appraisal_days, approval=APPROVAL_DAYS))
    click.echo("")
    click.echo(NEW["next"])
    for step in NEW["next_steps"]:
        click.echo("  " + step.format(**shown))
