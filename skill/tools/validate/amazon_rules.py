"""Amazon's rules for an interaction model that ask-smapi-model's classes do
not enforce: invocation name, intent, slot and slot type names, slot
references in samples, custom slot types, duplicate samples, required
built-in intents, sample and slot value limits, and the dialog model.

Amazon's limits applied (Alexa developer documentation and console messages;
see docs/deploy.md): invocation names are lowercase letters, spaces,
possessive apostrophes and periods of spoken initials ("n. y."), two or more
words, no launch phrases or wake words; sample utterances are letters and
spaces with periods only after single spoken letters, apostrophes inside
words and hyphens inside words, numbers spelled out, at most 200 characters,
slots referenced as whole words; slot values and synonyms at most 140
characters.
"""

from __future__ import annotations

import re
from typing import Any

from skill.core import contract
from skill.tools.validate.files import SkillPackage
from skill.tools.validate.report import Problem, Report, as_list, join

MAX_SAMPLE_CHARS = 200
MAX_SLOT_VALUE_CHARS = 140
REQUIRED_BUILTIN_INTENTS = (contract.CANCEL, contract.HELP, contract.STOP, contract.NAVIGATE_HOME, contract.FALLBACK)
# Launch phrases and wake words an invocation name may not contain, by the
# locale's language (an "es-US" name may say neither "open" nor "abre").
INVOCATION_LAUNCH_WORDS = frozenset({"launch", "ask", "tell", "load", "begin", "enable", "open", "start", "run"})
INVOCATION_LAUNCH_WORDS_BY_LANGUAGE: dict[str, frozenset[str]] = {
    "en": INVOCATION_LAUNCH_WORDS,
    "es": frozenset({
        "abre", "abrir", "pide", "pregunta", "preguntale", "dile", "inicia", "iniciar", "empieza", "comienza",
        "lanza", "ejecuta", "carga", "activa", "habilita", "usa",
    }),
}  # fmt: skip
INVOCATION_WAKE_WORDS = frozenset({"alexa", "amazon", "echo", "computer", "ziggy", "skill", "app"})
# A two-word invocation name may not be made up with one of these.
INVOCATION_TWO_WORD_BANNED = frozenset({"the", "a", "an", "for", "to", "of"})
INVOCATION_TWO_WORD_BANNED_BY_LANGUAGE: dict[str, frozenset[str]] = {
    "en": INVOCATION_TWO_WORD_BANNED,
    "es": frozenset({"el", "la", "los", "las", "un", "una", "de", "del", "para", "a", "al", "en", "con", "por"}),
}

INTENT_NAME = re.compile(r"^(AMAZON\.[A-Za-z]+|[A-Za-z_]+)$")
SLOT_NAME = re.compile(r"^[A-Za-z_]+$")
SLOT_TYPE_NAME = re.compile(r"^(AMAZON\.[A-Za-z_.]+|[A-Za-z_]+)$")
_SLOT_REF = re.compile(r"\{([^{}]*)\}")


def check(package: SkillPackage) -> list[Problem]:
    """Amazon's rules for every model file that could be read as JSON."""
    problems: list[Problem] = []
    for file in package.models:
        if file.data is None:
            continue  # unreadable: reported when the package was read
        report = Report(file.name)
        check_interaction_model(file.data, report, language=file.locale.split("-")[0])
        if file.error is not None and not report.problems and not package.reported(file.name):
            # Nothing above explains why the file cannot be read: say so.
            report.add(file.error.place, "model.structure", f"cannot read the language model: {file.error.reason}")
        problems += report.problems
    return problems


def _normalise_sample(sample: str) -> str:
    return " ".join(sample.replace("\u2019", "'").casefold().split())


