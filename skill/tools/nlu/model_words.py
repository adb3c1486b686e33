"""The lexicon's words in the interaction model, so a device is trained on
the words the matcher and the Lambda read.

Every finding or event phrase of a locale's lexicon that makes a sign on its
own (`skill.core.lexicon.compose` with no site said) is a synonym of that
sign's `SymptomType` value, except a phrase led by a clitic ("se me sale") or
holding its own negation ("días y nada"), which the lexicon reads but a device
would misuse as a slot value; a phrase that is already another value's synonym
moves to the sign the lexicon composes. The matcher's everyday yes and no
("you bet", "qué va") are samples of AMAZON.YesIntent and AMAZON.NoIntent,
where no intent has them yet, so a device is not taught otherwise. Nothing
else in the model is touched, and writing twice changes nothing (`back-spasm
words`; `back-spasm validate` checks it).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Any

from skill.core import contract, lexicon
from skill.core.lexicon import NEGATIVE_WORDS, ORDINARY, compose
from skill.core.lexicon.composition import ACCIDENT_AT
from skill.core.rules import Symptom
from skill.tools.nlu import english, spanish
from skill.tools.nlu.normalize import normalize

SYMPTOM_TYPE = "SymptomType"
# Amazon's limit on one slot value or synonym.
MAX_SYNONYM_CHARS = 140


@cache
def lexicon_synonyms(locale: str) -> Mapping[str, Symptom]:
    """Each phrase (as spoken) and the sign it makes on its own."""
    parts = lexicon.for_locale(locale)
    out: dict[str, Symptom] = {}
    for phrase, label in parts.targets:
        if label in (ORDINARY, ACCIDENT_AT) or label.startswith("NORMAL:") or "*" in phrase:
            continue
        # A phrase led by a clitic is a verb bound to its clause ("se me sale"), not a thing a slot
        # holds: as a synonym it lets fragments ("se me") fill a slot.
        if phrase[0] in parts.verb_clitics:
            continue
        # A phrase that holds its own negation ("dias y nada") is negative in form: as a synonym, a
        # denial sample ("nada de {symptom}") takes it as the thing denied.
        if NEGATIVE_WORDS & set(phrase):
            continue
        sign = compose(label, frozenset(), False)
        spoken = " ".join(phrase)
        if sign is not None and len(spoken) <= MAX_SYNONYM_CHARS:
            out.setdefault(spoken, sign)
    return MappingProxyType(out)


@cache
def _known(locale: str) -> frozenset[str]:
    return frozenset(normalize(spoken) for spoken in lexicon_synonyms(locale))


# A phrase that is a negation of another phrase ("no coordination" and
# "coordination"): a denial sample ("no {symptom}") would hear it too, so the
# generator adds neither.
_NEGATION_FIRST = frozenset({"no", "not", "sin", "nada", "nunca"})


def _ambiguous(spoken: str, owner: Mapping[str, str], locale: str) -> bool:
    known = owner.keys() | _known(locale)
    text = normalize(spoken)
    first, _, rest = text.partition(" ")
    return (first in _NEGATION_FIRST and rest in known) or any(f"{word} {text}" in known for word in _NEGATION_FIRST)


def _symptom_type(data: Any) -> dict[str, Any] | None:
    for slot_type in data.get("interactionModel", {}).get("languageModel", {}).get("types", []):
        if slot_type.get("name") == SYMPTOM_TYPE:
            return slot_type
    return None


# Amazon's limit on one sample utterance.
MAX_SAMPLE_CHARS = 200


def _intents(data: Any) -> list[dict[str, Any]]:
    return list(data.get("interactionModel", {}).get("languageModel", {}).get("intents", []))


def missing_answers(data: Any, locale: str) -> list[tuple[str, str]]:
    """The everyday yes and no (intent, phrase) that no intent of the model has as a sample."""
    words = spanish if locale.split("-")[0] == "es" else english
    intents = {intent.get("name"): intent for intent in _intents(data)}
    known = {normalize(sample) for intent in intents.values() for sample in intent.get("samples", [])}
    missing = []
    for name in (contract.YES, contract.NO):
        if name not in intents:
            continue
        for phrase in words.EVERYDAY_ANSWERS.get(name, ()):
            if normalize(phrase) not in known and len(phrase) <= MAX_SAMPLE_CHARS:
                known.add(normalize(phrase))
                missing.append((name, phrase))
    return missing


def write_answers(data: Any, locale: str) -> int:
    """Adds the missing everyday yes and no as samples (in place); returns how many."""
    intents = {intent.get("name"): intent for intent in _intents(data)}
    missing = missing_answers(data, locale)
    for name, phrase in missing:
        intents[name].setdefault("samples", []).append(phrase)
    return len(missing)


def out_of_sync(data: Any, locale: str) -> list[str]:
    """What the model lacks of the lexicon and the everyday answers: one line each."""
    answers = [f'everyday answer "{phrase}" is not a sample of {name}' for name, phrase in missing_answers(data, locale)]
    return answers + _synonyms_out_of_sync(data, locale)


def _synonyms_out_of_sync(data: Any, locale: str) -> list[str]:
    slot_type = _symptom_type(data)
    if slot_type is None:
        return [f"no {SYMPTOM_TYPE} slot type"]
    owner: dict[str, str] = {}
    for value in slot_type.get("values", []):
        name = value.get("name", {})
        for text in (name.get("value", ""), *name.get("synonyms", [])):
            owner.setdefault(normalize(text), value.get("id", ""))
    ids = {value.get("id") for value in slot_type.get("values", [])}
    problems = []
    for spoken, sign in sorted(lexicon_synonyms(locale).items()):
        if sign.value not in ids or _ambiguous(spoken, owner, locale):
            continue  # a missing value is the rules check's to report
        found = owner.get(normalize(spoken))
        if found != sign.value:
            where = f"a value of {found}" if found else "missing"
            problems.append(f'lexicon phrase "{spoken}" ({sign.value}) is {where}')
    return problems


def write_synonyms(data: Any, locale: str) -> int:
    """Puts the lexicon's phrases into `data`'s SymptomType (in place);
    returns how many synonyms were added or moved."""
    slot_type = _symptom_type(data)
    if slot_type is None:
        raise ValueError(f"no {SYMPTOM_TYPE} slot type")
    owner = {
        normalize(text): value.get("id", "")
        for value in slot_type.get("values", [])
        for text in (value.get("name", {}).get("value", ""), *value.get("name", {}).get("synonyms", []))
    }
    wanted: Mapping[str, Symptom] = {normalize(s): sign for s, sign in lexicon_synonyms(locale).items() if not _ambiguous(s, owner, locale)}
    spoken_of = {normalize(s): s for s in lexicon_synonyms(locale)}
    changed = 0
    values = {value.get("id"): value for value in slot_type.get("values", [])}
    for value_id, value in values.items():
        name = value.setdefault("name", {})
        kept = [s for s in name.get("synonyms", []) if wanted.get(normalize(s), None) in (None, Symptom(value_id))]
        changed += len(name.get("synonyms", [])) - len(kept)
        name["synonyms"] = kept
    for key, sign in wanted.items():
        value = values.get(sign.value)
        if value is None:
            continue
        name = value["name"]
        present = {normalize(s) for s in (name.get("value", ""), *name["synonyms"])}
        if key not in present:
            name["synonyms"].append(spoken_of[key])
            changed += 1
    return changed
