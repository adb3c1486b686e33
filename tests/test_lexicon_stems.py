"""The lexicon matches words by their Snowball stems, so inflections it was
never given still read ("tingles", "tingled" as "tingling"; "dormidas" as
"dormido"); a clitic-led finding ("se me sale") is negated only by a "no"
right before it; an intensifier that looks like a backward negation ("bien
feo") is a pseudo-trigger; and a no with an aside is the answer it opens."""

from __future__ import annotations

import pytest

from skill.core import lexicon
from skill.core.lexicon import Polarity, read
from skill.core.rules import Symptom
from skill.tools.alexa.device import load_matcher
from tests.support import lexicon_mentions as mentions

A, N = Polarity.AFFIRMED, Polarity.NEGATED
S = Symptom


@pytest.mark.parametrize(
    ("locale", "line", "sign"),
    [
        ("en-US", "my feet tingled all night", S.LIMB_NUMBNESS),
        ("en-US", "both my feet keep tingling", S.LIMB_NUMBNESS),
        ("es-US", "tengo las piernas dormidas", S.LIMB_NUMBNESS),
        ("es-US", "tengo los pies entumidos", S.LIMB_NUMBNESS),
    ],
)
def test_inflections_read_through_their_stems(locale, line, sign):
    assert sign in read(line, locale).reported


@pytest.mark.parametrize(("locale", "inflected", "plain"), [("en-US", "tingling", "tingles"), ("es-US", "dormidas", "dormido")])
def test_every_locale_stems_with_its_own_language(locale, inflected, plain):
    stem = lexicon.for_locale(locale).stem
    assert stem(inflected) == stem(plain) != inflected


def test_short_stems_compare_the_whole_word():
    # Snowball cuts "pesado" (heavy) and "peso" (weight) to one short stem; a
    # stem under MIN_STEM_CHARS is not trusted, so heavy legs are not weight loss.
    assert S.WEIGHT_LOSS not in read("tengo las piernas pesadas", "es-US").reported


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # the "no" belongs to "alcanzo"; the clitic-led finding is still reported
        ("ya no alcanzo a llegar se me sale", {(S.BLADDER_BOWEL_CONTROL, A)}),
        # right before it, the "no" negates it
        ("no se me sale la orina", {(S.BLADDER_BOWEL_CONTROL, N)}),
    ],
)
def test_a_clitic_led_finding_is_negated_only_right_before_it(line, expected):
    assert mentions(line, "es-US") == expected


def test_an_intensifier_is_not_a_backward_negation():
    # "bien" after a finding can deny it ("las siento bien"); "bien dormidas"
    # is "very numb", a pseudo-trigger.
    assert (S.LIMB_NUMBNESS, A) in mentions("tengo las piernas bien dormidas", "es-US")


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        ("en-US", "no just the back"),
        ("en-US", "nope just sore"),
        ("en-US", "nah my back is the only thing"),
        ("es-US", "no nomás la espalda"),
        ("es-US", "no ella está como siempre"),
        ("es-US", "no gracias todo tranquilo"),
    ],
)
def test_a_no_with_an_aside_is_the_answer(locale, line):
    assert load_matcher(locale).match(line).intent == "AMAZON.NoIntent"


@pytest.mark.parametrize(
    ("locale", "line", "sign"),
    [
        # a "no" that negates the verb after it reports a loss
        ("es-US", "no me siento los pies", S.LIMB_NUMBNESS),
        ("es-US", "no puedo aguantar la orina", S.BLADDER_BOWEL_CONTROL),
        # an emergency the line reports is never dropped for the opening "no"
        ("en-US", "no i can't feel my legs", S.LIMB_NUMBNESS),
        # a "no" before a subject is an interjection, not the verb's negation
        ("en-US", "no she wet herself", S.BLADDER_BOWEL_CONTROL),
        ("es-US", "no ella se orinó", S.BLADDER_BOWEL_CONTROL),
    ],
)
def test_a_no_that_opens_a_report_keeps_the_report(locale, line, sign):
    match = load_matcher(locale).match(line)
    assert match.intent == "ReportSymptomIntent"
    assert sign.name in {fill.value_id for fill in match.slots.values() if fill}


@pytest.mark.parametrize(
    ("line", "sign"),
    [
        # a clitic between a finding's words does not hide it
        ("no me siento los pies cuando piso", S.LIMB_NUMBNESS),
        ("no se me quita el dolor ni con reposo", S.NOT_IMPROVING),
        # a finding said of another person: its verb in the third person
        ("mi papá no tiene equilibrio", S.BALANCE_COORDINATION),
        ("mi mamá no puede controlar la orina", S.BLADDER_BOWEL_CONTROL),
        ("se le doblan las piernas", S.MUSCLE_WEAKNESS),
    ],
)
def test_clitics_and_other_persons_keep_a_finding(line, sign):
    assert sign in read(line, "es-US").reported


def test_a_stem_shared_by_two_verbs_is_not_trusted():
    # "sentar" (to sit) and "sentir" (to feel) share the stem "sent"
    reading = read("él no se puede sentar en la cama", "es-US")
    assert S.LIMB_NUMBNESS not in reading.reported and S.BLADDER_BOWEL_CONTROL not in reading.reported
    assert S.CANNOT_SIT_OR_STAND in reading.reported
    assert S.LIMB_NUMBNESS in read("no puede sentir las piernas", "es-US").reported


