"""Paying for a sale: tenders (cash, card, voucher, store credit), change, and split payments."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, get_args

from pos.domain.errors import UserError
from pos.domain.money import format_minor, parse_minor
from pos.domain.pricing import cash_round

TenderMethod = Literal["cash", "card", "voucher", "store_credit"]
TENDER_METHODS: tuple[TenderMethod, ...] = get_args(TenderMethod)
DEFAULT_NOTES = (500, 1000, 2000, 5000)


@dataclass(frozen=True, slots=True)
class Tender:
    """One payment towards a sale; a card payment carries the terminal's approval code."""

    method: TenderMethod
    amount_minor: int
    reference: str = ""

    def __post_init__(self) -> None:
        if self.method not in TENDER_METHODS:
            raise ValueError(f"a tender method is one of {TENDER_METHODS}, not {self.method!r}")
        if self.amount_minor <= 0:
            raise UserError("a payment must be more than 0; enter the amount paid")
        if self.method == "card" and not self.reference.strip():
            raise UserError(
                "a card payment needs the approval code from the card terminal; enter it"
            )

    @property
    def label(self) -> str:
        """The method as a person says it ("store credit")."""
        return self.method.replace("_", " ")


@dataclass(frozen=True, slots=True)
class Settlement:
    """Where payment stands: `paid_minor - change_minor == due - remaining_minor + rounding_minor`.

    `rounding_minor` is what cash rounding added to (or, when negative, took off) the
    amount due when the sale was finished in cash.
    """

    paid_minor: int
    change_minor: int
    remaining_minor: int
    complete: bool
    rounding_minor: int = 0


def settle(
    total_due_minor: int,
    tenders: Sequence[Tender],
    *,
    cash_rounding_minor: int = 1,
    exponent: int = 2,
) -> Settlement:
    """Apply `tenders` in order to `total_due_minor`.

    Only cash may be more than what remains (the excess is change), and cash that
    finishes the sale pays the remainder rounded to `cash_rounding_minor`. A card,
    voucher or store-credit payment larger than what remains, or any payment after the
    sale is paid, is refused. `exponent` is the currency's, for amounts in messages.
    """
    if total_due_minor < 0:
        raise ValueError("settle is for sales; a negative amount due is a refund")
    remaining, change, rounding = total_due_minor, 0, 0
    for number, tender in enumerate(tenders, start=1):
        if remaining == 0:
            raise UserError(f"the sale is already paid; remove payment {number}")
        if tender.method == "cash":
            cash_due = cash_round(remaining, cash_rounding_minor)
            if tender.amount_minor >= cash_due:
                rounding = cash_due - remaining
                change = tender.amount_minor - cash_due
                remaining = 0
                continue
        elif tender.amount_minor > remaining:
            raise UserError(
                f"a {tender.label} payment cannot be more than the "
                f"{format_minor(remaining, exponent)} still due; only cash gives change"
            )
        remaining -= tender.amount_minor
    paid = sum(tender.amount_minor for tender in tenders)
    return Settlement(paid, change, remaining, remaining == 0, rounding)


def parse_tendered(text: str, exponent: int = 2) -> int:
    """The amount a customer handed over, typed as text ("20", "20.00"), in minor units."""
    example = format_minor(20 * 10**exponent, exponent)
    if not text.strip():
        raise UserError(f"enter the amount the customer gave, like {example}")
    amount = parse_minor(text, exponent)
    if amount < 0:
        raise UserError(
            f"'{text.strip()}' is negative; enter the amount the customer gave, like {example}"
        )
    if amount == 0:
        raise UserError(f"the amount given must be more than 0; enter it like {example}")
    return amount


def quick_cash_amounts(due_minor: int, notes: Sequence[int] = DEFAULT_NOTES) -> tuple[int, ...]:
    """Amounts a customer is likely to hand over, for one-touch buttons, smallest first.

    The exact amount, then the amount due rounded up to a whole number of each note
    (due 12.34 with notes 5, 10, 20, 50 -> 12.34, 15, 20, 50). Pass the cash-rounded
    amount due when the shop rounds cash.
    """
    if any(note <= 0 for note in notes):
        raise ValueError(f"notes are positive amounts, not {tuple(notes)}")
    if due_minor <= 0:
        return ()
    rounded_up = sorted(-(-due_minor // note) * note for note in notes)
    return tuple(dict.fromkeys([due_minor, *rounded_up]))
