"""`back-spasm validate`: the shipped skill package is clean, and a copy broken
in each way the checker knows is reported, with its file and place."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from skill.core import handlers
from skill.tools.cli import main
from skill.tools.paths import INTERACTION_MODEL_DIR, model_path
from skill.tools.validate import shape, validate

LINE = re.compile(r"^(?P<file>[^:]+):(?P<place>[^:]+): (?P<message>.+) \[(?P<code>[a-z.-]+)\]$")


def language_model(data: dict) -> dict:
    return data["interactionModel"]["languageModel"]


def intent(data: dict, name: str) -> dict:
    return next(i for i in language_model(data)["intents"] if i["name"] == name)


def symptom_type(data: dict) -> dict:
    return next(t for t in language_model(data)["types"] if t["name"] == "SymptomType")


def phrases(manifest: dict) -> list:
    return manifest["manifest"]["publishingInformation"]["locales"]["en-US"]["examplePhrases"]


def broken_copy(
    tmp_path: Path,
    model: Callable[[dict], object] | None = None,
    manifest: Callable[[dict], object] | None = None,
) -> Path:
    """A copy of the shipped skill package with `model` / `manifest` applied
    to its en-US model / skill.json (each edits the parsed JSON in place)."""
    root = tmp_path / "interaction_model"
    shutil.copytree(INTERACTION_MODEL_DIR, root)
    for path, edit in ((model_path("en-US", root), model), (root / "skill.json", manifest)):
        if edit:
            data = json.loads(path.read_text())
            edit(data)
            path.write_text(json.dumps(data, indent=2))
    return root


def codes(root: Path, **kwargs) -> set[str]:
    return {problem.code for problem in validate(root, **kwargs)}


# ------------------------------------------------------------------ clean


def test_shipped_model_and_manifest_are_clean():
    assert validate(INTERACTION_MODEL_DIR) == []


def test_cli_exit_zero_when_clean(capsys):
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.startswith("ok:")


def test_cli_lists_problems_with_file_and_place(tmp_path, capsys):
    root = broken_copy(tmp_path, model=lambda m: language_model(m).update(invocationName="Back Spasm"))
    assert main(["validate", "--model-dir", str(root)]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines
    for line in lines:
        match = LINE.match(line)
        assert match, line
    first = LINE.match(lines[0])
    assert first["file"].endswith("en-US.json")
    assert first["place"] == "interactionModel.languageModel.invocationName"
    assert first["code"] == "invocation.characters"


def test_cli_missing_directory_is_a_one_line_error(tmp_path, capsys):
    assert main(["validate", "--model-dir", str(tmp_path / "nowhere")]) == 2
    assert "no such directory" in capsys.readouterr().err


# ------------------------------------------------------- shape (ask-smapi-model)


@pytest.mark.parametrize(
    "edit, place",
    [
        (lambda m: language_model(m).update(invocationName=5), "interactionModel.languageModel.invocationName"),
        (lambda m: intent(m, "CausesIntent").update(samples="what causes"), ".samples"),
        (lambda m: language_model(m)["intents"][1]["slots"][0].update(name=["symptom"]), ".slots[0].name"),
        (lambda m: language_model(m).update(intents={"name": "x"}), "interactionModel.languageModel.intents"),
    ],
)
def test_wrong_type_in_model(tmp_path, edit, place):
    problems = validate(broken_copy(tmp_path, model=edit))
    assert any(p.code == "shape.type" and p.place.endswith(place) for p in problems), problems


def test_wrong_type_in_manifest(tmp_path):
    root = broken_copy(tmp_path, manifest=lambda m: m["manifest"]["publishingInformation"].update(isAvailableWorldwide="no"))
    (problem,) = validate(root)
    assert (problem.code, problem.place) == ("shape.type", "manifest.publishingInformation.isAvailableWorldwide")
    assert problem.file.endswith("skill.json")


def test_unknown_enum_value_in_manifest(tmp_path):
    root = broken_copy(tmp_path, manifest=lambda m: m["manifest"]["publishingInformation"].update(distributionCountries=["XX"]))
    assert "shape.enum" in codes(root)


@pytest.mark.parametrize(
    "model, manifest, place",
    [
        (lambda m: language_model(m).update(invocationNmae="x"), None, "interactionModel.languageModel.invocationNmae"),
        (lambda m: intent(m, "CausesIntent").update(utterances=["x"]), None, ".utterances"),
        (None, lambda m: m["manifest"].update(publishingInfo={}), "manifest.publishingInfo"),
    ],
)
def test_unknown_key(tmp_path, model, manifest, place):
    problems = validate(broken_copy(tmp_path, model=model, manifest=manifest))
    assert any(p.code == "shape.unknown-key" and p.place.endswith(place) for p in problems), problems


def test_round_trip_catches_what_the_classes_drop(tmp_path, monkeypatch):
    """Without the type walk, the round trip through the smapi classes alone
    still finds the unknown key and the coerced value."""
    monkeypatch.setattr(shape, "_walk", lambda *args: None)

    def edit(m):
        language_model(m)["invocationNmae"] = "x"
        intent(m, "CausesIntent")["samples"][0] = 7

    problems = validate(broken_copy(tmp_path, model=edit), project_rules=False)
    round_trip = {p.place for p in problems if p.code == "shape.round-trip"}
    assert "interactionModel.languageModel.invocationNmae" in round_trip
    assert any(place.endswith(".samples[0]") for place in round_trip)


def test_invalid_json_reports_line_and_column(tmp_path):
    root = broken_copy(tmp_path)
    model_path("en-US", root).write_text('{\n  "interactionModel": {,\n}')
    problems = validate(root)
    assert any(p.code == "json.syntax" and p.place == "line 2 column 24" for p in problems), problems


# ------------------------------------------------------------ Amazon's rules


@pytest.mark.parametrize(
    "name, code",
    [
        ("backspasm", "invocation.words"),
        ("Back Spasm Helper", "invocation.characters"),
        ("back spasm 2 helper", "invocation.characters"),
        ("open back spasm helper", "invocation.launch-word"),
        ("ask back spasm", "invocation.launch-word"),
        ("tell back spasm", "invocation.launch-word"),
        ("launch back spasm", "invocation.launch-word"),
        ("alexa back spasm", "invocation.wake-word"),
        ("amazon back helper", "invocation.wake-word"),
        ("echo back helper", "invocation.wake-word"),
        ("computer back helper", "invocation.wake-word"),
        ("back spasm skill", "invocation.wake-word"),
        ("back spasm app", "invocation.wake-word"),
        ("back spasm helper!", "invocation.characters"),
        ("back spasm etc.", "invocation.periods"),
        ("the helper", "invocation.two-words"),
        ("", "invocation.missing"),
    ],
)
def test_invocation_name_rules(tmp_path, name, code):
    root = broken_copy(tmp_path, model=lambda m: language_model(m).update(invocationName=name))
    assert code in codes(root, project_rules=False)


def test_invocation_name_allowed_forms(tmp_path):
    for name in ("back spasm helper", "sam's back helper", "o. n. y. back helper"):
        root = broken_copy(tmp_path / name.replace(" ", "_"), model=lambda m, name=name: language_model(m).update(invocationName=name))
        assert not {c for c in codes(root, project_rules=False) if c.startswith("invocation.")}, name


def test_slot_used_in_sample_must_be_declared(tmp_path):
    root = broken_copy(tmp_path, model=lambda m: intent(m, "CausesIntent")["samples"].append("what causes {thing}"))
    problems = validate(root)
    (problem,) = [p for p in problems if p.code == "sample.undeclared-slot"]
    assert "{thing}" in problem.message and "CausesIntent" in problem.message
    assert re.fullmatch(r"interactionModel\.languageModel\.intents\[\d+\]\.samples\[\d+\]", problem.place)


def test_custom_slot_type_must_exist(tmp_path):
    root = broken_copy(tmp_path, model=lambda m: intent(m, "ReportSymptomIntent")["slots"][1].update(type="SymptomKind"))
    assert "slot.unknown-type" in codes(root)


def test_custom_slot_type_must_exist_even_when_types_is_empty(tmp_path):
    def edit(m):
        language_model(m)["types"] = []

    assert "slot.unknown-type" in codes(broken_copy(tmp_path, model=edit), project_rules=False)


def test_no_sample_in_two_intents(tmp_path):
    root = broken_copy(tmp_path, model=lambda m: intent(m, "CausesIntent")["samples"].append("Should I see a DOCTOR"))
    (problem,) = [p for p in validate(root) if p.code == "sample.conflict"]
    assert "StartCheckIntent" in problem.message and "CausesIntent" in problem.message


def test_no_sample_twice_in_one_intent(tmp_path):
    root = broken_copy(tmp_path, model=lambda m: intent(m, "CausesIntent")["samples"].append("what causes back spasms"))
    assert "sample.duplicate" in codes(root)


@pytest.mark.parametrize(
    "builtin",
    ["AMAZON.CancelIntent", "AMAZON.HelpIntent", "AMAZON.StopIntent", "AMAZON.NavigateHomeIntent", "AMAZON.FallbackIntent"],
)
def test_required_builtin_intents(tmp_path, builtin):
    def edit(m):
        language_model(m)["intents"] = [i for i in language_model(m)["intents"] if i["name"] != builtin]

    problems = validate(broken_copy(tmp_path, model=edit), project_rules=False)
    assert [p.message for p in problems if p.code == "intent.required"] == [f"required built-in intent {builtin} is missing"]


@pytest.mark.parametrize(
    "sample, code",
    [
        ("what causes " + "really " * 30 + "bad back spasms", "sample.length"),
        ("what causes 2 back spasms", "sample.characters"),
        ("what causes back spasms?", "sample.characters"),
        ("what causes back spasms, really", "sample.characters"),
        ("what causes back spasms etc.", "sample.periods"),
        ("what causes back- spasms", "sample.hyphens"),
        ("what 'causes back spasms", "sample.apostrophes"),
        ("what causes {symptom", "sample.braces"),
        ("", "sample.empty"),
    ],
)
def test_sample_limits_and_characters(tmp_path, sample, code):
    root = broken_copy(tmp_path, model=lambda m: intent(m, "CausesIntent")["samples"].append(sample))
    assert code in codes(root, project_rules=False)


def test_slot_reference_is_a_whole_word(tmp_path):
    root = broken_copy(tmp_path, model=lambda m: intent(m, "ReportSymptomIntent")["samples"].append("I have {symptom}'s"))
    assert "sample.slot-word" in codes(root, project_rules=False)


def test_allowed_sample_forms(tmp_path):
    ok = ["what's the number for ortho n. y.", "it's a well-known problem", "the boys' backs hurt", "so now I have {symptom}"]
    root = broken_copy(tmp_path, model=lambda m: intent(m, "ReportSymptomIntent")["samples"].extend(ok))
    assert validate(root) == []


def test_sample_limit_is_two_hundred_characters(tmp_path):
    at_limit = ("spasm " * 40)[:199] + "s"
    assert len(at_limit) == 200
    root = broken_copy(tmp_path, model=lambda m: intent(m, "CausesIntent")["samples"].append(at_limit.strip()))
    assert "sample.length" not in codes(root, project_rules=False)


@pytest.mark.parametrize("where", ["value", "synonym"])
def test_slot_value_limit(tmp_path, where):
    def edit(m):
        entry = symptom_type(m)["values"][0]["name"]
        if where == "value":
            entry["value"] = "x" * 141
        else:
            entry["synonyms"].append("y" * 141)

    assert "type.length" in codes(broken_copy(tmp_path, model=edit), project_rules=False)


def test_slot_value_ids_unique(tmp_path):
    def edit(m):
        symptom_type(m)["values"][1]["id"] = symptom_type(m)["values"][0]["id"]

    assert "type.duplicate-id" in codes(broken_copy(tmp_path, model=edit), project_rules=False)


def test_intent_and_slot_names(tmp_path):
    def edit(m):
        intent(m, "CausesIntent")["name"] = "Causes Intent2"
        intent(m, "ReportSymptomIntent")["slots"][1]["name"] = "other-symptom"

    found = codes(broken_copy(tmp_path, model=edit), project_rules=False)
    assert {"intent.name", "slot.name", "sample.undeclared-slot"} <= found


# ------------------------------------------------------------ example phrases


@pytest.mark.parametrize(
    "index, phrase, code",
    [
        (1, "Alexa, ask back spasm helper to order a pizza", "phrase.no-sample"),
        (2, "Alexa, tell back spasm helper I have a sore toe", "phrase.no-sample"),
        (0, "Alexa, open spasm helper", "phrase.first"),
        (1, "ask back spasm helper should I see a doctor", "phrase.wake-word"),
        (1, "Alexa, back spasm helper should I see a doctor", "phrase.invocation"),
    ],
)
def test_example_phrases_match_the_model(tmp_path, index, phrase, code):
    root = broken_copy(tmp_path, manifest=lambda m: phrases(m).__setitem__(index, phrase))
    (problem,) = validate(root)
    assert problem.code == code
    assert problem.place == f"manifest.publishingInformation.locales.en-US.examplePhrases[{index}]"


@pytest.mark.parametrize(
    "phrase",
    [
        "Alexa, ask back spasm helper what causes back spasms?",
        "Alexa, tell back spasm helper I can't feel my legs and I have a fever.",
        "Alexa, tell back spasm helper about two weeks",
        "Alexa, ask back spasm helper to check my back",
        "Alexa, launch back spasm helper",
    ],
)
def test_example_phrases_accepted(tmp_path, phrase):
    root = broken_copy(tmp_path, manifest=lambda m: phrases(m).__setitem__(2, phrase))
    assert validate(root) == []


def test_example_phrase_count_and_locales(tmp_path):
    def edit(m):
        phrases(m).append("Alexa, ask back spasm helper what helps")
        m["manifest"]["publishingInformation"]["locales"]["en-GB"] = {"name": "x", "examplePhrases": ["Alexa, open x y"]}

    found = codes(broken_copy(tmp_path, manifest=edit))
    assert {"phrase.count", "manifest.locales"} <= found


# -------------------------------------------------------------- project rules


def test_model_intent_without_handler(tmp_path):
    root = broken_copy(tmp_path, model=lambda m: language_model(m)["intents"].append({"name": "OrderPizzaIntent", "samples": ["order a pizza"]}))
    (problem,) = validate(root)
    assert problem.code == "handler.missing" and "OrderPizzaIntent" in problem.message


def test_handled_intent_missing_from_model(tmp_path):
    def edit(m):
        language_model(m)["intents"] = [i for i in language_model(m)["intents"] if i["name"] != "HowLongIntent"]

    problems = validate(broken_copy(tmp_path, model=edit))
    extra = [p for p in problems if p.code == "handler.extra"]
    assert len(extra) == 1 and "HowLongIntent" in extra[0].message and "INTENT_MOVES" in extra[0].message
    assert "contract.intent" in {p.code for p in problems}


def test_handled_intents_are_the_handler_table(monkeypatch):
    """The set of handled intents is INTENT_MOVES itself: an intent taken out
    of the table is unhandled (only the catch-all would answer it), one added
    to it must be in every model."""
    monkeypatch.delitem(handlers.INTENT_MOVES, "CausesIntent")
    monkeypatch.setitem(handlers.INTENT_MOVES, "OrderPizzaIntent", handlers.INTENT_MOVES["AMAZON.HelpIntent"])
    en_us = [problem for problem in validate(INTERACTION_MODEL_DIR) if problem.file.endswith("en-US.json")]
    missing, extra = sorted(en_us, key=lambda p: p.code, reverse=True)
    assert missing.code == "handler.missing" and "CausesIntent" in missing.message
    assert re.fullmatch(r"interactionModel\.languageModel\.intents\[\d+\]", missing.place)
    assert extra.code == "handler.extra" and "OrderPizzaIntent" in extra.message and "en-US" in extra.message


def test_the_spoken_invocation_name_is_the_models(tmp_path):
    """After "hold on" the reprompt says how to open the skill again: with the model's own name."""
    root = broken_copy(tmp_path, model=lambda m: language_model(m).update(invocationName="back pain helper"))
    (problem,) = [p for p in validate(root) if p.code == "speech.invocation"]
    assert problem.file.endswith("en-US.json") and "'back spasm helper'" in problem.message and "'back pain helper'" in problem.message


