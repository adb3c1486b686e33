"""`back-spasm flow`: the decision flow as a picture, drawn from the rules
module (`skill.tools.flow_drawing`), written to a file or standard output.

    back-spasm flow --output docs/decision-flow.svg
    back-spasm flow --locale en-US --output - > flow.svg
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from skill.core import speech
from skill.tools.alexa.envelopes import DEFAULT_LOCALE
from skill.tools.cli import CliError
from skill.tools.flow_drawing import flow_svg


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", default="flow.svg", help='where to write the SVG; "-" for standard output (default flow.svg)')
    parser.add_argument("--locale", default=DEFAULT_LOCALE, help=f"whose words to draw with (default {DEFAULT_LOCALE})")


def run(args: argparse.Namespace) -> int:
    try:
        svg = flow_svg(args.locale)
    except speech.UnsupportedLocaleError as error:
        raise CliError(str(error)) from None
    if args.output == "-":
        sys.stdout.buffer.write(svg)
        sys.stdout.flush()
        return 0
    output = Path(args.output)
    try:
        output.write_bytes(svg)
    except OSError as error:
        raise CliError(f"cannot write {output}: {error.strerror or error}") from None
    print(f"wrote {output.resolve()}")  # where, whether or not --output was given
    return 0
