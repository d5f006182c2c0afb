"""The owner's settings: each group saved and read back (and used by receipts, the digest
and the next start), bad input refused with nothing changed, every save audited, and the
environment's printer first."""

import json
from pathlib import Path

import pytest

from pos.config import DEFAULT_PRINTER_PROFILE, Settings, load_settings
from pos.db.audit import AuditRepository
from pos.db.database import Database
from pos.domain.cart import Cart
from pos.domain.errors import PosError, UserError
from pos.domain.tender import Tender
from pos.services.checkout import CheckoutService
from pos.services.digest import DigestService
from pos.services.receipts import ReceiptService
from pos.services.shop_settings import (
    PrinterChoice,
    ShopDetails,
    ShopSettings,
    ShopSettingsService,
    qr_link_for,
    with_stored_printer,
)
from tests.factories import TillFixture, fixed_clock, make_shop

PRINTER = "tcp://192.168.1.50:9100"


def settings_from(tmp_path: Path, **environment: str) -> Settings:
    return load_settings(environment, data_dir=tmp_path)


def service(database: Database, tmp_path: Path, **environment: str) -> ShopSettingsService:
    return ShopSettingsService(database, settings_from(tmp_path, **environment), fixed_clock)


def audit_of(database: Database, group: str) -> list[tuple[str, list[str]]]:
    """(who, which fields changed) of each save of `group`, oldest first."""
    with database.reader() as uow:
        return [(entry.actor, json.loads(entry.details)["changed"])
                for entry in AuditRepository(uow.session).about(f"settings:{group}")]


@pytest.fixture
def shop(database: Database) -> Database:
    make_shop(database)
    return database


def test_the_shop_details_are_saved_read_back_and_printed(
    till: TillFixture, tmp_path: Path
) -> None:
    settings = service(till.database, tmp_path)
    typed = ShopDetails("  Corner   Gifts ", "1 High Street\n\n  Bath BA1 1AA \n",
                        " GB 123 4567 89 ", "Thank you, come again!")

    saved = settings.save_shop(typed, actor="Olivia")

    expected = ShopDetails("Corner Gifts", "1 High Street\nBath BA1 1AA", "GB 123 4567 89",
                           "Thank you, come again!")
    assert saved == expected
    loaded = settings.load()
    assert loaded.shop == expected
    assert (loaded.locale, loaded.timezone, loaded.currency) == ("en_GB", "Europe/London", "GBP")
    sale = till.sell(Cart((till.mugs(),)), Tender("cash", 450))
    receipt = ReceiptService(till.database).for_sale(sale.id)
    assert (receipt.shop.name, receipt.shop.address, receipt.shop.vat_number) == (
        "Corner Gifts", "1 High Street\nBath BA1 1AA", "GB 123 4567 89")
    assert audit_of(till.database, "shop") == [
        ("Olivia", ["address", "name", "thank_you", "vat_number"])]

    settings.save_shop(expected, actor="Olivia")  # saved again unchanged: still audited
    assert audit_of(till.database, "shop")[-1] == ("Olivia", [])


@pytest.mark.parametrize(("name", "address", "vat", "thank_you", "problem"), [
    ("  ", "", "", "Thanks", "give the shop a name"),
    ("N" * 121, "", "", "Thanks", "longer than 120 characters"),
    ("Shop", "\n".join(f"line {n}" for n in range(7)), "", "Thanks", "6 lines"),
    ("Shop", "", "V" * 41, "Thanks", "VAT number is longer than 40"),
    ("Shop", "", "", " ", "write a thank-you"),
    ("Shop", "", "", "Thanks {{ name }}", "printed as written on every receipt"),
    ("Shop", "", "", "Thanks {% if x %}", "printed as written on every receipt"),
])
def test_bad_shop_details_change_nothing(
    shop: Database, tmp_path: Path, name: str, address: str, vat: str, thank_you: str,
    problem: str,
) -> None:
    settings = service(shop, tmp_path)
    before = settings.load()

    with pytest.raises(UserError, match=problem):
        settings.save_shop(ShopDetails(name, address, vat, thank_you), actor="Olivia")

    assert settings.load() == before
    assert audit_of(shop, "shop") == []


