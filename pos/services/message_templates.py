"""Thank-you and greeting texts: templates the owner can edit, rendered safely.

Templates use Jinja2's sandbox with undefined names refused: a template can only read
the placeholders below, never call code, and a misspelt placeholder is an error when
the owner saves it rather than a blank on a customer's receipt. Numbers take the
plural form of the customer's language (`plural`), dates are written as their language
writes them (Babel).

Texts come per occasion and language: the owner's own (stored), else the shipped ones
in `resources/messages/LANG.json`; a language with neither falls back to the shop's
language, then to English.
"""

import hashlib
import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton
from babel.numbers import format_decimal
from jinja2 import StrictUndefined, Template, TemplateSyntaxError, UndefinedError, meta, nodes
from jinja2.exceptions import SecurityError, TemplateError
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import pass_context

from pos.config import RESOURCES_DIR
from pos.domain.birthdays import birthday_in
from pos.domain.errors import UserError
from pos.domain.occasions import Occasion
from pos.domain.ordinals import ordinal
from pos.services.customer_types import CustomerPanel

log = logging.getLogger(__name__)

PLACEHOLDERS: Mapping[str, str] = {
    "name": "how they like to be addressed (Mrs Patel)",
    "first_name": "their first name (or how they are addressed)",
    "shop": "the shop's name",
    "visit_count": "this visit's number (with | ordinal: 22nd)",
    "last_product": "what they bought most often",
    "next_birthday": "their next birthday, as a date in their language",
    "preferences": "their preferences (likes dark roast, size M)",
}
FILTERS_HELP = (
    '{{ visit_count | ordinal }}: 22nd;  '
    '{{ visit_count | plural(one="# visit", other="# visits") }}: 1 visit, 22 visits'
)
MESSAGES_DIR = RESOURCES_DIR / "messages"
FALLBACK_LANGUAGE = "en"
BIRTHDAY_EMAIL = "birthday_email"
"""The birthday e-mail's text, edited beside the occasions (it is not one of them)."""
BIRTHDAY_EMAIL_SUBJECT = "birthday_email_subject"
EDITABLE = (*(occasion.value for occasion in Occasion), BIRTHDAY_EMAIL)
"""What the owner can edit, one list of variants per language each."""
MAX_VARIANTS = 20
MAX_VARIANT_LENGTH = 500
_LANGUAGE_KEY = "_language"
"""The render context's language (for `plural`), never a placeholder."""


class TemplateProblemError(UserError):
    """A template the owner wrote cannot be used; the message says where and why."""


@pass_context
def _plural(context: Context, number: object, **forms: str) -> str:
    """`{{ n | plural(one="# visit", other="# visits") }}` in the language's plural rules."""
    if not isinstance(number, int) or isinstance(number, bool):
        raise TypeError("plural needs a number, such as visit_count")
    if "other" not in forms:
        raise TypeError('plural needs at least other="..."')
    locale = _locale(str(context.get(_LANGUAGE_KEY, FALLBACK_LANGUAGE)))
    form = forms.get(locale.plural_form(number), forms["other"])
    return form.replace("#", format_decimal(number, locale=locale))


@cache
def _environment() -> SandboxedEnvironment:
    environment = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)
    environment.filters["ordinal"] = ordinal
    environment.filters["plural"] = _plural
    return environment


@lru_cache(maxsize=512)
def _compiled(text: str) -> Template:
    return _environment().from_string(text)


@lru_cache(maxsize=512)
def placeholders_in(text: str) -> frozenset[str]:
    """The placeholders a (valid) template reads."""
    return frozenset(meta.find_undeclared_variables(_environment().parse(text)))


def check_template(text: str, line: int = 1) -> None:
    """Refuse a template with a syntax error or a placeholder we do not know; `line` is
    where the template starts in what the owner typed (for the message)."""
    problem = _problem(text)
    if problem is not None:
        offset, message = problem
        raise TemplateProblemError(message.format(line=line + offset))


@lru_cache(maxsize=512)
def _problem(text: str) -> tuple[int, str] | None:
    """(line offset, message with a {line} field) of what is wrong with `text`, or None."""
    try:
        parsed = _environment().parse(text)
        _compiled(text)  # unknown filters are found when compiling
    except TemplateSyntaxError as error:
        message = error.message or "it cannot be read"
        return (error.lineno or 1) - 1, (
            "the message has a mistake on line {line}: " + message.replace("{", "{{").replace(
                "}", "}}")
        )
    unknown = sorted(meta.find_undeclared_variables(parsed) - set(PLACEHOLDERS))
    if unknown:
        first = min((node.lineno for node in parsed.find_all(nodes.Name)
                     if node.name in unknown), default=1)
        known = ", ".join(sorted(PLACEHOLDERS))
        return first - 1, f"line {{line}}: unknown placeholder {', '.join(unknown)}; " + (
            f"use one of: {known}")
    return None


