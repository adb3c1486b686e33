"""The simulated Alexa side: what Amazon's servers would send and answer, for
the commands, tests and benchmarks.

- `device`: the typed-line device that `chat` and `try` both drive; may import: core, tools.cli, tools.nlu, tools.paths.
- `envelopes`: request envelopes as Alexa sends them, and a session that carries attributes; may import: core.
- `lambda_entry`: the Lambda entry point, loaded as Lambda loads it; may import: core, tools.paths.
- `reminders_standin`: a stand-in for Alexa's Reminders API; may import: nothing outside alexa.
"""