def test_symptom_id_unknown_to_rules(tmp_path):
    root = broken_copy(tmp_path, model=lambda m: symptom_type(m)["values"].append({"id": "SORE_TOE", "name": {"value": "a sore toe"}}))
    (problem,) = validate(root)
    assert problem.code == "rules.unknown-id" and "SORE_TOE" in problem.message


def test_rule_symptom_without_slot_value(tmp_path):
    def edit(m):
        symptom_type(m)["values"] = [v for v in symptom_type(m)["values"] if v["id"] != "WEIGHT_LOSS"]

    (problem,) = validate(broken_copy(tmp_path, model=edit))
    assert problem.code == "rules.no-slot-value" and "WEIGHT_LOSS" in problem.message


def test_symptom_value_needs_an_id(tmp_path):
    root = broken_copy(tmp_path, model=lambda m: symptom_type(m)["values"][0].pop("id"))
    assert {"rules.no-id", "rules.no-slot-value"} <= codes(root)


def test_contract_slot_types(tmp_path):
    root = broken_copy(tmp_path, model=lambda m: intent(m, "DurationIntent")["slots"][0].update(type="AMAZON.NUMBER"))
    assert "contract.slot" in codes(root)


def test_locale_without_speech_strings(tmp_path):
    root = broken_copy(tmp_path)
    model_path("en-US", root).rename(model_path("en-GB", root))
    found = codes(root)
    assert {"speech.locale", "manifest.locales"} <= found


