"""Small helpers shared by every screen."""

from typing import TypeVar

from PySide6.QtWidgets import QLabel, QWidget

W = TypeVar("W", bound=QWidget)


def named(widget: W, accessible_name: str) -> W:
    """Give a widget its fixed accessible name (CONTRACTS.md) and a matching object name."""
    widget.setAccessibleName(accessible_name)
    widget.setObjectName(accessible_name.lower().replace(" ", "_").replace("-", "_"))
    return widget


def find_by_accessible_name(root: QWidget, accessible_name: str) -> QWidget:
    """The one widget under `root` with this accessible name (raises if none or several)."""
    matches = [w for w in root.findChildren(QWidget) if w.accessibleName() == accessible_name]
    if len(matches) != 1:
        raise LookupError(f"{len(matches)} widgets are named {accessible_name!r}")
    return matches[0]


def message_label(accessible_name: str) -> QLabel:
    """A label for in-place messages (errors shown where they happen, not in pop-ups)."""
    label = named(QLabel(), accessible_name)
    label.setWordWrap(True)
    label.setProperty("role", "message")
    label.hide()
    return label


def show_message(label: QLabel, text: str, *, error: bool = True) -> None:
    label.setProperty("severity", "error" if error else "info")
    label.setText(text)
    label.setVisible(bool(text))
    label.style().unpolish(label)
    label.style().polish(label)
