"""A cart as JSON text (for parked sales): an exact, versioned round trip.

Every field of every line is written explicitly, so `decode(encode(cart)) == cart`
for any cart, with discounts, price overrides, weighed lines and voided lines. Decoding
rebuilds the cart through the domain constructors, so a stored cart that no longer
makes sense is refused instead of resumed half-right. The text is ASCII (non-ASCII and
NUL characters are escaped), so every database stores it unchanged.

Version 2 added gift marks (on the sale and on lines), version 3 the quotation a cart
was taken back from; older carts, parked or quoted before, still decode without them.
"""

import json
from datetime import date
from typing import Any

from pos.domain.cart import Cart, CartLine, Discount, VoidedLine
from pos.domain.errors import UserError
from pos.domain.gifts import GiftMark, GiftOccasion

FORMAT_VERSION = 3
READABLE_VERSIONS = frozenset({1, 2, 3})


class CartFormatError(ValueError):
    """Text that is not a cart written by `encode` (damaged, or from a newer version)."""


def encode(cart: Cart) -> str:
    """The cart as compact JSON text."""
    document = {
        "version": FORMAT_VERSION,
        "lines": [_line_to_json(line) for line in cart.lines],
        "sale_discount": _discount_to_json(cart.sale_discount),
        "voided": [
            {"line": _line_to_json(voided.line), "reason": voided.reason} for voided in cart.voided
        ],
        "gift": _gift_to_json(cart.gift),
        "quotation_id": cart.quotation_id,
    }
    return json.dumps(document, separators=(",", ":"), sort_keys=True)


def decode(text: str) -> Cart:
    """The cart `encode` wrote; raises `CartFormatError` for anything else."""
    try:
        document = _object(json.loads(text), "the cart")
    except json.JSONDecodeError as error:
        raise CartFormatError(f"a parked cart is not valid JSON: {error}") from None
    version = _int(document, "version")
    if version not in READABLE_VERSIONS:
        raise CartFormatError(f"a parked cart has format version {version}, not {FORMAT_VERSION}")
    gifts = version >= 2
    try:
        return Cart(
            lines=tuple(_line_from_json(item, gifts) for item in _list(document, "lines")),
            sale_discount=_discount_from_json(_field(document, "sale_discount")),
            voided=tuple(_voided_from_json(item, gifts) for item in _list(document, "voided")),
            gift=_gift_from_json(_field(document, "gift")) if gifts else None,
            quotation_id=_int(document, "quotation_id")
            if version >= 3 and _field(document, "quotation_id") is not None else None,
        )
    except CartFormatError:
        raise
    except (UserError, ValueError) as error:
        raise CartFormatError(f"a parked cart is not a valid sale: {error}") from None


def _line_to_json(line: CartLine) -> dict[str, Any]:
    return {
        "product_id": line.product_id,
        "code": line.code,
        "name": line.name,
        "unit_price_minor": line.unit_price_minor,
        "quantity": line.quantity,
        "tax_rate_bp": line.tax_rate_bp,
        "discount": _discount_to_json(line.discount),
        "price_overridden": line.price_overridden,
        "weight_grams": line.weight_grams,
        "line_price_minor": line.line_price_minor,
        "gift": _gift_to_json(line.gift),
    }


def _discount_to_json(discount: Discount | None) -> dict[str, Any] | None:
    return None if discount is None else {"kind": discount.kind, "value": discount.value}


def _gift_to_json(mark: GiftMark | None) -> dict[str, Any] | None:
    if mark is None:
        return None
    return {
        "recipient": mark.recipient, "occasion": mark.occasion.value,
        "occasion_on": None if mark.occasion_on is None else mark.occasion_on.isoformat(),
    }


def _gift_from_json(item: object) -> GiftMark | None:
    if item is None:
        return None
    gift = _object(item, "a gift mark")
    try:
        occasion = GiftOccasion(_str(gift, "occasion"))
    except ValueError:
        raise CartFormatError(
            f"a parked cart has a gift of unknown occasion {gift['occasion']!r}"
        ) from None
    day = None if _field(gift, "occasion_on") is None else _str(gift, "occasion_on")
    try:
        occasion_on = None if day is None else date.fromisoformat(day)
    except ValueError:
        raise CartFormatError(f"a parked cart has a gift on {day!r}, not a date") from None
    return GiftMark(_str(gift, "recipient"), occasion, occasion_on)


def _line_from_json(item: object, gifts: bool) -> CartLine:
    line = _object(item, "a cart line")
    return CartLine(
        product_id=_optional_int(line, "product_id"),
        code=_str(line, "code"),
        name=_str(line, "name"),
        unit_price_minor=_int(line, "unit_price_minor"),
        quantity=_int(line, "quantity"),
        tax_rate_bp=_int(line, "tax_rate_bp"),
        discount=_discount_from_json(_field(line, "discount")),
        price_overridden=_bool(line, "price_overridden"),
        weight_grams=_optional_int(line, "weight_grams"),
        line_price_minor=_optional_int(line, "line_price_minor"),
        gift=_gift_from_json(_field(line, "gift")) if gifts else None,
    )


def _discount_from_json(item: object) -> Discount | None:
    if item is None:
        return None
    discount = _object(item, "a discount")
    kind = _str(discount, "kind")
    if kind == "amount":
        return Discount("amount", _int(discount, "value"))
    if kind == "percent":
        return Discount("percent", _int(discount, "value"))
    raise CartFormatError(f"a parked cart has a discount of unknown kind {kind!r}")


def _voided_from_json(item: object, gifts: bool) -> VoidedLine:
    voided = _object(item, "a voided line")
    return VoidedLine(_line_from_json(_field(voided, "line"), gifts), _str(voided, "reason"))


def _object(value: object, what: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise CartFormatError(f"{what} in a parked cart is not a JSON object")
    return value


def _list(document: dict[str, object], key: str) -> list[object]:
    value = document.get(key)
    if not isinstance(value, list):
        raise CartFormatError(f"{key!r} in a parked cart is not a list")
    return value


def _field(document: dict[str, object], key: str) -> object:
    if key not in document:
        raise CartFormatError(f"a parked cart is missing {key!r}")
    return document[key]


def _int(document: dict[str, object], key: str) -> int:
    value = _field(document, key)
    # bool is an int in Python, but true is not a quantity.
    if not isinstance(value, int) or isinstance(value, bool):
        raise CartFormatError(f"{key!r} in a parked cart is not a whole number")
    return value


def _optional_int(document: dict[str, object], key: str) -> int | None:
    return None if _field(document, key) is None else _int(document, key)


def _str(document: dict[str, object], key: str) -> str:
    value = _field(document, key)
    if not isinstance(value, str):
        raise CartFormatError(f"{key!r} in a parked cart is not text")
    return value


def _bool(document: dict[str, object], key: str) -> bool:
    value = _field(document, key)
    if not isinstance(value, bool):
        raise CartFormatError(f"{key!r} in a parked cart is not true or false")
    return value
