"""The command groups beyond the core ones (demo, version, db, bench).

Add a line per command module; see `pos.cli.spec` for the rules they follow.
"""

from pos.cli.spec import CommandSpec

EXTENSIONS: tuple[CommandSpec, ...] = ()
