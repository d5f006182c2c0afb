"""Thank-you and greeting texts: templates the owner can edit, rendered safely.

Templates use Jinja2's sandbox with undefined names refused: a template can only read
the placeholders below, never call code, and a misspelt placeholder is an error when
the owner saves it rather than a blank on a customer's receipt.
"""

import json
from collections.abc import Mapping
from functools import cache

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, meta
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from pos.config import RESOURCES_DIR
from pos.domain.errors import UserError
from pos.domain.occasions import Occasion
from pos.domain.ordinals import ordinal

PLACEHOLDERS: Mapping[str, str] = {
    "name": "how they like to be addressed (Mrs Patel)",
    "first_name": "their first name (or how they are addressed)",
    "shop": "the shop's name",
    "visit_count": "this visit's number",
    "last_product": "what they bought last time",
    "next_birthday": "their next birthday, as a date in their language",
    "preferences": "their preferences (likes dark roast, size M)",
}
MESSAGES_DIR = RESOURCES_DIR / "messages"
FALLBACK_LANGUAGE = "en"


class TemplateProblemError(UserError):
    """A template the owner wrote cannot be used; the message says where and why."""


@cache
def _environment() -> SandboxedEnvironment:
    environment = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)
    environment.filters["ordinal"] = ordinal
    return environment


def check_template(text: str) -> None:
    """Refuse a template with a syntax error or a placeholder we do not know."""
    environment = _environment()
    try:
        parsed = environment.parse(text)
    except TemplateSyntaxError as error:
        raise TemplateProblemError(
            f"the message has a mistake on line {error.lineno}: {error.message}"
        ) from None
    unknown = sorted(meta.find_undeclared_variables(parsed) - set(PLACEHOLDERS))
    if unknown:
        known = ", ".join(sorted(PLACEHOLDERS))
        raise TemplateProblemError(
            f"unknown placeholder {', '.join(unknown)}; use one of: {known}"
        )


def render_template(text: str, values: Mapping[str, object]) -> str:
    """The message with its placeholders filled; refuses what `check_template` refuses
    and a placeholder this customer has no value for."""
    check_template(text)
    try:
        return _environment().from_string(text).render(**values).strip()
    except UndefinedError as error:
        raise TemplateProblemError(f"no value for {error.message}") from None
    except SecurityError:
        raise TemplateProblemError(
            "the message reaches for something a template may not use; "
            "use only the placeholders"
        ) from None


@cache
def default_templates(language: str) -> Mapping[str, tuple[str, ...]]:
    """The shipped templates for a language (its base language, else English)."""
    for candidate in (language, language.split("_")[0].split("-")[0], FALLBACK_LANGUAGE):
        path = MESSAGES_DIR / f"{candidate.lower()}.json"
        if candidate and path.exists():
            loaded: dict[str, list[str]] = json.loads(path.read_text(encoding="utf-8"))
            return {occasion: tuple(texts) for occasion, texts in loaded.items()}
    raise FileNotFoundError(f"no message templates in {MESSAGES_DIR}")


def pick_variant(
    occasion: Occasion, options: tuple[str, ...], last_used: str | None
) -> str:
    """One of the occasion's texts, not the one this customer got last time if another
    exists (the choice is stable, so tests and receipts can be reproduced)."""
    fresh = [text for text in options if text != last_used] or list(options)
    if not fresh:
        raise TemplateProblemError(f"there is no message for {occasion.value}")
    return fresh[0]
