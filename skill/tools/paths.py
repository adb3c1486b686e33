"""Where the repository's files are. The tools run from an editable install
(`pip install -e .`), so the repository root is found from this file."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
INTERACTION_MODEL_DIR = PROJECT_ROOT / "interaction_model"
LAMBDA_DIR = PROJECT_ROOT / "lambda"
CORE_DIR = PROJECT_ROOT / "skill" / "core"


def model_path(locale: str, model_dir: Path = INTERACTION_MODEL_DIR) -> Path:
    """The interaction model file of `locale`."""
    return model_dir / "interactionModels" / "custom" / f"{locale}.json"
