import pytest

from pos.domain.occasions import Occasion
from pos.services.message_templates import (
    TemplateProblemError,
    check_template,
    default_templates,
    pick_variant,
    render_template,
)

VALUES = {"name": "Mrs Patel", "first_name": "Asha", "shop": "Hartley & Finch",
          "visit_count": 22, "last_product": "Owl Mug", "next_birthday": "28 Nov",
          "preferences": "likes dark roast"}


def test_renders_placeholders_and_filters() -> None:
    text = "{{ first_name }}: your {{ visit_count | ordinal }} visit to {{ shop }}"
    assert render_template(text, VALUES) == "Asha: your 22nd visit to Hartley & Finch"
    assert render_template("{{ 11 | ordinal }} {{ 3 | ordinal }}", VALUES) == "11th 3rd"


def test_emoji_and_accents_pass_through_unescaped() -> None:
    assert render_template("Merci {{ first_name }} 🎉", {**VALUES, "first_name": "Zoë"}) == (
        "Merci Zoë 🎉"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Hello {{ first_name ", "mistake on line 1"),
        ("Hello {{ firstname }}", "unknown placeholder firstname"),
    ],
)
def test_bad_templates_are_refused_at_save_time(text: str, message: str) -> None:
    with pytest.raises(TemplateProblemError, match=message):
        check_template(text)


def test_the_sandbox_refuses_code() -> None:
    with pytest.raises(TemplateProblemError, match="only the placeholders"):
        render_template("{{ name.__class__.__mro__ }}", VALUES)


def test_missing_value_is_reported_not_blank() -> None:
    with pytest.raises(TemplateProblemError, match="no value for"):
        render_template("Hi {{ first_name }}", {"name": "X"})


def test_shipped_templates_are_valid_in_every_language() -> None:
    for language in ("en", "de"):
        templates = default_templates(language)
        assert set(templates) == {o.value for o in Occasion}
        for texts in templates.values():
            for text in texts:
                assert render_template(text, VALUES)


def test_language_falls_back_to_base_then_english() -> None:
    assert default_templates("de_AT") == default_templates("de")
    assert default_templates("xx") == default_templates("en")


def test_variety_avoids_last_message_when_possible() -> None:
    options = ("A", "B")
    assert pick_variant(Occasion.GIFT, options, last_used="A") == "B"
    assert pick_variant(Occasion.GIFT, options, last_used="B") == "A"
    assert pick_variant(Occasion.DEFAULT, ("Only",), last_used="Only") == "Only"
