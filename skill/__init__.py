"""Back Spasm Helper: an Alexa skill that triages back spasms by OrthoNY's red flags.

Three layers, each importing only from the layers below it:

- `skill.core`: what AWS Lambda ships (rules, dialog, speech, handlers, builder).
- `skill.hosting`: the self-hosted HTTPS endpoint (Flask, request verification).
- `skill.tools`: what developers run (the `back-spasm` command and its helpers).
"""
