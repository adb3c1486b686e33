"""Compositions and scopes added after the ninth fresh split was studied: an
inability said as a refusal ("my stream won't get going"), what won't flow
composed with urine, wetting said in any tense, a test's result said after
it ("it was normal"), "nada de que" as a negation, and "can hardly" as
"can not"."""

from __future__ import annotations

import itertools

import pytest

from skill.core.lexicon import Polarity, compose, for_locale, forms
from skill.core.rules import Symptom
from tests.support import lexicon_mentions as mentions

A, N = Polarity.AFFIRMED, Polarity.NEGATED
S = Symptom
SITES = ("LIMB", "SADDLE", "BLADDER", "TOILET", "VOIDING", "CLOTHES")


@pytest.mark.parametrize("one_side", [False, True])
def test_what_wont_flow_is_trouble_starting_only_of_urine(one_side):
    for size in range(4):
        for sites in itertools.combinations(SITES, size):
            expected = S.URINATION_DIFFICULTY if "VOIDING" in sites else None
            assert compose("NOT_FLOWING", frozenset(sites), one_side) is expected


@pytest.mark.parametrize(
    ("locale", "line", "expected"),
    [
        # the refusal of a thing or a limb is an inability: a finding negative in form, whose "won't" negates nothing else
        ("en-US", "my stream won't get going it takes forever to pee", {(S.URINATION_DIFFICULTY, A)}),
        ("en-US", "she won't stay upright", {(S.CANNOT_SIT_OR_STAND, A)}),
        ("en-US", "his legs wouldn't hold him up", {(S.MUSCLE_WEAKNESS, A)}),
        ("es-US", "no quiere pararse", {(S.CANNOT_SIT_OR_STAND, A)}),
        # said with urine, what won't come out is trouble starting; said of anything else it is no sign
        ("es-US", "las ganas las tengo pero la orina no quiere salir", {(S.URINATION_DIFFICULTY, A)}),
        ("es-US", "el agua no me baja tengo que hacer fuerza", {(S.URINATION_DIFFICULTY, A)}),
        ("en-US", "takes me about five minutes of pushing before i can tinkle", {(S.URINATION_DIFFICULTY, A)}),
        ("es-US", "no me baja la fiebre", {(S.FEVER, A)}),
        ("es-US", "no quiere salir de la casa", set()),
        ("en-US", "i keep pushing through the pain", set()),
        # "no se me sale" denies a leak: never read as urine that won't come
        ("es-US", "no se me sale la orina", {(S.BLADDER_BOWEL_CONTROL, N)}),
        # wetting, in any tense, with the bed or a garment
        ("es-US", "ando mojando los calzones sin darme cuenta", {(S.BLADDER_BOWEL_CONTROL, A)}),
        # a test's result said after it, in a clause of its own, denies what was tested
        ("en-US", "i took my temperature and it was normal", {(S.FEVER, N)}),
        ("en-US", "i checked and my temp's normal", {(S.FEVER, N)}),
        # "nada de que" negates the clitic-led finding right after it
        ("es-US", "nada de que se me duerma un lado no", {(S.ONE_SIDED_NUMBNESS, N)}),
        # "can hardly" and "can't hardly" are inabilities
        ("en-US", "my left leg's gone all feeble can't hardly climb a single step", {(S.MUSCLE_WEAKNESS, A)}),
        ("en-US", "i can hardly feel my feet", {(S.LIMB_NUMBNESS, A)}),
    ],
)
def test_refusals_flows_and_results(locale, line, expected):
    assert mentions(line, locale) == expected


def test_a_refusal_is_made_of_each_inability_in_the_phrase():
    moods = {("can", "not"): [("will", "not"), ("would", "not")]}
    assert forms.in_every_mood(("can", "not", "get", "going"), moods) == [
        ("can", "not", "get", "going"), ("will", "not", "get", "going"), ("would", "not", "get", "going")]  # fmt: skip
    assert forms.in_every_mood(("trouble", "peeing"), moods) == [("trouble", "peeing")]


@pytest.mark.parametrize("locale", ["en-US", "es-US"])
def test_refusals_are_of_findings_only(locale):
    lexicon = for_locale(locale)
    lead = {"en-US": "will not", "es-US": "no quiere"}[locale]
    labels = {label for phrase, label in lexicon.targets if " ".join(phrase).startswith(lead + " ")}
    assert labels and not {label for label in labels if label.startswith(("NORMAL:", "EVENT:"))}
