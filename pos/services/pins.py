"""Cashier PINs, stored only as argon2 hashes."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from pos.domain.errors import UserError

# Interactive sign-in at a till: keep verification well under 100 ms on a small machine.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)

MIN_PIN_LENGTH = 4


def hash_pin(pin: str) -> str:
    """The argon2 hash of a PIN, refusing PINs that are not 4 to 12 digits."""
    if not pin.isdigit() or not MIN_PIN_LENGTH <= len(pin) <= 12:
        raise UserError("a PIN is 4 to 12 digits")
    return _HASHER.hash(pin)


def pin_matches(pin_hash: str, pin: str) -> bool:
    try:
        return _HASHER.verify(pin_hash, pin)
    except (VerificationError, InvalidHashError):
        return False
