"""The dialog: one turn at a time, from the session attributes to a reply.

SDK-free, so the handlers stay thin adapters: each turns its request into one
call here and the `Reply` into an ask-sdk response. The medical decisions are
the rules module's; the words are the locale's; this module only sequences
them (docs/design.md, "Conversation rules").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from skill.core import advice, dates, rules, session
from skill.core.contract import Topic
from skill.core.replies import Card, PermissionAnswer, ReminderOutcome, Reply, Screen, ScreenKind
from skill.core.rules import Answer, Level, Question, Symptom, Triage
from skill.core.speech import Speech, Voice, join

if TYPE_CHECKING:
    from skill.core.replies import ReminderScheduler


class Conversation:
    """The state of one Alexa session and the moves that change it.

    State: the triage answers, the question being asked (None while the
    check is only offered), and whether the one-week reminder is on offer
    (after the self-care advice). `screen`: the device shows a `Screen` with
    each reply (voice-only devices skip the work).
    """

    def __init__(self, speech: Speech, attributes: Mapping | None = None, *, screen: bool = False):
        # Each field is checked on its own (skill.core.session): the client sends them
        # back, and garbage in one must not lose the others (or a sign reported now).
        stored = session.read(attributes)
        self.speech = speech
        self.shows_screen = screen
        self.triage = stored.triage
        self.asking: Question | None = stored.asking
        self._last = self._render_last(stored.last)
        self.voice = stored.voice  # how the rest of the session is spoken
        # The reminder is on offer only where it was offered: after the self-care advice.
        self.offering_reminder = stored.offering_reminder and self.asking is None and self._self_care_concluded()
        self._heard = ""  # this turn's answer, for the screen

    def _self_care_concluded(self) -> bool:
        assessment = self.triage.assessment()
        return assessment.concluded and assessment.level is Level.SELF_CARE

    def _render_last(self, last: tuple[session.Pieces | None, session.Pieces | None] | None) -> dict[str, str] | None:
        """The last reply that asked something, rendered again from the locale
        keys it was kept as; None if anything in it is not the skill's own."""
        if last is None or last[0] is None or last[1] is None:
            return None
        speech, reprompt = self.speech.render(last[0]), self.speech.render(last[1])
        return {"speech": speech, "reprompt": reprompt} if speech and reprompt else None

    def attributes(self) -> dict:
        """What to keep in the session for the next turn."""
        last = (session.pieces_of(self._last["speech"]), session.pieces_of(self._last["reprompt"])) if self._last else None
        return session.write(session.Stored(self.triage, self.asking, last, self.offering_reminder, self.voice))

    # ---- building replies ------------------------------------------------

    def _say(self, *parts: str) -> str:
        return join(parts)

    def _prompt(self) -> tuple[str, str]:
        """The pending question and its reprompt: the asked question, or the offer
        (of the check, or of the reminder)."""
        if self.offering_reminder:
            return self.speech.ssml("reminder.offer"), self.speech.ssml("reminder.offer_reprompt")
        if self.asking is None:
            return self.speech.ssml("offer"), self.speech.ssml("offer_reprompt")
        question = self.speech.question(self.asking)
        return question, question

    def _ask(self, *lead: str, prompt: tuple[str, str] | None = None) -> Reply:
        # Parts from self.speech only: repeat renders them again from their keys.
        question, reprompt = prompt or self._prompt()
        # Rule 17: a reprompt plays only to silence, and is the last thing said before a
        # silent session closes, so it ends with the emergency line (free on answered paths).
        reprompt = join([reprompt, self.speech.ssml("reprompt_safety")])
        screen = self._screen(tuple(part for part in lead if part), question)
        reply = Reply(speech=self._say(*lead, question), reprompt=reprompt, screen=screen)
        self._last = {"speech": reply.speech, "reprompt": reprompt}
        return reply

    def _hear(self, key: str, **fields: str) -> None:
        """Note this turn's answer for the screen, in the locale's words."""
        if self.shows_screen:
            self._heard = self.speech.ssml(key, **fields)

    def _show(self, kind: ScreenKind, **content: Any) -> Screen | None:
        return Screen(kind, **content) if self.shows_screen else None

    def _screen(self, lines: tuple[str, ...], question: str) -> Screen | None:
        """The screen of a reply that asks `question`: the offer, or the pending question."""
        if not self.shows_screen:
            return None
        if self.asking is None:
            return Screen(ScreenKind.OFFER, title=self.speech.ssml("skill_name"), lines=(*lines, question))
        return Screen(ScreenKind.QUESTION, lines=lines, question=question, progress=self._progress(), heard=self._heard)

    def _progress(self) -> tuple[int, int] | None:
        """The pending question's place in the rules' question list, and the
        place of the last question that could still be asked."""
        order = rules.QUESTIONS
        if self.asking not in order:
            return None
        left = [order.index(question) for question in (*self.triage.assessment().pending, self.asking)]
        return order.index(self.asking) + 1, max(left) + 1

    def _card(self, title_key: str, text_key: str, **fields: str) -> Card:
        return advice.card(self.speech, title_key, text_key, **fields)

    def _end(self, speech: str, card: Card | None = None, screen: Screen | None = None) -> Reply:
        self.asking = None
        self.offering_reminder = False
        return Reply(speech=speech, reprompt=None, card=card, screen=screen)

    def _conclude(self, assessment: rules.Assessment) -> Reply:
        speech, card, screen = advice.advice(self.speech, assessment, shows_screen=self.shows_screen, heard=self._heard)
        level = assessment.level
        if level is Level.SELF_CARE:
            # Rule 13: the week-of-rest check is easy to forget; offer a reminder.
            # (Not after see-doctor advice, which is to call now; never after an emergency.)
            self.asking = None
            self.offering_reminder = True
            reply = self._ask(speech)
            return reply.replace(card=card, screen=screen)
        return self._end(speech, card, screen)

    def _advance(self, *lead: str, level_before: Level) -> Reply:
        """After any change to the answers: conclude, or ask what is next."""
        assessment = self.triage.assessment()
        self.offering_reminder = False
        if assessment.concluded:
            return self._conclude(assessment)
        if assessment.level is Level.SEE_DOCTOR and level_before is not Level.SEE_DOCTOR:
            # Rule 2: acknowledge a see-doctor sign at once, advise after the
            # emergency signs are ruled out.
            lead = (*lead, self.speech.ssml("ack_see_doctor", names=self.speech.names(assessment.raised_by)))
        self.asking = assessment.pending[0]
        return self._ask(*lead)

    def _change(self, change: Callable[[], None], *lead: str) -> Reply:
        level_before = self.triage.assessment().level
        change()
        return self._advance(*lead, level_before=level_before)

    # ---- moves -----------------------------------------------------------

    def launch(self) -> Reply:
        self.asking = None
        self.offering_reminder = False
        return self._ask(self.speech.ssml("welcome"))

    def _restart(self, lead: str) -> Reply:
        self.triage = Triage()
        return self._advance(lead, level_before=Level.SELF_CARE)

    def start_check(self) -> Reply:
        if self.asking is not None:
            # A check is under way ("my back hurts so bad" is heard as asking for one):
            # keep every answer and carry on with the pending question.
            return self._ask(self.speech.ssml("check_under_way"))
        return self._restart(self.speech.ssml("start_check"))

    def start_over(self) -> Reply:
        return self._restart(self.speech.ssml("start_over"))

    def yes(self) -> Reply:
        self._hear("screen.heard_answers.yes")
        if self.offering_reminder:  # without the Reminders API at hand: ask for the permission
            return self.accept_reminder(None)
        if self.asking is None:  # yes to the offer: straight to the first question
            return self._restart("")
        asking = self.asking
        return self._change(lambda: self.triage.answer_question(asking, Answer.YES))

    def no(self) -> Reply:
        self._hear("screen.heard_answers.no")
        if self.asking is None:  # no to the offer
            return self.stop()
        asking = self.asking
        return self._change(lambda: self.triage.answer_question(asking, Answer.NO))

    def not_sure(self) -> Reply:
        self._hear("screen.heard_answers.not_sure")
        if self.offering_reminder:
            return self.fallback()
        if self.asking is None:  # "maybe" to the offer: say what the check is, offer it again
            return self._ask(self.speech.ssml("offer_explain"))
        asking = self.asking
        level_before = self.triage.assessment().level
        if self.triage.not_sure(asking):  # second time: counted as yes
            return self._advance(level_before=level_before)
        # First time: the same question in other words.
        explain = self.speech.explain(asking)
        return self._ask(prompt=(explain, self._say(explain, self.speech.ssml("answer_hint"))))

    def report(self, symptoms: Iterable[Symptom], unrecognized: int = 0) -> Reply:
        """Symptoms the user named (rule 4: at any moment, acted on at once);
        `unrecognized` counts the slot values that matched no symptom."""
        symptoms = list(dict.fromkeys(symptoms))
        if not symptoms:
            if self.asking is None and not self.offering_reminder:
                # They want a check but named nothing we know: go through the signs.
                return self._restart(self.speech.ssml("unknown_symptom_guided"))
            return self._ask(self.speech.ssml("unknown_symptom"), self.speech.ssml("back_to_question"))
        lead = (self.speech.ssml("unknown_other_symptom"),) if unrecognized else ()
        self._hear("screen.heard_symptoms", names=self.speech.names(symptoms))
        return self._change(lambda: self.triage.report(symptoms), *lead)

    def _pending_signs(self) -> frozenset[Symptom]:
        """The signs the pending question asks about."""
        return frozenset(self.asking.signs) if self.asking else frozenset()

    def deny(self, symptoms: Iterable[Symptom], unrecognized: int = 0) -> Reply:
        """Signs the user said they do not have (rule 11): each gets a "no",
        replacing a "yes" given earlier. A denial of what was asked answers
        it; any other is acknowledged and the pending question asked again."""
        symptoms = list(dict.fromkeys(symptoms))
        if not symptoms:
            if unrecognized:
                return self._ask(self.speech.ssml("unknown_symptom"), self.speech.ssml("back_to_question"))
            return self.fallback()
        self._hear("screen.heard_symptoms", names=self.speech.denials(symptoms))
        corrected = any(self.triage.answers.get(s, Answer.NO).raises for s in symptoms)
        # A denial answers the question only if it covers every sign the question asks.
        answers_question = self.asking is not None and self._pending_signs() <= set(symptoms)

        def record() -> None:
            for symptom in symptoms:
                self.triage.answer(symptom, Answer.NO)

        if answers_question and not corrected:
            return self._change(record)
        lead = self.speech.ssml("denied_corrected" if corrected else "denied", names=self.speech.denials(symptoms))
        if self.asking is None and not self.offering_reminder:
            # Describing their back before any check: this is the check.
            return self._change(record, lead, self.speech.ssml("start_check"))
        return self._change(record, lead)

    def call_for_help(self) -> Reply:
        """Rule 12: the skill cannot place calls; the user must, now."""
        card = self._card("call_for_help_card_title", "call_for_help_card_text")
        screen = self._show(
            ScreenKind.EMERGENCY,
            title=self.speech.ssml("call_for_help_card_title"),
            lines=(self.speech.ssml("call_for_help_card_text"),),
        )
        return self._end(self.speech.ssml("call_for_help"), card, screen)

    def duration(self, value: str | None) -> Reply:
        """How long the spasms have lasted: answers the week-of-rest question."""
        return self._answer_how_long(dates.duration_of(value))

    def started(self, value: str | None, today: date) -> Reply:
        """When the spasms began (an AMAZON.DATE value, "since Monday"),
        seen from `today`: answers the week-of-rest question the same way."""
        return self._answer_how_long(dates.elapsed_since(value, today))

    def _answer_how_long(self, duration: timedelta | None) -> Reply:
        if duration is None:
            if self.asking is None:
                self.asking = rules.QUESTION_OF[Symptom.NOT_IMPROVING]
                self.offering_reminder = False
            return self._ask(self.speech.ssml("unclear_duration"))
        answer = rules.not_improving_from_duration(duration)
        lead = (self.speech.ssml("got_it"),) if answer is Answer.NO else ()
        return self._change(lambda: self.triage.answer(Symptom.NOT_IMPROVING, answer), *lead)

    def info(self, topic: Topic) -> Reply:
        """Rule 6: answer briefly, then return to the pending question."""
        answer = self.speech.ssml(f"info.{topic.value}")
        back = self.speech.ssml("back_to_question") if self.asking or self.offering_reminder else ""
        reply = self._ask(answer, back)
        if topic is Topic.CONTACT:
            return reply.replace(card=self._card("contact_card_title", "contact_card_text"))
        return reply

    def help(self) -> Reply:
        if self.offering_reminder:
            return self._ask(self.speech.ssml("reminder.help"))
        hint = self.speech.ssml("answer_hint") if self.asking else ""
        return self._ask(self.speech.ssml("help"), hint)

    def fallback(self) -> Reply:
        if self.offering_reminder:
            again = self.speech.ssml("reminder.offer_reprompt")
            return self._ask(self.speech.ssml("fallback"), prompt=(again, again))
        hint = self.speech.ssml("answer_hint") if self.asking else ""
        return self._ask(self.speech.ssml("fallback"), hint)

    def error(self) -> Reply:
        return self._ask(self.speech.ssml("error"))

    def repeat(self, lead: str = "") -> Reply:
        """The last reply again (after `lead`, which repeat does not keep)."""
        if not (self._last and self._last.get("speech") and self._last.get("reprompt")):
            self._ask()  # nothing said yet (or nothing of ours stored): the pending prompt
        assert self._last is not None
        screen = self._screen((), self._prompt()[0])
        return Reply(speech=join([lead, self._last["speech"]]), reprompt=self._last["reprompt"], screen=screen)

    def change_voice(self, voice: Voice, ack_key: str) -> Reply:
        """Slower, normal speed, louder: the rest of the session in `voice`
        (the handlers speak every reply in it), starting with what was just said."""
        self.voice = voice
        return self.repeat(self.speech.ssml(ack_key))

    def hold_on(self) -> Reply:
        """Time to answer: say so, ask the pending question again; the reprompt
        (the last words before Alexa closes a silent session) says how to come back."""
        question, reprompt = self._prompt()
        come_back = self.speech.ssml("hold_on.reprompt")
        speech = self._say(self.speech.ssml("hold_on.speech"), question)
        # The way back, then the emergency line that ends every reprompt (rule 17).
        reprompt = self._say(reprompt, come_back, self.speech.ssml("reprompt_safety"))
        return Reply(speech=speech, reprompt=reprompt, screen=self._screen((), question))

    def go_back(self) -> Reply:
        undone = self.triage.undo_last()
        if undone is None:
            return self._ask(self.speech.ssml("nothing_to_go_back"))
        self.asking = undone
        self.offering_reminder = False
        return self._ask(self.speech.ssml("went_back"))

    def stop(self) -> Reply:
        goodbye = self.speech.ssml("goodbye")
        return self._end(goodbye, screen=self._show(ScreenKind.GOODBYE, title=self.speech.ssml("skill_name"), lines=(goodbye,)))

    # ---- the one-week reminder ---------------------------------------------

    def accept_reminder(self, reminders: ReminderScheduler | None) -> Reply:
        """Yes to the reminder: set it if the user has allowed reminders,
        otherwise let Alexa ask for that permission (consent asked each time)."""
        self.offering_reminder = False
        if reminders is None or not reminders.permission_granted():
            return Reply(speech="", reprompt=None, ask_reminder_permission=True)
        return self._schedule_reminder(reminders)

    def permission_answer(self, answer: PermissionAnswer, reminders: ReminderScheduler) -> Reply:
        """The answer to Alexa's permission prompt, which follows a yes to the reminder."""
        if answer is PermissionAnswer.ACCEPTED:
            return self._schedule_reminder(reminders)
        if answer is PermissionAnswer.REFUSED:
            reply = self._end(self.speech.ssml("reminder.refused"))
            return Reply(speech=reply.speech, reprompt=None, reminder_permission_card=True)
        return self._reminder_not_set("reminder.failed")

    def _schedule_reminder(self, reminders: ReminderScheduler) -> Reply:
        # The reminder's words are the same for everyone: nothing the user said goes into it.
        outcome = reminders.schedule(self.speech.text("reminder.text"), self.speech.locale)
        if outcome is ReminderOutcome.SET:
            return self._end(self.speech.ssml("reminder.set"))
        if outcome is ReminderOutcome.NO_PERMISSION:
            return self._reminder_not_set("reminder.no_permission")
        return self._reminder_not_set("reminder.failed")

    def _reminder_not_set(self, reason_key: str) -> Reply:
        """The reminder could not be set: say so briefly, and leave the
        week-of-rest rule and the number, spoken and on a card."""
        card = self._card("reminder.card_title", "reminder.card_text")
        return self._end(self._say(self.speech.ssml(reason_key), self.speech.ssml("reminder.instead")), card)
