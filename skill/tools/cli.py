"""The `back-spasm` command: one sub-command per front end or tool.

Each sub-command lives in its own module exposing `configure(parser)` and
`run(args) -> int`; modules are imported only when their command runs, so
`back-spasm chat` never imports Flask.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
from typing import NoReturn

# name -> (module, one-line help)
COMMANDS = {
    "chat": ("skill.tools.chat", "talk to the skill in this terminal"),
    "serve": ("skill.tools.serve", "run the self-hosted endpoint (plain HTTP for a TLS-terminating proxy; needs [web])"),
    "profile": ("skill.tools.profile", "show the intent and slots each line is understood as; score a corpus"),
    "validate": ("skill.tools.validate", "check the interaction models and manifest offline"),
    "package": ("skill.tools.package", "build the AWS Lambda deployment zip"),
    "flow": ("skill.tools.flow", "draw the decision flow (every question, answer and outcome) as SVG"),
    "try": ("skill.tools.try_page", "try the skill in a browser page: typing or speech, card, Echo Show screen, flow (needs [web])"),
    "export-dialogs": ("skill.tools.export_dialogs", "write ASK CLI replay files of the main conversations, with this project's answers"),
    "safety-case": ("skill.tools.safety_case", "write the safety case report from the hazard log and the measured figures"),
    "words": ("skill.tools.words", "write the lexicon's words into the interaction models' SymptomType synonyms"),
}


class CliError(Exception):
    """A problem the user can fix; printed as one line, exit status 2."""


# What `serve` and `try` import from the [web] extra (pyproject.toml), as import names.
WEB_MODULES = ("flask", "flask_ask_sdk", "ask_sdk_webservice_support", "cryptography", "certifi", "gunicorn", "gevent", "packaging")
NEEDS_WEB = "needs the [web] extra (missing: {missing}): pip install -e '.[web]'"


def require_web() -> None:
    """CliError, one line with the install command, unless the [web] extra is installed."""
    missing = [name for name in WEB_MODULES if importlib.util.find_spec(name) is None]
    if missing:
        raise CliError(NEEDS_WEB.format(missing=", ".join(missing)))


class _OneLineParser(argparse.ArgumentParser):
    """argparse prints usage plus the error; users get one clear line instead."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    parser = _OneLineParser(prog="back-spasm", description=__doc__.splitlines()[0])
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_OneLineParser)
    subparsers.required = True
    for name, (module_name, help_text) in COMMANDS.items():
        sub = subparsers.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(module_name=module_name)
        if name == command:
            importlib.import_module(module_name).configure(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    command = next((a for a in argv if a in COMMANDS), None)
    args = build_parser(command).parse_args(argv)
    module = importlib.import_module(args.module_name)
    try:
        return module.run(args) or 0
    except CliError as error:
        print(f"back-spasm {args.command}: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    # Run through the imported module, so CliError raised by sub-commands
    # (which import skill.tools.cli) is the class caught in main().
    from skill.tools.cli import main as _main

    sys.exit(_main())
