"""The rules module on its own: pure, faithful to the article, exhaustive over
every complete set of answers."""

from __future__ import annotations

import itertools
import subprocess
import sys
from datetime import timedelta

import pytest

from skill.core import rules
from skill.core.rules import LEVELS, QUESTION_ORDER, Answer, Level, Symptom, Triage, assess

# The contract table of docs/design.md, written out again on purpose.
EXPECTED_LEVELS = {
    "BLADDER_BOWEL_CONTROL": "EMERGENCY",
    "MUSCLE_WEAKNESS": "EMERGENCY",
    "ONE_SIDED_NUMBNESS": "EMERGENCY",
    "BALANCE_COORDINATION": "EMERGENCY",
    "LIMB_NUMBNESS": "EMERGENCY",
    "SIGNIFICANT_TRAUMA": "SEE_DOCTOR",
    "URINATION_DIFFICULTY": "SEE_DOCTOR",
    "CANNOT_SIT_OR_STAND": "SEE_DOCTOR",
    "FEVER": "SEE_DOCTOR",
    "WEIGHT_LOSS": "SEE_DOCTOR",
    "NOT_IMPROVING": "SEE_DOCTOR",
}


def test_levels_match_the_contract():
    assert {s.value: LEVELS[s].name for s in Symptom} == EXPECTED_LEVELS


def test_emergency_signs_are_asked_first_and_every_sign_once():
    assert sorted(QUESTION_ORDER) == sorted(Symptom)
    levels = [LEVELS[s] for s in QUESTION_ORDER]
    assert levels == sorted(levels, reverse=True)
    assert len(QUESTION_ORDER) <= 12


def check_complete(answers):
    result = assess(answers)
    raised = [s for s, a in answers.items() if a is not Answer.NO]
    expected = max((LEVELS[s] for s in raised), default=Level.SELF_CARE)
    assert result.level is expected
    assert result.pending == ()
    assert set(result.raised_by) == {s for s in raised if LEVELS[s] is expected}
    assert set(result.counted_unsure) == {s for s in result.raised_by if answers[s] is Answer.UNSURE_COUNTED_YES}


def test_assess_exhaustively():
    """Every one of the 3^11 complete answer sets."""
    for combo in itertools.product(list(Answer), repeat=len(QUESTION_ORDER)):
        check_complete(dict(zip(QUESTION_ORDER, combo, strict=False)))


@pytest.mark.parametrize("symptom", list(Symptom), ids=lambda s: s.value)
def test_partial_answers_pending(symptom):
    result = assess({symptom: Answer.YES})
    if LEVELS[symptom] is Level.EMERGENCY:
        assert result.concluded and result.level is Level.EMERGENCY
    else:
        # Only the emergency signs are still worth asking.
        assert result.pending == tuple(s for s in QUESTION_ORDER if LEVELS[s] is Level.EMERGENCY)
    no = assess({symptom: Answer.NO})
    assert no.level is Level.SELF_CARE
    assert no.pending == tuple(s for s in QUESTION_ORDER if s is not symptom)


def test_triage_not_sure_twice_counts_as_yes_and_undo():
    triage = Triage()
    assert triage.not_sure(Symptom.FEVER) is False
    assert Symptom.FEVER not in triage.answers
    assert triage.not_sure(Symptom.FEVER) is True
    assert triage.answers[Symptom.FEVER] is Answer.UNSURE_COUNTED_YES
    triage.answer(Symptom.LIMB_NUMBNESS, Answer.NO)
    assert triage.undo_last() is Symptom.LIMB_NUMBNESS
    assert triage.undo_last() is Symptom.FEVER
    assert triage.undo_last() is None


def test_triage_round_trips_through_json_attributes():
    import json

    triage = Triage()
    triage.answer(Symptom.FEVER, Answer.YES)
    triage.answer(Symptom.MUSCLE_WEAKNESS, Answer.NO)
    triage.not_sure(Symptom.LIMB_NUMBNESS)
    again = Triage.from_dict(json.loads(json.dumps(triage.to_dict())))
    assert again == triage
    assert list(again.answers) == list(triage.answers)


@pytest.mark.parametrize("junk", [None, 5, "x", {"answers": 5}, {"answers": [[1, 2], ["FEVER"]]}, {"unsure_once": [1]}])
def test_triage_ignores_malformed_attributes(junk):
    assert Triage.from_dict(junk) == Triage()


@pytest.mark.parametrize(
    "value,days",
    [("P10D", 10), ("p2w", 14), ("PT36H", 1.5), ("P1M", 30), ("P1Y", 365), ("P1DT12H", 1.5), (" P3D ", 3), ("P0.5D", 0.5)],
)
def test_parse_duration(value, days):
    assert rules.parse_duration(value) == timedelta(days=days)


@pytest.mark.parametrize("value", [None, "", "?", "P", "PT", "ten days", "P-1D", "P0D", "PXD", 10, "P99999999999Y"])
def test_parse_duration_rejects(value):
    assert rules.parse_duration(value) is None


def test_week_of_rest_rule():
    assert rules.not_improving_from_duration(timedelta(days=7)) is Answer.YES
    assert rules.not_improving_from_duration(timedelta(days=6, hours=23)) is Answer.NO


def test_rules_module_imports_no_sdk_or_web_framework():
    code = (
        "import sys, skill.core.rules;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('ask_sdk_core', 'ask_sdk_model', 'ask_sdk_runtime', 'flask', 'flask_ask_sdk')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
