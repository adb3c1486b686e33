"""What the dialog hands to the rest of the skill: a reply (speech, reprompt,
card, screen) and the values of the reminder exchange. Value types only, so
the handlers, the screen and the reminders import them without the dialog.

`skill.core.values.Value`s, not dataclasses: those compile their methods when
the module is imported, which every Lambda cold start would pay.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Protocol

from skill.core.values import Value, init


class Card(Value):
    __slots__ = ("text", "title")
    title: str
    text: str

    def __init__(self, title: str, text: str) -> None:
        init(self, "title", title)
        init(self, "text", text)


class ScreenKind(str, Enum):
    """Which screen layout shows a reply on a device with a screen."""

    OFFER = "offer"  # the check not started: launch, and help or information outside the check
    QUESTION = "question"  # a question pending: touch Yes / No / Not sure
    EMERGENCY = "emergency"
    SEE_DOCTOR = "see_doctor"
    SELF_CARE = "self_care"
    GOODBYE = "goodbye"


class Screen(Value):
    """What a screen shows with a reply. Texts are SSML fragments from the
    locale strings, as spoken; the screen shows them as plain text."""

    __slots__ = ("heard", "kind", "lines", "progress", "question", "title")
    kind: ScreenKind
    title: str
    lines: tuple[str, ...]
    question: str
    progress: tuple[int, int] | None  # (question number, of how many)
    heard: str  # what the skill took this turn's answer to be: "no", "a fever"

    def __init__(self, kind: ScreenKind, title: str = "", lines: tuple[str, ...] = (), question: str = "",
                 progress: tuple[int, int] | None = None, heard: str = "") -> None:  # fmt: skip
        init(self, "kind", kind)
        init(self, "title", title)
        init(self, "lines", lines)
        init(self, "question", question)
        init(self, "progress", progress)
        init(self, "heard", heard)


class Reply(Value):
    __slots__ = ("ask_reminder_permission", "card", "reminder_permission_card", "reprompt", "screen", "speech")
    speech: str  # SSML body, without <speak>
    reprompt: str | None  # None: the reply asks nothing and ends the session
    card: Card | None
    screen: Screen | None
    # Hand over to Alexa's own spoken permission prompt for reminders (no speech of ours).
    ask_reminder_permission: bool
    # The Alexa app card where the user can allow reminders (instead of `card`).
    reminder_permission_card: bool

    def __init__(self, speech: str, reprompt: str | None, card: Card | None = None, screen: Screen | None = None,
                 ask_reminder_permission: bool = False, reminder_permission_card: bool = False) -> None:  # fmt: skip
        init(self, "speech", speech)
        init(self, "reprompt", reprompt)
        init(self, "card", card)
        init(self, "screen", screen)
        init(self, "ask_reminder_permission", ask_reminder_permission)
        init(self, "reminder_permission_card", reminder_permission_card)

    @property
    def ends_session(self) -> bool:
        return self.reprompt is None


class ReminderOutcome(Enum):
    """What became of a request to the Reminders API."""

    SET = "set"
    NO_PERMISSION = "no_permission"  # 401 or 403: the user has not allowed reminders (or took it back)
    FAILED = "failed"  # throttled, server error, timeout, unreachable


if TYPE_CHECKING:  # a type for the checker only: the Lambda never builds the class

    class ReminderScheduler(Protocol):
        """The Reminders API as the dialog sees it (skill.core.reminders implements it)."""

        def permission_granted(self) -> bool: ...

        def schedule(self, text: str, locale: str) -> ReminderOutcome: ...


class PermissionAnswer(Enum):
    """The user's answer to Alexa's spoken permission prompt."""

    ACCEPTED = "accepted"
    REFUSED = "refused"  # denied, or not answered
    FAILED = "failed"  # the prompt itself failed
