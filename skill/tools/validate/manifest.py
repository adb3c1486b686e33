"""The manifest (`skill.json`): its shape, Amazon's rules for it, and its
example phrases against each locale's interaction model.

An example phrase is the wake word, a launch phrase, the locale's invocation
name and an utterance (after an optional connecting word) that fits some
sample of the model, its slots filled with the model's own values or
synonyms, a spoken number or duration: the same sample matcher
`back-spasm chat` uses (`skill.tools.nlu.patterns`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from skill.tools.nlu import spanish
from skill.tools.nlu.normalize import normalize
from skill.tools.nlu.patterns import SampleIndex
from skill.tools.validate.files import SkillPackage
from skill.tools.validate.report import Problem, Report, join
from skill.tools.validate.shape import MANIFEST_CLASS, check_shape

MAX_EXAMPLE_PHRASES = 3
# "Alexa, <launch> <invocation> [<connecting word>] <utterance>" and
# "Alexa, <utterance> <connecting word> <invocation>".
EXAMPLE_LAUNCH_PHRASES = (
    "talk to", "open", "ask", "tell", "launch", "start", "begin", "load", "run", "play", "use", "resume",
)  # fmt: skip
EXAMPLE_CONNECTING_WORDS = ("to", "for", "about", "if", "whether", "that", "and", "what", "how", "when")
EXAMPLE_TRAILING_CONNECTORS = ("from", "in", "on", "using", "with", "to", "for", "about", "by")
# The same words in other languages, by the locale's language ("es-US" -> "es"):
# "Alexa, abre <invocation>", "Alexa, dile a <invocation> que ...".
PHRASE_WORDS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "en": (EXAMPLE_LAUNCH_PHRASES, EXAMPLE_CONNECTING_WORDS, EXAMPLE_TRAILING_CONNECTORS),
    "es": (
        spanish.LAUNCH_PHRASES,
        ("que", "si", "sobre", "por", "cuando", "como", "cuanto", "para", "y"),
        ("en", "con", "a", "de", "desde", "usando", "para"),
    ),
}  # fmt: skip
_WAKE_WORD = re.compile(r"\s*alexa\s*,?\s+(.*)$", re.IGNORECASE | re.DOTALL)


def check(package: SkillPackage) -> list[Problem]:
    """The manifest's shape and rules; phrases are matched only against
    models the typed loader could read (the others are reported on their own)."""
    if package.manifest is None:
        return []  # missing or unreadable: reported when the package was read
    report = Report(package.manifest_name)
    check_shape(package.manifest, MANIFEST_CLASS, report)
    check_manifest(package.manifest, {file.locale: file.samples for file in package.models}, report)
    return report.problems


def check_manifest(manifest: Any, models: Mapping[str, SampleIndex | None], report: Report) -> None:
    """The manifest's own rules, and its example phrases against the models
    (locale -> the model's samples; None for a model that cannot be read)."""
    if not isinstance(manifest, dict) or not isinstance(manifest.get("manifest"), dict):
        report.add("", "manifest.structure", "missing the manifest object")
        return
    body = manifest["manifest"]
    apis = body.get("apis")
    if not isinstance(apis, dict) or "custom" not in apis:
        report.add("manifest.apis", "manifest.custom", "apis.custom is missing: this is a custom skill")
    publishing = body.get("publishingInformation")
    locales = publishing.get("locales") if isinstance(publishing, dict) else None
    if not isinstance(locales, dict) or not locales:
        report.add("manifest.publishingInformation.locales", "manifest.locales", "no publishing locales")
        return
    for locale in sorted(set(models) - set(locales)):
        report.add(
            "manifest.publishingInformation.locales",
            "manifest.locales",
            f"the model for {locale} has no publishing information in skill.json",
        )
    for locale, info in locales.items():
        place = join("manifest.publishingInformation.locales", locale)
        if locale not in models:
            report.add(place, "manifest.locales", f"locale {locale} has no interaction model ({locale}.json)")
            continue
        samples = models[locale]
        if not isinstance(info, dict) or samples is None:
            continue  # a model too broken to match phrases against is reported on its own
        phrases = info.get("examplePhrases")
        if not isinstance(phrases, list) or not phrases:
            report.add(join(place, "examplePhrases"), "phrase.missing", f"{locale} has no example phrases")
            continue
        if len(phrases) > MAX_EXAMPLE_PHRASES:
            report.add(
                join(place, "examplePhrases"),
                "phrase.count",
                f"{len(phrases)} example phrases; at most {MAX_EXAMPLE_PHRASES} are shown",
            )
        for index, phrase in enumerate(phrases):
            if not isinstance(phrase, str):
                continue
            problem = phrase_problem(phrase, samples, first=index == 0, language=locale.split("-")[0])
            if problem:
                code, message = problem
                report.add(join(join(place, "examplePhrases"), index), code, message)


def phrase_problem(phrase: str, samples: SampleIndex, *, first: bool, language: str = "en") -> tuple[str, str] | None:
    """(code, message) for an example phrase that does not invoke the skill
    with an utterance its model understands; None for a good one."""
    invocation = samples.invocation_name
    if not invocation:
        return None  # a missing invocation name is reported on the model
    launch_phrases, connecting_words, trailing_connectors = PHRASE_WORDS.get(language, PHRASE_WORDS["en"])
    match = _WAKE_WORD.match(phrase)
    if not match:
        return "phrase.wake-word", f'{phrase!r} must start with the wake word: "Alexa, ..."'
    rest = normalize(match.group(1))
    for launch in launch_phrases:
        if rest == f"{launch} {invocation}":
            return None
        prefix = f"{launch} {invocation} "
        if rest.startswith(prefix):
            utterance = rest[len(prefix) :]
            candidates = [utterance] + [utterance[len(word) + 1 :] for word in connecting_words if utterance.startswith(word + " ")]
            if any(samples.fits(candidate) for candidate in candidates):
                return None
            return (
                "phrase.no-sample",
                f"{phrase!r}: {utterance!r} matches no sample utterance (with slot values from the model)",
            )
    if first:
        return (
            "phrase.first",
            f'{phrase!r}: the first example phrase must be "Alexa, <open|ask|tell ...> {invocation} ..."',
        )
    for connector in trailing_connectors:
        suffix = f" {connector} {invocation}"
        if rest.endswith(suffix):
            utterance = rest[: -len(suffix)]
            if samples.fits(utterance):
                return None
            return "phrase.no-sample", f"{phrase!r}: {utterance!r} matches no sample utterance"
    return "phrase.invocation", f"{phrase!r} does not invoke {invocation!r} with a launch phrase"
