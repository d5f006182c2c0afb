"""Receipt numbers: per register, gapless, human-readable (`R1-000123`)."""


def format_receipt_number(register_code: str, sequence: int) -> str:
    """The printed receipt number of the `sequence`-th sale on a register."""
    if sequence < 1:
        raise ValueError("receipt sequences start at 1")
    return f"R{register_code}-{sequence:06d}"
