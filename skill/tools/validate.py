"""`back-spasm validate`: check the skill package before upload, offline.

Checks every interaction model (`interactionModels/custom/<locale>.json`) and
the manifest (`skill.json`) in three layers, and prints each problem as
`file:place: message [code]`:

1. Shape: each file is deserialized with ask-smapi-model's own classes
   (`InteractionModelData`, `SkillManifestEnvelope`). A walk over the classes'
   declared types reports wrong types, unknown enum values and unknown keys
   with their place; a round trip (deserialize, serialize, compare) catches
   anything else the classes would silently drop or coerce.
2. Amazon's rules the classes do not enforce: invocation name, intent, slot
   and slot type names, slot references in samples, custom slot types,
   duplicate samples, required built-in intents, sample and slot value limits,
   and that the manifest's example phrases match the model.
3. The project's rules: every intent in the model has a handler in the real
   skill builder and every handled intent is in the model; the contract's
   intents and slots (DESIGN.md) are present; the SymptomType ids and
   `skill.core.rules.Symptom` agree both ways; every model locale has speech strings.

Exit status 0 when clean, 1 with problems listed.

Amazon's limits applied (Alexa developer documentation and console messages;
see docs/deploy.md): invocation names are lowercase letters, spaces,
possessive apostrophes and periods of spoken initials ("n. y."), two or more
words, no launch phrases or wake words; sample utterances are letters and
spaces with periods only after single spoken letters, apostrophes inside
words and hyphens inside words, numbers spelled out, at most 200 characters,
slots referenced as whole words; slot values and synonyms at most 140
characters; at most three example phrases per locale.
"""

from __future__ import annotations

import argparse
import inspect
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

MODEL_CLASS = "ask_smapi_model.v1.skill.interaction_model.interaction_model_data.InteractionModelData"
MANIFEST_CLASS = "ask_smapi_model.v1.skill.manifest.skill_manifest_envelope.SkillManifestEnvelope"

# --- Amazon's rules -----------------------------------------------------------

MAX_SAMPLE_CHARS = 200
MAX_SLOT_VALUE_CHARS = 140
MAX_EXAMPLE_PHRASES = 3
REQUIRED_BUILTIN_INTENTS = (
    "AMAZON.CancelIntent",
    "AMAZON.HelpIntent",
    "AMAZON.StopIntent",
    "AMAZON.NavigateHomeIntent",
    "AMAZON.FallbackIntent",
)
# Launch phrases and wake words an invocation name may not contain.
INVOCATION_LAUNCH_WORDS = frozenset({"launch", "ask", "tell", "load", "begin", "enable", "open", "start", "run"})
INVOCATION_WAKE_WORDS = frozenset({"alexa", "amazon", "echo", "computer", "ziggy", "skill", "app"})
# A two-word invocation name may not be made up with one of these.
INVOCATION_TWO_WORD_BANNED = frozenset({"the", "a", "an", "for", "to", "of"})
# "Alexa, <launch> <invocation> [<connecting word>] <utterance>" and
# "Alexa, <utterance> <connecting word> <invocation>".
EXAMPLE_LAUNCH_PHRASES = (
    "talk to", "open", "ask", "tell", "launch", "start", "begin", "load", "run", "play", "use", "resume",
)  # fmt: skip
EXAMPLE_CONNECTING_WORDS = ("to", "for", "about", "if", "whether", "that", "and", "what", "how", "when")
EXAMPLE_TRAILING_CONNECTORS = ("from", "in", "on", "using", "with", "to", "for", "about", "by")

INTENT_NAME = re.compile(r"^(AMAZON\.[A-Za-z]+|[A-Za-z_]+)$")
SLOT_NAME = re.compile(r"^[A-Za-z_]+$")
SLOT_TYPE_NAME = re.compile(r"^(AMAZON\.[A-Za-z_.]+|[A-Za-z_]+)$")
LOCALE_FILE = re.compile(r"^[a-z]{2}-[A-Z]{2}$")
_SLOT_REF = re.compile(r"\{([^{}]*)\}")

# --- the project's contract (DESIGN.md) -------------------------------------

CONTRACT_INTENTS = (
    "StartCheckIntent",
    "ReportSymptomIntent",
    "DurationIntent",
    "NotSureIntent",
    "CausesIntent",
    "HowLongIntent",
    "SelfCareIntent",
    "ContactIntent",
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
)
CONTRACT_SLOTS = {
    "ReportSymptomIntent": {"symptom": "SymptomType", "otherSymptom": "SymptomType"},
    "DurationIntent": {"duration": "AMAZON.DURATION"},
}
SYMPTOM_TYPE = "SymptomType"
# Other built-in intents a handler might claim; probed so a handler for an
# intent missing from the model is noticed.
PROBED_BUILTIN_INTENTS = (
    "AMAZON.NextIntent", "AMAZON.PauseIntent", "AMAZON.ResumeIntent", "AMAZON.LoopOnIntent",
    "AMAZON.LoopOffIntent", "AMAZON.ShuffleOnIntent", "AMAZON.ShuffleOffIntent", "AMAZON.MoreIntent",
    "AMAZON.NavigateSettingsIntent", "AMAZON.PageUpIntent", "AMAZON.PageDownIntent",
    "AMAZON.ScrollUpIntent", "AMAZON.ScrollDownIntent", "AMAZON.SelectIntent", "AMAZON.SendToPhoneIntent",
)  # fmt: skip
# No real intent has this name: a handler claiming it claims everything.
_CATCH_ALL_PROBE = "ZzNoSuchIntentForValidation"


