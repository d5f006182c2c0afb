"""The owner's message templates and the thank-you after a sale, on SQLite and PostgreSQL:
stored texts win over the shipped ones, bad ones are refused at save time (naming the
line) and passed over at sale time, a missing translation falls back to the shop's
language, the owner's rule order applies, and variety survives a restart."""

import io
import json
import logging
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from pos.db.database import Database
from pos.db.models import BirthdayGreeting, MessageTemplate, ThankYouSent
from pos.domain.cart import Cart
from pos.domain.errors import UserError
from pos.domain.occasions import Occasion
from pos.domain.tender import Tender
from pos.services.checkout import CompletedSale
from pos.services.customer_types import NewCustomer
from pos.services.customers import CustomerService
from pos.services.message_templates import TemplateProblemError
from pos.services.messages import MessageService
from pos.services.receipt_email import ReceiptEmailService
from pos.services.thank_you import ThankYouService
from tests.factories import TillFixture, fixed_clock
from tests.print_setup import print_settings

SHOP_DEFAULT = "Thank you for shopping with us, welcome again"


def thank_you(database: Database) -> ThankYouService:
    """A fresh service, as a till (re)started would make it."""
    customers = CustomerService(database, fixed_clock)
    return ThankYouService(customers, MessageService(database, fixed_clock, customers),
                           "Corner Shop", SHOP_DEFAULT, "en_GB")


def customer(database: Database, name: str, **details: object) -> int:
    return CustomerService(database, fixed_clock).create(
        NewCustomer(name, **details), allow_duplicate=True).id  # type: ignore[arg-type]


def sale(till: TillFixture, customer_id: int | None) -> CompletedSale:
    return till.sell(Cart().add(till.card()), Tender("cash", 250), customer_id=customer_id)


def regular(till: TillFixture, name: str, **details: object) -> int:
    """A customer with one visit behind them (the next is an ordinary one)."""
    customer_id = customer(till.database, name, **details)
    sale(till, customer_id)
    return customer_id


def stored_rows(database: Database) -> int:
    with database.reader() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(MessageTemplate)) or 0)


def test_the_owners_text_replaces_the_shipped_one(till: TillFixture) -> None:
    messages = MessageService(till.database, fixed_clock)
    shipped = messages.template("default", "en")
    assert (shipped.variants, shipped.stored) == ((SHOP_DEFAULT,), False)

    saved = messages.save_template("default", "en", "\nCheers, {{ first_name }}!\n\n",
                                   by=till.cashier_id)
    assert saved.variants == ("Cheers, {{ first_name }}!",)
    asha = regular(till, "Asha Patel")

    assert thank_you(till.database).pick(sale(till, asha)) == "Cheers, Asha!"
    assert messages.template("default", "en").stored
    assert messages.restore_default("default", "en").variants == (SHOP_DEFAULT,)
    assert thank_you(till.database).pick(sale(till, asha)) == SHOP_DEFAULT


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("Fine {{ name }}\nHello {{ first_name ", r"mistake on line 2"),
        ("Fine\n\nHi {{ firstname }}", r"line 3: unknown placeholder firstname"),
        ("{{ name | shout }}", r"line 1.*No filter named 'shout'"),
        ("{{ visit_count | plural(one='# visit') }}", r"line 1.*other"),
        ("   \n  ", r"write at least one message"),
    ],
)
def test_bad_templates_are_refused_and_nothing_is_saved(
    till: TillFixture, typed: str, problem: str
) -> None:
    messages = MessageService(till.database, fixed_clock)
    with pytest.raises(TemplateProblemError, match=problem):
        messages.save_template("birthday", "en", typed)
    assert stored_rows(till.database) == 0
    assert not messages.template("birthday", "en").stored


def test_unknown_occasions_and_languages_are_refused(till: TillFixture) -> None:
    messages = MessageService(till.database, fixed_clock)
    with pytest.raises(UserError, match="there is no message 'easter'"):
        messages.save_template("easter", "en", "Happy Easter")
    with pytest.raises(UserError, match="not a language code"):
        messages.save_template("default", "English!", "Hi")


