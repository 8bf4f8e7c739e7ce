"""Running a scenario file against the engine, with a clock the scenario controls.

Each scenario starts an instance at `bat_dau` and keeps its own "now": an action happens at
its `luc` (or now), `troi_qua` moves now forward, and whenever now moves, the timers that fall
due on the way fire at their own due instants, one after another, as the scheduler would fire
them. Nothing is read from the wall clock. A step that fails is reported with what was expected
and what was found; the scenario stops there and the next one runs. Bad input never raises.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..calendar import WorkingCalendar
from ..calendar_functions import deadline_functions
from ..catalogue_forms import CitizenForm, citizen_forms, unreadable
from ..diagram_check import AGENCY_CODE, PAYMENT_MESSAGE, SUPPLEMENT_MESSAGE, Problem
from ..diagram_names import PAYMENT_METHODS
from ..dossier_due import PAPER_CHANNELS, paper_handover
from ..form_check import closest, form_problems, guess, pair_problems
from ..forms import FieldError, Form, dropped, format_holds, load_form
from ..numbers import grouped
from ..profile import ProfileError, load_profile
from ..roles import DESK, ROLE_LABELS, role_for_lane
from ..runtime import Engine, EngineError, NotWaiting, Outcome
from .. import supplement_rules
from ..statuses import SUBMITTED
from ..withdrawal import MESSAGE as WITHDRAWAL, withdrawal_reason
from . import model
from .appointment import Appointment
from .coverage import CoverageTracker
from .diagram import Facts, element, fold, load_diagram, one_line
from .messages import MESSAGES as M
from .results import FileReport, ScenarioResult, StepResult

MAX_TIMER_ROUNDS = 1000  # timers fired while the clock moves once: a diagram that loops stops here
SUPPLEMENT = SUPPLEMENT_MESSAGE  # the citizen's supplement: it completes the application, as on the portal
PAYMENT = PAYMENT_MESSAGE  # the fee: paid in full, online unless the step says otherwise, as the system does
_MISSING = object()


class _Refused(Exception):
    """A step expecting `loi` was refused as expected before reaching the engine."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class StepFailed(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class _Context:
    engine: Engine
    facts: Facts
    calendar: WorkingCalendar
    forms_dir: Path
    tracker: CoverageTracker
    shared: dict
    citizen_forms: list[tuple[CitizenForm, Form]]

    @property
    def processing(self) -> tuple[float, str] | None:
        """The processing time of the procedure's (first) catalogue entry, as the app counts it."""
        return next((c.processing for c, _ in self.citizen_forms if c.processing), None)

    @property
    def processing_entry(self) -> str | None:
        """The entry whose processing time a scenario counts, when entries using the process
        differ in it (each procedure's dossiers count their own): said with `hen_tra`."""
        times = {c.processing for c, _ in self.citizen_forms if c.processing}
        return next(c.entry for c, _ in self.citizen_forms if c.processing) if len(times) > 1 else None


def _same(expected, actual) -> bool:
    """Equality as an analyst means it: 1 equals 1.0, but true is not 1."""
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(expected) is type(actual) and expected == actual
    if isinstance(expected, dict) and isinstance(actual, dict):
        return expected.keys() == actual.keys() and all(_same(v, actual[k]) for k, v in expected.items())
    if isinstance(expected, list) and isinstance(actual, list):
        return len(expected) == len(actual) and all(_same(a, b) for a, b in zip(expected, actual))
    return expected == actual


def _show(value) -> str:
    if value is _MISSING or value is None:
        return M["data_missing"]
    try:
        return json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return str(value)


def _sentence(error) -> str:
    """An engine message as a sentence, so the advice that follows reads as its own."""
    text = str(error).strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _money(amount: int) -> str:
    return M["money"].format(value=grouped(amount))


def _quoted(names) -> str:
    """Names in «», each on one line (a modeler breaks a long task name with &#10;)."""
    return ", ".join(f"«{one_line(n)}»" for n in names) or M["none"]


def _at(schema: dict, data, path: list):
    """The schema and the value of a field along a dotted path (items of lists by number);
    the value is _MISSING when the data has none."""
    for part in path:
        if isinstance(data, list) and part.isdigit():
            schema, data = schema.get("items", {}), data[int(part)] if int(part) < len(data) else _MISSING
        else:
            schema = _props(schema).get(part, {})
            data = data.get(part, _MISSING) if isinstance(data, dict) else _MISSING
        schema = schema if isinstance(schema, dict) else {}
    return schema, data