@dataclass(frozen=True)
class Problem:
    file: str
    place: str
    message: str
    code: str

    def __str__(self) -> str:
        return f"{self.file}:{self.place}: {self.message} [{self.code}]"


class _Report:
    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def add(self, place: str, code: str, message: str) -> None:
        self.problems.append(Problem(self.file, place or "(top)", message, code))


# =========================================================================== CLI


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model-dir",
        type=Path,
        default=None,
        help="the ASK skill package: skill.json and interactionModels/custom/ (default: interaction_model)",
    )
    parser.add_argument(
        "--no-project-rules",
        action="store_true",
        help="check only the files against Amazon's rules (skip handlers and skill.core.rules)",
    )


def run(args: argparse.Namespace) -> int:
    from skill.tools.cli import CliError
    from skill.tools.paths import INTERACTION_MODEL_DIR

    model_dir = args.model_dir if args.model_dir is not None else INTERACTION_MODEL_DIR
    if not Path(model_dir).is_dir():
        raise CliError(f"{model_dir}: no such directory")
    problems = validate(model_dir, project_rules=not args.no_project_rules)
    for problem in problems:
        print(problem)
    files = len(_model_files(Path(model_dir))) + 1
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found", file=sys.stderr)
        return 1
    print(f"ok: {files} files in {_display(Path(model_dir))} pass every check")
    return 0


# ====================================================================== validate


def validate(model_dir: Path | str, *, project_rules: bool = True, skill_builder: Any = None) -> list[Problem]:
    """Every problem found in the skill package at `model_dir`.

    `skill_builder` defaults to the real one (`skill.core.builder.build_skill_builder()`).
    """
    model_dir = Path(model_dir)
    problems: list[Problem] = []
    models: dict[str, tuple[_Report, dict]] = {}

    model_files = _model_files(model_dir)
    if not model_files:
        report = _Report(_display(model_dir / "interactionModels" / "custom"))
        report.add("", "model.missing", "no interaction model (<locale>.json) found")
        problems += report.problems
    for path in model_files:
        report = _Report(_display(path))
        data = _load_json(path, report)
        if data is not None:
            if not LOCALE_FILE.match(path.stem):
                report.add("", "model.locale", f"file name {path.name!r} is not <locale>.json (e.g. en-US.json)")
            check_shape(data, MODEL_CLASS, report)
            check_interaction_model(data, report)
            models[path.stem] = (report, data)
        problems += report.problems

    manifest_path = model_dir / "skill.json"
    report = _Report(_display(manifest_path))
    if not manifest_path.is_file():
        report.add("", "manifest.missing", "skill.json not found")
    else:
        manifest = _load_json(manifest_path, report)
        if manifest is not None:
            check_shape(manifest, MANIFEST_CLASS, report)
            usable = {locale: None if _structurally_broken(r) else data for locale, (r, data) in models.items()}
            check_manifest(manifest, usable, report)
    problems += report.problems

    if project_rules and models:
        for locale, (report, data) in models.items():
            if _structurally_broken(report):
                continue  # fix the file's structure first; the project rules would only echo it
            project_report = _Report(report.file)
            check_project_rules(data, locale, project_report, skill_builder=skill_builder)
            problems += project_report.problems
    return problems


_STRUCTURE_PLACES = frozenset(
    {
        "(top)",
        "interactionModel",
        "interactionModel.languageModel",
        "interactionModel.languageModel.intents",
        "interactionModel.languageModel.types",
    }
)


def _structurally_broken(report: _Report) -> bool:
    return any(
        problem.code == "model.structure" or (problem.code.startswith("shape.") and problem.place in _STRUCTURE_PLACES)
        for problem in report.problems
    )


def _model_files(model_dir: Path) -> list[Path]:
    return sorted((model_dir / "interactionModels" / "custom").glob("*.json"))


def _load_json(path: Path, report: _Report) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        report.add("", "json.encoding", f"not UTF-8: {error.reason}")
    except json.JSONDecodeError as error:
        report.add(f"line {error.lineno} column {error.colno}", "json.syntax", f"invalid JSON: {error.msg}")
    except OSError as error:
        report.add("", "json.read", f"cannot read: {error.strerror}")
    return None


# ========================================================================= shape


def check_shape(data: Any, class_path: str, report: _Report) -> None:
    """Wrong types and unknown keys, by ask-smapi-model's classes."""
    before = len(report.problems)
    _walk(data, class_path, "", report)
    walked = [p.place for p in report.problems[before:]]

    from ask_sdk_model_runtime.serializer import DefaultSerializer

    serializer = DefaultSerializer()
    class_name = class_path.rsplit(".", 1)[1]
    try:
        obj = serializer.deserialize(json.dumps(data), class_path)
        round_trip = serializer.serialize(obj)
    except Exception as error:  # SerializationException, and whatever the classes raise unwrapped
        if not walked:
            report.add("", "shape.deserialize", f"{class_name} cannot deserialize this file: {error}")
        return
    for place, message in _diff(data, round_trip, ""):
        if any(place == w or place.startswith(w + ".") or place.startswith(w + "[") for w in walked if w):
            continue
        if "(top)" in walked:
            continue
        report.add(place, "shape.round-trip", f"does not survive a round trip through {class_name}: {message}")


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _join(place: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{place}[{key}]"
    return f"{place}.{key}" if place else key


def _load_class(path: str):
    module_name, _, name = path.rpartition(".")
    module = __import__(module_name, fromlist=[name])
    return getattr(module, name)


_PRIMITIVES = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,)}


