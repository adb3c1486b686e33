"""Random walks through the real Lambda handler, checked against the safety
properties; shared by tests/test_safety_properties.py (hypothesis draws the
plans) and bench/random_walks.py (10,000 and more plans from `random`).

A plan is a list of steps a user (and a tamperer) could take:

    ("launch",)                       a LaunchRequest (only when no session is open)
    ("intent", name)                  an intent without slots
    ("report", (symptom, ...))        ReportSymptomIntent with one or two symptoms
    ("deny", (symptom, ...))          DenySymptomIntent with one or two symptoms
    ("duration", value)               DurationIntent
    ("session_ended",)                Alexa ends the session
    ("no_to_every_question",)         "no" to each question until the advice (so walks
                                      often reach the self-care advice and its reminder offer)
    ("permission", status)            the answer to Alexa's permission prompt for
                                      reminders (ACCEPTED, DENIED, NOT_ANSWERED); only
                                      right after the skill asked for it, and nothing
                                      else then
    ("tamper", (value, ...))          between turns, the stored session fields
                                      (sorted by name, the skill's known ones
                                      included) get these values; KEEP leaves one

The oracle follows only what the user did, with the question being asked read
from the session attributes the request carries, never from the skill's rules
(only which signs a question asks: an answer to it counts for each).
Tampered answers are unknowable, so after the stored answers are replaced the
oracle forgets what it knew, and a call-911 advice is no longer held against it.

The Reminders API is reached at `api_endpoint`: by default an address where
nothing listens (every reminder fails, and no walk ever leaves the machine);
the tests pass a local fake.
"""

from __future__ import annotations

import functools
import random
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from skill.core import speech
from skill.core.builder import LambdaHandler
from skill.core.rules import QUESTIONS, Question, Symptom
from skill.core.session import ASKING, LAST, OFFERING_REMINDER, TRIAGE, read_asking
from skill.core.speech import plain_text as plain
from skill.testing.response_checks import check_response, symptom_slot
from skill.testing.tampering import KEEP, KNOWN_FIELDS, random_json, tamper
from skill.tools.alexa.envelopes import AlexaSession, session_ended_request
from skill.tools.alexa.lambda_entry import load_lambda_handler

Step = tuple[Any, ...]

# Oracle copy: the intent names and symptom ids below are typed out on purpose, not taken from
# skill.core.contract, so that a wrong name there is caught by the walks instead of copied into them.

EMERGENCY_SIGNS = frozenset(s for s in Symptom if s.level.name == "EMERGENCY")

INTENTS = (
    "AMAZON.YesIntent", "AMAZON.NoIntent", "NotSureIntent", "AMAZON.HelpIntent", "AMAZON.RepeatIntent",
    "AMAZON.FallbackIntent", "AMAZON.PreviousIntent", "AMAZON.StartOverIntent", "StartCheckIntent",
    "CausesIntent", "ContactIntent", "AMAZON.PauseIntent", "CallForHelpIntent",
    "SlowerIntent", "FasterIntent", "LouderIntent", "HoldOnIntent",
)  # fmt: skip
# Intents that say the last reply (or the pending question) again after a few
# words of their own, and leave what "repeat" says as it was.
SAID_AGAIN = frozenset({"SlowerIntent", "FasterIntent", "LouderIntent", "HoldOnIntent"})
DURATIONS = {"P2D": 2, "P10D": 10, "P1W": 7, "PT5H": 0, "bogus": None}
PERMISSION_ANSWERS = ("ACCEPTED", "DENIED", "NOT_ANSWERED")
# Nothing listens there: a reminder attempt fails at once, without the network.
UNREACHABLE_API = "https://127.0.0.1:9"


@dataclass(frozen=True)
class Heard:
    """The words the oracle listens for, in one locale: the catch-all apology,
    the self-care advice, how the call-911 advice begins, and the stems of
    "remind" (which call-911 advice must never mention)."""

    apology: str
    self_care: str
    call_911: str
    reminder: tuple[str, ...]

    @classmethod
    def of(cls, locale: str) -> Heard:
        words = speech.for_locale(locale)
        reminder = REMINDER_STEMS.get(locale, REMINDER_STEMS[speech.DEFAULT_LOCALE])
        return cls(words.text("error"), words.text("advice.SELF_CARE.speech"), words.text("advice.EMERGENCY.first"), reminder)


