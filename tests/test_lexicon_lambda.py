"""The Lambda reads a symptom slot by its parts: words Alexa could not resolve
(ER_SUCCESS_NO_MATCH) and a denial whose words are a finding negative in form.
Real request envelopes through lambda/lambda_function.py (tests.support.Dialog), both locales;
a sign reported by any of these routes still gets "Call 911 now" first."""

from __future__ import annotations

import pytest

from skill.core.rules import Symptom
from skill.tools.alexa.device import describe
from skill.tools.alexa.envelopes import SlotFill
from tests.support import Dialog, is_emergency_advice, is_see_doctor_advice

TYPE = "SymptomType"


def unresolved(words):
    return SlotFill(words, None, None, TYPE)


EMERGENCY_WORDS = {
    "en-US": ["can't feel my heels", "my husband can't feel his legs", "she wet herself", "my legs won't hold me up",
              "my left leg is tingling"],
    "es-US": ["no siento los talones", "mi esposo no puede sentir las piernas", "se orinó encima",
              "las piernas no me sostienen", "hormigueo en la pierna izquierda"],
}  # fmt: skip
DENIED_FINDINGS = {"en-US": "can't feel my feet", "es-US": "no siento los pies"}


@pytest.mark.parametrize(("locale", "words"), [(loc, w) for loc, ws in EMERGENCY_WORDS.items() for w in ws])
@pytest.mark.parametrize("opening", [False, True])
def test_an_unresolved_emergency_sign_gets_call_911_first(locale, words, opening):
    session = Dialog(locale=locale)
    if opening:
        session.launch()
    session.intent("ReportSymptomIntent", {"symptom": unresolved(words), "otherSymptom": None})
    assert is_emergency_advice(session)


@pytest.mark.parametrize("locale", ["en-US", "es-US"])
def test_words_naming_no_sign_are_still_not_recognised(locale):
    session = Dialog(locale=locale)
    session.launch()
    session.intent("ReportSymptomIntent", {"symptom": unresolved("purple spots"), "otherSymptom": None})
    assert not is_emergency_advice(session)
    assert not session.ended


@pytest.mark.parametrize("locale", ["en-US", "es-US"])
@pytest.mark.parametrize("resolved", [False, True])
def test_a_denial_of_a_negative_in_form_finding_is_a_report(locale, resolved):
    words = DENIED_FINDINGS[locale]
    fill = SlotFill(words, "LIMB_NUMBNESS", "numbness", TYPE) if resolved else unresolved(words)
    session = Dialog(locale=locale)
    session.launch()
    session.intent("DenySymptomIntent", {"symptom": fill, "otherSymptom": None})
    assert is_emergency_advice(session)


@pytest.mark.parametrize("locale", ["en-US", "es-US"])
def test_an_unresolved_denial_is_still_a_denial(locale):
    words = {"en-US": "numb feet", "es-US": "pies entumidos"}[locale]
    session = Dialog(locale=locale)
    session.launch()
    session.intent("DenySymptomIntent", {"symptom": unresolved(words), "otherSymptom": None})
    assert not is_emergency_advice(session)
    assert not session.ended


# Through the matcher (chat and the try page): typed words to intent and
# slots, then the real Lambda. Every route that reports a sign gets 911 first.
MATCHED_EMERGENCIES = {
    "en-US": ["I can't feel my heels", "my husband can't feel his legs", "she wet herself",
              "my legs won't hold me up anymore", "I think my left leg is kind of numb",
              "no fever but my legs are weak"],
    "es-US": ["no siento los talones", "mi esposo no puede sentir las piernas", "creo que se me duerme la pierna izquierda",
              "las piernas no me sostienen", "no tengo fiebre pero tengo las piernas débiles"],
}  # fmt: skip


@pytest.fixture(scope="module")
def matchers():
    from skill.tools.nlu import load
    from skill.tools.paths import model_path

    return {locale: load(model_path(locale)) for locale in MATCHED_EMERGENCIES}


