"""skill.core.heard.settle: a report or a denial as the skill acts on it, the one
decision both the Lambda's handlers and the evaluation tools use."""

from __future__ import annotations

import subprocess
import sys

import pytest

from skill.core import contract
from skill.core.heard import Heard, HeardSlot, settle
from skill.core.rules import Symptom

REPORT, DENY = contract.REPORT_SYMPTOM, contract.DENY_SYMPTOM

CASES = [
    # (locale, intent as Alexa heard it, slots, intent acted on, signs, unrecognized)
    ("en-US", REPORT, [HeardSlot("a fever", Symptom.FEVER), HeardSlot(None)], REPORT, (Symptom.FEVER,), 0),
    ("en-US", REPORT, [HeardSlot("can't feel my heels")], REPORT, (Symptom.LIMB_NUMBNESS,), 0),
    ("en-US", REPORT, [HeardSlot("she's not weak anywhere")], DENY, (Symptom.MUSCLE_WEAKNESS,), 0),
    ("en-US", REPORT, [HeardSlot("purple elephants")], REPORT, (), 1),
    ("en-US", REPORT, [HeardSlot("fever"), HeardSlot("can't feel my toes")], REPORT, (Symptom.FEVER, Symptom.LIMB_NUMBNESS), 0),
    ("en-US", REPORT, [HeardSlot(None), HeardSlot(None)], REPORT, (), 0),
    ("en-US", DENY, [HeardSlot("a fever", Symptom.FEVER)], DENY, (Symptom.FEVER,), 0),
    # A sign that is no emergency, resolved by Alexa, is trusted: its denial stays one.
    ("en-US", DENY, [HeardSlot("spasms not improving after a week of rest", Symptom.NOT_IMPROVING)], DENY, (Symptom.NOT_IMPROVING,), 0),
    ("en-US", DENY, [HeardSlot("i can't feel my feet")], REPORT, (Symptom.LIMB_NUMBNESS,), 0),
    ("en-US", DENY, [HeardSlot("can't feel my legs", Symptom.LIMB_NUMBNESS)], REPORT, (Symptom.LIMB_NUMBNESS,), 0),
    # resolved words are never read after a negation the sample may not have held ("my bladder control is fine")
    ("en-US", DENY, [HeardSlot("feeling in my legs", Symptom.LIMB_NUMBNESS)], DENY, (Symptom.LIMB_NUMBNESS,), 0),
    ("en-US", DENY, [HeardSlot("bladder control", Symptom.BLADDER_BOWEL_CONTROL)], DENY, (Symptom.BLADDER_BOWEL_CONTROL,), 0),
    # the finding said whole, a value of its own, is a report ("no" + "no bladder control")
    ("en-US", DENY, [HeardSlot("no bladder control", Symptom.BLADDER_BOWEL_CONTROL)], REPORT, (Symptom.BLADDER_BOWEL_CONTROL,), 0),
    ("es-US", DENY, [HeardSlot("tengo fuerza en las piernas", Symptom.MUSCLE_WEAKNESS)], DENY, (Symptom.MUSCLE_WEAKNESS,), 0),
    ("en-US", DENY, [HeardSlot(None, Symptom.FEVER)], DENY, (Symptom.FEVER,), 0),
    ("en-US", DENY, [HeardSlot("purple elephants")], DENY, (), 1),
    ("es-US", DENY, [HeardSlot("no siento los pies")], REPORT, (Symptom.LIMB_NUMBNESS,), 0),
    ("es-US", REPORT, [HeardSlot("no tengo fiebre")], DENY, (Symptom.FEVER,), 0),
    ("es-US", REPORT, [HeardSlot("se me duermen las piernas")], REPORT, (Symptom.LIMB_NUMBNESS,), 0),
    # Words that name nothing on their own, after the "I can't" a report sample carries.
    ("en-US", REPORT, [HeardSlot("control my bladder since this spasm started")], REPORT, (Symptom.BLADDER_BOWEL_CONTROL,), 0),
    ("en-US", REPORT, [HeardSlot("sit up in the chair it hurts too much")], REPORT, (Symptom.CANNOT_SIT_OR_STAND,), 0),
    # Words that deny as said are a denial whatever value Alexa gave them ("I'm" + "steady on my feet") ...
    ("en-US", REPORT, [HeardSlot("steady on my feet", Symptom.BALANCE_COORDINATION)], DENY, (Symptom.BALANCE_COORDINATION,), 0),
    ("es-US", REPORT, [HeardSlot("sin temperatura", Symptom.FEVER)], DENY, (Symptom.FEVER,), 0),
    # ... unless a report sample's "I can't" may have led them: a normal state it negates reports, to be safe.
    ("en-US", REPORT, [HeardSlot("walk without stumbling", Symptom.BALANCE_COORDINATION)], REPORT, (Symptom.BALANCE_COORDINATION,), 0),
    ("en-US", REPORT, [HeardSlot("walk normally")], REPORT, (Symptom.BALANCE_COORDINATION,), 0),
    ("en-US", REPORT, [HeardSlot("feel everything in my feet")], REPORT, (Symptom.LIMB_NUMBNESS,), 0),
    # Both slots must deny: one report keeps the turn a report.
    (
        "en-US",
        REPORT,
        [HeardSlot("steady on my feet", Symptom.BALANCE_COORDINATION), HeardSlot("a fever", Symptom.FEVER)],
        REPORT,
        (Symptom.BALANCE_COORDINATION, Symptom.FEVER),
        0,
    ),
    # ... never a gerund (no "I can't" carries one), nor words that open with no verb the lead governs.
    ("en-US", REPORT, [HeardSlot("feeling normal in her arms and legs")], DENY, (Symptom.LIMB_NUMBNESS,), 0),
    ("es-US", REPORT, [HeardSlot("control del baño sí tengo")], DENY, (Symptom.BLADDER_BOWEL_CONTROL,), 0),
    ("es-US", REPORT, [HeardSlot("el control de la vejiga sí lo tengo")], DENY, (Symptom.BLADDER_BOWEL_CONTROL,), 0),
    # Spanish report samples carry "no puedo" too; a normal state it opens reports, to be safe.
    ("es-US", REPORT, [HeardSlot("controlar la orina")], REPORT, (Symptom.BLADDER_BOWEL_CONTROL,), 0),
    ("es-US", REPORT, [HeardSlot("caminar bien")], REPORT, (Symptom.BALANCE_COORDINATION,), 0),
    # A denial's words led by a finite verb hang on its "no" ("no" + "puedo alzar la pierna").
    ("es-US", DENY, [HeardSlot("puedo alzar la pierna para subir el escalón")], REPORT, (Symptom.MUSCLE_WEAKNESS,), 0),
    ("es-US", DENY, [HeardSlot("siento los dedos de los pies")], REPORT, (Symptom.LIMB_NUMBNESS,), 0),
    ("es-US", DENY, [HeardSlot("siento debilidad")], DENY, (Symptom.MUSCLE_WEAKNESS,), 0),
    # Words that open a clause of their own (a subject, a negated verb) are out of a denial's reach:
    # their finding negative in form reports, whatever its level and whatever value Alexa gave it.
    (
        "en-US",
        DENY,
        [HeardSlot("i can not pee", Symptom.URINATION_DIFFICULTY), HeardSlot("i can not sit up", Symptom.CANNOT_SIT_OR_STAND)],
        REPORT,
        (Symptom.URINATION_DIFFICULTY, Symptom.CANNOT_SIT_OR_STAND),
        0,
    ),
    ("es-US", DENY, [HeardSlot("no ha mejorado", Symptom.NOT_IMPROVING)], REPORT, (Symptom.NOT_IMPROVING,), 0),
    # ... but not a value's short name, nor a normal state negated ("no me cuesta orinar" denies).
    ("en-US", DENY, [HeardSlot("not getting better", Symptom.NOT_IMPROVING)], DENY, (Symptom.NOT_IMPROVING,), 0),
    ("es-US", DENY, [HeardSlot("no me cuesta orinar", Symptom.URINATION_DIFFICULTY)], DENY, (Symptom.URINATION_DIFFICULTY,), 0),
    # A denial's unresolved words that name no sign are read after its negation: what they deny is denied ...
    ("es-US", DENY, [HeardSlot("las piernas me responden bien")], DENY, (Symptom.MUSCLE_WEAKNESS,), 0),
    ("es-US", DENY, [HeardSlot("he bajado nada de peso")], DENY, (Symptom.WEIGHT_LOSS,), 0),
    # ... unless that reading reports a sign ("no" + "tiene fuerza": no strength): then nothing is denied.
    ("es-US", DENY, [HeardSlot("tiene fuerza en las piernas")], DENY, (), 1),
    ("en-US", DENY, [HeardSlot("feeling in my legs")], DENY, (), 1),
    # A clause with a subject of its own is out of the denial's reach: what it reports is reported ...
    ("en-US", DENY, [HeardSlot("weight"), HeardSlot("ladder i fell off it doing the gutters")], REPORT, (Symptom.SIGNIFICANT_TRAUMA,), 0),
    ("en-US", DENY, [HeardSlot("control down there i just keep leaking")], REPORT, (Symptom.BLADDER_BOWEL_CONTROL,), 0),
    # ... unless a negation of the words' own comes first, the clause reports nothing, or the words open
    # with their subject: they may be the object of the denial's verb ("I wouldn't say" + "i'm weak").
    ("en-US", DENY, [HeardSlot("i don't think i fell")], DENY, (Symptom.SIGNIFICANT_TRAUMA,), 0),
    ("en-US", DENY, [HeardSlot("i am weak", Symptom.MUSCLE_WEAKNESS)], DENY, (Symptom.MUSCLE_WEAKNESS,), 0),
    ("en-US", DENY, [HeardSlot("no she fell asleep on the couch")], DENY, (), 1),
    ("en-US", DENY, [HeardSlot("i can walk fine")], DENY, (Symptom.BALANCE_COORDINATION,), 0),
]


@pytest.mark.parametrize(("locale", "intent", "slots", "acted", "signs", "unrecognized"), CASES)
def test_a_turn_is_settled_as_the_skill_acts_on_it(locale, intent, slots, acted, signs, unrecognized):
    assert settle(intent, slots, locale) == Heard(acted, signs, unrecognized)


def test_denials_alexa_resolved_never_load_the_lexicon():
    # The cold start: a denial Alexa resolved to no emergency, or a report without words, needs no word tables.
    code = (
        "import sys\n"
        "from skill.core.heard import settle, HeardSlot\n"
        "from skill.core.rules import Symptom\n"
        "settle('ReportSymptomIntent', [HeardSlot(None)], 'en-US')\n"
        "settle('DenySymptomIntent', [HeardSlot('a fever', Symptom.FEVER)], 'en-US')\n"
        "print('skill.core.lexicon' in sys.modules)\n"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "False"