# "remind(er)"; "recordatorio" / "recordaré" and the offer's "¿Le recuerdo ...?": lower case.
REMINDER_STEMS = {"en-US": ("remind",), "es-US": ("record", "recuerd")}


@dataclass
class Tally:
    walks: int = 0
    turns: int = 0
    tampers: int = 0
    emergencies: int = 0  # emergency signs reported (by any route)
    emergencies_without_911: int = 0
    calls_for_help_without_911: int = 0  # "call 911 for me" not answered "Call 911 now", session ended
    catch_all: int = 0  # answers from the catch-all exception handler
    invalid_responses: int = 0  # SSML that does not parse or has other elements, missing reprompts, ...
    false_911: int = 0  # call-911 advice with no emergency sign on record (untampered)
    self_care_hiding_a_sign: int = 0
    repeat_changed: int = 0  # a repeat that did not say the last question again
    reminder_offers: int = 0
    permission_prompts: int = 0  # yes to the offer without the permission: Alexa's prompt
    offers_with_a_sign: int = 0  # a reminder offered (or its permission asked) with a sign on record (untampered)
    emergencies_with_an_offer: int = 0  # call-911 advice that offers anything or leaves the session open
    problems: list[str] = field(default_factory=list)

    def problem(self, what: str, plan: Sequence[Step], said: str) -> None:
        if len(self.problems) < 20:
            self.problems.append(f"{what}: {said!r} after {list(plan)!r}")

    @property
    def failures(self) -> int:
        return (self.emergencies_without_911 + self.calls_for_help_without_911 + self.catch_all + self.invalid_responses + self.false_911
                + self.self_care_hiding_a_sign + self.repeat_changed + self.offers_with_a_sign
                + self.emergencies_with_an_offer)  # fmt: skip


class Oracle:
    """What the user has said is true, per symptom, in this session."""

    def __init__(self, trusted: bool = True):
        self.signs: dict[Symptom, bool] = {}
        self.history: list[Symptom] = []  # the answered signs, newest last
        self.unsure: set[Question] = set()  # questions with one "not sure"
        self.trusted = trusted  # False once the stored answers were replaced

    def record(self, symptoms: tuple[Symptom, ...], present: bool) -> None:
        for symptom in symptoms:
            if symptom in self.signs:
                self.history.remove(symptom)
            self.signs[symptom] = present
            self.history.append(symptom)
            self.unsure = {q for q in self.unsure if symptom not in q.signs}

    def go_back(self) -> None:
        """Undo the newest answer, with every other answer to the same question."""
        newest = self.history[-1]
        for sign in next(q for q in QUESTIONS if newest in q.signs).signs:
            if sign in self.signs:
                del self.signs[sign]
                self.history.remove(sign)


def _asking(attributes: dict) -> Question | None:
    """The question the skill will take an answer to: the one stored in the
    attributes this request carries."""
    return read_asking(attributes)


@functools.cache
def _lambda_handler() -> LambdaHandler:
    return load_lambda_handler()


def _answer_every_question(session: AlexaSession, oracle: Oracle) -> dict:
    """ "no" to each pending question; the last response."""
    response: dict = {}
    while not session.ended and (asking := _asking(session.attributes)) is not None:
        oracle.record(asking.signs, False)
        response = session.intent("AMAZON.NoIntent")
    return response


