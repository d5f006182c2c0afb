"""Phone numbers in any format: stored as E.164, matched however the cashier types them.

A number is parsed with `phonenumbers` in the shop's country, so "07700 900123",
"+44 7700 900123" and "0044 7700-900-123" are the same customer. Searching accepts
pieces of a number too: typed with its country code or trunk prefix it is a prefix of
the E.164 form; otherwise a run of digits from anywhere in it.
"""

from dataclasses import dataclass

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

from pos.domain.errors import UserError

PHONE_CHARACTERS = frozenset("0123456789+-()./ ")
MIN_SEARCH_DIGITS = 4
"""Fewer digits than this are not searched as a phone number (a customer code may be)."""


@dataclass(frozen=True, slots=True)
class Phone:
    e164: str
    """"+447700900123": what `customer.phone_normalised` holds."""
    display: str
    """How the till shows it: national format at home, international otherwise."""


@dataclass(frozen=True, slots=True)
class PhoneQuery:
    """How typed text can match stored E.164 numbers (any of them may be empty)."""

    exact: str = ""
    """The whole number, when the text is one."""
    prefix: str = ""
    """"+447700": typed with a country code or the trunk prefix ("07700")."""
    digits: str = ""
    """"900123": digits that may stand anywhere in the number."""


def parse_phone(text: str, region: str) -> Phone | None:
    """The number typed in `text` (the shop's `region`, e.g. "GB"); None for no text.

    Refuses text that is not a callable number, with an example of one that is.
    """
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        number = phonenumbers.parse(cleaned, region)
    except NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise UserError(
            f"'{text}' is not a phone number; write it with its area code, like "
            f"{_example(region)}, or with + and the country code"
        )
    home = phonenumbers.region_code_for_number(number) == region
    style = PhoneNumberFormat.NATIONAL if home else PhoneNumberFormat.INTERNATIONAL
    return Phone(
        phonenumbers.format_number(number, PhoneNumberFormat.E164),
        phonenumbers.format_number(number, style),
    )


def phone_query(text: str, region: str) -> PhoneQuery | None:
    """How to look `text` up as (part of) a phone number; None if it does not look like one."""
    cleaned = text.strip()
    digits = "".join(ch for ch in cleaned if ch.isdigit())
    if len(digits) < MIN_SEARCH_DIGITS or not set(cleaned) <= PHONE_CHARACTERS:
        return None
    exact = _whole_number(cleaned, region)
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    trunk = (metadata.national_prefix or "") if metadata else ""
    if cleaned.startswith("+"):
        return PhoneQuery(exact, prefix="+" + digits)
    if digits.startswith("00"):
        return PhoneQuery(exact, prefix="+" + digits[2:])
    if trunk and digits.startswith(trunk):
        country = phonenumbers.country_code_for_region(region)
        return PhoneQuery(exact, prefix=f"+{country}{digits[len(trunk):]}")
    return PhoneQuery(exact, digits=digits)


def _whole_number(text: str, region: str) -> str:
    """The E.164 form when `text` is a complete number (valid or merely well-formed)."""
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(number):
        return ""
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def _example(region: str) -> str:
    example = phonenumbers.example_number(region)
    if example is None:
        return "+44 121 234 5678"
    return phonenumbers.format_number(example, PhoneNumberFormat.NATIONAL)
