"""Fixtures of the one-stop workspace's tests."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.engine.test_migration import BAN_SAO as PROCESS

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def diagrams(clean_app, tmp_path):
    """The running app serving a copy of bpmn/ the test saves diagrams into (as an analyst does;
    the reload is the one the running system does after a save), the shipped folder afterwards."""
    from app.db import db
    from app.workflow.reload import reload_procedures
    folder = tmp_path / "bpmn"
    shutil.copytree(ROOT / "bpmn", folder)
    kept = clean_app.config["MOTCUA_BPMN_DIR"]

    def reload() -> None:
        with clean_app.app_context():
            reload_procedures(clean_app)
            db.session.remove()

    def save(xml: str) -> str:
        (folder / f"{PROCESS}.bpmn").write_text(xml, encoding="utf-8")
        clean_app.config["MOTCUA_BPMN_DIR"] = folder
        reload()
        assert clean_app.extensions["motcua_workflow"].problems == []
        return clean_app.extensions["motcua_workflow"].registry.latest(PROCESS).version

    save.folder = folder
    yield save
    clean_app.config["MOTCUA_BPMN_DIR"] = kept
    reload()
