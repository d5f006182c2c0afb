"""The customer-facing screen: the cart as it is rung up, the total, then the thank-you
and five stars to rate the visit (on a touch screen, the customer's own rating).

A second window the owner puts on a second monitor (or anywhere). It follows the
till's state through the sale controller's signals and never queries anything itself;
a rating goes out as `sig_rated` for the till to record.
"""

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from pos.domain.money import format_minor
from pos.services.checkout import CompletedSale
from pos.ui.till.sale_controller import SaleController, SaleState
from pos.ui.widgets import named


class CustomerDisplay(QWidget):
    sig_rated = Signal(int)  # the customer's stars (1-5) for the sale just completed

    def __init__(self, sale: SaleController, shop_name: str = "") -> None:
        super().__init__(None, Qt.WindowType.Window)
        named(self, "Customer display")
        self.setWindowTitle("Customer display")
        self.resize(640, 480)
        self.welcome = named(QLabel(f"Welcome to {shop_name}" if shop_name else "Welcome"),
                             "Display welcome")
        self.welcome.setProperty("role", "title")
        self.lines = named(QListWidget(), "Display lines")
        self.lines.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.total = named(QLabel(""), "Display total")
        self.total.setProperty("role", "total")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.message = named(QLabel(""), "Display message")
        self.message.setWordWrap(True)
        self.message.setProperty("role", "title")
        layout = QVBoxLayout(self)
        layout.addWidget(self.welcome)
        layout.addWidget(self.lines, stretch=1)
        layout.addWidget(self.total)
        layout.addWidget(self.message, stretch=1)
        self.rating = named(QWidget(), "Display rating")
        stars = QHBoxLayout(self.rating)
        stars.addWidget(QLabel("How was your visit?"))
        for count in range(1, 6):
            button = named(QPushButton("★" * count), f"Rate {count} of 5")
            button.clicked.connect(lambda _checked=False, count=count: self._rate(count))
            stars.addWidget(button)
        layout.addWidget(self.rating)
        self.rating.hide()
        self.lines.hide()  # until the first item is rung up
        sale.sig_state_changed.connect(self.show_state)
        sale.sig_sale_completed.connect(self.show_completed)

    def set_shop_name(self, name: str) -> None:
        self.welcome.setText(f"Welcome to {name}")

    @Slot(object)
    def show_state(self, state: SaleState) -> None:
        self.lines.clear()
        for line, priced in zip(state.cart.lines, state.totals.lines, strict=True):
            total = format_minor(priced.total_minor)
            self.lines.addItem(f"{line.quantity} x {line.name}    {total}")
        self.lines.setVisible(bool(state.cart.lines))
        if state.cart.lines:
            self.message.setText("")
            self.rating.hide()
            due = state.settlement.remaining_minor if state.tenders else state.totals.total_minor
            self.total.setText(f"To pay {format_minor(due)}")
        else:
            self.total.setText("")

    @Slot(object)
    def show_completed(self, sale: CompletedSale) -> None:
        self.lines.clear()
        self.lines.hide()
        self.rating.show()
        change = f"Your change: {format_minor(sale.change_minor)}" if sale.change_minor else ""
        self.total.setText(change)

    def show_thank_you(self, text: str) -> None:
        self.message.setText(text)

    def _rate(self, stars: int) -> None:
        self.rating.hide()
        self.message.setText("Thank you for telling us!")
        self.sig_rated.emit(stars)
