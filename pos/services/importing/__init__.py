"""Importing a shop's past from CSV: products, customers and sales (`pos import`).

reader (bytes -> records with line numbers) -> mapping (columns -> fields) -> rows
(records -> checked values, or a reject) -> importers (write in chunks, idempotent)
-> rejects (the report). `service.ImportService` runs them in that order.
"""
