"""The self-hosted endpoint: a Flask app around the core skill, with request
verification. Imports from `skill.core`, never from `skill.tools`."""
