"""The one place python-escpos is imported, lazily and without its side effects.

Importing it costs about half a second (it parses its capabilities file as YAML and
loads Pillow), so the till imports it on first use, not at start-up. It also
(PRINTING.md, items 11, 12 and 15):
- calls `logging.basicConfig()` on import, adding a handler to the root logger: the
  handlers it adds are removed again, so our logging stays as configured;
- writes notices ("Using hardware barcode renderer") to stdout with `print()`: its
  module-level `print` is pointed at our log instead (a module global shadows the
  builtin), which, unlike redirecting `sys.stdout`, is safe with several threads;
- logs every connection ("Network printer enabled") at INFO through the root logger:
  the printer modules' `logging` is pointed at our logger, at DEBUG, so status polls
  do not fill the till's log file.
"""

import logging
import threading
from types import ModuleType
from typing import Any

log = logging.getLogger(__name__)

PRINTER_MODULES = ("cups", "file", "lp", "network", "serial", "usb", "win32raw")
_lock = threading.Lock()
_modules: dict[str, ModuleType] = {}


def _log_notice(*args: object, **_kwargs: object) -> None:
    log.debug("python-escpos: %s", " ".join(str(arg) for arg in args))


class _QuietLogging:
    """Stands in for the `logging` module inside python-escpos's printer modules."""

    @staticmethod
    def info(message: str, *args: object) -> None:
        log.debug(message, *args)

    @staticmethod
    def error(message: str, *args: object) -> None:
        log.warning(message, *args)


def _load() -> dict[str, ModuleType]:
    with _lock:
        if not _modules:
            root = logging.getLogger()
            handlers_before = list(root.handlers)
            import escpos.capabilities
            import escpos.escpos
            import escpos.exceptions
            import escpos.printer

            for handler in root.handlers[:]:
                if handler not in handlers_before:
                    root.removeHandler(handler)
            escpos.escpos.print = _log_notice
            for name in PRINTER_MODULES:
                getattr(escpos.printer, name).logging = _QuietLogging
            _modules.update(
                printer=escpos.printer,
                capabilities=escpos.capabilities,
                exceptions=escpos.exceptions,
            )
        return _modules


def printer_module() -> Any:
    """`escpos.printer` (Dummy, Network, Usb, Serial)."""
    return _load()["printer"]


def capabilities_module() -> Any:
    """`escpos.capabilities` (profiles)."""
    return _load()["capabilities"]


def exceptions_module() -> Any:
    """`escpos.exceptions` (DeviceNotFoundError and the rest)."""
    return _load()["exceptions"]
