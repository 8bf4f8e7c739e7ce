"""The SpiffWorkflow parser and serializer configured for Một Cửa.

The only changes to SpiffWorkflow's own spiff-arena flavour: timeDate timers read the engine
clock, and task data may hold dates and decimals (converted to JSON-safe forms).
A state is written with `dumps` and read with `loads`, never with `json` directly.
"""
from __future__ import annotations

import json
from copy import deepcopy
from datetime import date
from decimal import Decimal

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.parser.util import full_tag
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.serializer.default.event_definition import (
    TimerConditionalEventDefinitionConverter,
)
from SpiffWorkflow.bpmn.serializer.helpers.encoder import create_encoder
from SpiffWorkflow.bpmn.specs.bpmn_process_spec import BpmnProcessSpec
from SpiffWorkflow.bpmn.specs.defaults import BoundaryEvent, IntermediateCatchEvent, StartEvent
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimeDateEventDefinition
from SpiffWorkflow.spiff.parser.event_parsers import (
    SpiffBoundaryEventParser,
    SpiffIntermediateCatchEventParser,
    SpiffStartEventParser,
)
from SpiffWorkflow.spiff.parser.process import VALIDATOR, SpiffBpmnParser
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG

from .timers import ClockTimeDateEventDefinition


class _ClockTimers:
    def parse_timer_event(self, event):
        parsed = super().parse_timer_event(event)
        if type(parsed) is TimeDateEventDefinition:
            return ClockTimeDateEventDefinition(
                parsed.name, parsed.expression, description=parsed.description
            )
        return parsed


class _StartEventParser(_ClockTimers, SpiffStartEventParser):
    pass


class _BoundaryEventParser(_ClockTimers, SpiffBoundaryEventParser):
    pass


class _CatchEventParser(_ClockTimers, SpiffIntermediateCatchEventParser):
    pass


class Parser(SpiffBpmnParser):
    OVERRIDE_PARSER_CLASSES = {
        **SpiffBpmnParser.OVERRIDE_PARSER_CLASSES,
        full_tag("startEvent"): (_StartEventParser, StartEvent),
        full_tag("boundaryEvent"): (_BoundaryEventParser, BoundaryEvent),
        full_tag("intermediateCatchEvent"): (_CatchEventParser, IntermediateCatchEvent),
    }


def new_parser(validate: bool = True) -> Parser:
    return Parser(validator=VALIDATOR if validate else None)


# Parsed process specs by (content version, process name). A dossier's stored state names its
# spec instead of embedding it, so a state stays small and loads without re-parsing the spec.
_specs: dict[tuple[str, str], BpmnProcessSpec] = {}


def remember_spec(version: str, spec: BpmnProcessSpec) -> None:
    spec.motcua_version = version
    _specs[(version, spec.name)] = spec


def _spec_ref(spec: BpmnProcessSpec) -> dict:
    return {"version": spec.motcua_version, "name": spec.name}


def _spec_from_ref(ref: dict) -> BpmnProcessSpec:
    try:
        return _specs[(ref["version"], ref["name"])]
    except KeyError:
        raise LookupError(f"diagram version {ref['version']} of {ref['name']} is not loaded") from None


def _make_serializer() -> BpmnWorkflowSerializer:
    config = deepcopy(SPIFF_CONFIG)
    config[ClockTimeDateEventDefinition] = TimerConditionalEventDefinitionConverter
    registry = BpmnWorkflowSerializer.configure(config)
    registry.register(BpmnProcessSpec, _spec_ref, _spec_from_ref, "BpmnProcessSpec")
    # Registered after datetime (which the default registry knows) so a date stays a date.
    registry.register(date, lambda v: {"value": v.isoformat()}, lambda v: date.fromisoformat(v["value"]))
    registry.register(Decimal, lambda v: {"value": str(v)}, lambda v: Decimal(v["value"]))
    return BpmnWorkflowSerializer(registry)


serializer = _make_serializer()

# SpiffWorkflow 3.2's `to_dict` leaves a task's data (its `delta.updates` against its parent)
# unconverted: the registry's conversions (dates, decimals) are made by this JSON encoder, the one
# its `serialize_json` uses (not used itself: it escapes every Vietnamese letter and adds a
# version key that `from_dict` does not read).
_Encoder = create_encoder(serializer.registry)


def dumps(workflow: BpmnWorkflow) -> str:
    """A workflow as its stored state. TypeError or ValueError: its data holds a value JSON cannot."""
    return json.dumps(serializer.to_dict(workflow), cls=_Encoder, ensure_ascii=False, separators=(",", ":"))


def loads(state: str) -> BpmnWorkflow:
    return serializer.from_dict(json.loads(state))


def unstorable(data: dict) -> str | None:
    """The first name in `data` whose value a stored state cannot hold, if any."""
    for name, value in data.items():
        try:
            json.dumps(value, cls=_Encoder)
        except (TypeError, ValueError):
            return name
    return None