def render_template(text: str, values: Mapping[str, object], language: str = "en") -> str:
    """The message with its placeholders filled; refuses what `check_template` refuses
    and a placeholder this customer has no value for."""
    check_template(text)
    try:
        return _compiled(text).render(**values, **{_LANGUAGE_KEY: language}).strip()
    except UndefinedError as error:
        raise TemplateProblemError(f"no value for {error.message}") from None
    except SecurityError:
        raise TemplateProblemError(
            "the message reaches for something a template may not use; "
            "use only the placeholders"
        ) from None
    except (TemplateError, TypeError, ValueError, ArithmeticError, LookupError) as error:
        raise TemplateProblemError(f"the message cannot be filled in: {error}") from None


SAMPLE_VALUES: Mapping[str, object] = {
    "name": "Mrs Patel", "first_name": "Asha", "shop": "The Shop", "visit_count": 22,
    "last_product": "Owl Mug", "next_birthday": "28 November", "preferences": "dark roast",
}


def check_variants(typed: str, language: str = "en") -> tuple[str, ...]:
    """The variants the owner typed, one per line, checked: each parses, uses only known
    placeholders and fills in with sample values. The message names the line."""
    variants: list[str] = []
    for number, raw in enumerate(typed.splitlines(), start=1):
        text = raw.strip()
        if not text:
            continue
        if len(text) > MAX_VARIANT_LENGTH:
            raise TemplateProblemError(
                f"line {number} is longer than {MAX_VARIANT_LENGTH} characters; shorten it"
            )
        check_template(text, line=number)
        try:
            render_template(text, SAMPLE_VALUES, language)
        except TemplateProblemError as error:
            raise TemplateProblemError(f"line {number}: {error.message}") from None
        variants.append(text)
    if not variants:
        raise TemplateProblemError("write at least one message (one per line)")
    if len(variants) > MAX_VARIANTS:
        raise TemplateProblemError(f"at most {MAX_VARIANTS} messages per occasion, one a line")
    return tuple(dict.fromkeys(variants))


# --- Languages and the shipped texts --------------------------------------------------


def language_code(language: str) -> str:
    """"de-AT", "de_at" -> "de_AT"; "" stays "" (the shop's language applies)."""
    parts = language.strip().replace("-", "_").split("_")
    if not parts[0]:
        return ""
    return "_".join([parts[0].lower(), *(part.upper() for part in parts[1:])])


def language_chain(*languages: str) -> tuple[str, ...]:
    """Each language followed by its base language, in order, once each, then English."""
    chain: list[str] = []
    for language in (*languages, FALLBACK_LANGUAGE):
        code = language_code(language)
        for candidate in (code, code.split("_")[0]):
            if candidate and candidate not in chain:
                chain.append(candidate)
    return tuple(chain)


@cache
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language_code(language) or FALLBACK_LANGUAGE)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(FALLBACK_LANGUAGE)


def language_name(language: str) -> str:
    """"de" -> "German (de)"."""
    try:
        name = Locale.parse(language_code(language)).get_display_name("en")
    except (UnknownLocaleError, ValueError):
        name = None
    return f"{name} ({language})" if name else language


@cache
def shipped_templates(language: str) -> Mapping[str, tuple[str, ...]] | None:
    """The texts shipped for exactly this language (None when there are none)."""
    code = language_code(language)
    path = MESSAGES_DIR / f"{code.lower()}.json"
    if not code or not path.exists():
        return None
    loaded: dict[str, list[str]] = json.loads(path.read_text(encoding="utf-8"))
    return {key: tuple(texts) for key, texts in loaded.items()}


@cache
def shipped_languages() -> tuple[str, ...]:
    return tuple(sorted(path.stem for path in MESSAGES_DIR.glob("*.json")))


@cache
def default_templates(language: str) -> Mapping[str, tuple[str, ...]]:
    """The shipped templates for a language (its base language, else English)."""
    for candidate in language_chain(language):
        found = shipped_templates(candidate)
        if found is not None:
            return found
    raise FileNotFoundError(f"no message templates in {MESSAGES_DIR}")


