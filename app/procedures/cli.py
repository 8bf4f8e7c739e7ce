"""`motcua procedure …`: the analysts' commands. Each command lives in its own module."""
from __future__ import annotations

import click

from .messages import CLI
from .new_command import new
from .test_command import test


@click.group("procedure", help=CLI["group_help"])
def procedure() -> None:
    pass


procedure.add_command(new)
procedure.add_command(test)
