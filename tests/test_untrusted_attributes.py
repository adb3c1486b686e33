"""Session attributes come back from the client: whatever is in them, a sign
reported in the turn is acted on, nothing stored is spoken as SSML, and the
skill never falls through to its apology. The dialogs run in each supported
locale (the `dialog` and `locale` fixtures)."""

from __future__ import annotations

import json

import pytest

from skill.core import rules, session, speech
from skill.core.rules import QUESTION_OF, QUESTIONS, Symptom, Triage
from skill.core.speech import join
from tests.support import Dialog, is_emergency_advice, plain

# JSON values of every type, and strings that look like SSML or like the skill's own data.
GARBAGE: list = [
    None, [], {}, 0, 7, -1.5, True, "", "x", "FEVER", "MUSCLE_WEAKNESS", "yes",
    "</speak><audio src='https://evil.example/a.mp3'/><speak>", "a & b", "<say-as>",
    [["FEVER", "yes"]], [[]], [None], {"answers": "x"}, {"answers": [[[], "yes"], [{}, {}]]},
    {"answers": [["FEVER", "yes", "extra"]], "unsure_once": [[], {}, 3]}, {"speech": 1, "reprompt": []},
    {"speech": "Call 911", "reprompt": "x"}, [[["welcome", {}]]], {"speech": [["welcome", {"names": 5}]]},
]  # fmt: skip
FIELDS = ("triage", "asking", "last")
EN = speech.for_locale("en-US")


def tampered(dialog: Dialog, **fields: object) -> None:
    """Replace stored fields, as a client could between turns."""
    dialog.attributes = {**dialog.attributes, **fields}


def apologised(dialog: Dialog) -> bool:
    """The catch-all apology ("Sorry, something went wrong on my end.")."""
    return dialog.words.text("error") in dialog.said


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("value", GARBAGE, ids=repr)
def test_an_emergency_reported_over_garbage_gets_911(field, value, dialog):
    dialog.launch()
    dialog.yes()
    tampered(dialog, **{field: value})
    dialog.report(Symptom.MUSCLE_WEAKNESS)
    assert is_emergency_advice(dialog), dialog.said


@pytest.mark.parametrize("value", GARBAGE, ids=repr)
def test_every_field_garbage_at_once_still_answers(value, locale):
    for intent in ("AMAZON.YesIntent", "AMAZON.NoIntent", "NotSureIntent", "AMAZON.RepeatIntent",
                   "AMAZON.PreviousIntent", "AMAZON.HelpIntent", "ContactIntent"):  # fmt: skip
        dialog = Dialog(locale=locale)
        dialog.launch()
        tampered(dialog, **dict.fromkeys(FIELDS, value))
        dialog.intent(intent)
        assert dialog.said and not apologised(dialog), (intent, dialog.said)


@pytest.mark.parametrize(
    "speech",
    [
        "</speak><audio src='https://evil.example/a.mp3'/><speak>",
        "a & b",
        "<break time='10s'/>Fine",
        "Say <say-as interpret-as='telephone'>555</say-as>",
        12,
        ["not", "ssml"],
        [["welcome", {}], ["no.such.key", {}]],
        [["welcome", {"emergency_number": "<audio/>"}]],
        [["questions.FEVER.ask.x", {}]],
    ],
    ids=repr,
)
def test_repeat_never_speaks_stored_ssml(speech, dialog):
    dialog.launch()
    dialog.yes()
    question = dialog.said.split(". ")[-1]
    tampered(dialog, last={"speech": speech, "reprompt": speech})
    dialog.intent("AMAZON.RepeatIntent")  # Dialog checks the SSML: only speak and say-as
    ssml = dialog.last["response"]["outputSpeech"]["ssml"]
    assert "evil" not in ssml and "audio" not in ssml and "555" not in ssml
    assert not apologised(dialog)
    assert dialog.said.endswith(question)
    assert dialog.asking == QUESTIONS[0].id


def test_repeat_renders_stored_locale_strings_again_and_never_stored_text(dialog):
    dialog.report(Symptom.FEVER)
    said = dialog.said
    dialog.intent("AMAZON.RepeatIntent")
    assert dialog.said == said  # the skill's own words, rendered again
    speech = dialog.attributes["last"]["speech"]
    tampered(
        dialog,
        last={
            "speech": [[key, {name: "<audio src='x'/> & co" for name in fields}] for key, fields in speech],
            "reprompt": dialog.attributes["last"]["reprompt"],
        },
    )
    dialog.intent("AMAZON.RepeatIntent")
    assert "audio" not in dialog.last["response"]["outputSpeech"]["ssml"] and "co" not in dialog.said.split()
    assert dialog.said == plain(dialog.words.question(rules.question_by_id(dialog.asking)))  # the pending question


