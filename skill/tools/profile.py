"""`back-spasm profile`: what the skill understands of each line, like the
utterance profiler in Amazon's developer console, offline.

    back-spasm profile "my foot went numb" "no fever"
    printf 'kinda\\nsince monday\\n' | back-spasm profile
    back-spasm profile --evaluate tests/corpus/en-US.dev.tsv

Each line gives one JSON object on one line: the utterance, the intent, each
slot's value with its resolved id and resolution status, and how it matched
(exact, pattern, negation, fuzzy, loose, inside, unresolved, fallback).
`--evaluate` scores a labelled corpus instead (see skill.tools.evaluation),
with the matcher, exact samples and the Alexa-like stand-in.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from skill.tools import alexa_standin, evaluation
from skill.tools.alexa.device import load_matcher, model_path, slot_readings
from skill.tools.alexa.envelopes import DEFAULT_LOCALE
from skill.tools.cli import CliError
from skill.tools.nlu import Match


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--locale",
        default=DEFAULT_LOCALE,
        help=f"the interaction model's locale (default {DEFAULT_LOCALE})",
    )
    parser.add_argument(
        "--evaluate",
        metavar="FILE",
        action="append",
        type=Path,
        help="score a labelled corpus file (intent, symptom ids, utterance; tab-separated) instead; repeatable",
    )
    parser.add_argument(
        "--worst",
        type=int,
        default=10,
        metavar="N",
        help="with --evaluate: how many confusions and misses to list (default 10)",
    )
    parser.add_argument("utterance", nargs="*", help="lines to profile (default: one per line from stdin)")


def profile(match: Match, utterance: str) -> dict[str, Any]:
    """One line's profile, JSON-ready."""
    slots: dict[str, Any] = dict.fromkeys(match.slots)  # an unfilled slot: null
    for reading in slot_readings(match):
        if reading.resolution is None:  # a built-in type: the value Alexa sends
            slots[reading.name] = {"value": reading.said}
        else:
            slots[reading.name] = {"value": reading.said, "id": reading.value_id, "resolution": reading.resolution}
    return {
        "utterance": utterance,
        "intent": match.intent,
        "slots": slots,
        "how": match.how,
        "score": round(match.score, 1),
        "sample": match.sample,
    }


def _stdin_lines() -> Iterable[str]:
    for line in sys.stdin:
        if line.strip():
            yield line.strip()


def run(args: argparse.Namespace) -> int:
    if args.worst < 0:
        raise CliError(f"--worst must be 0 or more, not {args.worst}")
    if args.evaluate and args.utterance:
        raise CliError("give either --evaluate FILE or utterances, not both")
    matcher = load_matcher(args.locale)
    if args.evaluate:
        for path in args.evaluate:
            try:
                examples = evaluation.load_corpus(path)
            except evaluation.CorpusError as error:
                raise CliError(str(error)) from None
            print(f"# {path}: {len(examples)} utterances")
            standin = alexa_standin.load(model_path(args.locale))
            scores = (*evaluation.evaluate(matcher, examples), evaluation.score_device("standin", examples, standin.match, args.locale))
            for line in evaluation.report(scores, worst=args.worst):
                print(line)
        return 0
    lines = args.utterance or _stdin_lines()
    for utterance in lines:
        print(json.dumps(profile(matcher.match(utterance), utterance), ensure_ascii=False))
    return 0
