"""`back-spasm chat`: talk to the skill in a terminal, no Echo needed.

Each typed line is matched to an intent with the skill's own interaction model
(`skill.tools.nlu`), wrapped in the request envelope Alexa would send (entity
resolution included; `skill.tools.alexa.envelopes.AlexaSession` carries the session
attributes between turns) and handed to the Lambda's `lambda_handler` (built as the Lambda builds it, with a
stand-in for Alexa's Reminders API: `--reminders-granted`, `--reminders-api-status`).
What Alexa would say is printed as plain text, with the card when there is one.

    back-spasm chat
    printf 'i have a fever\\nno\\n' | back-spasm chat
    back-spasm chat ask back spasm helper should I see a doctor
"""

from __future__ import annotations

import argparse
import contextlib
import io
import itertools
import os
import sys
from collections.abc import Iterator
from typing import TextIO

from skill.core.builder import LambdaHandler, lambda_handler_for
from skill.core.speech import plain_text
from skill.tools import nlu
from skill.tools.alexa import reminders_standin
from skill.tools.alexa.device import TypedDevice, describe, load_matcher, voice_of
from skill.tools.alexa.envelopes import DEFAULT_LOCALE, DEFAULT_SKILL_ID, AlexaSession, session_ended_request

ALEXA = "Alexa: "
YOU = "You: "
# chat's own notes (not the skill's words), on stderr so a piped transcript stays the conversation.
NOTES = {
    "en-US": {
        "how_to_leave": "(To leave, type stop, or press Ctrl-D.)",
        "ended": "(The skill ended the session, so chat exits here. To start again: back-spasm chat)",
    },
    "es-US": {
        "how_to_leave": "(Para salir, escriba salir, o pulse Ctrl-D.)",
        "ended": "(La skill terminó la sesión y chat se cierra aquí. Para empezar de nuevo: back-spasm chat --locale es-US)",
    },
}


def note(locale: str, key: str) -> str:
    return (NOTES.get(locale) or NOTES[DEFAULT_LOCALE])[key]


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--locale",
        default=DEFAULT_LOCALE,
        help=f"the skill's locale and interaction model (default {DEFAULT_LOCALE})",
    )
    parser.add_argument(
        "--show-intent",
        action="store_true",
        help="before each answer, show the intent and slots the line was matched to",
    )
    parser.add_argument(
        "--screen",
        action="store_true",
        help="talk as a device with a screen (Echo Show): show a line for each screen the skill sends",
    )
    parser.add_argument(
        "--reminders-granted",
        action="store_true",
        help="the user has already allowed reminders (otherwise Alexa asks: answer allow or deny)",
    )
    parser.add_argument(
        "--reminders-api-status",
        type=int,
        choices=reminders_standin.STATUSES,
        default=200,
        help="what the stand-in Reminders API answers (default 200: created)",
    )
    parser.add_argument(
        "utterance",
        nargs="*",
        help='optional first line, said instead of opening the skill, as in "Alexa, ask back spasm helper should I see a doctor"',
    )


def screen_summary(directive: dict) -> str:
    """One line for a RenderDocument directive: the screen's kind and its words."""
    data = (directive.get("datasources") or {}).get("screen") or {}
    parts = [data.get("heard"), data.get("progress"), data.get("title"), *(data.get("lines") or []), data.get("question")]
    return f"[Screen: {data.get('kind', '?')}] " + " | ".join(str(part) for part in parts if part)


def render(response_envelope: dict) -> list[str]:
    """The lines to print for one response: the speech, the card, the screen."""
    response = response_envelope.get("response") or {}
    lines = []
    speech_out = response.get("outputSpeech") or {}
    voice: dict[str, str] = {}
    if speech_out.get("type") == "SSML":
        said = plain_text(speech_out.get("ssml", ""))
        voice = voice_of(speech_out.get("ssml", ""))
    else:
        said = (speech_out.get("text") or "").strip()
    if said:
        # A slower or louder voice is named before the words: "Alexa (rate slow): ...".
        label = f"Alexa ({', '.join(f'{name} {value}' for name, value in voice.items())}): " if voice else ALEXA
        lines.append(label + said)
    card = response.get("card")
    if card and card.get("type") == "AskForPermissionsConsent":
        lines.append(f"[Card: allow this skill {', '.join(card.get('permissions') or [])}]")
    elif card:
        title = card.get("title") or ""
        text = card.get("content") or card.get("text") or ""
        body = [line.strip() for line in text.splitlines() if line.strip()]
        lines.append(f"[Card: {title}] {body[0] if body else ''}".rstrip())
        lines.extend(f"    {line}" for line in body[1:])
    for directive in response.get("directives") or []:
        if directive.get("type") == "Alexa.Presentation.APL.RenderDocument":
            lines.append(screen_summary(directive))
    return lines