def _walk(value: Any, type_name: str, place: str, report: _Report) -> None:
    if value is None:
        return
    list_match = re.fullmatch(r"list\[(.*)\]", type_name)
    if list_match:
        if not isinstance(value, list):
            report.add(place, "shape.type", f"expected an array, got {_json_type(value)}")
            return
        for index, item in enumerate(value):
            _walk(item, list_match.group(1).strip(), _join(place, index), report)
        return
    dict_match = re.fullmatch(r"dict\(([^,]*), (.*)\)", type_name)
    if dict_match:
        if not isinstance(value, dict):
            report.add(place, "shape.type", f"expected an object, got {_json_type(value)}")
            return
        for key, item in value.items():
            _walk(item, dict_match.group(2).strip(), _join(place, key), report)
        return
    if type_name in _PRIMITIVES:
        expected = _PRIMITIVES[type_name]
        if (isinstance(value, bool) and type_name != "bool") or not isinstance(value, expected):
            wanted = {"str": "a string", "int": "an integer", "float": "a number", "bool": "a boolean"}[type_name]
            report.add(place, "shape.type", f"expected {wanted}, got {_json_type(value)}")
        return
    if type_name in ("object",):
        return
    if type_name in ("datetime", "date"):
        if not isinstance(value, str):
            report.add(place, "shape.type", f"expected a date string, got {_json_type(value)}")
        return
    try:
        cls = _load_class(type_name)
    except (ImportError, AttributeError, ValueError):
        return  # nothing known to check against
    if isinstance(cls, type) and issubclass(cls, Enum):
        allowed = [member.value for member in cls]
        if value not in allowed:
            shown = ", ".join(map(str, allowed[:12])) + (", ..." if len(allowed) > 12 else "")
            report.add(place, "shape.enum", f"{value!r} is not one of {shown}")
        return
    if not hasattr(cls, "deserialized_types"):
        return
    if not isinstance(value, dict):
        report.add(place, "shape.type", f"expected an object ({cls.__name__}), got {_json_type(value)}")
        return
    if hasattr(cls, "get_real_child_model") and getattr(cls, "discriminator_value_class_map", None):
        key = cls.json_discriminator_key
        kind = value.get(key)
        if kind not in cls.discriminator_value_class_map:
            shown = ", ".join(sorted(cls.discriminator_value_class_map))
            report.add(_join(place, key), "shape.discriminator", f"{kind!r} is not one of {shown}")
            return
        cls = _load_class(cls.discriminator_value_class_map[kind])
    attribute_map = dict(getattr(cls, "attribute_map", {}))
    json_to_attr = {json_key: attr for attr, json_key in attribute_map.items()}
    for attr in cls.deserialized_types:
        json_to_attr.setdefault(attr, attr)
    for key, item in value.items():
        if key not in json_to_attr:
            known = ", ".join(sorted(json_to_attr))
            report.add(_join(place, key), "shape.unknown-key", f"unknown key {key!r} in {cls.__name__} (known: {known})")
            continue
        _walk(item, cls.deserialized_types[json_to_attr[key]], _join(place, key), report)


def _diff(original: Any, after: Any, place: str) -> Iterable[tuple[str, str]]:
    if isinstance(original, dict) and isinstance(after, dict):
        for key, value in original.items():
            if key not in after:
                if value is not None:
                    yield _join(place, key), f"key {key!r} is dropped (unknown to the model class)"
            else:
                yield from _diff(value, after[key], _join(place, key))
        return
    if isinstance(original, list) and isinstance(after, list) and len(original) == len(after):
        for index, (a, b) in enumerate(zip(original, after, strict=False)):
            yield from _diff(a, b, _join(place, index))
        return
    if original != after or type(original) is not type(after):
        yield place, f"{_json_type(original)} {_short(original)} comes back as {_json_type(after)} {_short(after)}"


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


# ============================================================ interaction model


def _normalise_sample(sample: str) -> str:
    return " ".join(sample.replace("\u2019", "'").casefold().split())


