"""The matcher's English (en-US) word tables, in one place.

Each language has one such module (`spanish` is the other); `words` joins
them. A third language is one more module like this one, named in
`words.LANGUAGES`, and one lexicon file in `skill/core/lexicon/`.

Words are in normalised form (see `normalize`): lower case, "can't" -> "can not".
"""

from __future__ import annotations

from collections.abc import Mapping

from skill.core import contract

# The built-in intents' usual phrasings (Amazon trains these into every
# skill); added to whatever samples the model gives a built-in it declares.
BUILTIN_PHRASES: Mapping[str, tuple[str, ...]] = {
    contract.YES: (
        "yes",
        "yeah",
        "yep",
        "yup",
        "ya",
        "yes please",
        "sure",
        "ok",
        "okay",
        "correct",
        "right",
        "that's right",
        "affirmative",
        "absolutely",
        "of course",
        "definitely",
        "uh huh",
        "yes I do",
        "yes I have",
        "yes I am",
        "yes I did",
        "yes it is",
        "yes it does",
        "yes it has",
        "I think so",
    ),
    contract.NO: (
        "no",
        "nope",
        "nah",
        "no thanks",
        "no thank you",
        "not really",
        "negative",
        "no way",
        "no I do not",
        "no I have not",
        "no I am not",
        "no I did not",
        "no it is not",
        "no it does not",
        "no it has not",
        "I don't think so",
    ),
    contract.HELP: ("help", "help me", "I need help", "what are my options", "instructions"),
    contract.STOP: (
        "stop",
        "quit",
        "exit",
        "stop it",
        "shut up",
        "be quiet",
        "goodbye",
        "bye",
        "I'm done",
        "that's all",
        "enough",
        "end",
        "I want to stop",
    ),
    contract.CANCEL: ("cancel", "cancel that", "never mind", "nevermind", "forget it"),
    contract.NAVIGATE_HOME: ("home", "go home", "go to home", "main menu"),
    contract.REPEAT: (
        "repeat",
        "repeat that",
        "repeat please",
        "say it again",
        "say that again",
        "come again",
        "pardon",
        "one more time",
        "what was that",
        "can you repeat that",
        "could you repeat that",
        "can you say that again",
    ),
    contract.START_OVER: (
        "start over",
        "restart",
        "start again",
        "reset",
        "from the top",
        "start from scratch",
        "let's start over",
        "I want to start over",
    ),
    contract.PREVIOUS: ("go back", "back", "previous", "undo", "last question"),
}