def walk(  # noqa: C901, PLR0912, PLR0915 - the walk is one loop over the step kinds a user can take, read as the table of moves it is
    plan: Sequence[Step],
    tally: Tally,
    *,
    api_endpoint: str = UNREACHABLE_API,
    reminders_granted: bool = False,
    locale: str = speech.DEFAULT_LOCALE,
) -> None:
    """Play `plan` against the Lambda handler in `locale` and count what it shows."""
    handler = _lambda_handler()
    session = AlexaSession(lambda event: handler(event, None), api_endpoint=api_endpoint, reminders_granted=reminders_granted, locale=locale)
    heard = Heard.of(locale)
    asked_for_permission = False
    oracle = Oracle()
    previous_question: str | None = None  # what the last open-session response said, if untampered
    tally.walks += 1
    for step in plan:
        kind = step[0]
        if session.ended:
            oracle = Oracle()
            previous_question = None
        if kind == "tamper":
            if not session.ended:
                changed = tamper(session, step[1])
                tally.tampers += 1
                if changed - {ASKING, TRIAGE}:  # what the skill will repeat is no longer what it said
                    previous_question = None
                if changed - {ASKING, LAST}:
                    oracle = Oracle(trusted=False)
            continue
        if (kind == "launch") != session.ended and kind in ("launch", "session_ended"):
            continue  # Alexa sends a LaunchRequest only to start a session, and ends only an open one
        if asked_for_permission != (kind == "permission") or (kind == "no_to_every_question" and session.ended):
            continue  # while Alexa asks for the permission, only its answer comes back, and only then
        asking = None if session.ended else _asking(session.attributes)
        emergency_now = False
        if kind == "launch":
            response = session.launch()
        elif kind == "report":
            reported = list(step[1])
            for symptom in reported:
                oracle.record((symptom,), True)
            emergency_now = any(s in EMERGENCY_SIGNS for s in reported)
            slots = dict(zip(("symptom", "otherSymptom"), map(symptom_slot, reported), strict=False))
            response = session.intent("ReportSymptomIntent", {"otherSymptom": None, **slots})
        elif kind == "deny":
            denied = list(step[1])
            for symptom in denied:
                oracle.record((symptom,), False)
            slots = dict(zip(("symptom", "otherSymptom"), map(symptom_slot, denied), strict=False))
            response = session.intent("DenySymptomIntent", {"otherSymptom": None, **slots})
        elif kind == "duration":
            days = DURATIONS.get(step[1])
            if days is not None:
                oracle.record((Symptom.NOT_IMPROVING,), days >= 7)
            response = session.intent("DurationIntent", {"duration": step[1]})
        elif kind == "session_ended":
            response = session.send(session_ended_request)
            session.ended = True
        elif kind == "no_to_every_question":
            response = _answer_every_question(session, oracle)
            if not response:
                continue  # no question was pending
        elif kind == "permission":
            response = session.permission_answer(step[1])
        else:
            intent = step[1]
            if session.attributes.get(OFFERING_REMINDER) is True and intent in ("AMAZON.YesIntent", "AMAZON.NoIntent"):
                pass  # the answer to the reminder offer: no sign changes
            elif intent in ("AMAZON.YesIntent", "AMAZON.NoIntent") and asking:
                oracle.record(asking.signs, intent == "AMAZON.YesIntent")
                emergency_now = intent == "AMAZON.YesIntent" and bool(EMERGENCY_SIGNS & set(asking.signs))
            elif intent == "NotSureIntent" and asking:
                if asking in oracle.unsure:
                    oracle.record(asking.signs, True)
                    emergency_now = bool(EMERGENCY_SIGNS & set(asking.signs))
                else:
                    oracle.unsure.add(asking)
            elif intent == "AMAZON.PreviousIntent" and oracle.history:
                oracle.go_back()
            elif intent in ("AMAZON.StartOverIntent", "StartCheckIntent") or (intent == "AMAZON.YesIntent" and not asking):
                oracle = Oracle()
            response = session.intent(intent)
        tally.turns += 1
        tally.emergencies += emergency_now
        _check(response, plan, tally, oracle, emergency_now, kind, step, previous_question, heard)
        body = response.get("response") or {}
        if step[0] == "intent" and step[1] in SAID_AGAIN and body.get("shouldEndSession") is False:
            asked_for_permission = False
            continue  # what repeat says is still the reply before
        previous_question = None
        asked_for_permission = AlexaSession.asks_for_permission(response)
        if body.get("shouldEndSession") is False and "outputSpeech" in body:
            previous_question = plain(body["outputSpeech"]["ssml"])


