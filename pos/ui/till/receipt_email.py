"""`E-mail receipt` at the till: the last completed sale's receipt (with its PDF) to an
address asked for in the prompt bar, prefilled with the customer's e-mail.

Sending waits on the mail server, so it runs on the mail lane; the till stays usable and
says where the receipt went, or why it did not.
"""

from PySide6.QtCore import QObject, Slot

from pos.domain.errors import PosError, UserError
from pos.services.checkout import CompletedSale
from pos.services.customers import CustomerService
from pos.services.receipt_email import ReceiptEmailService
from pos.ui.tasks import Lane, TaskRunner
from pos.ui.till.sale_controller import SaleController
from pos.ui.till.screen import TillScreen
from pos.ui.widgets import show_message

ACTION = "E-mail receipt"
OFF_TIP = "E-mailed receipts are off: set POS_SMTP_URL to the shop's mail server"
OFF = "e-mailed receipts are off; set POS_SMTP_URL to the shop's mail server"


class ReceiptEmailActions(QObject):
    def __init__(
        self, screen: TillScreen, sale: SaleController, mail: ReceiptEmailService,
        customers: CustomerService, tasks: TaskRunner,
    ) -> None:
        super().__init__(screen)
        self._screen = screen
        self._sale = sale
        self._mail = mail
        self._customers = customers
        self._tasks = tasks
        self._last_sale: CompletedSale | None = None
        button = screen.buttons[ACTION]
        button.setEnabled(mail.enabled)
        button.setToolTip("E-mail the last sale's receipt, with its PDF" if mail.enabled
                          else OFF_TIP)
        sale.sig_sale_completed.connect(self._remember_sale)

    @Slot(object)
    def _remember_sale(self, sale: CompletedSale) -> None:
        self._last_sale = sale

    @Slot()
    def email(self) -> None:
        """Ask for the address (the customer's, when known), then send."""
        if not self._mail.enabled:
            self._failed(UserError(OFF))
            return
        sale = self._last_sale
        if sale is None:
            self._failed(UserError("complete a sale first: the last sale's receipt is e-mailed"))
            return
        customer_id = sale.customer_id if sale.customer_id is not None else self._sale.customer_id
        if customer_id is None:
            self._ask(sale, "")
            return
        self._tasks.submit(Lane.DB_READ, lambda: self._customers.details(customer_id).email,
                           lambda address: self._ask(sale, address),
                           lambda _error: self._ask(sale, ""))

    def _ask(self, sale: CompletedSale, address: str) -> None:
        self._screen.prompt.ask(
            f"E-mail receipt {sale.receipt_number} to:", lambda to: self._send(sale, to),
            initial=address, return_focus=self._screen.product_entry,
        )

    def _send(self, sale: CompletedSale, to: str) -> None:
        number = sale.receipt_number
        show_message(self._screen.message, f"e-mailing receipt {number}...", error=False)
        self._tasks.submit(
            Lane.MAIL, lambda: self._mail.email_receipt(sale.id, to),
            lambda address: show_message(
                self._screen.message, f"receipt {number} e-mailed to {address}", error=False
            ),
            self._failed,
        )

    def _failed(self, error: PosError) -> None:
        show_message(self._screen.message, error.message)
