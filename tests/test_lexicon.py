"""Signs by their parts: the lexicon's compositions (every finding with every
kind of site and side), and ConText polarity (triggers with direction and
scope, terminators, pseudo-triggers, hedges) in both locales."""

from __future__ import annotations

import itertools

import pytest

from skill.core import lexicon
from skill.core.lexicon import Polarity, compose
from skill.core.lexicon import slots as slot_words
from skill.core.rules import Symptom
from tests.support import lexicon_mentions as mentions

SITES = ("LIMB", "SADDLE", "BLADDER", "TOILET", "VOIDING")
SENSORY = {
    # (sites, one side) -> sign
    "one side": Symptom.ONE_SIDED_NUMBNESS,
    "bladder only": Symptom.BLADDER_BOWEL_CONTROL,
    "otherwise": Symptom.LIMB_NUMBNESS,
}


@pytest.mark.parametrize("finding", ["NUMB", "TINGLING"])
@pytest.mark.parametrize("one_side", [False, True])
@pytest.mark.parametrize("size", [0, 1, 2, 3])
def test_loss_of_feeling_composes_by_site_and_side(finding, one_side, size):
    for sites in itertools.combinations(SITES, size):
        got = compose(finding, frozenset(sites), one_side)
        if one_side:
            assert got is Symptom.ONE_SIDED_NUMBNESS
        elif {"BLADDER", "TOILET", "VOIDING"} & set(sites) and "LIMB" not in sites:
            assert got is Symptom.BLADDER_BOWEL_CONTROL
        else:
            assert got is Symptom.LIMB_NUMBNESS


@pytest.mark.parametrize(
    ("finding", "sign"),
    [
        ("WEAK", Symptom.MUSCLE_WEAKNESS), ("GIVING_WAY", Symptom.MUSCLE_WEAKNESS),
        ("INCONTINENCE", Symptom.BLADDER_BOWEL_CONTROL), ("UNSTEADY", Symptom.BALANCE_COORDINATION),
        ("CLUMSY", Symptom.BALANCE_COORDINATION), ("RETENTION", Symptom.URINATION_DIFFICULTY),
        ("CANT_SIT_STAND", Symptom.CANNOT_SIT_OR_STAND), ("FEVER", Symptom.FEVER),
        ("WEIGHT_LOSS", Symptom.WEIGHT_LOSS), ("NO_IMPROVEMENT", Symptom.NOT_IMPROVING),
        ("EVENT:FALL", Symptom.SIGNIFICANT_TRAUMA), ("EVENT:CRASH", Symptom.SIGNIFICANT_TRAUMA),
        ("EVENT:BLOW", Symptom.SIGNIFICANT_TRAUMA), ("EVENT:TACKLE", Symptom.SIGNIFICANT_TRAUMA),
    ],
)  # fmt: skip
def test_findings_that_mean_one_sign_anywhere(finding, sign):
    for size in range(4):
        for sites in itertools.combinations(SITES, size):
            for one_side in (False, True):
                assert compose(finding, frozenset(sites), one_side) is sign


def test_loss_of_control_needs_a_site():
    assert compose("CONTROL_LOSS", frozenset({"BLADDER"}), False) is Symptom.BLADDER_BOWEL_CONTROL
    assert compose("CONTROL_LOSS", frozenset({"LIMB"}), False) is Symptom.MUSCLE_WEAKNESS
    assert compose("CONTROL_LOSS", frozenset(), False) is None


def test_every_sign_is_composed_from_some_part():
    findings = ["NUMB", "TINGLING", "CONTROL_LOSS", "EVENT:FALL", *lexicon.composition.PLAIN]
    made = {compose(f, frozenset(s), side) for f in findings for s in ({"LIMB"}, {"BLADDER"}) for side in (False, True)}
    assert set(Symptom) <= made


@pytest.mark.parametrize("locale", ["en-US", "es-US"])
def test_every_locale_names_every_part(locale):
    parts = lexicon.for_locale(locale)
    labels = {label for _, label in parts.targets}
    assert {"NUMB", "TINGLING", "WEAK", "GIVING_WAY", "INCONTINENCE", "UNSTEADY", "CLUMSY", "RETENTION",
            "FEVER", "WEIGHT_LOSS", "NO_IMPROVEMENT", "LOOSE"} <= labels  # fmt: skip
    assert {"EVENT:FALL", "EVENT:CRASH", "EVENT:BLOW", "EVENT:TACKLE"} <= labels
    sites = {"LIMB", "SADDLE", "BLADDER", "TOILET", "VOIDING", "CLOTHES", "WEIGHT", "BALANCE", "STRENGTH", "FEELING", "REPEATED"}
    assert {label for _, label in parts.sites} == sites | {"SIDE"}