def _check(response: dict, plan: Sequence[Step], tally: Tally, oracle: Oracle, emergency_now: bool,  # noqa: C901 - one check per safety property of a turn, each ending the check early when it fails
           kind: str, step: Step, previous_question: str | None, heard: Heard) -> None:  # fmt: skip
    try:
        check_response(response)
    except (AssertionError, ET.ParseError, KeyError, TypeError) as error:
        tally.invalid_responses += 1
        tally.problem(f"invalid response ({type(error).__name__} {error})", plan, str(response.get("response")))
        return
    body = response["response"]
    if kind == "session_ended":
        if body:
            tally.invalid_responses += 1
            tally.problem("a session end answered with speech", plan, str(body))
        return
    offering = (response.get("sessionAttributes") or {}).get(OFFERING_REMINDER) is True
    if AlexaSession.asks_for_permission(response) or offering:
        tally.reminder_offers += offering
        tally.permission_prompts += not offering
        if oracle.trusted and any(oracle.signs.values()):
            tally.offers_with_a_sign += 1
            tally.problem("reminder offered with a sign on record", plan, str(body))
        if not offering:
            return  # Alexa's prompt: nothing of ours said
    said = plain(body["outputSpeech"]["ssml"])
    ended = body.get("shouldEndSession") is True
    call_911 = said.startswith(heard.call_911)
    if call_911 and (not ended or offering or any(stem in said.lower() for stem in heard.reminder)):
        tally.emergencies_with_an_offer += 1
        tally.problem("call-911 advice with an offer", plan, said)
    if kind == "permission" and not ended:
        tally.invalid_responses += 1
        tally.problem("the answer to the permission prompt left the session open", plan, said)
    if heard.apology in said:
        tally.catch_all += 1
        tally.problem("catch-all", plan, said)
    if step == ("intent", "CallForHelpIntent"):
        if not (said.startswith(heard.call_911.rstrip(".")) and ended):
            tally.calls_for_help_without_911 += 1
            tally.problem("call for help without 911", plan, said)
    elif emergency_now and not (call_911 and ended):
        tally.emergencies_without_911 += 1
        tally.problem("emergency without 911", plan, said)
    elif call_911 and oracle.trusted and not any(oracle.signs.get(s) for s in EMERGENCY_SIGNS):
        tally.false_911 += 1
        tally.problem("911 with no emergency sign on record", plan, said)
    if heard.self_care in said and any(oracle.signs.values()):
        tally.self_care_hiding_a_sign += 1
        tally.problem("self-care with a sign on record", plan, said)
    if step == ("intent", "AMAZON.RepeatIntent") and previous_question is not None and said != previous_question:
        tally.repeat_changed += 1
        tally.problem("repeat said something else", plan, said)


# ---- plans from `random`, for the benchmark ------------------------------------


def random_plan(rng: random.Random, tamper: bool, max_steps: int = 25) -> list[Step]:
    plan: list[Step] = []
    for _ in range(rng.randint(1, max_steps)):
        roll = rng.random()
        if tamper and roll < 0.2:
            plan.append(("tamper", tuple(KEEP if rng.random() < 0.4 else random_json(rng) for _ in KNOWN_FIELDS)))
        elif roll < 0.25:
            plan.append(("launch",))
        elif roll < 0.4:
            plan.append(("report", tuple(rng.sample(list(Symptom), rng.choice([1, 1, 2])))))
        elif roll < 0.45:
            plan.append(("deny", tuple(rng.sample(list(Symptom), rng.choice([1, 1, 2])))))
        elif roll < 0.5:
            plan.append(("duration", rng.choice(list(DURATIONS))))
        elif roll < 0.52:
            plan.append(("session_ended",))
        elif roll < 0.56:
            plan.append(("no_to_every_question",))
        elif roll < 0.6:
            plan.append(("permission", rng.choice(PERMISSION_ANSWERS)))
        else:
            plan.append(("intent", rng.choice(INTENTS)))
    return plan