def check_interaction_model(data: Any, report: _Report) -> None:
    """Amazon's rules for one locale's interaction model."""
    if not isinstance(data, dict) or not isinstance(data.get("interactionModel"), dict):
        report.add("", "model.structure", "missing the interactionModel object")
        return
    base = "interactionModel.languageModel"
    language_model = data["interactionModel"].get("languageModel")
    if not isinstance(language_model, dict):
        report.add("interactionModel", "model.structure", "missing the languageModel object")
        return
    check_invocation_name(language_model.get("invocationName"), _join(base, "invocationName"), report)

    types = _list(language_model.get("types"))
    type_names: dict[str, int] = {}
    if isinstance(types, list):
        for index, slot_type in enumerate(types):
            if isinstance(slot_type, dict) and isinstance(slot_type.get("name"), str):
                name = slot_type["name"]
                place = _join(_join(base, "types"), index)
                if name in type_names:
                    report.add(_join(place, "name"), "type.duplicate", f"slot type {name!r} is defined twice")
                type_names[name] = index
                if not SLOT_TYPE_NAME.match(name):
                    report.add(_join(place, "name"), "type.name", f"slot type name {name!r}: letters and underscores only")
                _check_slot_type(slot_type, place, report)

    intents = language_model.get("intents")
    if not isinstance(intents, list) or not intents:
        report.add(_join(base, "intents"), "model.structure", "the model has no intents")
        return
    seen_intents: dict[str, int] = {}
    sample_owner: dict[str, tuple[str, str]] = {}
    for index, intent in enumerate(intents):
        if not isinstance(intent, dict) or not isinstance(intent.get("name"), str):
            continue
        place = _join(_join(base, "intents"), index)
        name = intent["name"]
        if name in seen_intents:
            report.add(_join(place, "name"), "intent.duplicate", f"intent {name!r} is defined twice")
        seen_intents[name] = index
        if not INTENT_NAME.match(name):
            report.add(_join(place, "name"), "intent.name", f"intent name {name!r}: letters and underscores only")
        slots: dict[str, str] = {}
        for slot_index, slot in enumerate(_list(intent.get("slots"))):
            if not isinstance(slot, dict):
                continue
            slot_place = _join(_join(place, "slots"), slot_index)
            slot_name, slot_type = slot.get("name"), slot.get("type")
            if isinstance(slot_name, str):
                if slot_name in slots:
                    report.add(_join(slot_place, "name"), "slot.duplicate", f"slot {slot_name!r} is declared twice on {name}")
                if not SLOT_NAME.match(slot_name):
                    report.add(_join(slot_place, "name"), "slot.name", f"slot name {slot_name!r}: letters and underscores only")
                slots[slot_name] = slot_type if isinstance(slot_type, str) else ""
            if not isinstance(slot_type, str) or not slot_type:
                report.add(slot_place, "slot.type", f"slot {slot_name!r} on {name} has no type")
            elif not slot_type.startswith("AMAZON.") and slot_type not in type_names:
                report.add(
                    _join(slot_place, "type"),
                    "slot.unknown-type",
                    f"slot {slot_name!r} on {name} uses slot type {slot_type!r}, which is not defined in types",
                )
            for sample_index, sample in enumerate(_list(slot.get("samples"))):
                if isinstance(sample, str):
                    _check_sample(sample, name, slots_of(intent), _join(_join(slot_place, "samples"), sample_index), report)
        seen_in_intent: dict[str, int] = {}
        for sample_index, sample in enumerate(_list(intent.get("samples"))):
            if not isinstance(sample, str):
                continue
            sample_place = _join(_join(place, "samples"), sample_index)
            _check_sample(sample, name, slots, sample_place, report)
            key = _normalise_sample(sample)
            if key in seen_in_intent:
                report.add(sample_place, "sample.duplicate", f"{sample!r} appears twice in {name}")
            seen_in_intent[key] = sample_index
            owner = sample_owner.get(key)
            if owner and owner[0] != name:
                report.add(
                    sample_place,
                    "sample.conflict",
                    f"{sample!r} is a sample of both {owner[0]} ({owner[1]}) and {name}",
                )
            else:
                sample_owner.setdefault(key, (name, sample_place))
    for required in REQUIRED_BUILTIN_INTENTS:
        if required not in seen_intents:
            report.add(_join(base, "intents"), "intent.required", f"required built-in intent {required} is missing")
    _check_dialog(data["interactionModel"], intents, report)


def _list(value: Any) -> list:
    """A list from the file, or nothing when the shape check already reported it."""
    return value if isinstance(value, list) else []


def slots_of(intent: dict) -> dict[str, str]:
    return {
        slot["name"]: slot["type"] if isinstance(slot.get("type"), str) else ""
        for slot in _list(intent.get("slots"))
        if isinstance(slot, dict) and isinstance(slot.get("name"), str)
    }


def check_invocation_name(name: Any, place: str, report: _Report) -> None:
    if name is None or (isinstance(name, str) and not name.strip()):
        report.add(place, "invocation.missing", "the invocation name is missing")
        return
    if not isinstance(name, str):
        return  # the shape check reports the wrong type
    bad = sorted(set(re.sub(r"[a-z '.]", "", name)))
    if bad:
        report.add(
            place,
            "invocation.characters",
            f"invocation name {name!r} has {''.join(bad)!r}: only lowercase letters, spaces, "
            "apostrophes and periods (numbers spelled out)",
        )
    words = name.split()
    if len(words) < 2:
        report.add(place, "invocation.words", f"invocation name {name!r} must have two or more words")
    for word in words:
        bare = word.strip(".'")
        if "." in word and not re.fullmatch(r"[a-z]\.", word):
            report.add(place, "invocation.periods", f"{word!r}: periods only after single spoken letters (\"n. y.\")")
        if "'" in word and not re.fullmatch(r"[a-z]+'s|[a-z]+s'", word):
            report.add(place, "invocation.apostrophes", f"{word!r}: apostrophes only in possessives (\"sam's\")")
        if bare in INVOCATION_LAUNCH_WORDS:
            report.add(place, "invocation.launch-word", f"invocation name {name!r} contains the launch phrase {bare!r}")
        if bare in INVOCATION_WAKE_WORDS:
            report.add(place, "invocation.wake-word", f"invocation name {name!r} contains the wake word {bare!r}")
    if len(words) == 2 and any(word in INVOCATION_TWO_WORD_BANNED for word in words):
        report.add(
            place,
            "invocation.two-words",
            f"a two-word invocation name may not include an article or preposition: {name!r}",
        )