# ------------------------------------------------ a small model of our own


TINY_MODEL = {
    "interactionModel": {
        "languageModel": {
            "invocationName": "tiny tester",
            "intents": [
                {"name": "AMAZON.CancelIntent", "samples": []},
                {"name": "AMAZON.HelpIntent", "samples": []},
                {"name": "AMAZON.StopIntent", "samples": []},
                {"name": "AMAZON.NavigateHomeIntent", "samples": []},
                {"name": "AMAZON.FallbackIntent", "samples": []},
                {
                    "name": "ColorIntent",
                    "slots": [{"name": "color", "type": "ColorType"}],
                    "samples": ["my favorite color is {color}", "{color}"],
                },
            ],
            "types": [{"name": "ColorType", "values": [{"id": "RED", "name": {"value": "red", "synonyms": ["crimson"]}}]}],
        }
    }
}
TINY_MANIFEST = {
    "manifest": {
        "manifestVersion": "1.0",
        "apis": {"custom": {}},
        "publishingInformation": {
            "locales": {"en-US": {"name": "Tiny", "examplePhrases": ["Alexa, open tiny tester", "Alexa, tell tiny tester my favorite color is crimson"]}}
        },
    }
}


def tiny(tmp_path: Path) -> Path:
    root = tmp_path / "tiny"
    model_path("en-US", root).parent.mkdir(parents=True)
    model_path("en-US", root).write_text(json.dumps(TINY_MODEL))
    (root / "skill.json").write_text(json.dumps(TINY_MANIFEST))
    return root


