"""The rules module on its own: pure, faithful to the article, exhaustive over
every complete set of answers."""

from __future__ import annotations

import itertools
import subprocess
import sys
from datetime import timedelta

import pytest

from skill.core import dates, rules, session
from skill.core.rules import LEVELS, QUESTION_OF, QUESTIONS, SIGN_ORDER, Answer, Level, Question, Symptom, Triage, assess

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


def test_emergency_questions_are_asked_first_and_every_sign_once():
    assert sorted(SIGN_ORDER) == sorted(Symptom)
    assert sorted(s for q in QUESTIONS for s in q.signs) == sorted(Symptom)
    levels = [q.level for q in QUESTIONS]
    assert levels == sorted(levels, reverse=True)
    assert len(QUESTIONS) <= 12


def test_a_question_asks_signs_of_one_level_and_single_sign_ids_are_the_sign_ids():
    for question in QUESTIONS:
        assert {LEVELS[s] for s in question.signs} == {question.level}
        if len(question.signs) == 1:
            assert question.id == question.signs[0].value
    assert len({q.id for q in QUESTIONS}) == len(QUESTIONS)
    # The groups a listener hears as one idea.
    groups = {q.signs for q in QUESTIONS if len(q.signs) > 1}
    assert groups == {
        (Symptom.MUSCLE_WEAKNESS, Symptom.BALANCE_COORDINATION),
        (Symptom.ONE_SIDED_NUMBNESS, Symptom.LIMB_NUMBNESS),
        (Symptom.URINATION_DIFFICULTY, Symptom.CANNOT_SIT_OR_STAND),
        (Symptom.FEVER, Symptom.WEIGHT_LOSS),
    }


def single(symptom: Symptom) -> Question:
    return Question(symptom.value, (symptom,))


@pytest.mark.parametrize(
    "broken",
    [
        QUESTIONS[:-1],  # a sign never asked
        (*QUESTIONS, single(Symptom.FEVER)),  # a sign asked twice
        (single(Symptom.ONE_SIDED_NUMBNESS), Question("MIXED", (Symptom.LIMB_NUMBNESS, Symptom.FEVER)),
         *(q for q in QUESTIONS if not {Symptom.FEVER, Symptom.LIMB_NUMBNESS} & set(q.signs)),
         *(single(s) for s in Symptom if s not in (Symptom.FEVER, Symptom.LIMB_NUMBNESS, Symptom.ONE_SIDED_NUMBNESS)
           and not any(s in q.signs for q in QUESTIONS if not {Symptom.FEVER, Symptom.LIMB_NUMBNESS} & set(q.signs)))),
        # mixed levels (every sign still asked once)
        (QUESTIONS[-1], *QUESTIONS[:-1]),  # a see-doctor question before the emergency ones
        (Question("EMPTY", ()), *QUESTIONS),
    ],
    ids=["missing", "twice", "mixed", "order", "empty"],
)  # fmt: skip
def test_a_broken_question_list_is_refused(request, broken):
    reason = {"missing": "exactly one", "twice": "exactly one", "mixed": "mixes levels", "order": "first",
              "empty": "mixes levels"}[request.node.callspec.id]  # fmt: skip
    with pytest.raises(ValueError, match=reason):
        rules.check_questions(broken)
    rules.check_questions(QUESTIONS)  # the real list passes


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
    for combo in itertools.product(list(Answer), repeat=len(SIGN_ORDER)):
        check_complete(dict(zip(SIGN_ORDER, combo, strict=True)))


@pytest.mark.parametrize("symptom", list(Symptom), ids=lambda s: s.value)
def test_partial_answers_pending(symptom):
    result = assess({symptom: Answer.YES})
    if LEVELS[symptom] is Level.EMERGENCY:
        assert result.concluded and result.level is Level.EMERGENCY
    else:
        # Only the emergency questions are still worth asking.
        assert result.pending == tuple(q for q in QUESTIONS if q.level is Level.EMERGENCY)
    no = assess({symptom: Answer.NO})
    assert no.level is Level.SELF_CARE
    # A sign denied by name leaves its question pending while another of its signs is unanswered.
    own = QUESTION_OF[symptom]
    assert no.pending == tuple(q for q in QUESTIONS if q is not own or len(q.signs) > 1)


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
@pytest.mark.parametrize("answer", list(Answer), ids=lambda a: a.name)
def test_an_answer_to_a_question_counts_for_each_of_its_signs(question, answer):
    triage = Triage()
    triage.answer_question(question, answer)
    assert triage.answers == dict.fromkeys(question.signs, answer)
    result = triage.assessment()
    assert question not in result.pending
    if answer.raises:
        assert result.raised_by == question.signs
    assert result.counted_unsure == (question.signs if answer is Answer.UNSURE_COUNTED_YES else ())