# Everyday ways of saying yes or no that a device's built-in intents know;
# matched as whole lines, like the built-in phrasings.
EVERYDAY_ANSWERS: Mapping[str, tuple[str, ...]] = {
    contract.YES: (
        "you bet",
        "you betcha",
        "sadly yes",
        "sadly yeah",
        "afraid so",
        "i am afraid so",
        "i am afraid i do",
        "i am afraid i have",
        "yes sadly",
        "unfortunately yes",
        "yes unfortunately",
        "i do",
        "i have",
        "i did",
        "i am",
        "it is",
        "it does",
        "it has",
        "sure do",
        "sure is",
        "sure did",
        "yes indeed",
        "indeed",
        "yes ma'am",
        "yes sir",
        "yessir",
        "uh huh yes",
        "mhm",
        "mm hmm",
        "yep i do",
        "that i do",
        "that i have",
        "yes it has",
        "certainly",
        "you got it",
        "i would say so",
        "sure enough",
        "big time",
        "for sure",
        "i reckon so",
        "that would be a yes",
        "that is a yes",
        "i would say yes",
        "i guess i do",
        "i guess i have",
        # to a question of two signs, or of bladder and bowel: yes to each
        "both",
        "both of them",
        "both of those",
        "yes both",
        "yeah both",
        "yes to both",
        "yes both of them",
        "the both of them",
    ),
    contract.NO: (
        "nah none of that",
        "none of that",
        "none of those",
        "none",
        "not that i have noticed",
        "not that i know of",
        "not that i can tell",
        "not as far as i know",
        "can not say i have",
        "can not say i do",
        "can not say that i have",
        "i can not say i have",
        "i can not say i do",
        "can not say it is",
        "can not say that it is",
        "can not say it has",
        "can not say so",
        "nope none",
        "no none of that",
        "nothing like that",
        "no nothing like that",
        "not at all",
        "no not at all",
        "nuh uh",
        "uh uh",
        "nay",
        "no ma'am",
        "no sir",
        "not a bit",
        "not one bit",
        "i do not",
        "i have not",
        "i did not",
        "it is not",
        "it does not",
        "it has not",
        "no siree",
        "not in the least",
        "no such thing",
        "none whatsoever",
        "not that i noticed",
        "not lately",
        "not so far",
        "not yet",
        "neither",
        "negatory",
        "nothing like that thank goodness",
        "that would be a no",
        "that is a no",
        "i would say no",
        "i would not say so",
        "would not say so",
        "i would not say that",
        "neither one",
        "neither of them",
        "neither one of them",
        "none of them",
        "neither of those",
        "no to both",
        "no to both of them",
        "not as far as i can tell",
        "not that i am aware of",
        "i would not think so",
        "i do not think so",
    ),
}
LAUNCH_PHRASES = frozenset({"open", "launch", "start", "run", "use", "ask", "tell", "talk to"})
INVOCATION_JOINERS = frozenset({"to", "that", "about", "if", "whether", "for", "and"})
# "steady" and "unsteady": close as strings, opposite in meaning.
OPPOSITE_PREFIXES = ("un", "in", "im", "dis", "ir")
QUESTION_WORDS = frozenset({"should", "can", "could", "what", "how", "why", "when", "is", "are", "do", "does", "will", "would", "where", "who"})
CLAUSE_BREAKS = frozenset({"and", "but", "plus", "also", "then", "so", "because"})
# What opens a closing verdict ("he jumps when i tickle his feet so i'd say no").
VERDICT_LEADS = (("so",), ("but", "i"))
# How a line ends when the speaker sets themself apart from what they said ("my wife's the one with the numb feet, not me").
SELF_APART = (("not", "me"),)
# What may follow it ("..., not me, thank god").
AFTER_SELF_APART = frozenset({"thank", "god", "goodness", "heavens", "thankfully", "luckily", "fortunately"})
# Words that say a day is when the pain began ("since monday", "it started yesterday"), not a day for anything else.
ONSET_WORDS = frozenset({"since", "started", "start", "starting", "began", "begin", "ago", "ever", "came", "kicked"})
# Words that carry a "not" after them ("it is getting better" -> "it is not ...").
AUXILIARIES = frozenset({"is", "are", "am", "was", "were", "can", "do", "does", "did", "have", "has", "will", "could"})
YES_WORDS = frozenset({"yes", "yeah", "yep", "yup", "ya", "sure", "definitely", "absolutely", "correct", "right", "yessir", "yesm"})
NO_WORDS = frozenset({"no", "nope", "nah", "naw", "nuh", "not", "never", "negative", "none", "neither"})
# A yes and a no in one line ("yes no") is no answer at all: ask again.
CLEAR_YES = frozenset({"yes", "yeah", "yep", "yup"})
CLEAR_NO = frozenset({"no", "nope", "nah", "naw"})
# After a line's first "no", any word begins an aside ("no, just the back"):
# English negates a verb with "not", never with a bare "no".
ASIDE_AFTER_NO = None
# What a symptom synonym follows when it names an ability ("i can not" + "walk straight").
ABILITY_LEADS = ("i can not",)
# Words that may come with a yes or a no without changing it.
ANSWER_WORDS = frozenset(
    {"i", "think", "so", "guess", "suppose", "either", "one", "rightly", "believe", "that", "is", "it", "really", "sir", "maam", "a", "little",
     "bit", "afraid", "unfortunately", "does", "do", "did", "have", "am", "was", "very", "much", "pretty", "of",
     "course", "at", "all", "uh", "huh", "mm", "hmm", "okay", "ok", "well", "thats", "quite", "exactly", "sadly",
     "indeed", "nothing", "like", "those", "whatsoever", "honestly", "ma'am", "buddy", "dear",
     # a caregiver's echo ("yes she does", "no he has not") and thanks ("no, thank goodness")
     "he", "she", "they", "has", "would", "say", "thank", "goodness", "god", "heavens", "the", "heaven",
     "thankfully", "luckily", "fortunately", "mercy",
     # interjections and asides that only colour a yes or a no ("oh lord yes", "sorry to say but yes")
     "oh", "lord", "gosh", "golly", "man", "boy", "jeez", "sorry", "to", "but", "be", "reckon", "reckoned", "honey",
     "son", "hon", "sweetie", "yes'm", "mhm", "er", "um", "ah",
     # who the caregiver speaks of ("no, my husband hasn't") and "still" ("yes, still")
     "my", "husband", "wife", "mom", "dad", "mother", "father", "still"}
)  # fmt: skip
# Words around a way of not knowing that leave it a "not sure" ("um, maybe,
# I'm not certain"; "well I haven't checked, so I don't know").
UNSURE_WORDS = frozenset(
    {"maybe", "perhaps", "possibly", "could", "might", "be", "so", "checked", "looked", "noticed", "tell", "you",
     "can", "not", "have", "had", "a", "chance", "yet", "for", "sure", "certain", "about", "know"}
)  # fmt: skip
# Words that only colour what is said.
INTENSIFIERS = frozenset(
    {"just", "rightly", "really", "so", "super", "very", "totally", "completely", "pretty", "quite", "all", "even", "actually", "honestly", "like"}
)
HEDGE_PHRASES = (("a", "little", "bit", "of"), ("a", "bit", "of"), ("kind", "of"), ("sort", "of"))
# Said after what is wrong, about when or how: "... since yesterday", "... all of a sudden".
TRAILING = (
    ("all", "of", "a", "sudden"), ("this", "morning"), ("last", "night"), ("this", "week"), ("last", "week"),
    ("a", "lot"), ("yesterday",), ("today",), ("suddenly",), ("lately",), ("recently",), ("anymore",),
    ("again",), ("now",), ("too",),
)  # fmt: skip
# Said before what is wrong, about when: "since yesterday ...".
SINCE = "since"
