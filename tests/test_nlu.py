"""skill.tools.nlu: typed lines to intents and slots, from the en-US interaction model.

Round trips every sample and synonym of the model, so a sample the matcher
cannot place (or places in the wrong intent) fails here, before `back-spasm
chat` or a device gets it wrong.
"""

from __future__ import annotations

import re

import pytest

from skill.core.rules import QUESTIONS, Level
from skill.tools import model, nlu
from skill.tools.alexa.device import describe
from skill.tools.alexa.envelopes import SlotFill, intent_request
from skill.tools.nlu import FALLBACK_INTENT, normalize, parse_duration
from skill.tools.paths import model_path
from tests.support import is_emergency_advice, is_see_doctor_advice

MODEL_PATH = model_path("en-US")
MODEL = model.load(MODEL_PATH)
SYMPTOM_TYPE = MODEL.slot_type("SymptomType")
assert SYMPTOM_TYPE is not None
SYMPTOM_VALUES = SYMPTOM_TYPE.values
SLOT_REF = re.compile(r"\{(\w+)\}")

REPORT = "ReportSymptomIntent"


@pytest.fixture(scope="module")
def matcher() -> nlu.Nlu:
    return nlu.load(MODEL_PATH)


@pytest.fixture
def locale() -> str:
    """The matcher is the English model's: the dialogs through it are in English."""
    return "en-US"


def samples(*, with_slots: bool):
    return [
        pytest.param(intent.name, sample, id=f"{intent.name}:{sample}")
        for intent in MODEL.intents
        for sample in intent.samples
        if bool(SLOT_REF.search(sample)) == with_slots
    ]


def symptom_ids(match) -> list[str | None]:
    return [fill.value_id if fill else None for fill in (match.slots.get("symptom"), match.slots.get("otherSymptom"))]


# ---- the model's own samples and synonyms -----------------------------------


@pytest.mark.parametrize("intent, sample", samples(with_slots=False))
def test_every_slotless_sample_matches_its_intent(matcher, intent, sample):
    match = matcher.match(sample)
    assert (match.intent, match.how) == (intent, "exact")


@pytest.mark.parametrize("intent, sample", samples(with_slots=True))
def test_every_slot_sample_matches_its_intent_with_every_value(matcher, intent, sample):
    slot_types = MODEL.intent(intent).slot_types
    used = SLOT_REF.findall(sample)
    if set(slot_types[name] for name in used) == {"AMAZON.DURATION"}:
        for spoken, iso in (("ten days", "P10D"), ("two weeks", "P2W"), ("36 hours", "PT36H")):
            match = matcher.match(sample.replace("{duration}", spoken))
            assert match.intent == intent, (sample, spoken, describe(match))
            assert match.slots["duration"].spoken == iso
        return
    if set(slot_types[name] for name in used) == {"AMAZON.DATE"}:
        for spoken in ("monday", "yesterday", "last week"):
            match = matcher.match(sample.replace("{startDate}", spoken))
            assert match.intent == intent, (sample, spoken, describe(match))
            assert re.fullmatch(r"\d{4}-(\d{2}-\d{2}|W\d{2})", match.slots["startDate"].spoken), describe(match)
        return
    assert {slot_types[name] for name in used} == {"SymptomType"}
    values = [value.name for value in SYMPTOM_VALUES]
    ids = [value.id for value in SYMPTOM_VALUES]
    for k, (spoken, value_id) in enumerate(zip(values, ids, strict=False)):
        # Pair each symptom with another one for the two-slot samples.
        other_spoken, other_id = values[k - 1], ids[k - 1]
        text = sample.replace("{symptom}", spoken).replace("{otherSymptom}", other_spoken)
        match = matcher.match(text)
        assert match.intent == intent, (text, describe(match))
        expected = [value_id, other_id if "otherSymptom" in used else None]
        assert symptom_ids(match) == expected, (text, describe(match))


@pytest.mark.parametrize(
    "value_id, phrase",
    [pytest.param(value.id, phrase, id=f"{value.id}:{phrase}") for value in SYMPTOM_VALUES for phrase in value.phrases],
)
def test_every_synonym_resolves_to_its_value_id(matcher, value_id, phrase):
    match = matcher.match(phrase)
    assert match.intent == REPORT, describe(match)
    assert symptom_ids(match)[0] == value_id, describe(match)
    fill = match.slots["symptom"]
    canonical = next(v.name for v in SYMPTOM_VALUES if v.id == value_id)
    assert (fill.slot_type, fill.resolved_name) == ("SymptomType", canonical)


