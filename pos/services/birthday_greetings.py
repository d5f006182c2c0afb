"""The birthday e-mail, sent the day before to customers who agreed to marketing e-mail.

`send_birthday_greetings(today)` is for the daily housekeeping: it writes a greeting for
each customer whose birthday is tomorrow (29 February birthdays on 28 February in other
years, so theirs goes on the 27th), at most one per customer a year, then sends every
greeting not sent yet whose birthday has not passed. Written first, sent after: a mail
server that is down loses nothing (the next run, that day or on the birthday, sends
it), and the database is not held while talking to the server.
"""

import calendar
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid

from pos.db.database import Database
from pos.db.errors import translate_database_errors
from pos.db.messages import MessageRepository
from pos.db.models import BirthdayGreeting
from pos.domain.clock import Clock, utc_now
from pos.domain.errors import PosError
from pos.printing.receipt_mail import parse_smtp_url
from pos.services.customers import CustomerService
from pos.services.mailer import MailError, SmtpServer, send_message
from pos.services.message_templates import (
    BIRTHDAY_EMAIL,
    BIRTHDAY_EMAIL_SUBJECT,
    fill_first,
    language_chain,
    message_values,
    texts_for,
)
from pos.services.messages import MessageService
from pos.services.shop_facts import load_shop_facts

MESSAGE_DOMAIN = "pos-till.invalid"
E_MAIL_OFF = "e-mail is off (POS_SMTP_URL is not set); no birthday e-mails were sent"


@dataclass(frozen=True, slots=True)
class BirthdayGreetingResult:
    written: int
    """Greetings written by this run (customers whose birthday is tomorrow)."""
    sent: tuple[int, ...]
    """Customers greeted now."""
    pending: tuple[int, ...]
    """Customers whose greeting is kept to send at the next run."""
    error: str = ""
    """Why sending stopped ("" when everything went)."""


def birthdays_on(day: date) -> tuple[tuple[int, int], ...]:
    """The (month, day) birthdays celebrated on `day`: 29 February ones on 28 February in
    years without one."""
    if (day.month, day.day) == (2, 28) and not calendar.isleap(day.year):
        return ((2, 28), (2, 29))
    return ((day.month, day.day),)


class BirthdayGreetingService:
    def __init__(
        self, database: Database, smtp_url: str | None, clock: Clock = utc_now, *,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._database = database
        self._smtp_url = smtp_url
        self._clock = clock
        self._sleep = sleep
        self._customers = CustomerService(database, clock)
        self._messages = MessageService(database, clock, self._customers)

    def send_birthday_greetings(self, today: date) -> BirthdayGreetingResult:
        """Greet tomorrow's birthdays (see the module's docstring). With e-mail off, nothing
        is written or sent and the result says so."""
        if self._smtp_url is None:
            return BirthdayGreetingResult(0, (), (), E_MAIL_OFF)
        server = SmtpServer.from_url(self._smtp_url)
        sender = parse_smtp_url(self._smtp_url).sender
        written = self._write(today + timedelta(days=1))
        with translate_database_errors(), self._database.reader() as uow:
            waiting = [(g.id, g.customer_id, g.recipient)
                       for g in MessageRepository(uow.session).unsent_greetings(today)]
        shop_language = self._messages.overview().shop_language
        sent: list[int] = []
        for index, (greeting_id, customer_id, recipient) in enumerate(waiting):
            try:
                message = self._message(customer_id, recipient, sender, today, shop_language)
            except PosError as error:  # e.g. erased since: skip them, greet the others
                self._note(greeting_id, error.message, sent=False)
                continue
            try:
                send_message(message, server, sleep=self._sleep)
            except MailError as error:
                self._note(greeting_id, error.message, sent=False)
                pending = tuple(c for _, c, _ in waiting[index:])
                return BirthdayGreetingResult(written, tuple(sent), pending, error.message)
            self._note(greeting_id, "", sent=True)
            sent.append(customer_id)
        return BirthdayGreetingResult(written, tuple(sent), ())

    def _write(self, birthday: date) -> int:
        with translate_database_errors(), self._database.writer() as uow:
            repo = MessageRepository(uow.session)
            customers = repo.birthday_customers(birthdays_on(birthday))
            done = repo.greeted([c.id for c in customers], birthday.year)
            now = self._clock()
            new = [c for c in customers if c.id not in done]
            for customer in new:
                repo.add_greeting(BirthdayGreeting(
                    customer_id=customer.id, birthday_on=birthday, recipient=customer.email,
                    created_at=now, attempts=0, last_error=""))
            uow.commit()
        return len(new)

    def _message(self, customer_id: int, recipient: str, sender: str, today: date,
                 shop_language: str) -> EmailMessage:
        shop = load_shop_facts(self._database)
        panel = self._customers.panel(customer_id, today)
        languages = language_chain(panel.language, shop_language)
        stored = self._messages.stored_templates(languages)
        body_texts = texts_for(BIRTHDAY_EMAIL, languages, stored)
        subject_texts = texts_for(BIRTHDAY_EMAIL_SUBJECT, languages, stored)
        language = body_texts.language if body_texts else "en"
        values = message_values(panel, shop=shop.name, visit_number=panel.visits, today=today,
                                language=language)
        subject = fill_first(subject_texts.variants if subject_texts else (), values, language)
        body = fill_first(body_texts.variants if body_texts else (), values, language)
        subject_text = subject[1] if subject else f"Happy birthday from {shop.name}"
        message = EmailMessage()
        message["From"] = formataddr((shop.name, sender))
        message["To"] = recipient
        message["Subject"] = subject_text
        message["Date"] = formatdate(self._clock().timestamp())
        message["Message-ID"] = make_msgid(f"birthday-{customer_id}", MESSAGE_DOMAIN)
        message.set_content(f"{body[1] if body else subject_text}\n\n{shop.name}\n")
        return message

    def _note(self, greeting_id: int, error: str, *, sent: bool) -> None:
        with translate_database_errors(), self._database.writer() as uow:
            greeting = MessageRepository(uow.session).greeting(greeting_id)
            if greeting is not None:
                greeting.attempts += 1
                greeting.last_error = error
                greeting.sent_at = self._clock() if sent else None
            uow.commit()