def test_the_feedback_link_reaches_the_receipt_and_can_be_removed(
    till: TillFixture, tmp_path: Path
) -> None:
    settings = service(till.database, tmp_path)
    link = "https://corner.example/feedback?r={receipt}"

    assert settings.save_receipt(f"  {link} ", actor="Olivia") == link

    assert settings.load().qr_url == link
    assert qr_link_for(link) == "https://corner.example/feedback?r=R1-000123"
    sale = till.sell(Cart((till.mugs(),)), Tender("cash", 450))
    receipt = ReceiptService(till.database).for_sale(sale.id)
    assert receipt.qr_payload == f"https://corner.example/feedback?r={sale.receipt_number}"

    assert settings.save_receipt("", actor="Manny") == ""
    assert settings.load().qr_url == ""
    assert ReceiptService(till.database).for_sale(sale.id).qr_payload is None
    assert audit_of(till.database, "receipt") == [
        ("Olivia", ["receipt.qr_url"]), ("Manny", ["receipt.qr_url"])]


@pytest.mark.parametrize(("link", "problem"), [
    ("ftp://corner.example/{receipt}", "not a web link"),
    ("corner.example/feedback", "not a web link"),
    ("https://", "not a web link"),
    ("https://corner.example/r/{sale}", r"only fill in \{receipt\}"),
    ("https://corner.example/a b", "no spaces"),
    ("https://corner.example/" + "x" * 300, "longer than 300"),
])
def test_bad_feedback_links_change_nothing(
    shop: Database, tmp_path: Path, link: str, problem: str
) -> None:
    settings = service(shop, tmp_path)
    settings.save_receipt("https://corner.example/{receipt}", actor="Olivia")

    with pytest.raises(UserError, match=problem):
        settings.save_receipt(link, actor="Olivia")

    assert settings.load().qr_url == "https://corner.example/{receipt}"
    assert len(audit_of(shop, "receipt")) == 1


def test_the_printer_is_saved_and_used_at_the_next_start(shop: Database, tmp_path: Path) -> None:
    settings = service(shop, tmp_path)
    assert settings.load().printer == PrinterChoice("", "", False, False, "none",
                                                    DEFAULT_PRINTER_PROFILE)

    saved = settings.save_printer(f" {PRINTER} ", "TM-T88V", actor="Olivia")

    assert (saved.url, saved.profile) == (PRINTER, "TM-T88V")
    assert (saved.in_use_url, saved.in_use_profile) == ("none", DEFAULT_PRINTER_PROFILE)
    next_start = with_stored_printer(settings_from(tmp_path), shop)
    assert (next_start.receipt_printer, next_start.printer_profile) == (PRINTER, "TM-T88V")
    assert audit_of(shop, "printer") == [("Olivia", ["printer.profile", "printer.url"])]

    settings.save_printer("none", "", actor="Olivia")  # back to no printer, default profile
    next_start = with_stored_printer(settings_from(tmp_path), shop)
    assert (next_start.receipt_printer, next_start.printer_profile) == (
        "none", DEFAULT_PRINTER_PROFILE)


@pytest.mark.parametrize(("url", "profile", "problem"), [
    ("lpt1", "TM-T20II", "not a printer address; use tcp://HOST:PORT"),
    ("tcp://", "TM-T20II", "not a printer address"),
    ("usb://not-hex", "TM-T20II", "not a printer address"),
    (PRINTER, "TM-T88", r"unknown printer profile 'TM-T88'.*did you mean .*TM-T88"),
    (PRINTER, "Epson thing", r"unknown printer profile .*e\.g\. TM-T20II, TM-T88V, POS-5890"),
])
def test_bad_printer_settings_change_nothing(
    shop: Database, tmp_path: Path, url: str, profile: str, problem: str
) -> None:
    settings = service(shop, tmp_path)
    settings.save_printer("file:///tmp/receipts.bin", "TM-T20II", actor="Olivia")
    before = settings.load()

    with pytest.raises(PosError, match=problem):
        settings.save_printer(url, profile, actor="Olivia")

    assert settings.load() == before
    assert len(audit_of(shop, "printer")) == 1


def test_the_environment_comes_first_then_the_stored_printer_then_the_default(
    shop: Database, tmp_path: Path
) -> None:
    assert with_stored_printer(settings_from(tmp_path), shop) == settings_from(tmp_path)
    service(shop, tmp_path).save_printer(PRINTER, "TM-T88V", actor="Olivia")

    both = settings_from(tmp_path, POS_RECEIPT_PRINTER="file:///dev/usb/lp0",
                         POS_PRINTER_PROFILE="POS-5890")
    assert with_stored_printer(both, shop) == both
    only_url = with_stored_printer(
        settings_from(tmp_path, POS_RECEIPT_PRINTER="file:///dev/usb/lp0"), shop)
    assert (only_url.receipt_printer, only_url.printer_profile) == (
        "file:///dev/usb/lp0", "TM-T88V")
    only_profile = with_stored_printer(
        settings_from(tmp_path, POS_PRINTER_PROFILE="POS-5890"), shop)
    assert (only_profile.receipt_printer, only_profile.printer_profile) == (PRINTER, "POS-5890")


