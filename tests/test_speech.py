"""The per-locale strings: well-formed SSML, the exact phone number and
emergency number, and prompts that pass the one-breath test."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from skill.core.rules import Level, Symptom
from skill.core.speech import LOCALES_DIR, UnsupportedLocaleError, for_locale, supported_locales

EN = for_locale("en-US")


def words(text: str) -> int:
    return len(text.split())


def all_keys(node, prefix=""):
    for key, value in node.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            yield from all_keys(value, path + ".")
        elif path != "locale_data" and not path.startswith("locale_data."):
            yield path


@pytest.mark.parametrize("locale", supported_locales())
def test_every_string_renders_to_well_formed_ssml(locale):
    speech = for_locale(locale)
    strings = json.loads((LOCALES_DIR / f"{locale}.json").read_text())
    for key in all_keys(strings):
        ssml = speech.ssml(key, names="bladder & bowel <control>")
        ET.fromstring(f"<speak>{ssml}</speak>")


@pytest.mark.parametrize("symptom", list(Symptom), ids=lambda s: s.value)
def test_questions_pass_the_one_breath_test(symptom):
    for part in ("question", "explain"):
        text = EN.text(f"symptoms.{symptom.value}.{part}")
        assert words(text) <= 20, text
        assert text.endswith("?") or part == "explain"


def test_offer_and_prompts_are_short():
    for key in ("offer", "offer_reprompt", "answer_hint", "start_check"):
        assert words(EN.text(key)) <= 20


def test_phone_number_is_exact_and_spoken_as_a_telephone_number():
    ssml = EN.ssml("info.CONTACT")
    assert '<say-as interpret-as="telephone">(518) 489-2663</say-as>' in ssml
    assert "(518) 489-2663" in EN.text("card_footer")


@pytest.mark.parametrize("level", list(Level), ids=lambda level: level.name)
def test_every_conclusion_has_spoken_advice_and_a_card(level):
    assert EN.text(EN.advice_key(level, "card_title"))
    text = EN.ssml(EN.advice_key(level, "speech"), names="a fever")
    assert text


def test_emergency_advice_starts_with_911():
    assert EN.text(EN.advice_key(Level.EMERGENCY, "speech"), names="x").startswith("Call 911 now.")


def test_names_are_escaped_in_ssml_not_in_cards():
    assert "&amp;" in EN.ssml("unsure_counted", names="a & b")
    assert "a & b" in EN.text("unsure_counted", names="a & b")


def test_lists_read_naturally():
    assert EN.names([Symptom.FEVER]) == "a fever"
    assert EN.names([Symptom.FEVER, Symptom.WEIGHT_LOSS, Symptom.NOT_IMPROVING]).count(" and ") == 1


def test_unknown_locale_is_refused():
    with pytest.raises(UnsupportedLocaleError):
        for_locale("xx-XX")