def test_entity_resolution_match_and_no_match(matcher):
    fill, score = matcher.resolve("SymptomType", "a fever")
    assert (fill.value_id, fill.resolved_name, score) == ("FEVER", "fever", 100.0)
    fill, score = matcher.resolve("SymptomType", "purple spots")
    assert (fill.value_id, fill.resolved_name, fill.slot_type, score) == (None, None, "SymptomType", 0.0)
    # As the envelope Alexa sends: ER_SUCCESS_NO_MATCH for what matched no value.
    match = matcher.match("I have purple spots")
    assert match.intent == REPORT and match.how == "unresolved"
    slot = intent_request(match.intent, match.slots)["request"]["intent"]["slots"]["symptom"]
    authority = slot["resolutions"]["resolutionsPerAuthority"][0]
    assert authority["status"]["code"] == "ER_SUCCESS_NO_MATCH"
    assert authority["authority"].endswith(".SymptomType")


def test_every_declared_slot_is_sent_filled_or_empty(matcher):
    match = matcher.match("I have a fever")
    assert set(match.slots) == {"symptom", "otherSymptom"}
    assert match.slots["otherSymptom"] is None
    assert matcher.match("yes").slots == {}


# ---- tolerance ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, normal",
    [
        ("I'm having a FEVER!", "i am having a fever"),
        ("I can't feel my legs.", "i can not feel my legs"),
        ("I cannot feel my legs", "i can not feel my legs"),
        ("i cant feel my legs", "i can not feel my legs"),
        ("I can\u2019t feel my legs", "i can not feel my legs"),
        ("I don't know", "i do not know"),
        ("it's been two weeks", "it is been two weeks"),
        ("I've rested for a week", "i have rested for a week"),
        ("What's OrthoNY's number?", "what is orthony number"),
        ("Should I go to the E. R.?", "should i go to the er"),
        ("thirty-six hours", "thirty six hours"),
        ("  lots   of\tspace ", "lots of space"),
    ],
)
def test_normalize(text, normal):
    assert normalize(text) == normal


@pytest.mark.parametrize(
    "variant",
    [
        "I can't feel my legs",
        "I CAN'T FEEL MY LEGS!!!",
        "i cannot feel my legs",
        "i cant feel my legs.",
        "I can\u2019t feel my legs",
        "Alexa, I can't feel my legs",
        "um, i can't feel my legs",
    ],
)
def test_case_punctuation_contractions_and_fillers(matcher, variant):
    match = matcher.match(variant)
    assert match.intent == REPORT and symptom_ids(match) == ["LIMB_NUMBNESS", None], describe(match)


@pytest.mark.parametrize(
    "text, value_id",
    [
        ("i have a fevr", "FEVER"),  # typo in the slot value
        ("i hve a fever", "FEVER"),  # typo in the carrier phrase
        ("i was in a car accident last week", "SIGNIFICANT_TRAUMA"),  # an extra word or two
        ("I think I'm running a fever", "FEVER"),
    ],
)
def test_close_phrasings_are_matched_with_rapidfuzz(matcher, text, value_id):
    match = matcher.match(text)
    assert match.intent == REPORT and symptom_ids(match)[0] == value_id, describe(match)


@pytest.mark.parametrize(
    "text, intent",
    [
        ("whats the phone numbr", "ContactIntent"),
        ("should I see a doctor about my back?", "StartCheckIntent"),
        ("tell me what causes back spasms", "CausesIntent"),
        ("can you repeat that", "AMAZON.RepeatIntent"),
    ],
)
def test_close_phrasings_of_other_intents(matcher, text, intent):
    assert matcher.match(text).intent == intent


@pytest.mark.parametrize(
    "text, intent",
    [
        *((word, "AMAZON.YesIntent") for word in ("yes", "yeah", "yep", "yup", "sure", "ok", "okay", "Yes please")),
        *((word, "AMAZON.NoIntent") for word in ("no", "nope", "nah", "No.", "no thanks")),
        ("help", "AMAZON.HelpIntent"),
        *((word, "AMAZON.StopIntent") for word in ("stop", "quit", "exit", "Alexa, stop")),
        ("cancel", "AMAZON.CancelIntent"),
        ("never mind", "AMAZON.CancelIntent"),
        ("repeat", "AMAZON.RepeatIntent"),
        ("say that again", "AMAZON.RepeatIntent"),
        ("start over", "AMAZON.StartOverIntent"),
        ("restart", "AMAZON.StartOverIntent"),
        ("go back", "AMAZON.PreviousIntent"),
        ("previous", "AMAZON.PreviousIntent"),
        ("home", "AMAZON.NavigateHomeIntent"),
        ("I'm not sure", "NotSureIntent"),
        ("i dont know", "NotSureIntent"),
    ],
)
def test_builtin_phrasings(matcher, text, intent):
    assert matcher.match(text).intent == intent


