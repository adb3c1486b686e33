"""Everyday answers the matcher knows ("naw", "nuh uh", "yessir", Mexican "ey"),
and a line that ends in a verdict ("he jumps when i tickle his feet, so i'd
say no"), which answers with it unless the lexicon reads a sign reported."""

from __future__ import annotations

import pytest

from skill.core import contract
from skill.tools import nlu
from skill.tools.nlu.asides import closing_verdict
from skill.tools.paths import model_path


@pytest.fixture(scope="module")
def matchers() -> dict[str, nlu.Nlu]:
    return {locale: nlu.load(model_path(locale)) for locale in ("en-US", "es-US")}


@pytest.mark.parametrize(
    ("locale", "line", "intent"),
    [
        ("en-US", "naw", contract.NO),
        ("en-US", "naw neither one", contract.NO),
        ("en-US", "not either one", contract.NO),
        ("en-US", "nuh uh", contract.NO),
        ("en-US", "yessir it is", contract.YES),
        ("es-US", "ey", contract.YES),
        ("es-US", "ey no", contract.NO),
    ],
)
def test_everyday_answers(matchers, locale, line, intent):
    assert matchers[locale].match(line).intent == intent


@pytest.mark.parametrize(
    ("locale", "line", "intent"),
    [
        ("en-US", "he jumps when i tickle his feet so i'd say no", contract.NO),
        ("en-US", "she was out in the garden all morning so no", contract.NO),
        ("en-US", "he winces when he bends over so i would say yes", contract.YES),
        ("es-US", "se mueve bien así que yo diría que no", contract.NO),
        ("es-US", "anda en el jardín todo el día entonces no", contract.NO),
    ],
)
def test_a_closing_verdict_answers(matchers, locale, line, intent):
    assert matchers[locale].match(line).intent == intent


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        # a sign the lexicon reads is kept, whatever the verdict
        ("en-US", "i can't feel my feet so i'd say no"),
        ("en-US", "he wet himself last night so no i guess"),
        ("es-US", "no siento las piernas así que no"),
    ],
)
def test_a_verdict_never_hides_a_sign_reported(matchers, locale, line):
    assert matchers[locale].match(line).intent == contract.REPORT_SYMPTOM


@pytest.mark.parametrize(
    ("words", "verdict"),
    [
        ("he jumps so i would say no", contract.NO),
        ("so no", None),  # nothing said before the verdict
        ("he jumps so what", None),
        ("she is so tired", None),
        ("i am not so sure", None),
        ("it started yesterday so i guess not", contract.NO),
    ],
)
def test_the_closing_verdict_of_words(words, verdict):
    assert closing_verdict(words.split()) == verdict
