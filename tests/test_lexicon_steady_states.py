"""Steady states, and whose sign it is.

An organ said to be where it always is ("my weight's right where it always is", "estoy en mi peso de
siempre"), working as it always has, or under full control denies its sign; a pain "half as bad as it
was" is improving. A "no" right before a person ("no my husband can't feel his legs", "no mi papá tiene
fiebre") answers the question: what follows about that person is a report. A loose denial of one of a
question's two signs takes the other too when the line denies it ("no fever and my weight hasn't
budged"), but never another question's ("i haven't fallen or tripped": balance, not an injury)."""

from __future__ import annotations

import pytest

from skill.core.lexicon import Polarity
from skill.core.rules import Symptom
from skill.tools import alexa_standin, nlu
from skill.tools.evaluation import as_the_skill_reads, symptom_ids
from skill.tools.paths import model_path
from tests.support import lexicon_mentions as mentions

A, N, H = Polarity.AFFIRMED, Polarity.NEGATED, Polarity.HEDGED
S = Symptom


@pytest.mark.parametrize(
    ("locale", "line", "denied"),
    [
        ("en-US", "my weight's right where it always is", S.WEIGHT_LOSS),
        ("en-US", "her weight is where it should be", S.WEIGHT_LOSS),
        ("en-US", "my weight hasn't budged", S.WEIGHT_LOSS),
        ("es-US", "estoy en mi peso de siempre", S.WEIGHT_LOSS),
        ("en-US", "she's got full control of her bladder no problems there", S.BLADDER_BOWEL_CONTROL),
        ("en-US", "i have complete control of my bowels", S.BLADDER_BOWEL_CONTROL),
        ("en-US", "no it's about half as bad as it was", S.NOT_IMPROVING),
        ("en-US", "it's nowhere near as bad as it was", S.NOT_IMPROVING),
        ("en-US", "i don't think she's numb", S.LIMB_NUMBNESS),
        ("en-US", "i have no fever i'm not numb", S.LIMB_NUMBNESS),
        ("es-US", "no he perdido el control de la vejiga", S.BLADDER_BOWEL_CONTROL),
        ("es-US", "mi clienta usa el baño solita y no se ha mojado para nada", S.BLADDER_BOWEL_CONTROL),
        ("es-US", "ha ido aflojando poquito a poquito", S.NOT_IMPROVING),
        ("es-US", "no él hace del uno sin problema y se sienta bien", S.URINATION_DIFFICULTY),
        ("en-US", "i'm upright i'm standing here talking to you", S.CANNOT_SIT_OR_STAND),
        ("en-US", "i'm still the boss of my bowels thank you very much", S.BLADDER_BOWEL_CONTROL),
        ("en-US", "my water comes right away when i go", S.URINATION_DIFFICULTY),
    ],
)
def test_a_steady_state_or_another_persons_sign_is_denied(locale: str, line: str, denied: Symptom) -> None:
    found = mentions(line, locale)
    assert (denied, N) in found, found
    assert (denied, A) not in found and (denied, H) not in found, found


@pytest.mark.parametrize(
    ("locale", "line", "reported"),
    [
        ("en-US", "i lost total control of my bladder", S.BLADDER_BOWEL_CONTROL),
        ("en-US", "she has no control of her bladder", S.BLADDER_BOWEL_CONTROL),
        ("en-US", "i've lost weight i'm not where i should be", S.WEIGHT_LOSS),
        # a no before a person answers; the report about that person stands
        ("en-US", "no my husband can't feel his legs", S.LIMB_NUMBNESS),
        ("en-US", "not me my husband can't feel his legs", S.LIMB_NUMBNESS),
        ("en-US", "it's not me my wife wet herself", S.BLADDER_BOWEL_CONTROL),
        ("en-US", "no my legs are numb", S.LIMB_NUMBNESS),
        ("es-US", "no mi papá tiene fiebre", S.FEVER),
        ("es-US", "no mi esposo no siente las piernas", S.LIMB_NUMBNESS),
        # a subject pronoun before a finding opens a new clause the negation before it does not reach
        ("en-US", "no fever she can't feel her legs", S.LIMB_NUMBNESS),
        ("en-US", "i'm not upright i can't stand", S.CANNOT_SIT_OR_STAND),
        ("es-US", "se ha mojado dos veces hoy", S.BLADDER_BOWEL_CONTROL),
        ("es-US", "las piernas se me han ido aflojando", S.MUSCLE_WEAKNESS),
    ],
)
def test_a_report_stays_a_report(locale: str, line: str, reported: Symptom) -> None:
    found = mentions(line, locale)
    assert (reported, A) in found or (reported, H) in found, found
    assert (reported, N) not in found, found


@pytest.mark.parametrize(
    ("locale", "line", "still_denied"),
    [
        ("en-US", "no my legs aren't numb", S.LIMB_NUMBNESS),
        ("en-US", "no her bladder is fine", S.BLADDER_BOWEL_CONTROL),
        ("es-US", "no mi mamá camina bien", S.BALANCE_COORDINATION),
    ],
)
def test_a_denial_about_a_person_after_a_no_still_denies(locale: str, line: str, still_denied: Symptom) -> None:
    assert (still_denied, N) in mentions(line, locale)


@pytest.fixture(scope="module")
def matchers() -> dict[str, nlu.Nlu]:
    return {locale: nlu.load(model_path(locale)) for locale in ("en-US", "es-US")}


@pytest.mark.parametrize(
    ("locale", "line", "signs"),
    [
        ("en-US", "no fever and my weight hasn't budged", {"FEVER", "WEIGHT_LOSS"}),
        ("es-US", "orino bien y me puedo sentar derecho sin problema", {"URINATION_DIFFICULTY", "CANNOT_SIT_OR_STAND"}),
        ("es-US", "no he tenido fiebre y el peso lo tengo igual", {"FEVER", "WEIGHT_LOSS"}),
    ],
)
def test_a_loose_denial_takes_the_questions_other_sign_the_line_denies(matchers: dict[str, nlu.Nlu], locale: str, line: str, signs: set[str]) -> None:
    found = matchers[locale].match(line)
    assert found.intent == "DenySymptomIntent" and symptom_ids(found) == signs, found


@pytest.mark.parametrize(
    "line",
    ["i haven't fallen or tripped or anything like that", "i'm steady on my feet haven't fallen or nothing"],
)
def test_a_loose_denial_never_takes_another_questions_sign(matchers: dict[str, nlu.Nlu], line: str) -> None:
    found = matchers["en-US"].match(line)
    assert found.intent == "DenySymptomIntent" and "SIGNIFICANT_TRAUMA" not in symptom_ids(found), found


def test_a_device_is_not_taught_weight_alone_or_does_not_feel_as_signs() -> None:
    """Bare "weight" as weight loss made "i've gained weight" a report on a device, and bare "does not feel"
    as numbness made "she doesn't feel warm" one."""
    standin = alexa_standin.load(model_path("en-US"))
    for line in ("i've gained weight if anything and no temperature", "she doesn't feel warm at all"):
        read = as_the_skill_reads(standin.match(line), "en-US")
        assert read.intent != "ReportSymptomIntent", (line, read)
