"""`back-spasm export-dialogs`: ASK CLI replay files for every main path in
both locales, checked against the replay file format from the ASK CLI's
documentation (the CLI itself is a Node program that needs an Amazon account
to run a replay), and this project's answers next to each."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from skill.core import contract
from skill.core.speech import supported_locales
from skill.tools.cli import main
from skill.tools.export_dialogs import QUIT, replay_paths
from tests.support import PHONE

SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "ask_dialog_replay.schema.json").read_text())
SKILL_ID = "amzn1.ask.skill.11111111-2222-4333-8444-555555555555"
PATHS = ("guided-emergency", "one-shot-emergency", "see-doctor", "all-no-reminder-offer", "information", "navigation")


def schema_problems(value: Any, schema: dict, place: str = "") -> list[str]:
    """The JSON Schema keywords the replay schema uses, and nothing more."""
    kinds = {"object": dict, "array": list, "string": str}
    if "type" in schema and not isinstance(value, kinds[schema["type"]]):
        return [f"{place or '(top)'}: not a {schema['type']}"]
    problems = []
    if "const" in schema and value != schema["const"]:
        problems.append(f"{place}: {value!r} is not {schema['const']!r}")
    if "pattern" in schema and not re.search(schema["pattern"], value):
        problems.append(f"{place}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, dict):
        problems += [f"{place}.{key}: missing" for key in schema.get("required", []) if key not in value]
        if schema.get("additionalProperties") is False:
            problems += [f"{place}.{key}: not in the format" for key in value if key not in schema["properties"]]
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                problems += schema_problems(value[key], sub, f"{place}.{key}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            problems.append(f"{place}: fewer than {schema['minItems']} items")
        for index, item in enumerate(value):
            problems += schema_problems(item, schema.get("items", {}), f"{place}[{index}]")
    return problems


def test_the_schema_check_can_fail():
    good = {"skillId": SKILL_ID, "locale": "en-US", "type": "text", "userInput": ["open back spasm helper"]}
    assert schema_problems(good, SCHEMA) == []
    for bad in (
        {**good, "type": "voice"},
        {**good, "userInput": ["  "]},
        {**good, "extra": 1},
        {k: v for k, v in good.items() if k != "locale"},
        {**good, "skillId": ""},
    ):
        assert schema_problems(bad, SCHEMA), bad


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("replay")
    assert main(["export-dialogs", "--output", str(output), "--skill-id", SKILL_ID]) == 0
    return output


def load(exported: Path, locale: str, path: str, kind: str) -> dict:
    return json.loads((exported / f"{locale}-{path}.{kind}.json").read_text(encoding="utf-8"))


def test_every_main_path_in_every_locale(exported):
    assert set(replay_paths()) == set(PATHS)
    names = {p.name for p in exported.iterdir()}
    assert names == {f"{locale}-{path}.{kind}.json" for locale in supported_locales() for path in PATHS for kind in ("replay", "expected")}
    assert set(supported_locales()) == {"en-US", "es-US"}


@pytest.mark.parametrize("locale", ["en-US", "es-US"])
@pytest.mark.parametrize("path", PATHS)
def test_replay_files_follow_the_documented_format(exported, locale, path):
    replay = load(exported, locale, path, "replay")
    assert schema_problems(replay, SCHEMA) == []
    assert (replay["skillId"], replay["locale"], replay["userInput"][-1]) == (SKILL_ID, locale, QUIT)
    expected = load(exported, locale, path, "expected")
    assert [turn["userInput"] for turn in expected["turns"]] == replay["userInput"][:-1]


@pytest.mark.parametrize("locale", ["en-US", "es-US"])
def test_the_answers_are_the_skills_and_reach_each_paths_outcome(exported, locale):
    turns = {path: load(exported, locale, path, "expected")["turns"] for path in PATHS}
    for path in ("guided-emergency", "one-shot-emergency"):
        last = turns[path][-1]
        assert last["shouldEndSession"] and "911" in last["alexa"].split(".")[0], (path, last)
    assert turns["one-shot-emergency"][0]["intent"] == contract.REPORT_SYMPTOM
    assert turns["guided-emergency"][0]["request"] == "LaunchRequest"
    assert PHONE in turns["see-doctor"][-1]["alexa"] and turns["see-doctor"][-1]["shouldEndSession"]
    offer, declined = turns["all-no-reminder-offer"][-2:]
    assert "reprompt" in offer and "911" in offer["alexa"] and not offer["shouldEndSession"]
    assert declined["intent"] == contract.NO and declined["shouldEndSession"]
    assert [t.get("intent") for t in turns["information"][1:-1]] == [contract.CAUSES, contract.HOW_LONG, contract.SELF_CARE, contract.CONTACT]
    assert PHONE in turns["information"][4]["alexa"]
    assert [t.get("intent") for t in turns["navigation"][3:]] == [contract.HELP, contract.REPEAT, contract.PREVIOUS, contract.START_OVER, contract.STOP]


def test_a_bad_skill_id_is_a_one_line_error(tmp_path, capsys):
    assert main(["export-dialogs", "--output", str(tmp_path), "--skill-id", "my skill"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a skill id" in err


def test_an_unwritable_output_is_a_one_line_error(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["export-dialogs", "--output", str(blocker / "replay"), "--skill-id", SKILL_ID]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_without_a_skill_id_it_says_so(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("ALEXA_SKILL_ID", raising=False)
    monkeypatch.chdir(tmp_path)  # no .ask/ask-states.json here
    assert main(["export-dialogs", "--output", str(tmp_path / "out")]) == 0
    assert "placeholder" in capsys.readouterr().err
