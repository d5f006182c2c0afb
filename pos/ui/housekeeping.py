"""Runs the daily housekeeping (pos.services.housekeeping) when the till starts and then
every hour, in the background: expiring quotations on the database writer, the digest on
the e-mail lane (a mail server that is down retries for seconds; sales never wait on it).

Failures are logged and shown on the status bar; they never stop the till. A step still
running when the hour comes round is not started a second time.
"""

import logging

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QStatusBar

from pos.domain.errors import PosError
from pos.services.birthday_greetings import BirthdayGreetingResult
from pos.services.housekeeping import DigestOutcome, ExpiryOutcome, Housekeeping
from pos.ui.tasks import Lane, TaskRunner

log = logging.getLogger(__name__)

HOUSEKEEPING_INTERVAL_MS = 60 * 60 * 1000
NOTICE_MS = 15_000


class HousekeepingTimer(QObject):
    def __init__(
        self,
        housekeeping: Housekeeping,
        tasks: TaskRunner,
        status: QStatusBar,
        interval_ms: int = HOUSEKEEPING_INTERVAL_MS,
    ) -> None:
        super().__init__(status)
        self._housekeeping = housekeeping
        self._tasks = tasks
        self._status = status
        self._expiring = False
        self._mailing = False
        self._greeting = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.run)

    @property
    def running(self) -> bool:
        """Whether the hourly timer is on."""
        return self._timer.isActive()

    def start(self) -> None:
        """Run now, then every hour (a second call, e.g. after the next sign-in, does
        nothing more)."""
        if self._timer.isActive():
            return
        self._timer.start()
        self.run()

    def stop(self) -> None:
        self._timer.stop()

    @Slot()
    def run(self) -> None:
        if not self._expiring:
            self._expiring = True
            self._tasks.submit(Lane.DB_WRITE, self._housekeeping.expire_quotations,
                               self._expired, self._expiry_failed)
        if self._housekeeping.mail_on and not self._mailing:
            self._mailing = True
            self._tasks.submit(Lane.MAIL, self._housekeeping.send_digest, self._mailed,
                               self._mail_failed)
        if self._housekeeping.mail_on and not self._greeting:
            self._greeting = True
            self._tasks.submit(Lane.MAIL, self._housekeeping.greet_birthdays, self._greeted,
                               self._greeting_failed)

    def _expired(self, outcome: ExpiryOutcome) -> None:
        self._expiring = False
        if outcome.expired:
            log.info("housekeeping: %d quotation(s) expired on %s", outcome.expired,
                     outcome.day.isoformat())
            self._status.showMessage(
                f"{outcome.expired} quotation{'s' if outcome.expired != 1 else ''} "
                "past their date marked expired", NOTICE_MS)

    def _expiry_failed(self, error: PosError) -> None:
        self._expiring = False
        self._failed("could not mark expired quotations", error.message)

    def _mailed(self, outcome: DigestOutcome) -> None:
        self._mailing = False
        result = outcome.result
        if result is None:
            log.info("housekeeping: no digest on %s: %s", outcome.day.isoformat(),
                     outcome.skipped)
            return
        if result.error:
            self._failed(f"{len(result.pending)} follow-up digest(s) kept to send later",
                         result.error)
        elif result.sent:
            days = ", ".join(day.isoformat() for day in result.sent)
            log.info("housekeeping: digest of %s sent", days)
            self._status.showMessage(f"Follow-up digest e-mailed ({days})", NOTICE_MS)

    def _mail_failed(self, error: PosError) -> None:
        self._mailing = False
        self._failed("the follow-up digest was not sent", error.message)

    def _greeted(self, result: BirthdayGreetingResult | None) -> None:
        self._greeting = False
        if result is None:
            return
        if result.error:
            self._failed(f"{len(result.pending)} birthday e-mail(s) kept to send later",
                         result.error)
        elif result.sent:
            log.info("housekeeping: %d birthday e-mail(s) sent", len(result.sent))
            self._status.showMessage(f"{len(result.sent)} birthday e-mail(s) sent", NOTICE_MS)

    def _greeting_failed(self, error: PosError) -> None:
        self._greeting = False
        self._failed("birthday e-mails were not sent", error.message)

    def _failed(self, what: str, why: str) -> None:
        log.warning("housekeeping: %s: %s", what, why)
        self._status.showMessage(f"Housekeeping: {what}: {why}; trying again within the hour")