def test_tiny_model_passes_amazon_rules(tmp_path):
    assert validate(tiny(tmp_path), project_rules=False) == []


def test_tiny_model_fails_project_rules(tmp_path):
    """Another skill's model is not this skill's: contract and handlers disagree."""
    found = codes(tiny(tmp_path))
    assert {"contract.intent", "handler.missing", "handler.extra", "rules.slot-type"} <= found


@pytest.mark.parametrize(
    "text",
    ["[1, 2]", '{"interactionModel": {}}', '{"interactionModel": {"languageModel": {"intents": "x"}}}'],
)
def test_broken_structure_is_reported_not_crashed_on(tmp_path, text):
    root = broken_copy(tmp_path)
    model_path("en-US", root).write_text(text)
    problems = validate(root)
    assert problems and all(p.place for p in problems)
    # The project rules do not echo a structure problem as dozens of missing intents.
    assert not {"contract.intent", "handler.extra"} & {p.code for p in problems}


def test_missing_files(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert {"model.missing", "manifest.missing"} <= codes(empty)


def test_a_model_the_loader_cannot_read_is_reported(tmp_path):
    """An intent without a name breaks no Amazon rule the checks look at, but
    no tool can read the model: said once, with its place."""
    root = broken_copy(tmp_path, model=lambda m: language_model(m)["intents"][3].pop("name"))
    (problem,) = validate(root)
    assert (problem.code, problem.place) == ("model.structure", "interactionModel.languageModel.intents[3].name")


def test_a_new_check_is_one_entry_in_checks(tmp_path, monkeypatch, capsys):
    """CHECKS is the one list of checks: an entry added there runs, and its
    problems are printed like the others; a project rule is skipped by
    --no-project-rules."""
    from skill.tools.validate import CHECKS, Check, Problem, SkillPackage

    def a_new_rule(package: SkillPackage) -> list[Problem]:
        return [Problem(package.manifest_name, "manifest", "a new rule", "new.rule")]

    monkeypatch.setattr("skill.tools.validate.CHECKS", [*CHECKS, Check("new", a_new_rule, project_rule=True)])
    assert main(["validate"]) == 1
    (line,) = capsys.readouterr().out.splitlines()
    assert LINE.match(line)["code"] == "new.rule"
    assert main(["validate", "--no-project-rules"]) == 0


def test_cli_in_a_subprocess(tmp_path):
    import subprocess
    import sys

    clean = subprocess.run([sys.executable, "-m", "skill.tools.cli", "validate"], capture_output=True, text=True, timeout=120)
    assert (clean.returncode, clean.stderr) == (0, "")
    assert clean.stdout.startswith("ok: 3 files in ")
    root = broken_copy(tmp_path, model=lambda m: intent(m, "CausesIntent")["samples"].append("what causes {thing}"))
    broken = subprocess.run([sys.executable, "-m", "skill.tools.cli", "validate", "--model-dir", str(root)], capture_output=True, text=True, timeout=120)
    assert broken.returncode == 1 and broken.stderr == "1 problem found\n"
    (line,) = broken.stdout.splitlines()
    assert LINE.match(line)["code"] == "sample.undeclared-slot"
