"""A form file saved broken into the live forms folder (forms are read at task time, QT-26): the
last content that loaded keeps serving, and a form never loaded is refused naming file and place."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from engine.forms import FormUnusable, load_form

ROOT = Path(__file__).resolve().parents[2]
FORM = "common/tham_dinh.schema.json"


def _break(forms: Path) -> None:
    path = forms / FORM
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["properties"]["y_kien"]["type"] = "strng"
    path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")


@pytest.mark.rule("QT-26")
def test_a_form_saved_broken_keeps_its_last_content_that_loaded(tmp_path):
    forms = tmp_path / "forms"
    shutil.copytree(ROOT / "forms", forms)
    good = {"ket_qua_tham_dinh": "dat", "y_kien": "Đạt"}
    assert load_form(forms, FORM).validate(good) == []
    _break(forms)
    assert load_form(forms, FORM).validate(good) == []  # not jsonschema's UnknownType


@pytest.mark.rule("QT-26")
def test_a_broken_form_never_loaded_is_refused_in_vietnamese_naming_file_and_field(tmp_path):
    forms = tmp_path / "forms"
    shutil.copytree(ROOT / "forms", forms)
    _break(forms)
    with pytest.raises(FormUnusable) as refused:
        load_form(forms, FORM)
    message = str(refused.value)
    assert message.startswith(f"Tệp biểu mẫu {FORM} không dùng được: tại «properties/y_kien/type»"), message
    assert "motcua bpmn check" in message
