"""A week not yet gone by is a no to the question of no improvement after a
week of rest: the models have it as a no sample in both languages, so Alexa
never sends it as a duration of a week ("it hasn't been a week yet" had come
back as one week, and the skill told a patient resting for three days to see
a doctor). The stand-in, like a device, takes a slotless sample said word for
word as that sample, and compares a line with a duration in it as said with
the slotless samples too."""

from __future__ import annotations

import pytest

from skill.tools import alexa_standin
from skill.tools.paths import model_path

LINES = [
    ("en-US", "it hasn't been a week yet"),
    ("en-US", "less than a week"),
    ("es-US", "todavía no llevo ni una semana"),
    ("es-US", "todavía no es una semana"),
    # said with more words, its week is compared as said with the no samples, not only as a duration
    ("es-US", "no todavía no llevo ni una semana"),
    ("en-US", "no it hasn't been a week yet"),
]


@pytest.mark.parametrize(("locale", "line"), LINES)
def test_a_week_not_yet_gone_by_is_a_no_sample_a_device_hears(locale, line):
    assert alexa_standin.load(model_path(locale)).match(line).intent == "AMAZON.NoIntent"


@pytest.mark.parametrize("locale", ["en-US", "es-US"])
def test_a_duration_of_a_week_or_more_is_still_one(locale):
    line = "it's been over a week" if locale == "en-US" else "ya lleva más de una semana"
    assert alexa_standin.load(model_path(locale)).match(line).intent == "DurationIntent"