@pytest.mark.parametrize(("locale", "line"), [(loc, line) for loc, lines in MATCHED_EMERGENCIES.items() for line in lines])
@pytest.mark.parametrize("during_check", [False, True])
def test_a_typed_emergency_gets_call_911_first(matchers, locale, line, during_check):
    session = Dialog(locale=locale)
    session.launch()
    if during_check:
        session.yes()  # the check starts; a question is being asked
    found = matchers[locale].match(line)
    session.intent(found.intent, found.slots)
    assert is_emergency_advice(session), (line, describe(found))


@pytest.mark.parametrize("locale", ["en-US", "es-US"])
def test_yes_and_no_at_once_at_the_opening_is_asked_again(matchers, locale):
    session = Dialog(locale=locale)
    session.launch()
    found = matchers[locale].match({"en-US": "yes no", "es-US": "sí, no"}[locale])
    session.intent(found.intent, found.slots)
    assert found.intent == "AMAZON.FallbackIntent"
    assert not session.ended and not is_emergency_advice(session)


@pytest.mark.parametrize(
    ("locale", "line", "intent"),
    [
        ("en-US", "you bet", "AMAZON.YesIntent"), ("en-US", "sadly, yes", "AMAZON.YesIntent"),
        ("en-US", "nah, none of that", "AMAZON.NoIntent"), ("en-US", "not that I've noticed", "AMAZON.NoIntent"),
        ("en-US", "can't say I have", "AMAZON.NoIntent"),
        ("es-US", "qué va", "AMAZON.NoIntent"), ("es-US", "no, nada de eso", "AMAZON.NoIntent"),
        ("es-US", "ándale", "AMAZON.YesIntent"), ("es-US", "para nada", "AMAZON.NoIntent"),
    ],
)  # fmt: skip
def test_everyday_yes_and_no(matchers, locale, line, intent):
    assert matchers[locale].match(line).intent == intent


@pytest.mark.parametrize("locale", ["en-US", "es-US"])
def test_a_resolved_sign_that_is_no_emergency_denied_by_name_is_a_denial(locale):
    session = Dialog(locale=locale)
    session.launch()
    # its name, "spasms not improving after a week of rest", is negative in form
    session.intent("DenySymptomIntent", {"symptom": session.symptom_slot(Symptom.NOT_IMPROVING), "otherSymptom": None})
    assert not session.ended
    assert not is_emergency_advice(session)


@pytest.mark.parametrize("words", ["control my bladder since this spasm started", "feel my feet at all"])
def test_words_after_a_carried_negation_get_call_911_first(words):
    # "I can't {symptom}" with words Alexa could not resolve: the skill reads them after the "can't".
    session = Dialog(locale="en-US")
    session.launch()
    session.intent("ReportSymptomIntent", {"symptom": unresolved(words), "otherSymptom": None})
    assert is_emergency_advice(session)


@pytest.mark.parametrize("words", ["walk normally", "walk without stumbling", "feel everything in my feet"])
def test_a_normal_state_after_a_carried_negation_gets_call_911_first(words):
    # "I can't" + "walk normally": a normal state its verb opens, resolved or not, is read after the "can't".
    for fill in (unresolved(words), SlotFill(words, "BALANCE_COORDINATION", "loss of balance", TYPE)):
        session = Dialog(locale="en-US")
        session.launch()
        session.intent("ReportSymptomIntent", {"symptom": fill, "otherSymptom": None})
        assert is_emergency_advice(session), fill


DENIED_AS_SAID = {"en-US": "steady on my feet", "es-US": "camino bien"}


