"""What the dialog hands to the rest of the skill: a reply (speech, reprompt,
card, screen) and the values of the reminder exchange. Value types only, so
the handlers, the screen and the reminders import them without the dialog.

NamedTuples, not dataclasses: a dataclass writes and compiles its methods when
the module is imported, about half a millisecond each on the Lambda's cold
start, and these are all frozen values.
"""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple, Protocol


class Card(NamedTuple):
    title: str
    text: str


class ScreenKind(str, Enum):
    """Which screen layout shows a reply on a device with a screen."""

    OFFER = "offer"  # the check not started: launch, and help or information outside the check
    QUESTION = "question"  # a question pending: touch Yes / No / Not sure
    EMERGENCY = "emergency"
    SEE_DOCTOR = "see_doctor"
    SELF_CARE = "self_care"
    GOODBYE = "goodbye"


class Screen(NamedTuple):
    """What a screen shows with a reply. Texts are SSML fragments from the
    locale strings, as spoken; the screen shows them as plain text."""

    kind: ScreenKind
    title: str = ""
    lines: tuple[str, ...] = ()
    question: str = ""
    progress: tuple[int, int] | None = None  # (question number, of how many)
    heard: str = ""  # what the skill took this turn's answer to be: "no", "a fever"


class Reply(NamedTuple):
    speech: str  # SSML body, without <speak>
    reprompt: str | None  # None: the reply asks nothing and ends the session
    card: Card | None = None
    screen: Screen | None = None
    # Hand over to Alexa's own spoken permission prompt for reminders (no speech of ours).
    ask_reminder_permission: bool = False
    # The Alexa app card where the user can allow reminders (instead of `card`).
    reminder_permission_card: bool = False

    @property
    def ends_session(self) -> bool:
        return self.reprompt is None


class ReminderOutcome(Enum):
    """What became of a request to the Reminders API."""

    SET = "set"
    NO_PERMISSION = "no_permission"  # 401 or 403: the user has not allowed reminders (or took it back)
    FAILED = "failed"  # throttled, server error, timeout, unreachable


class ReminderScheduler(Protocol):
    """The Reminders API as the dialog sees it (skill.core.reminders implements it)."""

    def permission_granted(self) -> bool: ...

    def schedule(self, text: str, locale: str) -> ReminderOutcome: ...


class PermissionAnswer(Enum):
    """The user's answer to Alexa's spoken permission prompt."""

    ACCEPTED = "accepted"
    REFUSED = "refused"  # denied, or not answered
    FAILED = "failed"  # the prompt itself failed