class Chat:
    """One terminal conversation: lines in, Alexa's answers out."""

    def __init__(
        self, matcher: nlu.Nlu, handler: LambdaHandler, *, locale: str, out: TextIO, show_intent: bool = False, screen: bool = False,
        reminders: reminders_standin.StandInRemindersApi | None = None, reminders_granted: bool = False,
    ):  # fmt: skip
        self.matcher = matcher
        self.out = out
        self.show_intent = show_intent
        skill_id = os.environ.get("ALEXA_SKILL_ID") or DEFAULT_SKILL_ID
        self.session = AlexaSession(lambda event: handler(event, None), locale=locale, skill_id=skill_id, screen=screen, reminders_granted=reminders_granted)
        self.device = TypedDevice(matcher, self.session)
        self.reminders = reminders
        self.reminders_shown = 0

    def _print(self, *lines: str) -> None:
        for line in lines:
            print(line, file=self.out)
        self.out.flush()

    def _show(self, response_envelope: dict) -> None:
        self._print(*render(response_envelope))
        if AlexaSession.asks_for_permission(response_envelope):
            self._print('[Alexa asks in its own voice whether to allow reminders: type "allow" or "deny"]')
        for body in self.reminders.created[self.reminders_shown :] if self.reminders else ():
            self._print(f"[Reminder set: {describe_reminder(body)}]")
        self.reminders_shown = len(self.reminders.created) if self.reminders else 0

    @property
    def ended(self) -> bool:
        return self.session.ended

    def launch(self) -> None:
        self._show(self.device.launch().response)

    def say(self, line: str) -> None:
        """One line from the user (an invocation opens or asks the skill): understood, sent, answered."""
        turn = self.device.say(line)
        if self.show_intent and turn.match:
            self._print(describe(turn.match))
        self._show(turn.response)

    def leave(self) -> None:
        """The user walked away: Alexa ends the session and tells the skill."""
        if not self.session.ended:
            self.session.send(session_ended_request, "USER_INITIATED")


def describe_reminder(body: dict) -> str:
    """A created reminder as one line: when, and what it will say."""
    trigger = body.get("trigger") or {}
    days = (trigger.get("offsetInSeconds") or 0) / 86400
    content = ((body.get("alertInfo") or {}).get("spokenInfo") or {}).get("content") or [{}]
    return f'in {days:g} days, "{content[0].get("text", "")}"'


def _lines(stream: TextIO, interactive: bool) -> Iterator[str]:
    """Typed lines without their newline; blank ones skipped."""
    while True:
        if interactive:
            try:
                line = input(YOU)
            except EOFError:
                print(file=sys.stdout)
                return
        else:
            line = stream.readline()
            if not line:
                return
        line = line.strip()
        if line:
            yield line


def run(args: argparse.Namespace) -> int:
    matcher = load_matcher(args.locale)
    stdin, stdout = sys.stdin, sys.stdout
    interactive = stdin.isatty()
    if interactive:
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401 - line editing and history for input()
    elif isinstance(stdin, io.TextIOWrapper):
        stdin.reconfigure(errors="replace")
    # The skill as the Lambda builds it, with a stand-in Reminders API instead of Amazon's.
    reminders = reminders_standin.StandInRemindersApi(args.reminders_api_status)
    handler = lambda_handler_for(os.environ.get("ALEXA_SKILL_ID"), api_client=reminders)
    chat = Chat(matcher, handler, locale=args.locale, out=stdout, show_intent=args.show_intent, screen=args.screen,
                reminders=reminders, reminders_granted=args.reminders_granted)  # fmt: skip
    lines = _lines(stdin, interactive)
    print(note(args.locale, "how_to_leave"), file=sys.stderr, flush=True)
    try:
        if args.utterance:
            first = " ".join(args.utterance)
            print(YOU + first, file=stdout)
            chat.say(first)
        elif interactive:
            chat.launch()
        else:
            # A piped conversation may open the skill as a user does ("open
            # back spasm helper"); otherwise the skill is opened for it.
            head = next(lines, None)
            if head is not None and chat.device.is_invocation(head):
                print(YOU + head, file=stdout)
                chat.say(head)
            else:
                chat.launch()
                lines = itertools.chain([head] if head is not None else [], lines)
        for line in () if chat.ended else lines:
            if not interactive:  # a piped conversation reads as a transcript
                print(YOU + line, file=stdout)
            chat.say(line)
            if chat.ended:
                break
        if chat.ended:  # never silently: the next typed line would go to the shell
            print(note(args.locale, "ended"), file=sys.stderr, flush=True)
        else:
            chat.leave()
    except KeyboardInterrupt:
        if interactive:
            print(file=stdout)
        return 130
    except BrokenPipeError:
        # The reader went away (`back-spasm chat | head`): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stdout.fileno())
        return 0
    return 0