@pytest.mark.parametrize("locale", ["en-US", "es-US"])
def test_a_report_whose_words_deny_as_said_is_a_denial(locale):
    # "I'm" + "steady on my feet", which Alexa may resolve to the sign it names: a denial, not "Call 911 now".
    session = Dialog(locale=locale)
    session.launch()
    fill = SlotFill(DENIED_AS_SAID[locale], "BALANCE_COORDINATION", "balance", TYPE)
    session.intent("ReportSymptomIntent", {"symptom": fill, "otherSymptom": None})
    assert not is_emergency_advice(session)
    assert not session.ended
    # the same value with words that report it is an emergency
    session.intent("ReportSymptomIntent", {"symptom": session.symptom_slot(Symptom.BALANCE_COORDINATION), "otherSymptom": None})
    assert is_emergency_advice(session)


ACCIDENT = {"en-US": "an accident", "es-US": "un accidente"}


@pytest.mark.parametrize("locale", ["en-US", "es-US"])
def test_an_accident_said_to_the_bladder_question_gets_call_911_first(locale):
    # Alexa resolves "accident" to an injury; asked about the bladder, it is a loss of control.
    session = Dialog(locale=locale)
    session.launch()
    session.intent("AMAZON.YesIntent")
    assert session.asking == Symptom.BLADDER_BOWEL_CONTROL.value
    session.intent("ReportSymptomIntent", {"symptom": SlotFill(ACCIDENT[locale], "SIGNIFICANT_TRAUMA", "injury", TYPE), "otherSymptom": None})
    assert is_emergency_advice(session)


@pytest.mark.parametrize("locale", ["en-US", "es-US"])
def test_an_accident_said_outside_the_bladder_question_is_an_injury(locale):
    session = Dialog(locale=locale)
    session.launch()
    session.intent("ReportSymptomIntent", {"symptom": SlotFill(ACCIDENT[locale], "SIGNIFICANT_TRAUMA", "injury", TYPE), "otherSymptom": None})
    assert not is_emergency_advice(session)
    assert not session.ended


FALLEN = {"en-US": "fallen", "es-US": "caído"}
STEADY_NOT_FALLEN = {"en-US": "she walks steady she hasn't fallen", "es-US": "ella anda firme no se ha caído"}


def _injury_then_balance_answered(locale: str, intent: str, slots: dict) -> Dialog:
    """An injury reported at the start, `intent` with `slots` said once to the balance question, no to all else."""
    session = Dialog(locale=locale)
    session.launch()
    session.intent("AMAZON.YesIntent")
    session.intent("ReportSymptomIntent", {"symptom": SlotFill("a crate fell on me", "SIGNIFICANT_TRAUMA", "injury", TYPE), "otherSymptom": None})
    said = False
    for _ in range(12):
        if session.ended or session.asking is None:
            break
        if session.asking == "WEAKNESS_OR_BALANCE" and not said:
            session.intent(intent, slots)
            said = True
        else:
            session.intent("AMAZON.NoIntent")  # asked again for a sign it did not deny: no
    assert said
    return session


@pytest.mark.parametrize("locale", ["en-US", "es-US"])
def test_a_fall_denied_to_the_balance_question_keeps_an_injury_reported(locale):
    # "I haven't fallen or felt weak", asked about weakness or balance: no falling over, not "no injury".
    fallen = SlotFill(FALLEN[locale], "SIGNIFICANT_TRAUMA", "injury", TYPE)
    slots = {"symptom": fallen, "otherSymptom": SlotFill("weak", "MUSCLE_WEAKNESS", "weakness", TYPE)}
    assert is_see_doctor_advice(_injury_then_balance_answered(locale, "DenySymptomIntent", slots))


@pytest.mark.parametrize("locale", ["en-US", "es-US"])
def test_a_report_that_only_denies_a_fall_keeps_an_injury_reported(locale):
    # The same words heard as a report with words Alexa could not resolve: a denial of balance, not of the injury.
    slots = {"symptom": SlotFill(STEADY_NOT_FALLEN[locale], None, None, TYPE), "otherSymptom": None}
    assert is_see_doctor_advice(_injury_then_balance_answered(locale, "ReportSymptomIntent", slots))
