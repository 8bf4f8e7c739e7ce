"""The files a form holds until it is sent for good (a citizen's draft, a counter intake), each
removable by its own button, whose action is "bo_tep:<its index among them>"."""
from __future__ import annotations

REMOVE = "bo_tep:"


def without(files: list[dict], action: str) -> tuple[list[dict], dict | None]:
    """`files` without the one a remove button names, and that file; an action that names
    nothing (another action, a stale or forged index) changes nothing."""
    index = action[len(REMOVE):] if action.startswith(REMOVE) else ""
    if not (index.isascii() and index.isdigit()) or int(index) >= len(files):
        return files, None
    position = int(index)
    return files[:position] + files[position + 1:], files[position]
