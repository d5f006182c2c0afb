"""The owner's settings: the shop's details, the receipt's feedback link, the receipt printer
chosen in the app, who the follow-up digest goes to and the cash rounding (the back
office's Settings page).

Settings made in the app override nothing set in the environment (CONTRACTS.md): a
printer chosen here is used from the next start, and only where POS_RECEIPT_PRINTER or
POS_PRINTER_PROFILE is not set (`with_stored_printer`: environment first, then the stored
setting, then the default). Each save checks everything it was given before writing (bad
input changes nothing) and adds an audit entry naming who changed which fields.
"""

from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from pos.config import Settings
from pos.db.audit import AuditRepository
from pos.db.database import Database
from pos.db.errors import translate_database_errors
from pos.db.receipts import RECEIPT_QR_SETTING
from pos.db.repositories import ShopRepository
from pos.db.settings import SettingRepository
from pos.db.uow import SqlAlchemyUnitOfWork
from pos.domain.clock import Clock, utc_now
from pos.domain.customer_details import normalise_email
from pos.domain.errors import UserError
from pos.printing.profiles import load_profile, profile_hint, profile_names
from pos.printing.transports import open_port
from pos.services.checkout import CASH_ROUNDING_SETTING, check_cash_rounding, stored_cash_rounding
from pos.services.digest import RECIPIENT_SETTING, SENDER_SETTING

PRINTER_URL_SETTING = "printer.url"
PRINTER_PROFILE_SETTING = "printer.profile"
PREVIEW_RECEIPT = "R1-000123"
"""The receipt number the feedback link is previewed with."""
RECEIPT_PLACEHOLDER = "{receipt}"
NAME_MAX = 120
VAT_MAX = 40
"""The `shop` table's column widths."""
ADDRESS_MAX_LINES = 6
TEXT_MAX = 500
LINK_MAX = 300
"""Longer links make QR codes too dense to scan from a receipt."""
NO_SHOP = "the shop is not set up yet; open the till once (`pos`) to set it up"


@dataclass(frozen=True, slots=True)
class ShopDetails:
    """What the receipt's header and footer say about the shop."""

    name: str
    address: str
    vat_number: str
    thank_you: str
    """The default thank-you, plain text (personal ones are the Messages templates)."""


@dataclass(frozen=True, slots=True)
class PrinterChoice:
    url: str
    """The stored address ("" for none), or the environment's when it sets one."""
    profile: str
    """The stored profile ("" for the default), or the environment's when it sets one."""
    url_from_environment: bool
    profile_from_environment: bool
    in_use_url: str
    """What this till started with."""
    in_use_profile: str


@dataclass(frozen=True, slots=True)
class EmailSettings:
    digest_to: str
    digest_from: str
    """"" when the digest comes from its recipient's own address."""
    mail_on: bool
    """Whether POS_SMTP_URL is set (without it nothing is sent)."""


@dataclass(frozen=True, slots=True)
class ShopSettings:
    shop: ShopDetails
    locale: str
    timezone: str
    currency: str
    qr_url: str
    """The receipt's feedback link ("" for no QR code)."""
    printer: PrinterChoice
    email: EmailSettings
    cash_rounding_minor: int = 1
    """The smallest cash handed over, in minor units (1: exact)."""


_SHOP_COLUMNS = {"name": "name", "address": "address", "vat_number": "vat_number",
                 "thank_you": "default_thank_you"}
_SETTING_KEYS = (RECEIPT_QR_SETTING, PRINTER_URL_SETTING, PRINTER_PROFILE_SETTING,
                 RECIPIENT_SETTING, SENDER_SETTING, CASH_ROUNDING_SETTING)


