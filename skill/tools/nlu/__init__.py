"""Typed text to intent and slots, from the skill's own interaction model.

What Alexa's language understanding does for a device, done offline for
`back-spasm chat`: a line is matched to one of the model's intents using the
model's sample utterances, its slot types' values and synonyms (entity
resolution: value id and canonical name, or ER_SUCCESS_NO_MATCH), and the
built-in intents' usual phrasings. What cannot be matched well goes to
AMAZON.FallbackIntent, as on a device. SDK-free: pure Python and rapidfuzz.

- `normalize`: case, punctuation and contractions, the same way on both
  sides ("I'm" -> "i am", "can't" -> "can not");
- `spoken_numbers`: number words and time units ("ten days" -> "P10D");
- `patterns`: the model's samples as patterns and its slot values as tables
  (also what `back-spasm validate` checks example phrases with);
- `result`: `Match`, what a line is matched to;
- `english`, `spanish`: each language's word tables, joined in `words`;
- `rewrites`: a line's words rewritten (hedges and time words dropped,
  negation toggled, a yes or no with words around it);
- `by_parts`: the lexicon's reading (signs by their parts, polarity by
  scope, `skill.core.lexicon`) where it knows better than the samples;
- `matcher`: `Nlu`, the recognition itself.
"""

from skill.tools.model import ModelError
from skill.tools.nlu.matcher import Nlu, load
from skill.tools.nlu.normalize import normalize
from skill.tools.nlu.patterns import SampleIndex, SamplePattern
from skill.tools.nlu.result import FALLBACK_INTENT, Match
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
    "parse_duration",
    "parse_number",
]
