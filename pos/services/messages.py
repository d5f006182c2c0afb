"""The owner's messages to customers: templates per occasion and language, the order the
occasions are tried in, and the facts to preview them against a real customer.

Saving checks every variant (syntax, known placeholders, fills in with sample values)
and names the line of the first problem; nothing is saved then. The thank-you after a
sale (`pos.services.thank_you`) and the birthday e-mail read what is saved here.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pos.db.database import Database
from pos.db.errors import translate_database_errors
from pos.db.messages import MessageRepository
from pos.db.models import ThankYouSent
from pos.db.repositories import ShopRepository
from pos.domain.clock import Clock, utc_now
from pos.domain.errors import UserError
from pos.domain.occasions import DEFAULT_ORDER, Occasion
from pos.services.customers import CustomerService
from pos.services.message_templates import (
    EDITABLE,
    Texts,
    check_variants,
    formatted_day,
    language_chain,
    language_code,
    message_values,
    next_birthday,
    shipped_languages,
    texts_for,
)

ORDERED = tuple(o for o in DEFAULT_ORDER if o is not Occasion.DEFAULT)
"""The occasions the owner puts in order; DEFAULT always comes last."""


@dataclass(frozen=True, slots=True)
class MessageOverview:
    order: tuple[Occasion, ...]
    """The owner's rule order (every occasion but DEFAULT, which applies last)."""
    languages: tuple[str, ...]
    """Languages to offer: shipped, the owner's own and the shop's."""
    shop_language: str
    shop_name: str


@dataclass(frozen=True, slots=True)
class TemplateText:
    """What the editor shows for an occasion in a language."""

    key: str
    language: str
    variants: tuple[str, ...]
    stored: bool
    """The owner's own text (else the shipped one, or the fallback's)."""
    from_language: str
    """The language the variants are in: another one when this translation is missing."""


@dataclass(frozen=True, slots=True)
class PickContext:
    """What choosing a customer's thank-you needs from the database, read at once."""

    stored: dict[tuple[str, str], tuple[str, ...]]
    order: tuple[Occasion, ...]
    last_key: str | None
    """The template of the customer's last thank-you (the next variant comes round)."""
    last_text: str | None
    """Its words: never the identical message twice in a row while another fits."""


@dataclass(frozen=True, slots=True)
class PreviewFacts:
    """A real customer's placeholder values, loaded once; the preview renders from them
    (on the UI thread: no database)."""

    customer_id: int
    name: str
    language: str
    values: dict[str, object]
    next_birthday: date | None

    def values_in(self, language: str) -> dict[str, object]:
        """The values with dates written as `language` writes them."""
        if self.next_birthday is None:
            return self.values
        return {**self.values, "next_birthday": formatted_day(self.next_birthday, language)}


def shop_default_applies(key: str, found: Texts, shop_language: str) -> bool:
    """The shop's own default thank-you (set up with the shop) stands for the shipped
    default message in the shop's language."""
    return (key == Occasion.DEFAULT.value and not found.stored
            and found.language.split("_")[0] == language_code(shop_language).split("_")[0])


def rule_order(saved: Sequence[str] | None) -> tuple[Occasion, ...]:
    """The owner's saved order, with unknown names dropped and missing occasions added in
    their default place."""
    known = {o.value: o for o in ORDERED}
    order = [known[name] for name in dict.fromkeys(saved or ()) if name in known]
    return (*order, *(o for o in ORDERED if o not in order))


