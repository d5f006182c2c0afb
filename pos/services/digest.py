"""The owner's daily follow-up digest, e-mailed through POS_SMTP_URL.

Each day's digest is written to the database first (once per day), then sent. If
the mail server is down, it stays there with the error and the number of tries,
and goes out (oldest first) the next time a digest is sent: nothing is lost. The
database is not held while talking to the server, so sales never wait on e-mail.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from pos.db import followup_queue
from pos.db.database import Database
from pos.db.digests import DigestRepository
from pos.db.errors import translate_database_errors
from pos.db.followup_queue import QueueFilter
from pos.db.models import FollowUpDigest
from pos.db.quotations import QuotationRepository
from pos.db.settings import SettingRepository
from pos.domain.clock import Clock, utc_now
from pos.domain.errors import UserError
from pos.domain.followup_digest import EndingQuotation, digest_body, digest_subject
from pos.services.mailer import MailError, SmtpServer, send_message
from pos.services.shop_facts import load_shop_facts

RECIPIENT_SETTING = "followups.digest_to"
SENDER_SETTING = "followups.digest_from"
QUOTATION_DAYS_AHEAD = 3
CLAIM_STALE = timedelta(minutes=10)
"""A till that took the digest and did not finish within this (it crashed) is taken over."""
MESSAGE_DOMAIN = "pos-till.invalid"


@dataclass(frozen=True, slots=True)
class DigestResult:
    sent: tuple[date, ...]
    """Days whose digest went out now (older ones kept from before included)."""
    pending: tuple[date, ...]
    """Days whose digest is kept to send next time."""
    error: str = ""
    """Why sending stopped ("" when everything went)."""


class DigestService:
    def __init__(
        self,
        database: Database,
        smtp_url: str | None,
        clock: Clock = utc_now,
        *,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._database = database
        self._server = None if smtp_url is None else SmtpServer.from_url(smtp_url)
        self._clock = clock
        self._sleep = sleep

    @property
    def mail_on(self) -> bool:
        """Whether e-mail is set up (POS_SMTP_URL)."""
        return self._server is not None

    def recipient(self) -> str:
        """Who gets the digest ("" when nobody is set)."""
        with translate_database_errors(), self._database.reader() as uow:
            return SettingRepository(uow.session).value(RECIPIENT_SETTING) or ""

    def set_recipient(self, address: str, sender: str = "") -> None:
        """Who gets the digest (the owner), and who it comes from (default: the same)."""
        to = address.strip()
        if "@" not in to or any(char.isspace() for char in to):
            raise UserError(f"{address!r} is not an e-mail address; write it like a@b.com")
        with translate_database_errors(), self._database.writer() as uow:
            settings = SettingRepository(uow.session)
            settings.put(RECIPIENT_SETTING, to, self._clock())
            settings.put(SENDER_SETTING, sender.strip(), self._clock())
            uow.commit()

    def send_daily_digest(self, today: date) -> DigestResult:
        """Write today's digest (if not written yet) and send every digest not sent.

        Refuses when e-mail is off (POS_SMTP_URL unset) or no recipient is set.
        """
        if self._server is None:
            raise UserError("e-mail is off; set POS_SMTP_URL to send the digest")
        self._write(today)
        with translate_database_errors(), self._database.reader() as uow:
            sender = SettingRepository(uow.session).value(SENDER_SETTING) or ""
            waiting = [(d.id, d.digest_day, _message(d, sender))
                       for d in DigestRepository(uow.session).unsent()]
        sent: list[date] = []
        for digest_id, day, message in waiting:
            if not self._claim(digest_id):
                continue  # another till is sending it (or has just sent it)
            try:
                send_message(message, self._server, sleep=self._sleep)
            except MailError as error:
                self._note_failure(digest_id, error.message)
                pending = tuple(d for _, d, _ in waiting if d not in sent)
                return DigestResult(tuple(sent), pending, error.message)
            self._note_sent(digest_id)
            sent.append(day)
        return DigestResult(tuple(sent), ())

    def _write(self, today: date) -> None:
        shop_name = load_shop_facts(self._database).name
        with translate_database_errors(), self._database.writer() as uow:
            repo = DigestRepository(uow.session)
            if repo.for_day(today) is not None:
                return
            recipient = SettingRepository(uow.session).value(RECIPIENT_SETTING)
            if not recipient:
                raise UserError("no one is set to receive the digest; set the owner's e-mail")
            items = followup_queue.open_items(uow.session, QueueFilter(due_by=today))
            quotations = [
                EndingQuotation(q.number, name, q.valid_until, q.total_minor)
                for q, name in QuotationRepository(uow.session).open_until(
                    today + timedelta(days=QUOTATION_DAYS_AHEAD))
            ]
            repo.add(FollowUpDigest(
                digest_day=today, recipient=recipient,
                subject=digest_subject(shop_name, today, items),
                body=digest_body(shop_name, today, items, quotations),
                created_at=self._clock(), attempts=0, last_error="",
            ))
            uow.commit()

    def _claim(self, digest_id: int) -> bool:
        """Take the digest for this till (several tills run the housekeeping on one
        database: only one sends); a claim older than `CLAIM_STALE` is taken over."""
        now = self._clock()
        with translate_database_errors(), self._database.writer() as uow:
            claimed = DigestRepository(uow.session).claim(digest_id, now, now - CLAIM_STALE)
            uow.commit()
        return claimed

    def _note_failure(self, digest_id: int, error: str) -> None:
        self._note(digest_id, error, sent=False)

    def _note_sent(self, digest_id: int) -> None:
        self._note(digest_id, "", sent=True)

    def _note(self, digest_id: int, error: str, *, sent: bool) -> None:
        """Count a sending round (each of up to three tries) and its outcome."""
        with translate_database_errors(), self._database.writer() as uow:
            digest = DigestRepository(uow.session).get(digest_id)
            if digest is not None:
                digest.attempts += 1
                digest.last_error = error
                digest.sent_at = self._clock() if sent else None
                digest.sending_since = None
            uow.commit()


def _message(digest: FollowUpDigest, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender or digest.recipient
    message["To"] = digest.recipient
    message["Subject"] = digest.subject
    message["Date"] = formatdate(digest.created_at.timestamp())
    message["Message-ID"] = make_msgid(f"digest-{digest.digest_day.isoformat()}", MESSAGE_DOMAIN)
    message.set_content(digest.body)
    return message
