"""The personal thank-you after a sale: the occasion for this customer and visit, a text
for it in their language, not the same words as last time, and never a failed sale
because of a message (any problem falls back to the shop's default)."""

import logging
from collections.abc import Mapping
from datetime import date

from pos.domain.birthdays import birthday_in
from pos.domain.errors import PosError
from pos.domain.occasions import Occasion, occasions_for
from pos.services.checkout import CompletedSale
from pos.services.customer_types import CustomerPanel
from pos.services.customers import CustomerService
from pos.services.message_templates import default_templates, pick_variant, render_template
from pos.services.visit_facts import facts_from_panel

log = logging.getLogger(__name__)

LARGE_PURCHASE_MINOR = 100_00


class ThankYouService:
    def __init__(self, customers: CustomerService, shop_name: str, default_text: str,
                 language: str = "en") -> None:
        self._customers = customers
        self._shop_name = shop_name
        self._default = default_text
        self._language = language
        self._last_used: dict[int, str] = {}

    def pick(self, sale: CompletedSale) -> str:
        """The thank-you for `sale` (the shop's default for a walk-in customer)."""
        if sale.customer_id is None:
            return self._default
        try:
            panel = self._customers.panel(sale.customer_id)
            today = self._customers.today()
            text = self._render(panel, sale, today)
        except (PosError, LookupError, ValueError) as error:
            log.warning("thank-you for sale %s fell back to the default: %s", sale.id, error)
            return self._default
        self._last_used[sale.customer_id] = text
        return text

    def _render(self, panel: CustomerPanel, sale: CompletedSale, today: date) -> str:
        facts = facts_from_panel(panel, today, total_minor=sale.total_minor,
                                 large_purchase_minor=LARGE_PURCHASE_MINOR, already_counted=True)
        templates = default_templates(panel.language or self._language)
        values = self._values(panel, facts.visit_number, today)
        for occasion in occasions_for(facts):
            options = templates.get(occasion.value, ())
            if not options:
                continue
            chosen = pick_variant(occasion, options, self._last_used.get(panel.id))
            if occasion is Occasion.DEFAULT and chosen == templates["default"][0]:
                return self._default
            return render_template(chosen, values)
        return self._default

    def _values(self, panel: CustomerPanel, visit_number: int, today: date) -> Mapping[str, object]:
        first_name = panel.address_as or (panel.name.split()[0] if panel.name.split() else "")
        birthday = "" if panel.birthday is None else str(
            birthday_in(today.year, panel.birthday.day, panel.birthday.month)
        )
        last = panel.usual_products[0].name if panel.usual_products else ""
        return {
            "name": panel.address_as or panel.name, "first_name": first_name,
            "shop": self._shop_name, "visit_count": visit_number, "last_product": last,
            "next_birthday": birthday, "preferences": ", ".join(panel.tags),
        }