class MessageService:
    def __init__(self, database: Database, clock: Clock = utc_now,
                 customers: CustomerService | None = None) -> None:
        self._database = database
        self._clock = clock
        self._customers = customers or CustomerService(database, clock)

    # --- The editor -------------------------------------------------------------------

    def overview(self) -> MessageOverview:
        with translate_database_errors(), self._database.reader() as uow:
            repo = MessageRepository(uow.session)
            order = rule_order(repo.rule_order())
            own = repo.languages()
            shop = ShopRepository(uow.session).shop()
        if shop is None:
            raise UserError("the shop is not set up yet")
        shop_language = language_code(shop.locale).split("_")[0]
        languages = tuple(dict.fromkeys((shop_language, *shipped_languages(), *own)))
        return MessageOverview(order, languages, shop_language, shop.name)

    def template(self, key: str, language: str) -> TemplateText:
        """The texts for `key` in `language`: the owner's, else shipped; for a language
        with neither, those of the language the customers would get instead."""
        _check_key(key)
        code = _checked_language(language)
        with translate_database_errors(), self._database.reader() as uow:
            shop = ShopRepository(uow.session).shop()
            shop_language = language_code(shop.locale if shop else "en")
            chain = language_chain(code, shop_language)
            stored = MessageRepository(uow.session).templates(chain)
        found = texts_for(key, chain, stored)
        if found is None:
            return TemplateText(key, code, (), stored=False, from_language=code)
        variants = found.variants
        if shop is not None and shop_default_applies(key, found, shop_language):
            variants = (shop.default_thank_you,)
        return TemplateText(key, code, variants, found.stored, found.language)

    def save_template(
        self, key: str, language: str, typed: str, *, by: int | None = None
    ) -> TemplateText:
        """Check the variants typed (one per line) and save them; refuses with the line
        and the problem, saving nothing."""
        _check_key(key)
        code = _checked_language(language)
        variants = check_variants(typed, code)
        with translate_database_errors(), self._database.writer() as uow:
            MessageRepository(uow.session).put_template(key, code, variants, at=self._clock(),
                                                        by=by)
            uow.commit()
        return TemplateText(key, code, variants, stored=True, from_language=code)

    def restore_default(self, key: str, language: str) -> TemplateText:
        """Forget the owner's text for `key` in `language`: the shipped one applies again."""
        _check_key(key)
        code = _checked_language(language)
        with translate_database_errors(), self._database.writer() as uow:
            MessageRepository(uow.session).delete_template(key, code)
            uow.commit()
        return self.template(key, code)

    def save_order(self, order: Sequence[Occasion | str]) -> tuple[Occasion, ...]:
        """Save the rule order (DEFAULT is always last and need not be given)."""
        names = [Occasion(o).value for o in order if Occasion(o) is not Occasion.DEFAULT]
        if sorted(names) != sorted(o.value for o in ORDERED):
            raise UserError("the rule order must name every occasion once")
        with translate_database_errors(), self._database.writer() as uow:
            MessageRepository(uow.session).put_rule_order(names, self._clock())
            uow.commit()
        return rule_order(names)

    def move(self, occasion: Occasion | str, step: int) -> tuple[Occasion, ...]:
        """Move one occasion up (step -1) or down (+1) in the rule order; the new order."""
        moving = Occasion(occasion)
        if moving is Occasion.DEFAULT:
            raise UserError("the default message always comes last")
        with translate_database_errors(), self._database.writer() as uow:
            repo = MessageRepository(uow.session)
            order = list(rule_order(repo.rule_order()))
            at = order.index(moving)
            to = max(0, min(len(order) - 1, at + step))
            order.insert(to, order.pop(at))
            repo.put_rule_order([o.value for o in order], self._clock())
            uow.commit()
        return tuple(order)

    def preview_facts(self, customer_id: int) -> PreviewFacts:
        """A customer's values as their next visit would see them (for the live preview)."""
        panel = self._customers.panel(customer_id)
        today = self._customers.today()
        language = language_code(panel.language)
        with translate_database_errors(), self._database.reader() as uow:
            shop = ShopRepository(uow.session).shop()
        values = message_values(panel, shop=shop.name if shop else "", today=today,
                                visit_number=panel.visits + 1, language=language or "en")
        birthday = None if panel.birthday is None else next_birthday(
            panel.birthday.day, panel.birthday.month, today)
        return PreviewFacts(customer_id, panel.name, language, values, birthday)

    # --- For the thank-you and the e-mailed receipt ----------------------------------

    def pick_context(self, customer_id: int, languages: Sequence[str]) -> PickContext:
        with translate_database_errors(), self._database.reader() as uow:
            repo = MessageRepository(uow.session)
            last = repo.last_thank_you(customer_id)
            return PickContext(repo.templates(languages), rule_order(repo.rule_order()),
                               None if last is None else last.variant_key,
                               None if last is None else last.text)

    def stored_templates(self, languages: Sequence[str]) -> dict[tuple[str, str], tuple[str, ...]]:
        """The owner's texts in these languages, by (key, language)."""
        with translate_database_errors(), self._database.reader() as uow:
            return MessageRepository(uow.session).templates(languages)

    def record_thank_you(
        self, customer_id: int, sale_id: int | None, *, occasion: str, language: str,
        key: str, text: str,
    ) -> None:
        with translate_database_errors(), self._database.writer() as uow:
            MessageRepository(uow.session).add_thank_you(ThankYouSent(
                customer_id=customer_id, sale_id=sale_id, occasion=occasion,
                language=language, variant_key=key, text=text, sent_at=self._clock()))
            uow.commit()

    def thank_you_for_sale(self, sale_id: int) -> str | None:
        """The personal thank-you given with this sale (None: the shop's default)."""
        with translate_database_errors(), self._database.reader() as uow:
            return MessageRepository(uow.session).thank_you_for_sale(sale_id)

    def today(self) -> date:
        return self._customers.today()


def _check_key(key: str) -> None:
    if key not in EDITABLE:
        raise UserError(f"there is no message {key!r}; choose one of: {', '.join(EDITABLE)}")


def _checked_language(language: str) -> str:
    code = language_code(language)
    base = code.split("_")[0]
    if not (2 <= len(base) <= 3 and base.isalpha()) or len(code) > 16:
        raise UserError(f"{language!r} is not a language code; write one like de or fr_CA")
    return code

