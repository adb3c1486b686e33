"""What developers run: the `back-spasm` command and what it needs. Each
command is a leaf: it imports shared code, never another command. May import
`skill.core` and `skill.hosting`, never `skill.testing`.

The commands:

- `chat`: `back-spasm chat`, the skill in a terminal; may import: core, tools.alexa, tools.cli, tools.nlu.
- `export_dialogs`: `back-spasm export-dialogs`, ASK CLI replay files; may import: core, tools.alexa, tools.cli, tools.nlu, tools.paths.
- `flow`: `back-spasm flow`, the decision flow written as SVG; may import: core, tools.alexa, tools.cli, tools.flow_drawing.
- `package`: `back-spasm package`, the Lambda zip; may import: tools.cli, tools.lambda_wheels, tools.paths.
- `profile`: `back-spasm profile`, how each line is understood; may import: tools.alexa, tools.alexa_standin, tools.cli, tools.evaluation, tools.nlu.
- `safety_case`: `back-spasm safety-case`, the safety case report; may import: tools.cli, tools.paths.
- `serve`: `back-spasm serve`, the endpoint under gunicorn; may import: hosting, tools.cli.
- `try_page`: `back-spasm try`, the skill in a browser page; may import: core, tools.alexa, tools.cli, tools.flow_drawing, tools.paths.
- `validate`: `back-spasm validate`, the skill package checked offline (a package); may import: core, tools.cli, tools.model, tools.nlu, tools.paths.
- `words`: `back-spasm words`, the lexicon's words written into the interaction models; may import: tools.cli, tools.nlu, tools.paths.

What they share:

- `alexa`: the simulated Alexa side (envelopes, typed-line device, reminders stand-in, Lambda entry); may import: core, tools.cli, tools.nlu, tools.paths.
- `alexa_standin`: an Alexa-like recogniser trained only on the interaction model, for measuring; may import: core, tools.alexa, tools.model, tools.nlu.
- `cli`: the `back-spasm` dispatcher and its one-line errors; may import: nothing outside tools.
- `evaluation`: the labelled corpus and its scores, a device's match read as the skill reads it; may import: core, tools.alexa, tools.nlu.
- `flow_drawing`: the decision flow drawn from the rules (for `flow` and `try`); may import: core, tools.alexa, tools.cli.
- `glossary`: the glossary in docs/medical-content.md, generated; may import: core, tools.paths.
- `lambda_wheels`: the Lambda's pinned dependencies (the lock, the wheel cache, pip); may import: tools.paths.
- `model`: the interaction model's language model as typed objects; may import: nothing outside tools.
- `nlu`: the typed-text matcher (a package); may import: tools.alexa, tools.model.
- `paths`: where the repository's files are; may import: nothing outside tools.
- `vignettes`: simulated patients scored by their advice; may import: core, tools.alexa, tools.alexa_standin, tools.evaluation, tools.nlu, tools.paths.
"""
