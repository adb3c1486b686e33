"""Shape: each file against ask-smapi-model's own classes.

A walk over the classes' declared types reports wrong types, unknown enum
values and unknown keys, each with its place; a round trip (deserialize,
serialize, compare) catches anything else the classes would silently drop or
coerce.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from enum import Enum
from typing import Any

from ask_sdk_model_runtime.serializer import DefaultSerializer

from skill.tools.validate.files import SkillPackage
from skill.tools.validate.report import Problem, Report, join

MODEL_CLASS = "ask_smapi_model.v1.skill.interaction_model.interaction_model_data.InteractionModelData"
MANIFEST_CLASS = "ask_smapi_model.v1.skill.manifest.skill_manifest_envelope.SkillManifestEnvelope"


def check_shape(data: Any, class_path: str, report: Report) -> None:
    """Wrong types and unknown keys, by ask-smapi-model's classes."""
    before = len(report.problems)
    _walk(data, class_path, "", report)
    walked = [p.place for p in report.problems[before:]]

    serializer = DefaultSerializer()
    readable = _without_bare_interfaces(data) if class_path == MANIFEST_CLASS else data
    class_name = class_path.rsplit(".", 1)[1]
    try:
        obj = serializer.deserialize(json.dumps(readable), class_path)
        round_trip = serializer.serialize(obj)
    except Exception as error:  # SerializationException, and whatever the classes raise unwrapped
        if not walked:
            report.add("", "shape.deserialize", f"{class_name} cannot deserialize this file: {error}")
        return
    for place, message in _diff(readable, round_trip, ""):
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


def _load_class(path: str) -> Any:
    module_name, _, name = path.rpartition(".")
    module = __import__(module_name, fromlist=[name])
    return getattr(module, name)


_PRIMITIVES = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,)}


def _walk(value: Any, type_name: str, place: str, report: Report) -> None:  # noqa: C901, PLR0912 - one branch per kind of type in Amazon's model classes (list, dict, scalar, object, date)
    if value is None:
        return
    list_match = re.fullmatch(r"list\[(.*)\]", type_name)
    if list_match:
        if not isinstance(value, list):
            report.add(place, "shape.type", f"expected an array, got {_json_type(value)}")
            return
        for index, item in enumerate(value):
            _walk(item, list_match.group(1).strip(), join(place, index), report)
        return
    dict_match = re.fullmatch(r"dict\(([^,]*), (.*)\)", type_name)
    if dict_match:
        if not isinstance(value, dict):
            report.add(place, "shape.type", f"expected an object, got {_json_type(value)}")
            return
        for key, item in value.items():
            _walk(item, dict_match.group(2).strip(), join(place, key), report)
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
        if kind not in cls.discriminator_value_class_map and _bare_kind(cls, kind):
            for extra in sorted(set(value) - {key}):  # a kind with no class of its own has no other fields
                report.add(join(place, extra), "shape.unknown-key", f"unknown key {extra!r} for {cls.__name__} {kind}")
            return
        if kind not in cls.discriminator_value_class_map:
            shown = ", ".join(sorted(cls.discriminator_value_class_map))
            report.add(join(place, key), "shape.discriminator", f"{kind!r} is not one of {shown}")
            return
        cls = _load_class(cls.discriminator_value_class_map[kind])
    attribute_map = dict(getattr(cls, "attribute_map", {}))
    json_to_attr = {json_key: attr for attr, json_key in attribute_map.items()}
    for attr in cls.deserialized_types:
        json_to_attr.setdefault(attr, attr)
    for key, item in value.items():
        if key not in json_to_attr:
            known = ", ".join(sorted(json_to_attr))
            report.add(join(place, key), "shape.unknown-key", f"unknown key {key!r} in {cls.__name__} (known: {known})")
            continue
        _walk(item, cls.deserialized_types[json_to_attr[key]], join(place, key), report)


# Discriminated classes whose kinds are listed by an enum that also holds
# kinds with no subclass (no fields besides the type, such as the
# CAN_FULFILL_INTENT_REQUEST interface): class -> that enum.
_KIND_ENUMS = {"Interface": "ask_smapi_model.v1.skill.manifest.interface_type.InterfaceType"}


def _bare_kind(cls: Any, kind: Any) -> bool:
    """Whether `kind` is an allowed kind of `cls` that has no class of its own."""
    enum_path = _KIND_ENUMS.get(cls.__name__)
    if enum_path is None:
        return False
    return kind in {member.value for member in _load_class(enum_path)}


def _without_bare_interfaces(data: Any) -> Any:
    """`data` without the interfaces the classes cannot read back (checked by the walk instead)."""
    from ask_smapi_model.v1.skill.manifest.interface import Interface

    if isinstance(data, dict):
        return {key: _without_bare_interfaces(value) for key, value in data.items()}
    if isinstance(data, list):
        return [
            _without_bare_interfaces(item)
            for item in data
            if not (isinstance(item, dict) and item.get("type") not in Interface.discriminator_value_class_map and _bare_kind(Interface, item.get("type")))
        ]
    return data


def _diff(original: Any, after: Any, place: str) -> Iterable[tuple[str, str]]:
    if isinstance(original, dict) and isinstance(after, dict):
        for key, value in original.items():
            if key not in after:
                if value is not None:
                    yield join(place, key), f"key {key!r} is dropped (unknown to the model class)"
            else:
                yield from _diff(value, after[key], join(place, key))
        return
    if isinstance(original, list) and isinstance(after, list) and len(original) == len(after):
        for index, (a, b) in enumerate(zip(original, after, strict=False)):
            yield from _diff(a, b, join(place, index))
        return
    if original != after or type(original) is not type(after):
        yield place, f"{_json_type(original)} {_short(original)} comes back as {_json_type(after)} {_short(after)}"


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _without_name_free(data: Any) -> Any:
    """The model without `interactionModel._nameFreeInteraction`: Amazon's
    name-free toolkit container, which the classes do not know (the
    name-free check reads it)."""
    model = data.get("interactionModel") if isinstance(data, dict) else None
    if not isinstance(model, dict) or "_nameFreeInteraction" not in model:
        return data
    return {**data, "interactionModel": {k: v for k, v in model.items() if k != "_nameFreeInteraction"}}


def check_models(package: SkillPackage) -> list[Problem]:
    """The shape of every model file that could be read as JSON."""
    problems: list[Problem] = []
    for file in package.models:
        if file.data is not None:
            report = Report(file.name)
            check_shape(_without_name_free(file.data), MODEL_CLASS, report)
            problems += report.problems
    return problems
