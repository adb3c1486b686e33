"""Scopes and compositions of the sixth round: "without" after a negation of no
finding of its own is the condition of an ability lost, not a negation; each
clause of a joined line keeps its own polarity; caregivers' words in English
("his", "her"); soiling composed with a garment or bed; a change said to come
slowly is improvement after an opening no; the stand-in hears dates by their
shape, as Alexa's AMAZON.DATE does."""

from __future__ import annotations

import pytest

from skill.core.lexicon import Polarity
from skill.core.rules import Symptom
from skill.tools import alexa_standin
from skill.tools.alexa.device import load_matcher
from skill.tools.paths import model_path
from tests.support import lexicon_mentions

A = Polarity.AFFIRMED
N = Polarity.NEGATED
S = Symptom


@pytest.mark.parametrize(
    ("locale", "line", "expected"),
    [
        # a negation of no finding of its own: "without" is the ability's condition
        ("es-US", "no me puedo mantener parado sin agarrarme de la pared", {(S.BALANCE_COORDINATION, A)}),
        ("es-US", "no camino sin agarrarme de los muebles", {(S.BALANCE_COORDINATION, A)}),
        ("en-US", "i can't walk without holding onto something", {(S.BALANCE_COORDINATION, A)}),
        # a finding negative in form before it: the same
        ("en-US", "i can't stand without holding onto the wall", {(S.CANNOT_SIT_OR_STAND, A), (S.BALANCE_COORDINATION, A)}),
        # no negation before it: "without" negates
        ("en-US", "i can walk without holding on to the wall", {(S.BALANCE_COORDINATION, N)}),
        ("es-US", "camino sin agarrarme de la pared", {(S.BALANCE_COORDINATION, N)}),
        ("es-US", "puedo caminar sin agarrarme de nada", {(S.BALANCE_COORDINATION, N)}),
        # the negation before it negated a finding of its own: "without" negates the next one too
        ("es-US", "no tengo fiebre sin problemas para orinar", {(S.FEVER, N), (S.URINATION_DIFFICULTY, N)}),
        ("en-US", "without a fever", {(S.FEVER, N)}),
    ],
)
def test_without_after_a_bare_negation_is_a_condition(locale, line, expected):
    assert lexicon_mentions(line, locale) == expected


@pytest.mark.parametrize(
    ("locale", "line", "intent", "signs"),
    [
        # a "never" in another clause is not this clause's negation
        ("es-US", "mi esposo se hizo del baño en la cama y él nunca había tenido ese problema", "ReportSymptomIntent", {"BLADDER_BOWEL_CONTROL"}),
        ("en-US", "i wet the bed and i never had that before", "ReportSymptomIntent", {"BLADDER_BOWEL_CONTROL"}),
        # a denial of another sign does not take the report with it
        ("es-US", "se hizo del baño y no tiene fiebre", "ReportSymptomIntent", {"BLADDER_BOWEL_CONTROL"}),
        # one sign, a fragment and its denial: the denial
        ("en-US", "my left side and my right side feel normal", "DenySymptomIntent", {"ONE_SIDED_NUMBNESS"}),
        ("en-US", "my left side feels numb and my right side feels normal", "ReportSymptomIntent", {"ONE_SIDED_NUMBNESS"}),
        ("es-US", "no tengo fiebre y tampoco me he caido", "DenySymptomIntent", {"FEVER", "SIGNIFICANT_TRAUMA"}),
    ],
)
def test_each_clause_keeps_its_polarity(locale, line, intent, signs):
    found = load_matcher(locale).match(line)
    assert found.intent == intent
    assert {fill.value_id for fill in found.slots.values() if fill and fill.value_id} == signs


