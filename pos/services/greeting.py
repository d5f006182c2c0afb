"""The `Greeting` cue: how to address the customer and the one or two things worth saying."""

from dataclasses import dataclass
from datetime import date

from pos.domain.occasions import Occasion, VisitFacts, occasions_for
from pos.domain.ordinals import ordinal
from pos.services.customer_types import CustomerPanel
from pos.services.visit_facts import facts_from_panel

MAX_FACTS = 2


@dataclass(frozen=True, slots=True)
class Greeting:
    address_as: str
    facts: tuple[str, ...]

    def text(self) -> str:
        said = "  ·  ".join(self.facts)
        return f"Greet: {self.address_as}" + (f"  ·  {said}" if said else "")


def _say(occasion: Occasion, facts: VisitFacts) -> str | None:
    if occasion is Occasion.BIRTHDAY and facts.days_to_birthday is not None:
        days = facts.days_to_birthday
        return "birthday today!" if days == 0 else f"birthday in {days} day{'s' * (days > 1)}"
    if occasion is Occasion.FIRST_VISIT:
        return "first visit: welcome them"
    if occasion is Occasion.WELCOME_BACK:
        return f"back after {facts.days_since_last_visit} days: welcome them back"
    if occasion is Occasion.MILESTONE:
        return f"{ordinal(facts.visit_number)} visit"
    return None


def greeting_for(panel: CustomerPanel, today: date) -> Greeting:
    """Open items first (a promise or complaint to mention), then the visit's occasions."""
    facts = facts_from_panel(panel, today)
    said = list(panel.badges)
    said += [s for o in occasions_for(facts) if (s := _say(o, facts)) is not None]
    address = panel.address_as or panel.name
    return Greeting(address, tuple(dict.fromkeys(said))[:MAX_FACTS])
