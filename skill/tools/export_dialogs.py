"""`back-spasm export-dialogs`: the main conversation paths as ASK CLI replay
files, with this project's own answers next to each.

For every path in `replay_paths.json` and every locale it writes
`<locale>-<path>.replay.json`, the file `ask dialog --replay` reads
(`skillId`, `locale`, `type` "text", `userInput`, ending with ".quit" so the
replay exits), and `<locale>-<path>.expected.json`: each line as this
project's matcher understands it and what the real skill (the Lambda
handler) answers. Replayed on Amazon's simulator, Alexa's answers should read
the same; a difference is where Amazon's understanding or the deployed code
differs from what is tested here.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from importlib import resources
from pathlib import Path
from typing import Any

from skill.core import speech
from skill.core.builder import lambda_handler_for
from skill.core.speech import plain_text as plain
from skill.tools import nlu, paths
from skill.tools.alexa.envelopes import DEFAULT_SKILL_ID, AlexaSession
from skill.tools.cli import CliError

DEFAULT_OUTPUT = Path("dist") / "replay"
SKILL_ID = re.compile(r"^amzn1\.ask\.skill\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
QUIT = ".quit"  # the ASK CLI's own command: leave the dialog when the replay is done
ASK_STATES = Path(".ask") / "ask-states.json"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help=f"directory to write to (default: {DEFAULT_OUTPUT})")
    parser.add_argument(
        "--skill-id",
        default=None,
        help="the skill id the replay files name (default: $ALEXA_SKILL_ID, else .ask/ask-states.json, else a placeholder)",
    )


def replay_paths() -> dict[str, dict[str, Any]]:
    """path name -> {"outcome": ..., locale: [typed lines]}."""
    data = json.loads(resources.files("skill.tools").joinpath("replay_paths.json").read_text(encoding="utf-8"))
    return data["paths"]


def replay_file(skill_id: str, locale: str, lines: list[str]) -> dict[str, Any]:
    return {"skillId": skill_id, "locale": locale, "type": "text", "userInput": [*lines, QUIT]}


def answers(locale: str, lines: list[str], handler: Any = None) -> list[dict[str, Any]]:
    """Each line through this project's matcher and the real skill, one session."""
    matcher = nlu.load(paths.model_path(locale))
    invoke = handler or lambda_handler_for()
    session = AlexaSession(lambda event: invoke(event, None), locale=locale)
    turns = []
    for index, line in enumerate(lines):
        if index and session.ended:
            raise CliError(f"{locale}: {line!r} comes after the session ended")
        invocation, rest = matcher.split_invocation(line) if index == 0 else (False, line)
        if invocation and not rest.strip():
            heard: dict[str, Any] = {"request": "LaunchRequest"}
            response = session.launch()
        else:
            match = matcher.match(rest)
            heard = {"intent": match.intent, "slots": _slots(match)}
            response = session.intent(match.intent, match.slots)
        turns.append({"userInput": line, **heard, **_said(response)})
    return turns


def _slots(match: nlu.Match) -> dict[str, str]:
    return {name: (fill.value_id or "ER_SUCCESS_NO_MATCH") if fill.slot_type else fill.spoken for name, fill in match.slots.items() if fill is not None}


def _said(envelope: dict[str, Any]) -> dict[str, Any]:
    response = envelope.get("response") or {}
    if AlexaSession.asks_for_permission(envelope):
        return {"alexa": None, "note": "Alexa asks for the reminders permission in its own voice"}
    said: dict[str, Any] = {"alexa": plain(response.get("outputSpeech", {}).get("ssml", ""))}
    reprompt = response.get("reprompt", {}).get("outputSpeech", {}).get("ssml")
    if reprompt:
        said["reprompt"] = plain(reprompt)
    said["shouldEndSession"] = bool(response.get("shouldEndSession"))
    return said


def skill_id_for(given: str | None) -> tuple[str, bool]:
    """The skill id to write, and whether it is a real one."""
    candidate = given or os.environ.get("ALEXA_SKILL_ID") or _from_ask_states()
    if candidate is None:
        return DEFAULT_SKILL_ID, False
    if not SKILL_ID.match(candidate):
        raise CliError(f"{candidate!r} is not a skill id (amzn1.ask.skill.<uuid>)")
    return candidate, True


def _from_ask_states() -> str | None:
    try:
        profiles = json.loads(ASK_STATES.read_text()).get("profiles", {})
    except (OSError, ValueError, AttributeError):
        return None
    ids = [p.get("skillId") for p in profiles.values() if isinstance(p, dict)] if isinstance(profiles, dict) else []
    return next((i for i in ids if isinstance(i, str) and i), None)


def export(output: Path, skill_id: str) -> list[Path]:
    output.mkdir(parents=True, exist_ok=True)
    handler = lambda_handler_for()
    written = []
    for name, path in replay_paths().items():
        for locale in speech.supported_locales():
            lines = path[locale]
            stem = output / f"{locale}-{name}"
            expected = {"path": name, "locale": locale, "outcome": path["outcome"], "turns": answers(locale, lines, handler)}
            for file, data in ((f"{stem}.replay.json", replay_file(skill_id, locale, lines)), (f"{stem}.expected.json", expected)):
                Path(file).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
                written.append(Path(file))
    return written


def run(args: argparse.Namespace) -> int:
    skill_id, real = skill_id_for(args.skill_id)
    try:
        written = export(args.output, skill_id)
    except OSError as error:
        raise CliError(f"cannot write to {args.output}: {error.strerror or error}") from None
    print(f"wrote {len(written) // 2} replay files and their expected answers to {args.output}")
    print(f"replay one: ask dialog --replay {written[0]}")
    if not real:
        print("note: no skill id given (--skill-id, $ALEXA_SKILL_ID or .ask/ask-states.json): the files name a placeholder", file=sys.stderr)
    return 0