def _said(value) -> str:
    if isinstance(value, str):
        return value
    return model.typed(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else _show(value)


def _props(node: dict) -> dict:
    found = node.get("properties")
    return found if isinstance(found, dict) else {}


def _more(schema: dict, data: dict, error: FieldError) -> str:
    """What the form's message leaves out, from the schema and the data themselves (the message
    does not say which rule failed): the value written and the allowed ones for a choice, and the
    closest declared name for a field the form does not declare or misses."""
    path = error.field.split(".") if error.field else []
    node, value = _at(schema, data, path)
    allowed = node.get("enum")
    if not isinstance(allowed, list):
        one_of = node.get("oneOf") if isinstance(node.get("oneOf"), list) else []
        allowed = [o["const"] for o in one_of if isinstance(o, dict) and "const" in o]
    if isinstance(value, str) and node.get("format") in M["form_format"] and not format_holds(value, node["format"]):
        return M["form_format"][node["format"]]
    if allowed and value is not _MISSING and value not in allowed:
        return M["form_value"].format(value=_said(value), allowed=", ".join(map(_said, allowed)),
                                      guess=guess(_said(value), [a for a in allowed if isinstance(a, str)]))
    if value is _MISSING and path:  # a required field missing: the data may hold it misspelled
        node, value = _at(schema, data, path[:-1])
        if node.get("additionalProperties") is False:
            return ""  # the form's error for the undeclared name gets the guess
        choices = [path[-1]]
    elif node.get("additionalProperties") is False:
        choices = list(_props(node))
    else:
        return ""
    declared = _props(node)
    pairs = [(k, closest(k, choices)) for k in value if k not in declared] if isinstance(value, dict) else []
    return "".join(M["form_field_guess"].format(name=name, given=k) for k, name in pairs if name)


def _listed(errors, schema: dict, data: dict) -> str:
    return "\n".join(M["form_error"].format(field=f"{e.field}: " if e.field else "",
                                             message=e.message + _more(schema, data, e)) for e in errors)


class _Run:
    """One scenario: its instance, its clock, what it has seen."""

    def __init__(self, ctx: _Context, scenario: model.Scenario):
        self.ctx = ctx
        self.scenario = scenario
        self.tz = ctx.calendar.tz
        self.outcome: Outcome | None = None
        self.now: datetime | None = None
        self.marked_late = False
        self.notes: list[str] = []
        self.task_ids: dict[str, str] = {}  # last id of each task name, for the engine's own refusal
        self.application: dict = {}  # the citizen's application as it stands (supplements complete it)
        # The status the app shows: it keeps the last one the diagram set (1 from submission), as
        # app/dossiers/transitions.py does when a transition sets none.
        self.status = SUBMITTED
        self.status_set = False
        self.appointment = Appointment(ctx.calendar, ctx.processing)
        self.supplements_asked: Counter = Counter()  # supplement requests by stage (reception, processing)
        self.asked: dict | None = None  # the data of the latest supplement request

    # -- text ------------------------------------------------------------------------------------

    def fmt(self, instant: datetime) -> str:
        local = instant.astimezone(self.tz)
        return local.strftime("%Y-%m-%d %H:%M:%S" if local.second else "%Y-%m-%d %H:%M")

    def shown_status(self, o: Outcome) -> tuple[int, str]:
        """The status the app shows after `o`, and why when the diagram did not set it there."""
        if o.status is not None:
            return o.status, ""
        return self.status, M["status_kept"] if self.status_set else M["status_initial"]

    def state(self, with_ids: bool = False, outcome: Outcome | None = None) -> str:
        o = outcome or self.outcome
        status, why = self.shown_status(o)
        parts = [M["state"].format(status=status) + why]
        if o.open_tasks:
            if with_ids:
                tasks = ", ".join(element(t.node_id, t.name) for t in o.open_tasks)
            else:
                tasks = _quoted(t.name for t in o.open_tasks)
            parts.append(M["open_tasks"].format(tasks=tasks))
        else:
            parts.append(M["no_open_task"])
        if o.waiting_messages:
            parts.append(M["waiting"].format(messages=", ".join(sorted(set(o.waiting_messages)))))
        if o.completed:
            parts.append(M["finished"])
        elif not o.open_tasks and not o.waiting_messages and o.next_timer_at is None and o.waiting_joins:
            # Nothing can move it on: a branch waits at a join for one that never comes (QT-60).
            parts.append(M["stuck_at_join"].format(gateways=", ".join(element(i, n) for i, n in o.waiting_joins)))
        return "; ".join(parts)

    def with_notes(self, text: str) -> str:
        return "; ".join([*self.notes, text])

    # -- the clock and the instance --------------------------------------------------------------

    @property
    def ids(self) -> tuple[str, str, str]:
        return self.outcome.process_id, self.outcome.version, self.outcome.state

    def observe(self, outcome: Outcome, at: datetime) -> None:
        self.appointment.observe(self.outcome.waiting_messages if self.outcome else (), outcome, at)
        self.outcome = outcome
        if outcome.status is not None:
            self.status, self.status_set = outcome.status, True
        self.ctx.tracker.observe(outcome.state)
        for timer in outcome.fired_timers:
            self.marked_late = self.marked_late or timer.marks_late
            self.notes.append(M["timer_fired"].format(
                element=element(timer.node_id, timer.name), at=self.fmt(at),
                late=M["timer_marks_late"] if timer.marks_late else ""))
        for task in outcome.open_tasks:
            self.task_ids[fold(task.name)] = task.id

    def move_to(self, at: datetime, acting: bool = False) -> None:
        """Move the scenario's clock forward to `at`, firing each timer due on the way at its
        own due instant (a timer it starts counts from there). `acting`: an action comes at
        `at`, before a timer due at that very instant (done by its due instant is on time)."""
        if at < self.now:
            raise StepFailed(M["earlier"].format(at=self.fmt(at), now=self.fmt(self.now)))
        for _ in range(MAX_TIMER_ROUNDS):
            due = self.outcome.next_timer_at
            if due is None or due > at or (acting and due == at) or self.outcome.completed:
                break
            fire_at = max(due, self.now)
            try:
                outcome = self.ctx.engine.fire_timers(*self.ids, fire_at)
            except EngineError as exc:
                raise StepFailed(M["engine_failed"].format(detail=_sentence(exc))) from None
            self.now = fire_at
            self.observe(outcome, fire_at)
            if not outcome.fired_timers and outcome.next_timer_at == due:
                break  # the engine did not fire it: waiting longer changes nothing
        else:
            raise StepFailed(M["too_many_timers"].format(limit=MAX_TIMER_ROUNDS, at=self.fmt(at)))
        self.now = at

    def when(self, step) -> datetime:
        return step.at.resolve(self.tz) if step.at is not None else self.now

    def refused(self, step, detail: str) -> str:
        """An expected refusal: it passes when the message holds the text the step expects."""
        if fold(step.error) in fold(detail):
            return M["refused_as_expected"].format(detail=detail)
        raise StepFailed(M["refused_wrongly"].format(expected=step.error, detail=detail))

    # -- running ---------------------------------------------------------------------------------

    def run(self) -> ScenarioResult:
        s = self.scenario
        result = ScenarioResult(s.number, s.name, s.line)
        if s.problem:
            line = s.problem_line or s.line
            title = M["scenario_problem_line"].format(line=line) if line != s.line else M["scenario_problem"]
            result.steps.append(StepResult(0, line, title, False, s.problem))
            return result
        start = self.start()
        result.steps.append(start)
        if not start.passed:
            result.skipped = len(s.steps)
            return result
        for index, step in enumerate(s.steps):
            outcome = self.execute(step)
            result.steps.append(outcome)
            if not outcome.passed:
                result.skipped = len(s.steps) - index - 1
                break
        return result

    def start(self) -> StepResult:
        s = self.scenario
        at = s.start.resolve(self.tz)
        title = M["start"].format(at=self.fmt(at))
        application = {**self.ctx.shared, **s.data}
        try:
            refusal = self.citizen_refusal(application, "citizen_refused_start", at)
        except StepFailed as exc:
            return StepResult(0, s.line, title, False, exc.message)
        if refusal:
            # At the line of the first field refused (QT-30), else of du_lieu / du_lieu_chung.
            fields = [e.field.split(".")[0] for e in refusal[2]]
            line = next((s.data_lines[f] for f in fields if f in s.data_lines), s.data_line) or s.line
            return StepResult(0, line, M["start_line"].format(at=self.fmt(at), line=line), False, refusal[0])
        self.application = application = self.kept(application)
        try:
            outcome = self.ctx.engine.start(self.ctx.facts.version.process_id, application, at)
        except EngineError as exc:
            return StepResult(0, s.line, title, False, M["start_failed"].format(detail=_sentence(exc)))
        except Exception as exc:  # noqa: BLE001 - reported, never raised: see module docstring
            return StepResult(0, s.line, title, False, M["unexpected"].format(kind=type(exc).__name__, detail=exc))
        self.now = at
        self.appointment.submitted(at)
        self.observe(outcome, at)
        return StepResult(0, s.line, title, True, self.with_notes(self.state()))

    def title(self, step) -> str:
        if isinstance(step, model.Check):
            return M["check"]
        if isinstance(step, model.CompleteTask):
            return M["do"].format(task=one_line(step.task)) + (M["at"].format(at=step.at.text) if step.at else "")
        if isinstance(step, model.SendMessage):
            return (M["send"].format(message=one_line(step.message))
                    + (M["at"].format(at=step.at.text) if step.at else ""))
        if isinstance(step, model.LetTimePass):
            return (M["wait_until"].format(at=step.until.text) if step.until
                    else M["wait"].format(amount=step.duration.text))
        return M["invalid_step"]

    def execute(self, step) -> StepResult:
        self.notes = []
        title = self.title(step)
        handlers = {model.Check: self.check, model.CompleteTask: self.complete,
                    model.SendMessage: self.send, model.LetTimePass: self.wait}
        try:
            if isinstance(step, model.InvalidStep):
                raise StepFailed(step.problem)
            message = handlers[type(step)](step)
        except StepFailed as exc:
            return StepResult(step.number, step.line, title, False, self.with_notes(exc.message))
        except Exception as exc:  # noqa: BLE001 - reported, never raised: see module docstring
            detail = M["unexpected"].format(kind=type(exc).__name__, detail=exc)
            return StepResult(step.number, step.line, title, False, detail)
        return StepResult(step.number, step.line, title, True, message)

    # -- the four kinds of step ------------------------------------------------------------------

    def complete(self, step: model.CompleteTask) -> str:
        at = self.when(step)
        self.move_to(at, acting=True)
        facts = self.ctx.facts
        nodes = facts.task_nodes(step.task)
        if not nodes:
            raise StepFailed(M["task_not_in_diagram"].format(
                task=one_line(step.task), guess=self.task_guess(step.task), tasks=_quoted(facts.task_names())))
        candidates = [t for t in self.outcome.open_tasks if fold(t.name) == fold(step.task)]
        if not candidates:
            previous = self.task_ids.get(fold(step.task))
            if step.error and previous:
                # The engine's own answer to acting on a closed task, as an officer would get it.
                try:
                    self.ctx.engine.complete_task(*self.ids, previous, step.data, at)
                except EngineError as exc:
                    return self.refused(step, str(exc))
            raise StepFailed(M["task_not_open"].format(task=one_line(step.task), state=self.state(with_ids=True),
                                                       element=", ".join(facts.name(n) for n in nodes)))
        if step.lane:
            candidates = [t for t in candidates if self.in_lane(t, step.lane)] or candidates
        if step.agency:
            candidates = [t for t in candidates if t.agency_code == step.agency] or candidates
        task = candidates[0]
        name = element(task.node_id, task.name)
        # An officer of another role or agency is refused the step: expected with `loi`, else a failure.
        wrong = None
        if step.lane and not self.in_lane(task, step.lane):
            wrong = M["task_lane"].format(element=name, lane=one_line(task.lane or ""),
                                          role=ROLE_LABELS.get(task.role, task.role), given=one_line(step.lane))
        elif step.agency and task.agency_code != step.agency:
            actual = M["agency_code"].format(code=task.agency_code) if task.agency_code else M["agency_default"]
            wrong = M["task_agency"].format(element=name, actual=actual, given=step.agency)
        elif task.agency_code and not AGENCY_CODE.match(task.agency_code):
            # Read from a field («công an tỉnh»): no agency has it, the live step goes to the dossier's own (QT-07).
            raise StepFailed(M["agency_not_code"].format(element=name, code=task.agency_code))
        if wrong is not None:
            if step.error:
                return self.refused(step, wrong)
            raise StepFailed(wrong)
        if task.form:
            try:
                form = load_form(self.ctx.forms_dir, task.form, task.ui_form)  # its shownWhen, as the app
            except (OSError, ValueError) as exc:
                raise StepFailed(M["form_missing"].format(form=task.form, element=name,
                                                          detail=getattr(exc, "strerror", None) or exc)) from None
            errors = form.validate(step.data, at)
            if errors:
                if step.error:
                    return self.refused(step, " ".join(e.message for e in errors))
                raise StepFailed(M["form_refused"].format(form=task.form, element=name,
                                                          errors=_listed(errors, form.schema, step.data)))
        try:
            data = form.visible(step.data) if task.form else step.data  # kept as the app keeps it (QT-57)
            handed = self.handed(at) if task.role == DESK and not self.appointment.received else None
            outcome = self.ctx.engine.complete_task(*self.ids, task.id, data, at, handed,
                                                    form.left_empty(data) if task.form else ())
            self.note_handover(handed, outcome)
        except EngineError as exc:
            if step.error:
                return self.refused(step, str(exc))
            raise StepFailed(M["engine_failed"].format(detail=_sentence(exc))) from None
        asking = outcome.asks(SUPPLEMENT, self.outcome.waiting_messages)
        if asking:  # as the app asks an officer (QT-14): everything at once, early in processing
            stage = supplement_rules.stage(self.appointment.received_at)
            needed = supplement_rules.justification_needed(
                self.ctx.calendar, self.appointment.received_at, self.supplements_asked[stage], at)
            if needed is not None and not step.justification:
                if step.error:
                    return self.refused(step, needed[1])
                raise StepFailed(needed[1] + M["justification_hint"])
        said = self.done(step, outcome, at)
        if asking:
            self.supplements_asked[stage] += 1
            self.asked = data  # what the request names: the supplement must bring those files
        return said

    def handed(self, at: datetime) -> datetime | None:
        """As the app hands a paper dossier on (app/dossiers/handover.py): passed on by the desk
        after the cut-off, the steps it opens start the next working morning; online, or before
        the cut-off, at once."""
        return paper_handover(self.ctx.calendar, at) if self.scenario.channel in PAPER_CHANNELS else None

    def note_handover(self, handed: datetime | None, outcome: Outcome) -> None:
        if handed is not None and {t.id for t in outcome.open_tasks} - {t.id for t in self.outcome.open_tasks}:
            self.notes.append(M["handed_next_day"].format(at=self.fmt(handed)))

    def in_lane(self, task, given: str) -> bool:
        return fold(given) == fold(task.lane or "") or (task.role is not None and role_for_lane(given) == task.role)

    def citizen_refusal(self, data: dict, key: str, at: datetime) -> tuple[str, str, list[FieldError]] | None:
        """What the portal would say refusing the citizen's `data` (the whole message, the field
        messages alone for a step expecting `loi`, and the errors), checked against the citizen
        form of each catalogue entry using the process; None when every one takes it."""
        for citizen, form in self.ctx.citizen_forms:
            try:
                errors = form.validate(data, at)
            except Exception as exc:  # noqa: BLE001 - a form the checks let through, still unusable
                raise StepFailed(M["citizen_form_broke"].format(
                    form=citizen.form, entry=citizen.entry, detail=f"{type(exc).__name__}: {exc}"[:300])) from None
            if errors:
                message = M[key].format(form=citizen.form, entry=citizen.entry,
                                        errors=_listed(errors, form.schema, data))
                return message, " ".join(e.message for e in errors), errors
        return None

    def supplemented(self, step: model.SendMessage) -> dict:
        """A supplement's data as the portal delivers it: the application as it stands, completed
        by what the step sends, and refused unless the citizen form takes the result, a new file
        of each component the request named comes with it (`tep`), and it changes something."""
        if step.message != SUPPLEMENT or SUPPLEMENT not in self.outcome.waiting_messages:
            return step.data
        application = {**self.application, **step.data}
        refusal = self.citizen_refusal(application, "citizen_refused_supplement", self.now)
        if refusal:
            self.refuse(step, refusal[1], refusal[0])
        uploads = self.ctx.citizen_forms[0][0].uploads if self.ctx.citizen_forms else None
        if uploads is not None:
            sent = self.sent_files(step, uploads)
            missing = [c for c in supplement_rules.asked_components(list(uploads), self.asked) if c["code"] not in sent]
            if missing:
                names = _quoted(c["name"] for c in missing)
                self.refuse(step, M["supplement_file_missing"].format(names=names),
                            M["supplement_file_missing"].format(names=names) + M["supplement_file_hint"].format(
                                codes=", ".join(c["code"] for c in missing)))
            if not sent and self.kept(application) == self.application:
                self.refuse(step, M["supplement_nothing"], M["supplement_nothing"] + M["supplement_nothing_hint"])
        return self.kept(application)

    def refuse(self, step, said: str, failure: str) -> None:
        """What the portal would refuse: expected with `loi` (_Refused), else the step fails."""
        if step.error:
            raise _Refused(self.refused(step, said))
        raise StepFailed(failure)

    def sent_files(self, step: model.SendMessage, uploads) -> set[str]:
        """The codes of the components a supplement step sends a file of (`tep`: codes or names)."""
        def named(text: str):
            return next((c for c in uploads if fold(text) in (fold(c["code"]), fold(c["name"]))), None)
        sent = set()
        for i, given in enumerate(step.files):
            found = named(given)
            # [A (x, y)] in YAML's flow style is two pieces: the name had a comma in it
            split = next((", ".join(step.files[i:j]) for j in range(i + 2, len(step.files) + 1)
                          if named(", ".join(step.files[i:j]))), None) if found is None else None
            if split is not None:
                raise StepFailed(M["supplement_file_split"].format(name=split, code=named(split)["code"]))
            if found is None:
                raise StepFailed(M["supplement_file_unknown"].format(
                    given=one_line(given), components=", ".join(f"{c['code']} «{c['name']}»" for c in uploads)
                    or M["none"]))
            sent.add(found["code"])
        return sent

    def withdrawn(self, step: model.SendMessage) -> dict:
        """A withdrawal as the portal, the desk and the API deliver it: its reason alone, which
        must be written."""
        if WITHDRAWAL not in self.outcome.waiting_messages:
            return step.data
        reason = withdrawal_reason(step.data.get("ly_do_rut"))
        if reason is None and step.error:
            raise _Refused(self.refused(step, M["withdrawal_reason"]))
        if reason is None:
            raise StepFailed(M["withdrawal_reason"])
        return {"ly_do_rut": reason}

    def kept(self, application: dict) -> dict:
        """The application as the app keeps it: without what hidden fields hold (QT-57), as the
        citizen form of the procedure's (first) catalogue entry hides them."""
        return self.ctx.citizen_forms[0][1].visible(application) if self.ctx.citizen_forms else application

    def paid(self, step: model.SendMessage) -> dict:
        """A payment as the gateway or the desk delivers it: exactly the amount due, one of the
        methods, a transaction number; what the step gives must agree, else the step fails (or is
        refused as a step with «loi» expects)."""
        if step.message != PAYMENT or PAYMENT not in self.outcome.waiting_messages:
            return step.data
        due = self.outcome.amount_due or 0
        payment = {"so_tien_da_nop": due, "hinh_thuc_nop": PAYMENT_METHODS[0], "ma_giao_dich": "KICH-BAN", **step.data}
        unknown = [key for key in step.data if key not in ("so_tien_da_nop", "hinh_thuc_nop", "ma_giao_dich")]
        problem = None
        if unknown:
            problem = M["payment_unknown_key"].format(key=unknown[0])
        elif payment["so_tien_da_nop"] != due or isinstance(payment["so_tien_da_nop"], bool):
            problem = M["payment_amount"].format(due=due, due_words=grouped(due),
                                                 paid=_said(payment["so_tien_da_nop"]))
        elif payment["hinh_thuc_nop"] not in PAYMENT_METHODS:
            problem = M["payment_method"].format(methods=", ".join(PAYMENT_METHODS), method=payment["hinh_thuc_nop"])
        elif due == 0 and payment["hinh_thuc_nop"] == PAYMENT_METHODS[0]:
            problem = M["payment_zero_online"]  # the portal offers no payment of nothing; the desk records it
        if problem and step.error:
            raise _Refused(self.refused(step, problem))
        if problem:
            raise StepFailed(problem)
        return payment

    def send(self, step: model.SendMessage) -> str:
        at = self.when(step)
        self.move_to(at, acting=True)
        facts = self.ctx.facts
        if step.files and step.message != SUPPLEMENT:
            raise StepFailed(M["files_not_supplement"].format(message=step.message))
        if step.message not in facts.messages:
            raise StepFailed(M["message_not_in_diagram"].format(
                message=step.message, guess=guess(step.message, facts.messages),
                messages=", ".join(sorted(facts.messages)) or M["none"]))
        try:
            payload = self.paid(step) if step.message == PAYMENT else self.withdrawn(step) \
                if step.message == WITHDRAWAL else self.supplemented(step)
        except _Refused as refused:
            return refused.message
        try:
            handed = self.handed(at) if step.message == PAYMENT else None  # paid at the desk: it hands it on
            cleared = dropped(self.application, payload) if step.message == SUPPLEMENT else ()
            outcome = self.ctx.engine.deliver_message(*self.ids, step.message, payload, at, handed, cleared)
            self.note_handover(handed, outcome)
        except EngineError as exc:
            if step.error:
                return self.refused(step, str(exc))
            if isinstance(exc, NotWaiting):
                elements = ", ".join(facts.name(e) for e in facts.messages[step.message]) or M["none"]
                raise StepFailed(M["message_not_waited"].format(
                    message=step.message, elements=elements, state=self.state(with_ids=True))) from None
            raise StepFailed(M["engine_failed"].format(detail=_sentence(exc))) from None
        if not step.error:  # the due instants move as the app moves them, before the steps open
            if step.message == PAYMENT:
                self.appointment.paid(at)
            elif step.message == SUPPLEMENT:
                self.appointment.supplemented(at)
        said = self.done(step, outcome, at)
        if step.message == SUPPLEMENT:
            self.application = payload
        return said

    def done(self, step, outcome: Outcome, at: datetime) -> str:
        if step.error:  # the new state is not kept: the scenario stops on this failure
            raise StepFailed(M["not_refused"].format(expected=step.error, state=self.state(outcome=outcome)))
        self.now = at
        self.observe(outcome, at)
        return self.with_notes(self.state())

    def wait(self, step: model.LetTimePass) -> str:
        start = self.now
        if step.until is not None:
            target = step.until.resolve(self.tz)
        else:
            amount, unit = step.duration.amount, step.duration.unit
            calendar = self.ctx.calendar
            add = {"working_hours": calendar.add_working_hours, "working_days": calendar.add_working_days,
                   "calendar_days": lambda at, n: calendar.add_calendar_days(at, int(n))}[unit]
            try:
                target = add(start, amount)
            except ValueError as exc:
                raise StepFailed(M["duration_failed"].format(value=step.duration.text, detail=exc)) from None
        self.move_to(target)
        timers = "; ".join(self.notes) or M["no_timer"]
        self.notes = []
        return "; ".join([M["passed_time"].format(from_=self.fmt(start), to=self.fmt(target), timers=timers),
                          self.state()])

    def check(self, step: model.Check) -> str:
        """Every expectation of the step is checked; all the ones that do not hold are listed."""
        o, checked, fails = self.outcome, [], []
        if step.status is not None:
            checked.append(M["check_status"].format(value=step.status))
            status, why = self.shown_status(o)
            if status != step.status:
                fails.append(M["expected_status"].format(expected=step.status, actual=f"{status}{why}"))
        if step.tasks is not None:
            checked.append(M["check_tasks"].format(tasks=_quoted(step.tasks)))
            fails.extend(self.open_tasks_differ(step.tasks))
        split = self.split_name([name for name, _ in step.due or ()])
        if split:
            fails.append(M["expected_due_split"].format(split=split))
        for name, instant in () if split else step.due or ():
            if instant is None:
                fails.append(M["expected_due_empty"].format(task=one_line(name)))
                continue
            checked.append(M["check_due"].format(task=one_line(name), at=self.fmt(instant.resolve(self.tz))))
            differs = self.due_differs(name, instant)
            if differs:
                fails.append(differs)
        if step.appointment is not None:
            fails.extend(self.appointment_differs(step.appointment, checked))
        if step.messages is not None:
            expected, actual = (", ".join(sorted(set(m))) or M["none"] for m in (step.messages, o.waiting_messages))
            checked.append(M["check_messages"].format(messages=expected))
            if set(step.messages) != set(o.waiting_messages):
                fails.append(M["expected_messages"].format(expected=expected, actual=actual))
        if step.amount_due is not None:
            checked.append(M["check_amount"].format(value=_money(step.amount_due)))
            if (o.amount_due or 0) != step.amount_due:
                fails.append(M["expected_amount"].format(expected=_money(step.amount_due),
                                                         actual=_money(o.amount_due or 0)))
        flags = (("completed", step.completed, o.completed), ("late", step.late, self.marked_late))
        for key, expected, actual in flags:
            if expected is not None:
                said, found = (M["yes"] if value else M["no"] for value in (expected, actual))
                checked.append(M[f"check_{key}"].format(value=said))
                if expected != actual:
                    fails.append(M[f"expected_{key}"].format(expected=said, actual=found))
        for key, expected in (step.data or {}).items():
            checked.append(M["check_data"].format(key=key, value=_show(expected)))
            actual = o.data.get(key, _MISSING)
            if not self.data_holds(expected, actual):
                shown = self.fmt(actual) if isinstance(actual, datetime) else _show(actual)
                fails.append(M["expected_data"].format(key=key, expected=_show(expected), actual=shown))
        if fails:
            raise StepFailed(M["failed_checks"].format(lines="\n".join(fails)))
        return M["checked"].format(what="; ".join(checked))

    def data_holds(self, expected, actual) -> bool:
        """A value of the data as expected; a date a script stored is expected as an instant is
        written everywhere in the file ("2026-12-01 17:00", local time)."""
        if isinstance(actual, datetime) and isinstance(expected, str):
            try:
                return model.parse_instant(expected, "du_lieu").resolve(self.tz) == actual
            except model.InvalidValue:
                return False
        if expected is None:  # «truong: null»: the data holds no such field
            return actual is _MISSING or actual is None
        return actual is not _MISSING and _same(expected, actual)

    def open_tasks_differ(self, expected: tuple[str, ...]) -> list[str]:
        names = [t.name for t in self.outcome.open_tasks]
        if Counter(map(fold, expected)) == Counter(map(fold, names)):
            return []
        unknown = [n for n in expected if not self.ctx.facts.task_nodes(n)]
        split = self.split_name(expected)
        meant = [m for m in (closest(n, self.ctx.facts.task_names()) for n in unknown) if m]
        guesses = M["unknown_task_guesses"].format(names=_quoted(meant)) if meant else ""
        hint = (M["expected_tasks_split"].format(split=split) if split
                else M["unknown_task_hint"].format(names=_quoted(unknown), guesses=guesses) if unknown else "")
        return [M["expected_tasks"].format(expected=_quoted(expected), actual=_quoted(sorted(names))) + hint]

    def task_guess(self, name: str) -> str:
        return guess(name, self.ctx.facts.task_names())

    def split_name(self, names) -> str | None:
        """Why a task name with a comma is not found: YAML's flow style ([A, B], {A, B: …}) cut it
        into pieces, some naming no task, that join with ", " into a task of the diagram."""
        facts = self.ctx.facts
        for i in range(len(names)):
            for j in range(i + 2, len(names) + 1):
                pieces = names[i:j]
                if facts.task_nodes(", ".join(pieces)) and not all(map(facts.task_nodes, pieces)):
                    return M["split_name"].format(name=one_line(", ".join(pieces)), pieces=_quoted(pieces))
        return None

    def due_differs(self, name: str, instant: model.Instant) -> str | None:
        expected = instant.resolve(self.tz)
        if not self.ctx.facts.task_nodes(name):
            return M["expected_due_unknown"].format(task=one_line(name), guess=self.task_guess(name),
                                                    tasks=_quoted(self.ctx.facts.task_names()))
        tasks = [t for t in self.outcome.open_tasks if fold(t.name) == fold(name)]
        if not tasks:
            return M["expected_due_closed"].format(task=one_line(name),
                                                   actual=_quoted(t.name for t in self.outcome.open_tasks))
        task = tasks[0]
        due = self.appointment.step_due(task)
        if due is None:
            return M["expected_due_none"].format(element=element(task.node_id, task.name), expected=self.fmt(expected),
                                                 why=self.unknown_processing())
        if due != expected:
            return M["expected_due"].format(element=element(task.node_id, task.name), expected=self.fmt(expected),
                                            actual=self.fmt(due))
        return None

    def unknown_processing(self) -> str:
        return M["appointment_unknown"].format(process=self.ctx.facts.version.process_id) \
            if self.appointment.unknown else ""

    def appointment_differs(self, expected, checked: list[str]) -> list[str]:
        """`hen_tra`: the dossier's appointment, or none (model.NO_APPOINTMENT) before reception."""
        actual = self.appointment.due
        if expected == model.NO_APPOINTMENT:
            checked.append(M["check_no_appointment"])
            return [] if actual is None else [M["expected_appointment"].format(
                expected=M["appointment_none_short"], actual=self.fmt(actual))]
        wanted = expected.resolve(self.tz)
        entry = self.ctx.processing_entry
        checked.append(M["check_appointment"].format(at=self.fmt(wanted))
                       + (M["appointment_entry"].format(entry=entry) if entry else ""))
        if actual == wanted:
            return []
        said = self.fmt(actual) if actual is not None else \
            M["appointment_none_short"] + self.unknown_processing() if self.appointment.unknown else M["appointment_none"]
        return [M["expected_appointment"].format(expected=self.fmt(wanted), actual=said)
                + (M["appointment_entry"].format(entry=entry) if entry else "")]


def _where(path: Path, line: int | None, message: str) -> str:
    return f"{path.name}:{line}: {message}" if line else f"{path.name}: {message}"


def _citizen_form_problems(citizen: CitizenForm, forms_dir: Path) -> list[str]:
    """Why the citizen form of a catalogue entry cannot be used, in the lines and words of
    `motcua bpmn check` (app/catalogue/loader.py checks an entry's forms so): the app does not
    take dossiers with it, so no scenario can start."""
    found = [str(Problem(citizen.entry, "form", citizen.form, message))
             for message in form_problems(forms_dir, citizen.form, schema=True, entry=True)]
    if citizen.ui_form is not None:
        found += [str(Problem(citizen.entry, "ui_schema", citizen.ui_form, message))
                  for message in form_problems(forms_dir, citizen.ui_form, schema=False, entry=True)]
        if not found:
            found += [str(Problem(citizen.entry, "ui_schema", citizen.ui_form, message))
                      for message in pair_problems(forms_dir, citizen.form, citizen.ui_form)]
    return found


def _citizen_forms(catalogue_dir, forms_dir: Path, process_id: str, path: Path,
                   report: FileReport) -> list[tuple[CitizenForm, Form]]:
    """The citizen forms of the catalogue entries using the process, checked as `motcua bpmn
    check` checks them and loaded; a form that cannot be used is a problem of the file, listed as
    the check lists it."""
    for entry, why in unreadable(catalogue_dir, process_id):
        report.problems.append(_where(path, None, M["catalogue_entry_unreadable"].format(entry=entry, why=why)))
    loaded = []
    for citizen in citizen_forms(catalogue_dir).get(process_id, []):
        try:
            found = _citizen_form_problems(citizen, forms_dir)
            if not found:
                form = load_form(forms_dir, citizen.form, citizen.ui_form)  # checked above, with its pair
                form.validate({})  # a form jsonschema cannot use fails here, not in a scenario
                loaded.append((citizen, form))
        except Exception as exc:  # noqa: BLE001 - reported, never raised: see module docstring
            found = [M["citizen_form_failed"].format(detail=getattr(exc, "strerror", None) or exc)]
        if found:
            report.problems.append(_where(path, None, M["citizen_form_unusable"].format(
                form=citizen.form, entry=citizen.entry)))
            report.problems.extend(found)
    return loaded


def run_file(path, bpmn_dir, forms_dir, province: str | None = None, catalogue_dir=None) -> FileReport:
    """Run every scenario of one file against its diagram. `province` is the default when the
    file has no `tinh` (else MOTCUA_PROVINCE, else demo). With `catalogue_dir`, the citizen's
    data of each scenario (at the start, and after each supplement) must pass the citizen form
    of the catalogue entries using the process, as on the portal. Never raises on bad input:
    problems are in the report."""
    path = Path(path)
    report = FileReport(path)
    try:
        spec = model.load(path)
    except model.ScenarioFileError as exc:
        report.problems.append(_where(path, exc.line, exc.message))
        return report
    report.process_id = spec.process_id
    report.province = spec.province or province or os.environ.get("MOTCUA_PROVINCE") or "demo"
    try:
        calendar = WorkingCalendar(load_profile(report.province))
    except ProfileError as exc:
        report.problems.append(_where(path, None, M["province"].format(detail=exc)))
        return report
    # The static checks evaluate timer expressions once to see that they give an instant; any
    # instant does, as in `motcua bpmn check`.
    functions = deadline_functions(calendar, datetime.now(timezone.utc))
    loaded = load_diagram(path, Path(bpmn_dir), Path(forms_dir), spec.process_id, functions)
    if loaded.problems:
        report.problems.extend(loaded.problems)
        return report
    citizen = _citizen_forms(catalogue_dir, Path(forms_dir), spec.process_id, path, report)
    if report.problems:
        return report
    report.facts = loaded.facts
    engine = Engine(loaded.registry, calendar)
    tracker = CoverageTracker(loaded.facts, engine.script_engine)
    context = _Context(engine, loaded.facts, calendar, Path(forms_dir), tracker,
                       spec.shared_data, citizen)
    for scenario in spec.scenarios:
        report.scenarios.append(_Run(context, scenario).run())
    report.coverage = tracker.result()
    return report
