"""Hostile Alexa events: a real request envelope with fields replaced by wrong
types, unknown enum values, deep nesting, or removed; or no object at all.
Used by the fuzz test and `bench/hostile_events.py`, with the check both apply:
nothing escapes `lambda_handler`, and every emergency still readable in the
event is answered with the emergency number first."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from typing import Any

from skill.core import contract, raw_event, session
from skill.core.rules import Symptom
from skill.core.speech import Voice
from skill.core.speech import plain_text as plain
from skill.testing.response_checks import symptom_slot
from skill.tools.alexa import envelopes


def base_events() -> list[dict[str, Any]]:
    """The events mutated: emergency reports in both locales (one in a session
    mid-check with stored attributes), a see-doctor report, a launch, a yes, a session end."""
    emergency = {contract.SYMPTOM_SLOT: symptom_slot(Symptom.LIMB_NUMBNESS, "I can't feel my legs")}
    attributes = {session.TRIAGE: {}, session.ASKING: "emergency_signs", session.LAST: None, session.VOICE: session.write_voice(Voice("slow"))}
    return [
        envelopes.intent_request(contract.REPORT_SYMPTOM, emergency),
        envelopes.intent_request(contract.REPORT_SYMPTOM, emergency, locale="es-US", attributes=attributes),
        envelopes.intent_request(contract.REPORT_SYMPTOM, {contract.SYMPTOM_SLOT: symptom_slot(Symptom.FEVER)}),
        envelopes.launch_request(screen=True),
        envelopes.intent_request(contract.YES),
        envelopes.session_ended_request(),
    ]


def field_paths(node: object, prefix: tuple = ()) -> Iterator[tuple]:
    """Every path to a field of `node` (dict keys and list indexes), parents first."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*prefix, key)
            yield from field_paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield (*prefix, index)
            yield from field_paths(value, (*prefix, index))


def _deep(depth: int, kind: str) -> object:
    value: object = {} if kind == "dict" else []
    for _ in range(depth):
        value = {"a": value} if kind == "dict" else [value]
    return value


def hostile_value(rng: random.Random) -> object:
    """A value no field expects: wrong type, unknown enum value, deep nesting, odd text."""
    choice = rng.randrange(12)
    if choice == 0:
        return None
    if choice == 1:
        return rng.choice([0, -1, 2**70, 1.5, float("1e308")])
    if choice == 2:
        return rng.choice([True, False])
    if choice == 3:
        return rng.choice(["", "x", "ER_SUCCESS_SOMETHING_NEW", "NEW_DIALOG_STATE", "\u0000\u202e", "9" * 400])
    if choice == 4:
        return []
    if choice == 5:
        return {}
    if choice == 6:
        return _deep(rng.choice([50, 1000, 30000]), rng.choice(["dict", "list"]))
    if choice == 7:
        return [rng.choice([None, 1, "x", {}])]
    if choice == 8:
        return {"type": rng.choice(["Unknown", 5, None, ["x"]]), "name": rng.choice([None, 3, "x"])}
    if choice == 9:
        return "2026-13-45T99:99:99Z"
    # Oracle copy: names written out as a hostile client would send them, right or wrong.
    if choice == 10:
        return rng.choice(["IntentRequest", "LaunchRequest", "SessionEndedRequest", "ReportSymptomIntent"])
    return rng.choice(["LIMB_NUMBNESS", "BLADDER_BOWEL_CONTROL", "FEVER"])


def mutate(event: dict[str, Any], rng: random.Random) -> object:
    """`event` with one to three fields replaced or removed; now and then no object at all."""
    if rng.random() < 0.02:
        return rng.choice([None, [], "event", 7, [event]])
    mutated = json.loads(json.dumps(event))  # no shared parts: each field mutated alone
    paths = list(field_paths(mutated))  # the real envelope's fields (a hostile value is not walked)
    for path in rng.sample(paths, rng.randint(1, 3)):
        parent: Any = mutated
        for key in path[:-1]:
            parent = parent[key] if isinstance(parent, dict | list) and _has(parent, key) else None
        if not (isinstance(parent, dict | list) and _has(parent, path[-1])):
            continue  # removed or replaced by an earlier change
        if rng.random() < 0.3:
            del parent[path[-1]]
        else:
            parent[path[-1]] = hostile_value(rng)
    return mutated


def _has(node: dict | list, key: object) -> bool:
    if isinstance(node, dict):
        return key in node
    return isinstance(key, int) and key < len(node)


def answered_with_emergency_first(event: object, response: object) -> bool:
    """Whether `response` starts with the emergency advice in the event's locale."""
    ssml = raw_event._field(response, "response", "outputSpeech", "ssml")
    strings = raw_event._strings(event)
    return isinstance(ssml, str) and plain(ssml).startswith(strings.text("advice.EMERGENCY.first"))


def is_readable_emergency(event: object) -> bool:
    return bool(raw_event.readable_emergency(event))
