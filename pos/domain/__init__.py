"""Pure rules of the shop: money, tax, receipt numbers, errors. Standard library only."""
