"""Receipt text for a thermal printer: printable characters only, wrapped at spaces."""

import pytest

from pos.printing.charset import Charset
from pos.printing.columns import fit, wrap

CP858 = Charset("cp858")
ASCII = Charset("ascii")


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("Crème brûlée, Ñandú, Müller, £5, €5", "Crème brûlée, Ñandú, Müller, £5, €5"),
        ("Łódź \N{EN DASH} \N{LEFT DOUBLE QUOTATION MARK}Ærø\N{RIGHT DOUBLE QUOTATION MARK}",
         'Lódz - "Ærø"'),
        ("Gift box \N{WRAPPED PRESENT} with ribbon \N{CHRISTMAS TREE}", "Gift box with ribbon"),
        ("\N{WRAPPED PRESENT}\N{WRAPPED PRESENT}", "?"),
        ("Teacup \u8336\u676f", "Teacup ??"),
        ("Mug\x1b@\x1dV\x00 for tea\nand coffee", "Mug @ V for tea and coffee"),
        ("Family \N{MAN}\N{ZERO WIDTH JOINER}\N{WOMAN} pack", "Family pack"),
        ("", ""),
    ],
)
def test_text_is_mapped_onto_the_code_page(text: str, printed: str) -> None:
    result = CP858.printable(text)
    assert result == printed
    result.encode("cp858")  # nothing the code page lacks gets through


def test_a_printer_without_the_euro_spells_it_and_strips_accents() -> None:
    assert ASCII.printable("€5 £2 café Straße") == "EUR5 GBP2 cafe Strasse"


def test_printer_commands_in_a_name_become_spaces() -> None:
    printed = CP858.printable("A\x1b\x1d\x10\x04\x0aB")
    assert printed == "A B"
    assert not any(ord(char) < 0x20 for char in printed)


def test_a_long_name_wraps_at_spaces_never_mid_word() -> None:
    name = " ".join(["Handmade", "ceramic", "teapot", "with", "bamboo", "handle"] * 6)
    assert len(name) > 200
    lines = fit(name, "12.99", 32)
    assert lines[0].endswith(" 12.99")
    assert all(len(line) <= 32 for line in lines)
    words = name.split()
    assert " ".join(" ".join(lines).replace("12.99", "").split()) == " ".join(words)
    for line in lines:
        assert all(word in words for word in line.replace("12.99", "").split())


def test_a_word_longer_than_the_paper_is_broken() -> None:
    code = "X" * 100
    lines = wrap(code, 32)
    assert [len(line) for line in lines] == [32, 32, 32, 4]
    assert "".join(lines) == code


def test_an_amount_goes_below_text_that_fits_only_alone() -> None:
    assert fit("Receipt R1-000042", "24/11/2026, 10:30", 32) == [
        "Receipt R1-000042",
        "               24/11/2026, 10:30",
    ]
    assert fit("Receipt R1-000042", "24/11/2026, 10:30", 48) == [
        "Receipt R1-000042              24/11/2026, 10:30"
    ]


def test_indented_details_keep_the_amount_column() -> None:
    assert fit("Discount", "-0.50", 32, indent=2) == ["  Discount                 -0.50"]
    assert wrap("x", 8, indent=2) == ["  x"]
    with pytest.raises(ValueError, match="no room"):
        wrap("x", 2, indent=2)
