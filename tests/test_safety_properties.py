"""The safety properties, over random dialogs through the real Lambda handler:

- whenever an emergency sign is reported by any route (a report, a yes to its
  question, a second "not sure"), the very next response is the call-911
  advice and the session ends;
- self-care advice is never given while any sign is on record.

The oracle follows only what the user did, with the question being asked
read from the response, not from the skill's own rules.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skill.core.rules import Symptom
from tests.support import EMERGENCY_NUMBER, Dialog, is_emergency_advice, is_self_care_advice

EMERGENCY_SIGNS = {
    Symptom.BLADDER_BOWEL_CONTROL,
    Symptom.MUSCLE_WEAKNESS,
    Symptom.ONE_SIDED_NUMBNESS,
    Symptom.BALANCE_COORDINATION,
    Symptom.LIMB_NUMBNESS,
}

symptoms = st.sampled_from(list(Symptom))
moves = st.one_of(
    st.sampled_from(
        [
            ("launch",),
            ("intent", "AMAZON.YesIntent"),
            ("intent", "AMAZON.NoIntent"),
            ("intent", "NotSureIntent"),
            ("intent", "AMAZON.HelpIntent"),
            ("intent", "AMAZON.RepeatIntent"),
            ("intent", "AMAZON.FallbackIntent"),
            ("intent", "AMAZON.PreviousIntent"),
            ("intent", "AMAZON.StartOverIntent"),
            ("intent", "StartCheckIntent"),
            ("intent", "CausesIntent"),
            ("intent", "ContactIntent"),
        ]
    ),
    st.tuples(st.just("report"), symptoms),
    st.tuples(st.just("report2"), symptoms, symptoms),
    st.tuples(st.just("duration"), st.sampled_from(["P2D", "P10D", "P1W", "PT5H", "bogus"])),
)


class Oracle:
    """What the user has said is true, per symptom, in this session."""

    def __init__(self):
        self.signs: dict[Symptom, bool] = {}
        self.history: list[Symptom] = []
        self.unsure: set[Symptom] = set()

    def record(self, symptom: Symptom, present: bool) -> None:
        if symptom in self.signs:
            self.history.remove(symptom)
        self.signs[symptom] = present
        self.history.append(symptom)
        self.unsure.discard(symptom)

    def any_sign(self) -> bool:
        return any(self.signs.values())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(moves, min_size=1, max_size=25))
def test_emergencies_always_end_with_911_and_self_care_never_hides_a_sign(plan):
    dialog = Dialog()
    oracle = Oracle()
    for move in plan:
        if dialog.ended:
            oracle = Oracle()  # a new session: nothing on record
        asking = Symptom(dialog.asking) if not dialog.ended and dialog.asking else None
        emergency_now = False
        kind = move[0]
        if kind == "launch":
            if not dialog.ended:
                continue  # Alexa sends a LaunchRequest only to start a session
            dialog.launch()
        elif kind in ("report", "report2"):
            reported = list(move[1:])
            for symptom in reported:
                oracle.record(symptom, True)
            emergency_now = any(s in EMERGENCY_SIGNS for s in reported)
            dialog.report(*reported)
        elif kind == "duration":
            value = move[1]
            days = {"P2D": 2, "P10D": 10, "P1W": 7, "PT5H": 0}.get(value)
            if days is not None:
                oracle.record(Symptom.NOT_IMPROVING, days >= 7)
            dialog.intent("DurationIntent", {"duration": value})
        else:
            intent = move[1]
            if intent in ("AMAZON.YesIntent", "AMAZON.NoIntent") and asking:
                oracle.record(asking, intent == "AMAZON.YesIntent")
                emergency_now = intent == "AMAZON.YesIntent" and asking in EMERGENCY_SIGNS
            elif intent == "NotSureIntent" and asking:
                if asking in oracle.unsure:
                    oracle.record(asking, True)
                    emergency_now = asking in EMERGENCY_SIGNS
                else:
                    oracle.unsure.add(asking)
            elif intent == "AMAZON.PreviousIntent" and oracle.history:
                del oracle.signs[oracle.history.pop()]
            elif intent in ("AMAZON.StartOverIntent", "StartCheckIntent") or (
                intent == "AMAZON.YesIntent" and not asking
            ):
                oracle = Oracle()
            dialog.intent(intent)
        if emergency_now:
            assert is_emergency_advice(dialog), (plan, dialog.said)
        elif dialog.said.startswith(f"Call {EMERGENCY_NUMBER} now"):
            assert any(oracle.signs.get(s) for s in EMERGENCY_SIGNS), (plan, dialog.said)
        if is_self_care_advice(dialog):
            assert not oracle.any_sign(), (plan, oracle.signs)
