"""The skill package on disk: every locale's interaction model and the
manifest, read once and shared by every check."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from skill.tools import model as model_file
from skill.tools.model import LanguageModel, ModelError
from skill.tools.nlu.patterns import SampleIndex
from skill.tools.paths import display, models_dir
from skill.tools.validate.report import Problem, Report

LOCALE_FILE = re.compile(r"^[a-z]{2}-[A-Z]{2}$")


@dataclass
class ModelFile:
    """One `interactionModels/custom/<locale>.json`."""

    path: Path
    data: Any  # the parsed JSON; None when the file could not be read
    model: LanguageModel | None = None  # None when the typed loader cannot read it
    error: ModelError | None = None

    @property
    def locale(self) -> str:
        return self.path.stem

    @property
    def name(self) -> str:
        return display(self.path)

    @cached_property
    def samples(self) -> SampleIndex | None:
        """The model's samples and slot values, to match phrases against."""
        return SampleIndex(self.model) if self.model is not None else None


@dataclass
class SkillPackage:
    """What the checks look at, and the problems found so far."""

    root: Path
    models: list[ModelFile]
    manifest_path: Path
    manifest: Any  # the parsed skill.json; None when missing or unreadable
    problems: list[Problem] = field(default_factory=list)

    @property
    def manifest_name(self) -> str:
        return display(self.manifest_path)

    def reported(self, file: str) -> bool:
        """Whether any problem was found in `file` so far."""
        return any(problem.file == file for problem in self.problems)

    @classmethod
    def load(cls, root: Path) -> SkillPackage:
        """Reads every file; what cannot be read is the first problems."""
        problems: list[Problem] = []
        paths = model_files(root)
        if not paths:
            report = Report(display(models_dir(root)))
            report.add("", "model.missing", "no interaction model (<locale>.json) found")
            problems += report.problems
        models = []
        for path in paths:
            report = Report(display(path))
            data = load_json(path, report)
            if data is not None and not LOCALE_FILE.match(path.stem):
                report.add("", "model.locale", f"file name {path.name!r} is not <locale>.json (e.g. en-US.json)")
            models.append(_typed(path, data))
            problems += report.problems
        manifest_path = root / "skill.json"
        report = Report(display(manifest_path))
        manifest = None
        if not manifest_path.is_file():
            report.add("", "manifest.missing", "skill.json not found")
        else:
            manifest = load_json(manifest_path, report)
        problems += report.problems
        return cls(root, models, manifest_path, manifest, problems)


def _typed(path: Path, data: Any) -> ModelFile:
    if data is None:
        return ModelFile(path, data)
    try:
        return ModelFile(path, data, model_file.parse(data))
    except ModelError as error:
        return ModelFile(path, data, error=error)


def model_files(root: Path) -> list[Path]:
    """Every interaction model file of the skill package at `root`."""
    return sorted(models_dir(root).glob("*.json"))


def load_json(path: Path, report: Report) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        report.add("", "json.encoding", f"not UTF-8: {error.reason}")
    except json.JSONDecodeError as error:
        report.add(f"line {error.lineno} column {error.colno}", "json.syntax", f"invalid JSON: {error.msg}")
    except OSError as error:
        report.add("", "json.read", f"cannot read: {error.strerror}")
    return None
