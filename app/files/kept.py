"""The files a form holds until it is sent for good (a citizen's draft, a counter intake), each
removable by its own button, whose action is "bo_tep:<its index among them>", optionally
followed by ":<its sha256>" where the list may have changed since the page showed it (a draft
saved from another tab): then only a file with that content is ever removed."""
from __future__ import annotations

REMOVE = "bo_tep:"


def without(files: list[dict], action: str) -> tuple[list[dict], dict | None]:
    """`files` without the one a remove button names, and that file; an action that names
    nothing (another action, a stale or forged index, a file no longer there) changes nothing."""
    index, _, digest = action[len(REMOVE):].partition(":") if action.startswith(REMOVE) else ("", "", "")
    if not (index.isascii() and index.isdigit()):
        return files, None
    position = int(index)
    if digest and not (position < len(files) and files[position].get("sha256") == digest):
        # The list changed since the page: the file of that content, if it is the only one.
        matching = [i for i, f in enumerate(files) if f.get("sha256") == digest]
        position = matching[0] if len(matching) == 1 else len(files)
    if position >= len(files):
        return files, None
    return files[:position] + files[position + 1:], files[position]
