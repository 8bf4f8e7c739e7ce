"""A scenario's dossier appointment (ngày hẹn trả) and the due instants steps take from it, kept
in memory as the app keeps them in its rows (app/dossiers/transitions.py, fees.py,
supplements.py, deadlines.py), counted by the same rules (engine/dossier_due.py):

- reaching status 2 issues the appointment: the catalogue entry's processing time from then;
- a step with no timeLimit of its own takes the appointment the dossier has when it opens
  (none before reception), and moves when the appointment moves (QT-06);
- a full supplement restarts the desk's reception time before reception, the processing
  time after it (QT-15); a fee moves them by the working time the applicant took to pay (QT-40).

An apology's new date is an officer's act in the app, not a step of a scenario.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..calendar import WorkingCalendar
from ..diagram_check import PAYMENT_MESSAGE
from ..dossier_due import after_wait, processing_due, reception_due
from ..runtime import Outcome
from ..statuses import RECEIVED


@dataclass
class Appointment:
    calendar: WorkingCalendar
    processing: tuple[float, str] | None  # the catalogue entry's processing time; None: unknown
    reception_due: datetime | None = None
    due: datetime | None = None
    received_at: datetime | None = None
    fee_asked_at: datetime | None = None
    taken: dict[str, datetime | None] = field(default_factory=dict)  # open step id -> the due it took

    def submitted(self, at: datetime) -> None:
        self.reception_due = reception_due(self.calendar, at)

    def observe(self, waiting_before, outcome: Outcome, at: datetime) -> None:
        """After the engine moved the instance at `at`: a fee asked, the dossier received, the
        steps opened (which take the appointment it has now) and closed."""
        if outcome.asks(PAYMENT_MESSAGE, waiting_before):
            self.fee_asked_at = at
        if RECEIVED in outcome.reached_statuses and not self.received:
            self.received_at = at
            self.due = processing_due(self.calendar, *self.processing, at) if self.processing else None
        open_ids = {t.id for t in outcome.open_tasks}
        self.taken = {i: due for i, due in self.taken.items() if i in open_ids}
        for task in outcome.open_tasks:
            if task.due_at is None and task.id not in self.taken:
                self.taken[task.id] = self.due

    def paid(self, at: datetime) -> None:
        """The fee paid at `at`, before the engine hears of it (its time waited is not the agency's)."""
        asked = self.fee_asked_at
        waited = self.calendar.working_hours_between(asked, at) if asked is not None and asked < at else 0
        if self.received:
            if self.due is not None:
                self.move(after_wait(self.calendar, self.due, waited))
        elif self.reception_due is not None:
            self.reception_due = after_wait(self.calendar, self.reception_due, waited)

    def supplemented(self, at: datetime) -> None:
        """A full supplement arrived at `at`: the time starts again."""
        if not self.received:
            self.reception_due = reception_due(self.calendar, at)
        elif self.processing is not None:
            self.move(processing_due(self.calendar, *self.processing, at))

    def move(self, new_due: datetime) -> None:
        previous, self.due = self.due, new_due
        if previous is not None:
            self.taken = {i: new_due if due == previous else due for i, due in self.taken.items()}

    def step_due(self, task) -> datetime | None:
        """An open step's due instant: its own time limit, else the appointment it took."""
        return task.due_at or self.taken.get(task.id)

    @property
    def received(self) -> bool:
        return self.received_at is not None

    @property
    def unknown(self) -> bool:
        """Received, but the processing time is not known: no catalogue entry tells it."""
        return self.received and self.processing is None
