"""A typed-line device: what an Echo does with one thing a person says, for
`back-spasm chat` and `back-spasm try` alike.

A line said to Alexa ("open back spasm helper", "ask back spasm helper ...")
opens the skill or reaches it with the rest; after the skill closed, any line
opens it again; the answer to Alexa's own permission prompt goes back as a
Connections.Response; anything else is matched to an intent by the skill's
interaction model (`skill.tools.nlu`) and sent in the envelope Alexa would send.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


@dataclass(frozen=True)
class Turn:
    """One line's turn: how it reached the skill ("open", "permission" or
    "intent"), the skill's response envelope, and what was understood."""

    how: str
    response: dict[str, Any]
    match: nlu.Match | None = None
    permission: str | None = None


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
            return Turn("permission", self.session.permission_answer(status), permission=status)
        match = self.matcher.match(line)
        return Turn("intent", self.session.intent(match.intent, match.slots), match=match)