# ---- durations ------------------------------------------------------------------


@pytest.mark.parametrize(
    "spoken, iso",
    [
        ("ten days", "P10D"),
        ("10 days", "P10D"),
        ("two weeks", "P2W"),
        ("a week", "P1W"),
        ("one week", "P1W"),
        ("36 hours", "PT36H"),
        ("thirty six hours", "PT36H"),
        ("thirty-six hours", "PT36H"),
        ("a month", "P1M"),
        ("six months", "P6M"),
        ("a year", "P1Y"),
        ("a couple of days", "P2D"),
        ("a few days", "P3D"),
        ("twenty one days", "P21D"),
        ("a hundred and twenty days", "P120D"),
        ("half an hour", "PT30M"),
        ("a week and a half", "P10DT12H"),
        ("two weeks and three days", "P17D"),
        ("a day or two", "P2D"),
        ("a fortnight", "P2W"),
    ],
)
def test_parse_duration(spoken, iso):
    assert parse_duration(spoken) == iso


@pytest.mark.parametrize("text", ["", "days", "a", "purple", "over a week", "ten", "a week of rest"])
def test_parse_duration_rejects_what_is_not_a_duration(text):
    assert parse_duration(text) is None


@pytest.mark.parametrize(
    "text, iso",
    [
        ("about ten days", "P10D"),
        ("it's been two weeks", "P2W"),
        ("thirty six hours", "PT36H"),
        ("for a month", "P1M"),
        ("I've rested for a couple of days", "P2D"),
        ("it started a week ago", "P1W"),
    ],
)
def test_duration_intent(matcher, text, iso):
    match = matcher.match(text)
    assert match.intent == "DurationIntent", describe(match)
    assert match.slots["duration"] == SlotFill(spoken=iso)


# ---- what Alexa would not understand --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "purple monkey dishwasher",
        "asdf qwer",
        "blah",
        "what is the weather",
        "play some music",
        "tell me a joke",
        "set a timer for ten minutes",
        "play some music",
        "i like turtles",
        "ye",
        "",
        "?!",
    ],
)
def test_unrelated_lines_go_to_fallback(matcher, text):
    assert matcher.match(text).intent == FALLBACK_INTENT


@pytest.mark.parametrize("text", ["I don't have a fever", "no I don't have a fever", "my dog has a fever", "I'm not clumsy"])
def test_a_denied_symptom_is_never_reported(matcher, text):
    match = matcher.match(text)
    assert match.intent != REPORT or symptom_ids(match) == [None, None], describe(match)


def test_a_yes_inside_a_longer_sentence_is_not_an_answer(matcher):
    # "yes" and "no" only match whole lines: in a sentence they may answer
    # something other than the question asked.
    for text in ("stop it hurts", "yes but only when i stand"):
        assert matcher.match(text).intent not in ("AMAZON.YesIntent", "AMAZON.NoIntent", "AMAZON.StopIntent")


# ---- two symptoms at once -------------------------------------------------------


@pytest.mark.parametrize(
    "text, ids",
    [
        ("I have a fever and I can't feel my legs", ["FEVER", "LIMB_NUMBNESS"]),
        ("fever and weight loss", ["FEVER", "WEIGHT_LOSS"]),
        ("numbness and weakness", ["LIMB_NUMBNESS", "MUSCLE_WEAKNESS"]),
        ("I have a fever and purple spots", ["FEVER", None]),
        ("pins and needles", ["LIMB_NUMBNESS", None]),  # one synonym, not two halves
    ],
)
def test_two_slot_reports(matcher, text, ids):
    match = matcher.match(text)
    assert match.intent == REPORT, describe(match)
    assert symptom_ids(match) == ids, describe(match)


def test_two_slot_report_with_one_unrecognised_symptom_says_so(matcher):
    match = matcher.match("I have a fever and purple spots")
    assert match.slots["otherSymptom"].spoken == "purple spots"
    assert match.slots["otherSymptom"].slot_type == "SymptomType"


# ---- through the real skill -----------------------------------------------------


def test_matched_emergency_phrase_through_the_lambda(matcher, dialog):
    dialog.launch()
    match = matcher.match("I wet myself")
    dialog.intent(match.intent, match.slots)
    assert is_emergency_advice(dialog)


def test_matched_two_symptoms_through_the_lambda(matcher, dialog):
    dialog.launch()
    match = matcher.match("i have a fever and i've been losing weight")
    dialog.intent(match.intent, match.slots)
    assert not dialog.ended and "a fever" in dialog.said
    for _ in [q for q in QUESTIONS if q.level is Level.EMERGENCY]:  # the emergency questions, all "no"
        match = matcher.match("no")
        dialog.intent(match.intent, match.slots)
    assert is_see_doctor_advice(dialog)


