"""Timer events that read the engine clock instead of the wall clock.

SpiffWorkflow's timers compare against `datetime.now()`; ours compare against
`engine.clock.now()`, so deadlines can be tested exactly and fired by the scheduler
at the instant it chose.
"""
from __future__ import annotations

from datetime import datetime

from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimeDateEventDefinition

from . import clock


def parse_instant(value) -> datetime:
    instant = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if instant.tzinfo is None:
        raise ValueError(f"timer instant without a timezone: {value!r}")
    return instant


class ClockTimeDateEventDefinition(TimeDateEventDefinition):
    """A timeDate timer whose expression (e.g. `working_hours(8)`) is evaluated once, when
    the timer starts, and fires when the engine clock reaches that instant."""

    def has_fired(self, my_task):
        due = my_task._get_internal_data("event_value")
        if due is None:
            due = my_task.workflow.script_engine.evaluate(my_task, self.expression)
            due = parse_instant(due).isoformat()
            my_task._set_internal_data(event_value=due)
        if parse_instant(due) <= clock.now():
            my_task._set_internal_data(event_fired=True)
        return my_task._get_internal_data("event_fired", False)


def due_instant(task) -> datetime | None:
    """When a waiting timer task will fire, once its expression has been evaluated."""
    value = task._get_internal_data("event_value")
    return parse_instant(value) if isinstance(value, str) else None