A, N, H = Polarity.AFFIRMED, Polarity.NEGATED, Polarity.HEDGED
S = Symptom


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # negative in form, a finding all the same
        ("I can't feel my heels", {(S.LIMB_NUMBNESS, A)}),
        ("there's no change after ten days of rest", {(S.NOT_IMPROVING, A)}),
        ("nothing's changed", {(S.NOT_IMPROVING, A)}),
        ("my legs won't hold me up", {(S.MUSCLE_WEAKNESS, A)}),
        ("I have no control over my bladder", {(S.BLADDER_BOWEL_CONTROL, A)}),
        ("I try to pee and nothing comes out", {(S.URINATION_DIFFICULTY, A)}),
        # about another person
        ("my husband can't feel his legs", {(S.LIMB_NUMBNESS, A)}),
        ("she wet herself", {(S.BLADDER_BOWEL_CONTROL, A)}),
        # forward and backward triggers
        ("my feet are not numb", {(S.LIMB_NUMBNESS, N)}),
        ("nothing is numb", {(S.LIMB_NUMBNESS, N)}),
        ("my balance is fine", {(S.BALANCE_COORDINATION, N)}),
        ("my temperature is normal", {(S.FEVER, N)}),
        ("I don't feel any weakness", {(S.MUSCLE_WEAKNESS, N)}),
        ("there's nothing wrong with my bowels", {(S.BLADDER_BOWEL_CONTROL, N)}),
        ("both my legs feel the same", {(S.ONE_SIDED_NUMBNESS, N)}),
        ("I can't say I've had a temperature", {(S.FEVER, N)}),
        # terminators end a trigger's scope
        ("no fever but my legs are weak", {(S.FEVER, N), (S.MUSCLE_WEAKNESS, A)}),
        ("no numbness except my left foot is tingling", {(S.LIMB_NUMBNESS, N), (S.ONE_SIDED_NUMBNESS, A)}),
        # pseudo-triggers are no negation
        ("I wasn't trying to lose weight but I dropped twenty pounds", {(S.WEIGHT_LOSS, A)}),
        ("not only numb but weak", {(S.LIMB_NUMBNESS, A), (S.MUSCLE_WEAKNESS, A)}),
        # hedges keep a report a report
        ("I think I have a fever", {(S.FEVER, H)}),
        ("I'm not sure, maybe my legs are kind of weak", {(S.MUSCLE_WEAKNESS, H)}),
        # an organ said to be fine is a denial; the bathroom is not an organ
        ("i can't get off the bed", set()),
        ("i'm not able to control my bladder", {(S.BLADDER_BOWEL_CONTROL, A)}),
        ("i can't hold my pee at all anymore", {(S.BLADDER_BOWEL_CONTROL, A)}),
        ("my bladder is working fine", {(S.BLADDER_BOWEL_CONTROL, N)}),
        ("i pooped in my pants without knowing", {(S.BLADDER_BOWEL_CONTROL, A)}),  # soiling x a garment
        # everyday phrases that hold a finding's words
        ("i fell asleep on the couch watching tv", set()),
        ("my dog has a fever", set()),
        # the window: a negation far before a finding does not reach it
        ("no I was not at work on that day when all of a sudden my legs went numb", {(S.LIMB_NUMBNESS, A)}),
    ],
)
def test_context_in_english(line, expected):
    assert mentions(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("no siento los pies", {(S.LIMB_NUMBNESS, A)}),
        ("mi esposo no puede sentir las piernas", {(S.LIMB_NUMBNESS, A)}),
        ("sigue igual, no ha cambiado nada", {(S.NOT_IMPROVING, A)}),
        ("se me duerme la pierna izquierda", {(S.ONE_SIDED_NUMBNESS, A)}),
        ("no tengo fiebre", {(S.FEVER, N)}),
        ("no siento debilidad", {(S.MUSCLE_WEAKNESS, N)}),
        ("no puedo decir que he tenido fiebre", {(S.FEVER, N)}),
        ("nada de fiebre pero tengo las piernas débiles", {(S.FEVER, N), (S.MUSCLE_WEAKNESS, A)}),
        ("bajé diez kilos sin hacer dieta", {(S.WEIGHT_LOSS, A)}),
        ("creo que tengo fiebre", {(S.FEVER, H)}),
        ("no puedo pararme bien", {(S.CANNOT_SIT_OR_STAND, A)}),  # "bien" is how, not a denial
        ("la fiebre ya se quitó", {(S.FEVER, N)}),
    ],
)
def test_context_in_spanish(line, expected):
    assert mentions(line, "es-US") == expected


def test_resolution_puts_the_most_urgent_sign_first():
    assert slot_words.resolve_spoken("I fell and now my legs are weak") is S.MUSCLE_WEAKNESS
    assert slot_words.resolve_spoken("my legs are not weak") is None
    assert slot_words.negative_in_form("can't feel my feet") == [S.LIMB_NUMBNESS]
    assert slot_words.negative_in_form("numb feet") == []


def test_an_unknown_locale_reads_with_the_default_lexicon():
    assert slot_words.resolve_spoken("my feet are numb", "fr-FR") is S.LIMB_NUMBNESS