# ---- loading -------------------------------------------------------------------
# (Build and match times: python bench/tools_bench.py.)


def test_indexes_are_built_once_per_file():
    assert nlu.load(MODEL_PATH) is nlu.load(MODEL_PATH)


def test_bad_model_file(tmp_path):
    bad = tmp_path / "en-US.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(nlu.ModelError):
        nlu.load(bad)
    bad.write_text("{}", encoding="utf-8")
    with pytest.raises(nlu.ModelError):
        nlu.load(tmp_path / "missing.json")
    with pytest.raises(nlu.ModelError):
        model.parse({})
    with pytest.raises(nlu.ModelError, match=r"intents\[0\]\.samples\[1\]"):
        model.parse({"interactionModel": {"languageModel": {"intents": [{"name": "AnIntent", "samples": ["hi", 7]}]}}})


# ---- everyday phrasings: hedges, fillers, typos, negations, rambling ---------------


@pytest.mark.parametrize(
    "text, intent",
    [
        ("uh huh", "AMAZON.YesIntent"),  # the "uh" is not a filler here
        ("mm hmm", "AMAZON.YesIntent"),
        ("yes definitely", "AMAZON.YesIntent"),
        ("yeah i think so", "AMAZON.YesIntent"),
        ("a little yeah", "AMAZON.YesIntent"),
        ("nah not really", "AMAZON.NoIntent"),
        ("no not really", "AMAZON.NoIntent"),
        ("kinda", "NotSureIntent"),
        ("um i don't know", "NotSureIntent"),
        ("what?", "AMAZON.RepeatIntent"),
        ("call 911 for me", "CallForHelpIntent"),
        ("three days", "DurationIntent"),
    ],
)
def test_short_answers_and_hedges(matcher, text, intent):
    assert matcher.match(text).intent == intent


@pytest.mark.parametrize(
    "text, symptom",
    [
        ("i cnat feel my legs", "LIMB_NUMBNESS"),  # a slip in the negation itself
        ("my temperature is 102", "FEVER"),
        ("so yesterday at work my legs went numb and i got scared", "LIMB_NUMBNESS"),
        ("i think i just wet myself", "BLADDER_BOWEL_CONTROL"),
        ("my right side has gone numb", "ONE_SIDED_NUMBNESS"),
        ("i have no control over my bladder now", "BLADDER_BOWEL_CONTROL"),
        ("it's not getting better", "NOT_IMPROVING"),
    ],
)
def test_reports_said_loosely_are_reports(matcher, text, symptom):
    match = matcher.match(text)
    assert match.intent == REPORT and symptom in symptom_ids(match), describe(match)


@pytest.mark.parametrize(
    "text, symptom",
    [
        ("I don't have a fever", "FEVER"),
        ("no numbness", "LIMB_NUMBNESS"),
        ("my balance is fine", "BALANCE_COORDINATION"),
        ("I can still feel my legs", "LIMB_NUMBNESS"),
        ("my feet aren't numb", "LIMB_NUMBNESS"),
        ("it's getting better", "NOT_IMPROVING"),
        ("i have feeling in my arms and legs", "LIMB_NUMBNESS"),
        ("I don't think my legs are numb", "LIMB_NUMBNESS"),
    ],
)
def test_negations_are_denials_of_the_sign(matcher, text, symptom):
    match = matcher.match(text)
    assert match.intent == "DenySymptomIntent" and symptom_ids(match)[0] == symptom, describe(match)


def test_two_signs_in_two_clauses(matcher):
    match = matcher.match("i lost a lot of weight and it's getting worse")
    assert match.intent == REPORT
    assert set(symptom_ids(match)) == {"WEIGHT_LOSS", "NOT_IMPROVING"}, describe(match)


@pytest.mark.parametrize(
    "text",
    ["play some music", "how tall is mount everest", "set a timer for twenty minutes", "stop it hurts", "my car needs gas"],
)
def test_other_requests_are_not_guessed_into_the_skill(matcher, text):
    match = matcher.match(text)
    assert match.intent not in (REPORT, "DenySymptomIntent", "DurationIntent", "AMAZON.StopIntent"), describe(match)


def test_a_start_date_fills_the_date_slot(matcher):
    match = matcher.match("since yesterday")
    assert match.intent == "DurationIntent"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", match.slots["startDate"].spoken)
    assert matcher.match("since i fell").intent != "DurationIntent"
