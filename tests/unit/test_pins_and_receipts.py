import pytest

from pos.domain.errors import UserError
from pos.domain.receipts import format_receipt_number
from pos.services.pins import hash_pin, pin_matches


def test_pin_is_stored_as_argon2_and_verifies() -> None:
    stored = hash_pin("1234")
    assert stored.startswith("$argon2id$")
    assert "1234" not in stored
    assert pin_matches(stored, "1234")
    assert not pin_matches(stored, "4321")
    assert not pin_matches("not-a-hash", "1234")


@pytest.mark.parametrize("pin", ["", "123", "12a4", "1234567890123"])
def test_bad_pins_are_refused(pin: str) -> None:
    with pytest.raises(UserError, match="4 to 12 digits"):
        hash_pin(pin)


def test_receipt_numbers_are_per_register_and_zero_padded() -> None:
    assert format_receipt_number("1", 123) == "R1-000123"
    assert format_receipt_number("12", 1_234_567) == "R12-1234567"
    with pytest.raises(ValueError, match="start at 1"):
        format_receipt_number("1", 0)
