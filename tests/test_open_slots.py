"""A device's custom slot is open: Alexa fills it with words outside the
value list (ER_SUCCESS_NO_MATCH) and the Lambda reads them. The stand-in
models that (step 4 of skill.tools.alexa_standin), and the Lambda reads such
words as the person meant them: a report whose words only deny a sign is
that denial; a denial whose words open with a clitic hang on the denial's
own "no" ("no {symptom}" + "me aguanto las ganas"), a report. Real request
envelopes through the Lambda (tests.support.Dialog)."""

from __future__ import annotations

import pytest

from skill.tools import alexa_standin, evaluation
from skill.tools.alexa.envelopes import SlotFill
from skill.tools.paths import model_path
from tests.support import Dialog, is_emergency_advice


def unresolved(words):
    return SlotFill(words, None, None, "SymptomType")


@pytest.mark.parametrize(("locale", "words"), [("en-US", "my bladder is fine"), ("es-US", "la vejiga la tengo bien")])
def test_a_report_whose_words_only_deny_a_sign_answers_the_question(locale, words):
    session = Dialog(locale=locale)
    session.launch()
    session.yes()
    asked = session.asking
    session.intent("ReportSymptomIntent", {"symptom": unresolved(words), "otherSymptom": None})
    assert not is_emergency_advice(session)
    assert session.asking not in (None, asked)  # answered: the next question


@pytest.mark.parametrize(
    ("locale", "words"),
    [
        ("es-US", "me aguanto las ganas de orinar se me sale solita"),
        ("es-US", "se me sostienen las piernas"),
        ("es-US", "aguanto nada se me sale solita"),
        ("en-US", "fever but my legs are numb"),
    ],
)
def test_a_denials_words_that_its_no_cannot_reach_or_that_hang_on_it_are_a_report(locale, words):
    session = Dialog(locale=locale)
    session.launch()
    session.intent("DenySymptomIntent", {"symptom": unresolved(words), "otherSymptom": None})
    assert is_emergency_advice(session)


@pytest.mark.parametrize(("locale", "words"), [("es-US", "control de la vejiga"), ("es-US", "control del intestino")])
def test_an_emergency_named_as_a_thing_had_that_the_denials_no_turns_into_a_loss_is_a_report(locale, words):
    # "no tengo {symptom}" + "control de la vejiga": "no tengo control" is the loss, to be safe
    session = Dialog(locale=locale)
    session.launch()
    session.intent("DenySymptomIntent", {"symptom": unresolved(words), "otherSymptom": None})
    assert is_emergency_advice(session)


@pytest.mark.parametrize(
    ("line", "signs"),
    [("no tengo control de la vejiga", {"BLADDER_BOWEL_CONTROL"}), ("sí se me salió un poco de orina", {"BLADDER_BOWEL_CONTROL"})],
)
def test_spanish_loss_of_control_reaches_the_skill_as_a_report_through_the_standin(line, signs):
    heard = evaluation.as_the_skill_reads(alexa_standin.load(model_path("es-US")).match(line), "es-US")
    assert heard.intent == "ReportSymptomIntent" and evaluation.symptom_ids(heard) == signs


@pytest.mark.parametrize(("locale", "words"), [("en-US", "stand"), ("en-US", "walk fine"), ("es-US", "caminar bien"), ("es-US", "tengo fuerza en las piernas")])
def test_an_ability_kept_in_a_denial_is_no_report(locale, words):
    session = Dialog(locale=locale)
    session.launch()
    session.intent("DenySymptomIntent", {"symptom": unresolved(words), "otherSymptom": None})
    assert not is_emergency_advice(session)