def test_a_no_before_a_clitic_negates_the_verb_not_the_question():
    # "no, los dos igual" answers; "no se puede sentar" reports
    assert (S.ONE_SIDED_NUMBNESS, N) in mentions("no los dos igual", "es-US")
    assert S.CANNOT_SIT_OR_STAND in read("no se puede sentar", "es-US").reported


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        ("en-US", "well i haven't checked so i don't know"),
        ("en-US", "um maybe i'm not certain"),
        ("en-US", "could be i really can't tell"),
        ("es-US", "puede ser no estoy segura"),
        ("es-US", "pues la verdad no me acuerdo bien"),
    ],
)
def test_ways_of_not_knowing_with_words_around_them_are_not_sure(locale, line):
    assert load_matcher(locale).match(line).intent == "NotSureIntent"


@pytest.mark.parametrize(
    ("locale", "line", "intent"),
    [
        ("en-US", "oh lord yes", "AMAZON.YesIntent"),
        ("en-US", "sorry to say but yes", "AMAZON.YesIntent"),
        ("es-US", "ay dios mío sí", "AMAZON.YesIntent"),
        ("es-US", "sí cómo no", "AMAZON.YesIntent"),
        ("es-US", "ni de chiste", "AMAZON.NoIntent"),
        # a sign among the words is never an interjection's
        ("en-US", "oh lord i can't feel my legs", "ReportSymptomIntent"),
    ],
)
def test_interjections_around_a_yes_or_a_no(locale, line, intent):
    assert load_matcher(locale).match(line).intent == intent


def test_a_way_of_not_knowing_never_hides_a_sign():
    match = load_matcher("es-US").match("no sé pero no siento las piernas")
    assert match.intent == "ReportSymptomIntent"


@pytest.mark.parametrize(
    ("locale", "line", "expected"),
    [
        # accidents, plural, are the bladder's; one accident is a crash
        ("en-US", "mama has had two accidents in the bed", {(S.BLADDER_BOWEL_CONTROL, A)}),
        ("en-US", "i was in a car accident", {(S.SIGNIFICANT_TRAUMA, A)}),
        ("es-US", "ha tenido accidentes en la cama", {(S.BLADDER_BOWEL_CONTROL, A)}),
        # a sample fitted only closely is not the model's own words: the lexicon's reading of "no, it's improving" wins
        ("es-US", "no va mejorando", {(S.NOT_IMPROVING, N)}),
    ],
)
def test_words_that_look_alike(locale, line, expected):
    assert mentions(line, locale) == expected


def test_a_closely_fitted_sample_yields_to_the_lexicon():
    assert load_matcher("es-US").match("no va mejorando").intent in ("DenySymptomIntent", "AMAZON.NoIntent")


@pytest.mark.parametrize(
    ("line", "sign"),
    [
        # US Spanish mixes in English: the English lexicon reads what the Spanish one does not name
        ("I lost weight como veinte libras and then the spasms started", S.WEIGHT_LOSS),
        ("my legs are numb desde ayer", S.LIMB_NUMBNESS),
    ],
)
def test_a_spanish_line_with_english_in_it_is_read_in_both(line, sign):
    assert sign in read(line, "es-US").reported


@pytest.mark.parametrize(
    ("line", "intent"),
    [("call nine one one porfa necesito ayuda", "CallForHelpIntent"), ("how long do these last más o menos", "HowLongIntent")],
)
def test_the_spanish_matcher_tries_the_english_model_for_what_it_cannot_place(line, intent):
    assert load_matcher("es-US").match(line).intent == intent


def test_an_english_line_is_not_read_with_the_spanish_lexicon():
    assert read("no siento las piernas", "en-US").mentions == ()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # a new subject begins a new clause: the negation before it stops there
        ("my mom can't get upright she's stuck hunched over", {(S.CANNOT_SIT_OR_STAND, A)}),
        ("my pants don't fit anymore i'm down two sizes", {(S.WEIGHT_LOSS, A)}),
        # ... unless the negation is of saying or thinking, which reaches past it
        ("can't say he's been wobbly", {(S.BALANCE_COORDINATION, N)}),
        ("i don't think she's feverish", {(S.FEVER, N)}),
    ],
)
def test_a_new_subject_ends_a_negation_scope(line, expected):
    assert mentions(line) == expected


@pytest.mark.parametrize(
    ("line", "sign"),
    [
        ("quiero hacer pipí y no arranca tengo que pujar", S.URINATION_DIFFICULTY),
        ("he descansado más de una semana y ni tantito mejor", S.NOT_IMPROVING),
    ],
)
def test_spanish_findings_negative_in_form(line, sign):
    assert sign in read(line, "es-US").reported


def test_the_english_model_is_tried_for_requests_only():
    # a Spanish answer the English model would misread is never taken from it
    from skill.tools.nlu import matcher

    assert matcher.contract.NO not in matcher._MIXED_IN_REQUESTS
    assert matcher.contract.DENY_SYMPTOM not in matcher._MIXED_IN_REQUESTS
    assert matcher.contract.CALL_FOR_HELP in matcher._MIXED_IN_REQUESTS


@pytest.mark.parametrize(
    "line",
    [
        # fitted to the denial sample "not {symptom}" with an ability synonym: an ability lost is a report
        "she can't walk a straight line she's bouncing off the walls",
        "not walk straight",
        # a negation of a finding does not reach across into another clause's finding
        "he can't pick his right foot up it kinda drags along the floor",
    ],
)
def test_an_ability_said_lost_is_a_report(line):
    assert load_matcher("en-US").match(line).intent == "ReportSymptomIntent"


def test_an_ability_kept_is_still_a_denial():
    assert load_matcher("en-US").match("i can walk a straight line").intent == "DenySymptomIntent"
