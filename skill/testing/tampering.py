"""What a tamperer puts in the session attributes between turns, for the
random walks (skill.testing.walks) and their benchmark: values that look like
the skill's own data, SSML injections, and any JSON at all.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from skill.core import session
from skill.core.rules import QUESTIONS, Symptom
from skill.tools.alexa.envelopes import AlexaSession

# Oracle copy: the symptom ids, answers and locale keys below are typed out on purpose, as a tamperer would
# write them, not taken from skill.core.session or the contract.

KEEP = "<keep>"  # a tamper value that leaves its field alone
# The fields the skill keeps, from the format's one owner (skill.core.session).
KNOWN_FIELDS = session.FIELDS

SSML_INJECTIONS = (
    "</speak><audio src='https://evil.example/a.mp3'/><speak>",
    "a & b",
    "<break time='10s'/>Fine",
    "Say <say-as interpret-as='telephone'>555</say-as>",
    "line\nbreak\x00\x1b[31m",
)
# Values a tamperer might choose because they look like the skill's own data.
PLAUSIBLE: tuple[Any, ...] = (
    *(s.value for s in Symptom), *(q.id for q in QUESTIONS), "yes", "no", "unsure", *SSML_INJECTIONS,
    {"answers": [["MUSCLE_WEAKNESS", "no"]], "unsure_once": ["FEVER", "NUMBNESS", "LIMB_NUMBNESS"]},
    {"answers": [["FEVER", "yes"], ["LIMB_NUMBNESS", "unsure"]]},
    {"answers": [[s.value, "no"] for s in Symptom]},
    {"answers": [["FEVER", "maybe"], "x", [1], [[], {}]], "unsure_once": 5},
    {"speech": [["welcome", {}]], "reprompt": [["offer", {}]]},
    {"speech": [["ack_see_doctor", {"names": SSML_INJECTIONS[0]}]], "reprompt": [["questions.FEVER.ask", {}]]},
    {"speech": [["welcome", {"emergency_number": "<audio/>"}]], "reprompt": [["no.such.key", {}]]},
    {"speech": SSML_INJECTIONS[0], "reprompt": SSML_INJECTIONS[1]},
    {"speech": 12, "reprompt": ["x"]},
    {"rate": "slow", "volume": "x-loud"}, {"rate": "x-slow"}, {"rate": "20%", "volume": "+4dB"},
    {"rate": SSML_INJECTIONS[0], "volume": "loud"}, {"rate": ["slow"], "volume": {"loud": True}},
)  # fmt: skip


def tamper(alexa: AlexaSession, values: Sequence[Any]) -> set[str]:
    """Between turns, the session's stored fields (sorted by name, the skill's
    own included) get `values` in turn; KEEP leaves one alone. The names changed."""
    fields = sorted(set(alexa.attributes) | set(KNOWN_FIELDS))
    changed = set()
    for name, value in zip(fields, values, strict=False):
        if value != KEEP:
            alexa.attributes[name] = value
            changed.add(name)
    return changed


def random_json(rng: random.Random, depth: int = 0) -> Any:
    """Any JSON value: scalars of every type, and lists and objects of them."""
    kind = rng.randrange(8 if depth < 3 else 5)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False])
    if kind == 2:
        return rng.choice([0, -1, 7, 2**53, rng.randint(-(10**6), 10**6), rng.uniform(-1e6, 1e6)])
    if kind == 3:
        return "".join(chr(rng.choice([rng.randrange(32, 127), rng.randrange(0, 0x3000)])) for _ in range(rng.randrange(8)))
    if kind == 4:
        return rng.choice(PLAUSIBLE)
    if kind in (5, 6):
        return [random_json(rng, depth + 1) for _ in range(rng.randrange(4))]
    keys = ["answers", "unsure_once", "speech", "reprompt", "rate", "volume", "x", ""]
    return {rng.choice(keys): random_json(rng, depth + 1) for _ in range(rng.randrange(4))}