@pytest.mark.parametrize(
    ("locale", "line", "intent"),
    [
        ("en-US", "i wet myself this morning and never even felt it coming", "ReportSymptomIntent"),
        ("en-US", "no accident nothing of the sort", "DenySymptomIntent"),
        ("es-US", "no pude llegar al baño a tiempo y se me salió todo", "DenySymptomIntent"),
    ],
)
def test_the_standin_fills_an_open_slot_with_words_outside_the_list(locale, line, intent):
    standin = alexa_standin.load(model_path(locale))
    match = standin.match(line)
    assert match.how == "standin-open" and match.intent == intent
    fill = match.slots["symptom"]
    assert fill is not None and fill.value_id is None and fill.slot_type == "SymptomType"
    strict = alexa_standin.StandIn(alexa_standin.model_file.load(model_path(locale)), open_slots=False)
    assert strict.match(line).how != "standin-open"


@pytest.mark.parametrize(("locale", "line"), [("en-US", "what's the weather like today"), ("es-US", "pon música de banda")])
def test_an_open_slot_needs_a_word_the_model_teaches_as_a_value(locale, line):
    assert alexa_standin.load(model_path(locale)).match(line).intent == "AMAZON.FallbackIntent"


@pytest.mark.parametrize(
    ("locale", "line", "intent", "sign"),
    [
        ("en-US", "i wet myself this morning and never even felt it coming", "ReportSymptomIntent", "BLADDER_BOWEL_CONTROL"),
        ("es-US", "no me aguanto las ganas de orinar se me sale solita", "ReportSymptomIntent", "BLADDER_BOWEL_CONTROL"),
        ("en-US", "no accident nothing of the sort", "DenySymptomIntent", "SIGNIFICANT_TRAUMA"),
    ],
)
def test_lines_are_scored_as_the_skill_reads_the_open_slot(locale, line, intent, sign):
    read = evaluation.as_the_skill_reads(alexa_standin.load(model_path(locale)).match(line), locale)
    assert read.intent == intent and evaluation.symptom_ids(read) == {sign}


@pytest.mark.parametrize(
    ("line", "intent", "sign"),
    [
        # The model's report sample "{symptom} if anything": without it the stand-in fitted "worse if anything"
        # to the denial sample "no {symptom} or anything", and a patient no better after a week was told to rest.
        ("worse if anything", "ReportSymptomIntent", "NOT_IMPROVING"),
        ("if anything he's put on a few pounds", "DenySymptomIntent", "WEIGHT_LOSS"),
    ],
)
def test_if_anything_keeps_its_polarity_for_the_standin(line, intent, sign):
    read = evaluation.as_the_skill_reads(alexa_standin.load(model_path("en-US")).match(line), "en-US")
    assert read.intent == intent and evaluation.symptom_ids(read) == {sign}


@pytest.mark.parametrize(
    ("locale", "words"), [("en-US", "control down there i just keep leaking"), ("en-US", "feeling in my legs she says they just went dead")]
)
def test_a_clause_with_its_own_subject_in_a_denials_words_is_a_report(locale, words):
    # "there's no {symptom}" + "control down there, i just keep leaking": the no cannot reach "i just keep leaking"
    session = Dialog(locale=locale)
    session.launch()
    session.intent("DenySymptomIntent", {"symptom": unresolved(words), "otherSymptom": None})
    assert is_emergency_advice(session)


@pytest.mark.parametrize(
    ("locale", "line", "words"),
    [
        ("en-US", "grip's fine i can still open a pickle jar", "grip's fine i can still open a pickle jar"),
        ("es-US", "sí, se me duermen los pies", "se me duermen los pies"),
    ],
)
def test_the_standin_hands_the_skill_a_slots_words_as_said(locale, line, words):
    # A device sends "grip's fine", not the normalised "grip fine" (which reads as no denial)
    match = alexa_standin.load(model_path(locale)).match(line)
    assert match.slots["symptom"] is not None and match.slots["symptom"].spoken == words


def test_a_strength_said_fine_with_a_possessive_s_is_a_denial_through_the_standin():
    read = evaluation.as_the_skill_reads(alexa_standin.load(model_path("en-US")).match("grip's fine i can still open a pickle jar"), "en-US")
    assert read.intent == "DenySymptomIntent" and evaluation.symptom_ids(read) == {"MUSCLE_WEAKNESS"}
