"""The personal thank-you after a sale: the occasion for this customer and visit (in the
owner's rule order), a text for it in their language (the owner's, else the shipped one;
a missing translation falls back to the shop's language), not the same words as last
time on any till, and never a failed sale because of a message: any problem falls back
to the shop's default thank-you, and is logged."""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from pos.domain.errors import PosError
from pos.domain.occasions import Occasion, occasions_for
from pos.services.checkout import CompletedSale
from pos.services.customer_types import CustomerPanel
from pos.services.customers import CustomerService
from pos.services.message_templates import (
    fill_first,
    language_chain,
    language_code,
    message_values,
    rotated,
    texts_for,
    variant_key,
)
from pos.services.messages import MessageService, PickContext, shop_default_applies
from pos.services.visit_facts import facts_from_panel

log = logging.getLogger(__name__)

LARGE_PURCHASE_MINOR = 100_00


@dataclass(frozen=True, slots=True)
class ThankYou:
    occasion: Occasion
    language: str
    variant_key: str
    text: str


class ThankYouService:
    def __init__(self, customers: CustomerService, messages: MessageService, shop_name: str,
                 default_text: str, locale: str = "en") -> None:
        self._customers = customers
        self._messages = messages
        self._shop_name = shop_name
        self._default = default_text
        self._locale = language_code(locale) or "en"

    def pick(self, sale: CompletedSale) -> str:
        """The thank-you for `sale` (the shop's default for a walk-in customer, or when
        anything about the message goes wrong: the sale is already saved)."""
        if sale.customer_id is None:
            return self._default
        try:
            chosen = self.choose(sale.customer_id, total_minor=sale.total_minor,
                                 is_gift=sale.is_gift)
        except Exception as error:  # noqa: BLE001  (a message must never fail a sale)
            log.warning("thank-you for sale %s fell back to the default: %s", sale.id,
                        getattr(error, "message", None) or repr(error))
            return self._default
        if chosen is None:
            log.warning("thank-you for sale %s fell back to the default: no message fits",
                        sale.id)
            return self._default
        try:
            self._messages.record_thank_you(
                sale.customer_id, sale.id, occasion=chosen.occasion.value,
                language=chosen.language, key=chosen.variant_key, text=chosen.text)
        except PosError as error:
            log.warning("thank-you for sale %s not recorded (variety may repeat): %s",
                        sale.id, error.message)
        return chosen.text

    def choose(
        self, customer_id: int, *, total_minor: int = 0, is_gift: bool = False
    ) -> ThankYou | None:
        """The message for the customer's visit just saved (nothing is recorded);
        `is_gift`: the sale held a present for someone else."""
        panel = self._customers.panel(customer_id)
        today = self._customers.today()
        languages = language_chain(panel.language, self._locale)
        context = self._messages.pick_context(customer_id, languages)
        return self._choose(panel, context, today, languages, total_minor, is_gift)

    def _choose(
        self, panel: CustomerPanel, context: PickContext, today: date,
        languages: tuple[str, ...], total_minor: int, is_gift: bool,
    ) -> ThankYou | None:
        facts = facts_from_panel(panel, today, total_minor=total_minor, is_gift=is_gift,
                                 large_purchase_minor=LARGE_PURCHASE_MINOR, already_counted=True)
        values = _per_language(lambda locale: message_values(
            panel, shop=self._shop_name, visit_number=facts.visit_number, today=today,
            language=locale))
        repeated: ThankYou | None = None
        for occasion in occasions_for(facts, context.order):
            chosen = self._for_occasion(occasion, context, languages, values)
            if chosen is None:
                continue
            if chosen.text != context.last_text:
                return chosen
            repeated = repeated or chosen  # the same words as last time: try the next
        return repeated

    def _for_occasion(
        self, occasion: Occasion, context: PickContext, languages: tuple[str, ...],
        values: Callable[[str], dict[str, object]],
    ) -> ThankYou | None:
        found = texts_for(occasion.value, languages, context.stored)
        if found is None:
            return None
        if shop_default_applies(occasion.value, found, self._locale):
            return ThankYou(occasion, found.language, variant_key(self._default),
                            self._default)
        locale = self._date_locale(found.language)
        filled = fill_first(rotated(found.variants, context.last_key), values(locale), locale)
        if filled is None:
            return None
        template, text = filled
        return ThankYou(occasion, found.language, variant_key(template), text)

    def _date_locale(self, language: str) -> str:
        """The shop's locale when the text is in the shop's language (en_GB writes dates
        as the shop does), else the text's language."""
        if language.split("_")[0] == self._locale.split("_")[0] and "_" not in language:
            return self._locale
        return language


def _per_language(
    make: Callable[[str], dict[str, object]],
) -> Callable[[str], dict[str, object]]:
    """`make(locale)`, computed once per locale."""
    made: dict[str, dict[str, object]] = {}

    def values(locale: str) -> dict[str, object]:
        if locale not in made:
            made[locale] = make(locale)
        return made[locale]

    return values