class ShopSettingsService:
    def __init__(self, database: Database, settings: Settings, clock: Clock = utc_now) -> None:
        """`settings`: what this till started with (the environment merged with the stored
        printer by `with_stored_printer`)."""
        self._database = database
        self._settings = settings
        self._clock = clock

    def load(self) -> ShopSettings:
        with translate_database_errors(), self._database.reader() as uow:
            shop = ShopRepository(uow.session).shop()
            if shop is None:
                raise UserError(NO_SHOP)
            stored = SettingRepository(uow.session).values(_SETTING_KEYS)
            details = ShopDetails(shop.name, shop.address, shop.vat_number,
                                  shop.default_thank_you)
            locale, timezone, currency = shop.locale, shop.timezone, shop.currency
        return ShopSettings(
            details, locale, timezone, currency,
            qr_url=stored.get(RECEIPT_QR_SETTING, ""),
            printer=self._printer(stored),
            email=self._email(stored.get(RECIPIENT_SETTING, ""), stored.get(SENDER_SETTING, "")),
            cash_rounding_minor=stored_cash_rounding(stored.get(CASH_ROUNDING_SETTING)),
        )

    def save_shop(self, details: ShopDetails, *, actor: str) -> ShopDetails:
        """Check and save the shop's details; the till header and receipts use them at once."""
        clean = check_shop_details(details)
        with translate_database_errors(), self._database.writer() as uow:
            shop = ShopRepository(uow.session).shop()
            if shop is None:
                raise UserError(NO_SHOP)
            changed = [field for field, column in _SHOP_COLUMNS.items()
                       if getattr(shop, column) != getattr(clean, field)]
            for field in changed:
                setattr(shop, _SHOP_COLUMNS[field], getattr(clean, field))
            self._audit(uow, actor, "shop", changed)
            uow.commit()
        return clean

    def save_receipt(self, qr_url: str, *, actor: str) -> str:
        """Check and save the receipt's feedback link ("" for no QR code)."""
        link = check_qr_url(qr_url)
        self._put(actor, "receipt", {RECEIPT_QR_SETTING: link})
        return link

    def save_printer(self, url: str, profile: str, *, actor: str) -> PrinterChoice:
        """Check and save the receipt printer, used when the till is next started. A value
        the environment sets is not stored (it wins anyway); refused if it sets both."""
        env = self._settings
        if env.receipt_printer_given and env.printer_profile_given:
            raise UserError("the printer is set by POS_RECEIPT_PRINTER and POS_PRINTER_PROFILE; "
                            "change it there")
        values: dict[str, str] = {}
        if not env.receipt_printer_given:
            values[PRINTER_URL_SETTING] = check_printer_url(url)
        if not env.printer_profile_given:
            values[PRINTER_PROFILE_SETTING] = check_printer_profile(profile)
        self._put(actor, "printer", values)
        return self.load().printer

    def save_email(self, digest_to: str, digest_from: str, *, actor: str) -> EmailSettings:
        """Check and save who gets the owner's digest ("" for nobody) and who it is from
        ("" for the recipient's own address)."""
        to, _ = normalise_email(digest_to)
        sender, _ = normalise_email(digest_from)
        self._put(actor, "email", {RECIPIENT_SETTING: to, SENDER_SETTING: sender})
        return self._email(to, sender)

    def save_checkout(self, cash_rounding_minor: str | int, *, actor: str) -> int:
        """Check and save the cash rounding step (1, 5, 10, 50 or 100 minor units); tills
        use it from their next sign-in."""
        step = check_cash_rounding(cash_rounding_minor)
        self._put(actor, "checkout", {CASH_ROUNDING_SETTING: str(step)})
        return step

    def _email(self, digest_to: str, digest_from: str) -> EmailSettings:
        return EmailSettings(digest_to, digest_from, mail_on=self._settings.smtp_url is not None)

    def _printer(self, stored: dict[str, str]) -> PrinterChoice:
        env = self._settings
        return PrinterChoice(
            url=env.receipt_printer if env.receipt_printer_given
            else stored.get(PRINTER_URL_SETTING, ""),
            profile=env.printer_profile if env.printer_profile_given
            else stored.get(PRINTER_PROFILE_SETTING, ""),
            url_from_environment=env.receipt_printer_given,
            profile_from_environment=env.printer_profile_given,
            in_use_url=env.receipt_printer,
            in_use_profile=env.printer_profile,
        )

    def _put(self, actor: str, group: str, values: dict[str, str]) -> None:
        now = self._clock()
        with translate_database_errors(), self._database.writer() as uow:
            repo = SettingRepository(uow.session)
            changed = [key for key, value in values.items() if repo.put(key, value, now)]
            self._audit(uow, actor, group, changed)
            uow.commit()

    def _audit(self, uow: SqlAlchemyUnitOfWork, actor: str, group: str,
               changed: list[str]) -> None:
        AuditRepository(uow.session).append(
            at=self._clock(), actor=actor, action=f"settings.{group}",
            subject=f"settings:{group}", details={"changed": sorted(changed)},
        )


