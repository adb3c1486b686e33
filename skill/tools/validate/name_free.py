"""Name-free routing: the CanFulfillIntentRequest interface and the name-free
interaction toolkit's launch phrases.

- The manifest declares `CAN_FULFILL_INTENT_REQUEST` exactly when the skill
  answers the request (asked of the real skill, with a real envelope): a
  declared interface the skill ignores would be asked and get silence; a
  handler without the interface is never asked.
- `interactionModel._nameFreeInteraction` (Amazon's toolkit, English locales
  only): ingress points of type LAUNCH (no name) or INTENT (an intent of the
  model that the skill answers YES to a CanFulfillIntentRequest for), each
  with one to five slot-free RAW_TEXT phrases; an intent's phrases are
  understood as that intent by the model's own samples.
"""

from __future__ import annotations

from typing import Any

from skill.core import can_fulfill
from skill.tools.validate import amazon_rules
from skill.tools.validate.files import ModelFile, SkillPackage
from skill.tools.validate.report import Problem, Report, join

INTERFACE = "CAN_FULFILL_INTENT_REQUEST"
INTERFACES = "manifest.apis.custom.interfaces"
CONTAINER = "_nameFreeInteraction"
PLACE = join("interactionModel", CONTAINER)
# Amazon: up to five phrases per ingress point; the toolkit is for en-* locales.
MAX_PHRASES = 5
LANGUAGES = ("en",)
KINDS = ("LAUNCH", "INTENT")


def check(package: SkillPackage) -> list[Problem]:
    problems = check_interface(package)
    for file in package.models:
        report = Report(file.name)
        check_launch_phrases(file, report)
        problems += report.problems
    return problems


def skill_answers_can_fulfill() -> bool:
    """Whether the real skill answers a CanFulfillIntentRequest with a verdict."""
    from skill.core import contract
    from skill.core.builder import lambda_handler_for
    from skill.tools.alexa import envelopes

    event = envelopes.can_fulfill_request(contract.START_CHECK, in_session=False, with_user=False)
    response = lambda_handler_for()(event, None).get("response") or {}
    return "canFulfillIntent" in response


def declared_interfaces(manifest: Any) -> list[Any]:
    custom = ((manifest or {}).get("manifest") or {}).get("apis", {}).get("custom") if isinstance(manifest, dict) else None
    interfaces = custom.get("interfaces") if isinstance(custom, dict) else None
    return [item.get("type") for item in interfaces if isinstance(item, dict)] if isinstance(interfaces, list) else []


def check_interface(package: SkillPackage) -> list[Problem]:
    if not isinstance(package.manifest, dict):
        return []  # reported by the manifest checks
    report = Report(package.manifest_name)
    declared = INTERFACE in declared_interfaces(package.manifest)
    handled = skill_answers_can_fulfill()
    if declared and not handled:
        report.add(INTERFACES, "can-fulfill.unhandled", f"{INTERFACE} is declared but the skill does not answer CanFulfillIntentRequest")
    if handled and not declared:
        report.add(INTERFACES, "can-fulfill.undeclared", f"the skill answers CanFulfillIntentRequest but {INTERFACE} is not declared: Alexa never asks")
    return report.problems


def check_launch_phrases(file: ModelFile, report: Report) -> None:
    model = file.data.get("interactionModel") if isinstance(file.data, dict) else None
    if file.model is None or not isinstance(model, dict) or CONTAINER not in model:
        return  # a model the loader cannot read is reported on its own
    if file.locale.split("-")[0] not in LANGUAGES:
        report.add(PLACE, "name-free.locale", f"the name-free interaction toolkit is for English locales only, not {file.locale}")
        return
    points = model[CONTAINER].get("ingressPoints") if isinstance(model[CONTAINER], dict) else None
    if not isinstance(points, list) or not points:
        report.add(PLACE, "name-free.shape", 'expected {"ingressPoints": [...]} with at least one ingress point')
        return
    seen: dict[str, str] = {}
    for index, point in enumerate(points):
        _check_point(file, point, join(join(PLACE, "ingressPoints"), index), seen, report)


def _check_point(file: ModelFile, point: Any, place: str, seen: dict[str, str], report: Report) -> None:
    if not isinstance(point, dict) or point.get("type") not in KINDS:
        report.add(place, "name-free.shape", f"an ingress point is an object whose type is one of {', '.join(KINDS)}")
        return
    name = point.get("name")
    if point["type"] == "LAUNCH" and name is not None:
        report.add(join(place, "name"), "name-free.shape", "a LAUNCH ingress point has no name")
    if point["type"] == "INTENT":
        if file.model is None or name not in file.model.intent_names:
            report.add(join(place, "name"), "name-free.intent", f"{name!r} is not an intent of the {file.locale} model")
            return
        if can_fulfill.intent_verdict(name, {}) != can_fulfill.YES:
            report.add(join(place, "name"), "name-free.not-served", f"{name} is not answered YES to CanFulfillIntentRequest: no launch phrase may lead to it")
    phrases = point.get("sampleUtterances")
    if not isinstance(phrases, list) or not 1 <= len(phrases) <= MAX_PHRASES:
        report.add(join(place, "sampleUtterances"), "name-free.count", f"one to {MAX_PHRASES} phrases per ingress point")
        phrases = phrases if isinstance(phrases, list) else []
    for index, phrase in enumerate(phrases):
        _check_phrase(file, phrase, name if point["type"] == "INTENT" else None, join(join(place, "sampleUtterances"), index), seen, report)


def _check_phrase(file: ModelFile, phrase: Any, intent: str | None, place: str, seen: dict[str, str], report: Report) -> None:
    if not isinstance(phrase, dict) or phrase.get("format") != "RAW_TEXT" or not isinstance(phrase.get("value"), str):
        report.add(place, "name-free.shape", 'each phrase is {"format": "RAW_TEXT", "value": "..."}')
        return
    text = phrase["value"]
    if "{" in text or "}" in text:
        report.add(join(place, "value"), "name-free.slot", f"{text!r}: launch phrases take no slots")
        return
    amazon_rules._check_sample(text, intent or "the launch phrases", {}, join(place, "value"), report)  # Amazon's sample rules
    key = " ".join(text.lower().split())
    if key in seen:
        report.add(join(place, "value"), "name-free.duplicate", f"{text!r} is already a launch phrase ({seen[key]})")
    seen[key] = intent or "LAUNCH"
    if intent is not None and file.samples is not None and intent not in file.samples.fits(text):
        report.add(join(place, "value"), "name-free.not-understood", f"{text!r} fits no sample of {intent}: the skill would not understand it")
