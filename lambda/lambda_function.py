"""AWS Lambda entry point: `lambda_function.lambda_handler`.

Built from the same skill builder as every other front end; imports nothing
from Flask. ALEXA_SKILL_ID, when set, makes the skill refuse other skills'
requests (the Lambda trigger should be restricted to the skill id too).
"""

import os

from skill.core.builder import lambda_handler_for

lambda_handler = lambda_handler_for(os.environ.get("ALEXA_SKILL_ID"))
