"""The back office's `Messages` section: the owner's thank-you and birthday texts.

The occasions are listed in the order they are tried (move one up or down to change
it; the default always comes last, the birthday e-mail is apart). For an occasion and a
language the editor holds its texts, one variant per line; the preview renders them as
you type against a real customer, found by name in the background (their facts are
loaded once, rendering them is pure and sub-millisecond, so it runs on the UI thread).
`Save message template` checks every line first: a syntax error or an unknown
placeholder is shown with its line and nothing is saved.
"""

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos.domain.errors import PosError
from pos.domain.occasions import Occasion
from pos.services.customer_types import CustomerHit
from pos.services.customers import CustomerService
from pos.services.message_templates import (
    BIRTHDAY_EMAIL,
    FILTERS_HELP,
    PLACEHOLDERS,
    SAMPLE_VALUES,
    language_code,
    language_name,
    preview,
)
from pos.services.messages import MessageOverview, MessageService, PreviewFacts, TemplateText
from pos.services.till_session import Cashier
from pos.ui.tasks import Lane, TaskRunner
from pos.ui.widgets import message_label, named, show_message

PREVIEW_DEBOUNCE_MS = 150
SEARCH_DEBOUNCE_MS = 200
LABELS = {
    Occasion.BIRTHDAY.value: "Birthday (this week)",
    Occasion.FIRST_VISIT.value: "First visit",
    Occasion.WELCOME_BACK.value: "Welcome back after an absence",
    Occasion.MILESTONE.value: "Milestone visit (10th, 25th, 50th...)",
    Occasion.GIFT.value: "Gift purchase",
    Occasion.LARGE_PURCHASE.value: "Large purchase",
    Occasion.PREFERENCES.value: "Known preferences",
    Occasion.DEFAULT.value: "Default (always last)",
    BIRTHDAY_EMAIL: "Birthday e-mail (the day before; not in the order)",
}
FIXED = (Occasion.DEFAULT.value, BIRTHDAY_EMAIL)
"""Listed after the ordered occasions; they do not move."""
KEY_ROLE = Qt.ItemDataRole.UserRole


