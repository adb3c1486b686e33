"""Speech-time benchmark: how many seconds of skill speech a user sits through
on each main path, with a target beside each figure. Prints figures; not a test.

    python bench/speech_time.py [--locale en-US] [--rate 160] [--voice normal|slow|x-slow|all]

Every path is driven through the real `lambda_handler` with real Alexa request
envelopes (`skill.tools.alexa.envelopes.AlexaSession`), and every response's
outputSpeech (its SSML, as sent) is synthesised with espeak-ng at --rate words
per minute; the figure is the length of the WAV it writes. The first table is
today's speech, with the targets; then (by default) the same paths in a session
spoken slower, as after "slower": each session starts with the slow voice in its
attributes, the skill wraps its speech in <prosody rate="slow">, and espeak-ng
follows the prosody. The slower tables have no targets (the person asked for
more time); beside each figure is how much longer it is than at the normal rate. Reprompts are not
counted: they are only heard after a silence. espeak-ng comes from the Debian
package of the same name (`apt-get install -y espeak-ng`); without it the
script says so and estimates from the word count at the same rate.

The paths do not read the rules module: each is found by answering the skill
the way a user would, and which advice was given is read from the card title.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import wave
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from skill.core import session  # noqa: E402
from skill.core import speech as locale_strings  # noqa: E402
from skill.core.rules import Level, Symptom  # noqa: E402
from skill.tools.alexa.envelopes import AlexaSession, SlotFill  # noqa: E402
from skill.tools.alexa.lambda_entry import load_lambda_handler  # noqa: E402

# Seconds of skill speech each path should take at most.
TARGETS = {
    "guided emergency": 14.0,
    "worst-case emergency": 22.0,
    "one-shot emergency": 6.0,
    "all no": 45.0,
    "information": 12.0,
    "help": 10.0,
}
# Another language may take longer to say the same thing: Spanish needs more
# syllables than English for the same advice, so its targets are the English
# ones with this allowance.
LOCALE_ALLOWANCE = {"es-US": 1.15}
MAX_TURNS = 40  # a path longer than this is a bug, not a measurement
# The voices a session can be in (the skill's prosody rates); "normal" is today's speech.
VOICES = ("normal", *(rate for rate in locale_strings.RATES if rate))


plain = locale_strings.plain_text


class Voice:
    """Seconds of speech for an SSML string: espeak-ng, or a words-per-minute
    estimate when espeak-ng is not installed."""

    def __init__(self, locale: str, rate: int):
        self.rate = rate
        self.espeak = shutil.which("espeak-ng")
        self.voice = self._voice(locale) if self.espeak else None
        self._cache: dict[str, float] = {}
        self._dir = tempfile.TemporaryDirectory(prefix="speech-time-")

    def _voice(self, locale: str) -> str:
        listed = subprocess.run([self.espeak or "", "--voices"], capture_output=True, text=True).stdout
        names = {line.split()[1].lower() for line in listed.splitlines()[1:] if len(line.split()) > 1}
        for candidate in (locale.lower(), locale.split("-")[0].lower()):
            if candidate in names:
                return candidate
        return "en-us"

    @property
    def method(self) -> str:
        if self.espeak:
            return f"espeak-ng voice {self.voice} at {self.rate} words per minute (WAV length)"
        return f"ESTIMATE: espeak-ng is not installed (apt-get install -y espeak-ng); words / {self.rate} per minute"

    def seconds(self, ssml: str) -> float:
        if ssml not in self._cache:
            self._cache[ssml] = self._synthesise(ssml) if self.espeak else len(plain(ssml).split()) * 60 / self.rate
        return self._cache[ssml]

    def _synthesise(self, ssml: str) -> float:
        path = Path(self._dir.name) / f"{len(self._cache)}.wav"
        text = ssml if ssml.lstrip().startswith("<speak>") else f"<speak>{ssml}</speak>"
        subprocess.run(
            [self.espeak or "", "-v", self.voice or "en-us", "-s", str(self.rate), "-m", "-w", str(path), text],
            check=True,
            capture_output=True,
        )
        with wave.open(str(path)) as wav:
            return wav.getnframes() / wav.getframerate()


@dataclass
class SpokenPath:
    """One path's responses: the SSML of each, in order."""

    name: str
    target: float | None
    speeches: list[str] = field(default_factory=list)
    outcome: str = ""


