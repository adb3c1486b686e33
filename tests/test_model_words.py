"""`back-spasm words`: the lexicon's phrases as SymptomType synonyms; only
those are written, twice changes nothing, and `--check` sees what is missing."""

from __future__ import annotations

import copy
import json

import pytest

from skill.core.rules import Symptom
from skill.tools.cli import main
from skill.tools.nlu.model_words import lexicon_synonyms, out_of_sync, write_synonyms
from skill.tools.paths import model_path


def model(locale):
    return json.loads(model_path(locale).read_text(encoding="utf-8"))


@pytest.mark.parametrize("locale", ["en-US", "es-US"])
def test_the_shipped_models_are_in_sync(locale):
    assert out_of_sync(model(locale), locale) == []
    assert write_synonyms(model(locale), locale) == 0


@pytest.mark.parametrize("locale", ["en-US", "es-US"])
def test_no_symptom_value_said_in_a_report_is_taken_for_a_denial(locale):
    # The Lambda acts on a report whose words deny as said ("steady on my feet") as a denial:
    # no value or synonym of the model may read so, or a device's report of it would be lost.
    from skill.core.lexicon import slots as slot_words

    types = model(locale)["interactionModel"]["languageModel"]["types"]
    values = next(t["values"] for t in types if t["name"] == "SymptomType")
    said = [(v["id"], s) for v in values for s in (v["name"]["value"], *v["name"].get("synonyms", []))]
    assert len(said) > 100
    assert [(value, s) for value, s in said if slot_words.denied_as_said(s, locale)] == []


@pytest.mark.parametrize("locale", ["en-US", "es-US"])
def test_writing_touches_only_symptom_type_synonyms_and_is_idempotent(locale):
    data = model(locale)
    language = data["interactionModel"]["languageModel"]
    symptom_type = next(t for t in language["types"] if t["name"] == "SymptomType")
    for value in symptom_type["values"]:
        value["name"]["synonyms"] = value["name"]["synonyms"][:1]  # as before the generator, roughly
    language["intents"].append({"name": "SomeoneElsesIntent", "samples": ["a new sample"]})
    before = copy.deepcopy(data)
    assert out_of_sync(data, locale)
    assert write_synonyms(data, locale) > 0
    assert out_of_sync(data, locale) == []
    assert write_synonyms(data, locale) == 0
    after_language = data["interactionModel"]["languageModel"]
    assert after_language["intents"] == before["interactionModel"]["languageModel"]["intents"]
    others = [t for t in after_language["types"] if t["name"] != "SymptomType"]
    assert others == [t for t in before["interactionModel"]["languageModel"]["types"] if t["name"] != "SymptomType"]


def test_a_phrase_in_the_wrong_value_is_moved():
    data = model("en-US")
    symptom_type = next(t for t in data["interactionModel"]["languageModel"]["types"] if t["name"] == "SymptomType")
    fever = next(v for v in symptom_type["values"] if v["id"] == "FEVER")
    fever["name"]["synonyms"].append("pins and needles")
    for value in symptom_type["values"]:
        if value["id"] == "LIMB_NUMBNESS":
            value["name"]["synonyms"].remove("pins and needles")
    assert any("pins and needles" in line and "FEVER" in line for line in out_of_sync(data, "en-US"))
    write_synonyms(data, "en-US")
    assert "pins and needles" not in fever["name"]["synonyms"]
    assert out_of_sync(data, "en-US") == []


def test_every_sign_but_the_one_needing_a_side_gets_lexicon_words():
    for locale in ("en-US", "es-US"):
        assert set(lexicon_synonyms(locale).values()) == set(Symptom) - {Symptom.ONE_SIDED_NUMBNESS}


def test_check_command_reports_and_exits_1(tmp_path, capsys):
    custom = tmp_path / "interactionModels" / "custom"
    custom.mkdir(parents=True)
    data = model("en-US")
    symptom_type = next(t for t in data["interactionModel"]["languageModel"]["types"] if t["name"] == "SymptomType")
    symptom_type["values"][0]["name"]["synonyms"] = []
    (custom / "en-US.json").write_text(json.dumps(data), encoding="utf-8")
    assert main(["words", "--check", "--model-dir", str(tmp_path)]) == 1
    assert "missing" in capsys.readouterr().out
    assert main(["words", "--model-dir", str(tmp_path)]) == 0
    assert main(["words", "--check", "--model-dir", str(tmp_path)]) == 0


def test_no_model_is_a_one_line_error(tmp_path, capsys):
    assert main(["words", "--model-dir", str(tmp_path)]) == 2
    assert "no interaction model" in capsys.readouterr().err


@pytest.mark.parametrize(("locale", "intent", "phrase"), [("en-US", "AMAZON.NoIntent", "nuh uh"), ("es-US", "AMAZON.NoIntent", "que va")])
def test_everyday_answers_are_samples_of_the_built_in_yes_and_no(locale, intent, phrase):
    from skill.tools.nlu.model_words import write_answers

    data = model(locale)
    intents = {i["name"]: i for i in data["interactionModel"]["languageModel"]["intents"]}
    assert phrase in intents[intent]["samples"]
    # taken out, the check sees it and writing puts it back, once
    intents[intent]["samples"].remove(phrase)
    assert any(f'"{phrase}"' in problem for problem in out_of_sync(data, locale))
    assert write_answers(data, locale) == 1 and write_answers(data, locale) == 0
    assert out_of_sync(data, locale) == []


@pytest.mark.parametrize(
    ("locale", "phrase", "sign"),
    [
        # led by a clitic: a verb bound to its clause; as a synonym its fragment "se me" fills a slot
        ("es-US", "se le salen gotitas", Symptom.BLADDER_BOWEL_CONTROL),
        # holding its own negation: a denial sample ("nada de {symptom}") would take it as the thing denied
        ("es-US", "dias y nada", Symptom.NOT_IMPROVING),
    ],
)
def test_a_phrase_bound_to_its_clause_or_negative_in_form_is_read_but_not_a_synonym(locale, phrase, sign):
    from skill.core.lexicon import read

    assert sign in {m.sign for m in read(phrase, locale).mentions if m.reported}
    assert phrase not in lexicon_synonyms(locale)


def test_no_synonym_opens_with_a_clitic_or_holds_a_negation():
    from skill.core.lexicon import NEGATIVE_WORDS, for_locale

    for locale in ("en-US", "es-US"):
        clitics = for_locale(locale).verb_clitics
        for spoken in lexicon_synonyms(locale):
            words = spoken.split()
            assert words[0] not in clitics and not NEGATIVE_WORDS & set(words), (locale, spoken)