@dataclass(frozen=True, slots=True)
class Texts:
    """An occasion's variants, and where they came from."""

    variants: tuple[str, ...]
    language: str
    """The language they are in (another one when a translation is missing)."""
    stored: bool
    """The owner's own (else the shipped ones)."""


def texts_for(
    key: str, languages: Sequence[str], stored: Mapping[tuple[str, str], tuple[str, ...]]
) -> Texts | None:
    """The first language in `languages` with texts for `key`: the owner's, else shipped."""
    for language in languages:
        own = stored.get((key, language))
        if own:
            return Texts(own, language, stored=True)
        shipped = shipped_templates(language)
        if shipped and shipped.get(key):
            return Texts(shipped[key], language, stored=False)
    return None


# --- Variety ---------------------------------------------------------------------------


def variant_key(text: str) -> str:
    """A short, stable name for a template text (the same on every till)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def pick_variant(occasion: Occasion | str, options: tuple[str, ...], last_key: str | None) -> str:
    """One of the occasion's texts: the one after the text this customer got last time
    (so each variant comes round in turn and never twice in a row while there are
    others), else the first. Stable, so tests and receipts can be reproduced."""
    if not options:
        raise TemplateProblemError(f"there is no message for {Occasion(occasion).value}")
    keys = [variant_key(text) for text in options]
    if last_key in keys:
        return options[(keys.index(last_key) + 1) % len(options)]
    return options[0]


def rotated(options: tuple[str, ...], last_key: str | None) -> tuple[str, ...]:
    """`options` starting at `pick_variant`'s choice (the rest to try, in turn, if the first
    cannot be filled in for this customer)."""
    if not options:
        return ()
    first = options.index(pick_variant(Occasion.DEFAULT, options, last_key))
    return options[first:] + options[:first]


# --- The facts a template can read ----------------------------------------------------


def first_name_of(name: str, address_as: str = "") -> str:
    """How they are addressed, else the first word of their name that has a letter in it
    ("" when none has: a name of emoji or initials only)."""
    if address_as.strip():
        return address_as.strip()
    return next((word for word in name.split() if any(c.isalpha() for c in word)), "")


def formatted_day(day: date, language: str) -> str:
    """A day and month as the language writes them: "28 November", "28. November"."""
    return format_skeleton("MMMMd", day, locale=_locale(language))


def message_values(
    panel: CustomerPanel, *, shop: str, visit_number: int, today: date, language: str
) -> dict[str, object]:
    """Every placeholder's value for this customer ("" where they have none)."""
    birthday = "" if panel.birthday is None else formatted_day(
        next_birthday(panel.birthday.day, panel.birthday.month, today), language)
    return {
        "name": panel.address_as.strip() or panel.name.strip(),
        "first_name": first_name_of(panel.name, panel.address_as),
        "shop": shop,
        "visit_count": visit_number,
        "last_product": panel.usual_products[0].name if panel.usual_products else "",
        "next_birthday": birthday,
        "preferences": ", ".join(panel.tags),
    }


def next_birthday(day: int, month: int, today: date) -> date:
    """The date of their birthday today or next (28 February for 29 February, in other
    years)."""
    this_year = birthday_in(today.year, day, month)
    return this_year if this_year >= today else birthday_in(today.year + 1, day, month)


def fill_first(
    candidates: Iterable[str], values: Mapping[str, object], language: str
) -> tuple[str, str] | None:
    """(template, message) of the first candidate that fills in for this customer: one
    whose placeholders all have a value (a "Happy birthday, !" is never sent) and that
    renders. Broken templates are logged and passed over. None if none does."""
    for text in candidates:
        try:
            check_template(text)
            if any(values.get(name) in ("", None) for name in placeholders_in(text)):
                continue
            return text, render_template(text, values, language)
        except TemplateProblemError as error:
            log.warning("message template passed over (%s): %r", error.message, text[:80])
    return None


def preview(typed: str, values: Mapping[str, object], language: str) -> list[str]:
    """Each variant typed (one per line) as this customer would read it, or what is wrong
    with it: pure and fast enough to run on every keystroke."""
    shown: list[str] = []
    for number, raw in enumerate(typed.splitlines(), start=1):
        text = raw.strip()
        if not text:
            continue
        try:
            check_template(text, line=number)
            empty = sorted(n for n in placeholders_in(text) if values.get(n) in ("", None))
            if empty:
                shown.append(f"line {number}: passed over for this customer (no "
                             f"{', '.join(empty)}); another message is used")
                continue
            shown.append(render_template(text, values, language))
        except TemplateProblemError as error:
            shown.append(f"⚠ {error.message}")
    return shown
