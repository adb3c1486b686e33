"""The names other code relies on: intents, slots, the symptom slot type, and
the arguments a touch on a screen sends. The interaction models, the handlers,
`back-spasm validate`, the chat matcher and the tests all take them from here.
"""

from __future__ import annotations

from enum import Enum

from skill.core.rules import Symptom

# ---- custom intents ---------------------------------------------------------
START_CHECK = "StartCheckIntent"
REPORT_SYMPTOM = "ReportSymptomIntent"
DURATION = "DurationIntent"
NOT_SURE = "NotSureIntent"
CAUSES = "CausesIntent"
HOW_LONG = "HowLongIntent"
SELF_CARE = "SelfCareIntent"
CONTACT = "ContactIntent"
DENY_SYMPTOM = "DenySymptomIntent"
CALL_FOR_HELP = "CallForHelpIntent"
# How the rest of the session is spoken, and time to answer.
SLOWER = "SlowerIntent"  # "slower", "say that again slower"
FASTER = "FasterIntent"  # "faster", "normal speed": back to the default rate
LOUDER = "LouderIntent"  # "louder", "I can't hear you"
HOLD_ON = "HoldOnIntent"  # "hold on", "give me a minute"

# ---- Amazon's built-in intents ------------------------------------------------
YES = "AMAZON.YesIntent"
NO = "AMAZON.NoIntent"
HELP = "AMAZON.HelpIntent"
CANCEL = "AMAZON.CancelIntent"
STOP = "AMAZON.StopIntent"
FALLBACK = "AMAZON.FallbackIntent"
NAVIGATE_HOME = "AMAZON.NavigateHomeIntent"
REPEAT = "AMAZON.RepeatIntent"
START_OVER = "AMAZON.StartOverIntent"
PREVIOUS = "AMAZON.PreviousIntent"

CUSTOM_INTENTS: tuple[str, ...] = (
    START_CHECK, REPORT_SYMPTOM, DURATION, NOT_SURE, CAUSES, HOW_LONG, SELF_CARE, CONTACT,
    DENY_SYMPTOM, CALL_FOR_HELP, SLOWER, FASTER, LOUDER, HOLD_ON,
)  # fmt: skip
BUILTIN_INTENTS: tuple[str, ...] = (
    YES, NO, HELP, CANCEL, STOP, FALLBACK, NAVIGATE_HOME, REPEAT, START_OVER, PREVIOUS,
)  # fmt: skip
# Every intent each locale's interaction model must declare.
INTENTS: tuple[str, ...] = CUSTOM_INTENTS + BUILTIN_INTENTS

# ---- slots ----------------------------------------------------------------------
SYMPTOM_SLOT = "symptom"
OTHER_SYMPTOM_SLOT = "otherSymptom"
SYMPTOM_SLOTS: tuple[str, ...] = (SYMPTOM_SLOT, OTHER_SYMPTOM_SLOT)
DURATION_SLOT = "duration"
# "since Monday", "it started yesterday": when the spasms began, as a date.
START_DATE_SLOT = "startDate"
SYMPTOM_TYPE = "SymptomType"
DURATION_TYPE = "AMAZON.DURATION"
DATE_TYPE = "AMAZON.DATE"
# SymptomType's entity-resolution ids are the rules module's symptom ids (defined by its Symptom enum).
SYMPTOM_IDS: tuple[str, ...] = tuple(symptom.value for symptom in Symptom)

# intent -> {slot name: slot type}, for the intents that take slots.
SLOTS: dict[str, dict[str, str]] = {
    REPORT_SYMPTOM: {SYMPTOM_SLOT: SYMPTOM_TYPE, OTHER_SYMPTOM_SLOT: SYMPTOM_TYPE},
    DENY_SYMPTOM: {SYMPTOM_SLOT: SYMPTOM_TYPE, OTHER_SYMPTOM_SLOT: SYMPTOM_TYPE},
    DURATION: {DURATION_SLOT: DURATION_TYPE, START_DATE_SLOT: DATE_TYPE},
}


class Topic(str, Enum):
    """The article's information answers (keys under "info" in the locale
    strings; also the TOPIC of a screen's ["info", TOPIC] touch)."""

    CAUSES = "CAUSES"
    HOW_LONG = "HOW_LONG"
    SELF_CARE = "SELF_CARE"
    CONTACT = "CONTACT"


# The information intents and the topic each answers.
INFO_INTENTS: dict[str, Topic] = {
    CAUSES: Topic.CAUSES,
    HOW_LONG: Topic.HOW_LONG,
    SELF_CARE: Topic.SELF_CARE,
    CONTACT: Topic.CONTACT,
}

# ---- touch on a screen (Alexa.Presentation.APL.UserEvent arguments) -------------
# The token of the skill's RenderDocument directive, echoed back with every touch.
SCREEN_TOKEN = "backSpasmScreen"
# The permission the week-of-rest reminder needs (the manifest declares it; the skill asks for it).
REMINDERS_SCOPE = "alexa::alerts:reminders:skill:readwrite"
APL_USER_EVENT = "Alexa.Presentation.APL.UserEvent"
# The requests a person makes: the only ones answered with speech (the handlers and the raw fallback alike).
SPOKEN_REQUEST_TYPES = frozenset({"LaunchRequest", "IntentRequest", APL_USER_EVENT, "SessionResumedRequest", "Connections.Response"})
EVENT_ANSWER = "answer"  # ["answer", "yes" | "no" | "not_sure"]
EVENT_START_CHECK = "start_check"  # ["start_check"]
EVENT_INFO = "info"  # ["info", TOPIC]
ANSWER_YES = "yes"
ANSWER_NO = "no"
ANSWER_NOT_SURE = "not_sure"
ANSWERS: tuple[str, ...] = (ANSWER_YES, ANSWER_NO, ANSWER_NOT_SURE)

# What each touch stands for: the intent whose move it makes (touch and voice
# are two ways to give the same answer). Any other arguments get the fallback.
TOUCH_EVENTS: dict[tuple[str, ...], str] = {
    (EVENT_ANSWER, ANSWER_YES): YES,
    (EVENT_ANSWER, ANSWER_NO): NO,
    (EVENT_ANSWER, ANSWER_NOT_SURE): NOT_SURE,
    (EVENT_START_CHECK,): START_CHECK,
    **{(EVENT_INFO, topic.value): intent for intent, topic in INFO_INTENTS.items()},
}
