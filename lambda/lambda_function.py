"""AWS Lambda entry point: `lambda_function.lambda_handler`.

Built from the same skill builder as every other front end; imports nothing
from Flask. ALEXA_SKILL_ID, when set, makes the skill refuse other skills'
requests (the Lambda trigger should be restricted to the skill id too).
"""

import os

from skill.alexa import build_skill_builder

lambda_handler = build_skill_builder(os.environ.get("ALEXA_SKILL_ID")).lambda_handler()
