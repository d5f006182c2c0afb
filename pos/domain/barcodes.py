"""EAN-13 barcodes: the check digit that lets a scanner (and we) catch a misread."""

EAN13_LENGTH = 13


def ean13_check_digit(body: str) -> str:
    """The check digit for the first 12 digits of an EAN-13.

    Digits are weighted 1, 3, 1, 3, ... from the left; the check digit brings the
    weighted sum up to a multiple of ten (GS1 General Specifications, 7.9.1).
    """
    if len(body) != EAN13_LENGTH - 1 or not body.isascii() or not body.isdigit():
        raise ValueError(f"an EAN-13 body is 12 digits, not {body!r}")
    total = sum(int(digit) * (3 if position % 2 else 1) for position, digit in enumerate(body))
    return str(-total % 10)


def make_ean13(body: str) -> str:
    """The full 13-digit barcode for a 12-digit body."""
    return body + ean13_check_digit(body)


def is_valid_ean13(code: str) -> bool:
    """True for 13 digits whose last digit is the right check digit."""
    if len(code) != EAN13_LENGTH or not code.isascii() or not code.isdigit():
        return False
    return ean13_check_digit(code[:-1]) == code[-1]
