"""The till's daily housekeeping on SQLite and PostgreSQL: due quotations are marked
expired once (and kept), and the owner's digest reaches a real SMTP server once a day,
however often the till runs it."""

from datetime import UTC, date, datetime

from pos.db.models import FollowUpDigest, Quotation
from pos.domain.cart import Cart
from pos.services.birthday_greetings import BirthdayGreetingService
from pos.services.customer_types import NewCustomer
from pos.services.customers import CustomerService
from pos.services.digest import DigestService
from pos.services.housekeeping import MAIL_OFF, NO_RECIPIENT, Housekeeping
from pos.services.quotations import QuotationService
from tests.factories import ManualClock, TillFixture, add_customer, fixed_clock, row_counts
from tests.integration.test_digest import OWNER
from tests.smtp_inbox import Inbox, free_port

TUESDAY = date(2026, 11, 24)


def housekeeping(till: TillFixture, clock: ManualClock, smtp_url: str | None,
                 sleeps: list[float] | None = None) -> Housekeeping:
    digest = DigestService(till.database, smtp_url, clock,
                           sleep=(sleeps if sleeps is not None else []).append)
    return Housekeeping(till.database, QuotationService(till.database, "1", clock), digest,
                        clock)


def test_due_quotations_are_marked_expired_once_and_kept(till: TillFixture) -> None:
    quotes = QuotationService(till.database, "1", fixed_clock)
    zoe = add_customer(till.database, "Zoë Brontë")
    short = quotes.create(Cart((till.mugs(),)), zoe, till.cashier_id, valid_days=1)
    long = quotes.create(Cart((till.mugs(),)), zoe, till.cashier_id, valid_days=30)
    clock = ManualClock(datetime(2026, 11, 25, 12, tzinfo=UTC))
    chores = housekeeping(till, clock, None)

    assert chores.expire_quotations().expired == 0  # its last valid day
    clock.advance(days=1)
    outcome = chores.expire_quotations()
    assert (outcome.day, outcome.expired) == (date(2026, 11, 26), 1)
    assert chores.expire_quotations().expired == 0

    assert quotes.get(short.id).status == "expired"
    assert quotes.get(long.id).status == "open"
    assert row_counts(till.database, Quotation) == {"quotation": 2}


def test_the_digest_goes_once_a_day_however_often_the_till_asks(
    till: TillFixture, inbox: tuple[Inbox, int]
) -> None:
    handler, port = inbox
    clock = ManualClock(datetime(2026, 11, 24, 8, tzinfo=UTC))
    url = f"smtp://127.0.0.1:{port}"
    DigestService(till.database, url, clock).set_recipient(OWNER)
    chores = housekeeping(till, clock, url)

    first = chores.send_digest()
    assert first.result is not None
    assert (first.day, first.result.sent, first.skipped) == (TUESDAY, (TUESDAY,), "")
    clock.advance(hours=1)
    again = chores.send_digest()
    assert (again.result, again.skipped) == (None, "today's digest was sent already")
    restarted = housekeeping(till, clock, url).send_digest()  # another till start, same day
    assert restarted.result is not None
    assert restarted.result.sent == ()
    assert [m["Subject"][-12:] for m in handler.messages] == ["(2026-11-24)"]

    clock.advance(days=1)
    assert chores.send_digest().day == date(2026, 11, 25)
    assert [m["Subject"][-12:] for m in handler.messages] == ["(2026-11-24)", "(2026-11-25)"]


def test_a_server_that_is_down_is_tried_again_at_the_next_run(till: TillFixture) -> None:
    clock = ManualClock(datetime(2026, 11, 24, 8, tzinfo=UTC))
    url = f"smtp://127.0.0.1:{free_port()}"  # nothing listens there
    DigestService(till.database, url, clock).set_recipient(OWNER)
    chores = housekeeping(till, clock, url)

    failed = chores.send_digest()
    assert failed.result is not None
    assert failed.result.pending == (TUESDAY,)
    assert "after 3 tries" in failed.result.error
    retried = chores.send_digest()
    assert retried.result is not None  # not taken for done: tried again
    assert retried.result.pending == (TUESDAY,)
    assert row_counts(till.database, FollowUpDigest) == {"follow_up_digest": 1}


def test_no_digest_without_e_mail_or_someone_to_send_it_to(till: TillFixture) -> None:
    clock = ManualClock()
    off = housekeeping(till, clock, None)
    assert not off.mail_on
    assert off.send_digest().skipped == MAIL_OFF
    nobody = housekeeping(till, clock, "smtp://127.0.0.1:1")
    assert nobody.mail_on
    assert nobody.send_digest().skipped == NO_RECIPIENT
    assert row_counts(till.database, FollowUpDigest) == {"follow_up_digest": 0}


def test_tomorrows_birthdays_are_greeted_once_however_often_the_till_asks(
    till: TillFixture, inbox: tuple[Inbox, int]
) -> None:
    handler, port = inbox
    clock = ManualClock(datetime(2026, 11, 24, 8, tzinfo=UTC))
    url = f"smtp://127.0.0.1:{port}"
    customers = CustomerService(till.database, clock)
    customers.create(NewCustomer("Zoë Brontë", email="zoe@example.com", birthday_day=25,
                                 birthday_month=11, consent_marketing_email=True))
    customers.create(NewCustomer("Ben Okafor", email="ben@example.com", birthday_day=25,
                                 birthday_month=11))  # no consent: no e-mail
    chores = Housekeeping(till.database, QuotationService(till.database, "1", clock),
                          DigestService(till.database, url, clock), clock,
                          birthdays=BirthdayGreetingService(till.database, url, clock))

    first = chores.greet_birthdays()
    assert first is not None
    assert len(first.sent) == 1
    clock.advance(hours=1)
    assert chores.greet_birthdays() is None  # done for today
    assert handler.to() == ["zoe@example.com"]
    body = handler.messages[0].get_body(("plain",))
    assert body is not None
    assert "Zoë" in str(body.get_content())
    assert housekeeping(till, clock, None).greet_birthdays() is None  # no service, no e-mail