def _check_sample(sample: str, intent: str, slots: dict[str, str], place: str, report: _Report) -> None:
    text = sample.replace("\u2019", "'")
    if not text.strip():
        report.add(place, "sample.empty", f"an empty sample in {intent}")
        return
    if len(text) > MAX_SAMPLE_CHARS:
        report.add(place, "sample.length", f"sample is {len(text)} characters, over Amazon's {MAX_SAMPLE_CHARS}")
    if text.count("{") != text.count("}") or re.search(r"\{[^}]*\{|\}[^{]*\}", text.replace("}{", "} {")):
        report.add(place, "sample.braces", f"malformed slot reference in {sample!r}")
        return
    for match in _SLOT_REF.finditer(text):
        slot = match.group(1)
        if slot not in slots:
            report.add(place, "sample.undeclared-slot", f"{sample!r} uses {{{slot}}}, which {intent} does not declare")
        before = text[match.start() - 1] if match.start() else " "
        after = text[match.end()] if match.end() < len(text) else " "
        if not before.isspace() or not after.isspace():
            report.add(
                place,
                "sample.slot-word",
                f"{{{slot}}} must be a whole word in {sample!r} (put \"'s\" and suffixes in the slot values)",
            )
    words = _SLOT_REF.sub(" ", text)
    bad = sorted({c for c in words if not (c.isalpha() or c.isspace() or c in "'.-")})
    if bad:
        shown = "".join(bad)
        hint = " (spell numbers out)" if any(c.isdigit() for c in bad) else ""
        report.add(place, "sample.characters", f"{sample!r} has {shown!r}: letters, spaces, ' . - only{hint}")
    for word in words.split():
        if "." in word and not re.fullmatch(r"[^\W\d_]\.", word):
            report.add(place, "sample.periods", f"{word!r} in {sample!r}: periods only after single spoken letters")
        if "-" in word and not re.fullmatch(r"[^\W\d_]+(-[^\W\d_]+)+", word.replace("'", "")):
            report.add(place, "sample.hyphens", f"{word!r} in {sample!r}: hyphens only inside words")
        if "'" in word and not _apostrophes_inside(word):
            report.add(place, "sample.apostrophes", f"{word!r} in {sample!r}: apostrophes only inside words")


def _apostrophes_inside(word: str) -> bool:
    """ "it's", "don't", "sam's", "the boys'" -- not "'cause" or "''"."""
    for index, char in enumerate(word):
        if char != "'":
            continue
        before = word[index - 1] if index else ""
        after = word[index + 1] if index + 1 < len(word) else ""
        if not before.isalpha():
            return False
        if not after.isalpha() and not (after == "" and before.casefold() == "s"):
            return False
    return True


def _check_slot_type(slot_type: dict, place: str, report: _Report) -> None:
    name = slot_type.get("name")
    values = slot_type.get("values")
    if values is None:
        if not slot_type.get("valueSupplier"):
            report.add(place, "type.values", f"slot type {name!r} has no values")
        return
    if not isinstance(values, list):
        return
    if not values and not slot_type.get("valueSupplier"):
        report.add(_join(place, "values"), "type.values", f"slot type {name!r} has no values")
    ids: dict[str, int] = {}
    names: dict[str, int] = {}
    for index, value in enumerate(values):
        if not isinstance(value, dict):
            continue
        value_place = _join(_join(place, "values"), index)
        value_id = value.get("id")
        if isinstance(value_id, str) and value_id:
            if value_id in ids:
                report.add(_join(value_place, "id"), "type.duplicate-id", f"id {value_id!r} is used twice in {name}")
            ids[value_id] = index
        entry = value.get("name")
        if not isinstance(entry, dict):
            report.add(value_place, "type.value", f"a value of {name} has no name")
            continue
        text = entry.get("value")
        if not isinstance(text, str) or not text.strip():
            report.add(_join(value_place, "name.value"), "type.value", f"an empty value in {name}")
            continue
        key = text.casefold().strip()
        if key in names:
            report.add(_join(value_place, "name.value"), "type.duplicate-value", f"{text!r} is a value of {name} twice")
        names[key] = index
        if len(text) > MAX_SLOT_VALUE_CHARS:
            report.add(
                _join(value_place, "name.value"),
                "type.length",
                f"slot value is {len(text)} characters, over Amazon's {MAX_SLOT_VALUE_CHARS}",
            )
        for synonym_index, synonym in enumerate(_list(entry.get("synonyms"))):
            synonym_place = _join(_join(value_place, "name.synonyms"), synonym_index)
            if not isinstance(synonym, str) or not synonym.strip():
                report.add(synonym_place, "type.value", f"an empty synonym of {text!r} in {name}")
            elif len(synonym) > MAX_SLOT_VALUE_CHARS:
                report.add(
                    synonym_place, "type.length", f"synonym is {len(synonym)} characters, over Amazon's {MAX_SLOT_VALUE_CHARS}"
                )