def test_a_valid_question_stored_with_garbage_elsewhere_is_still_asked(dialog):
    dialog.launch()
    tampered(dialog, asking="FEVER_OR_WEIGHT_LOSS", triage=[], last=7)
    dialog.yes()
    assert dialog.asking == QUESTIONS[0].id  # a yes to fever or weight loss: acknowledged, emergencies first
    names = dialog.words.names([Symptom.FEVER, Symptom.WEIGHT_LOSS])
    assert dialog.said.startswith(dialog.words.text("ack_see_doctor", names=names))


def test_a_reported_emergency_survives_a_failure_to_read_the_stored_state(monkeypatch, dialog):
    """A bug in reading some stored field must not swallow an emergency."""
    read = session.read_triage

    def broken(data):
        if data is not None:
            raise RuntimeError("a bug in reading stored state")
        return read(data)

    monkeypatch.setattr(session, "read_triage", broken)
    dialog.launch()
    dialog.report(Symptom.LIMB_NUMBNESS)
    assert is_emergency_advice(dialog), dialog.said


@pytest.mark.parametrize(
    "stored",
    [
        None, "welcome", [], [["welcome"]], [["welcome", []]], [[1, {}]], [["welcome", {"names": 1}]],
        [["locale_data", {}]], [["advice.EMERGENCY.speech", {}]], [["welcome", {"clinic_phone": "1"}]],
        [["ack_see_doctor", {"names": "x" * 301}]], [["welcome", {}]] * 9,
    ],
    ids=repr,
)  # fmt: skip
def test_only_the_locales_own_keys_with_short_text_fields_render_again(stored):
    assert rendered_again(stored) is None


def rendered_again(stored: object):
    """Speech as the session keeps it, read back and rendered again (None when it is refused)."""
    pieces = session.read_pieces(stored)
    return EN.render(pieces) if pieces is not None else None


def kept(speech: str) -> list | None:
    """How the session keeps `speech` (JSON), or None when it is not kept."""
    written = session.write(session.Stored(Triage(), last=(session.pieces_of(speech), None)))["last"]
    return json.loads(json.dumps(written))["speech"]


def test_stored_speech_renders_to_what_was_said():
    said = EN.ssml("ack_see_doctor", names=EN.names([Symptom.FEVER, Symptom.WEIGHT_LOSS]))
    stored = kept(join([said, EN.question(QUESTION_OF[Symptom.MUSCLE_WEAKNESS])]))
    assert stored is not None
    assert rendered_again(stored) == join([said, EN.question(QUESTION_OF[Symptom.MUSCLE_WEAKNESS])])
    assert stored[0][1] == {"names": {"symptoms": ["FEVER", "WEIGHT_LOSS"], "list": "and", "key": "name"}}
    assert kept("plain text, not rendered here") is None


def test_speech_with_free_text_in_it_is_never_kept():
    assert kept(EN.ssml("ack_see_doctor", names="a fever & <chills>")) is None


@pytest.mark.parametrize(
    "names",
    [
        "nothing serious, no need to call anyone", {"symptoms": ["FEVER"], "list": "and"},
        {"symptoms": ["FEVER"], "list": "and", "key": "name", "text": "x"}, {"symptoms": [], "list": "and", "key": "name"},
        {"symptoms": ["NOT_A_SIGN"], "list": "and", "key": "name"}, {"symptoms": "FEVER", "list": "and", "key": "name"},
        {"symptoms": ["FEVER"], "list": "xor", "key": "name"}, {"symptoms": ["FEVER"], "list": "and", "key": "ask"},
        {"symptoms": ["FEVER"] * 100, "list": "and", "key": "name"},
    ],
    ids=repr,
)  # fmt: skip
def test_repeat_never_speaks_a_stored_field_that_is_not_symptom_ids(dialog, names):
    """Only message keys and symptom ids are kept; anything else in `last` is dropped."""
    question = QUESTION_OF[Symptom.MUSCLE_WEAKNESS]
    last = [["advice.SEE_DOCTOR.speech", {"names": names}], [f"questions.{question.id}.ask", {}]]
    dialog.launch()
    tampered(dialog, asking=question.id, triage=[], last={"speech": last, "reprompt": last})
    dialog.intent("AMAZON.RepeatIntent")
    assert "nothing serious" not in dialog.said and "Please see a doctor" not in dialog.said
    assert dialog.said == plain(dialog.words.question(question)), dialog.said


def test_repeat_renders_stored_symptom_ids_in_the_locales_words(dialog):
    question = QUESTION_OF[Symptom.MUSCLE_WEAKNESS]
    names = {"symptoms": ["FEVER"], "list": "and", "key": "name"}
    last = [["ack_see_doctor", {"names": names}], [f"questions.{question.id}.ask", {}]]
    dialog.launch()
    tampered(dialog, asking=question.id, triage=[], last={"speech": last, "reprompt": [*last, ["reprompt_safety", {}]]})
    dialog.intent("AMAZON.RepeatIntent")
    words = dialog.words
    assert dialog.said == plain(join([words.ssml("ack_see_doctor", names=words.names([Symptom.FEVER])), words.question(question)]))
