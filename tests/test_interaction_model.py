"""Structural tests of the ASK skill package: the en-US interaction model and the manifest.

These check the data against the contract in docs/design.md and against a subset of the
rules Amazon enforces when it builds a model (unique samples, declared slots,
allowed characters), so the common mistakes fail here instead of at deploy time.
They are not a substitute for `ask deploy` / the console's own build.
"""

import json
import re
from functools import cache

import pytest

from skill.tools import model
from skill.tools.nlu import SampleIndex
from skill.tools.paths import INTERACTION_MODEL_DIR, model_path

MODEL_PATH = model_path("en-US")
MANIFEST_PATH = INTERACTION_MODEL_DIR / "skill.json"

INVOCATION_NAME = "back spasm helper"

# The contract (docs/design.md): custom intents and their slots.
CUSTOM_INTENTS = {
    "StartCheckIntent": {},
    "ReportSymptomIntent": {"symptom": "SymptomType", "otherSymptom": "SymptomType"},
    "DenySymptomIntent": {"symptom": "SymptomType", "otherSymptom": "SymptomType"},
    "DurationIntent": {"duration": "AMAZON.DURATION", "startDate": "AMAZON.DATE"},
    "NotSureIntent": {},
    "CausesIntent": {},
    "HowLongIntent": {},
    "SelfCareIntent": {},
    "ContactIntent": {},
    "CallForHelpIntent": {},
    "SlowerIntent": {},
    "FasterIntent": {},
    "LouderIntent": {},
    "HoldOnIntent": {},
}
BUILTIN_INTENTS = {
    "AMAZON.YesIntent",
    "AMAZON.NoIntent",
    "AMAZON.HelpIntent",
    "AMAZON.CancelIntent",
    "AMAZON.StopIntent",
    "AMAZON.FallbackIntent",
    "AMAZON.NavigateHomeIntent",
    "AMAZON.RepeatIntent",
    "AMAZON.StartOverIntent",
    "AMAZON.PreviousIntent",
}
SYMPTOM_IDS = {
    "BLADDER_BOWEL_CONTROL",
    "MUSCLE_WEAKNESS",
    "ONE_SIDED_NUMBNESS",
    "BALANCE_COORDINATION",
    "LIMB_NUMBNESS",
    "SIGNIFICANT_TRAUMA",
    "URINATION_DIFFICULTY",
    "CANNOT_SIT_OR_STAND",
    "FEVER",
    "WEIGHT_LOSS",
    "NOT_IMPROVING",
}
MIN_SAMPLES_PER_CUSTOM_INTENT = 15
MIN_SYNONYMS_PER_SYMPTOM = 15

# Phrases the built-in intents already own: a custom intent must not claim them.
BUILTIN_PHRASES = {
    "yes",
    "no",
    "help",
    "stop",
    "cancel",
    "never mind",
    "repeat",
    "start over",
    "restart",
    "go back",
    "previous",
    "back",
    "home",
    "go home",
    "quit",
    "exit",
}

# Amazon's character rules: plain words, apostrophes, periods (for spoken
# abbreviations such as "e. r."), spaces; slots in braces in samples only.
SLOT_VALUE_RE = re.compile(r"^[A-Za-z][A-Za-z .']*$")
SAMPLE_TEXT_RE = re.compile(r"^[A-Za-z .']*$")
SLOT_REF_RE = re.compile(r"\{([^{}]*)\}")


def norm(text):
    return " ".join(text.lower().split())


@cache
def load_model():
    """The file as JSON: for what the language model does not hold (dialog, prompts)."""
    return json.loads(MODEL_PATH.read_text(encoding="utf-8"))


@cache
def load_manifest():
    return json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))


@cache
def language_model() -> model.LanguageModel:
    return model.load(MODEL_PATH)


def intents_by_name() -> dict[str, model.Intent]:
    return {intent.name: intent for intent in language_model().intents}


def symptom_values() -> tuple[model.SlotValue, ...]:
    symptom_type = language_model().slot_type("SymptomType")
    assert symptom_type is not None
    return symptom_type.values


def all_symptom_phrases():
    return [p for value in symptom_values() for p in value.phrases]


@cache
def samples() -> SampleIndex:
    """The same sample matcher the chat and `back-spasm validate` use."""
    return SampleIndex(language_model())


