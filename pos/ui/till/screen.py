"""The till screen: product entry and cart on the left, the customer on the right.

Every widget named in CONTRACTS.md is here from the start; the checkout, customer
and service issues fill them with behaviour. Widgets without behaviour yet are
disabled so a cashier never presses a button that does nothing.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos.services.till_session import SignedIn
from pos.ui.till.cart_model import CartModel
from pos.ui.till.product_entry import ProductEntry
from pos.ui.till.prompt import PromptBar
from pos.ui.widgets import message_label, named

SHORTCUTS = {
    "Pay": "F12",
    "Card payment": "F11",
    "Voucher": "Shift+F11",
    "Complete sale": "Ctrl+Return",
    "Park sale": "F5",
    "Return": "F8",
    "Void line": "F6",
    "Open drawer": "Ctrl+D",
    "Reprint receipt": "Ctrl+R",
    "Add customer": "Ctrl+N",
    "Schedule follow-up": "Ctrl+F",
    "Log complaint": "Ctrl+L",
    "Discount": "F9",
    "Sale discount": "Shift+F9",
    "Quantity": "F4",
    "Price": "F7",
    "New sale": "Ctrl+Shift+N",
    "Cash in": "Ctrl+I",
    "Cash out": "Ctrl+O",
    "Shift": "F10",
    "Parked sales": "Ctrl+P",
    "Customer display": "Ctrl+Shift+D",
    "Back office": "F2",
    "Quotation": "Ctrl+Q",
    "Quotations": "Ctrl+Shift+Q",
    "Gift": "Ctrl+G",
    "Gift sale": "Ctrl+Shift+G",
    "E-mail receipt": "Ctrl+E",
}
"""Every action's key; the key is printed on its button so nobody needs the mouse."""