def test_a_missing_translation_falls_back_to_the_shops_language(till: TillFixture) -> None:
    messages = MessageService(till.database, fixed_clock)
    missing = messages.template("milestone", "fr")
    assert (missing.language, missing.from_language, missing.stored) == ("fr", "en", False)
    messages.save_template("default", "fr", "Merci {{ first_name }} 🎉")

    amelie = regular(till, "Amélie Poulain", language="fr")
    assert thank_you(till.database).pick(sale(till, amelie)) == "Merci Amélie 🎉"
    # German is shipped: a German customer's first visit is thanked in German.
    jonas = customer(till.database, "Jonas Weber", language="de-AT")
    assert "Willkommen bei Corner Shop, Jonas Weber" in thank_you(till.database).pick(
        sale(till, jonas))
    # No French first-visit text: the shop's language (English) instead.
    zoe = customer(till.database, "Zoé Martin", language="fr")
    assert thank_you(till.database).pick(sale(till, zoe)).startswith("Welcome to Corner Shop")


def test_the_owners_rule_order_takes_effect(till: TillFixture) -> None:
    messages = MessageService(till.database, fixed_clock)
    # Birthday this week (the shop's today is 24 November) and known preferences.
    asha = regular(till, "Asha Patel", birthday_day=26, birthday_month=11,
                   tags=("dark roast",))
    assert "Happy birthday, Asha" in thank_you(till.database).pick(sale(till, asha))

    order = messages.overview().order
    assert order.index(Occasion.BIRTHDAY) < order.index(Occasion.PREFERENCES)
    for _ in range(len(order)):
        order = messages.move(Occasion.PREFERENCES, -1)
    assert order[0] is Occasion.PREFERENCES
    assert messages.overview().order == order

    assert thank_you(till.database).pick(sale(till, asha)) == (
        "Thank you, Asha! We keep an eye out for things you like: dark roast.")
    with pytest.raises(UserError, match="always comes last"):
        messages.move(Occasion.DEFAULT, -1)


def test_variety_survives_a_restart_and_goes_round_every_variant(till: TillFixture) -> None:
    MessageService(till.database, fixed_clock).save_template(
        "default", "en", "A, {{ first_name }}\nB, {{ first_name }}\nC, {{ first_name }}")
    asha = regular(till, "Asha Patel")

    picked = [thank_you(till.database).pick(sale(till, asha)) for _ in range(4)]

    assert picked == ["A, Asha", "B, Asha", "C, Asha", "A, Asha"]
    with till.database.reader() as uow:
        rows = uow.session.scalars(
            select(ThankYouSent).where(ThankYouSent.customer_id == asha)
            .order_by(ThankYouSent.id)).all()
        assert [row.text for row in rows] == picked
        assert len({row.variant_key for row in rows}) == 3
        assert all(row.occasion == "default" and row.sale_id for row in rows)


def test_no_identical_message_twice_in_a_row_while_another_fits(till: TillFixture) -> None:
    # German has one birthday text: the second visit in the birthday week gets another.
    jonas = regular(till, "Jonas Weber", language="de", birthday_day=26, birthday_month=11)
    first = thank_you(till.database).pick(sale(till, jonas))
    second = thank_you(till.database).pick(sale(till, jonas))
    third = thank_you(till.database).pick(sale(till, jonas))
    assert first == third == (
        "Alles Gute zum Geburtstag, Jonas! Danke, dass Sie bei Corner Shop feiern.")
    assert second == "Vielen Dank für Ihren Einkauf, bis bald!"


def test_emoji_names_and_names_without_a_first_name(till: TillFixture) -> None:
    MessageService(till.database, fixed_clock).save_template(
        "default", "en", "Thanks {{ first_name }}!\nThanks, {{ name }}!")
    flower = regular(till, "🌸 Zoë Brontë")
    only_emoji = regular(till, "🌸🌸")

    assert thank_you(till.database).pick(sale(till, flower)) == "Thanks Zoë!"
    # Nothing to call them by first name: the variant that needs one is passed over.
    assert thank_you(till.database).pick(sale(till, only_emoji)) == "Thanks, 🌸🌸!"
    assert thank_you(till.database).pick(sale(till, only_emoji)) == "Thanks, 🌸🌸!"


