"""`back-spasm validate`: check the skill package before upload, offline.

Checks every interaction model (`interactionModels/custom/<locale>.json`) and
the manifest (`skill.json`), and prints each problem as
`file:place: message [code]`:

1. shape (`shape`): each file against ask-smapi-model's own classes;
2. Amazon's rules the classes do not enforce (`amazon_rules` for the models,
   `manifest` for skill.json and its example phrases);
3. the project's rules (`project_rules`): the contract, the handler table,
   the rules' symptoms and the speech strings, read from the code;
4. the Echo Show screens (`apl`): the APL documents, their bindings and
   touches against the skill's code and locale strings;
5. locale parity (`locales`): every key, placeholder, symptom, intent and
   screen string in every locale, and a manifest entry for each;
6. name-free routing (`name_free`): the CanFulfillIntentRequest interface
   declared exactly when the skill answers it, and the launch phrases.
7. the lexicon's words (`project_rules.check_lexicon`): each a SymptomType
   synonym of the sign it makes (`back-spasm words` writes them).

Exit status 0 when clean, 1 with problems listed.

A new check is a function `(SkillPackage) -> list[Problem]` added to CHECKS.

- `amazon_rules`: Amazon's rules for a model that the classes do not enforce; may import: core.
- `apl`: the Echo Show screens against the code and locale strings; may import: core, tools.paths.
- `files`: the skill package on disk; may import: tools.model, tools.nlu, tools.paths.
- `locales`: locale parity; may import: core, tools.paths.
- `manifest`: skill.json, Amazon's rules for it and its example phrases; may import: tools.nlu.
- `name_free`: the CanFulfillIntentRequest interface and the launch phrases; may import: core, tools.alexa, tools.nlu, tools.paths.
- `permissions`: the manifest's permissions against what the skill asks for; may import: core.
- `project_rules`: this project's rules, read from the code; may import: core, tools.model, tools.nlu.
- `report`: problems and the per-file report; may import: nothing outside validate.
- `shape`: each file against ask-smapi-model's own classes; may import: nothing outside validate.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from skill.tools.paths import INTERACTION_MODEL_DIR, display
from skill.tools.validate import amazon_rules, apl, locales, manifest, name_free, permissions, project_rules, shape
from skill.tools.validate.files import SkillPackage, model_files
from skill.tools.validate.report import Problem

__all__ = ["CHECKS", "Check", "Problem", "SkillPackage", "configure", "run", "validate"]


@dataclass(frozen=True)
class Check:
    """One check over the whole skill package. A project rule is about this
    skill's code (skipped by --no-project-rules); the others are Amazon's."""

    name: str
    run: Callable[[SkillPackage], list[Problem]]
    project_rule: bool = False


# Run in this order; each sees the problems found before it (package.problems).
CHECKS: list[Check] = [
    Check("model shape", shape.check_models),
    Check("Amazon's model rules", amazon_rules.check),
    Check("manifest", manifest.check),
    Check("project rules", project_rules.check, project_rule=True),
    Check("APL documents", apl.check, project_rule=True),
    Check("permissions", permissions.check, project_rule=True),
    Check("locale parity", locales.check, project_rule=True),
    Check("name-free routing", name_free.check, project_rule=True),
    Check("lexicon words", project_rules.check_lexicon, project_rule=True),
]


def validate(model_dir: Path | str, *, project_rules: bool = True) -> list[Problem]:
    """Every problem found in the skill package at `model_dir`."""
    package = SkillPackage.load(Path(model_dir))
    for check in CHECKS:
        if project_rules or not check.project_rule:
            package.problems += check.run(package)
    return package.problems


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model-dir",
        type=Path,
        default=None,
        help="the ASK skill package: skill.json and interactionModels/custom/ (default: interaction_model)",
    )
    parser.add_argument(
        "--no-project-rules",
        action="store_true",
        help="check only the files against Amazon's rules (skip the contract, handlers and skill.core.rules)",
    )


def run(args: argparse.Namespace) -> int:
    from skill.tools.cli import CliError

    model_dir = Path(args.model_dir if args.model_dir is not None else INTERACTION_MODEL_DIR)
    if not model_dir.is_dir():
        raise CliError(f"{model_dir}: no such directory")
    problems = validate(model_dir, project_rules=not args.no_project_rules)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found", file=sys.stderr)
        return 1
    files = len(model_files(model_dir)) + 1
    print(f"ok: {files} files in {display(model_dir)} pass every check")
    return 0
