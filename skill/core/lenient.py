"""A request deserializer that never fails on what Alexa may send tomorrow.

The SDK's `DefaultSerializer` raises on any value it cannot convert: an enum
value Amazon adds (a new entity-resolution status code, a new `dialogState`),
a field of the wrong type, a discriminator it does not know, nesting deeper
than Python's recursion limit. One such field loses the whole request, and a
reported emergency with it. This reader walks the same public model metadata
(`deserialized_types`, `attribute_map`, `get_real_child_model`) and keeps
what it cannot convert as unknown instead: an unknown enum value stays its raw
string (equal to no member), a wrong-typed field becomes None, fields the
model does not declare are set as plain attributes, as the SDK does.
"""

from __future__ import annotations

import importlib
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any

from ask_sdk_core.serialize import DefaultSerializer

# Deeper than any real request; far below the recursion limit.
MAX_DEPTH = 40

_PRIMITIVES: dict[str, type] = {"str": str, "int": int, "float": float, "bool": bool}


@cache
def _model_class(name: str) -> Any:
    module_name, _, class_name = name.rpartition(".")
    return getattr(importlib.import_module(module_name), class_name)


def too_deep(value: object, limit: int = MAX_DEPTH) -> bool:
    """Whether `value` nests lists and dicts deeper than `limit` (checked without recursion)."""
    stack = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            if depth >= limit:
                return True
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, depth + 1) for child in children)
    return False


def _primitive(payload: object, kind: type) -> object:
    if kind is bool:
        return payload if isinstance(payload, bool) else None
    if kind is str:
        return payload if isinstance(payload, str) else None
    if isinstance(payload, bool) or not isinstance(payload, int | float):
        return None
    try:
        return kind(payload)
    except (ValueError, OverflowError):
        return None


def _timestamp(payload: object, kind: type) -> object:
    if not isinstance(payload, str) or len(payload) > 64:
        return None
    try:
        # Alexa's timestamps are ISO 8601 ("2026-01-01T00:00:00Z"), which the standard library reads in a
        # microsecond; anything else goes to dateutil, as the SDK reads it (a hundred times slower).
        parsed = datetime.fromisoformat(payload)
    except ValueError:
        try:
            from dateutil.parser import parse  # type: ignore[import-untyped]

            parsed = parse(payload)
        except (ValueError, OverflowError, TypeError):
            return None
    return parsed.date() if kind is date else parsed


def read(payload: object, obj_type: Any, depth: int = 0) -> Any:  # noqa: C901 - one branch per kind of SDK type string (list, dict, scalar, date, enum, model), as the SDK's own deserializer has
    """`payload` (parsed JSON) as `obj_type` (a model class or the SDK's type
    string); whatever does not fit is None, or its raw value for an enum."""
    if payload is None or depth > MAX_DEPTH:
        return None
    if isinstance(obj_type, str):
        primitive = _PRIMITIVES.get(obj_type)  # the commonest: checked first
        if primitive is not None:
            return _primitive(payload, primitive)
        # "list[a.b.C]" and "dict(str, a.b.C)", read as the SDK's deserializer reads them (no regex: this is every field of every request).
        if obj_type.startswith("list[") and obj_type.endswith("]"):
            if not isinstance(payload, list):
                return None
            item_type = obj_type[5:-1].strip()
            return [read(item, item_type, depth + 1) for item in payload]
        key_type, comma, value_type = obj_type[5:-1].partition(", ") if obj_type.startswith("dict(") and obj_type.endswith(")") else ("", "", "")
        if comma and "," not in key_type:
            if not isinstance(payload, dict):
                return None
            return {key: read(value, value_type, depth + 1) for key, value in payload.items()}
        if obj_type == "object":
            return None if too_deep(payload, MAX_DEPTH - depth) else payload
        if obj_type in ("datetime", "date"):
            return _timestamp(payload, datetime if obj_type == "datetime" else date)
        try:
            obj_type = _model_class(obj_type)
        except (ImportError, AttributeError, ValueError):
            return None
    if obj_type in (datetime, date):
        return _timestamp(payload, obj_type)
    if obj_type in _PRIMITIVES.values():
        return _primitive(payload, obj_type)
    if isinstance(obj_type, type) and issubclass(obj_type, Enum):
        if not isinstance(payload, str | int | float):
            return None  # (the SDK's error message would repr a deep value)
        try:
            return obj_type(payload)
        except (ValueError, TypeError):
            return payload if isinstance(payload, str) else None  # a value newer than the SDK
    return _model(payload, obj_type, depth)


def _model(payload: object, model: Any, depth: int) -> Any:
    if not isinstance(payload, dict) or not hasattr(model, "deserialized_types"):
        return None
    if hasattr(model, "get_real_child_model"):
        try:
            child = model.get_real_child_model(payload)
            model = _model_class(child) if child else None
        except Exception:  # an unhashable or unknown discriminator
            model = None
        if model is None:
            return None
    fields, known = _fields(model)
    instance = model()
    for attribute, key, kind in fields:
        if key in payload:
            setattr(instance, attribute, read(payload[key], kind, depth + 1))
    for key, value in payload.items():
        if key not in known and isinstance(key, str) and key.isidentifier() and not hasattr(model, key):
            setattr(instance, key, None if too_deep(value, MAX_DEPTH - depth) else value)
    return instance


@cache
def _fields(model: Any) -> tuple[tuple[tuple[str, str, Any], ...], frozenset[str]]:
    """A model's fields, worked out once per model class: (attribute, JSON key, type) each, and every key it declares."""
    types = model.deserialized_types
    names = {**{name: name for name in types}, **getattr(model, "attribute_map", {})}
    return tuple((attribute, key, types[attribute]) for attribute, key in names.items() if attribute in types), frozenset(names.values())


def readable(event: dict[str, Any]) -> dict[str, Any]:
    """`event` without the client-controlled parts the SDK cannot read: session
    attributes that are not a JSON object, and a touch's `arguments` that are
    not a list (the touch is then answered like any unknown one). They are
    never trusted anyway."""
    session = event.get("session")
    if isinstance(session, dict) and not isinstance(session.get("attributes"), dict | None):
        event = {**event, "session": {key: value for key, value in session.items() if key != "attributes"}}
    request = event.get("request")
    if isinstance(request, dict) and "arguments" in request and not isinstance(request["arguments"], list | None):
        event = {**event, "request": {**request, "arguments": []}}
    return event


class LenientSerializer(DefaultSerializer):
    """The SDK's serializer, reading requests with `read` (responses are
    serialized as before)."""

    def deserialize(self, payload: Any, obj_type: Any) -> Any:
        import json

        if payload is None:
            return None
        parsed = json.loads(payload) if isinstance(payload, str | bytes) else payload
        return read(readable(parsed) if isinstance(parsed, dict) else parsed, obj_type)