def test_a_broken_stored_template_falls_back_and_the_sale_stands(
    till: TillFixture, caplog: pytest.LogCaptureFixture
) -> None:
    # Written past the checks (an older version, a hand edit): sale time must cope.
    with till.database.writer() as uow:
        uow.session.add(MessageTemplate(
            occasion="default", language="en", updated_at=fixed_clock(),
            variants=json.dumps(["Hi {{ first_name ", "Yo {{ nickname }}"])))
        uow.commit()
    asha = regular(till, "Asha Patel")
    completed = sale(till, asha)

    with caplog.at_level(logging.WARNING):
        assert thank_you(till.database).pick(completed) == SHOP_DEFAULT
    assert "passed over" in caplog.text
    assert "fell back to the default" in caplog.text
    assert thank_you(till.database).pick(sale(till, None)) == SHOP_DEFAULT


def test_plural_forms_and_dates_follow_the_customers_language(till: TillFixture) -> None:
    messages = MessageService(till.database, fixed_clock)
    messages.save_template("first_visit", "de", "Bis {{ next_birthday }}: "
                           "{{ visit_count | plural(one='# Besuch', other='# Besuche') }}")
    messages.save_template("first_visit", "en", "Until {{ next_birthday }}: "
                           "{{ visit_count | plural(one='# visit', other='# visits') }}")
    jonas = customer(till.database, "Jonas Weber", language="de", birthday_day=29,
                     birthday_month=2)
    asha = customer(till.database, "Asha Patel", birthday_day=29, birthday_month=2)

    # 2027 has no 29 February: the birthday falls on the 28th.
    assert thank_you(till.database).pick(sale(till, jonas)) == "Bis 28. Februar: 1 Besuch"
    assert thank_you(till.database).pick(sale(till, asha)) == "Until 28 February: 1 visit"


def test_the_preview_uses_a_real_customers_facts(till: TillFixture) -> None:
    messages = MessageService(till.database, fixed_clock)
    asha = regular(till, "Asha Patel", address_as="Mrs Patel", birthday_day=1,
                   birthday_month=3, language="de")
    facts = messages.preview_facts(asha)
    assert (facts.name, facts.language) == ("Asha Patel", "de")
    assert facts.values["name"] == "Mrs Patel"
    assert facts.values["visit_count"] == 2
    assert facts.values_in("en_GB")["next_birthday"] == "1 March"
    assert facts.values_in("de")["next_birthday"] == "1. März"


def test_the_e_mailed_receipt_carries_the_same_thank_you(
    till: TillFixture, tmp_path: Path
) -> None:
    asha = regular(till, "Asha Patel", birthday_day=25, birthday_month=11)
    completed = sale(till, asha)
    said = thank_you(till.database).pick(completed)
    assert said.startswith("Happy birthday, Asha!")
    receipts = ReceiptEmailService(till.database, print_settings(tmp_path, "none"))

    text = PdfReader(io.BytesIO(receipts.receipt_pdf(completed.id))).pages[0].extract_text()
    assert "Happy birthday, Asha!" in " ".join(text.split())
    gift = receipts.receipt_pdf(completed.id, gift=True)
    assert "Happy birthday" not in PdfReader(io.BytesIO(gift)).pages[0].extract_text()


def test_erasure_deletes_and_export_holds_their_messages(
    till: TillFixture,
) -> None:
    asha = regular(till, "Asha Patel", email="asha@example.com", birthday_day=25,
                   birthday_month=11, consent_marketing_email=True)
    thank_you(till.database).pick(sale(till, asha))
    with till.database.writer() as uow:
        uow.session.add(BirthdayGreeting(
            customer_id=asha, birthday_on=date(2026, 11, 25), recipient="asha@example.com",
            created_at=fixed_clock(), attempts=1, last_error="", sent_at=fixed_clock()))
        uow.commit()
    customers = CustomerService(till.database, fixed_clock)

    exported = customers.export(asha)["other_records"]
    assert [row["text"] for row in exported["thank_you_sent"]] == [
        "Happy birthday, Asha! Thank you for celebrating with Corner Shop."]
    assert exported["birthday_greeting"][0]["recipient"] == "asha@example.com"

    erased = customers.erase(asha)
    assert erased.released["thank_you_sent.customer_id"] == 1
    assert erased.released["birthday_greeting.customer_id"] == 1
    with till.database.reader() as uow:
        for model in (ThankYouSent, BirthdayGreeting):
            assert uow.session.scalar(select(func.count()).select_from(model)) == 0
