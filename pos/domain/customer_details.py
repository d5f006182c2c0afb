"""The rules for what a customer record may hold: name, e-mail, birthday, card, preferences.

Pure: the services add phone parsing (the `phonenumbers` library) and the database.
Every refusal is a `UserError` whose message says what to type instead.
"""

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher

from pos.domain.birthdays import days_until_birthday, is_valid_birthday
from pos.domain.errors import UserError
from pos.domain.text import search_key

NAME_MAX = 160
ADDRESS_AS_MAX = 80
EMAIL_MAX = 254
CARD_MAX = 40
CODE_MAX = 40
LANGUAGE_MAX = 16
TAG_MAX = 80
TAGS_MAX = 40
SEARCH_TEXT_MAX = 400
FIRST_BIRTH_YEAR = 1900
THIS_WEEK_DAYS = 7
"""A birthday is "this week" when it falls today or in the six days after."""
SIMILAR_NAME_RATIO = 0.85
"""Names at least this alike (difflib's ratio of their search keys) may be one person."""

_EMAIL = re.compile(r"[^@\s]+@([^@\s.]+\.)+[^@\s.]{2,}")
_ISO_BIRTHDAY = re.compile(r"(\d{4}|-)-(\d{1,2})-(\d{1,2})")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*")


@dataclass(frozen=True, slots=True)
class Birthday:
    """Day and month, with the year only if the customer gave it."""

    day: int
    month: int
    year: int | None = None

    def iso(self) -> str:
        """`YYYY-MM-DD`, or `--MM-DD` without a year (the CSV import's forms)."""
        year = "-" if self.year is None else f"{self.year:04d}"
        return f"{year}-{self.month:02d}-{self.day:02d}"


def make_birthday(
    day: int | None, month: int | None, year: int | None = None, *, today: date
) -> Birthday | None:
    """A checked birthday, or None when neither day nor month is given.

    Day and month go together; the year is optional but must make a real date no later
    than today (29 February 2001 is refused; 29 February without a year is fine).
    """
    if day is None and month is None:
        if year is not None:
            raise UserError("give the day and month of the birthday, not only the year")
        return None
    if day is None or month is None:
        raise UserError(
            "give both the day and the month of the birthday (the year may be left out)"
        )
    if not 1 <= month <= 12:
        raise UserError(f"{month} is not a month; give a month from 1 to 12")
    if year is not None and not FIRST_BIRTH_YEAR <= year <= today.year:
        raise UserError(
            f"{year} is not a birth year; give a year from {FIRST_BIRTH_YEAR} to {today.year}, "
            "or leave it out"
        )
    if not is_valid_birthday(day, month, year):
        if year is not None and is_valid_birthday(day, month):
            raise UserError(
                f"{day} {calendar.month_name[month]} {year} is not a date ({year} was not a "
                "leap year); check the year or leave it out"
            )
        raise UserError(
            f"{day} {calendar.month_name[month]} is not a date; check the birthday's day "
            "and month"
        )
    return Birthday(day, month, year)


def parse_birthday(text: str, *, today: date) -> Birthday | None:
    """A birthday from `YYYY-MM-DD` or `--MM-DD` (CONTRACTS.md); None for empty text."""
    cleaned = text.strip()
    if not cleaned:
        return None
    match = _ISO_BIRTHDAY.fullmatch(cleaned)
    if match is None:
        raise UserError(
            f"birthday '{text}' is not a date; write it as YYYY-MM-DD, or --MM-DD without "
            "the year"
        )
    year = None if match[1] == "-" else int(match[1])
    return make_birthday(int(match[3]), int(match[2]), year, today=today)


def birthday_is_today(birthday: Birthday | None, today: date) -> bool:
    return birthday is not None and days_until_birthday(birthday.day, birthday.month, today) == 0


