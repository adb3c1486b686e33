"""Where the repository's files are. The tools run from an editable install
(`pip install -e .`), so the repository root is found from this file."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
INTERACTION_MODEL_DIR = PROJECT_ROOT / "interaction_model"
LAMBDA_DIR = PROJECT_ROOT / "lambda"
CORE_DIR = PROJECT_ROOT / "skill" / "core"
# Amazon's APL renderer (apl-viewhost-web), pinned in renderer/package-lock.json: `npm ci --prefix renderer`.
RENDERER_DIR = PROJECT_ROOT / "renderer"
RENDERER_INSTALL = "npm ci --prefix renderer"
# Its script: where $BACK_SPASM_APL_VIEWHOST says (an index.js installed elsewhere), or the pinned copy.
VIEWHOST_JS = Path(os.environ.get("BACK_SPASM_APL_VIEWHOST") or RENDERER_DIR / "node_modules" / "apl-viewhost-web" / "index.js")


def models_dir(model_dir: Path = INTERACTION_MODEL_DIR) -> Path:
    """Where a skill package keeps its interaction models, one file per locale."""
    return model_dir / "interactionModels" / "custom"


def model_path(locale: str, model_dir: Path = INTERACTION_MODEL_DIR) -> Path:
    """The interaction model file of `locale`."""
    return models_dir(model_dir) / f"{locale}.json"


def display(path: Path) -> str:
    """`path` as the user would type it: relative to the working directory
    when it is under it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