def _check_dialog(interaction_model: dict, intents: list, report: _Report) -> None:
    dialog = interaction_model.get("dialog")
    if not isinstance(dialog, dict):
        return
    by_name = {i["name"]: i for i in intents if isinstance(i, dict) and isinstance(i.get("name"), str)}
    prompts = _list(interaction_model.get("prompts"))
    prompt_ids = {p["id"] for p in prompts if isinstance(p, dict) and isinstance(p.get("id"), str)}
    for index, dialog_intent in enumerate(_list(dialog.get("intents"))):
        if not isinstance(dialog_intent, dict):
            continue
        place = _join("interactionModel.dialog.intents", index)
        name = dialog_intent.get("name")
        if not isinstance(name, str) or name not in by_name:
            report.add(_join(place, "name"), "dialog.intent", f"dialog intent {name!r} is not in the language model")
            continue
        declared = slots_of(by_name[name])
        for slot_index, slot in enumerate(_list(dialog_intent.get("slots"))):
            if not isinstance(slot, dict):
                continue
            slot_place = _join(_join(place, "slots"), slot_index)
            if not isinstance(slot.get("name"), str) or slot["name"] not in declared:
                report.add(_join(slot_place, "name"), "dialog.slot", f"dialog slot {slot.get('name')!r} is not declared on {name}")
            slot_prompts = slot.get("prompts") if isinstance(slot.get("prompts"), dict) else {}
            for kind, prompt_id in slot_prompts.items():
                if not isinstance(prompt_id, str) or prompt_id not in prompt_ids:
                    report.add(_join(_join(slot_place, "prompts"), kind), "dialog.prompt", f"prompt {prompt_id!r} is not defined")


# ====================================================================== manifest


def check_manifest(manifest: Any, models: dict[str, dict | None], report: _Report) -> None:
    """The manifest's own rules, and its example phrases against the models
    (locale -> model; None for a model whose structure is broken)."""
    if not isinstance(manifest, dict) or not isinstance(manifest.get("manifest"), dict):
        report.add("", "manifest.structure", "missing the manifest object")
        return
    body = manifest["manifest"]
    apis = body.get("apis")
    if not isinstance(apis, dict) or "custom" not in apis:
        report.add("manifest.apis", "manifest.custom", "apis.custom is missing: this is a custom skill")
    publishing = body.get("publishingInformation")
    locales = publishing.get("locales") if isinstance(publishing, dict) else None
    if not isinstance(locales, dict) or not locales:
        report.add("manifest.publishingInformation.locales", "manifest.locales", "no publishing locales")
        return
    for locale in sorted(set(models) - set(locales)):
        report.add(
            "manifest.publishingInformation.locales",
            "manifest.locales",
            f"the model for {locale} has no publishing information in skill.json",
        )
    for locale, info in locales.items():
        place = _join("manifest.publishingInformation.locales", locale)
        if locale not in models:
            report.add(place, "manifest.locales", f"locale {locale} has no interaction model ({locale}.json)")
            continue
        if not isinstance(info, dict) or models[locale] is None:
            continue  # a model too broken to match phrases against is reported on its own
        phrases = info.get("examplePhrases")
        if not isinstance(phrases, list) or not phrases:
            report.add(_join(place, "examplePhrases"), "phrase.missing", f"{locale} has no example phrases")
            continue
        if len(phrases) > MAX_EXAMPLE_PHRASES:
            report.add(
                _join(place, "examplePhrases"),
                "phrase.count",
                f"{len(phrases)} example phrases; at most {MAX_EXAMPLE_PHRASES} are shown",
            )
        matcher = _PhraseMatcher(models[locale])
        for index, phrase in enumerate(phrases):
            if not isinstance(phrase, str):
                continue
            problem = matcher.problem(phrase, first=index == 0)
            if problem:
                code, message = problem
                report.add(_join(_join(place, "examplePhrases"), index), code, message)


def _phrase_words(text: str) -> str:
    text = text.replace("\u2019", "'").casefold()
    text = re.sub(r"[,!?;:\"]", " ", text)
    text = re.sub(r"\.(?=\s|$)(?<![^\W\d_]\.)", " ", text)  # sentence periods, not "n."
    text = re.sub(r"(?<=\s)([^\W\d_])\.(?=\s|$)", r"\1.", text)
    return " ".join(text.split()).rstrip(".")


_NUMBER_WORD = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
    r"thousand|a|an|half|a half|and|couple|few|several)"
)
# Built-in slot types whose spoken values have a recognisable shape.
_BUILTIN_SLOT_PATTERNS = {
    "AMAZON.NUMBER": rf"{_NUMBER_WORD}(?:[ -]{_NUMBER_WORD})*",
    "AMAZON.DURATION": rf"(?:(?:{_NUMBER_WORD}|of|more|than|over|about|almost|nearly)[ -])*"
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnight|months?|years?)(?: and (?:a half|.+))?",
}


