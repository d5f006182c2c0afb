import pytest

from pos.domain.occasions import Occasion
from pos.services.message_templates import (
    BIRTHDAY_EMAIL,
    BIRTHDAY_EMAIL_SUBJECT,
    SAMPLE_VALUES,
    TemplateProblemError,
    check_template,
    check_variants,
    default_templates,
    first_name_of,
    language_chain,
    pick_variant,
    preview,
    render_template,
    variant_key,
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
        ("Hello {{ firstname }}", "line 1: unknown placeholder firstname"),
        ("Hello\n{% if name %}\n{{ surname }}{% endif %}", "line 3: unknown placeholder surname"),
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
        assert set(templates) == {o.value for o in Occasion} | {
            BIRTHDAY_EMAIL, BIRTHDAY_EMAIL_SUBJECT}
        for texts in templates.values():
            for text in texts:
                assert render_template(text, VALUES)


def test_language_falls_back_to_base_then_english() -> None:
    assert default_templates("de_AT") == default_templates("de")
    assert default_templates("xx") == default_templates("en")


def test_variety_avoids_last_message_when_possible() -> None:
    options = ("A", "B", "C")
    assert pick_variant(Occasion.GIFT, options, last_key=None) == "A"
    assert pick_variant(Occasion.GIFT, options, last_key=variant_key("A")) == "B"
    assert pick_variant(Occasion.GIFT, options, last_key=variant_key("C")) == "A"
    assert pick_variant(Occasion.GIFT, options, last_key=variant_key("gone")) == "A"
    assert pick_variant(Occasion.DEFAULT, ("Only",), last_key=variant_key("Only")) == "Only"
    with pytest.raises(TemplateProblemError, match="no message for gift"):
        pick_variant(Occasion.GIFT, (), last_key=None)


def test_plural_forms_follow_the_language() -> None:
    text = "{{ visit_count | plural(one='# visit', other='# visits') }}"
    assert render_template(text, {**VALUES, "visit_count": 1}) == "1 visit"
    assert render_template(text, {**VALUES, "visit_count": 1500}) == "1,500 visits"
    assert render_template(text, {**VALUES, "visit_count": 1500}, "de") == "1.500 visits"
    with pytest.raises(TemplateProblemError, match="plural needs a number"):
        render_template("{{ name | plural(other='x') }}", VALUES)


def test_variants_are_checked_line_by_line() -> None:
    assert check_variants("A {{ name }}\n\n  B  \nA {{ name }}") == ("A {{ name }}", "B")
    with pytest.raises(TemplateProblemError, match=r"line 2: .*division by zero"):
        check_variants("fine\n{{ visit_count / 0 }}")
    with pytest.raises(TemplateProblemError, match="line 1 is longer than 500"):
        check_variants("x" * 501)


def test_the_preview_shows_each_line_or_its_problem() -> None:
    shown = preview("Hi {{ first_name }}\nHi {{ nick }}\nBye {{ last_product }}",
                    {**SAMPLE_VALUES, "last_product": ""}, "en")
    assert shown[0] == "Hi Asha"
    assert "line 2: unknown placeholder nick" in shown[1]
    assert "line 3: passed over for this customer (no last_product)" in shown[2]


def test_first_names_with_emoji_initials_or_none() -> None:
    assert first_name_of("🌸 Zoë Brontë") == "Zoë"
    assert first_name_of("Priya Patel", "Mrs Patel") == "Mrs Patel"
    assert first_name_of("🌸 🎉") == ""
    assert first_name_of("") == ""


def test_language_chain_ends_in_the_shop_language_then_english() -> None:
    assert language_chain("de-at", "fr_CA") == ("de_AT", "de", "fr_CA", "fr", "en")
    assert language_chain("", "en_GB") == ("en_GB", "en")
