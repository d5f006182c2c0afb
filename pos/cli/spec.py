"""How a group of `pos` commands plugs into the command line.

A command module defines one `CommandSpec` per top-level command and is listed in
`pos.cli.extensions`. It must keep heavy imports (reportlab, escpos, services that
pull them) inside `run`, because the parser is built on every start of the till.
"""

import argparse
from collections.abc import Callable
from dataclasses import dataclass

from pos.config import Settings


@dataclass(frozen=True)
class CommandSpec:
    name: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    """Adds this command's arguments (and sub-commands) to its own parser."""
    run: Callable[[argparse.Namespace, Settings], int]
    """Runs the command; `PosError`s propagate to `pos.app` for the one-line message."""
    help: str
