"""Understanding what people in pain actually say: the labelled corpus
of each locale (tests/corpus/<locale>.<split>.tsv), scored with the chat
matcher, and `back-spasm profile` run as a user runs it.

The floors are asserted on the test split, which was written before any
tuning and is never tuned on; tuning happens on the dev split.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from skill.core import contract
from skill.core.speech import supported_locales
from skill.tools import evaluation
from skill.tools.nlu import FALLBACK_INTENT, load
from skill.tools.paths import PROJECT_ROOT, model_path

CORPUS = PROJECT_ROOT / "tests" / "corpus"
SPLIT_NAMES = ("test", "dev", "holdout")


@dataclass(frozen=True)
class CorpusMinimums:
    """How much of each kind a locale's corpus holds at least (the whole
    corpus, then its test split), so that the floors below mean something."""

    lines: int
    lines_per_sign: int
    denials: int
    two_sign_lines: int
    fallbacks: int
    test_lines: int
    test_emergencies: int
    test_denials: int
    test_hedges: int
    verbatim_share: float  # at most this share of the test split's sign lines is a model phrase word for word


MINIMUMS = {
    "en-US": CorpusMinimums(
        lines=500,
        lines_per_sign=20,
        denials=60,
        two_sign_lines=30,
        fallbacks=40,
        test_lines=250,
        test_emergencies=40,
        test_denials=30,
        test_hedges=10,
        verbatim_share=0.1,
    ),
    "es-US": CorpusMinimums(
        lines=250,
        lines_per_sign=10,
        denials=40,
        two_sign_lines=10,
        fallbacks=10,
        test_lines=125,
        test_emergencies=35,
        test_denials=15,
        test_hedges=5,
        verbatim_share=0.2,
    ),
}


def split_path(locale: str, split: str) -> Path:
    return CORPUS / f"{locale}.{split}.tsv"


@pytest.fixture(scope="module", params=sorted(MINIMUMS))
def locale(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def matcher(locale):
    return load(model_path(locale))


@pytest.fixture(scope="module")
def test_score(matcher, locale) -> evaluation.Score:
    return evaluation.score("matcher", evaluation.load_corpus(split_path(locale, "test")), matcher.match)


# ---- the corpus itself ----------------------------------------------------------


def test_every_locale_has_a_corpus():
    assert set(MINIMUMS) == set(supported_locales())


def test_corpus_covers_every_intent_and_sign_in_numbers(locale):
    minimums = MINIMUMS[locale]
    examples = [example for split in SPLIT_NAMES for example in evaluation.load_corpus(split_path(locale, split))]
    assert len(examples) >= minimums.lines
    assert {e.intent for e in examples} == set(contract.INTENTS)
    per_symptom = Counter(symptom for e in examples for symptom in e.symptoms)
    assert set(per_symptom) == set(contract.SYMPTOM_IDS)
    assert min(per_symptom.values()) >= minimums.lines_per_sign, per_symptom
    assert sum(e.is_denial for e in examples) >= minimums.denials
    assert sum(e.intent == contract.REPORT_SYMPTOM and len(e.symptoms) == 2 for e in examples) >= minimums.two_sign_lines
    assert sum(e.intent == FALLBACK_INTENT for e in examples) >= minimums.fallbacks


def test_splits_do_not_share_lines(locale):
    seen: dict[str, str] = {}
    for split in SPLIT_NAMES:
        for example in evaluation.load_corpus(split_path(locale, split)):
            key = " ".join(example.text.lower().split())
            assert key not in seen, f"{example.text!r} is in both {seen[key]} and {split}"
            seen[key] = split


def test_the_test_splits_signs_are_not_the_models_phrases(matcher, locale):
    # Short answers and questions ("mm hmm", "should I go to urgent care")
    # are samples by design; but the lines that name a sign must be
    # understood, not looked up: few are a symptom phrase of the model
    # word for word.
    examples = [e for e in evaluation.load_corpus(split_path(locale, "test")) if e.symptoms]
    verbatim = [e.text for e in examples if (m := matcher.exact_match(e.text)) is not None and m.sample == "{symptom}"]
    assert len(verbatim) <= len(examples) * MINIMUMS[locale].verbatim_share, verbatim


def test_a_malformed_corpus_line_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("ReportSymptomIntent\tNO_SUCH_SIGN\tmy back\n", encoding="utf-8")
    with pytest.raises(evaluation.CorpusError, match="unknown symptom id"):
        evaluation.load_corpus(path)
    path.write_text("just some text\n", encoding="utf-8")
    with pytest.raises(evaluation.CorpusError, match="tab-separated"):
        evaluation.load_corpus(path)


# ---- floors on the test split -----------------------------------------------------


def test_at_least_95_percent_of_the_test_split_is_understood_as_labelled(test_score, locale):
    assert test_score.total >= MINIMUMS[locale].test_lines
    assert test_score.accuracy >= 0.95, evaluation.report([test_score])


def test_every_emergency_line_of_the_test_split_is_an_emergency(test_score, locale):
    emergencies = [e for e, _ in test_score.results if e.is_emergency]
    assert len(emergencies) >= MINIMUMS[locale].test_emergencies
    assert test_score.emergencies_missed() == []


def test_no_denial_of_the_test_split_becomes_a_report_of_the_sign_it_denies(test_score, locale):
    assert sum(e.is_denial for e, _ in test_score.results) >= MINIMUMS[locale].test_denials
    assert test_score.denials_reported() == []


def test_no_hedge_of_the_test_split_falls_back(test_score, locale):
    assert sum(e.is_hedge for e, _ in test_score.results) >= MINIMUMS[locale].test_hedges
    assert test_score.hedges_to_fallback() == []


def test_the_scoring_can_fail(locale):
    # A recogniser that understands nothing scores nothing: the floors above are real.
    examples = evaluation.load_corpus(split_path(locale, "test"))
    deaf = evaluation.score("deaf", examples, lambda text: None)
    assert deaf.accuracy < 0.2
    assert len(deaf.emergencies_missed()) == sum(e.is_emergency for e in examples)
    assert len(deaf.hedges_to_fallback()) == sum(e.is_hedge for e in examples)


# ---- `back-spasm profile`, as a user runs it ----------------------------------------


def back_spasm() -> str:
    beside_python = Path(sys.executable).parent / "back-spasm"
    found = str(beside_python) if beside_python.exists() else shutil.which("back-spasm")
    assert found, "the back-spasm console script is not installed (pip install -e .)"
    return found


def profile(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([back_spasm(), "profile", *args], input=stdin, capture_output=True, text=True, timeout=120)


def test_profile_prints_one_json_object_per_argument():
    result = profile("my foot went numb", "I don't have a fever", "call 911 for me")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["intent"] for line in lines] == ["ReportSymptomIntent", "DenySymptomIntent", "CallForHelpIntent"]
    numb, fever, _ = lines
    assert numb["slots"]["symptom"]["id"] == "LIMB_NUMBNESS"
    assert numb["slots"]["symptom"]["resolution"] == "ER_SUCCESS_MATCH"
    assert fever["slots"]["symptom"] == {"value": "a fever", "id": "FEVER", "resolution": "ER_SUCCESS_MATCH"}
    assert fever["how"] == "pattern" and fever["sample"] == "I don't have {symptom}"


def test_profile_reads_lines_from_stdin():
    result = profile(stdin="since monday\n\nkinda\npurple spots on my toes\n")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["utterance"] for line in lines] == ["since monday", "kinda", "purple spots on my toes"]
    assert lines[0]["intent"] == "DurationIntent" and lines[0]["slots"]["startDate"]["value"]
    assert lines[1]["intent"] == "NotSureIntent"
    assert lines[2]["intent"] == FALLBACK_INTENT


def test_profile_evaluates_a_corpus_file(tmp_path):
    corpus = tmp_path / "mini.tsv"
    corpus.write_text(
        "# a tiny corpus\n"
        "ReportSymptomIntent\tFEVER\tI have a fever\n"
        "DenySymptomIntent\tFEVER\tno fever\n"
        "AMAZON.YesIntent\t-\tuh huh\thedge\n"
        "AMAZON.FallbackIntent\t-\tI have a fever\n",
        encoding="utf-8",
    )
    result = profile("--evaluate", str(corpus))
    assert result.returncode == 0, result.stderr
    assert "== matcher: 3/4 (75.0%) understood as labelled" in result.stdout
    assert "== exact: 3/4 (75.0%) understood as labelled" in result.stdout
    assert "== standin: 3/4 (75.0%) understood as labelled" in result.stdout
    assert "AMAZON.FallbackIntent -> ReportSymptomIntent(FEVER)" in result.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (("--locale", "xx-XX", "hello"), "unsupported locale"),
        (("--evaluate", "/no/such/corpus.tsv"), "No such file"),
        (("--worst", "-1", "hello"), "--worst"),
        (("--worst", "many"), "invalid int value"),
        (("--evaluate", "x.tsv", "hello"), "not both"),
    ],
)
def test_profile_bad_arguments_are_one_line_errors(args, message):
    result = profile(*args)
    assert result.returncode != 0
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
