"""Back Spasm Helper: an Alexa skill that triages back spasms by OrthoNY's red flags."""

from pathlib import Path

# The repository root holds the ASK skill package (interaction_model/); the
# project is installed editable (`pip install -e .`), so it is found from here.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
INTERACTION_MODEL_DIR = PROJECT_ROOT / "interaction_model"
