"""Self-repair: a speaker who corrects themself ("no wait, yes, I fell down
the stairs") means what follows the correction, in the lexicon, the matcher
and, on a device, a denial whose words open with the correction. A correction
word elsewhere ("I have to wait", "not actually") or one that asks for time
("no wait a minute") changes nothing."""

from __future__ import annotations

import pytest

from skill.core.heard import Heard, HeardSlot, settle
from skill.core.lexicon import Polarity, for_locale
from skill.core.rules import Symptom
from skill.tools.alexa.envelopes import SlotFill
from skill.tools.nlu import load
from skill.tools.paths import model_path
from tests.support import Dialog, is_emergency_advice
from tests.support import lexicon_mentions as mentions

A, N = Polarity.AFFIRMED, Polarity.NEGATED
S = Symptom
REPORT, DENY = "ReportSymptomIntent", "DenySymptomIntent"


@pytest.mark.parametrize(
    ("locale", "line", "after"),
    [
        ("en-US", "no wait, yes, I fell down the stairs", "yes, I fell down the stairs"),
        ("en-US", "no wait actually yes", "yes"),
        ("en-US", "yes, sorry, I mean no", "no"),
        ("es-US", "no, perdón, sí me caí", "sí me caí"),
        # no correction: the line whole
        ("en-US", "I have to wait a long time before it starts", None),
        ("en-US", "I'm not actually feverish", None),
        ("en-US", "no, wait", None),
        ("en-US", "no wait a minute", None),
        ("es-US", "no espera un momento", None),
    ],
)
def test_the_line_from_after_the_last_correction(locale, line, after):
    assert for_locale(locale).repaired(line) == (line if after is None else after)


@pytest.mark.parametrize(
    ("locale", "line", "expected"),
    [
        ("en-US", "no wait yes i fell down the basement stairs", {(S.SIGNIFICANT_TRAUMA, A)}),
        ("es-US", "no, perdón, sí me caí de la escalera", {(S.SIGNIFICANT_TRAUMA, A)}),
        ("en-US", "i'm not actually feverish", {(S.FEVER, N)}),
    ],
)
def test_the_lexicon_reads_what_follows_the_correction(locale, line, expected):
    assert mentions(line, locale) == expected


@pytest.mark.parametrize(
    ("locale", "line", "intent", "signs"),
    [
        ("en-US", "no wait yes i fell down the basement stairs", REPORT, {"SIGNIFICANT_TRAUMA"}),
        ("es-US", "no espera sí tiene fiebre", REPORT, {"FEVER"}),
        ("en-US", "yes wait no", "AMAZON.NoIntent", set()),
        ("en-US", "wait a minute please", "HoldOnIntent", set()),
    ],
)
def test_the_matcher_hears_what_follows_the_correction(locale, line, intent, signs):
    found = load(model_path(locale)).match(line)
    assert (found.intent, {slot.value_id for slot in found.slots.values() if slot and slot.value_id}) == (intent, signs)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("wait yes i fell down the basement stairs", Heard(REPORT, (S.SIGNIFICANT_TRAUMA,), 0)),
        ("wait no i did not fall down", Heard(DENY, (S.SIGNIFICANT_TRAUMA,), 0)),
        ("wait a minute", Heard(DENY, (S.SIGNIFICANT_TRAUMA,), 0)),
    ],
)
def test_a_denial_whose_words_open_with_a_correction_takes_its_no_back(words, expected):
    assert settle(DENY, [HeardSlot(words, S.SIGNIFICANT_TRAUMA)], "en-US") == expected


def test_on_a_device_the_no_taken_back_is_an_emergency():
    session = Dialog(locale="en-US")
    session.launch()
    slot = SlotFill("wait yes she wet herself", "BLADDER_BOWEL_CONTROL", "loss of bladder or bowel control", "SymptomType")
    session.intent(DENY, {"symptom": slot, "otherSymptom": None})
    assert is_emergency_advice(session)
