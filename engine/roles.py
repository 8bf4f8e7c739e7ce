"""Roles, and how a diagram's lane names map to them.

A lane names the role that works its tasks. Analysts write the Vietnamese label
("Bộ phận Một cửa"); the role code ("one_stop") is accepted too.
"""
from __future__ import annotations

import unicodedata

ROLE_LABELS = {
    "citizen": "Công dân",
    "one_stop": "Bộ phận Một cửa",
    "specialist": "Chuyên viên",
    "leader": "Lãnh đạo",
    "coordinator": "Điều phối",
    "admin": "Quản trị",
}

# Roles that may work a task in a lane; citizens act through messages, not tasks.
LANE_ROLES = ("one_stop", "specialist", "leader", "coordinator")
DESK = "one_stop"  # the one-stop desk: receives dossiers and hands them on


def fold_name(text: str) -> str:
    """A name as people type it: composed letters (NFC), spaces collapsed, case ignored."""
    text = unicodedata.normalize("NFC", text or "").strip().casefold()
    return " ".join(text.split())


_BY_NAME = {}
for _code in LANE_ROLES:
    _BY_NAME[fold_name(_code)] = _code
    _BY_NAME[fold_name(ROLE_LABELS[_code])] = _code


def role_for_lane(lane_name: str | None) -> str | None:
    """The role code for a lane name, or None when the lane names no known role."""
    if not lane_name:
        return None
    return _BY_NAME.get(fold_name(lane_name))


def lane_labels() -> list[str]:
    return [ROLE_LABELS[code] for code in LANE_ROLES]