class _PhraseMatcher:
    """Matches the utterance part of an example phrase against the samples,
    with custom slots filled by their values and synonyms."""

    def __init__(self, model: dict):
        interaction_model = model.get("interactionModel") if isinstance(model, dict) else None
        language_model = interaction_model.get("languageModel") if isinstance(interaction_model, dict) else None
        language_model = language_model if isinstance(language_model, dict) else {}
        invocation = language_model.get("invocationName")
        # A missing or mistyped invocation name is reported on the model; phrases are not judged then.
        self.invocation = _phrase_words(invocation) if isinstance(invocation, str) and invocation.strip() else None
        values: dict[str, list[str]] = {}
        for slot_type in _list(language_model.get("types")):
            if not isinstance(slot_type, dict):
                continue
            words = []
            for value in _list(slot_type.get("values")):
                name = value.get("name") if isinstance(value, dict) else None
                if not isinstance(name, dict):
                    continue
                for text in [name.get("value"), *_list(name.get("synonyms"))]:
                    if isinstance(text, str) and text.strip():
                        words.append(_phrase_words(text))
            if isinstance(slot_type.get("name"), str):
                values[slot_type["name"]] = sorted(set(words), key=len, reverse=True)
        self.patterns: list[tuple[str, re.Pattern]] = []
        for intent in _list(language_model.get("intents")):
            if not isinstance(intent, dict) or not isinstance(intent.get("name"), str):
                continue
            slots = slots_of(intent)
            for sample in _list(intent.get("samples")):
                if isinstance(sample, str):
                    self.patterns.append((intent.get("name"), self._pattern(sample, slots, values)))

    @staticmethod
    def _pattern(sample: str, slots: dict[str, str], values: dict[str, list[str]]) -> re.Pattern:
        parts, literal, open_slot = [], False, False
        for piece in re.split(r"(\{[^{}]*\})", sample):
            slot = re.fullmatch(r"\{([^{}]*)\}", piece)
            if slot:
                slot_type = slots.get(slot.group(1), "")
                choices = values.get(slot_type)
                if choices:
                    parts.append("(?:" + "|".join(map(re.escape, choices)) + ")")
                elif slot_type in _BUILTIN_SLOT_PATTERNS:
                    parts.append(_BUILTIN_SLOT_PATTERNS[slot_type])
                else:
                    parts.append(r"[^\W\d_][\w' .-]*?")
                    open_slot = True
            elif piece.strip():
                parts.append(re.escape(_phrase_words(piece)))
                literal = True
        if not parts or (open_slot and not literal):
            return re.compile(r"(?!)")  # a lone built-in slot would match anything: cannot judge
        return re.compile(r"\s*".join(parts))

    def matching_intent(self, utterance: str) -> str | None:
        for intent, pattern in self.patterns:
            if pattern.fullmatch(utterance):
                return intent
        return None

    def problem(self, phrase: str, *, first: bool) -> tuple[str, str] | None:
        if self.invocation is None:
            return None
        match = re.match(r"\s*alexa\s*,?\s+(.*)$", phrase, re.IGNORECASE | re.DOTALL)
        if not match:
            return "phrase.wake-word", f"{phrase!r} must start with the wake word: \"Alexa, ...\""
        rest = _phrase_words(match.group(1))
        invocation = self.invocation
        for launch in EXAMPLE_LAUNCH_PHRASES:
            if rest == f"{launch} {invocation}":
                return None
            prefix = f"{launch} {invocation} "
            if rest.startswith(prefix):
                utterance = rest[len(prefix):]
                candidates = [utterance] + [
                    utterance[len(word) + 1:] for word in EXAMPLE_CONNECTING_WORDS if utterance.startswith(word + " ")
                ]
                if any(self.matching_intent(candidate) for candidate in candidates):
                    return None
                return (
                    "phrase.no-sample",
                    f"{phrase!r}: {utterance!r} matches no sample utterance (with slot values from the model)",
                )
        if first:
            return (
                "phrase.first",
                f"{phrase!r}: the first example phrase must be \"Alexa, <open|ask|tell ...> {invocation} ...\"",
            )
        for connector in EXAMPLE_TRAILING_CONNECTORS:
            suffix = f" {connector} {invocation}"
            if rest.endswith(suffix):
                utterance = rest[: -len(suffix)]
                if self.matching_intent(utterance):
                    return None
                return "phrase.no-sample", f"{phrase!r}: {utterance!r} matches no sample utterance"
        return "phrase.invocation", f"{phrase!r} does not invoke {invocation!r} with a launch phrase"


# ================================================================ project rules


def skill_handlers(skill_builder: Any) -> list:
    """The request handlers of a SkillBuilder, in dispatch order."""
    handlers = []
    for mapper in skill_builder.skill_configuration.request_mappers:
        for chain in mapper.request_handler_chains:
            handlers.append(chain.request_handler)
    return handlers


def _handler_input(intent_name: str):
    from ask_sdk_core.handler_input import HandlerInput
    from ask_sdk_model import RequestEnvelope
    from ask_sdk_model_runtime.serializer import DefaultSerializer

    from skill.tools.envelopes import intent_request

    envelope = DefaultSerializer().deserialize(json.dumps(intent_request(intent_name)), RequestEnvelope)
    return HandlerInput(request_envelope=envelope)


