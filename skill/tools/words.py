"""`back-spasm words`: write the lexicon's words (skill/core/lexicon) into
each locale's interaction model as SymptomType synonyms, and the matcher's
everyday yes and no as samples of the built-in yes and no intents; `--check`
only says what is out of sync (exit 1). Nothing else is rewritten."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from skill.tools.nlu.model_words import out_of_sync, write_answers, write_synonyms
from skill.tools.paths import INTERACTION_MODEL_DIR, display, models_dir


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model-dir", type=Path, default=INTERACTION_MODEL_DIR, help="the ASK skill package")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a model is out of sync")


def run(args: argparse.Namespace) -> int:
    from skill.tools.cli import CliError

    directory = models_dir(Path(args.model_dir))
    paths = sorted(directory.glob("*.json")) if directory.is_dir() else []
    if not paths:
        raise CliError(f"{display(directory)}: no interaction model found")
    status = 0
    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CliError(f"{display(path)}: cannot read ({error})") from None
        if args.check:
            problems = out_of_sync(data, path.stem)
            for problem in problems:
                print(f"{display(path)}: {problem}")
            status = status or (1 if problems else 0)
            continue
        try:
            changed = write_synonyms(data, path.stem)
        except ValueError as error:
            raise CliError(f"{display(path)}: {error}") from None
        answers = write_answers(data, path.stem)
        if changed or answers:
            path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"{display(path)}: {changed} synonym{'s' if changed != 1 else ''}, {answers} answer sample{'s' if answers != 1 else ''} written")
    return status
