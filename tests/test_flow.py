"""`back-spasm flow` and docs/decision-flow.svg: the picture is regenerated from
the rules and compared with the one in the repository, and every edge the
picture draws is walked with the real skill (real envelopes through the real
lambda_handler) to prove it leads where it says."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from skill.core import speech
from skill.core.rules import QUESTIONS, Level
from skill.tools import paths
from tests.support import Dialog
from tests.test_chat import back_spasm

DOCS_SVG = paths.PROJECT_ROOT / "docs" / "decision-flow.svg"
SVG = "{http://www.w3.org/2000/svg}"
WORDS = speech.for_locale("en-US")
OUTCOME_TITLES = {level: WORDS.text(WORDS.advice_key(level, "card_title")) for level in Level}


def flow(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([back_spasm(), "flow", *args], capture_output=True, text=True, timeout=60)


def read_svg(path: Path) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """The drawn nodes (id -> their text, lines joined) and edges (source, target, label)."""
    root = ET.parse(path).getroot()
    nodes: dict[str, str] = {}
    edges: list[tuple[str, str, str]] = []
    for group in root.iter(f"{SVG}g"):
        title = group.findtext(f"{SVG}title") or ""
        text = " ".join((t.text or "").strip() for t in group.iter(f"{SVG}text"))
        if group.get("class") == "node":
            nodes[title] = text
        elif group.get("class") == "edge":
            source, target = title.split("->")
            edges.append((source, target, text))
    return nodes, edges


def test_docs_svg_is_what_the_rules_draw_today(tmp_path):
    out = tmp_path / "flow.svg"
    result = flow("--output", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == DOCS_SVG.read_bytes(), "docs/decision-flow.svg is stale: back-spasm flow --output docs/decision-flow.svg"


def test_every_question_is_drawn_in_rules_order_with_its_signs_levels():
    nodes, _ = read_svg(DOCS_SVG)
    questions = sorted((n for n in nodes if re.fullmatch(r"q\d+", n)), key=lambda n: int(n[1:]))
    assert len(questions) == len(QUESTIONS)
    for number, (node, question) in enumerate(zip(questions, QUESTIONS, strict=True), start=1):
        text = nodes[node]
        assert text.startswith(f"{number}. {WORDS.text(f'questions.{question.id}.ask')}"), text
        level = "emergency sign" if question.level is Level.EMERGENCY else "see-a-doctor sign"
        for sign in question.signs:
            assert f"{level}: {WORDS.text(f'symptoms.{sign.value}.name')}" in text
    for level, title in OUTCOME_TITLES.items():
        assert nodes[level.name.lower()].startswith(title)


def _walk(dialog: Dialog, before: int, answer: str) -> None:
    """Start the check, say "no" to the first `before` questions, then answer."""
    dialog.launch()
    dialog.yes()
    for _ in range(before):
        dialog.no()
    if answer == "yes":
        dialog.yes()
    elif answer == "no":
        dialog.no()
    else:
        dialog.not_sure()
        dialog.not_sure()


def test_every_drawn_answer_leads_where_the_skill_goes():
    nodes, edges = read_svg(DOCS_SVG)
    walked = set()
    for source, target, label in edges:
        if not re.fullmatch(r"q\d+", source):
            continue
        for answer in label.split(" / "):
            dialog = Dialog()
            _walk(dialog, int(source[1:]) - 1, {"yes": "yes", "no": "no", "not sure twice": "unsure"}[answer])
            if target.startswith("q"):
                assert not dialog.ended
                number = target[1:]
                assert nodes[target].startswith(f"{number}. {dialog.reprompted_question}"), (source, answer, dialog.said)
            else:
                assert dialog.ended or dialog.offering_reminder, (source, answer, dialog.said)  # self-care offers a reminder
                assert nodes[target].startswith(dialog.card["title"]), (source, answer, dialog.card)
            walked.add((source, answer))
    # Every question has all three answers drawn.
    assert walked == {(f"q{n}", a) for n in range(1, len(QUESTIONS) + 1) for a in ("yes", "no", "not sure twice")}


@pytest.mark.parametrize(
    "args, message",
    [
        (("--locale", "xx-XX"), "unsupported locale 'xx-XX'"),
        (("--output", "/nonexistent-dir/flow.svg"), "cannot write /nonexistent-dir/flow.svg"),
    ],
)
def test_bad_arguments_are_one_line_errors(args, message):
    result = flow(*args)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_svg_to_standard_output():
    result = flow("--output", "-")
    assert result.returncode == 0
    assert result.stdout.lstrip().startswith("<?xml") and "</svg>" in result.stdout