def check_interaction_model(data: Any, report: Report, *, language: str = "en") -> None:  # noqa: C901, PLR0912, PLR0915 - Amazon's rules for a model, one branch per documented rule in the documentation's order
    """Amazon's rules for one locale's interaction model (`language`: "en", "es")."""
    if not isinstance(data, dict) or not isinstance(data.get("interactionModel"), dict):
        report.add("", "model.structure", "missing the interactionModel object")
        return
    base = "interactionModel.languageModel"
    language_model = data["interactionModel"].get("languageModel")
    if not isinstance(language_model, dict):
        report.add("interactionModel", "model.structure", "missing the languageModel object")
        return
    check_invocation_name(language_model.get("invocationName"), join(base, "invocationName"), report, language=language)

    types = as_list(language_model.get("types"))
    type_names: dict[str, int] = {}
    if isinstance(types, list):
        for index, slot_type in enumerate(types):
            if isinstance(slot_type, dict) and isinstance(slot_type.get("name"), str):
                name = slot_type["name"]
                place = join(join(base, "types"), index)
                if name in type_names:
                    report.add(join(place, "name"), "type.duplicate", f"slot type {name!r} is defined twice")
                type_names[name] = index
                if not SLOT_TYPE_NAME.match(name):
                    report.add(join(place, "name"), "type.name", f"slot type name {name!r}: letters and underscores only")
                _check_slot_type(slot_type, place, report)

    intents = language_model.get("intents")
    if not isinstance(intents, list) or not intents:
        report.add(join(base, "intents"), "model.structure", "the model has no intents")
        return
    seen_intents: dict[str, int] = {}
    sample_owner: dict[str, tuple[str, str]] = {}
    for index, intent in enumerate(intents):
        if not isinstance(intent, dict) or not isinstance(intent.get("name"), str):
            continue
        place = join(join(base, "intents"), index)
        name = intent["name"]
        if name in seen_intents:
            report.add(join(place, "name"), "intent.duplicate", f"intent {name!r} is defined twice")
        seen_intents[name] = index
        if not INTENT_NAME.match(name):
            report.add(join(place, "name"), "intent.name", f"intent name {name!r}: letters and underscores only")
        slots: dict[str, str] = {}
        for slot_index, slot in enumerate(as_list(intent.get("slots"))):
            if not isinstance(slot, dict):
                continue
            slot_place = join(join(place, "slots"), slot_index)
            slot_name, slot_type = slot.get("name"), slot.get("type")
            if isinstance(slot_name, str):
                if slot_name in slots:
                    report.add(join(slot_place, "name"), "slot.duplicate", f"slot {slot_name!r} is declared twice on {name}")
                if not SLOT_NAME.match(slot_name):
                    report.add(join(slot_place, "name"), "slot.name", f"slot name {slot_name!r}: letters and underscores only")
                slots[slot_name] = slot_type if isinstance(slot_type, str) else ""
            if not isinstance(slot_type, str) or not slot_type:
                report.add(slot_place, "slot.type", f"slot {slot_name!r} on {name} has no type")
            elif not slot_type.startswith("AMAZON.") and slot_type not in type_names:
                report.add(
                    join(slot_place, "type"),
                    "slot.unknown-type",
                    f"slot {slot_name!r} on {name} uses slot type {slot_type!r}, which is not defined in types",
                )
            for sample_index, sample in enumerate(as_list(slot.get("samples"))):
                if isinstance(sample, str):
                    _check_sample(sample, name, slots_of(intent), join(join(slot_place, "samples"), sample_index), report)
        seen_in_intent: dict[str, int] = {}
        for sample_index, sample in enumerate(as_list(intent.get("samples"))):
            if not isinstance(sample, str):
                continue
            sample_place = join(join(place, "samples"), sample_index)
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
            report.add(join(base, "intents"), "intent.required", f"required built-in intent {required} is missing")
    _check_dialog(data["interactionModel"], intents, report)


def slots_of(intent: dict[str, Any]) -> dict[str, str]:
    """slot name -> slot type ("" when missing) of one intent as read from the file."""
    return {
        slot["name"]: slot["type"] if isinstance(slot.get("type"), str) else ""
        for slot in as_list(intent.get("slots"))
        if isinstance(slot, dict) and isinstance(slot.get("name"), str)
    }


def check_invocation_name(name: Any, place: str, report: Report, *, language: str = "en") -> None:
    launch_words = INVOCATION_LAUNCH_WORDS | INVOCATION_LAUNCH_WORDS_BY_LANGUAGE.get(language, frozenset())
    two_word_banned = INVOCATION_TWO_WORD_BANNED_BY_LANGUAGE.get(language, INVOCATION_TWO_WORD_BANNED)
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
            f"invocation name {name!r} has {''.join(bad)!r}: only lowercase letters, spaces, apostrophes and periods (numbers spelled out)",
        )
    words = name.split()
    if len(words) < 2:
        report.add(place, "invocation.words", f"invocation name {name!r} must have two or more words")
    for word in words:
        bare = word.strip(".'")
        if "." in word and not re.fullmatch(r"[a-z]\.", word):
            report.add(place, "invocation.periods", f'{word!r}: periods only after single spoken letters ("n. y.")')
        if "'" in word and not re.fullmatch(r"[a-z]+'s|[a-z]+s'", word):
            report.add(place, "invocation.apostrophes", f'{word!r}: apostrophes only in possessives ("sam\'s")')
        if bare in launch_words:
            report.add(place, "invocation.launch-word", f"invocation name {name!r} contains the launch phrase {bare!r}")
        if bare in INVOCATION_WAKE_WORDS:
            report.add(place, "invocation.wake-word", f"invocation name {name!r} contains the wake word {bare!r}")
    if len(words) == 2 and any(word in two_word_banned for word in words):
        report.add(
            place,
            "invocation.two-words",
            f"a two-word invocation name may not include an article or preposition: {name!r}",
        )


