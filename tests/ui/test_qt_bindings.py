"""Guards against Qt binding versions that corrupt Python's True/False reference counts.

PySide6 6.12.0 drops a reference to True/False on every `signal.disconnect()` and every
emit of a Python bool; after a few thousand the interpreter aborts ("bool_dealloc").
"""

import sys

from PySide6.QtCore import QObject, QTimer, Signal
from pytestqt.qtbot import QtBot


class _Emitter(QObject):
    sig_flag = Signal(bool)


def _noop() -> None:
    """A receiver to connect and disconnect."""


def test_disconnect_and_bool_emits_keep_reference_counts(qtbot: QtBot) -> None:
    emitter = _Emitter()
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(100):
        timer = QTimer()
        timer.timeout.connect(_noop)
        timer.timeout.disconnect(_noop)
        emitter.sig_flag.emit(True)
        emitter.sig_flag.emit(False)
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert after[0] >= before[0] - 5
    assert after[1] >= before[1] - 5
