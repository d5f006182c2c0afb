"""Price- and weight-embedded EAN-13 barcodes printed in the shop (GS1 prefixes 20-29).

Layout `PP IIIII VVVVV C`: a two-digit prefix, a five-digit item code, a five-digit
value (the price in minor units, or the weight in grams, depending on the prefix) and
the EAN-13 check digit. Which prefixes mean price and which weight is the shop's choice.
"""

from dataclasses import dataclass, field

from pos.domain.barcodes import is_valid_ean13
from pos.domain.basis_points import share_half_up

GRAMS_PER_KG = 1000
_PREFIX = slice(0, 2)
_ITEM_CODE = slice(2, 7)
_VALUE = slice(7, 12)


@dataclass(frozen=True, slots=True)
class EmbeddedRules:
    """Which two-digit prefixes carry a price and which a weight."""

    price_prefixes: frozenset[str] = field(default=frozenset({"20", "21", "22"}))
    weight_prefixes: frozenset[str] = field(
        default=frozenset({"23", "24", "25", "26", "27", "28", "29"})
    )

    def __post_init__(self) -> None:
        for prefix in self.price_prefixes | self.weight_prefixes:
            if len(prefix) != 2 or not prefix.isascii() or not prefix.isdigit():
                raise ValueError(f"an embedded-barcode prefix is two digits, not {prefix!r}")
        if self.price_prefixes & self.weight_prefixes:
            shared = sorted(self.price_prefixes & self.weight_prefixes)
            raise ValueError(f"prefixes {shared} cannot mean both price and weight")


@dataclass(frozen=True, slots=True)
class Embedded:
    """What an embedded barcode says: the item, and either its price or its weight."""

    item_code: str
    price_minor: int | None
    weight_grams: int | None


def parse_embedded(barcode: str, rules: EmbeddedRules) -> Embedded | None:
    """The item and value in `barcode`, or None when it is not a valid embedded barcode."""
    if not is_valid_ean13(barcode):
        return None
    prefix, item_code, value = barcode[_PREFIX], barcode[_ITEM_CODE], int(barcode[_VALUE])
    if prefix in rules.price_prefixes:
        return Embedded(item_code, price_minor=value, weight_grams=None)
    if prefix in rules.weight_prefixes:
        return Embedded(item_code, price_minor=None, weight_grams=value)
    return None


def weighed_price_minor(price_per_kg_minor: int, grams: int) -> int:
    """The price of `grams` of an item sold by the kilogram, rounded half up."""
    if price_per_kg_minor < 0 or grams < 0:
        raise ValueError("a price per kg and a weight are 0 or more")
    return share_half_up(price_per_kg_minor, grams, GRAMS_PER_KG)