def matching_intents(utterance):
    """Names of the intents with a sample that the utterance matches, its
    slots filled with the model's own values and synonyms or a spoken duration."""
    return samples().fits(utterance)


# --- the interaction model -------------------------------------------------------


def test_invocation_name():
    assert language_model().invocation_name == INVOCATION_NAME


def test_intents_are_exactly_the_contract():
    names = language_model().intent_names
    assert len(names) == len(set(names)), "an intent is declared twice"
    assert set(names) == set(CUSTOM_INTENTS) | BUILTIN_INTENTS


def test_no_dialog_model():
    model = load_model()["interactionModel"]
    assert "dialog" not in model and "prompts" not in model


@pytest.mark.parametrize("intent_name", sorted(CUSTOM_INTENTS))
def test_custom_intent_slots_match_contract(intent_name):
    intent = intents_by_name()[intent_name]
    assert intent.slot_types == CUSTOM_INTENTS[intent_name]
    assert len(intent.slots) == len(intent.slot_types), "a slot is declared twice"


def test_builtin_intents_have_no_slots():
    for name in BUILTIN_INTENTS:
        assert not intents_by_name()[name].slots, name


def test_every_slot_type_used_is_defined_or_builtin():
    defined = {t.name for t in language_model().types}
    for intent in language_model().intents:
        for slot in intent.slots:
            assert slot.type in defined or slot.type.startswith("AMAZON."), slot


def test_only_symptom_type_is_defined():
    assert [t.name for t in language_model().types] == ["SymptomType"]


def test_symptom_type_ids_are_exactly_the_contract():
    ids = [value.id for value in symptom_values()]
    assert len(ids) == len(set(ids)), "a SymptomType id is used twice"
    assert set(ids) == SYMPTOM_IDS


@pytest.mark.parametrize("symptom_id", sorted(SYMPTOM_IDS))
def test_symptom_has_many_synonyms(symptom_id):
    value = next(v for v in symptom_values() if v.id == symptom_id)
    assert value.name.strip()
    assert len(value.synonyms) >= MIN_SYNONYMS_PER_SYMPTOM


def test_no_phrase_resolves_to_two_symptoms():
    owner = {}
    for value in symptom_values():
        for phrase in value.phrases:
            key = norm(phrase)
            assert owner.setdefault(key, value.id) == value.id, f"{phrase!r} is under both {owner[key]} and {value.id}"


def test_no_phrase_repeated_within_a_symptom():
    for value in symptom_values():
        phrases = [norm(p) for p in value.phrases]
        assert len(phrases) == len(set(phrases)), value.id


def test_slot_values_use_only_allowed_characters():
    for phrase in all_symptom_phrases():
        assert SLOT_VALUE_RE.match(phrase), f"bad slot value {phrase!r}"
        assert len(phrase) <= 140, phrase
        assert phrase == phrase.strip() and "  " not in phrase, repr(phrase)


def test_slot_values_are_not_sentences_with_carrier_phrases():
    # The carrier phrase belongs in the sample ("I have {symptom}"), not in the value.
    for phrase in all_symptom_phrases():
        lowered = norm(phrase)
        for carrier in ("i have ", "i've got ", "i think ", "there is ", "there's "):
            assert not lowered.startswith(carrier), phrase


@pytest.mark.parametrize("intent_name", sorted(CUSTOM_INTENTS))
def test_custom_intent_has_enough_samples(intent_name):
    assert len(intents_by_name()[intent_name].samples) >= MIN_SAMPLES_PER_CUSTOM_INTENT


def test_fallback_has_no_samples():
    assert intents_by_name()["AMAZON.FallbackIntent"].samples == ()


def test_no_sample_in_two_intents():
    owner = {}
    for intent in language_model().intents:
        for sample in intent.samples:
            key = norm(sample)
            assert owner.setdefault(key, intent.name) == intent.name, f"{sample!r} is in both {owner[key]} and {intent.name}"


def test_no_sample_repeated_within_an_intent():
    for intent in language_model().intents:
        normalised = [norm(s) for s in intent.samples]
        assert len(normalised) == len(set(normalised)), intent.name


def test_custom_intents_do_not_claim_builtin_phrases():
    for name in CUSTOM_INTENTS:
        for sample in intents_by_name()[name].samples:
            assert norm(sample) not in BUILTIN_PHRASES, f"{name}: {sample!r}"


