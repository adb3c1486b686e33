"""Signs by their parts: each locale's words for findings, body sites, sides
and events (`<locale>.json`, data only), composed into the article's signs,
with each mention's polarity read by ConText (`context`).

Used by the Lambda (a symptom slot Alexa could not resolve; a denial whose
words are a finding negative in form) and by the tools' matcher and model
generator. Loaded on first use only, so the cold start does not pay for it.

- `context`: ConText, a mention's polarity by scope (triggers, terminators, pseudo-triggers, hedges); may import: nothing outside lexicon.
- `text`: the lexicon's text handling (normalising, word spans); may import: nothing outside lexicon.
- `forms`: a word's forms: Snowball stems, other persons, an inability as a refusal, the verbs a report's lead governs; may import: nothing outside lexicon.
- `clauses`: a line's clauses, rewrites, spans of negative words, a clause that leaves its predicate out; may import: nothing outside lexicon.
- `composition`: a finding, the sites and the side said with it, composed into one of the article's signs; may import: core.
- `slots`: a symptom slot's words read as the Lambda acts on them (unresolved, denied as said, negative in form); may import: core.
- `reading`: the result types, a line's reading and its mentions; may import: core.
- `repairs`: a self-correction ("no wait, yes"): the line from after it; may import: nothing outside lexicon.
- `normal`: a normal finding's polarity ("both legs feel the same" denies, "not steady" reports); may import: nothing outside lexicon.

    read("my husband can't feel his legs", "en-US")
    -> one mention: LIMB_NUMBNESS, affirmed, negative in form
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from skill.core.lexicon import clauses, context, forms, normal, repairs, text
from skill.core.lexicon.composition import PLAIN, READING, SENSORY, compose
from skill.core.lexicon.context import Phrase, Polarity, Role, Span
from skill.core.lexicon.reading import Mention, Reading, with_readings
from skill.core.lexicon.reading import by_urgency as by_urgency  # used by slots
from skill.core.rules import Symptom

DEFAULT_LOCALE = "en-US"
_DIRECTORY = Path(__file__).resolve().parent

# Findings whose sign depends on a site, said as an ability kept ("i can feel my feet"): the sign denied.
_ABILITY_SIGNS: Mapping[str, Symptom] = {"NUMB": Symptom.LIMB_NUMBNESS, "CONTROL_LOSS": Symptom.BLADDER_BOWEL_CONTROL}
# Everyday phrases holding a finding's words ("fell asleep", "by accident"): no sign.
ORDINARY = "ORDINARY"
# An everyday start ("i sneezed", "me agaché", "out of nowhere"): it did not start with a serious injury.
# Said negated ("i didn't lift anything"), it says nothing.
ONSET = "ONSET"
# A site said with nothing wrong with it ("nothing wrong with my bowels", "i pee fine"): the signs it denies.
# Not the places and garments of TOILET ("the bed", "my pants"): said to be fine, they say nothing of control.
_SITE_DENIES: Mapping[str, tuple[Symptom, ...]] = {
    "BLADDER": (Symptom.BLADDER_BOWEL_CONTROL,),
    "VOIDING": (Symptom.BLADDER_BOWEL_CONTROL, Symptom.URINATION_DIFFICULTY),
    "WEIGHT": (Symptom.WEIGHT_LOSS,),
    # topics that name a sign's function ("my balance is good as it ever was", "la fuerza está bien")
    "BALANCE": (Symptom.BALANCE_COORDINATION,),
    "STRENGTH": (Symptom.MUSCLE_WEAKNESS,),
    "FEELING": (Symptom.LIMB_NUMBNESS,),
}
# The sites a sense is lost in: said with them, "no siento bien las piernas" is numbness, not malaise.
_BODY = frozenset({"LIMB", "SADDLE"})
# How far back a negation keeps a site from being said fine ("i can't keep steady").
_FINE_REACH = 3
NEGATIVE_WORDS = frozenset({"no", "not", "nothing", "never", "none", "sin", "nada", "ningun", "ninguna", "ni"})
# A clause's first word that answers the question rather than negating what follows ("nothing, she walks fine").
_ANSWERING_NO = frozenset({"no", "nothing", "none", "nope", "nah", "nada", "not"})
# What, some words before an ability kept, negates it ("tampoco me puedo parar").
_REACHING = NEGATIVE_WORDS | {"tampoco", "nunca", "jamas", "neither", "nor"}


def _kept_by_a_double_no(sign: Symptom | None) -> bool:
    """ "no, no siento las piernas" answers and reports; only "no, not improving" is read as relief."""
    return sign is not None and sign is not Symptom.NOT_IMPROVING


@dataclass(frozen=True)
class Lexicon:
    contractions: Mapping[str, str]
    targets: tuple[tuple[Phrase, str], ...]  # findings, events, normal findings
    sites: tuple[tuple[Phrase, str], ...]  # sites, and "SIDE"
    modifiers: tuple[tuple[Phrase, str], ...]
    joiners: frozenset[str]
    window: int
    # phrases said another way first ("not able to" -> "can not")
    rewrites: tuple[tuple[Phrase, tuple[str, ...]], ...] = ()
    # what says an organ is fine ("nothing wrong with", "is normal")
    site_fine: tuple[tuple[Phrase, str], ...] = ()
    # what stands for the question's signs ("any of that", "nada de eso")
    question_objects: tuple[tuple[Phrase, str], ...] = ()
    # words that, right before a normal finding, turn it into a report ("not steady")
    normal_flips: frozenset[str] = frozenset()
    # pronouns that may stand between such a word and the finding ("no la siento bien")
    clitics: frozenset[str] = frozenset()
    # the clitics that are never articles ("se", not "los"): only a verb follows them
    verb_clitics: frozenset[str] = frozenset()
    # a word's stem (Snowball): "accidents" and "accident", "flojitas" and
    # "flojita" compare the same; every phrase above is matched by its stems
    stem: Callable[[str], str] = str
    # other locales' lexicons read too, for the signs this one does not name:
    # US Spanish speakers mix in English ("I lost weight, como veinte libras")
    also_reads: tuple[str, ...] = ()
    # words that say nothing before an answer ("well, no", "pues no"): the no still opens the clause
    fillers: frozenset[str] = frozenset()
    # the negation a denial's slot words are read after ("no" + "me aguanto las ganas")
    denial_lead: str = "not"
    # subjects that may stand between a flip and a normal finding ("before i can get it started")
    subjects: frozenset[str] = frozenset()
    # the negation a report sample carries before its slot ("I can't" + "control my bladder"); "" if none does
    report_lead: str = ""
    # verbs a denial's "no" governs when they open its slot's words ("no" + "siento los pies"); none in English
    finite_verbs: frozenset[str] = frozenset()
    # words saying a change comes slowly ("poco a poco"): after relief, an opening no can only answer
    gradual: tuple[tuple[Phrase, str], ...] = ()
    # findings that, said to the question of a sign, are that sign ("I had an accident" to the bladder question)
    by_question: Mapping[str, Symptom] = field(default_factory=dict)
    # findings that, denied to the question of a sign, deny that sign ("I haven't fallen" to the balance question)
    denied_by_question: Mapping[str, Symptom] = field(default_factory=dict)
    # the verbs `report_lead` governs in the findings ("can not" + "walk"): a slot they open may have been carried
    carried_verbs: frozenset[str] = frozenset()
    # a finding said as a topic and then denied ("debilidad no, nomás es el dolor")
    topic: clauses.Topic = field(default_factory=clauses.Topic)
    # words that may stand before the second of two limbs joined ("the arm and the leg", "brazo y la pierna")
    determiners: frozenset[str] = frozenset()
    # degree words that may stand inside a finding's phrase, after its first word ("feels kinda dead", "took a hard hit")
    intensifiers: frozenset[str] = frozenset()
    # what, right after a feeling negated, makes it a state of health, not a sense lost ("she does not feel good")
    malaise: tuple[tuple[Phrase, str], ...] = ()
    # the verbs of feeling such a finding ends in, wanting an object ("does not feel", "no siento")
    feeling_verbs: frozenset[str] = frozenset()
    # words a speaker corrects themself with ("no wait", "perdón"), and what may stand right before one
    repair_markers: tuple[Phrase, ...] = ()
    repair_openers: frozenset[str] = frozenset()
    repair_holds: tuple[Phrase, ...] = ()  # what, after one, asks for time instead ("no wait a minute")
    # words that end a clause whose predicate is left out ("and my strength too", "y el peso tampoco")
    ellipsis: frozenset[str] = frozenset()
    # verbs after a determiner and a body site that open a new clause in a run of words ("her legs are"),
    # unless a verb of saying or thinking stands before them ("i don't think my legs are weak")
    subject_verbs: frozenset[str] = frozenset()
    subject_not_after: frozenset[str] = frozenset()
    _stemmed: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    def _tables(self) -> _Stemmed:
        """The phrases and word sets above, by their stems (built once)."""
        tables = self._stemmed.get("tables")
        if not isinstance(tables, _Stemmed):
            tables = _Stemmed.of(self)
            self._stemmed["tables"] = tables
        return tables

    def repaired(self, line: str) -> str:
        """`line` from after the speaker's last self-correction ("no wait, yes I fell" -> "yes I fell")."""
        return repairs.after_repair(line, self.repair_markers, self.repair_openers, self.repair_holds)

    def read(self, line: str) -> Reading:
        tables = self._tables()
        line = self.repaired(line)
        words = [self.stem(word) if word != text.BREAK else word for word in clauses.rewritten(text.tokens(line, self.contractions), self.rewrites)]
        mentions: list[Mention] = []
        # A joiner inside a finding ("pins and needles") joins no clauses.
        inside = {i for span in context.find(words, tables.targets, None, tables.inside_findings) for i in range(span.start + 1, span.end)}
        inside |= clauses.limbs_joined(words, context.find(words, tables.sites), tables.joiners, tables.determiners)
        # nor one that opens a state of health after a feeling ("does not feel" + "so good")
        after_feeling = [span for span in context.find(words, tables.malaise) if span.start and words[span.start - 1] in tables.feeling_verbs]
        inside |= {i for span in after_feeling for i in range(span.start, span.end)}
        parts = clauses.split(words, tables.joiners, inside)
        last: list[Mention] = []
        for clause in clauses.attach_trailing_negations(parts, tables.targets, tables.modifiers, tables.inside_findings):
            last = self._read_clause(clause, tables) or _elliptical(clause, last, tables)
            mentions.extend(last)
        return Reading(tuple(with_readings(mentions)))

    def _read_clause(self, words: Sequence[str], tables: _Stemmed) -> list[Mention]:
        targets = context.find(words, tables.targets, None, tables.inside_findings)
        # "i can not feel any weakness": a feeling denied right before
        # another finding is the other one's negation, not a finding.
        targets = [t for i, t in enumerate(targets) if not _negates_next(words, targets, i, tables.negatives)]
        free = [True] * len(words)
        for target in targets:
            free[target.start : target.end] = [False] * (target.end - target.start)
        places = context.find(words, tables.sites, free)
        sites = frozenset(span.label for span in places if span.label != "SIDE")
        # A side binds only within its stretch between terminators: "no
        # numbness except my left foot is tingling" is no one-sided numbness.
        segments = context.segments(words, tables.modifiers, free)
        sides = {segments[span.start] for span in places if span.label == "SIDE"}
        # An animal before the first finding is the clause's subject ("my dog has a fever"); after it,
        # it is only an object ("my legs are strong, i walked the dog").
        first = min((target.start for target in targets), default=len(words))
        if any(span.label == Role.ANIMAL and span.start < first for span in context.find(words, tables.modifiers, free)):
            return []
        out: list[Mention] = []
        lead = clauses.after_answer(words, tables.fillers, tables.answering)  # where the clause starts after its answer
        negative = [clauses.negative(words, target, tables.negatives) for target in targets]
        never_answers = tables.negatives - tables.answering
        bound = [
            words[t.start] in tables.clitics and not clauses.negated_over_its_subject(words, t, places, never_answers, tables.determiners) for t in targets
        ]
        opens_negated = [words[target.start] in tables.negatives for target in targets]
        keeps = [opens and _kept_by_a_double_no(compose(target.label, sites, False)) for target, opens in zip(targets, opens_negated, strict=True)]
        unable = [False] * len(words)
        for target, negative_in_form in zip(targets, negative, strict=True):
            unable[target.start : target.end] = [negative_in_form] * (target.end - target.start)
        own = [target.label.startswith("NORMAL:") for target in targets]
        subjects = clauses.new_subjects(words, places, tables.determiners, tables.subject_verbs, tables.subject_not_after)
        subjects += clauses.pronoun_subjects(words, targets, tables.subjects - tables.determiners, tables.subject_not_after)  # "el" is also "the"
        polarities = context.polarities(words, targets, tables.modifiers, self.window, negative, bound, opens_negated, keeps, own, subjects)
        for target, polarity in zip(targets, polarities, strict=True):
            if target.label == ORDINARY:
                continue
            if target.label == ONSET:
                if polarity is Polarity.AFFIRMED:
                    out.append(Mention(Symptom.SIGNIFICANT_TRAUMA, Polarity.NEGATED, ONSET, False))
                continue
            if target.label == "NO_IMPROVEMENT" and "WEIGHT" in sites:  # "mi peso sigue igual": weight kept
                out.append(Mention(Symptom.WEIGHT_LOSS, Polarity.NEGATED, target.label, False))
                continue
            sign = compose(target.label, sites, segments[target.start] in sides)
            if sign is None:
                continue
            negative_form = clauses.negative(words, target, tables.negatives)
            if target.label in SENSORY and negative_form and not (sites & _BODY or sides) and _malaise(words, target, tables):
                continue  # "she doesn't feel good", "no me siento bien": unwell, no sense lost in a limb or a side
            if target.label.startswith("NORMAL:"):  # "both legs feel the same": a denial in itself
                polarity = normal.polarity(words, target, tables, free, lead, self.window, self.verb_clitics, unable)
            elif polarity is Polarity.AFFIRMED and not negative_form and clauses.topic_denied(words, target, lead, places, tables.topic):
                polarity = Polarity.NEGATED
            # "no siento nada de eso": a feeling's object is the question, so its "no" denies it
            # ("I can't hold any of it" is a report: only perception takes the symptom as object).
            sensed = target.label in SENSORY and negative_form and polarity is Polarity.AFFIRMED
            if sensed and clauses.of_question(words, target, tables.question_objects):
                out.append(Mention(sign, Polarity.NEGATED, target.label, False, of_question=True))
                continue
            out.append(Mention(sign, polarity, target.label, negative_form))
        # Only an organ said to be fine denies: "I'm not able to control my bladder" does not,
        # nor one said to be "not fine", "not the same".
        found = context.find(words, tables.site_fine, [True] * len(words))
        fine = [s for s in found if not tables.negatives & set(words[max(lead, s.start - _FINE_REACH) : s.start])]
        if not targets and fine:
            denied = {sign: site for site, signs in _SITE_DENIES.items() if site in sites for sign in signs}
            out += [Mention(sign, Polarity.NEGATED, f"SITE:{site}", False) for sign, site in denied.items()]
        return out