class TillScreen(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.header = named(QLabel(), "Till header")
        self.header.setProperty("role", "header")

        self.product_entry = named(ProductEntry(), "Scan or search product")
        self.product_entry.setPlaceholderText("Scan a barcode or type a name or code")
        self.product_entry.setProperty("role", "entry")
        self.product_results = named(QListWidget(), "Product results")
        self.product_results.setMaximumHeight(140)
        self.cart_model = CartModel()
        self.cart = named(QTableView(), "Cart")
        self.cart.setModel(self.cart_model)
        self.cart.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.cart.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cart.verticalHeader().hide()
        header = self.cart.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.total_due = named(QLabel("0.00"), "Total due")
        self.total_due.setProperty("role", "total")
        self.total_due.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.customer_search = named(QLineEdit(), "Customer search")
        self.customer_search.setPlaceholderText("Name, phone, e-mail or card")
        self.customer_results = named(QListWidget(), "Customer results")
        self.customer_results.setMaximumHeight(110)
        self.customer_panel = named(QFrame(), "Customer panel")
        self.customer_panel.setFrameShape(QFrame.Shape.StyledPanel)
        self.customer_summary = QLabel("No customer attached")
        self.customer_summary.setWordWrap(True)
        QVBoxLayout(self.customer_panel).addWidget(self.customer_summary)
        self.greeting = named(QLabel(""), "Greeting")
        self.greeting.setWordWrap(True)
        self.thank_you = named(QLabel(""), "Thank-you message")
        self.thank_you.setWordWrap(True)
        self.promises = named(QListWidget(), "Promises")
        self.promises.setMaximumHeight(70)
        self.follow_up_queue = named(QListWidget(), "Follow-up queue")
        self.follow_up_queue.setMaximumHeight(70)
        self.rate_visit = named(QComboBox(), "Rate this visit")
        self.rate_visit.addItems(["Rate this visit", "★★★★★", "★★★★", "★★★", "★★", "★"])

        self.cash_tendered = named(QLineEdit(), "Cash tendered")
        self.cash_tendered.setPlaceholderText("Cash tendered")
        self.change_due = named(QLabel("Change 0.00"), "Change due")
        self.change_due.setProperty("role", "change")
        self.buttons: dict[str, QPushButton] = {
            name: named(QPushButton(f"{name}  [{SHORTCUTS[name]}]"), name)
            for name in (
                "Pay", "Card payment", "Complete sale", "Park sale", "Return", "Void line",
                "Open drawer", "Reprint receipt", "Add customer", "Schedule follow-up",
                "Log complaint", "Discount", "Sale discount", "Quantity", "Price", "New sale",
                "Cash in", "Cash out", "Shift", "Voucher", "Back office", "Quotation",
                "Quotations", "Gift", "E-mail receipt",
            )
        }
        self.buttons["Gift"].setToolTip(
            f"Mark the selected line as a gift ({SHORTCUTS['Gift sale']}: the whole sale)"
        )
        self.gift_mark = named(QLabel(""), "Gift mark")
        self.gift_mark.hide()
        self.quick_cash = QHBoxLayout()
        self.quick_cash_buttons: list[QPushButton] = []
        self.payments = named(QLabel(""), "Payments")
        self.prompt = PromptBar()
        self.message = message_label("Till message")
        self.parked_sales = named(QListWidget(), "Parked sales")
        self.parked_sales.setMaximumHeight(70)
        self._lay_out()
        self._disable_placeholders()

    def _lay_out(self) -> None:
        left = QVBoxLayout()
        left.addWidget(self.product_entry)
        left.addWidget(self.product_results)
        left.addWidget(self.cart, stretch=1)
        totals = QHBoxLayout()
        totals.addWidget(QLabel("Total due"))
        totals.addWidget(self.total_due, stretch=1)
        left.addLayout(totals)
        left.addWidget(self.gift_mark)
        left.addWidget(self.payments)
        left.addWidget(self.prompt)
        left.addWidget(self.message)

        payment = QGridLayout()
        payment.addWidget(self.cash_tendered, 0, 0)
        payment.addWidget(self.buttons["Card payment"], 0, 1)
        payment.addWidget(self.buttons["Voucher"], 0, 2)
        payment.addWidget(self.change_due, 0, 3)
        payment.addLayout(self.quick_cash, 1, 0, 1, 4)
        payment.addWidget(self.buttons["Pay"], 2, 0)
        payment.addWidget(self.buttons["Complete sale"], 2, 1, 1, 3)
        left.addLayout(payment)

        actions = QGridLayout()
        for index, name in enumerate(
            ("Quantity", "Discount", "Sale discount", "Price", "Void line", "New sale",
             "Park sale", "Return", "Open drawer", "Reprint receipt", "Cash in", "Cash out",
             "Shift", "Back office", "Quotation", "Quotations", "Gift", "E-mail receipt")
        ):
            actions.addWidget(self.buttons[name], index // 5, index % 5)
        left.addLayout(actions)
        left.addWidget(QLabel(f"Parked sales  [{SHORTCUTS['Parked sales']}]"))
        left.addWidget(self.parked_sales)

        customer_box = QGroupBox("Customer")
        right = QVBoxLayout(customer_box)
        right.addWidget(self.customer_search)
        right.addWidget(self.customer_results)
        right.addWidget(self.customer_panel, stretch=1)
        right.addWidget(self.greeting)
        right.addWidget(self.buttons["Add customer"])
        service_box = QGroupBox("Service")
        service = QVBoxLayout(service_box)
        service.addWidget(QLabel("Promises"))
        service.addWidget(self.promises)
        service.addWidget(QLabel("Follow-ups due"))
        service.addWidget(self.follow_up_queue)
        row = QHBoxLayout()
        row.addWidget(self.buttons["Schedule follow-up"])
        row.addWidget(self.buttons["Log complaint"])
        service.addLayout(row)
        service.addWidget(self.rate_visit)
        service.addWidget(self.thank_you)

        side = QVBoxLayout()
        side.addWidget(customer_box, stretch=3)
        side.addWidget(service_box, stretch=2)

        body = QHBoxLayout()
        body.addLayout(left, stretch=3)
        body.addLayout(side, stretch=2)
        outer = QVBoxLayout(self)
        outer.addWidget(self.header)
        outer.addLayout(body, stretch=1)

    def _disable_placeholders(self) -> None:
        """Disable what has nothing to act on yet (a rating needs a completed sale)."""
        for widget in (self.rate_visit,):
            widget.setEnabled(False)
            widget.setToolTip("Rate the visit once the sale is complete")

    def show_session(self, signed_in: SignedIn) -> None:
        shop, cashier = signed_in.shop, signed_in.cashier
        self.header.setText(
            f"{shop.name}  ·  Till {shop.register_code}  ·  {cashier.name}"
            + ("  ·  DEMO SHOP" if shop.is_demo else "")
        )
        self.product_entry.setFocus()