def _claims(handler: Any, intent_name: str) -> bool:
    try:
        return bool(handler.can_handle(handler_input=_handler_input(intent_name)))
    except Exception:  # a handler that cannot even look at the request does not handle it
        return False


def handled_intents(skill_builder: Any, candidates: Iterable[str]) -> dict[str, str]:
    """intent name -> name of the handler that answers it, for every candidate
    a specific handler claims (the first in dispatch order, as ask-sdk picks);
    a handler that also claims an intent no model has is a catch-all and does
    not count as handling anything."""
    handlers = [h for h in skill_handlers(skill_builder) if not _claims(h, _CATCH_ALL_PROBE)]
    result = {}
    for name in candidates:
        for handler in handlers:
            if _claims(handler, name):
                result[name] = type(handler).__name__
                break
    return result


def _intent_names_in_source(handlers: Iterable[Any]) -> set[str]:
    names: set[str] = set()
    modules = {inspect.getmodule(type(h)) for h in handlers}
    for module in modules:
        try:
            source = inspect.getsource(module)
        except (OSError, TypeError):
            continue
        names.update(re.findall(r"[\"']((?:AMAZON\.)?[A-Za-z]+Intent)[\"']", source))
    return names


def check_project_rules(data: dict, locale: str, report: _Report, *, skill_builder: Any = None) -> None:
    interaction_model = data.get("interactionModel") if isinstance(data, dict) else None
    language_model = interaction_model.get("languageModel") if isinstance(interaction_model, dict) else None
    language_model = language_model if isinstance(language_model, dict) else {}
    intents = _list(language_model.get("intents"))
    base = "interactionModel.languageModel"
    model_intents = {
        i["name"]: index for index, i in enumerate(intents) if isinstance(i, dict) and isinstance(i.get("name"), str)
    }

    # The contract's intents and slots.
    for name in CONTRACT_INTENTS:
        if name not in model_intents:
            report.add(_join(base, "intents"), "contract.intent", f"contract intent {name} is missing (DESIGN.md)")
    for name, expected in CONTRACT_SLOTS.items():
        if name not in model_intents:
            continue
        declared = slots_of(intents[model_intents[name]])
        for slot, slot_type in expected.items():
            if declared.get(slot) != slot_type:
                report.add(
                    _join(_join(base, "intents"), model_intents[name]),
                    "contract.slot",
                    f"{name} must declare slot {slot!r} of type {slot_type} (has {declared.get(slot)!r})",
                )

    # Handlers <-> model intents.
    if skill_builder is None:
        from skill.core.builder import build_skill_builder

        skill_builder = build_skill_builder()
    handlers = skill_handlers(skill_builder)
    candidates = (
        set(model_intents) | set(CONTRACT_INTENTS) | set(PROBED_BUILTIN_INTENTS) | _intent_names_in_source(handlers)
    )
    candidates.discard(None)
    handled = handled_intents(skill_builder, sorted(candidates))
    for name, index in model_intents.items():
        if name not in handled:
            report.add(
                _join(_join(base, "intents"), index),
                "handler.missing",
                f"intent {name} has no handler (only a catch-all would answer it)",
            )
    for name, handler in sorted(handled.items()):
        if name not in model_intents:
            report.add(
                _join(base, "intents"),
                "handler.extra",
                f"{handler} handles {name}, which is not in the {locale} model",
            )

    # SymptomType <-> skill.core.rules.Symptom.
    from skill.core.rules import LEVELS, Symptom

    types = _list(language_model.get("types"))
    symptom_types = [(i, t) for i, t in enumerate(types) if isinstance(t, dict) and t.get("name") == SYMPTOM_TYPE]
    if not symptom_types:
        report.add(_join(base, "types"), "rules.slot-type", f"slot type {SYMPTOM_TYPE} is missing")
    else:
        type_index, symptom_type = symptom_types[0]
        type_place = _join(_join(base, "types"), type_index)
        known = {symptom.value for symptom in Symptom}
        ids = set()
        for value_index, value in enumerate(_list(symptom_type.get("values"))):
            if not isinstance(value, dict):
                continue
            value_place = _join(_join(type_place, "values"), value_index)
            value_id = value.get("id")
            if not isinstance(value_id, str) or not value_id:
                report.add(value_place, "rules.no-id", f"a {SYMPTOM_TYPE} value has no id (entity resolution needs it)")
                continue
            ids.add(value_id)
            if value_id not in known:
                report.add(
                    _join(value_place, "id"),
                    "rules.unknown-id",
                    f"{SYMPTOM_TYPE} id {value_id!r} is not a symptom of skill.core.rules",
                )
        for symptom in Symptom:
            if symptom.value not in ids:
                report.add(
                    _join(type_place, "values"),
                    "rules.no-slot-value",
                    f"rule symptom {symptom.value} has no {SYMPTOM_TYPE} slot value",
                )
        for symptom in Symptom:
            if symptom not in LEVELS:
                report.add(_join(type_place, "values"), "rules.no-level", f"rule symptom {symptom.value} has no level")

    # Speech strings for the locale.
    from skill.core import speech

    if locale not in speech.supported_locales():
        report.add("", "speech.locale", f"no speech strings for {locale} (skill/locales/{locale}.json)")


def _display(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