class Driver:
    """A user on the skill: plays a path and reports what it heard."""

    def __init__(self, locale: str, rate: str | None = None):
        handler = load_lambda_handler()
        self.locale = locale
        # A slower session: as if "slower" had been said before each path began.
        voice = session.write_voice(locale_strings.Voice(rate=rate))

        def invoke(event: dict) -> dict:
            if voice and event.get("session", {}).get("new"):
                event["session"]["attributes"] = {**event["session"]["attributes"], "voice": voice}
            return handler(event, None)

        self.invoke = invoke
        strings = locale_strings.for_locale(locale)
        self.card_titles = {strings.text(strings.advice_key(level, "card_title")): level for level in Level}

    def session(self) -> tuple[AlexaSession, list[dict]]:
        heard: list[dict] = []

        def invoke(event: dict) -> dict:
            response = self.invoke(event)
            heard.append(response)
            return response

        return AlexaSession(invoke, locale=self.locale), heard

    def level(self, response: dict) -> Level | None:
        card = response.get("response", {}).get("card") or {}
        return self.card_titles.get(card.get("title", ""))

    def play(self, moves: Callable[[AlexaSession], object]) -> list[dict]:
        session, heard = self.session()
        moves(session)
        return heard

    @staticmethod
    def _question_pending(session: AlexaSession) -> bool:
        """A check question waits for its answer (not the reminder offer after the advice)."""
        return not session.ended and bool(session.attributes.get("asking"))

    def guided(self, answers_before_yes: int | None) -> list[dict]:
        """Launch, yes to the offer, then "no" to questions until the given
        count, then "yes" (None: "no" to everything)."""

        session, heard = self.session()
        session.launch()
        session.intent("AMAZON.YesIntent")
        count = 0
        while self._question_pending(session) and len(heard) < MAX_TURNS:
            if count == answers_before_yes:
                session.intent("AMAZON.YesIntent")
                break
            session.intent("AMAZON.NoIntent")
            count += 1
        return heard

    def report(self, *symptoms: Symptom) -> list[dict]:
        session, heard = self.session()
        slots: dict[str, SlotFill | str | None] = {"symptom": None, "otherSymptom": None}
        for slot, symptom in zip(slots, symptoms, strict=False):
            name = symptom.value.lower().replace("_", " ")
            slots[slot] = SlotFill(spoken=name, value_id=symptom.value, resolved_name=name, slot_type="SymptomType")
        session.intent("ReportSymptomIntent", slots)
        while self._question_pending(session) and len(heard) < MAX_TURNS:
            session.intent("AMAZON.NoIntent")
        return heard

    def one(self, intent: str) -> list[dict]:
        session, heard = self.session()
        session.intent(intent)
        return heard


def speeches(responses: list[dict]) -> list[str]:
    return [r["response"]["outputSpeech"]["ssml"] for r in responses if r.get("response", {}).get("outputSpeech")]


def build_paths(driver: Driver) -> list[SpokenPath]:
    paths: list[SpokenPath] = []

    def add(name: str, target_key: str | None, responses: list[dict]) -> None:
        level = driver.level(responses[-1]) if responses else None
        outcome = level.name if level is not None else ("ended" if responses[-1]["response"].get("shouldEndSession") else "open")
        target = TARGETS.get(target_key or "")
        if target is not None:
            target = round(target * LOCALE_ALLOWANCE.get(driver.locale, 1.0), 1)
        paths.append(SpokenPath(name, target, speeches(responses), outcome))

    add("welcome alone", None, driver.play(lambda s: s.launch()))
    add("guided emergency (yes to question 1)", "guided emergency", driver.guided(0))
    # The last question whose "yes" still means call 911.
    last_emergency = 0
    while last_emergency < MAX_TURNS and driver.level(driver.guided(last_emergency + 1)[-1]) is Level.EMERGENCY:
        last_emergency += 1
    add(f"worst-case emergency (yes to question {last_emergency + 1})", "worst-case emergency", driver.guided(last_emergency))
    add('one-shot emergency ("I can\'t feel my legs")', "one-shot emergency", driver.report(Symptom.LIMB_NUMBNESS))
    add("all no", "all no", driver.guided(None))
    add(f"one see-doctor sign (yes to question {last_emergency + 2})", None, driver.guided(last_emergency + 1))
    add("one-shot see-doctor sign (fever), then no", None, driver.report(Symptom.FEVER))
    for intent in ("CausesIntent", "HowLongIntent", "SelfCareIntent", "ContactIntent"):
        add(f"information: {intent}", "information", driver.one(intent))
    add("help", "help", driver.one("AMAZON.HelpIntent"))
    return paths


