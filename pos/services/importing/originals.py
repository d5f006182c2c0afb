"""Which earlier sale an imported return took back.

Old systems rarely record it (Online Retail's cancellations do not), so it is found:
among the customer's sales up to the return, the one with the most of the returned
products, the latest of those on a tie. Each returned line then points at that
sale's line of the same product. Returns of walk-in customers stay unlinked.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from pos.db.importing import PastLine


@dataclass(frozen=True, slots=True)
class Original:
    sale_id: int
    lines: dict[str, tuple[int, ...]]
    """Product code -> that sale's line ids of the product."""

    def line_for(self, product_code: str, occurrence: int) -> int | None:
        """The original line for the `occurrence`-th returned line of a product."""
        ids = self.lines.get(product_code, ())
        return ids[min(occurrence, len(ids) - 1)] if ids else None


def find_original(past: Sequence[PastLine], product_codes: Sequence[str]) -> Original | None:
    """The sale that best explains a return of `product_codes` (`past` newest first)."""
    by_sale: dict[int, dict[str, list[int]]] = {}
    for line in past:
        by_sale.setdefault(line.sale_id, {}).setdefault(line.product_code, []).append(line.line_id)
    wanted = set(product_codes)
    best: tuple[int, dict[str, list[int]]] | None = None
    best_overlap = 0
    for sale_id, lines in by_sale.items():  # newest first: a later tie does not win
        overlap = len(wanted & lines.keys())
        if overlap > best_overlap:
            best, best_overlap = (sale_id, lines), overlap
    if best is None:
        return None
    return Original(
        best[0], {code: tuple(ids) for code, ids in best[1].items() if code in wanted}
    )
