"""The interaction model's language model, read into typed objects.

One reader for every tool: the chat matcher, `back-spasm validate`'s project
rules and the tests. It checks only what it needs to build the objects (names
are strings, lists are lists); Amazon's own rules are `back-spasm validate`'s
job. Anything it cannot read raises `ModelError` with the place it stopped at.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class ModelError(ValueError):
    """The file is not an interaction model these tools can read; `place` is
    where in the file reading stopped ("" for the file as a whole)."""

    def __init__(self, reason: str, place: str = ""):
        super().__init__(f"{place}: {reason}" if place else reason)
        self.reason = reason
        self.place = place


@dataclass(frozen=True)
class SlotValue:
    """One value of a custom slot type: its entity-resolution id (None when
    the file gives none), its canonical name and its synonyms."""

    id: str | None
    name: str
    synonyms: tuple[str, ...] = ()

    @property
    def phrases(self) -> tuple[str, ...]:
        """The canonical name, then the synonyms."""
        return (self.name, *self.synonyms)


@dataclass(frozen=True)
class SlotType:
    name: str
    values: tuple[SlotValue, ...] = ()


@dataclass(frozen=True)
class Slot:
    name: str
    type: str


@dataclass(frozen=True)
class Intent:
    name: str
    samples: tuple[str, ...] = ()
    slots: tuple[Slot, ...] = ()

    @property
    def slot_types(self) -> dict[str, str]:
        """slot name -> slot type"""
        return {slot.name: slot.type for slot in self.slots}


@dataclass(frozen=True)
class LanguageModel:
    """`interactionModel.languageModel`: intents and slot types keep the
    file's order, so an index here is the index in the file."""

    invocation_name: str
    intents: tuple[Intent, ...]
    types: tuple[SlotType, ...] = ()

    def intent(self, name: str) -> Intent | None:
        return next((intent for intent in self.intents if intent.name == name), None)

    def slot_type(self, name: str) -> SlotType | None:
        return next((slot_type for slot_type in self.types if slot_type.name == name), None)

    @property
    def intent_names(self) -> list[str]:
        return [intent.name for intent in self.intents]


def load(path: Path) -> LanguageModel:
    """The language model of one interaction model file; raises ModelError."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelError(f"{path}: {error}") from None
    return parse(data)


def parse(data: Any) -> LanguageModel:
    """The language model of an interaction model already read from JSON."""
    place = "interactionModel.languageModel"
    language_model = _object(_object(_object(data, "").get("interactionModel"), "interactionModel").get("languageModel"), place)
    invocation = language_model.get("invocationName")
    if invocation is not None and not isinstance(invocation, str):
        raise ModelError("not a string", f"{place}.invocationName")
    intents = tuple(_intent(item, f"{place}.intents[{i}]") for i, item in enumerate(_list(language_model.get("intents"), f"{place}.intents")))
    if not intents:
        raise ModelError("the model has no intents", f"{place}.intents")
    types = tuple(_slot_type(item, f"{place}.types[{i}]") for i, item in enumerate(_list(language_model.get("types"), f"{place}.types")))
    return LanguageModel(invocation or "", intents, types)


def _intent(data: Any, place: str) -> Intent:
    intent = _object(data, place)
    slots = tuple(
        Slot(_string(slot.get("name"), f"{place}.slots[{i}].name"), _string(slot.get("type"), f"{place}.slots[{i}].type"))
        for i, slot in enumerate(_object(item, f"{place}.slots[{i}]") for i, item in enumerate(_list(intent.get("slots"), f"{place}.slots")))
    )
    samples = tuple(_string(sample, f"{place}.samples[{i}]") for i, sample in enumerate(_list(intent.get("samples"), f"{place}.samples")))
    return Intent(_string(intent.get("name"), f"{place}.name"), samples, slots)


def _slot_type(data: Any, place: str) -> SlotType:
    slot_type = _object(data, place)
    values = []
    for i, item in enumerate(_list(slot_type.get("values"), f"{place}.values")):
        value_place = f"{place}.values[{i}]"
        value = _object(item, value_place)
        name = _object(value.get("name"), f"{value_place}.name")
        value_id = value.get("id")
        if value_id is not None and not isinstance(value_id, str):
            raise ModelError("not a string", f"{value_place}.id")
        synonyms = tuple(
            _string(synonym, f"{value_place}.name.synonyms[{j}]") for j, synonym in enumerate(_list(name.get("synonyms"), f"{value_place}.name.synonyms"))
        )
        values.append(SlotValue(value_id or None, _string(name.get("value"), f"{value_place}.name.value"), synonyms))
    return SlotType(_string(slot_type.get("name"), f"{place}.name"), tuple(values))


def _object(value: Any, place: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ModelError("not an object", place)
    return value


def _list(value: Any, place: str) -> list[Any]:
    """A list from the file; a missing (or null) list is an empty one."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ModelError("not an array", place)
    return value


def _string(value: Any, place: str) -> str:
    if not isinstance(value, str) or not value:
        raise ModelError("not a non-empty string", place)
    return value
