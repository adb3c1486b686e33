"""The per-locale strings: well-formed SSML, the exact phone number and
emergency number, and prompts that pass the one-breath test."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from skill.core.rules import EMERGENCY_SIGNS, QUESTIONS, Level, Question, Symptom
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
        ssml = speech.ssml(key, names="bladder & bowel <control>", number="3", total="9", answer="no & <yes>")
        ET.fromstring(f"<speak>{ssml}</speak>")


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_questions_pass_the_one_breath_test(question: Question):
    for part in ("ask", "explain"):
        text = EN.text(f"questions.{question.id}.{part}")
        assert words(text) <= 20, text
        assert text.endswith("?") or part == "explain"
        # Plain: a question is asked the positive way round, so "yes" means
        # "I have it" (no "without ... getting better?", no "are they no better?").
        negatives = sum(text.lower().split().count(word) for word in ("no", "not", "don't", "doesn't", "without"))
        assert negatives <= (0 if part == "ask" else 1), text


def test_every_sign_has_a_name_and_every_emergency_sign_plain_words():
    for symptom in Symptom:
        assert EN.text(f"symptoms.{symptom.value}.name")
    for symptom in EMERGENCY_SIGNS:
        assert words(EN.text(f"symptoms.{symptom.value}.plain")) <= 5


def test_offer_and_prompts_are_short():
    for key in ("offer", "offer_reprompt", "answer_hint", "start_check"):
        assert words(EN.text(key)) <= 20


def test_welcome_is_one_breath_with_the_disclaimer():
    welcome = f"{EN.text('welcome')} {EN.text('offer')}"
    assert words(welcome) <= 20
    assert "not a diagnosis" in welcome.lower()
    assert "in an emergency, call 911" in welcome


def test_phone_number_is_exact_and_spoken_as_a_telephone_number():
    ssml = EN.ssml("info.CONTACT")
    assert '<say-as interpret-as="telephone">(518) 489-2663</say-as>' in ssml
    assert "(518) 489-2663" in EN.text("card_footer")


@pytest.mark.parametrize("level", list(Level), ids=lambda level: level.name)
def test_every_conclusion_has_a_card(level):
    assert EN.text(EN.advice_key(level, "card_title"))
    assert EN.text(EN.advice_key(level, "card_text"), names="a fever")


def test_emergency_advice_sentences():
    assert EN.text("advice.EMERGENCY.first") == "Call 911 now."
    assert EN.text("advice.EMERGENCY.closing").startswith("Call 911")
    assert EN.text("advice.EMERGENCY.reason")


def test_names_are_escaped_in_ssml_not_in_cards():
    assert "&amp;" in EN.ssml("unsure_counted", names="a & b")
    assert "a & b" in EN.text("unsure_counted", names="a & b")


def test_lists_read_naturally():
    assert EN.names([Symptom.FEVER]) == "a fever"
    assert EN.names([Symptom.FEVER, Symptom.WEIGHT_LOSS, Symptom.NOT_IMPROVING]).count(" and ") == 1
    signs = EN.names_or(EMERGENCY_SIGNS, key="plain")
    assert signs.endswith(", or " + EN.text(f"symptoms.{EMERGENCY_SIGNS[-1].value}.plain"))
    assert EN.names_or([Symptom.FEVER, Symptom.WEIGHT_LOSS]) == "a fever or weight loss before the spasms"


def test_unknown_locale_is_refused():
    with pytest.raises(UnsupportedLocaleError):
        for_locale("xx-XX")
