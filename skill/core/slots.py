"""What the handlers read from a request: the symptoms its slots resolved to,
a slot's words, the request's locale and date. SDK request objects in, plain
values out; the conversation never sees a slot.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils.request_util import get_slot

from skill.core import contract, speech
from skill.core.rules import Level, Symptom

UNRECOGNIZED = "unrecognized"  # a slot value that matched no symptom
# Entity resolution's status for a value of the slot type's list (ask_sdk_model's StatusCode,
# compared by value: importing the SDK's resolution models costs a launch's cold start for nothing).
ER_SUCCESS_MATCH = "ER_SUCCESS_MATCH"


def resolved_symptom(handler_input: HandlerInput, slot_name: str) -> Symptom | str | None:
    """The symptom a slot resolved to; "unrecognized" when the user said
    something that matched no symptom; None when the slot is empty."""
    slot = get_slot(handler_input, slot_name)
    if slot is None:
        return None
    # The resolution's id is trusted even without a `value` (null or "").
    resolved = _resolved_by_alexa(slot)
    if resolved is not None:
        return resolved
    if not slot.value:
        return None
    # Words outside the value list ("can't feel my heels"): read by their parts.
    from skill.core import lexicon  # loaded only when needed: not on the cold start

    return lexicon.resolve_spoken(slot.value, locale_of(handler_input)) or UNRECOGNIZED


def _resolved_by_alexa(slot) -> Symptom | None:  # type: ignore[no-untyped-def]
    resolutions = getattr(slot.resolutions, "resolutions_per_authority", None) or []
    for authority in resolutions:
        status = getattr(authority.status, "code", None)
        if getattr(status, "value", None) == ER_SUCCESS_MATCH and authority.values:
            value_id = getattr(authority.values[0].value, "id", None)
            if isinstance(value_id, str) and value_id in Symptom.__members__:
                return Symptom(value_id)
    return None


def outside_the_list(handler_input: HandlerInput, name: str) -> bool:
    """Whether a slot holds words Alexa resolved to no value of the list."""
    slot = get_slot(handler_input, name)
    return slot is not None and bool(slot.value) and _resolved_by_alexa(slot) is None


def named_symptoms(handler_input: HandlerInput) -> tuple[list[Symptom], int]:
    """The symptoms in the symptom slots, and how many slot values matched none."""
    resolved = [resolved_symptom(handler_input, name) for name in contract.SYMPTOM_SLOTS]
    symptoms = [value for value in resolved if isinstance(value, Symptom)]
    return symptoms, sum(1 for value in resolved if value == UNRECOGNIZED)


def unresolved_words(handler_input: HandlerInput) -> list[str]:
    """The words of the symptom slots that matched no symptom, read or not."""
    return [
        words
        for name in contract.SYMPTOM_SLOTS
        if resolved_symptom(handler_input, name) == UNRECOGNIZED and (words := slot_text(handler_input, name))
    ]


def may_be_a_report(handler_input: HandlerInput, name: str) -> bool:
    """Whether a denial's slot may hide a report: words Alexa resolved to a sign
    that is no emergency are trusted as they were resolved."""
    resolved = resolved_symptom(handler_input, name)
    return not isinstance(resolved, Symptom) or resolved.level is Level.EMERGENCY


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
