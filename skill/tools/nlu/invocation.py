"""A first line said to Alexa, not to the skill: "open back spasm helper"."""

from __future__ import annotations

from skill.tools.nlu.normalize import normalize, strip_fillers
from skill.tools.nlu.words import INVOCATION_JOINERS, LAUNCH_PHRASES


def split(text: str, invocation_name: str) -> tuple[bool, str]:
    """ "open back spasm helper" -> (True, ""); "ask back spasm helper should
    I see a doctor" -> (True, "should i see a doctor"); "dile a ayuda para
    espasmos de espalda que tengo fiebre" -> (True, "tengo fiebre");
    anything else -> (False, text)."""
    words = strip_fillers(normalize(text).split())
    name = invocation_name.split()
    if not name:
        return False, text
    for start in range(len(words)):
        if words[start : start + len(name)] == name:
            verb = words[:start]
            rest = words[start + len(name) :]
            if not verb or " ".join(verb) in LAUNCH_PHRASES:
                while rest and rest[0] in INVOCATION_JOINERS:
                    rest = rest[1:]
                return True, " ".join(rest)
    return False, text
