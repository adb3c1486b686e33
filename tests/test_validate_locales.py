"""Locale parity in `back-spasm validate`, and Amazon's rules in Spanish:
a key, a placeholder, a symptom or a screen string missing from one locale
is reported with the file and the key; a Spanish invocation name with a
Spanish launch word, and Spanish example phrases that match no sample, are
refused."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from skill.core import speech
from skill.tools.paths import INTERACTION_MODEL_DIR, model_path
from skill.tools.validate import locales, validate


@pytest.fixture
def locale_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the locale files the parity check reads instead of the shipped ones."""
    copy = tmp_path / "locales"
    shutil.copytree(speech.LOCALES_DIR, copy)
    monkeypatch.setattr(locales, "LOCALES_DIR", copy)
    return copy


def edit(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_shipped_locales_are_in_parity():
    assert speech.supported_locales() == ["en-US", "es-US"]
    assert [p for p in validate(INTERACTION_MODEL_DIR) if p.code.startswith("locale.")] == []


def test_missing_key_is_reported_with_file_and_key(locale_copy):
    edit(locale_copy / "es-US.json", lambda d: d["advice"]["SELF_CARE"].pop("warning"))
    (problem,) = validate(INTERACTION_MODEL_DIR)
    assert (problem.file.endswith("es-US.json"), problem.place, problem.code) == (True, "advice.SELF_CARE.warning", "locale.key")
    assert "en-US" in problem.message


def test_key_only_in_the_second_locale_is_missing_from_the_first(locale_copy):
    edit(locale_copy / "es-US.json", lambda d: d.update(see_you="Hasta pronto."))
    (problem,) = validate(INTERACTION_MODEL_DIR)
    assert problem.file.endswith("en-US.json") and problem.place == "see_you" and "es-US" in problem.message


def test_placeholder_dropped_in_translation(locale_copy):
    edit(locale_copy / "es-US.json", lambda d: d["advice"]["SEE_DOCTOR"].update(speech="Vea a un médico."))
    (problem,) = validate(INTERACTION_MODEL_DIR)
    assert (problem.place, problem.code) == ("advice.SEE_DOCTOR.speech", "locale.placeholder")
    assert "{clinic_name}, {clinic_phone}, {names}" in problem.message


def test_missing_symptom_and_screen_string(locale_copy):
    def drop(d):
        del d["symptoms"]["FEVER"]
        del d["screen"]["labels"]["not_sure"]

    edit(locale_copy / "es-US.json", drop)
    places = {p.place for p in validate(INTERACTION_MODEL_DIR) if p.file.endswith("es-US.json")}
    assert {"symptoms.FEVER.name", "symptoms.FEVER.denied", "screen.labels.not_sure"} <= places


def test_locale_without_model_or_privacy_entry(locale_copy):
    shutil.copy(locale_copy / "es-US.json", locale_copy / "fr-CA.json")
    codes = {p.code for p in validate(INTERACTION_MODEL_DIR)}
    assert {"locale.model", "locale.privacy"} <= codes


def spanish_copy(tmp_path: Path, model=None, manifest=None) -> Path:
    root = tmp_path / "interaction_model"
    shutil.copytree(INTERACTION_MODEL_DIR, root)
    if model:
        edit(model_path("es-US", root), model)
    if manifest:
        edit(root / "skill.json", manifest)
    return root


def test_spanish_invocation_with_a_launch_word(tmp_path):
    root = spanish_copy(tmp_path, model=lambda m: m["interactionModel"]["languageModel"].update(invocationName="abre mi espalda"))
    assert "invocation.launch-word" in {p.code for p in validate(root)}


def test_spanish_two_word_invocation_with_an_article(tmp_path):
    root = spanish_copy(tmp_path, model=lambda m: m["interactionModel"]["languageModel"].update(invocationName="la espalda"))
    assert "invocation.two-words" in {p.code for p in validate(root)}


def test_spanish_example_phrase_must_match_the_model(tmp_path):
    def phrase(d):
        d["manifest"]["publishingInformation"]["locales"]["es-US"]["examplePhrases"][2] = "Alexa, dile a ayuda para espasmos de espalda que me gusta bailar"

    (problem,) = validate(spanish_copy(tmp_path, manifest=phrase))
    assert problem.code == "phrase.no-sample" and problem.place.endswith("es-US.examplePhrases[2]")