@pytest.mark.parametrize(
    ("line", "sign"),
    [
        ("he can not hold his water", S.BLADDER_BOWEL_CONTROL),
        ("he lost his balance", S.BALANCE_COORDINATION),
        ("she can't control her bowels", S.BLADDER_BOWEL_CONTROL),
        ("my husband keeps losing his balance", S.BALANCE_COORDINATION),
    ],
)
def test_a_caregivers_words_read_as_the_patients(line, sign):
    assert lexicon_mentions(line, "en-US") == {(sign, A)}


@pytest.mark.parametrize(
    ("locale", "line", "expected"),
    [
        ("en-US", "well um he messed his britches yesterday", {(S.BLADDER_BOWEL_CONTROL, A)}),
        ("en-US", "my husband had an accident in his drawers", {(S.BLADDER_BOWEL_CONTROL, A)}),
        ("en-US", "i pooped in my pants without knowing", {(S.BLADDER_BOWEL_CONTROL, A)}),
        ("es-US", "se ensució los calzones", {(S.BLADDER_BOWEL_CONTROL, A)}),
        # soiling of nothing one wears or sleeps in, an accident on the way out of bed: no incontinence
        ("en-US", "i messed up my back", set()),
        ("en-US", "i had an accident getting out of bed", {(S.SIGNIFICANT_TRAUMA, A)}),
        ("en-US", "i went to the toilet fine", {(S.BLADDER_BOWEL_CONTROL, N), (S.URINATION_DIFFICULTY, N)}),
    ],
)
def test_soiling_is_incontinence_with_a_garment_or_bed(locale, line, expected):
    assert lexicon_mentions(line, locale) == expected


@pytest.mark.parametrize(
    ("line", "polarity"),
    [
        ("no se me está quitando poco a poco", N),  # no, it is going away little by little
        ("ya se me está quitando poquito a poco", N),
        ("no se me está quitando", Polarity.HEDGED),  # it is not going away: a report, to be safe
        ("no se le está quitando para nada", Polarity.HEDGED),
    ],
)
def test_a_change_said_to_come_slowly_is_improvement(line, polarity):
    assert lexicon_mentions(line, "es-US") == {(S.NOT_IMPROVING, polarity)}


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        ("en-US", "since last tuesday"),
        ("en-US", "it started yesterday morning"),
        ("es-US", "desde el martes pasado"),
        ("es-US", "le empezó anteayer en la noche"),
    ],
)
def test_the_stand_in_hears_a_date_by_its_shape(locale, line):
    found = alexa_standin.load(model_path(locale)).match(line)
    assert found.intent == "DurationIntent"
    assert found.slots["startDate"] is not None and found.slots["startDate"].spoken[:4].isdigit()


@pytest.mark.parametrize(
    ("line", "intent"),
    [("my bowels let go this morning", "ReportSymptomIntent"), ("i need an ambulance right now", "CallForHelpIntent")],
)
def test_a_date_word_in_another_request_stays_its_words(line, intent):
    assert alexa_standin.load(model_path("en-US")).match(line).intent == intent


@pytest.mark.parametrize(
    ("locale", "line", "intent"),
    [
        ("es-US", "ya van como nueve días", "DurationIntent"),
        ("es-US", "apenas desde anoche", "DurationIntent"),
        ("en-US", "um maybe four or five days", "DurationIntent"),
        ("en-US", "it's been almost two weeks", "DurationIntent"),
        # a sign said with it is the sign; a timer's minutes, an age and a question are no duration
        ("es-US", "me caí hace dos semanas", "ReportSymptomIntent"),
        ("en-US", "it's been two weeks and it's no better", "ReportSymptomIntent"),
        ("en-US", "set a timer for twenty minutes", "AMAZON.FallbackIntent"),
        ("en-US", "he is ninety years old", "AMAZON.FallbackIntent"),
        ("en-US", "what's the weather today", "AMAZON.FallbackIntent"),
        # a day is an onset only with a word that says so
        ("es-US", "le empezó anteayer en la noche", "DurationIntent"),
        ("es-US", "como tres semanas más o menos", "DurationIntent"),
        ("es-US", "va a llover hoy en miami", "AMAZON.FallbackIntent"),
    ],
)
def test_a_duration_among_other_words_answers_how_long(locale, line, intent):
    assert load_matcher(locale).match(line).intent == intent