def test_bare_symptom_sample_does_not_shadow_other_intents():
    # ReportSymptomIntent has the sample "{symptom}", so a symptom phrase that is
    # also another intent's sample would be ambiguous.
    phrases = {norm(p) for p in all_symptom_phrases()}
    for intent in language_model().intents:
        if intent.name == "ReportSymptomIntent":
            continue
        for sample in intent.samples:
            assert norm(sample) not in phrases, f"{intent.name}: {sample!r}"


def test_slotless_samples_are_not_claimed_by_another_intents_slot_samples():
    # e.g. "I can't tell" (NotSureIntent) must not also be "I {symptom}" with a
    # symptom phrase "can't tell", nor "maybe {duration}" swallow a question.
    for intent in language_model().intents:
        for sample in intent.samples:
            if SLOT_REF_RE.search(sample):
                continue
            assert matching_intents(sample) == [intent.name], sample


def test_samples_follow_amazon_format_rules():
    for intent in language_model().intents:
        declared = set(intent.slot_types)
        for sample in intent.samples:
            assert 0 < len(sample) <= 200, sample
            assert sample == sample.strip() and "  " not in sample, repr(sample)
            used = SLOT_REF_RE.findall(sample)
            assert set(used) <= declared, f"{intent.name}: undeclared slot in {sample!r}"
            assert len(used) == len(set(used)), f"slot used twice in {sample!r}"
            text = SLOT_REF_RE.sub(" ", sample)
            assert SAMPLE_TEXT_RE.match(text), f"bad characters in {sample!r}"
            assert not re.search(r"\}\s*\{", sample), f"adjacent slots in {sample!r}"


def test_every_declared_slot_is_used_in_some_sample():
    for intent in language_model().intents:
        used = {s for sample in intent.samples for s in SLOT_REF_RE.findall(sample)}
        for slot in intent.slots:
            assert slot.name in used, f"{intent.name}.{slot.name} never sampled"


def test_report_symptom_samples_single_and_both_slots():
    report_samples = intents_by_name()["ReportSymptomIntent"].samples
    slot_sets = [frozenset(SLOT_REF_RE.findall(s)) for s in report_samples]
    assert "{symptom}" in report_samples
    assert "I have {symptom}" in report_samples
    assert slot_sets.count(frozenset({"symptom", "otherSymptom"})) >= 5
    assert slot_sets.count(frozenset({"symptom"})) >= 10
    # otherSymptom only ever appears together with symptom.
    assert frozenset({"otherSymptom"}) not in slot_sets


def test_duration_samples_have_carriers_and_no_catch_all():
    # A bare "{duration}" (or "maybe {duration}") is, to a sample-matching tool,
    # a slot that takes any words: it would swallow every unrelated line.
    duration_samples = {norm(s) for s in intents_by_name()["DurationIntent"].samples}
    for wanted in ("about {duration}", "for {duration}", "it's been {duration}", "since {startdate}"):
        assert wanted in duration_samples
    for catch_all in ("{duration}", "maybe {duration}", "{startdate}"):
        assert catch_all not in duration_samples


@pytest.mark.parametrize(
    "utterance, intent",
    [
        ("I have a fever", "ReportSymptomIntent"),
        ("I wet myself", "ReportSymptomIntent"),
        ("my legs are giving out", "ReportSymptomIntent"),
        ("I'm running a temperature", "ReportSymptomIntent"),
        ("I fell off a ladder", "ReportSymptomIntent"),
        ("I can't feel my legs and I have a fever", "ReportSymptomIntent"),
        ("about ten days", "DurationIntent"),
        ("should I see a doctor", "StartCheckIntent"),
        ("I don't know", "NotSureIntent"),
        ("what causes back spasms", "CausesIntent"),
        ("how long do back spasms last", "HowLongIntent"),
        ("what helps", "SelfCareIntent"),
        ("how do I contact ortho n. y.", "ContactIntent"),
    ],
)
def test_design_examples_match_their_intent(utterance, intent):
    assert matching_intents(utterance) == [intent]


def test_matcher_rejects_unknown_symptom_and_unrelated_words():
    # Guards the matcher itself: a phrase that is not a SymptomType value must not
    # match the symptom samples, or the example-phrase test would prove nothing.
    assert matching_intents("I have a purple elephant") == []
    assert matching_intents("play some music") == []


