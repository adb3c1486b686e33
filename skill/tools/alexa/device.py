"""A typed-line device: what an Echo does with one thing a person says, for
`back-spasm chat` and `back-spasm try` alike.

A line said to Alexa ("open back spasm helper", "ask back spasm helper ...")
opens the skill or reaches it with the rest; after the skill closed, any line
opens it again; the answer to Alexa's own permission prompt goes back as a
Connections.Response; anything else is matched to an intent by the skill's
interaction model (`skill.tools.nlu`) and sent in the envelope Alexa would send.

What a turn was understood as is read here once (`slot_readings`) and shown
from that reading: one line for `chat --show-intent` (`describe`), the try
page's JSON (`Turn.heard`) and `back-spasm profile`'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from skill.core import speech
from skill.tools import nlu, paths
from skill.tools.alexa.envelopes import AlexaSession
from skill.tools.cli import CliError


def model_path(locale: str) -> Path:
    return paths.model_path(locale)


def load_matcher(locale: str) -> nlu.Nlu:
    """The matcher for `locale`'s interaction model; CliError if the locale is
    not one the skill speaks or has no model."""
    supported = speech.supported_locales()
    if locale not in supported:
        raise CliError(f"unsupported locale {locale!r}; supported: {', '.join(supported)}")
    path = model_path(locale)
    if not path.is_file():
        raise CliError(f"no interaction model for {locale}: {path} not found")
    try:
        return nlu.load(path)
    except nlu.ModelError as error:
        raise CliError(f"cannot read the {locale} interaction model: {error}") from None


def permission_status(line: str) -> str:
    """Alexa's status for a typed answer to its permission prompt."""
    words = set(re.findall(r"[a-z']+", line.lower()))
    if words & {"deny", "no", "don't", "dont", "never"}:
        return "DENIED"
    if words & {"allow", "yes", "ok", "okay", "sure"}:
        return "ACCEPTED"
    return "NOT_ANSWERED"


_PROSODY = re.compile(r"^\s*<speak>\s*<prosody((?:\s+[a-z]+=\"[^\"<>]*\")+)\s*>")


def voice_of(ssml: str) -> dict[str, str]:
    """The prosody the skill put around its speech ({"rate": "slow"} after
    "slower"); empty for the default voice."""
    found = _PROSODY.match(ssml)
    return dict(re.findall(r'([a-z]+)="([^"]*)"', found.group(1))) if found else {}


ER_SUCCESS_MATCH = "ER_SUCCESS_MATCH"
ER_SUCCESS_NO_MATCH = "ER_SUCCESS_NO_MATCH"


class SlotReading(NamedTuple):
    """One filled slot as Alexa would send it: its name, the words said, the
    resolved value id, and entity resolution's status (None for a built-in
    type Alexa does not resolve, such as AMAZON.DURATION)."""

    name: str
    said: str
    value_id: str | None
    resolution: str | None


def slot_readings(match: nlu.Match) -> list[SlotReading]:
    """The filled slots of `match`, in the intent's order."""
    readings = []
    for name, fill in match.slots.items():
        if fill is None:
            continue
        resolution = None if fill.slot_type is None else ER_SUCCESS_MATCH if fill.value_id else ER_SUCCESS_NO_MATCH
        readings.append(SlotReading(name, fill.spoken, fill.value_id, resolution))
    return readings


def describe(match: nlu.Match) -> str:
    """One line for `chat --show-intent`: [Intent slot="words"->ID] (how score: "sample")."""
    parts = [match.intent]
    for reading in slot_readings(match):
        if reading.resolution is None:
            parts.append(f"{reading.name}={reading.said}")
        else:
            parts.append(f'{reading.name}="{reading.said}"->{reading.value_id or reading.resolution}')
    how = match.how if match.how == "fallback" else f"{match.how} {match.score:.0f}"
    if match.sample is not None:
        how += f': "{match.sample}"'
    return f"[{' '.join(parts)}] ({how})"


@dataclass(frozen=True)
class Turn:
    """One line's turn: how it reached the skill ("open", "permission" or
    "intent"), the skill's response envelope, and what was understood."""

    how: str
    response: dict[str, Any]
    match: nlu.Match | None = None
    permission: str | None = None
    line: str = ""

    def heard(self) -> dict[str, Any]:
        """What the skill was sent, for the try page: the intent (or request),
        each filled slot with what was said and what became of it, and how."""
        if self.how == "open":
            return {"intent": "LaunchRequest", "slots": [], "how": "open"}
        if self.how == "permission":  # the answer to Alexa's permission prompt, not an intent
            slot = {"name": "status", "said": self.line, "value": self.permission}
            return {"intent": "Connections.Response", "slots": [slot], "how": "permission"}
        assert self.match is not None
        slots = []
        for reading in slot_readings(self.match):
            value = reading.value_id if reading.resolution != ER_SUCCESS_NO_MATCH else "no match"
            slots.append({"name": reading.name, "said": reading.said, "value": value or reading.said})
        return {"intent": self.match.intent, "slots": slots, "how": self.match.how}


class TypedDevice:
    """An Echo that hears typed lines: one Alexa session, one matcher."""

    def __init__(self, matcher: nlu.Nlu, session: AlexaSession):
        self.matcher = matcher
        self.session = session

    def is_invocation(self, line: str) -> bool:
        """Whether the line is said to Alexa to open or ask the skill."""
        return self.matcher.split_invocation(line)[0]

    def launch(self) -> Turn:
        return Turn("open", self.session.launch())

    def say(self, line: str) -> Turn:
        """One line from the user: opened, answered to Alexa's prompt, or matched and sent."""
        said_to_alexa, rest = self.matcher.split_invocation(line)
        if said_to_alexa or self.session.ended:
            line = rest
            if not line.strip():
                return self.launch()
        if AlexaSession.asks_for_permission(self.session.last_response):
            status = permission_status(line)
            return Turn("permission", self.session.permission_answer(status), permission=status, line=line)
        match = self.matcher.match(line)
        return Turn("intent", self.session.intent(match.intent, match.slots), match=match, line=line)
