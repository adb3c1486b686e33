"""What the handlers read from a request: the symptom slots as Alexa heard
them, a slot's words, the request's locale and date. SDK request objects in, plain
values out; the conversation never sees a slot.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils.request_util import get_slot

from skill.core import contract, speech
from skill.core.heard import HeardSlot
from skill.core.rules import Symptom

# Entity resolution's status for a value of the slot type's list (ask_sdk_model's StatusCode,
# compared by value: importing the SDK's resolution models costs a launch's cold start for nothing).
ER_SUCCESS_MATCH = "ER_SUCCESS_MATCH"


def heard(handler_input: HandlerInput) -> list[HeardSlot]:
    """The symptom slots as Alexa filled them: words and the sign they resolved to."""
    return [_heard(get_slot(handler_input, name)) for name in contract.SYMPTOM_SLOTS]


def _heard(slot) -> HeardSlot:  # type: ignore[no-untyped-def]
    if slot is None:
        return HeardSlot(None)
    words = slot.value if isinstance(slot.value, str) and slot.value else None
    # The resolution's id is trusted even without a `value` (null or "").
    return HeardSlot(words, _resolved_by_alexa(slot))


def _resolved_by_alexa(slot) -> Symptom | None:  # type: ignore[no-untyped-def]
    resolutions = getattr(slot.resolutions, "resolutions_per_authority", None) or []
    for authority in resolutions:
        status = getattr(authority.status, "code", None)
        if getattr(status, "value", None) == ER_SUCCESS_MATCH and authority.values:
            value_id = getattr(authority.values[0].value, "id", None)
            if isinstance(value_id, str) and value_id in Symptom.__members__:
                return Symptom(value_id)
    return None


def slot_text(handler_input: HandlerInput, name: str) -> str | None:
    """A slot's words (or Alexa's value for a built-in type); None when empty."""
    slot = get_slot(handler_input, name)
    return slot.value if slot is not None and isinstance(slot.value, str) and slot.value else None


def locale_of(handler_input: HandlerInput) -> str:
    locale = getattr(handler_input.request_envelope.request, "locale", None)
    return locale if isinstance(locale, str) else speech.DEFAULT_LOCALE


def today(handler_input: HandlerInput) -> date:
    """The request's date (UTC): Alexa resolves dates in the user's zone, so
    near midnight this can be a day late, which only errs towards "a week"."""
    stamp = getattr(handler_input.request_envelope.request, "timestamp", None)
    if isinstance(stamp, datetime):
        return (stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)).astimezone(UTC).date()
    return datetime.now(UTC).date()