@dataclass(frozen=True)
class _Stemmed:
    """A lexicon's phrases and word sets with every word replaced by its stem."""

    targets: tuple[tuple[Phrase, str], ...]
    sites: tuple[tuple[Phrase, str], ...]
    modifiers: tuple[tuple[Phrase, str], ...]
    site_fine: tuple[tuple[Phrase, str], ...]
    question_objects: tuple[tuple[Phrase, str], ...]
    joiners: frozenset[str]
    normal_flips: frozenset[str]
    clitics: frozenset[str]
    negatives: frozenset[str]
    fillers: frozenset[str]
    subjects: frozenset[str]
    answering: frozenset[str]  # _ANSWERING_NO
    reaching: frozenset[str]  # _REACHING
    gradual: tuple[tuple[Phrase, str], ...]  # "poco a poco": a change said to come slowly
    topic: clauses.Topic
    determiners: frozenset[str]  # "the", "la": between two limbs joined ("the arm and the leg")
    inside_findings: frozenset[str]  # clitics and intensifiers: what may stand inside a finding's phrase
    malaise: tuple[tuple[Phrase, str], ...]  # "good", "bien": after a feeling negated, a state of health
    feeling_verbs: frozenset[str]  # "feel", "siento": a finding ending in one wants an object
    ellipsis: frozenset[str]  # "too", "también": a function said with them leaves out its predicate
    subject_verbs: frozenset[str]  # "are", "están": after a determiner and a site, a new clause
    subject_not_after: frozenset[str]  # "think", "creo": what they reported, not a new clause

    @classmethod
    def of(cls, lexicon: Lexicon) -> _Stemmed:
        stem = lexicon.stem

        def phrases(table: Sequence[tuple[Phrase, str]]) -> tuple[tuple[Phrase, str], ...]:
            return tuple((tuple(w if w == "*" else stem(w) for w in phrase), label) for phrase, label in table)

        return cls(
            phrases(lexicon.targets), phrases(lexicon.sites), phrases(lexicon.modifiers), phrases(lexicon.site_fine),
            phrases(lexicon.question_objects), frozenset(map(stem, lexicon.joiners)),
            frozenset(map(stem, lexicon.normal_flips)), frozenset(map(stem, lexicon.clitics)),
            frozenset(map(stem, NEGATIVE_WORDS)), frozenset(map(stem, lexicon.fillers)),
            frozenset(map(stem, lexicon.subjects)), frozenset(map(stem, _ANSWERING_NO)), frozenset(map(stem, _REACHING)),
            phrases(lexicon.gradual),
            clauses.Topic(
                frozenset(map(stem, lexicon.topic.negations)), frozenset(map(stem, lexicon.topic.openers)),
                frozenset(map(stem, lexicon.topic.after)) | frozenset(map(stem, lexicon.fillers)) | frozenset(map(stem, _ANSWERING_NO)),
            ),
            frozenset(map(stem, lexicon.determiners)),
            frozenset(map(stem, lexicon.clitics | lexicon.intensifiers)),
            phrases(lexicon.malaise),
            frozenset(map(stem, lexicon.feeling_verbs)),
            frozenset(map(stem, lexicon.ellipsis)), frozenset(map(stem, lexicon.subject_verbs)), frozenset(map(stem, lexicon.subject_not_after)),
        )  # fmt: skip


