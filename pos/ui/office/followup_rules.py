"""The owner's automatic follow-up rules, as a table with an add form and an on/off switch.

Rules are kept when switched off, so the follow-ups they made still say where they came
from; the domain's `AutoRule` checks every field, and its message is shown in place.
"""

from dataclasses import replace

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from pos.domain.errors import PosError, UserError
from pos.domain.followup_rules import MAX_DAYS_AFTER, AutoRule, Trigger
from pos.domain.followups import KINDS
from pos.domain.money import format_minor, parse_minor
from pos.services.followups import FollowUpChoices, FollowUpService
from pos.services.till_session import Cashier
from pos.ui.tables import fill_rows, list_table
from pos.ui.tasks import Lane, TaskRunner
from pos.ui.widgets import message_label, named, show_message

TRIGGER_TITLES = {
    Trigger.SALE_OVER_AMOUNT: "Sale over an amount",
    Trigger.CATEGORY: "Sale with a product of a category",
    Trigger.QUOTATION: "Every quotation",
    Trigger.COMPLAINT: "Every complaint",
}
COLUMNS = ("When", "Follow up after", "Kind", "Note", "Active")


class FollowUpRulesEditor(QGroupBox):
    def __init__(self, followups: FollowUpService, tasks: TaskRunner) -> None:
        super().__init__("Automatic follow-up rules")
        self._followups = followups
        self._tasks = tasks
        self._rules: tuple[AutoRule, ...] = ()
        self._categories: dict[int, str] = {}
        self.table = list_table("Follow-up rules", COLUMNS, stretch=COLUMNS.index("Note"))
        self.trigger = named(QComboBox(), "Rule trigger")
        for trigger, title in TRIGGER_TITLES.items():
            self.trigger.addItem(title, trigger.value)
        self.amount = named(QLineEdit(), "Rule amount")
        self.amount.setPlaceholderText("Amount, e.g. 150.00")
        self.category = named(QComboBox(), "Rule category")
        self.days = named(QSpinBox(), "Rule days after")
        self.days.setRange(0, MAX_DAYS_AFTER)
        self.days.setValue(7)
        self.days.setSuffix(" days")
        self.working_days = named(QCheckBox("working days"), "Rule working days")
        self.kind = named(QComboBox(), "Rule kind")
        self.kind.addItems(list(KINDS))
        self.note = named(QLineEdit(), "Rule note")
        self.note.setPlaceholderText("What to ask, e.g. check the machine works")
        self.add = named(QPushButton("Add rule"), "Add rule")
        self.toggle = named(QPushButton("Switch selected rule on/off"), "Switch rule")
        self.message = message_label("Follow-up rules message")
        form = QHBoxLayout()
        for widget in (self.trigger, self.amount, self.category, self.days, self.working_days,
                       self.kind, self.note, self.add):
            form.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, stretch=1)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.toggle)
        row.addWidget(self.message, stretch=1)
        layout.addLayout(row)
        self.trigger.currentIndexChanged.connect(self._trigger_changed)
        self.add.clicked.connect(self._add)
        self.toggle.clicked.connect(self._toggle)
        self._trigger_changed()

    def activate(self, viewer: Cashier) -> None:
        self._reload()

    def _reload(self) -> None:
        self._tasks.submit(
            Lane.DB_READ, lambda: (self._followups.rules(), self._followups.choices()),
            self._show, self._failed,
        )

    def _show(self, loaded: tuple[tuple[AutoRule, ...], FollowUpChoices]) -> None:
        self._rules, choices = loaded
        self._categories = dict(choices.categories)
        if self.category.count() != len(choices.categories):
            self.category.clear()
            for category_id, name in choices.categories:
                self.category.addItem(name, category_id)
        fill_rows(self.table, (
            (self._describe(rule),
             f"{rule.days_after} {'working ' if rule.working_days else ''}days",
             rule.kind, rule.note, "yes" if rule.active else "no")
            for rule in self._rules
        ))
        self.table.resizeColumnsToContents()

    def _describe(self, rule: AutoRule) -> str:
        if rule.trigger is Trigger.SALE_OVER_AMOUNT and rule.amount_minor is not None:
            return f"Sale over {format_minor(rule.amount_minor)}"
        if rule.trigger is Trigger.CATEGORY and rule.category_id is not None:
            return f"Sale with {self._categories.get(rule.category_id, 'a removed category')}"
        return TRIGGER_TITLES[rule.trigger]

    @Slot()
    def _trigger_changed(self) -> None:
        trigger = Trigger(self.trigger.currentData())
        self.amount.setVisible(trigger is Trigger.SALE_OVER_AMOUNT)
        self.category.setVisible(trigger is Trigger.CATEGORY)

    def _form_rule(self) -> AutoRule:
        trigger = Trigger(self.trigger.currentData())
        amount = None
        if trigger is Trigger.SALE_OVER_AMOUNT:
            amount = parse_minor(self.amount.text())
        category = self.category.currentData() if trigger is Trigger.CATEGORY else None
        if trigger is Trigger.CATEGORY and category is None:
            raise UserError("the shop has no categories yet; add products with categories")
        return AutoRule(trigger=trigger, days_after=self.days.value(),
                        kind=self.kind.currentText(), note=self.note.text().strip(),
                        amount_minor=amount, category_id=category,
                        working_days=self.working_days.isChecked())

    @Slot()
    def _add(self) -> None:
        try:
            rule = self._form_rule()
        except UserError as error:
            self._failed(error)
            return
        self._save(rule, "rule added")

    @Slot()
    def _toggle(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self._rules):
            self._failed(UserError("choose a rule in the list first"))
            return
        rule = self._rules[row]
        self._save(replace(rule, active=not rule.active),
                   "rule switched " + ("off" if rule.active else "on"))

    def _save(self, rule: AutoRule, done: str) -> None:
        self._tasks.submit(
            Lane.DB_WRITE, lambda: self._followups.save_rule(rule),
            lambda _saved: self._saved(done), self._failed,
        )

    def _saved(self, done: str) -> None:
        show_message(self.message, done, error=False)
        self.note.clear()
        self._reload()

    def _failed(self, error: PosError) -> None:
        show_message(self.message, error.message)