@pytest.mark.parametrize("symptom", list(Symptom), ids=lambda s: s.value)
def test_a_sign_reported_by_name_counts_alone(symptom):
    triage = Triage()
    triage.report([symptom])
    assert triage.answers == {symptom: Answer.YES}
    assert triage.assessment().raised_by == (symptom,)


def test_triage_not_sure_twice_counts_as_yes_and_undo():
    fever, numbness = QUESTION_OF[Symptom.FEVER], QUESTION_OF[Symptom.LIMB_NUMBNESS]
    triage = Triage()
    assert triage.not_sure(fever) is False
    assert Symptom.FEVER not in triage.answers
    assert triage.not_sure(fever) is True
    assert triage.answers[Symptom.FEVER] is Answer.UNSURE_COUNTED_YES
    triage.answer_question(numbness, Answer.NO)
    assert triage.undo_last() is numbness
    assert not set(numbness.signs) & set(triage.answers)  # the whole question is undone
    assert triage.undo_last() is fever
    assert triage.undo_last() is None


def test_not_sure_is_per_question():
    group = QUESTION_OF[Symptom.ONE_SIDED_NUMBNESS]
    triage = Triage()
    assert triage.not_sure(group) is False
    assert triage.not_sure(QUESTION_OF[Symptom.FEVER]) is False  # another question: its own first time
    assert triage.not_sure(group) is True
    assert triage.answers == {
        Symptom.ONE_SIDED_NUMBNESS: Answer.UNSURE_COUNTED_YES,
        Symptom.LIMB_NUMBNESS: Answer.UNSURE_COUNTED_YES,
    }


def test_triage_round_trips_through_json_attributes():
    import json

    triage = Triage()
    triage.answer(Symptom.FEVER, Answer.YES)
    triage.answer(Symptom.MUSCLE_WEAKNESS, Answer.NO)
    triage.not_sure(QUESTION_OF[Symptom.LIMB_NUMBNESS])
    again = session.read_triage(json.loads(json.dumps(session.write_triage(triage))))
    assert again == triage
    assert list(again.answers) == list(triage.answers)


@pytest.mark.parametrize(
    "junk",
    [None, 5, "x", {"answers": 5}, {"answers": [[1, 2], ["FEVER"]]}, {"unsure_once": [1]},
     {"unsure_once": ["NOT_A_QUESTION", ["NUMBNESS"], None]}],
)  # fmt: skip
def test_triage_ignores_malformed_attributes(junk):
    assert session.read_triage(junk) == Triage()


@pytest.mark.parametrize(
    "value,days",
    [("P10D", 10), ("p2w", 14), ("PT36H", 1.5), ("P1M", 30), ("P1Y", 365), ("P1DT12H", 1.5), (" P3D ", 3), ("P0.5D", 0.5)],
)
def test_duration_of(value, days):
    assert dates.duration_of(value) == timedelta(days=days)


@pytest.mark.parametrize("value", [None, "", "?", "P", "PT", "ten days", "P-1D", "P0D", "PXD", 10, "P99999999999Y"])
def test_duration_of_rejects(value):
    assert dates.duration_of(value) is None


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


@pytest.mark.parametrize("value", [None, 7, ["NUMBNESS"], {"id": "NUMBNESS"}, "", "numbness", "LIMB_NUMBNESS", "MUSCLE_WEAKNESS"])
def test_question_ids_from_the_client_are_checked(value):
    """Only a question's own id names it: not a grouped sign's id, nor any other value."""
    assert rules.question_by_id(value) is None


def test_every_question_is_found_by_its_id():
    assert [rules.question_by_id(q.id) for q in QUESTIONS] == list(QUESTIONS)