def _elliptical(words: Sequence[str], before: Sequence[Mention], tables: _Stemmed) -> list[Mention]:
    """ "el equilibrio bien y la fuerza también", "I can't walk and my balance is gone too": a function
    said with its predicate left out takes the one polarity of the clause before it."""
    polarity = {mention.reported for mention in before}
    function = clauses.elliptical(words, context.find(words, tables.sites), _SITE_DENIES.keys(), tables.ellipsis, tables.determiners)
    if function is None or len(polarity) != 1:
        return []
    said = Polarity.AFFIRMED if polarity.pop() else Polarity.NEGATED
    return [Mention(sign, said, f"SITE:{function}", False) for sign in _SITE_DENIES[function]]


def _malaise(words: Sequence[str], target: Span, tables: _Stemmed) -> bool:
    """A state of health right after a feeling verb ("does not feel" + "good")."""
    if words[target.end - 1] not in tables.feeling_verbs:
        return False
    return any(span.start == target.end for span in context.find(words[: target.end + 3], tables.malaise, None, tables.inside_findings))


def _negates_next(words: Sequence[str], targets: Sequence[Span], index: int, negatives: frozenset[str]) -> bool:
    """A feeling negative in form ("no siento", "can not feel") at most a
    word before a finding positive in form ("debilidad", "any weakness").
    Two findings apart ("can't grip my cup, my hand's gone weak"), or both
    negative in form, are two findings."""
    if index + 1 >= len(targets):
        return False
    target, after = targets[index], targets[index + 1]
    return (
        target.label in SENSORY
        and clauses.negative(words, target, negatives)
        and not clauses.negative(words, after, negatives)
        and after.start - target.end <= 1
    )


