"""Typed text to intent and slots, from the skill's own interaction model.

What Alexa's language understanding does for a device, done offline for
`back-spasm chat`: a line is matched to one of the model's intents using the
model's sample utterances, its slot types' values and synonyms (entity
resolution: value id and canonical name, or ER_SUCCESS_NO_MATCH), and the
built-in intents' usual phrasings. What cannot be matched well goes to
AMAZON.FallbackIntent, as on a device. SDK-free: pure Python and rapidfuzz.
Each language's word tables live in one module (`english`, `spanish`); a third
language is one such module, joined in `words`, plus its lexicon data file.

- `matcher`: `Nlu`, the recognition itself, its steps in order; may import: core, tools.alexa, tools.model.
- `result`: `Match`, what a line is matched to, with a docstring per field; may import: core, tools.alexa.
- `normalize`: case, punctuation and contractions, the same way on both sides ("I'm" -> "i am"); may import: nothing outside nlu.
- `spoken_numbers`: number words and time units ("ten days" -> "P10D"); may import: nothing outside nlu.
- `spoken_dates`: spoken dates to ISO 8601 ("last tuesday"); may import: nothing outside nlu.
- `durations`: a duration or the day pain began said inside a longer line ("ya van como nueve días"); may import: core, tools.alexa.
- `patterns`: the model's samples as patterns and its slot values as tables (`validate` checks example phrases with them); may import: tools.model.
- `slot_values`: entity resolution, said words to a slot value (exact, close by rapidfuzz, or ER_SUCCESS_NO_MATCH); may import: tools.alexa.
- `nearby`: slips corrected and close samples found (rapidfuzz); may import: core, tools.alexa.
- `signs`: a naive Bayes guess of the sign or request from the model's own phrases, for lines no sample fits; may import: core.
- `rewrites`: a line's words rewritten (hedges and time words dropped, negation toggled, a yes or no with words around it); may import: core.
- `asides`: a no that opens a line with an aside after it ("no, just the back") and a line that ends in a verdict ("so i'd say no"); may import: core.
- `by_parts`: the lexicon's reading (signs by parts, polarity by scope) where it knows better than the samples; may import: core, tools.alexa.
- `invocation`: "ask back spasm helper ..." split from the request; may import: nothing outside nlu.
- `model_words`: the lexicon's words written into the model's SymptomType synonyms, within Amazon's limits; may import: core.
- `english`: English word tables; may import: core.
- `spanish`: Spanish word tables; may import: core.
- `words`: each language's tables joined, by language; may import: nothing outside nlu.
"""

from skill.tools.model import ModelError
from skill.tools.nlu.matcher import Nlu, load
from skill.tools.nlu.normalize import normalize
from skill.tools.nlu.patterns import SampleIndex, SamplePattern
from skill.tools.nlu.result import FALLBACK_INTENT, Match
from skill.tools.nlu.spoken_dates import parse_date
from skill.tools.nlu.spoken_numbers import parse_duration, parse_number
from skill.tools.nlu.words import BUILTIN_PHRASES

__all__ = [
    "BUILTIN_PHRASES",
    "FALLBACK_INTENT",
    "Match",
    "ModelError",
    "Nlu",
    "SampleIndex",
    "SamplePattern",
    "load",
    "normalize",
    "parse_date",
    "parse_duration",
    "parse_number",
]