# --- the manifest ---------------------------------------------------------------


def en_us_publishing():
    return load_manifest()["manifest"]["publishingInformation"]["locales"]["en-US"]


def test_manifest_basics():
    manifest = load_manifest()["manifest"]
    assert manifest["manifestVersion"] == "1.0"
    publishing = manifest["publishingInformation"]
    assert publishing["category"] == "HEALTH_AND_FITNESS"
    assert publishing["isAvailableWorldwide"] is False
    assert publishing["distributionCountries"] == ["US"]
    assert publishing["testingInstructions"].strip()
    # ASK CLI v2 (lambda deployer) fills in the endpoint at deploy time.
    assert isinstance(manifest["apis"]["custom"], dict)
    assert manifest.get("permissions", []) == [{"name": "alexa::alerts:reminders:skill:readwrite"}]  # the check-in reminder only


def test_manifest_locale_texts():
    locale = en_us_publishing()
    assert locale["name"] == "Back Spasm Helper"
    assert 0 < len(locale["summary"]) <= 160
    assert 0 < len(locale["description"]) <= 4000
    assert "not a substitute for professional medical advice" in locale["description"]
    assert "911" in locale["description"]
    assert 1 <= len(locale["keywords"]) <= 30
    for key in ("smallIconUri", "largeIconUri"):
        assert locale[key].startswith("https://"), key


def test_manifest_privacy_and_compliance():
    privacy = load_manifest()["manifest"]["privacyAndCompliance"]
    assert privacy["allowsPurchases"] is False
    assert privacy["usesPersonalInfo"] is False
    assert privacy["isChildDirected"] is False
    assert privacy["isExportCompliant"] is True
    assert privacy["containsAds"] is False
    urls = privacy["locales"]["en-US"]
    assert urls["privacyPolicyUrl"].startswith("https://")
    assert urls["termsOfUseUrl"].startswith("https://")


def test_example_phrases_shape():
    phrases = en_us_publishing()["examplePhrases"]
    assert 1 <= len(phrases) <= 3
    assert norm(phrases[0]) == f"alexa, open {INVOCATION_NAME}"
    for phrase in phrases[1:]:
        assert re.match(rf"^alexa, (ask|tell) {INVOCATION_NAME} \S", norm(phrase)), phrase


def test_example_phrases_really_match_the_model():
    prefix = re.compile(rf"^alexa, (?:ask|tell) {INVOCATION_NAME} (.+)$")
    for phrase in en_us_publishing()["examplePhrases"][1:]:
        remainder = prefix.match(norm(phrase)).group(1)
        matched = matching_intents(remainder)
        assert len(matched) == 1, f"{phrase!r} matches {matched}"
        assert matched[0] in CUSTOM_INTENTS


def test_model_and_manifest_deserialize_with_amazons_classes():
    serializer_module = pytest.importorskip("ask_sdk_core.serialize")
    im_module = pytest.importorskip("ask_smapi_model.v1.skill.interaction_model.interaction_model_data")
    manifest_module = pytest.importorskip("ask_smapi_model.v1.skill.manifest")
    serializer = serializer_module.DefaultSerializer()

    model = serializer.deserialize(MODEL_PATH.read_text(), im_module.InteractionModelData)
    language = model.interaction_model.language_model
    assert language.invocation_name == INVOCATION_NAME
    assert len(language.intents) == len(CUSTOM_INTENTS) + len(BUILTIN_INTENTS)
    assert {v.id for v in language.types[0].values} == SYMPTOM_IDS

    # ask-smapi-model lists CAN_FULFILL_INTENT_REQUEST among the interface types
    # but has no class for it: read the rest (validate's shape check walks it).
    from skill.tools.validate.shape import _without_bare_interfaces

    manifest = json.loads(MANIFEST_PATH.read_text())
    readable = _without_bare_interfaces(manifest)
    assert readable != manifest  # the interface was there
    envelope = serializer.deserialize(json.dumps(readable), manifest_module.SkillManifestEnvelope)
    assert envelope.manifest.publishing_information.category == "HEALTH_AND_FITNESS"
    assert envelope.manifest.privacy_and_compliance.uses_personal_info is False
