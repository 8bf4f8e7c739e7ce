"""QT-26: a version dossiers already run on (kept in the database) is read back even if a check added
since would refuse it, so an upgrade never strands running dossiers; one the engine itself
cannot read is still refused."""
from __future__ import annotations

from pathlib import Path

import pytest

from engine.calendar import WorkingCalendar
from engine.profile import load_profile
from engine.registry import DiagramError, Registry, content_version
from engine.runtime import Engine, UnknownProcess
from tests.engine.test_runtime import BAN_SAO

ROOT = Path(__file__).resolve().parents[2]
# An end event without the status it needs (QT-46): refused today, accepted when it was saved.
OLD_STATUS = b'<spiffworkflow:property name="status" value="10" />'


def _old_xml() -> bytes:
    xml = (ROOT / "bpmn" / f"{BAN_SAO}.bpmn").read_bytes()
    assert xml.count(OLD_STATUS) == 1
    return xml.replace(OLD_STATUS, b"")


@pytest.mark.rule("QT-26")
def test_a_version_dossiers_run_on_is_read_back_though_a_newer_check_refuses_it():
    old = _old_xml()
    registry = Registry(ROOT / "forms")
    with pytest.raises(DiagramError) as refused:
        registry.add(old, "new-save.bpmn")  # saved today, it is refused
    assert any(p.element_id == "End_tra_ket_qua" for p in refused.value.problems)
    stored = {(BAN_SAO, content_version(old)): old}
    engine = Engine(Registry(ROOT / "forms"), WorkingCalendar(load_profile("demo")),
                    lambda process_id, version: stored.get((process_id, version)))
    version = engine.version(BAN_SAO, content_version(old))
    assert version.version == content_version(old) and version.xml == old


def test_a_stored_version_the_engine_cannot_read_is_still_refused():
    broken = b"<definitions>not a diagram"
    engine = Engine(Registry(ROOT / "forms"), WorkingCalendar(load_profile("demo")),
                    lambda process_id, version: broken)
    with pytest.raises(DiagramError):
        engine.version(BAN_SAO, "0123456789ab")
    with pytest.raises(UnknownProcess):
        Engine(Registry(ROOT / "forms"), WorkingCalendar(load_profile("demo")),
               lambda process_id, version: None).version(BAN_SAO, "0123456789ab")
