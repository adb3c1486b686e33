"""`back-spasm chat`, run as a user runs it: the installed console script,
fed from a pipe, its printed conversation checked."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from skill.core import speech
from skill.core.rules import QUESTIONS, Level
from tests.support import EMERGENCY_NUMBER, PHONE

LOCALE = speech.for_locale("en-US")


def back_spasm() -> str:
    beside_python = Path(sys.executable).parent / "back-spasm"
    found = str(beside_python) if beside_python.exists() else shutil.which("back-spasm")
    assert found, "the back-spasm console script is not installed (pip install -e .)"
    return found


def chat(*lines: str, args: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    return subprocess.run(
        [back_spasm(), "chat", *args],
        input="".join(f"{line}\n" for line in lines),
        capture_output=True,
        text=True,
        timeout=60,
    )


def alexa_lines(result) -> list[str]:
    return [line.removeprefix("Alexa: ") for line in result.stdout.splitlines() if line.startswith("Alexa: ")]


def said(result) -> str:
    """The last thing Alexa said."""
    return alexa_lines(result)[-1]


def ok(result) -> subprocess.CompletedProcess:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def test_starts_with_the_launch():
    result = ok(chat())
    assert alexa_lines(result)[0].startswith(LOCALE.text("welcome").split(".")[0])


@pytest.mark.parametrize("phrase", ["i wet myself", "I can't feel my legs"])
def test_emergency_phrase_gives_call_911_and_ends(phrase):
    # The lines after the advice are never read: the session has ended.
    result = ok(chat(phrase, "yes", "what causes back spasms"))
    assert said(result).startswith(f"Call {EMERGENCY_NUMBER} now.")
    assert f"You: {phrase}" in result.stdout
    assert "You: yes" not in result.stdout
    assert "[Card: " in result.stdout


def test_fever_then_no_answers_gives_orthonys_number():
    emergency_questions = sum(1 for question in QUESTIONS if question.level is Level.EMERGENCY)
    result = ok(chat("i have a fever", *["no"] * emergency_questions))
    lines = alexa_lines(result)
    assert "fever" in lines[1] and not lines[1].startswith("Call")  # acknowledged, then the emergency questions
    assert "see a doctor" in said(result) and PHONE in said(result)
    card = result.stdout.split("[Card: ", 1)[1]
    assert PHONE in card and "Not a diagnosis" in card


def test_all_no_guided_check_gives_self_care():
    result = ok(chat("yes", *["no"] * len(QUESTIONS)))
    questions = alexa_lines(result)[1:-1]
    assert len(questions) == len(QUESTIONS)  # one line per question, then the advice
    assert "No warning signs" in said(result)
    assert f"Call {EMERGENCY_NUMBER} if you" in said(result)
    assert "[Card: " in result.stdout and PHONE in result.stdout


def test_check_started_by_a_question_with_a_duration_answer():
    answers = ["no"] * (len(QUESTIONS) - 1) + ["about two weeks"]
    result = ok(chat("should I see a doctor?", *answers))
    # Two weeks of spasms without improvement is a reason to see a doctor.
    assert "see a doctor" in said(result) and PHONE in said(result)


def test_unknown_phrase_gets_the_fallback_reply():
    result = ok(chat("purple monkey dishwasher"))
    fallback = LOCALE.text("fallback")
    assert said(result).startswith(fallback)
    assert said(result) != alexa_lines(result)[0]


def test_unrecognised_symptom_is_not_the_fallback():
    result = ok(chat("yes", "I have a headache"))
    assert said(result).startswith(LOCALE.text("unknown_symptom"))


@pytest.mark.parametrize("locale", ["xx-XX", "en-us ", "../en-US"])
def test_bad_locale_is_one_line_and_non_zero(locale):
    result = chat("yes", args=("--locale", locale))
    assert result.returncode != 0
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "locale" in lines[0] and "en-US" in lines[0]


def test_end_of_input_exits_zero_mid_conversation():
    result = ok(chat("yes"))
    assert said(result).endswith(LOCALE.text(f"questions.{QUESTIONS[0].id}.ask"))


def test_blank_lines_are_ignored():
    result = ok(chat("", "   ", "yes", ""))
    assert len(alexa_lines(result)) == 2
    assert LOCALE.text("fallback") not in result.stdout


def test_stop_ends_the_session_quietly():
    result = ok(chat("stop", "yes"))
    assert said(result) == LOCALE.text("goodbye")
    assert "You: yes" not in result.stdout


def test_show_intent():
    result = ok(chat("I have a fever and I can't feel my legs", args=("--show-intent",)))
    assert '[ReportSymptomIntent symptom="a fever"->FEVER' in result.stdout
    assert "->LIMB_NUMBNESS" in result.stdout
    assert said(result).startswith(f"Call {EMERGENCY_NUMBER} now.")


def test_one_shot_first_line():
    result = ok(chat(args=("ask", "back", "spasm", "helper", "what's", "OrthoNY's", "number")))
    first = alexa_lines(result)[0]
    assert PHONE in first and not first.startswith(LOCALE.text("welcome")[:10])


def test_missing_or_broken_model_is_a_one_line_error(tmp_path, monkeypatch):
    from skill.tools.alexa import device
    from skill.tools.cli import CliError

    monkeypatch.setattr(device, "model_path", lambda locale: tmp_path / f"{locale}.json")
    with pytest.raises(CliError, match="no interaction model for en-US"):
        device.load_matcher("en-US")
    (tmp_path / "en-US.json").write_text('{"interactionModel": ', encoding="utf-8")
    with pytest.raises(CliError, match="cannot read the en-US interaction model") as error:
        device.load_matcher("en-US")
    assert "\n" not in str(error.value)


def test_a_piped_conversation_can_open_the_skill_as_a_user_does():
    result = ok(chat("open back spasm helper", "yes"))
    welcome = LOCALE.text("welcome").split(".")[0]
    lines = alexa_lines(result)
    assert lines[0].startswith(welcome) and not any(line.startswith(welcome) for line in lines[1:])
    assert result.stdout.startswith("You: open back spasm helper\nAlexa: ")
    assert "didn't get that" not in result.stdout


def test_a_line_said_to_alexa_mid_conversation_reaches_the_skill():
    result = ok(chat("yes", "Alexa, ask back spasm helper what's the phone number"))
    assert PHONE in alexa_lines(result)[-1]
