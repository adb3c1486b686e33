"""The advice for a concluded check: what is said, the card and the screen,
for each level (docs/design.md, "Conversation rules" 1, 3, 5 and 8), and the
card every conclusion carries. The words are the locale's; the level and its
reasons are the rules module's.
"""

from __future__ import annotations

from skill.core import rules
from skill.core.replies import Card, Screen, ScreenKind
from skill.core.rules import Level
from skill.core.speech import Speech, join

ADVICE_SCREENS = {Level.EMERGENCY: ScreenKind.EMERGENCY, Level.SEE_DOCTOR: ScreenKind.SEE_DOCTOR, Level.SELF_CARE: ScreenKind.SELF_CARE}


def card(speech: Speech, title_key: str, text_key: str, **fields: str) -> Card:
    """A card from two locale keys, with the footer every card has (the clinic's number, not a diagnosis)."""
    text = speech.text(text_key, **fields)
    return Card(title=speech.text(title_key), text=f"{text}\n\n{speech.text('card_footer')}")


def advice(speech: Speech, assessment: rules.Assessment, *, shows_screen: bool, heard: str = "") -> tuple[str, Card, Screen | None]:
    """The speech, the card and (on a screen device) the screen of the advice for `assessment`."""
    level = assessment.level
    unsure = ""
    if assessment.counted_unsure:
        # The signs of the one question answered "not sure" twice.
        unsure = speech.ssml("unsure_counted", names=speech.names_or(assessment.counted_unsure))
    if level is Level.EMERGENCY:
        # Rule 1: the first sentence says to call the emergency number; short, and said again last.
        # One "yes" may stand for several signs of a question: any one of them is the reason.
        names = speech.names_or(assessment.raised_by)
        said = join([speech.ssml("advice.EMERGENCY.first"), unsure, speech.ssml("advice.EMERGENCY.reason"), speech.ssml("advice.EMERGENCY.closing")])
    elif level is Level.SEE_DOCTOR:
        names = speech.names(assessment.raised_by)
        said = join([unsure, speech.ssml("advice.SEE_DOCTOR.speech", names=names)])
    else:
        # Complete without the card: the emergency signs to watch for, spoken.
        names = speech.names_or(rules.EMERGENCY_SIGNS)
        warning = speech.ssml("advice.SELF_CARE.warning", names=speech.names_or(rules.EMERGENCY_SIGNS, key="plain"))
        said = join([speech.ssml("advice.SELF_CARE.speech"), warning])
    title_key, text_key = speech.advice_key(level, "card_title"), speech.advice_key(level, "card_text")
    screen = None
    if shows_screen:
        lines = tuple(line for line in (unsure, speech.ssml(text_key, names=names)) if line)
        screen = Screen(ADVICE_SCREENS[level], title=speech.ssml(title_key), lines=lines, heard=heard)
    return said, card(speech, title_key, text_key, names=names), screen
