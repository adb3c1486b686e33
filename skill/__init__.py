"""Back Spasm Helper: an Alexa skill that triages back spasms by OrthoNY's red flags.

Four layers, each importing only from the layers below it (the import
contracts in pyproject.toml):

- `core`: what AWS Lambda ships (rules, dialog, speech, handlers, builder); may import: nothing above it.
- `hosting`: the self-hosted HTTPS endpoint (Flask, request verification); may import: core.
- `tools`: what developers run (the `back-spasm` command and its helpers); may import: core, hosting.
- `testing`: the test and benchmark harness; may import: core, hosting, tools.
"""