def _check_sample(sample: str, intent: str, slots: dict[str, str], place: str, report: Report) -> None:
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
                f'{{{slot}}} must be a whole word in {sample!r} (put "\'s" and suffixes in the slot values)',
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


def _check_slot_type(slot_type: dict[str, Any], place: str, report: Report) -> None:  # noqa: C901 - one branch per documented slot-type rule
    name = slot_type.get("name")
    values = slot_type.get("values")
    if values is None:
        if not slot_type.get("valueSupplier"):
            report.add(place, "type.values", f"slot type {name!r} has no values")
        return
    if not isinstance(values, list):
        return
    if not values and not slot_type.get("valueSupplier"):
        report.add(join(place, "values"), "type.values", f"slot type {name!r} has no values")
    ids: dict[str, int] = {}
    names: dict[str, int] = {}
    for index, value in enumerate(values):
        if not isinstance(value, dict):
            continue
        value_place = join(join(place, "values"), index)
        value_id = value.get("id")
        if isinstance(value_id, str) and value_id:
            if value_id in ids:
                report.add(join(value_place, "id"), "type.duplicate-id", f"id {value_id!r} is used twice in {name}")
            ids[value_id] = index
        entry = value.get("name")
        if not isinstance(entry, dict):
            report.add(value_place, "type.value", f"a value of {name} has no name")
            continue
        text = entry.get("value")
        if not isinstance(text, str) or not text.strip():
            report.add(join(value_place, "name.value"), "type.value", f"an empty value in {name}")
            continue
        key = text.casefold().strip()
        if key in names:
            report.add(join(value_place, "name.value"), "type.duplicate-value", f"{text!r} is a value of {name} twice")
        names[key] = index
        if len(text) > MAX_SLOT_VALUE_CHARS:
            report.add(
                join(value_place, "name.value"),
                "type.length",
                f"slot value is {len(text)} characters, over Amazon's {MAX_SLOT_VALUE_CHARS}",
            )
        for synonym_index, synonym in enumerate(as_list(entry.get("synonyms"))):
            synonym_place = join(join(value_place, "name.synonyms"), synonym_index)
            if not isinstance(synonym, str) or not synonym.strip():
                report.add(synonym_place, "type.value", f"an empty synonym of {text!r} in {name}")
            elif len(synonym) > MAX_SLOT_VALUE_CHARS:
                report.add(synonym_place, "type.length", f"synonym is {len(synonym)} characters, over Amazon's {MAX_SLOT_VALUE_CHARS}")


def _check_dialog(interaction_model: dict[str, Any], intents: list[Any], report: Report) -> None:
    dialog = interaction_model.get("dialog")
    if not isinstance(dialog, dict):
        return
    by_name = {i["name"]: i for i in intents if isinstance(i, dict) and isinstance(i.get("name"), str)}
    prompts = as_list(interaction_model.get("prompts"))
    prompt_ids = {p["id"] for p in prompts if isinstance(p, dict) and isinstance(p.get("id"), str)}
    for index, dialog_intent in enumerate(as_list(dialog.get("intents"))):
        if not isinstance(dialog_intent, dict):
            continue
        place = join("interactionModel.dialog.intents", index)
        name = dialog_intent.get("name")
        if not isinstance(name, str) or name not in by_name:
            report.add(join(place, "name"), "dialog.intent", f"dialog intent {name!r} is not in the language model")
            continue
        declared = slots_of(by_name[name])
        for slot_index, slot in enumerate(as_list(dialog_intent.get("slots"))):
            if not isinstance(slot, dict):
                continue
            slot_place = join(join(place, "slots"), slot_index)
            if not isinstance(slot.get("name"), str) or slot["name"] not in declared:
                report.add(join(slot_place, "name"), "dialog.slot", f"dialog slot {slot.get('name')!r} is not declared on {name}")
            slot_prompts = slot.get("prompts")
            for kind, prompt_id in slot_prompts.items() if isinstance(slot_prompts, dict) else ():
                if not isinstance(prompt_id, str) or prompt_id not in prompt_ids:
                    report.add(join(join(slot_place, "prompts"), kind), "dialog.prompt", f"prompt {prompt_id!r} is not defined")