class MessagesSection(QWidget):
    def __init__(self, messages: MessageService, customers: CustomerService,
                 tasks: TaskRunner) -> None:
        super().__init__()
        self._messages = messages
        self._customers = customers
        self._tasks = tasks
        self._viewer: Cashier | None = None
        self._shop_language = "en"
        self._loaded: TemplateText | None = None
        self._facts: PreviewFacts | None = None
        self._hits: tuple[CustomerHit, ...] = ()
        self._search_task: int | None = None
        self._load_task: int | None = None

        self.occasions = named(QListWidget(), "Message occasions")
        self.up = named(QPushButton("Move up"), "Move occasion up")
        self.down = named(QPushButton("Move down"), "Move occasion down")
        self.language = named(QComboBox(), "Message language")
        self.language.setEditable(True)
        self.language.setToolTip("Pick a language, or type a code such as fr to add one")
        self.editor = named(QPlainTextEdit(), "Message template")
        self.editor.setPlaceholderText("One message per line; a different one is used on "
                                       "each visit")
        self.source = QLabel("")
        self.source.setWordWrap(True)
        self.customer = named(QLineEdit(), "Message preview customer")
        self.customer.setPlaceholderText("Preview for a customer: type a name")
        self.customer_results = named(QListWidget(), "Message preview customers")
        self.customer_results.setMaximumHeight(90)
        self.preview = named(QLabel(""), "Message preview")
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.help = QLabel(_help_text())
        self.help.setWordWrap(True)
        self.help.setTextFormat(Qt.TextFormat.PlainText)
        self.save = named(QPushButton("Save"), "Save message template")
        self.restore = named(QPushButton("Restore default"), "Restore default message")
        self.message = message_label("Message templates message")

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DEBOUNCE_MS)
        self._preview_timer.timeout.connect(self._render_preview)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._search)

        self.occasions.currentItemChanged.connect(self._selection_changed)
        self.language.activated.connect(self._language_changed)
        language_entry = self.language.lineEdit()
        if language_entry is not None:
            language_entry.editingFinished.connect(self._language_changed)
        self.editor.textChanged.connect(self._preview_timer.start)
        self.customer.textEdited.connect(self._search_timer.start)
        self.customer.returnPressed.connect(self._search)
        self.customer_results.currentRowChanged.connect(self._pick_customer)
        self.up.clicked.connect(self._move_up)
        self.down.clicked.connect(self._move_down)
        self.save.clicked.connect(self._save)
        self.restore.clicked.connect(self._restore)
        self._layout()

    def _layout(self) -> None:
        left = QVBoxLayout()
        left.addWidget(QLabel("Occasions, in the order they are tried"))
        left.addWidget(self.occasions, stretch=1)
        moves = QHBoxLayout()
        moves.addWidget(self.up)
        moves.addWidget(self.down)
        left.addLayout(moves)
        right = QGridLayout()
        right.addWidget(QLabel("Language"), 0, 0)
        right.addWidget(self.language, 0, 1)
        right.addWidget(self.editor, 1, 0, 1, 2)
        right.addWidget(self.source, 2, 0, 1, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save)
        buttons.addWidget(self.restore)
        buttons.addStretch(1)
        right.addLayout(buttons, 3, 0, 1, 2)
        right.addWidget(self.message, 4, 0, 1, 2)
        right.addWidget(QLabel("Preview"), 5, 0)
        right.addWidget(self.customer, 5, 1)
        right.addWidget(self.customer_results, 6, 1)
        right.addWidget(self.preview, 7, 0, 1, 2)
        right.addWidget(self.help, 8, 0, 1, 2)
        layout = QHBoxLayout(self)
        layout.addLayout(left, stretch=1)
        layout.addLayout(right, stretch=2)

    # --- Loading ----------------------------------------------------------------------

    def activate(self, viewer: Cashier) -> None:
        self._viewer = viewer
        self._tasks.submit(Lane.DB_READ, self._messages.overview, self._show_overview,
                           self._failed)

    def _show_overview(self, overview: MessageOverview) -> None:
        self._shop_language = overview.shop_language
        current = self.current_key() or overview.order[0].value
        self._fill_occasions([o.value for o in overview.order], current)
        chosen = self.current_language() or overview.shop_language
        self.language.blockSignals(True)
        self.language.clear()
        for language in overview.languages:
            self.language.addItem(language_name(language), language)
        index = self.language.findData(chosen)
        if index < 0:
            self.language.addItem(language_name(chosen), chosen)
            index = self.language.count() - 1
        self.language.setCurrentIndex(index)
        self.language.blockSignals(False)
        self._load_template()

    def _fill_occasions(self, order: list[str], current: str) -> None:
        self.occasions.blockSignals(True)
        self.occasions.clear()
        for key in (*order, *FIXED):
            item = QListWidgetItem(LABELS[key])
            item.setData(KEY_ROLE, key)
            self.occasions.addItem(item)
            if key == current:
                self.occasions.setCurrentItem(item)
        self.occasions.blockSignals(False)
        self._update_moves()

    def current_key(self) -> str | None:
        if self.occasions.currentRow() < 0:
            return None
        return str(self.occasions.currentItem().data(KEY_ROLE))

    def current_language(self) -> str:
        """The language chosen, or typed (a code such as fr)."""
        text = self.language.currentText().strip()
        data = self.language.currentData()
        if data is not None and self.language.itemText(self.language.currentIndex()) == text:
            return str(data)
        return language_code(text.split("(")[-1].rstrip(")") if "(" in text else text)

    @Slot()
    def _selection_changed(self) -> None:
        self._update_moves()
        self._load_template()

    @Slot()
    def _language_changed(self) -> None:
        if self._loaded is None or self._loaded.language != self.current_language():
            self._load_template()

    def _load_template(self) -> None:
        key, language = self.current_key(), self.current_language()
        if key is None or not language:
            return
        if self._load_task is not None:
            self._tasks.forget(self._load_task)
        self._load_task = self._tasks.submit(
            Lane.DB_READ, lambda: self._messages.template(key, language), self._show_template,
            self._failed)

    def _show_template(self, text: TemplateText) -> None:
        self._load_task = None
        self._loaded = text
        self.editor.setPlainText("\n".join(text.variants))
        self.source.setText(_source_text(text, self._shop_language))
        self._render_preview()

    # --- Preview ----------------------------------------------------------------------

    @Slot()
    def _search(self) -> None:
        self._search_timer.stop()
        if self._search_task is not None:
            self._tasks.forget(self._search_task)
        text = self.customer.text()
        if not text.strip():
            return
        self._search_task = self._tasks.submit(
            Lane.DB_READ, lambda: self._customers.search(text), self._show_hits, self._failed)

    def _show_hits(self, hits: tuple[CustomerHit, ...]) -> None:
        self._search_task = None
        self._hits = hits
        self.customer_results.blockSignals(True)
        self.customer_results.clear()
        for hit in hits:
            self.customer_results.addItem(f"{hit.name}   ({hit.visits} visits)")
        self.customer_results.blockSignals(False)
        if hits:
            self.customer_results.setCurrentRow(0)
            self._pick_customer(0)
        else:
            show_message(self.message, f"no customer matches {self.customer.text()!r}",
                         error=False)

    @Slot(int)
    def _pick_customer(self, row: int) -> None:
        if not 0 <= row < len(self._hits):
            return
        customer_id = self._hits[row].id
        self._tasks.submit(Lane.DB_READ, lambda: self._messages.preview_facts(customer_id),
                           self._show_facts, self._failed)

    def _show_facts(self, facts: PreviewFacts) -> None:
        self._facts = facts
        self._render_preview()

    @Slot()
    def _render_preview(self) -> None:
        language = self.current_language() or self._shop_language
        if self._facts is None:
            values, who = dict(SAMPLE_VALUES), "a sample customer"
        else:
            values, who = self._facts.values_in(language), self._facts.name
        lines = preview(self.editor.toPlainText(), values, language)
        shown = "\n".join(f"• {line}" for line in lines) or "(no message yet)"
        self.preview.setText(f"For {who}:\n{shown}")

    # --- Changes --------------------------------------------------------------------

    def _update_moves(self) -> None:
        key = self.current_key()
        row = self.occasions.currentRow()
        ordered = self.occasions.count() - len(FIXED)
        movable = key is not None and key not in FIXED
        self.up.setEnabled(movable and row > 0)
        self.down.setEnabled(movable and row < ordered - 1)

    @Slot()
    def _move_up(self) -> None:
        self._move(-1)

    @Slot()
    def _move_down(self) -> None:
        self._move(1)

    def _move(self, step: int) -> None:
        key = self.current_key()
        if key is None or key in FIXED:
            return
        self._tasks.submit(Lane.DB_WRITE, lambda: self._messages.move(key, step),
                           lambda order: self._moved(order, key), self._failed)

    def _moved(self, order: tuple[Occasion, ...], key: str) -> None:
        self._fill_occasions([o.value for o in order], key)
        position = [o.value for o in order].index(key) + 1
        show_message(self.message, f"{LABELS[key]} is now tried {_nth(position)}", error=False)

    @Slot()
    def _save(self) -> None:
        key, language = self.current_key(), self.current_language()
        if key is None:
            return
        typed = self.editor.toPlainText()
        by = None if self._viewer is None else self._viewer.id
        self._tasks.submit(
            Lane.DB_WRITE,
            lambda: self._messages.save_template(key, language, typed, by=by),
            self._saved, self._save_failed)

    def _saved(self, text: TemplateText) -> None:
        self._loaded = text
        self.source.setText(_source_text(text, self._shop_language))
        count = len(text.variants)
        show_message(self.message, f"Saved {count} message{'s' * (count != 1)} for "
                     f"{LABELS[text.key]} in {language_name(text.language)}", error=False)

    @Slot()
    def _restore(self) -> None:
        key, language = self.current_key(), self.current_language()
        if key is None:
            return
        self._tasks.submit(Lane.DB_WRITE, lambda: self._messages.restore_default(key, language),
                           self._restored, self._failed)

    def _restored(self, text: TemplateText) -> None:
        self._show_template(text)
        show_message(self.message, f"{LABELS[text.key]} in {language_name(text.language)} is "
                     "back to the shipped text", error=False)

    def _save_failed(self, error: PosError) -> None:
        show_message(self.message, f"Not saved: {error.message}")

    def _failed(self, error: PosError) -> None:
        show_message(self.message, error.message)


def _source_text(text: TemplateText, shop_language: str) -> str:
    if not text.variants:
        return (f"No {language_name(text.language)} text yet and none to fall back on: "
                "write one.")
    if text.from_language != text.language:
        return (f"No {language_name(text.language)} text yet: customers who speak it get "
                f"this {language_name(text.from_language)} text. Write one and save to add it.")
    return "Your own text." if text.stored else "The shipped text (edit and save to change it)."


def _help_text() -> str:
    names = "\n".join(f"{{{{ {name} }}}}  {what}" for name, what in PLACEHOLDERS.items())
    return f"Placeholders:\n{names}\nFilters: {FILTERS_HELP}"


def _nth(position: int) -> str:
    return {1: "first", 2: "second", 3: "third"}.get(position, f"number {position}")