def with_stored_printer(settings: Settings, database: Database) -> Settings:
    """The printer this till uses: the environment's, else the one chosen in the app, else
    the default (none; profile TM-T20II)."""
    if settings.receipt_printer_given and settings.printer_profile_given:
        return settings
    with translate_database_errors(), database.reader() as uow:
        stored = SettingRepository(uow.session).values(
            (PRINTER_URL_SETTING, PRINTER_PROFILE_SETTING))
    return replace(
        settings,
        receipt_printer=settings.receipt_printer if settings.receipt_printer_given
        else stored.get(PRINTER_URL_SETTING) or settings.receipt_printer,
        printer_profile=settings.printer_profile if settings.printer_profile_given
        else stored.get(PRINTER_PROFILE_SETTING) or settings.printer_profile,
    )


def check_shop_details(details: ShopDetails) -> ShopDetails:
    """The details trimmed, or `UserError` saying what to fix."""
    name = " ".join(details.name.split())
    if not name:
        raise UserError("give the shop a name; it heads every receipt")
    if len(name) > NAME_MAX:
        raise UserError(f"the shop's name is longer than {NAME_MAX} characters")
    lines = [line.strip() for line in details.address.strip().splitlines()]
    address = "\n".join(line for line in lines if line)
    if address.count("\n") >= ADDRESS_MAX_LINES or len(address) > TEXT_MAX:
        raise UserError(f"the address fits in {ADDRESS_MAX_LINES} lines of a receipt; "
                        "shorten it")
    vat_number = " ".join(details.vat_number.split())
    if len(vat_number) > VAT_MAX:
        raise UserError(f"the VAT number is longer than {VAT_MAX} characters")
    thank_you = details.thank_you.strip()
    if not thank_you:
        raise UserError("write a thank-you for the receipt (e.g. Thank you, welcome again)")
    if len(thank_you) > TEXT_MAX:
        raise UserError(f"the thank-you is longer than {TEXT_MAX} characters")
    if "{{" in thank_you or "{%" in thank_you:
        # Printed as written on every receipt, also with no customer and on reprints:
        # personal words belong in the Messages section's templates.
        raise UserError("the shop's thank-you is printed as written on every receipt; write "
                        "it without {{ placeholders }} (personal thank-yous are in Messages)")
    return ShopDetails(name, address, vat_number, thank_you)


def check_qr_url(text: str) -> str:
    """A feedback link (http or https; `{receipt}` becomes the number), "" for none."""
    link = text.strip()
    if not link:
        return ""
    parts = urlsplit(link.replace(RECEIPT_PLACEHOLDER, "R1"))
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise UserError(f"{link!r} is not a web link; write it like "
                        "https://example.com/feedback?r={receipt}")
    if any(char.isspace() for char in link):
        raise UserError("a web link has no spaces; write %20 for a space")
    leftover = link.replace(RECEIPT_PLACEHOLDER, "")
    if "{" in leftover or "}" in leftover:
        raise UserError("the link can only fill in {receipt} (the receipt number)")
    if len(link) > LINK_MAX:
        raise UserError(f"the link is longer than {LINK_MAX} characters; too dense a QR code "
                        "to scan from a receipt")
    return link


def qr_link_for(link: str, receipt_number: str = PREVIEW_RECEIPT) -> str:
    """The link as printed on the receipt `receipt_number`."""
    return link.strip().replace(RECEIPT_PLACEHOLDER, receipt_number)


def check_printer_url(text: str) -> str:
    """A printer address as POS_RECEIPT_PRINTER takes it, "" for none."""
    url = text.strip()
    if url.lower() in ("", "none"):
        return ""
    open_port(url)  # the environment's parser: refuses what it cannot use, connects nowhere
    return url


def check_printer_profile(text: str) -> str:
    """A python-escpos profile as POS_PRINTER_PROFILE takes it, "" for the default."""
    name = text.strip()
    if not name:
        return ""
    if name not in profile_names():
        raise UserError(f"unknown printer profile {name!r}; use a python-escpos profile "
                        f"({profile_hint(name)})")
    load_profile(name)
    return name

