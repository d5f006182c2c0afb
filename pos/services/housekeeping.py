"""The till's daily housekeeping, without cron: expired quotations marked, the owner's
follow-up digest e-mailed, tomorrow's birthdays greeted by e-mail (customers who agreed
to marketing e-mail only).

The till runs both steps when it starts and then every hour (pos.ui.housekeeping), so
each must be safe to repeat: `QuotationService.expire_due` marks only quotations still
open, and `DigestService` writes each day's digest once and sends only what is unsent.
Once today's digest has gone out, this object does not even ask again until tomorrow.
"""

from dataclasses import dataclass
from datetime import date

from pos.db.database import Database
from pos.domain.clock import Clock, utc_now
from pos.services.birthday_greetings import BirthdayGreetingResult, BirthdayGreetingService
from pos.services.digest import DigestResult, DigestService
from pos.services.quotations import QuotationService
from pos.services.shop_days import shop_today

MAIL_OFF = "e-mail is off (POS_SMTP_URL is not set)"
NO_RECIPIENT = "no one is set to receive it (followups.digest_to)"


@dataclass(frozen=True, slots=True)
class ExpiryOutcome:
    day: date
    expired: int
    """Quotations marked expired now (0 when none fell due since the last run)."""


@dataclass(frozen=True, slots=True)
class DigestOutcome:
    day: date
    result: DigestResult | None
    """What sending did; None when nothing was tried (see `skipped`)."""
    skipped: str = ""
    """Why no digest was tried ("" when one was): e-mail off, no recipient, already sent."""


class Housekeeping:
    def __init__(
        self,
        database: Database,
        quotations: QuotationService,
        digest: DigestService,
        clock: Clock = utc_now,
        birthdays: BirthdayGreetingService | None = None,
    ) -> None:
        self._database = database
        self._quotations = quotations
        self._digest = digest
        self._birthdays = birthdays
        self._clock = clock
        self._digest_done_on: date | None = None
        self._greeted_on: date | None = None

    @property
    def mail_on(self) -> bool:
        """Whether the digest can be sent at all (POS_SMTP_URL is set)."""
        return self._digest.mail_on

    def today(self) -> date:
        """The shop's local day now."""
        return shop_today(self._database, self._clock())

    def expire_quotations(self) -> ExpiryOutcome:
        """Mark quotations past their last valid day expired (kept, never deleted)."""
        today = self.today()
        return ExpiryOutcome(today, self._quotations.expire_due(today))

    def send_digest(self) -> DigestOutcome:
        """Send today's digest (and any kept from days the server was down) unless e-mail
        is off, nobody receives it, or it already went out today."""
        today = self.today()
        if not self._digest.mail_on:
            return DigestOutcome(today, None, MAIL_OFF)
        if self._digest_done_on == today:
            return DigestOutcome(today, None, "today's digest was sent already")
        if not self._digest.recipient():
            return DigestOutcome(today, None, NO_RECIPIENT)
        result = self._digest.send_daily_digest(today)
        if not result.pending:
            self._digest_done_on = today
        return DigestOutcome(today, result)

    def greet_birthdays(self) -> BirthdayGreetingResult | None:
        """E-mail tomorrow's birthday greetings once a day (None: nothing to do today, or
        no greeting service). Greetings the server refused are kept and retried."""
        today = self.today()
        if self._birthdays is None or not self._digest.mail_on or self._greeted_on == today:
            return None
        result = self._birthdays.send_birthday_greetings(today)
        if not result.pending:
            self._greeted_on = today
        return result
