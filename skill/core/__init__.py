"""What AWS Lambda ships: the triage rules, the SDK-free dialog, the spoken
text per locale, the ask-sdk handlers and the skill builder. Imports nothing
from `skill.hosting`, `skill.tools` or `skill.testing`; its modules import
each other and ask-sdk-core, isodate and the standard library only.

- `advice`: the advice for a concluded check (speech, card, screen) and the card every conclusion carries; may import: nothing outside core.
- `builder`: the one place the skill is assembled; may import: nothing outside core.
- `api_http`: one HTTPS call to an Alexa API with one deadline, no redirects, a capped body; may import: nothing outside core.
- `can_fulfill`: the answer to CanFulfillIntentRequest (name-free routing), no speech, no state; may import: nothing outside core.
- `contract`: the names other code relies on (intents, slots, symptoms, the screen token); may import: nothing outside core.
- `conversation`: the dialog, one turn at a time, SDK-free; may import: nothing outside core.
- `dates`: how long the spasms have lasted, from an AMAZON.DURATION or AMAZON.DATE slot; may import: nothing outside core.
- `failures`: the exception handler, the one place an error becomes speech; may import: nothing outside core.
- `heard`: a report or denial as the skill acts on it, words outside the value list read (pure); may import: nothing outside core.
- `handlers`: thin ask-sdk handlers, a table intent -> move; may import: nothing outside core.
- `lenient`: a request reader that keeps unknown enum values and wrong-typed fields as unknown; may import: nothing outside core.
- `lexicon`: signs by their parts, per-locale data and a small ConText (a package, loaded on first use); may import: nothing outside core.
- `raw_event`: the last answer when the SDK cannot read a request (emergencies still get 911); may import: nothing outside core.
- `logtext`: request text made safe for a log line; may import: nothing outside core.
- `reminders`: the one-week check-in reminder through Alexa's Reminders API; may import: nothing outside core.
- `replies`: the value types the dialog hands out (reply, card, screen, the reminder exchange); may import: nothing outside core.
- `rules`: the triage rules, pure Python (no SDK); may import: nothing outside core.
- `screen`: the Echo Show's APL document for each reply; may import: nothing outside core.
- `session`: the session attributes' format, its one owner (read, check, write); may import: nothing outside core.
- `slots`: what the handlers read from a request's slots (symptoms, words, locale, date); may import: nothing outside core.
- `values`: frozen value classes without a dataclass's cost at import (the Lambda's cold start); may import: nothing outside core.
- `speech`: spoken and card text per locale, from `locales/<locale>.json`; may import: nothing outside core.
"""
