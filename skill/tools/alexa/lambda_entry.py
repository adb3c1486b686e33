"""The Lambda entry point, for tools and tests that drive the skill as Lambda
does: `lambda/lambda_function.py` imported from its file."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

from skill.core.builder import LambdaHandler
from skill.tools import paths


def import_file(name: str, path: Path) -> ModuleType:
    """Import the module at `path` under `name` (for files outside any package)."""
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_lambda_handler() -> LambdaHandler:
    """lambda/lambda_function.py's handler, imported from its file as Lambda
    does; the same skill built here if the file is not there (an installed
    wheel has no lambda/ directory)."""
    path = paths.LAMBDA_DIR / "lambda_function.py"
    if path.is_file():
        handler: LambdaHandler = import_file("lambda_function", path).lambda_handler
        return handler
    from skill.core.builder import lambda_handler_for

    return lambda_handler_for(os.environ.get("ALEXA_SKILL_ID"))
