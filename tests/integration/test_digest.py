"""The owner's daily digest reaches a real SMTP server (aiosmtpd on 127.0.0.1), and
waits in the database, not lost, while the server is down."""

from datetime import date

import pytest
from aiosmtpd.controller import Controller

from pos.db.digests import DigestRepository
from pos.db.models import FollowUpDigest
from pos.domain.cart import Cart
from pos.domain.errors import UserError
from pos.domain.followups import Preset
from pos.services.digest import CLAIM_STALE, DigestService
from pos.services.followups import FollowUpService
from pos.services.quotations import QuotationService
from tests.factories import ManualClock, TillFixture, add_customer, fixed_clock
from tests.smtp_inbox import Inbox, free_port

TUESDAY = date(2026, 11, 24)
OWNER = "owner@corner-shop.test"


@pytest.fixture
def shop_with_work(till: TillFixture) -> TillFixture:
    """One follow-up overdue, one due today, a quotation ending in two days."""
    zoe = add_customer(till.database, "Zoë Brontë")
    clock = ManualClock()
    clock.advance(days=-3)
    FollowUpService(till.database, clock).schedule(zoe, Preset.TOMORROW, "call",
                                                   "Ask about the mug", None, None)
    FollowUpService(till.database, fixed_clock).schedule(zoe, TUESDAY, "email", "", None, None)
    QuotationService(till.database, "1", fixed_clock).create(
        Cart((till.mugs(),)), None, till.cashier_id, valid_days=2)
    return till


def digest_service(till: TillFixture, port: int, sleeps: list[float] | None = None,
                   clock: ManualClock | None = None) -> DigestService:
    service = DigestService(till.database, f"smtp://127.0.0.1:{port}", clock or fixed_clock,
                            sleep=(sleeps if sleeps is not None else []).append)
    service.set_recipient(OWNER)
    return service


def test_the_digest_arrives_once_a_day(
    shop_with_work: TillFixture, inbox: tuple[Inbox, int]
) -> None:
    handler, port = inbox
    service = digest_service(shop_with_work, port)

    result = service.send_daily_digest(TUESDAY)

    assert (result.sent, result.pending, result.error) == ((TUESDAY,), (), "")
    (message,) = handler.messages
    assert message["To"] == OWNER
    assert message["Subject"] == "Corner Shop: 1 follow-ups today, 1 overdue (2026-11-24)"
    body = message.get_content().replace("\r\n", "\n")
    assert "Overdue (1)\n  2026-11-22  call  Zoë Brontë  Scheduled at the till\n" in body
    assert "      Ask about the mug" in body
    assert "Due today (1)\n  2026-11-24  email  Zoë Brontë" in body
    assert "Q1-000001  (no customer)  valid until 2026-11-26  4.50" in body
    assert service.send_daily_digest(TUESDAY).sent == ()
    assert len(handler.messages) == 1


def test_a_server_that_is_down_loses_nothing(shop_with_work: TillFixture) -> None:
    port = free_port()  # nothing listens there
    sleeps: list[float] = []
    clock = ManualClock()
    service = digest_service(shop_with_work, port, sleeps, clock)

    result = service.send_daily_digest(TUESDAY)

    assert (result.sent, result.pending) == ((), (TUESDAY,))
    assert f"cannot send e-mail through 127.0.0.1:{port} after 3 tries" in result.error
    assert sleeps == [2.0, 10.0]
    with shop_with_work.database.reader() as uow:
        (kept,) = uow.session.query(FollowUpDigest).all()
        assert (kept.sent_at, kept.attempts) == (None, 1)
        assert "after 3 tries" in kept.last_error

    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        clock.advance(days=1)
        later = service.send_daily_digest(date(2026, 11, 25))
    finally:
        controller.stop()
    assert later.sent == (TUESDAY, date(2026, 11, 25))
    assert [m["Subject"].endswith(f"({d})") for m, d in
            zip(handler.messages, ("2026-11-24", "2026-11-25"), strict=True)] == [True, True]


def test_digest_settings_that_cannot_work(till: TillFixture) -> None:
    with pytest.raises(UserError, match="e-mail is off; set POS_SMTP_URL"):
        DigestService(till.database, None, fixed_clock).send_daily_digest(TUESDAY)
    with pytest.raises(UserError, match="not an SMTP address"):
        DigestService(till.database, "http://mail.example.com", fixed_clock)
    service = DigestService(till.database, "smtp://127.0.0.1:1", fixed_clock)
    with pytest.raises(UserError, match="no one is set to receive the digest"):
        service.send_daily_digest(TUESDAY)
    with pytest.raises(UserError, match="is not an e-mail address"):
        service.set_recipient("owner at shop")


def test_two_tills_never_both_send_the_days_digest(
    shop_with_work: TillFixture, inbox: tuple[Inbox, int]
) -> None:
    handler, port = inbox
    clock = ManualClock()
    first_till = digest_service(shop_with_work, port, clock=clock)
    first_till.send_daily_digest(TUESDAY)  # writes it; the server takes it
    with shop_with_work.database.writer() as uow:  # as if another till were sending it now
        digest = uow.session.query(FollowUpDigest).one()
        digest.sent_at = None
        uow.commit()
        other_till_took_it = DigestRepository(uow.session).claim(
            digest.id, clock(), clock() - CLAIM_STALE)
        uow.commit()
    assert other_till_took_it
    assert len(handler.messages) == 1

    second_till = digest_service(shop_with_work, port, clock=clock)
    left = second_till.send_daily_digest(TUESDAY)
    assert (left.sent, left.pending) == ((), ())  # left to the till that took it
    assert len(handler.messages) == 1

    clock.advance(minutes=11)  # that till died while sending: taken over
    assert second_till.send_daily_digest(TUESDAY).sent == (TUESDAY,)
    assert len(handler.messages) == 2
    with shop_with_work.database.reader() as uow:
        kept = uow.session.query(FollowUpDigest).one()
        assert (kept.sent_at, kept.sending_since) == (clock(), None)
