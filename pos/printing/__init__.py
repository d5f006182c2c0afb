"""Receipts to ESC/POS bytes and the print queue worker (python-escpos behind our port)."""
