"""Checking a customer's details as typed (the till's form, or a row of an import) into the
values a `customer` row holds. One set of rules for both, so an import refuses exactly
what the form refuses, with the same message."""

from dataclasses import dataclass
from datetime import date

from pos.domain.customer_details import (
    ADDRESS_AS_MAX,
    Birthday,
    clean_card,
    clean_code,
    clean_language,
    clean_name,
    clean_tags,
    customer_search_text,
    make_birthday,
    normalise_email,
)
from pos.domain.errors import UserError
from pos.services.customer_types import NewCustomer
from pos.services.phones import Phone, parse_phone

NOTES_MAX = 4000


@dataclass(frozen=True, slots=True)
class ValidCustomer:
    """A customer's details, checked and normalised (`columns()` is the row's values)."""

    name: str
    address_as: str
    phone: Phone | None
    email: str
    email_normalised: str
    birthday: Birthday | None
    notes: str
    language: str
    loyalty_card: str | None
    code: str | None
    tags: tuple[str, ...]
    consent_marketing_email: bool
    consent_sms: bool
    consent_keep_history: bool

    @property
    def phone_e164(self) -> str:
        return "" if self.phone is None else self.phone.e164

    def consents(self) -> tuple[bool, bool, bool]:
        return (self.consent_marketing_email, self.consent_sms, self.consent_keep_history)

    def columns(self) -> dict[str, object]:
        """The `customer` columns these details set (not ids, dates or erasure)."""
        birthday = self.birthday
        return {
            "code": self.code,
            "name": self.name,
            "address_as": self.address_as,
            "search_text": customer_search_text(self.name, self.code, self.email),
            "phone": "" if self.phone is None else self.phone.display,
            "phone_normalised": self.phone_e164,
            "email": self.email,
            "email_normalised": self.email_normalised,
            "birthday_day": None if birthday is None else birthday.day,
            "birthday_month": None if birthday is None else birthday.month,
            "birthday_year": None if birthday is None else birthday.year,
            "notes": self.notes,
            "language": self.language,
            "loyalty_card": self.loyalty_card,
            "consent_marketing_email": self.consent_marketing_email,
            "consent_sms": self.consent_sms,
            "consent_keep_history": self.consent_keep_history,
        }


def check_customer(
    new: NewCustomer, *, region: str, today: date, kept_phone: Phone | None = None
) -> ValidCustomer:
    """`new` checked, or a `UserError` naming the first thing to fix.

    `kept_phone` is the number already on the record: typed back unchanged it is kept
    as it is, even if it would not be accepted new (imported or demo numbers).
    """
    email, email_normalised = normalise_email(new.email)
    notes = new.notes.strip()
    if len(notes) > NOTES_MAX:
        raise UserError(f"the notes are longer than {NOTES_MAX} characters; shorten them")
    return ValidCustomer(
        name=clean_name(new.name),
        address_as=clean_name(new.address_as, what="form of address", required=False,
                              most=ADDRESS_AS_MAX),
        phone=_phone(new.phone, region, kept_phone),
        email=email,
        email_normalised=email_normalised,
        birthday=make_birthday(new.birthday_day, new.birthday_month, new.birthday_year,
                               today=today),
        notes=notes,
        language=clean_language(new.language),
        loyalty_card=clean_card(new.loyalty_card),
        code=clean_code(new.code),
        tags=clean_tags(new.tags),
        consent_marketing_email=new.consent_marketing_email,
        consent_sms=new.consent_sms,
        consent_keep_history=new.consent_keep_history,
    )


def _phone(text: str, region: str, kept: Phone | None) -> Phone | None:
    if kept is not None and text.strip() in (kept.display, kept.e164):
        return kept
    return parse_phone(text, region)
