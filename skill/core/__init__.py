"""What AWS Lambda ships: the triage rules, the SDK-free dialog, the spoken
text per locale, the ask-sdk handlers and the skill builder. Imports nothing
from `skill.hosting` or `skill.tools`."""
