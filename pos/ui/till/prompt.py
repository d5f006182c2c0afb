"""An in-place question bar (void reason, discount, card reference...): no modal dialogs.

Enter answers, Esc cancels; the bar hides itself and hands the answer to the callback
it was opened with.
"""

from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from pos.ui.widgets import named


class _AnswerEdit(QLineEdit):
    def __init__(self, on_escape: Callable[[], None]) -> None:
        super().__init__()
        self._on_escape = on_escape

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self._on_escape()
            return
        super().keyPressEvent(event)


class PromptBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "Prompt")
        self.setProperty("role", "prompt")
        self._question = QLabel()
        self.answer = named(_AnswerEdit(self.cancel), "Prompt answer")
        ok = QPushButton("OK (Enter)")
        cancel = QPushButton("Cancel (Esc)")
        layout = QHBoxLayout(self)
        layout.addWidget(self._question)
        layout.addWidget(self.answer, stretch=1)
        layout.addWidget(ok)
        layout.addWidget(cancel)
        self.answer.returnPressed.connect(self._accept)
        ok.clicked.connect(self._accept)
        cancel.clicked.connect(self.cancel)
        self._on_answer: Callable[[str], None] | None = None
        self._return_focus: QWidget | None = None
        self.hide()

    def ask(self, question: str, on_answer: Callable[[str], None], *, initial: str = "",
            return_focus: QWidget | None = None, secret: bool = False) -> None:
        """Ask `question`; a `secret` answer (a PIN) is shown as dots."""
        self._question.setText(question)
        self.answer.setEchoMode(
            QLineEdit.EchoMode.Password if secret else QLineEdit.EchoMode.Normal
        )
        self.answer.setText(initial)
        self.answer.selectAll()
        self._on_answer = on_answer
        self._return_focus = return_focus
        self.show()
        self.answer.setFocus()

    @Slot()
    def _accept(self) -> None:
        callback, text = self._on_answer, self.answer.text()
        self._close()
        if callback is not None:
            callback(text)

    @Slot()
    def cancel(self) -> None:
        self._close()

    def _close(self) -> None:
        self._on_answer = None
        self.hide()
        if self._return_focus is not None:
            self._return_focus.setFocus()