@cache  # asked on every report's words: read the directory once
def locales() -> tuple[str, ...]:
    return tuple(sorted(path.stem for path in _DIRECTORY.glob("*.json")))


@cache
def for_locale(locale: str) -> Lexicon:
    """The locale's lexicon (the default locale's when it has none)."""
    # Chosen among the files, never built from the request's locale (any string a client sends).
    path = _DIRECTORY / f"{locale if locale in locales() else DEFAULT_LOCALE}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    contractions = {text.fold(k): v for k, v in data["contractions"].items()}

    def phrases(items, label: str) -> list[tuple[Phrase, str]]:  # type: ignore[no-untyped-def]
        return [(tuple(text.tokens(item, contractions)), label) for item in items]

    persons = {text.fold(k): tuple(v) for k, v in data.get("persons", {}).items()}
    moods = {tuple(text.tokens(k, contractions)): [tuple(text.tokens(o, contractions)) for o in v] for k, v in data.get("refusals", {}).items()}

    def findings(items, label: str, refused: bool = False) -> list[tuple[Phrase, str]]:  # type: ignore[no-untyped-def]
        # Said of another person too ("no tiene fuerza" as "no tengo fuerza"): a caregiver speaks for the patient.
        said = [(variant, label) for phrase, _ in phrases(items, label) for variant in forms.in_every_person(phrase, persons)]
        return [(mood, label) for variant, _ in said for mood in forms.in_every_mood(variant, moods)] if refused else said

    targets = [p for name, items in data["findings"].items() for p in findings(items, name, refused=True)]
    if data["context"].get("affirmed_after"):  # "pararme no puedo", where a verb may come last
        lead = tuple(text.tokens(str(data["context"]["report_lead"]), contractions))
        targets += [(last, name) for phrase, name in list(targets) if (last := forms.lead_last(phrase, lead)) is not None]
    targets += [p for name, items in data["events"].items() for p in findings(items, f"EVENT:{name}")]
    targets += [p for name, items in data["normal_findings"].items() for p in findings(items, f"NORMAL:{name}")]
    targets += [p for name, items in data.get("readings", {}).items() for p in phrases(items, f"NORMAL:{name}{READING}")]
    # A finding negative in form said as an ability kept ("i can hold it"): its sign's normal state.
    # Not of relief, which may be said of anything ("la fiebre se quitó").
    signs = {name: sign for name, sign in {**PLAIN, **_ABILITY_SIGNS}.items() if sign is not Symptom.NOT_IMPROVING}
    leads = {tuple(text.tokens(k, contractions)): tuple(text.tokens(v, contractions)) for k, v in data["context"].get("affirmed_forms", {}).items()}
    for name, form in forms.abilities(data["findings"], leads, signs.keys(), lambda item: phrases([item], "")[0][0], NEGATIVE_WORDS):
        verb_last = forms.postposed(form, str(data["context"].get("affirmed_after", "")), frozenset(data["context"].get("clitics", ())))
        targets += findings([form] + ([verb_last] if verb_last else []), f"NORMAL:{signs[name].name}")
    targets += findings(data.get("onsets", ()), ONSET)
    targets += phrases(data["ordinary"], ORDINARY)
    sites = [p for name, items in data["sites"].items() for p in phrases(items, name)] + phrases(data["sides"], "SIDE")
    rules = data["context"]
    # Hedges first: "not sure" is a hedge before it is a pseudo-trigger.
    modifiers = phrases(rules["hedges"], Role.HEDGE) + phrases(rules["pseudo"], Role.PSEUDO)
    modifiers += phrases(rules["negations"]["forward"], Role.FORWARD) + phrases(rules.get("conditions", ()), Role.CONDITION)
    modifiers += phrases(rules["negations"]["backward"], Role.BACKWARD) + phrases(rules["negations"].get("postposed", ()), Role.POSTPOSED)
    modifiers += phrases(rules["terminators"], Role.TERMINATOR) + phrases(rules["animals"], Role.ANIMAL)
    rewrites = sorted(
        ((tuple(text.tokens(k, contractions)), tuple(text.tokens(v, contractions))) for k, v in data["rewrites"].items()),
        key=lambda pair: -len(pair[0]),
    )  # the longest first
    return Lexicon(
        contractions, tuple(targets), tuple(sites), tuple(modifiers), frozenset(rules["joiners"]), int(rules["window"]),
        tuple(rewrites), tuple(phrases(rules["site_fine"], "FINE")),
        tuple(phrases(rules.get("question_objects", ()), "QUESTION")),
        frozenset(rules.get("normal_flips", ())),
        frozenset(rules.get("clitics", ())),
        frozenset(rules.get("verb_clitics", ())),
        forms.stemmer(data.get("stemmer"), frozenset(text.fold(w) for w in data.get("whole_words", ()))),
        tuple(data.get("also_reads", ())),
        frozenset(text.fold(w) for w in rules.get("fillers", ())), str(rules.get("denial_lead", "not")),
        frozenset(text.fold(w) for w in rules.get("subjects", ())), str(rules.get("report_lead", "")),
        frozenset(text.fold(w) for w in rules.get("finite_verbs", ())), tuple(phrases(rules.get("gradual", ()), "GRADUAL")),
        {finding: Symptom(sign) for finding, sign in rules.get("by_question", {}).items()},
        {finding: Symptom(sign) for finding, sign in rules.get("denied_by_question", {}).items()},
        forms.carried_verbs(targets, tuple(text.tokens(str(rules.get("report_lead", "")), contractions)), frozenset(rules["negations"]["forward"])),
        clauses.Topic(*(frozenset(text.fold(w) for w in rules.get("topic", {}).get(key, ())) for key in ("negations", "openers", "after"))),
        frozenset(text.fold(w) for w in rules.get("determiners", ())),
        frozenset(text.fold(w) for w in rules.get("intensifiers", ())),
        tuple(phrases(rules.get("malaise", ()), "MALAISE")),
        frozenset(text.fold(w) for w in rules.get("feeling_verbs", ())),
        tuple(tuple(text.fold(m).split()) for m in rules.get("repairs", {}).get("markers", ())),
        frozenset(text.fold(w) for w in rules.get("repairs", {}).get("after", ())),
        tuple(tuple(text.fold(m).split()) for m in rules.get("repairs", {}).get("not_before", ())),
        frozenset(text.fold(w) for w in rules.get("ellipsis", ())),
        frozenset(text.fold(w) for w in rules.get("new_subjects", {}).get("verbs", ())),
        frozenset(text.fold(w) for w in rules.get("new_subjects", {}).get("not_after", ())),
    )  # fmt: skip


# The matcher asks for one line's reading at several steps: read it once.
@lru_cache(maxsize=256)
def read(line: str, locale: str = DEFAULT_LOCALE) -> Reading:
    """The signs `line` names, each with its polarity; a sign this locale's
    lexicon does not name is read by the lexicons it `also_reads`."""
    lexicon = for_locale(locale)
    reading = lexicon.read(line)
    for other in lexicon.also_reads:
        named = {mention.sign for mention in reading.mentions}
        extra = tuple(m for m in for_locale(other).read(line).mentions if m.sign not in named)
        reading = Reading(reading.mentions + extra)
    return reading
