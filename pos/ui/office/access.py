"""Who may open the back office: a signed-in manager or owner at once, anyone else after a
manager's or the owner's PIN (checked in the background: argon2 takes tens of ms)."""

from PySide6.QtCore import QObject, Signal, Slot

from pos.domain.errors import PosError
from pos.services.till_session import BACK_OFFICE_ROLES, Cashier, TillSessionService
from pos.ui.tasks import Lane, TaskRunner
from pos.ui.till.actions import TillActions
from pos.ui.till.screen import TillScreen


class BackOfficeAccess(QObject):
    sig_granted = Signal(object)  # Cashier: the manager or owner looking

    def __init__(self, screen: TillScreen, actions: TillActions,
                 sessions: TillSessionService, tasks: TaskRunner) -> None:
        super().__init__(screen)
        self._screen = screen
        self._actions = actions
        self._sessions = sessions
        self._tasks = tasks

    def request(self, signed_in: Cashier) -> None:
        if signed_in.role in BACK_OFFICE_ROLES:
            self.sig_granted.emit(signed_in)
            return
        self._screen.prompt.ask("Manager or owner PIN for the back office:", self._check,
                                return_focus=self._screen.product_entry, secret=True)

    def _check(self, pin: str) -> None:
        self._tasks.submit(Lane.DB_READ, lambda: self._sessions.authorise_back_office(pin),
                           self._granted, self._refused)

    @Slot(object)
    def _granted(self, viewer: Cashier) -> None:
        self.sig_granted.emit(viewer)

    def _refused(self, error: PosError) -> None:
        self._actions.say(error.message)