def print_table(paths: list[SpokenPath], voice: Voice, turns: bool, normal: dict[str, float] | None = None) -> int:
    """One row per path; the targets are checked only at the normal rate
    (`normal` None), otherwise each figure is compared with it. Returns how
    many targets were missed."""
    last = "target" if normal is None else "vs normal"
    header = f"{'path':<48} {'turns':>5} {'words':>5} {'seconds':>7} {last:>9}  {'outcome':<10} longest prompt"
    print(header)
    print("-" * len(header))
    missed = 0
    for path in paths:
        durations = [voice.seconds(ssml) for ssml in path.speeches]
        total = sum(durations)
        words = sum(len(plain(ssml).split()) for ssml in path.speeches)
        longest = max(range(len(durations)), key=durations.__getitem__)
        text = plain(path.speeches[longest])
        text = text if len(text) <= 70 else text[:67] + "..."
        if normal is not None:
            target = f"+{total / normal[path.name] - 1:.0%}" if normal.get(path.name) else ""
        elif path.target is None:
            target = ""
        else:
            met = total <= path.target
            missed += not met
            target = f"<={path.target:g} {'ok' if met else 'MISS'}"
        if turns:
            for seconds, ssml in zip(durations, path.speeches, strict=True):
                print(f"    {seconds:5.1f} s  {plain(ssml)}")
        print(f"{path.name:<48} {len(path.speeches):>5} {words:>5} {total:>7.1f} {target:>9}  {path.outcome:<10} {durations[longest]:.1f} s: {text}")
    return missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--locale", default=locale_strings.DEFAULT_LOCALE)
    parser.add_argument("--rate", type=int, default=160, help="words per minute (default 160)")
    parser.add_argument(
        "--voice", choices=(*VOICES, "all"), default="all",
        help="the session's speaking rate: normal (today's speech, with the targets), a slower one, or all (default)",
    )  # fmt: skip
    parser.add_argument("--turns", action="store_true", help="also print every response of every path, with its seconds")
    args = parser.parse_args(argv)
    if args.locale not in locale_strings.supported_locales():
        print(f"speech_time: unsupported locale {args.locale!r}; supported: {', '.join(locale_strings.supported_locales())}", file=sys.stderr)
        return 2
    if args.rate <= 0:
        print("speech_time: --rate must be a positive number of words per minute", file=sys.stderr)
        return 2
    voice = Voice(args.locale, args.rate)
    normal_paths = build_paths(Driver(args.locale))
    normal = {path.name: sum(voice.seconds(ssml) for ssml in path.speeches) for path in normal_paths}
    missed = 0
    for name in VOICES if args.voice == "all" else (args.voice,):
        if name == "normal":
            print(f"Seconds of skill speech per path, locale {args.locale}; {voice.method}.")
            missed = print_table(normal_paths, voice, args.turns)
            print(f"\n{missed} target(s) missed." if missed else "\nEvery target met.")
        else:
            if args.voice == "all":
                print()
            steps = locale_strings.RATES.index(name)
            said = '"slower"' + ("" if steps == 1 else " twice" if steps == 2 else f" {steps} times")
            method = voice.method if voice.espeak else f"{voice.method}, which does not follow the prosody"
            print(f'The same paths spoken slower (prosody rate "{name}", as after {said}), locale {args.locale}; {method}.')
            print_table(build_paths(Driver(args.locale, name)), voice, args.turns, normal)
    return 0


if __name__ == "__main__":
    sys.exit(main())
