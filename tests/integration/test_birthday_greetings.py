"""The birthday e-mail the day before, through a real SMTP server (aiosmtpd on 127.0.0.1),
on SQLite and PostgreSQL: only to customers who agreed, once a year, 29 February
birthdays on the 28th in other years, nothing lost while the server is down."""

from datetime import date

from sqlalchemy import select

from pos.db.database import Database
from pos.db.models import BirthdayGreeting
from pos.services.birthday_greetings import E_MAIL_OFF, BirthdayGreetingService, birthdays_on
from pos.services.customer_types import NewCustomer
from pos.services.customers import CustomerService
from pos.services.messages import MessageService
from tests.factories import TillFixture, fixed_clock
from tests.fake_printer import closed_port
from tests.smtp_inbox import Inbox


def add(database: Database, name: str, day: int, month: int, mail: str = "",
        consent: bool = True, language: str = "") -> int:
    return CustomerService(database, fixed_clock).create(NewCustomer(
        name, email=mail, birthday_day=day, birthday_month=month, language=language,
        consent_marketing_email=consent), allow_duplicate=True).id


def service(database: Database, port: int, sleeps: list[float] | None = None
            ) -> BirthdayGreetingService:
    return BirthdayGreetingService(
        database, f"smtp://127.0.0.1:{port}?from=hello@corner-shop.test", fixed_clock,
        sleep=(sleeps if sleeps is not None else []).append)


def greetings(database: Database) -> list[tuple[int, date, bool]]:
    with database.reader() as uow:
        return [(g.customer_id, g.birthday_on, g.sent_at is not None)
                for g in uow.session.scalars(select(BirthdayGreeting).order_by(
                    BirthdayGreeting.id))]


def test_29_february_birthdays_fall_on_the_28th_in_other_years() -> None:
    assert birthdays_on(date(2027, 2, 28)) == ((2, 28), (2, 29))
    assert birthdays_on(date(2028, 2, 28)) == ((2, 28),)
    assert birthdays_on(date(2028, 2, 29)) == ((2, 29),)


def test_birthdays_tomorrow_are_greeted_once_and_only_with_consent(
    till: TillFixture, inbox: tuple[Inbox, int]
) -> None:
    handler, port = inbox
    database = till.database
    leap = add(database, "Lea Leap", 29, 2, "lea@example.com")
    feb28 = add(database, "Finn February", 28, 2, "finn@example.com", language="de")
    add(database, "Nadia No-consent", 28, 2, "nadia@example.com", consent=False)
    add(database, "Olly No-address", 28, 2)
    march = add(database, "Mo March", 1, 3, "mo@example.com")

    result = service(database, port).send_birthday_greetings(date(2027, 2, 27))

    assert (result.written, sorted(result.sent), result.pending, result.error) == (
        2, sorted([leap, feb28]), (), "")
    assert handler.to() == ["finn@example.com", "lea@example.com"]
    by_address = {str(m["To"]): m for m in handler.messages}
    lea = by_address["lea@example.com"]
    assert lea["Subject"] == "Happy birthday from Corner Shop"
    assert str(lea["From"]) == "Corner Shop <hello@corner-shop.test>"
    assert "Happy birthday, Lea! Everyone at Corner Shop" in lea.get_content()
    finn = by_address["finn@example.com"]
    assert finn["Subject"] == "Herzlichen Glückwunsch von Corner Shop"
    assert "Alles Gute zum Geburtstag, Finn!" in finn.get_content()

    # Again the same day: nothing more; on the birthday, only 1 March's birthday.
    again = service(database, port).send_birthday_greetings(date(2027, 2, 27))
    assert (again.written, again.sent) == (0, ())
    assert service(database, port).send_birthday_greetings(date(2027, 2, 28)).sent == (march,)
    assert len(handler.messages) == 3
    assert greetings(database) == [(leap, date(2027, 2, 28), True),
                                   (feb28, date(2027, 2, 28), True),
                                   (march, date(2027, 3, 1), True)]

    # A leap year: each on their own day, the day before.
    assert service(database, port).send_birthday_greetings(date(2028, 2, 27)).sent == (feb28,)
    assert service(database, port).send_birthday_greetings(date(2028, 2, 28)).sent == (leap,)


def test_the_owners_birthday_text_is_used(till: TillFixture, inbox: tuple[Inbox, int]) -> None:
    handler, port = inbox
    MessageService(till.database, fixed_clock).save_template(
        "birthday_email", "en", "{{ first_name }}, a treat waits for you at {{ shop }} 🎂")
    add(till.database, "🌸 Zoë Brontë", 25, 11, "zoe@example.com")

    assert service(till.database, port).send_birthday_greetings(date(2026, 11, 24)).sent
    (message,) = handler.messages
    assert message.get_content().startswith("Zoë, a treat waits for you at Corner Shop 🎂")


def test_a_server_that_is_down_loses_no_greeting(
    till: TillFixture, inbox: tuple[Inbox, int]
) -> None:
    handler, port = inbox
    lea = add(till.database, "Lea Leap", 25, 11, "lea@example.com")
    sleeps: list[float] = []

    down = service(till.database, closed_port(), sleeps).send_birthday_greetings(
        date(2026, 11, 24))

    assert (down.written, down.sent, down.pending) == (1, (), (lea,))
    assert "after 3 tries" in down.error
    assert sleeps == [2.0, 10.0]
    assert greetings(till.database) == [(lea, date(2026, 11, 25), False)]
    # Back up later that day (or on the birthday): sent, once.
    up = service(till.database, port).send_birthday_greetings(date(2026, 11, 25))
    assert (up.written, up.sent) == (0, (lea,))
    assert handler.to() == ["lea@example.com"]


def test_with_e_mail_off_nothing_is_written(till: TillFixture) -> None:
    add(till.database, "Lea Leap", 25, 11, "lea@example.com")
    result = BirthdayGreetingService(till.database, None, fixed_clock).send_birthday_greetings(
        date(2026, 11, 24))
    assert (result.written, result.error) == (0, E_MAIL_OFF)
    assert greetings(till.database) == []
