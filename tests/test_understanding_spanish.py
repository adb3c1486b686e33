"""Understanding Spanish (es-US) as people say it: the Spanish corpus
(tests/corpus/es-US.*.tsv) scored with the chat matcher, the matcher's
Spanish words (accents, "sí", negations, spoken numbers, durations and dates),
and `back-spasm profile` / `back-spasm chat` with --locale es-US as a user
runs them. Floors are asserted on the test split (its first look is
recorded in the file); the corpus itself and its floors are checked with the
English one's in tests/test_understanding.py."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest

from skill.core import contract
from skill.tools import evaluation
from skill.tools.alexa.device import describe
from skill.tools.nlu import load, parse_duration
from skill.tools.nlu.spoken_dates import parse_date
from skill.tools.paths import PROJECT_ROOT, model_path
from tests.test_understanding import back_spasm

CORPUS = PROJECT_ROOT / "tests" / "corpus"
SPLITS = {split: CORPUS / f"es-US.{split}.tsv" for split in ("test", "dev", "holdout")}


@pytest.fixture(scope="module")
def matcher():
    return load(model_path("es-US"))


# ---- the matcher's Spanish ---------------------------------------------------------


@pytest.mark.parametrize(
    "line, intent, symptoms",
    [
        ("sí", contract.YES, set()),
        ("si", contract.YES, set()),
        ("Sí, claro", contract.YES, set()),
        ("no", contract.NO, set()),
        ("no estoy segura", contract.NOT_SURE, set()),
        ("no estoy seguro", contract.NOT_SURE, set()),
        ("no tengo fiebre", contract.DENY_SYMPTOM, {"FEVER"}),
        ("No tengo fiebre ni he bajado de peso", contract.DENY_SYMPTOM, {"FEVER", "WEIGHT_LOSS"}),
        ("no siento las piernas", contract.REPORT_SYMPTOM, {"LIMB_NUMBNESS"}),  # a "no" that reports
        ("no puedo orinar", contract.REPORT_SYMPTOM, {"URINATION_DIFFICULTY"}),
        ("me caí de la escalera y no siento los pies", contract.REPORT_SYMPTOM, {"SIGNIFICANT_TRAUMA", "LIMB_NUMBNESS"}),
        ("PERDÍ EL EQUILIBRIO", contract.REPORT_SYMPTOM, {"BALANCE_COORDINATION"}),
        ("perdi el equilibrio", contract.REPORT_SYMPTOM, {"BALANCE_COORDINATION"}),
        ("llama al 911", contract.CALL_FOR_HELP, set()),
        ("llama al nueve uno uno", contract.CALL_FOR_HELP, set()),
    ],
)
def test_spanish_lines(matcher, line, intent, symptoms):
    match = matcher.match(line)
    assert (match.intent, set(evaluation.symptom_ids(match))) == (intent, symptoms), describe(match)


@pytest.mark.parametrize(
    "line, iso",
    [
        ("hace dos semanas", "P2W"),
        ("diez días", "P10D"),
        ("10 dias", "P10D"),
        ("llevo una semana y media así", "P10DT12H"),
        ("como treinta y seis horas", "PT36H"),
        ("unos tres días", "P3D"),
    ],
)
def test_spanish_durations(matcher, line, iso):
    match = matcher.match(line)
    fill = match.slots.get(contract.DURATION_SLOT)
    assert match.intent == contract.DURATION and fill is not None and fill.spoken == iso, describe(match)


def test_spanish_numbers_and_dates_parse():
    assert parse_duration("veintidós días") == "P22D"
    assert parse_duration("un par de semanas") == "P2W"
    assert parse_duration("fiebre") is None
    today = date(2026, 11, 24)  # a Tuesday
    assert parse_date("ayer", today) == "2026-11-23"
    assert parse_date("el lunes pasado", today) == "2026-11-23"
    assert parse_date("el diez de noviembre", today) == "2026-11-10"
    assert parse_date("me caí", today) is None


def test_since_a_spanish_date_is_a_start_date(matcher):
    match = matcher.match("desde el lunes")
    fill = match.slots.get(contract.START_DATE_SLOT)
    assert match.intent == contract.DURATION and fill is not None and parse_date("lunes", date.today()) == fill.spoken, describe(match)


# ---- the command line, in Spanish ------------------------------------------------------


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([back_spasm(), *args], input=stdin, capture_output=True, text=True, timeout=120)


def test_chat_in_spanish_reaches_emergency_advice():
    result = run("chat", "--locale", "es-US", stdin="abre ayuda para espasmos de espalda\nsí\nsí\n")
    assert result.returncode == 0, result.stderr
    assert "¿Vemos si necesita un médico?" in result.stdout
    assert "¿Ha perdido el control de la vejiga o del intestino?" in result.stdout
    assert "Llame al 911 ahora." in result.stdout and "Es una emergencia." in result.stdout
    assert "no le entendí" not in result.stdout  # "abre ..." opened the skill, as on a device


def test_chat_in_spanish_one_shot_through_the_invocation_name():
    result = run("chat", "--locale", "es-US", "dile a ayuda para espasmos de espalda que no puedo sentir las piernas")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1].startswith("Alexa: Llame al 911 ahora.")


def test_chat_in_spanish_hears_a_denial():
    result = run("chat", "--locale", "es-US", "--show-intent", stdin="tengo fiebre\nno tengo fiebre\n")
    assert result.returncode == 0, result.stderr
    assert "[DenySymptomIntent" in result.stdout and "->FEVER" in result.stdout


def test_profile_in_spanish_scores_the_test_split():
    result = run("profile", "--locale", "es-US", "--evaluate", str(SPLITS["test"]))
    assert result.returncode == 0, result.stderr
    assert "es-US.test.tsv" in result.stdout and "== matcher:" in result.stdout


def test_unknown_locale_is_one_line_and_exit_2():
    result = run("chat", "--locale", "es-MX", stdin="")
    assert result.returncode != 0 and "es-MX" in result.stderr and "Traceback" not in result.stderr
