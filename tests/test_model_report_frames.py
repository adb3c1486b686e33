"""Report frames the device is trained on beside their denials, and words that hang on a denial's no.

A recogniser trained only on the interaction model fits a plain report to the nearest sample; where
only the denial "my legs aren't {symptom}" existed, "my calves are numb" was heard as a denial. The
models now have the report frame of each such denial. On the Lambda, a denial's unresolved words led
by a clitic or a finite verb are read only with the denial's own no ("no" + "se me quita la fiebre"
reports the fever; "no" + "me cuesta nada hacer pipí" denies)."""

from __future__ import annotations

import pytest

from skill.core import heard
from skill.core.lexicon import read
from skill.core.rules import Symptom
from skill.tools import alexa_standin, evaluation
from skill.tools.paths import model_path


@pytest.mark.parametrize(
    ("line", "signs"),
    [
        ("my calves are numb", {"LIMB_NUMBNESS"}),
        ("my legs went completely numb", {"LIMB_NUMBNESS"}),
        ("my arms feel so weak", {"MUSCLE_WEAKNESS"}),
        ("my legs just give out on me", {"MUSCLE_WEAKNESS"}),
        ("i'm not able to control my bladder", {"BLADDER_BOWEL_CONTROL"}),
        ("i can barely lift my arm", {"MUSCLE_WEAKNESS"}),
        ("she's had chills all night", {"FEVER"}),
        ("yep just as bad as day one", {"NOT_IMPROVING"}),
    ],
)
def test_a_plain_report_reaches_the_skill_as_a_report_through_the_standin(line: str, signs: set[str]) -> None:
    said = evaluation.as_the_skill_reads(alexa_standin.load(model_path("en-US")).match(line), "en-US")
    assert said.intent == "ReportSymptomIntent" and evaluation.symptom_ids(said) == signs, said


def test_a_call_for_help_with_a_caregivers_report_stays_a_call_for_help() -> None:
    from skill.tools.nlu import load

    assert load(model_path("en-US")).match("call nine one one for my wife she can't get up off the floor").intent == "CallForHelpIntent"


@pytest.mark.parametrize(
    ("words", "intent", "sign"),
    [
        ("se me quita la fiebre aunque tomo tylenol", "ReportSymptomIntent", Symptom.FEVER),
        ("me cuesta nada hacer pipí", "DenySymptomIntent", Symptom.URINATION_DIFFICULTY),
        ("he bajado nada de peso", "DenySymptomIntent", Symptom.WEIGHT_LOSS),
    ],
)
def test_a_denials_words_that_hang_on_its_no_are_read_with_it(words: str, intent: str, sign: Symptom) -> None:
    said = heard.settle("DenySymptomIntent", [heard.HeardSlot(words, None), heard.HeardSlot(None)], "es-US")
    assert said.intent == intent and sign in said.signs, said


STEADY = [("i'm steady", False), ("fine and i'm steady", False), ("she isn't steady", True), ("i'm not as steady as i was", True)]


@pytest.mark.parametrize(("line", "reported"), STEADY)
def test_steady_said_and_negated(line: str, reported: bool) -> None:
    reading = read(line, "en-US")
    assert (Symptom.BALANCE_COORDINATION in reading.reported) is reported
    assert (Symptom.BALANCE_COORDINATION in reading.denied) is not reported