def birthday_is_this_week(birthday: Birthday | None, today: date) -> bool:
    """Today or within the six days after (29 February counts as 28 February in other years)."""
    return (
        birthday is not None
        and days_until_birthday(birthday.day, birthday.month, today) < THIS_WEEK_DAYS
    )


def clean_name(
    text: str, *, what: str = "name", required: bool = True, most: int = NAME_MAX
) -> str:
    """Single-spaced text; refused when required and empty, or too long."""
    cleaned = " ".join(text.split())
    if required and not cleaned:
        raise UserError(f"give the customer's {what}")
    if len(cleaned) > most:
        raise UserError(f"the {what} is longer than {most} characters; shorten it")
    return cleaned


def normalise_email(text: str) -> tuple[str, str]:
    """(the address as written, its lower-case form for look-ups); ("", "") for none."""
    cleaned = text.strip()
    if not cleaned:
        return "", ""
    if len(cleaned) > EMAIL_MAX or not _EMAIL.fullmatch(cleaned) or ".." in cleaned:
        raise UserError(
            f"'{text}' is not an e-mail address; write it like jane@example.com"
        )
    return cleaned, cleaned.casefold()


def clean_card(text: str) -> str | None:
    """A loyalty card number without spaces (as a scanner reads it); None for none."""
    cleaned = "".join(text.split())
    if not cleaned:
        return None
    if len(cleaned) > CARD_MAX:
        raise UserError(f"the loyalty card number is longer than {CARD_MAX} characters")
    return cleaned


def clean_code(text: str) -> str | None:
    """A customer code (from another system, or the shop's own); None for none."""
    cleaned = text.strip()
    if not cleaned:
        return None
    if len(cleaned) > CODE_MAX:
        raise UserError(f"the customer code is longer than {CODE_MAX} characters")
    return cleaned


def clean_language(text: str) -> str:
    """A language tag such as `en`, `de` or `pt_BR`; "" for the shop's own language."""
    cleaned = text.strip()
    if cleaned and (len(cleaned) > LANGUAGE_MAX or not _LANGUAGE.fullmatch(cleaned)):
        raise UserError(f"'{text}' is not a language code; write it like en, de or pt_BR")
    return cleaned


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Preferences as given, single-spaced, without empty ones or repeats (ignoring case)."""
    kept: dict[str, str] = {}
    for tag in tags:
        cleaned = " ".join(tag.split())
        if not cleaned:
            continue
        if len(cleaned) > TAG_MAX:
            raise UserError(
                f"the preference '{cleaned[:20]}...' is longer than {TAG_MAX} characters"
            )
        kept.setdefault(cleaned.casefold(), cleaned)
    if len(kept) > TAGS_MAX:
        raise UserError(f"a customer can have at most {TAGS_MAX} preferences")
    return tuple(kept.values())


def customer_search_text(name: str, code: str | None, email: str) -> str:
    """What `customer.search_text` holds: the search key of name, code and e-mail."""
    return search_key(name, code or "", email)[:SEARCH_TEXT_MAX]


def names_similar(first: str, second: str) -> bool:
    """Whether two names may be the same person: the same words in any order, one a
    near-spelling of the other ("Jane Smyth"), or initials for first names ("J Smith")."""
    a, b = search_key(first), search_key(second)
    if not a or not b:
        return False
    words_a, words_b = a.split(), b.split()
    if sorted(words_a) == sorted(words_b):
        return True
    if SequenceMatcher(None, a, b).ratio() >= SIMILAR_NAME_RATIO:
        return True
    return _initials_match(words_a, words_b) or _initials_match(words_b, words_a)


def _initials_match(short: list[str], full: list[str]) -> bool:
    """"j smith" against "jane smith": same last name, each other word an initial."""
    if len(short) != len(full) or len(short) < 2 or short[-1] != full[-1]:
        return False
    return all(
        len(word) == 1 and other.startswith(word)
        for word, other in zip(short[:-1], full[:-1], strict=True)
    )
