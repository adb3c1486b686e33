"""The test and benchmark harness: imported by `tests/` and `bench/` only, never by `skill/`.
May import `skill.core`, `skill.hosting` and `skill.tools`.

- `hostile_events`: envelopes spoiled every way, for the fuzz test and the long run; may import: core, tools.alexa.
- `local_gunicorn`: the endpoint under gunicorn on 127.0.0.1; may import: tools.paths.
- `response_checks`: what every response must be, checked on the envelope; may import: core, tools.alexa.
- `signing`: a throwaway PKI shaped like Alexa's (needs cryptography, from [web]); may import: nothing outside testing.
- `tampering`: what a tamperer puts in the session attributes between turns; may import: core, tools.alexa.
- `walks`: random walks through the Lambda handler, checked against the safety properties; may import: core, tools.alexa.
"""