@pytest.mark.parametrize(
    ("locale", "line", "expected"),
    [
        ("en-US", "thermometer said a hundred and one this morning", {(S.FEVER, A)}),
        ("en-US", "her temperature is a hundred and two", {(S.FEVER, A)}),
        ("es-US", "el termómetro marcó treinta y ocho y medio", {(S.FEVER, A)}),
        ("es-US", "tiene ciento dos de fiebre", {(S.FEVER, A)}),
        # a number with no thermometer or temperature is no fever
        ("en-US", "i have a hundred and one reasons to worry", set()),
        ("en-US", "she weighs a hundred and two pounds", set()),
        ("es-US", "tiene treinta y ocho años", set()),
    ],
)
def test_a_temperature_reading_is_a_fever(locale, line, expected):
    assert lexicon_mentions(line, locale) == expected


@pytest.mark.parametrize("locale", ["en-US", "es-US"])
def test_no_synonym_of_a_sign_reads_as_its_denial(locale):
    # The Lambda reads a slot's words with the lexicon: a report said in the model's own words
    # ("I can't get my stream going", "no me da tiempo de llegar al baño") must never read as a denial.
    # What an ability kept says ("walk without stumbling", for "I can {symptom}") is not a report.
    import json

    model = json.loads(model_path(locale).read_text(encoding="utf-8"))
    types = model["interactionModel"]["languageModel"]["types"]
    values = next(t["values"] for t in types if t["name"] == "SymptomType")
    denied = []
    for value in values:
        for words in [value["name"]["value"], *value["name"].get("synonyms", [])]:
            if " without " in f" {words} " or " sin " in f" {words} ":
                continue
            mentions = lexicon_mentions(words, locale)
            if mentions and all(polarity is N for _, polarity in mentions):
                denied.append((value["id"], words))
    assert denied == []


@pytest.mark.parametrize(
    ("locale", "line", "intent"),
    [
        ("es-US", "eso mismo", "AMAZON.YesIntent"),
        ("es-US", "dale sí", "AMAZON.YesIntent"),
        ("es-US", "gracias a dios no", "AMAZON.NoIntent"),
        ("es-US", "nel", "AMAZON.NoIntent"),
        ("en-US", "what can you do", "AMAZON.HelpIntent"),
        ("es-US", "qué puedes hacer", "AMAZON.HelpIntent"),
        ("es-US", "ya cállate", "AMAZON.StopIntent"),
    ],
)
def test_everyday_answers_and_requests_reach_the_device_too(locale, line, intent):
    # The matcher and the stand-in, trained only on the interaction model, hear them alike.
    assert load_matcher(locale).match(line).intent == intent
    assert alexa_standin.load(model_path(locale)).match(line).intent == intent


def test_ya_no_never_ends_the_check():
    # "ya no" answers "still as bad?" (no longer): never a stop, on either recogniser.
    assert load_matcher("es-US").match("ya no").intent == "AMAZON.NoIntent"
    assert alexa_standin.load(model_path("es-US")).match("ya no").intent != "AMAZON.StopIntent"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # "nada" right before a finding said as an adjective negates it ("nothing numb")...
        ("nada dormido", {(S.LIMB_NUMBNESS, N)}),
        ("nada entumida la pierna", {(S.LIMB_NUMBNESS, N)}),
        # ... while "nada más" is "only", and a strength said to be there denies weakness
        ("nada más se me duerme la pierna", {(S.LIMB_NUMBNESS, A)}),
        ("fuerza sí tengo en las dos piernas", {(S.MUSCLE_WEAKNESS, N)}),
    ],
)
def test_nada_before_a_finding_said_as_an_adjective(line, expected):
    assert lexicon_mentions(line, "es-US") == expected