def test_a_printer_set_in_the_environment_is_not_stored(shop: Database, tmp_path: Path) -> None:
    from_env = service(shop, tmp_path, POS_RECEIPT_PRINTER="file:///dev/usb/lp0")
    shown = from_env.load().printer
    assert (shown.url, shown.url_from_environment, shown.profile_from_environment) == (
        "file:///dev/usb/lp0", True, False)

    saved = from_env.save_printer("lpt1 (ignored: the environment's wins)", "POS-5890",
                                  actor="Olivia")

    assert (saved.url, saved.profile) == ("file:///dev/usb/lp0", "POS-5890")
    assert service(shop, tmp_path).load().printer.url == ""  # nothing stored for the address
    assert audit_of(shop, "printer") == [("Olivia", ["printer.profile"])]
    both = service(shop, tmp_path, POS_RECEIPT_PRINTER="file:///dev/usb/lp0",
                   POS_PRINTER_PROFILE="TM-T20II")
    with pytest.raises(UserError, match="set by POS_RECEIPT_PRINTER and POS_PRINTER_PROFILE"):
        both.save_printer(PRINTER, "TM-T88V", actor="Olivia")
    assert len(audit_of(shop, "printer")) == 1


def test_the_digest_addresses_are_saved_and_used(shop: Database, tmp_path: Path) -> None:
    settings = service(shop, tmp_path, POS_SMTP_URL="smtp://127.0.0.1:2525")

    saved = settings.save_email(" owner@corner.example ", "till@corner.example", actor="Olivia")

    assert (saved.digest_to, saved.digest_from, saved.mail_on) == (
        "owner@corner.example", "till@corner.example", True)
    assert settings.load().email == saved
    assert DigestService(shop, None).recipient() == "owner@corner.example"
    cleared = settings.save_email("", "", actor="Olivia")
    assert (cleared.digest_to, DigestService(shop, None).recipient()) == ("", "")
    assert service(shop, tmp_path).load().email.mail_on is False
    assert audit_of(shop, "email") == [
        ("Olivia", ["followups.digest_from", "followups.digest_to"]),
        ("Olivia", ["followups.digest_from", "followups.digest_to"]),
    ]


@pytest.mark.parametrize(("to", "sender"), [
    ("owner", ""), ("owner@corner", ""), ("owner @corner.example", ""),
    ("owner@corner.example", "till@@corner.example"), ("a..b@corner.example", ""),
])
def test_bad_e_mail_addresses_change_nothing(
    shop: Database, tmp_path: Path, to: str, sender: str
) -> None:
    settings = service(shop, tmp_path)
    settings.save_email("owner@corner.example", "", actor="Olivia")
    before: ShopSettings = settings.load()

    with pytest.raises(UserError, match="is not an e-mail address"):
        settings.save_email(to, sender, actor="Olivia")

    assert settings.load() == before
    assert len(audit_of(shop, "email")) == 1


def test_the_cash_rounding_is_saved_audited_and_priced_with(shop: Database, tmp_path: Path) -> None:
    settings = service(shop, tmp_path)
    assert settings.load().cash_rounding_minor == 1

    assert settings.save_checkout(" 10 ", actor="Olivia") == 10

    assert settings.load().cash_rounding_minor == 10
    assert CheckoutService(shop, "1").pricing_rules().cash_rounding_minor == 10
    settings.save_checkout(10, actor="Olivia")  # unchanged: audited, nothing changed
    assert audit_of(shop, "checkout") == [
        ("Olivia", ["checkout.cash_rounding_minor"]), ("Olivia", [])]


@pytest.mark.parametrize("step", ["0", "2", "-5", "5.0", "", "five", "1000"])
def test_a_cash_rounding_not_offered_changes_nothing(
    shop: Database, tmp_path: Path, step: str
) -> None:
    settings = service(shop, tmp_path)
    settings.save_checkout("5", actor="Olivia")

    with pytest.raises(UserError, match="cash rounding is 1, 5, 10, 50 or 100 minor units"):
        settings.save_checkout(step, actor="Olivia")

    assert settings.load().cash_rounding_minor == 5
    assert len(audit_of(shop, "checkout")) == 1
